//! Coordinates that look swapped: a piece of geometry that lies far from
//! the rest of the rulebook's, but would lie near it with longitude and
//! latitude exchanged.
//!
//! Each piece written with coordinates counts once, at its centre (a
//! line's or polygon's bounding box centre; a disc's centre; a reference
//! point; a point a zone must contain). A piece is flagged when it lies
//! more than [`FAR_M`] from the median of the others' centres and, swapped,
//! within [`NEAR_M`] of it. At least two other pieces are needed: with one,
//! either of the two could be the swapped one.

use geo::{BoundingRect, Distance, Haversine, Point as GeoPoint};

use super::{Cx, distance_words};
use crate::check::err::{Problem, Warning};
use crate::check::{CheckWarning, ZoneExpr};
use crate::span::Span;

/// Farther than this from the rest is far. Donbas coordinates swapped land
/// about 1,450 km from where they belong (a degree of latitude is 111 km;
/// (37.5, 48.0) and (48.0, 37.5) are 10.5° apart each way), so a bound of
/// 1,500 km would miss them; the shipped rulebooks' pieces all lie within
/// 400 km of the rest (a unit test checks it).
pub const FAR_M: f64 = 1_000_000.0;

/// Swapped, within this of the rest is near.
pub const NEAR_M: f64 = 300_000.0;

/// A piece of geometry as written: where, what it is, and its centre.
struct Piece {
    span: Span,
    what: String,
    centre: (f64, f64),
    /// A single point (its swap can be spelt out) or a list of them.
    point: bool,
    /// Read from a GeoJSON file (whose positions the advice speaks of).
    file: bool,
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let pieces = pieces(cx);
    if pieces.len() < 3 {
        return;
    }
    let mut lons: Vec<f64> = pieces.iter().map(|p| p.centre.0).collect();
    let mut lats: Vec<f64> = pieces.iter().map(|p| p.centre.1).collect();
    lons.sort_by(f64::total_cmp);
    lats.sort_by(f64::total_cmp);
    for piece in &pieces {
        let (lon, lat) = piece.centre;
        let rest = (median_without(&lons, lon), median_without(&lats, lat));
        if let Some((far, near)) = swapped((lon, lat), rest) {
            cx.found.warnings.push(warning(piece, far, near));
        }
    }
}

/// How far `centre` lies from `rest`, and how far it would lie swapped,
/// when it looks swapped.
fn swapped(centre: (f64, f64), rest: (f64, f64)) -> Option<(f64, f64)> {
    let (lon, lat) = centre;
    // A longitude beyond ±90 cannot be a latitude: nothing to swap.
    if lon.abs() > 90.0 {
        return None;
    }
    let at = |(x, y): (f64, f64)| GeoPoint::new(x, y);
    let far = Haversine.distance(at(centre), at(rest));
    let near = Haversine.distance(at((lat, lon)), at(rest));
    (far > FAR_M && near < NEAR_M).then_some((far, near))
}

fn warning(piece: &Piece, far: f64, near: f64) -> CheckWarning {
    let warning = Warning::Swapped {
        what: piece.what.to_string(),
    };
    let label = format!(
        "{} from the rest of the rulebook's geometry, {} from it swapped",
        distance_words(far),
        distance_words(near)
    );
    let help = if piece.file {
        "GeoJSON positions are [longitude, latitude], longitude first (RFC 7946): exchange them throughout the file".to_owned()
    } else if piece.point {
        let (lon, lat) = piece.centre;
        format!(
            "coordinates are (longitude, latitude), longitude first, as in GeoJSON: write ({lat}, {lon})"
        )
    } else {
        "coordinates are (longitude, latitude), longitude first, as in GeoJSON: exchange them in every point".to_owned()
    };
    warning.at(&piece.span, label).help(help)
}

/// The lower median of the sorted `values` once one `value` is taken out.
fn median_without(sorted: &[f64], value: f64) -> f64 {
    let rank = sorted.partition_point(|v| v.total_cmp(&value).is_lt());
    let k = (sorted.len() - 2) / 2;
    if k < rank { sorted[k] } else { sorted[k + 1] }
}

/// Every piece of the rulebook written with coordinates, in file order of
/// its declarations.
fn pieces(cx: &Cx<'_>) -> Vec<Piece> {
    let r = cx.rulebook;
    let mut out = Vec::new();
    for line in &r.lines {
        if let (Some(g), Some(span)) = (line.drawn(), &line.geometry_span)
            && let Some(rect) = g.bounding_rect()
        {
            out.push(Piece {
                span: span.clone(),
                what: format!("line `{}`", line.name),
                centre: (rect.center().x, rect.center().y),
                point: false,
                file: is_file(span),
            });
        }
        for h in &line.holdings {
            if let Some(point) = h.point {
                out.push(Piece {
                    span: h.span.clone(),
                    what: format!(
                        "`{}`'s reference point on line `{}`",
                        cx.party_id(h.party),
                        line.name
                    ),
                    centre: point,
                    point: true,
                    file: false,
                });
            }
        }
    }
    for (i, zone) in r.zones.iter().enumerate() {
        let owner = cx.zone_words(i);
        leaves(&zone.shape, &owner, &mut out);
        for c in &zone.contains {
            out.push(Piece {
                span: c.span.clone(),
                what: format!("a point {owner} must contain"),
                centre: (c.lon, c.lat),
                point: true,
                file: false,
            });
        }
    }
    out
}

