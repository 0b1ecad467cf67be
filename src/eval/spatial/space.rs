//! Where things are: distances to lines and points, sides of lines, and
//! crossings, on the sphere.
//!
//! Distances are great-circle (haversine, mean Earth radius 6,371,008.8 m):
//! within about 0.5 % of the ellipsoid, far below the ~1 km accuracy of the
//! shipped 1:10m lines. Segments are straight in lon/lat and polygon
//! membership is tested in lon/lat, as GeoJSON (RFC 7946) specifies; a long
//! segment is measured in pieces short enough to be great-circle arcs.

use geo::{
    Closest, Coord, Distance, Haversine, HaversineClosestPoint, Intersects, Line as Segment,
    MultiLineString, Point as GeoPoint,
};

use crate::check::sides::{METRES_PER_DEGREE, flat_distance, nearest_side};
use crate::check::{SegmentIndex, Side};
use crate::eval::truth::Truth;
use crate::events::Point;

pub(in crate::eval) fn geo(p: &Point) -> GeoPoint {
    GeoPoint::new(p.lon, p.lat)
}

/// Great-circle distance in metres from a point to the nearest part of a line.
pub fn distance_to_line(p: &Point, line: &MultiLineString) -> Option<f64> {
    distance_indexed(p, line, None)
}

/// [`distance_to_line`], asking the line's spatial index, when it has one,
/// which segments may be nearest.
///
/// Without an index, segments are first ranked by a cheap local flat-earth
/// distance, and only those within a safe margin of the best get the exact
/// great-circle treatment; the index hands on the same margin's segments
/// without visiting the others.
pub fn distance_indexed(
    p: &Point,
    line: &MultiLineString,
    index: Option<&SegmentIndex>,
) -> Option<f64> {
    match index.and_then(|ix| ix.candidates(p.lon, p.lat)) {
        Some(found) => {
            let found: Vec<Segment> = found
                .into_iter()
                .map(|(part, i)| segment(line, part, i))
                .collect();
            nearest(p, found.iter().copied())
        }
        None => nearest(
            p,
            line.0
                .iter()
                .flat_map(|l| l.0.windows(2).map(|w| Segment::new(w[0], w[1]))),
        ),
    }
}

/// Ranks segments by the flat distance, then measures exactly on the
/// sphere those that could be nearest.
fn nearest(p: &Point, segments: impl Iterator<Item = Segment> + Clone) -> Option<f64> {
    let from = geo(p);
    let scale = p.lat.to_radians().cos().max(0.01);
    let flat = |s: &Segment| {
        let c = |c: Coord| Coord {
            x: (c.x - p.lon) * scale,
            y: c.y - p.lat,
        };
        flat_distance(c(s.start), c(s.end)).0
    };
    let best = segments
        .clone()
        .map(|s| flat(&s))
        .fold(f64::INFINITY, f64::min);
    if !best.is_finite() {
        return None;
    }
    let margin = best * (1.0 + flat_error(best, p.lat)) + 1e-7;
    segments
        .filter(|s| flat(s) <= margin)
        .filter_map(|s| exact(p, from, s))
        .reduce(f64::min)
}

/// The longest piece, in degrees of longitude or latitude, measured as a
/// great-circle arc: a segment is straight in longitude and latitude (as
/// GeoJSON draws it, and as membership of a zone is decided), and within
/// 0.05° (about 5.5 km) that line and the great circle through its ends
/// part by at most about 0.3 m (at 45° of latitude; less towards the equator
/// and the poles).
const PIECE_DEGREES: f64 = 0.05;

/// The most pieces a segment is cut into: a segment half round the world
/// (180°) needs 3,600.
const MAX_PIECES: f64 = 8_192.0;

/// How many pieces a segment is measured in.
fn pieces(s: &Segment) -> usize {
    let (dx, dy) = (s.end.x - s.start.x, s.end.y - s.start.y);
    (dx.abs().max(dy.abs()) / PIECE_DEGREES)
        .ceil()
        .clamp(1.0, MAX_PIECES) as usize
}

