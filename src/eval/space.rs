//! Where things are: distances to lines and zone membership on the sphere.
//!
//! Distances are great-circle (haversine, mean Earth radius 6,371,008.8 m):
//! within about 0.5 % of the ellipsoid, far below the ~1 km accuracy of the
//! shipped 1:10m lines. Polygon membership is tested in lon/lat, as GeoJSON
//! (RFC 7946) specifies.

use geo::{
    Closest, Contains, Coord, Distance, Haversine, HaversineClosestPoint, Intersects,
    Line as Segment, MultiLineString, Point as GeoPoint,
};

use super::truth::Truth;
use crate::check::{Rulebook, ZoneShape};
use crate::events::Point;

/// Whether a point lies in a zone, with what was computed to decide it.
#[derive(Clone)]
pub struct Membership {
    pub truth: Truth,
    pub computed: String,
}

fn geo(p: &Point) -> GeoPoint {
    GeoPoint::new(p.lon, p.lat)
}

/// Great-circle distance in metres from a point to the nearest part of a line.
///
/// Segments are first ranked by a cheap local flat-earth distance; only those
/// within a safe margin of the best get the exact great-circle treatment.
pub fn distance_to_line(p: &Point, line: &MultiLineString) -> Option<f64> {
    let from = geo(p);
    let scale = p.lat.to_radians().cos().max(0.01);
    let flat = |a: Coord, b: Coord| {
        let (ax, ay, bx, by) = (
            (a.x - p.lon) * scale,
            a.y - p.lat,
            (b.x - p.lon) * scale,
            b.y - p.lat,
        );
        let (dx, dy) = (bx - ax, by - ay);
        let len = dx * dx + dy * dy;
        let t = if len > 0.0 {
            (-(ax * dx + ay * dy) / len).clamp(0.0, 1.0)
        } else {
            0.0
        };
        ((ax + t * dx).powi(2) + (ay + t * dy).powi(2)).sqrt()
    };
    let segments = || line.iter().flat_map(|l| l.lines());
    let best = segments()
        .map(|s| flat(s.start, s.end))
        .fold(f64::INFINITY, f64::min);
    if !best.is_finite() {
        return None;
    }
    // 5 % plus about 100 m covers the flat-earth error at these scales.
    let margin = best * 1.05 + 0.001;
    segments()
        .filter(|s| flat(s.start, s.end) <= margin)
        .filter_map(|s| match s.haversine_closest_point(&from) {
            Closest::Intersection(_) => Some(0.0),
            Closest::SinglePoint(q) => Some(Haversine.distance(from, q)),
            Closest::Indeterminate => None,
        })
        .reduce(f64::min)
}

/// Decides zone membership; an uncertain position that straddles the
/// zone's edge is unknown, never a guess.
pub fn in_zone(p: &Point, zone: usize, rulebook: &Rulebook) -> Membership {
    let z = &rulebook.zones[zone];
    match &z.shape {
        ZoneShape::Buffer { line, metres } => {
            let l = &rulebook.lines[*line];
            let Some(d) = distance_to_line(p, &l.geometry) else {
                return unknown(format!("distance to line `{}` cannot be computed", l.name));
            };
            let truth = if d + p.accuracy <= *metres {
                Truth::True
            } else if d - p.accuracy > *metres {
                Truth::False
            } else {
                Truth::Unknown
            };
            let accuracy = accuracy_note(p);
            let computed = format!(
                "{} from line `{}`{accuracy}; zone `{}` reaches {}",
                km(d),
                l.name,
                z.name,
                km(*metres)
            );
            Membership { truth, computed }
        }
        ZoneShape::Polygon(polygons) => {
            let inside = polygons.contains(&geo(p));
            // Every ring counts as an edge: the outer boundary and any holes.
            let edge = polygons
                .iter()
                .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors()))
                .filter_map(|ring| distance_to_line(p, &MultiLineString::new(vec![ring.clone()])))
                .fold(f64::INFINITY, f64::min);
            let truth = match (inside, edge <= p.accuracy) {
                (_, true) => Truth::Unknown,
                (true, false) => Truth::True,
                (false, false) => Truth::False,
            };
            let side = if inside { "inside" } else { "outside" };
            let computed = format!(
                "{side} zone `{}`, {} from its edge{}",
                z.name,
                km(edge),
                accuracy_note(p)
            );
            Membership { truth, computed }
        }
    }
}

