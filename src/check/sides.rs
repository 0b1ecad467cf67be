//! Which side of a drawn line a point lies on, in a flat projection
//! centred on the point (exact enough near the line, where it matters).
//! The checker reads the side a reference point names (`UA holds side of
//! (37.5, 48.0)`); evaluation reads the side of every position it tests.

use geo::{Coord, MultiLineString};

use super::rulebook::Side;

/// The side of a line nearest a point: `side` is `None` beyond either end
/// of a line not `extended` (where the line divides nothing), and `beyond`
/// is, beyond an end of an `extended` line, the point's distance from the
/// end segment's extension, in degrees of latitude.
pub struct NearestSide {
    pub side: Option<Side>,
    pub beyond: Option<f64>,
}

/// The side of `line` that (`lon`, `lat`) lies on, read from the nearest
/// segment among `candidates` (every segment when `None`). Where the
/// nearest part of the line is a vertex, the two segments meeting there
/// decide together: inside a left turn a point is on the left only if it
/// is left of both, outside it if it is left of either. `None` for a line
/// with no segments.
pub fn nearest_side(
    lon: f64,
    lat: f64,
    line: &MultiLineString,
    candidates: Option<&[(usize, usize)]>,
    extended: bool,
) -> Option<NearestSide> {
    let scale = lat.to_radians().cos().max(0.01);
    let flat = |c: Coord| Coord {
        x: (c.x - lon) * scale,
        y: c.y - lat,
    };
    let all = || {
        line.0
            .iter()
            .enumerate()
            .flat_map(|(part, l)| (0..l.0.len().saturating_sub(1)).map(move |i| (part, i)))
    };
    let candidates: Box<dyn Iterator<Item = (usize, usize)>> = match candidates {
        Some(found) => Box::new(found.iter().copied()),
        None => Box::new(all()),
    };
    let origin = Coord { x: 0.0, y: 0.0 };
    let mut best: Option<(f64, (usize, usize), NearestSide)> = None;
    for (part, i) in candidates {
        let pts = &line.0[part].0;
        let last = pts.len() - 2;
        // A piece that ends where it starts (a zone's edge, a ring) has no
        // ends: its first and last segments meet at a vertex like any other.
        let closed = pts.len() >= 4 && pts[0] == pts[pts.len() - 1];
        let (a, b) = (flat(pts[i]), flat(pts[i + 1]));
        let (d, t) = flat_distance(a, b);
        // Ties go to the earlier segment, whatever order candidates came in.
        if best
            .as_ref()
            .is_some_and(|(bd, at, _)| *bd < d || (*bd == d && *at < (part, i)))
        {
            continue;
        }
        let past_end = !closed && ((t < 0.0 && i == 0) || (t > 1.0 && i == last));
        let side = if past_end && !extended {
            None
        } else if past_end {
            Some(left_of(a, b, origin))
        } else if t <= 0.0 && (i > 0 || closed) {
            let before = if i > 0 { pts[i - 1] } else { pts[last] };
            Some(at_vertex(flat(before), a, b))
        } else if t >= 1.0 && (i < last || closed) {
            let after = if i < last { pts[i + 2] } else { pts[1] };
            Some(at_vertex(a, b, flat(after)))
        } else {
            Some(left_of(a, b, origin))
        };
        let beyond = (past_end && extended).then(|| extension_distance(a, b));
        best = Some((d, (part, i), NearestSide { side, beyond }));
    }
    best.map(|(_, _, near)| near)
}

/// Metres in a degree of latitude (the mean Earth radius's, as Haversine).
pub const METRES_PER_DEGREE: f64 = 111_195.0;

/// The distance from the origin to the straight line through `a` and `b`.
fn extension_distance(a: Coord, b: Coord) -> f64 {
    let length = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
    if length == 0.0 {
        return (a.x * a.x + a.y * a.y).sqrt();
    }
    cross(a, b, Coord { x: 0.0, y: 0.0 }).abs() / length
}