/// The pieces the segments of some lines or rings are measured in, beyond
/// one each: what measuring a distance to them costs more than a segment
/// each (the geometry lint charges it to its budget).
pub fn extra_pieces<'a>(lines: impl Iterator<Item = &'a geo::LineString>) -> u64 {
    lines
        .flat_map(|l| l.lines())
        .map(|s| pieces(&s) as u64 - 1)
        .fold(0, u64::saturating_add)
}

/// The exact distance to one segment. A long one is cut into pieces
/// straight in longitude and latitude, each measured on the sphere: the
/// great circle through a long segment's ends can run far from it (from
/// (0°, 80° N) to (180°, 80° N) it passes over the pole, and points on the
/// 180° meridian south of the equator lay on it, 0 m from the segment).
fn exact(p: &Point, from: GeoPoint, s: Segment) -> Option<f64> {
    let (dx, dy) = (s.end.x - s.start.x, s.end.y - s.start.y);
    let n = pieces(&s);
    if n > 1 {
        let at = |k: usize| {
            let t = k as f64 / n as f64;
            Coord {
                x: s.start.x + dx * t,
                y: s.start.y + dy * t,
            }
        };
        let cut = (0..n).map(move |k| Segment::new(at(k), at(k + 1)));
        return nearest(p, cut);
    }
    match s.haversine_closest_point(&from) {
        Closest::Intersection(_) => Some(0.0),
        Closest::SinglePoint(q) => Some(Haversine.distance(from, q)),
        Closest::Indeterminate => None,
    }
}

/// How far, as a fraction, the flat projection centred on a point at
/// latitude `lat` may misjudge a distance of `degrees` against the sphere:
/// the east-west scale changes with latitude across the distance, by about
/// its length in radians times the tangent of the latitude reached; doubled
/// for safety, and never under 0.2 %. Segments within that fraction of the
/// nearest-looking one are measured exactly (a unit test checks the result
/// against every segment, for a detailed line and points up to 30 km off).
fn flat_error(degrees: f64, lat: f64) -> f64 {
    let reached = (lat.abs() + degrees).min(89.0).to_radians();
    (degrees.to_radians() * reached.tan() * 2.0).max(0.002)
}

/// Great-circle distance in metres from a point to the nearest edge of a
/// polygon: its outer boundary or a hole's; infinite for no polygon.
pub fn distance_to_rings(p: &Point, polygons: &geo::MultiPolygon) -> f64 {
    let segments = polygons
        .0
        .iter()
        .flat_map(|poly| std::iter::once(poly.exterior()).chain(poly.interiors().iter()))
        .flat_map(|ring| ring.0.windows(2).map(|w| Segment::new(w[0], w[1])));
    nearest(p, segments).unwrap_or(f64::INFINITY)
}

fn segment(line: &MultiLineString, part: usize, i: usize) -> Segment {
    let pts = &line.0[part].0;
    Segment::new(pts[i], pts[i + 1])
}

/// The side of a line a point lies on, and its distance from the line in
/// metres; `None` for a line with no segments. The side is `None` for a
/// point beyond either end of the line, where the line divides nothing
/// (Ganghwa island lies west of where the MDL begins: it is on neither
/// side of it).
#[cfg(test)]
pub fn side_of(p: &Point, line: &MultiLineString) -> Option<(Option<Side>, f64)> {
    side_indexed(p, line, None, false)
}