/// The discs and polygons written in a zone's own definition (not in the
/// zones it names, which count where they are declared).
fn leaves(e: &ZoneExpr, owner: &str, out: &mut Vec<Piece>) {
    match e {
        ZoneExpr::Around { lon, lat, span, .. } => out.push(Piece {
            span: span.clone(),
            what: format!("a disc of {owner}"),
            centre: (*lon, *lat),
            point: true,
            file: false,
        }),
        ZoneExpr::Polygon(p, span) => {
            if let Some(rect) = p.bounding_rect() {
                out.push(Piece {
                    span: span.clone(),
                    what: format!("a polygon of {owner}"),
                    centre: (rect.center().x, rect.center().y),
                    point: false,
                    file: is_file(span),
                });
            }
        }
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            leaves(a, owner, out);
            leaves(b, owner, out);
        }
        ZoneExpr::Not(a) => leaves(a, owner, out),
        ZoneExpr::Buffer { .. } | ZoneExpr::Zone(_) => {}
    }
}

/// Whether a geometry's span is a GeoJSON file's name (`"geo/x.geojson"`).
fn is_file(span: &Span) -> bool {
    span.text().starts_with('"')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{DONBAS, problems};

    const CONTACT: &str = "line contact from \"geo/donbas-contact-line-2015-02.geojson\" { UA holds west, RU holds east }\n";

    #[test]
    fn a_donbas_disc_written_latitude_first_is_flagged_alone() {
        // Debaltseve, (38.405, 48.34), and the same written latitude first,
        // beside the February 2015 line of contact (lines 10 to 12).
        let text = format!(
            "{DONBAS}{CONTACT}zone debaltseve = within 3 km of (38.405, 48.34)\nzone checkpoint = within 2 km of (48.34, 38.405)\n"
        );
        assert_eq!(problems(&text), [("truce::check::swapped".to_owned(), 12)]);
    }

    #[test]
    fn with_one_other_piece_neither_can_be_told_swapped() {
        let text = format!("{DONBAS}{CONTACT}zone checkpoint = within 2 km of (48.34, 38.405)\n");
        assert_eq!(problems(&text), []);
    }

    #[test]
    fn a_line_written_latitude_first_is_flagged() {
        // Three points of the line of contact, each written latitude first.
        let text = format!(
            "{DONBAS}{CONTACT}zone debaltseve = within 3 km of (38.405, 48.34)\nline swapped = [(48.9, 39.7), (48.3, 38.0), (47.1, 37.8)]\n"
        );
        assert_eq!(problems(&text), [("truce::check::swapped".to_owned(), 12)]);
    }

    #[test]
    fn the_shipped_rulebooks_pieces_lie_far_within_the_bound() {
        // The farthest any piece of a shipped rulebook lies from the median
        // of the others: a margin of more than two to one below `FAR_M`.
        for entry in std::fs::read_dir("rules").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "truce") {
                continue;
            }
            let checked = crate::load_rulebook(&path).unwrap();
            let r = &checked.rulebook;
            let cx = Cx {
                rulebook: r,
                budget: 0,
                costs: Vec::new(),
                found: Default::default(),
            };
            let pieces = pieces(&cx);
            if pieces.len() < 3 {
                continue;
            }
            let mut lons: Vec<f64> = pieces.iter().map(|p| p.centre.0).collect();
            let mut lats: Vec<f64> = pieces.iter().map(|p| p.centre.1).collect();
            lons.sort_by(f64::total_cmp);
            lats.sort_by(f64::total_cmp);
            for p in &pieces {
                let (lon, lat) = p.centre;
                let rest = (median_without(&lons, lon), median_without(&lats, lat));
                let at = |(x, y): (f64, f64)| GeoPoint::new(x, y);
                let d = Haversine.distance(at(p.centre), at(rest));
                assert!(
                    d < 400_000.0,
                    "{}: {} lies {d} m off",
                    path.display(),
                    p.what
                );
            }
        }
    }

    #[test]
    fn the_median_leaves_one_value_out() {
        let sorted = [1.0, 2.0, 3.0, 10.0];
        assert_eq!(median_without(&sorted, 10.0), 2.0);
        assert_eq!(median_without(&sorted, 1.0), 3.0);
        assert_eq!(median_without(&[1.0, 2.0, 50.0], 50.0), 1.0);
    }

    #[test]
    fn donbas_coordinates_swapped_look_swapped() {
        // Debaltseve, (38.405, 48.340), written latitude first, against the
        // Donbas line of contact's centre.
        let rest = (38.2, 48.2);
        let (far, near) = swapped((48.340, 38.405), rest).expect("looks swapped");
        assert!((1_300_000.0..1_500_000.0).contains(&far), "{far}");
        assert!(near < 50_000.0, "{near}");
        // As written rightly, nothing.
        assert_eq!(swapped((38.405, 48.340), rest), None);
    }

    #[test]
    fn korean_coordinates_cannot_be_swapped_into_range() {
        // Panmunjom swapped would have latitude 126.68: the checker refuses
        // it as out of range, and no longitude beyond 90 is a latitude.
        assert_eq!(swapped((126.6773, 37.9559), (37.9, 126.7)), None);
    }

    #[test]
    fn a_far_point_is_not_swapped_unless_swapping_brings_it_near() {
        // Cyprus against Donbas: far, but swapped no nearer.
        assert_eq!(swapped((33.3, 35.15), (38.2, 48.2)), None);
        // Israel–Lebanon swapped lands about 330 km off, within the
        // region: nothing is flagged (the thresholds cannot tell).
        assert_eq!(swapped((33.1, 35.5), (35.5, 33.1)), None);
    }
}