/// Distance from the origin to segment `a`–`b`, and where along the
/// segment's line the foot of the perpendicular falls (0 at `a`, 1 at `b`;
/// outside 0..1 when the nearest point is an end).
pub fn flat_distance(a: Coord, b: Coord) -> (f64, f64) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = dx * dx + dy * dy;
    let t = if len > 0.0 {
        -(a.x * dx + a.y * dy) / len
    } else {
        0.0
    };
    let c = t.clamp(0.0, 1.0);
    let (x, y) = (a.x + c * dx, a.y + c * dy);
    ((x * x + y * y).sqrt(), t)
}

fn cross(a: Coord, b: Coord, p: Coord) -> f64 {
    (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
}

fn left_of(a: Coord, b: Coord, p: Coord) -> Side {
    if cross(a, b, p) > 0.0 {
        Side::Left
    } else {
        Side::Right
    }
}

/// The side of the origin at vertex `v` between segments `u`–`v` and `v`–`w`.
fn at_vertex(u: Coord, v: Coord, w: Coord) -> Side {
    let origin = Coord { x: 0.0, y: 0.0 };
    let (first, second) = (cross(u, v, origin) > 0.0, cross(v, w, origin) > 0.0);
    let left_turn = cross(u, v, w) > 0.0;
    let left = if left_turn {
        first && second
    } else {
        first || second
    };
    if left { Side::Left } else { Side::Right }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::LineString;

    fn line(points: &[(f64, f64)]) -> MultiLineString {
        MultiLineString::new(vec![LineString::from(points.to_vec())])
    }

    /// The shipped MDL's first stretch, from the Han estuary north and east.
    fn mdl_west_end() -> MultiLineString {
        line(&[
            (126.669, 37.828),
            (126.662, 37.914),
            (126.665, 37.938),
            (126.676, 37.945),
            (126.698, 37.946),
            (126.723, 37.955),
            (126.763, 37.978),
        ])
    }

    fn side(lon: f64, lat: f64, l: &MultiLineString, extended: bool) -> Option<Side> {
        nearest_side(lon, lat, l, None, extended).and_then(|n| n.side)
    }

    #[test]
    fn islands_at_sea_beyond_the_mdls_end_are_on_neither_side_unless_it_is_extended() {
        let mdl = mdl_west_end();
        // Ganghwa-do and Yeonpyeong-do lie south-west of where the line begins.
        assert_eq!(side(126.44, 37.71, &mdl, false), None);
        assert_eq!(side(125.70, 37.665, &mdl, false), None);
        // Extended, the first segment (running north) puts them on its
        // left, west: a straight guess, which is why the KAA gives areas.
        assert_eq!(side(126.44, 37.71, &mdl, true), Some(Side::Left));
        // Kaesong, north of the line, and Munsan, south of it.
        assert_eq!(side(126.55, 37.97, &mdl, false), Some(Side::Left));
        assert_eq!(side(126.78, 37.86, &mdl, false), Some(Side::Right));
    }

    #[test]
    fn round_a_salient_a_reference_point_names_the_side_a_compass_word_cannot() {
        // A salient round Debaltseve, drawn west to east: the town inside
        // the bend is on the left, with the ground north of the arms; the
        // ground south of the bottom is on the right.
        let front = line(&[
            (38.20, 48.45),
            (38.25, 48.30),
            (38.40, 48.25),
            (38.55, 48.30),
            (38.60, 48.45),
        ]);
        assert_eq!(side(38.405, 48.340, &front, false), Some(Side::Left));
        assert_eq!(side(38.405, 48.150, &front, false), Some(Side::Right));
        // Beyond the arms' northern ends: on neither side.
        assert_eq!(side(38.10, 48.60, &front, false), None);
    }

    #[test]
    fn beyond_an_end_of_an_extended_line_the_distance_is_to_its_extension() {
        // 50 km north of a north-running line's end, 10 km west of its course.
        let l = line(&[(37.0, 47.0), (37.0, 48.0)]);
        let near = nearest_side(36.87, 48.45, &l, None, true).unwrap();
        assert_eq!(near.side, Some(Side::Left));
        let metres = near.beyond.unwrap() * METRES_PER_DEGREE;
        assert!((metres - 9_600.0).abs() < 300.0, "{metres}");
    }
}