/// [`side_of`], with the line's spatial index when it has one: the side
/// from [`crate::check::sides::nearest_side`], the distance in metres
/// from the nearest segment (or, beyond an end of an `extended` line, from
/// the end segment's extension when that is nearer).
pub fn side_indexed(
    p: &Point,
    line: &MultiLineString,
    index: Option<&SegmentIndex>,
    extended: bool,
) -> Option<(Option<Side>, f64)> {
    let found = index.and_then(|ix| ix.candidates(p.lon, p.lat));
    let near = nearest_side(p.lon, p.lat, line, found.as_deref(), extended)?;
    let all = || {
        line.0
            .iter()
            .enumerate()
            .flat_map(|(part, l)| (0..l.0.len().saturating_sub(1)).map(move |i| (part, i)))
    };
    let distance = match found {
        Some(found) => nearest(p, found.into_iter().map(|(part, i)| segment(line, part, i))),
        None => nearest(p, all().map(|(part, i)| segment(line, part, i))),
    }?;
    let beyond = near.beyond.map(|b| b * METRES_PER_DEGREE);
    Some((near.side, beyond.map_or(distance, |b| b.min(distance))))
}

/// Great-circle distance in metres between two points.
pub fn between(a: &Point, b: &Point) -> f64 {
    Haversine.distance(geo(a), geo(b))
}

/// Decides whether `d`, known to within `accuracy`, is at most `limit`.
pub fn within_limit(d: f64, accuracy: f64, limit: f64) -> Truth {
    if d + accuracy <= limit {
        Truth::True
    } else if d - accuracy > limit {
        Truth::False
    } else {
        Truth::Unknown
    }
}

/// Whether the straight path from `a` to `b` crosses a line, and if it
/// must start on a given side, whether it does.
#[cfg(test)]
pub fn crosses(a: &Point, b: &Point, line: &MultiLineString, from: Option<Side>) -> Truth {
    crosses_indexed(a, b, line, None, from)
}

/// [`crosses`], with the line's spatial index when it has one.
pub fn crosses_indexed(
    a: &Point,
    b: &Point,
    line: &MultiLineString,
    index: Option<&SegmentIndex>,
    from: Option<Side>,
) -> Truth {
    let segment = Segment::new(geo(a).0, geo(b).0);
    let slack = a.accuracy.max(b.accuracy);
    let touches = segment.intersects(line);
    if !touches {
        // Shifted within its ends' uncertainty, could the path reach the line?
        return if slack > 0.0 && path_gap(&segment, line, a, b) <= slack {
            Truth::Unknown
        } else {
            Truth::False
        };
    }
    // Crossing is of the line as drawn, never of its extension.
    let sides = (
        side_indexed(a, line, index, false),
        side_indexed(b, line, index, false),
    );
    let (Some((side_a, da)), Some((side_b, db))) = sides else {
        return Truth::Unknown;
    };
    if slack == 0.0 && !crosses_properly(&segment, line) {
        // Only touching the line (a vertex, an end) is not crossing it.
        return Truth::False;
    }
    // With uncertain ends, only ends surely on opposite sides decide it: a
    // path whose ends share a side may dip across, or only graze.
    let opposite = matches!((side_a, side_b), (Some(x), Some(y)) if x != y);
    if slack > 0.0 && !(opposite && da > a.accuracy && db > b.accuracy) {
        return Truth::Unknown;
    }
    match (from, side_a) {
        (None, _) => Truth::True,
        (Some(wanted), Some(start)) => Truth::from(wanted == start),
        // A path from beyond the line's end: which side it came from is undefined.
        (Some(_), None) => Truth::Unknown,
    }
}

/// Whether a segment crosses some segment of the line at a point inside both.
fn crosses_properly(segment: &Segment, line: &MultiLineString) -> bool {
    use geo::line_intersection::{LineIntersection, line_intersection};
    line.iter().flat_map(|l| l.lines()).any(|s| {
        matches!(
            line_intersection(*segment, s),
            Some(LineIntersection::SinglePoint {
                is_proper: true,
                ..
            })
        )
    })
}

/// A lower bound, in metres, on how far a path is from a line: the plane
/// distance in degrees, with a degree of longitude taken at its shortest
/// across the path's latitudes.
fn path_gap(segment: &Segment, line: &MultiLineString, a: &Point, b: &Point) -> f64 {
    use geo::Euclidean;
    let degrees = Euclidean.distance(segment, line);
    let widest = (a.lat.abs().max(b.lat.abs()) + degrees).min(89.0);
    degrees * METRES_PER_DEGREE * widest.to_radians().cos()
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
    let mut out = String::new();
    push_fixed(&mut out, x, decimals);
    out
}