/// Whether the straight path from `a` to `b` crosses a line.
pub fn crosses(a: &Point, b: &Point, line: usize, rulebook: &Rulebook) -> Membership {
    let l = &rulebook.lines[line];
    let segment = Segment::new(geo(a).0, geo(b).0);
    let hit = segment.intersects(&l.geometry);
    let da = distance_to_line(a, &l.geometry).unwrap_or(f64::INFINITY);
    let db = distance_to_line(b, &l.geometry).unwrap_or(f64::INFINITY);
    // An end closer to the line than its own uncertainty could be on either side.
    let truth = if da <= a.accuracy || db <= b.accuracy {
        Truth::Unknown
    } else {
        Truth::from(hit)
    };
    let verb = if hit { "crosses" } else { "does not cross" };
    let computed = format!(
        "path {verb} line `{}`; origin {} and target {} from it",
        l.name,
        km(da),
        km(db)
    );
    Membership { truth, computed }
}

fn unknown(computed: String) -> Membership {
    Membership {
        truth: Truth::Unknown,
        computed,
    }
}

fn accuracy_note(p: &Point) -> String {
    if p.accuracy > 0.0 {
        format!(" (± {})", km(p.accuracy))
    } else {
        String::new()
    }
}

/// `0.7 km`, `12.3 km`, `450 m`.
pub fn km(metres: f64) -> String {
    if !metres.is_finite() {
        "an unknown distance".to_owned()
    } else if metres < 1000.0 {
        format!("{} m", fixed(metres, 0))
    } else {
        format!("{} km", fixed(metres / 1000.0, 1))
    }
}

/// A non-negative number with a fixed count of decimals, rounded half up.
/// Integer formatting: much faster than `{:.N}` on floats, which verdicts
/// print by the million.
pub fn fixed(x: f64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let n = (x * scale as f64).round() as u64;
    if decimals == 0 {
        return n.to_string();
    }
    format!(
        "{}.{:0width$}",
        n / scale,
        n % scale,
        width = decimals as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, coord};

    fn mdl_piece() -> MultiLineString {
        // A piece of the MDL near Panmunjom, from the shipped approximation.
        MultiLineString::new(vec![LineString::new(vec![
            coord! { x: 126.66906669066691, y: 37.8280650528921 },
            coord! { x: 126.66186661866618, y: 37.914182493656114 },
            coord! { x: 126.66546665466655, y: 37.93782257543448 },
        ])])
    }

    #[test]
    fn distance_to_a_line_in_metres() {
        // 0.01° of longitude east of a vertex at 37.9378° N is 878 m.
        let p = Point {
            lat: 37.93782257543448,
            lon: 126.67546665466655,
            accuracy: 0.0,
        };
        let d = distance_to_line(&p, &mdl_piece()).unwrap();
        assert!((d - 877.0).abs() < 15.0, "got {d}");
    }

    #[test]
    fn the_flat_prefilter_keeps_the_exact_nearest_segment() {
        // Against every vertex-offset point, the filtered answer equals the
        // brute-force great-circle minimum over all segments.
        let line = mdl_piece();
        for (dlat, dlon) in [(0.3, 0.0), (-0.2, 0.4), (0.01, -0.01), (2.0, 2.0)] {
            let p = Point {
                lat: 37.9 + dlat,
                lon: 126.66 + dlon,
                accuracy: 0.0,
            };
            let brute = line
                .iter()
                .flat_map(|l| l.lines())
                .filter_map(|s| match s.haversine_closest_point(&geo(&p)) {
                    Closest::SinglePoint(q) => Some(Haversine.distance(geo(&p), q)),
                    Closest::Intersection(_) => Some(0.0),
                    Closest::Indeterminate => None,
                })
                .fold(f64::INFINITY, f64::min);
            assert_eq!(distance_to_line(&p, &line), Some(brute));
        }
    }

    #[test]
    fn distances_read_as_people_write_them() {
        assert_eq!(km(450.4), "450 m");
        assert_eq!(km(1_260.0), "1.3 km");
        assert_eq!(fixed(37.94617, 4), "37.9462");
        assert_eq!(fixed(0.04, 4), "0.0400");
        assert_eq!(fixed(126.0, 4), "126.0000");
    }
}
