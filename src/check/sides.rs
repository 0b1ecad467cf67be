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