/// [`fixed`], written at the end of `out`.
pub fn push_fixed(out: &mut String, x: f64, decimals: u32) {
    use std::fmt::Write;
    // Past what the integers hold exactly, the float's own formatting.
    if !(0.0..1e15).contains(&x) {
        let _ = write!(out, "{x:.0$}", decimals as usize);
        return;
    }
    let scale = 10u64.pow(decimals);
    let n = (x * scale as f64).round() as u64;
    if decimals == 0 {
        let _ = write!(out, "{n}");
        return;
    }
    let _ = write!(
        out,
        "{}.{:0width$}",
        n / scale,
        n % scale,
        width = decimals as usize
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixed_reads_large_numbers_as_they_are() {
        assert_eq!(super::fixed(1.25, 1), "1.3");
        assert_eq!(super::fixed(5556.0, 0), "5556");
        // Beyond what a u64 holds once scaled: no wrap-around.
        assert_eq!(super::fixed(1.8e20, 1), "180000000000000000000.0");
    }

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
        // brute-force minimum over all segments, each cut ten times finer
        // than the measure cuts it (the two differ by under 0.3 m).
        let line = mdl_piece();
        for (dlat, dlon) in [(0.3, 0.0), (-0.2, 0.4), (0.01, -0.01), (2.0, 2.0)] {
            let p = Point {
                lat: 37.9 + dlat,
                lon: 126.66 + dlon,
                accuracy: 0.0,
            };
            let d = distance_to_line(&p, &line).unwrap();
            let expected = brute(&p, &line);
            assert!((d - expected).abs() < 0.3, "{d} against {expected}");
        }
    }

    /// A segment straight in longitude and latitude is not a great circle:
    /// from (0°, 80° N) to (180°, 80° N) it runs along the parallel, while
    /// the great circle through its ends passes over the pole, and points on
    /// the 180° meridian were once 0 m from it.
    #[test]
    fn a_long_segment_is_measured_as_drawn() {
        let line = MultiLineString::new(vec![LineString::new(vec![
            coord! { x: 0.0, y: 80.0 },
            coord! { x: 180.0, y: 80.0 },
        ])]);
        let degree = 6_371_008.8_f64.to_radians();
        for (lat, lon, expected) in [
            (0.0, 180.0, 80.0 * degree),
            (-10.0, 180.0, 90.0 * degree),
            (10.0, 0.0, 70.0 * degree),
            (80.01, 90.0, 0.01 * degree),
            (89.0, 90.0, 9.0 * degree),
        ] {
            let p = Point {
                lat,
                lon,
                accuracy: 0.0,
            };
            // A point 90° from a piece is near its great circle's pole, where
            // the closest point is ill-conditioned: 0.02 % there.
            let d = distance_to_line(&p, &line).unwrap();
            let tolerance = 1.0 + expected * 2e-4;
            assert!(
                (d - expected).abs() < tolerance,
                "({lat}, {lon}): {d} against {expected}"
            );
        }
    }

    /// The minimum over every segment, the slow way: each cut into pieces
    /// of 0.005° measured on the sphere.
    fn brute(p: &Point, line: &MultiLineString) -> f64 {
        line.iter()
            .flat_map(|l| l.lines())
            .flat_map(|s| {
                let (dx, dy) = (s.end.x - s.start.x, s.end.y - s.start.y);
                let n = (dx.abs().max(dy.abs()) / 0.005).ceil().max(1.0) as usize;
                let at = move |k: usize| {
                    coord! {
                        x: s.start.x + dx * k as f64 / n as f64,
                        y: s.start.y + dy * k as f64 / n as f64,
                    }
                };
                (0..n).map(move |k| Segment::new(at(k), at(k + 1)))
            })
            .filter_map(|s| match s.haversine_closest_point(&geo(p)) {
                Closest::SinglePoint(q) => Some(Haversine.distance(geo(p), q)),
                Closest::Intersection(_) => Some(0.0),
                Closest::Indeterminate => None,
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn scan_and_index_find_the_exact_nearest_segment_of_a_detailed_line() {
        // The MDL piece cut into 40 m segments, as survey data would be, and
        // points up to 30 km away: the prefilter's margin and the index's
        // candidates must both keep the true nearest segment.
        let piece = mdl_piece();
        let mut coords = Vec::new();
        for w in piece.0[0].0.windows(2) {
            for k in 0..300 {
                let t = f64::from(k) / 300.0;
                coords.push(
                    coord! { x: w[0].x + (w[1].x - w[0].x) * t, y: w[0].y + (w[1].y - w[0].y) * t },
                );
            }
        }
        coords.extend(piece.0[0].0.last().copied());
        let dense = MultiLineString::new(vec![LineString::new(coords)]);
        let index = SegmentIndex::new(&dense).unwrap();
        let mut seed = 7u64;
        let mut unit = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..2_000 {
            let p = Point {
                lat: 37.88 + (unit() - 0.5) * 0.6,
                lon: 126.665 + (unit() - 0.5) * 0.6,
                accuracy: 0.0,
            };
            let exact = brute(&p, &dense);
            assert_eq!(distance_to_line(&p, &dense), Some(exact), "{p:?}");
            assert_eq!(
                distance_indexed(&p, &dense, Some(&index)),
                Some(exact),
                "{p:?}"
            );
        }
    }

    fn at(lat: f64, lon: f64, accuracy: f64) -> Point {
        Point { lat, lon, accuracy }
    }

    #[test]
    fn grazing_a_vertex_is_not_crossing() {
        // A V whose apex the path touches, both ends on the same side.
        let v = MultiLineString::new(vec![LineString::new(vec![
            coord! { x: 30.0, y: 49.0 },
            coord! { x: 30.5, y: 48.5 },
            coord! { x: 31.0, y: 49.0 },
        ])]);
        let (a, b) = (at(48.5, 30.2, 0.0), at(48.5, 30.8, 0.0));
        assert_eq!(crosses(&a, &b, &v, None), Truth::False);
        // A little higher, the path crosses both arms: over and back.
        let (a, b) = (at(48.6, 30.2, 0.0), at(48.6, 30.8, 0.0));
        assert_eq!(crosses(&a, &b, &v, None), Truth::True);
    }

    #[test]
    fn an_uncertain_path_near_a_line_is_not_decided() {
        // A north-south line from 48 N to 49 N at 30 E.
        let line = MultiLineString::new(vec![LineString::new(vec![
            coord! { x: 30.0, y: 48.0 },
            coord! { x: 30.0, y: 49.0 },
        ])]);
        // Passing 3 km beyond the line's northern end, ends known to 5 km:
        // shifted, the path could cross.
        let (a, b) = (at(49.027, 29.9, 5_000.0), at(49.027, 30.1, 5_000.0));
        assert_eq!(crosses(&a, &b, &line, None), Truth::Unknown);
        // The same path with exact ends misses it.
        let (a, b) = (at(49.027, 29.9, 0.0), at(49.027, 30.1, 0.0));
        assert_eq!(crosses(&a, &b, &line, None), Truth::False);
        // Far from the line, uncertainty does not matter.
        let (a, b) = (at(48.5, 30.5, 5_000.0), at(48.6, 30.9, 5_000.0));
        assert_eq!(crosses(&a, &b, &line, None), Truth::False);
        // Ends surely on either side: crossed, and from the west, which is
        // the left of a line drawn northwards.
        let (a, b) = (at(48.5, 29.8, 1_000.0), at(48.5, 30.2, 1_000.0));
        assert_eq!(crosses(&a, &b, &line, None), Truth::True);
        assert_eq!(crosses(&a, &b, &line, Some(Side::Left)), Truth::True);
        assert_eq!(crosses(&a, &b, &line, Some(Side::Right)), Truth::False);
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
