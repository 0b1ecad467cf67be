//! Where to look for a zone's ground: a bounded sample of points that may
//! lie in it, and its discs and polygons as polygons, so that where two
//! zones meet can be computed. Neither decides anything: every point found
//! here is tried with evaluation's own zone test before it is reported.

use geo::{
    BoundingRect, Contains, Coord, CoordsIter, Destination, Haversine, InteriorPoint, LineString,
    MultiLineString, Point as GeoPoint, Polygon,
};

use crate::check::sides::METRES_PER_DEGREE;
use crate::check::{PartyIdx, Rulebook, ZoneExpr};

/// At most this many sample points per zone.
pub const MAX_SAMPLES: usize = 512;
/// At most this many vertices of a ring, or of a line, are sampled.
const PER_RING: usize = 64;
/// At most this many polygons of one zone (and rings of one polygon) are
/// sampled or intersected.
const MAX_POLYGONS: usize = 32;
/// Points beside a line stop being made at about this many.
const MAX_BESIDE: usize = 4_096;
/// A polygon of more vertices is only sampled, not intersected exactly.
pub const MAX_EXACT_VERTICES: usize = 20_000;
/// A disc is intersected as the polygon of this many sides inscribed in it.
pub const DISC_SIDES: usize = 64;
/// At most this many parts of a zone are visited, following the zones it
/// names (which may name one zone many times over).
const MAX_VISITS: usize = 4_096;
/// How far beside a polygon's vertex its samples lie, in degrees (~10 m).
const NUDGE_DEG: f64 = 1e-4;
/// A polygon of at most this many vertices is also sampled on a grid of
/// `GRID` × `GRID` points over its bounding box (those inside it).
const GRID_UP_TO: usize = 2_000;
const GRID: usize = 8;

/// Points that may lie in `zone` for `party`: inside its polygons and
/// just either side of their vertices, its discs' centres and round them,
/// and either side of its bands' lines. A zone given only as `not ...`
/// gives none.
pub fn samples(rulebook: &Rulebook, zone: usize, party: Option<PartyIdx>) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut visits = MAX_VISITS;
    walk(
        rulebook,
        &rulebook.zones[zone].shape,
        party,
        &mut visits,
        &mut out,
    );
    out.retain(|&(lon, lat)| lon.abs() <= 180.0 && lat.abs() <= 90.0);
    thin(out, MAX_SAMPLES)
}

fn walk(
    rulebook: &Rulebook,
    e: &ZoneExpr,
    party: Option<PartyIdx>,
    visits: &mut usize,
    out: &mut Vec<(f64, f64)>,
) {
    if *visits == 0 {
        return;
    }
    *visits -= 1;
    match e {
        ZoneExpr::Polygon(polygons, _) => {
            for p in polygons.iter().take(MAX_POLYGONS) {
                polygon(p, out);
            }
        }
        ZoneExpr::Around {
            lon, lat, metres, ..
        } => {
            out.push((*lon, *lat));
            let centre = GeoPoint::new(*lon, *lat);
            for k in 0..8 {
                let q = Haversine.destination(centre, f64::from(k) * 45.0, metres * 0.9);
                out.push((q.x(), q.y()));
            }
        }
        ZoneExpr::Buffer { line, metres, .. } => {
            let Ok(drawn) = crate::eval::drawn_line(rulebook, *line, party) else {
                return;
            };
            if let Some(g) = rulebook.lines[drawn.index].drawn() {
                band(g, *metres, out);
            }
        }
        ZoneExpr::Zone(i) => walk(rulebook, &rulebook.zones[*i].shape, party, visits, out),
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            walk(rulebook, a, party, visits, out);
            walk(rulebook, b, party, visits, out);
        }
        // Everywhere outside a zone: found, if at all, by the other zone's points.
        ZoneExpr::Not(_) => {}
    }
}

/// A polygon's interior point, points just either side of its vertices,
/// and for a polygon of few vertices, a grid of points inside it.
fn polygon(p: &Polygon, out: &mut Vec<(f64, f64)>) {
    if let Some(q) = p.interior_point() {
        out.push((q.x(), q.y()));
    }
    if p.coords_count() <= GRID_UP_TO
        && let Some(rect) = p.bounding_rect()
    {
        let step = |k: usize, lo: f64, hi: f64| lo + (hi - lo) * (k as f64 + 0.5) / GRID as f64;
        for i in 0..GRID {
            for j in 0..GRID {
                let q = GeoPoint::new(
                    step(i, rect.min().x, rect.max().x),
                    step(j, rect.min().y, rect.max().y),
                );
                if p.contains(&q) {
                    out.push((q.x(), q.y()));
                }
            }
        }
    }
    let rings = std::iter::once(p.exterior()).chain(p.interiors());
    for ring in rings.take(MAX_POLYGONS) {
        let pts = &ring.0;
        // A closed ring repeats its first point last.
        let n = pts.len().saturating_sub(1);
        if n < 3 {
            continue;
        }
        for i in stride(n, PER_RING) {
            let (u, v, w) = (pts[(i + n - 1) % n], pts[i], pts[(i + 1) % n]);
            let b = bisector(u, v, w);
            out.push((v.x + b.x * NUDGE_DEG, v.y + b.y * NUDGE_DEG));
            out.push((v.x - b.x * NUDGE_DEG, v.y - b.y * NUDGE_DEG));
        }
    }
}

/// A unit vector splitting the angle at `v` between `u` and `w` (across
/// the ring where it runs straight).
fn bisector(u: Coord, v: Coord, w: Coord) -> Coord {
    let unit = |c: Coord| {
        let l = c.x.hypot(c.y);
        if l > 0.0 { c / l } else { c }
    };
    let b = unit(u - v) + unit(w - v);
    if b.x.hypot(b.y) > 1e-9 {
        return unit(b);
    }
    let d = unit(w - u);
    Coord { x: -d.y, y: d.x }
}

/// Points either side of a line, half and most of `metres` away, beside
/// its sampled vertices.
fn band(g: &MultiLineString, metres: f64, out: &mut Vec<(f64, f64)>) {
    let offsets = [0.5, 0.95].map(|f| f * metres);
    beside(g, &offsets, out);
}

/// How far from a line its probes lie, in metres: from just beyond a
/// line's accuracy out to where a party's area could still reach.
const PROBES_M: [f64; 7] = [
    1_500.0, 3_000.0, 6_000.0, 12_000.0, 25_000.0, 50_000.0, 100_000.0,
];

/// Points on either side of a line, at each of [`PROBES_M`] from its
/// sampled vertices: where ground near a line lies, whoever holds it.
pub fn probes(g: &MultiLineString) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    beside(g, &PROBES_M, &mut out);
    out.retain(|&(lon, lat)| lon.abs() <= 180.0 && lat.abs() <= 90.0);
    out
}

/// Points on both sides of a line at each of `offsets` metres, square
/// to it at its sampled vertices (in a flat projection).
fn beside(g: &MultiLineString, offsets: &[f64], out: &mut Vec<(f64, f64)>) {
    for part in g.iter() {
        if out.len() >= MAX_BESIDE {
            return;
        }
        let pts = &part.0;
        if pts.len() < 2 {
            continue;
        }
        for i in stride(pts.len(), PER_RING) {
            let (a, b) = if i + 1 < pts.len() {
                (pts[i], pts[i + 1])
            } else {
                (pts[i - 1], pts[i])
            };
            let v = pts[i];
            let scale = v.y.to_radians().cos().max(0.01);
            // The segment's direction in a flat projection, in metres.
            let (dx, dy) = ((b.x - a.x) * scale, b.y - a.y);
            let length = dx.hypot(dy);
            if length == 0.0 {
                continue;
            }
            let (nx, ny) = (-dy / length, dx / length);
            for offset in offsets.iter().flat_map(|o| [*o, -*o]) {
                let m = offset / METRES_PER_DEGREE;
                out.push((v.x + nx * m / scale, v.y + ny * m));
            }
        }
    }
}

/// The discs and polygons of `zone` that are not under `not`, as
/// polygons (a disc as the polygon inscribed in it), for intersecting:
/// at most [`MAX_POLYGONS`], each of at most [`MAX_EXACT_VERTICES`].
pub fn polygons(rulebook: &Rulebook, zone: usize) -> Vec<Polygon> {
    let mut out = Vec::new();
    let mut visits = MAX_VISITS;
    atoms(rulebook, &rulebook.zones[zone].shape, &mut visits, &mut out);
    out.truncate(MAX_POLYGONS);
    out
}

fn atoms(rulebook: &Rulebook, e: &ZoneExpr, visits: &mut usize, out: &mut Vec<Polygon>) {
    if *visits == 0 || out.len() >= MAX_POLYGONS {
        return;
    }
    *visits -= 1;
    match e {
        ZoneExpr::Polygon(polygons, _) => out.extend(
            polygons
                .iter()
                .filter(|p| p.coords_count() <= MAX_EXACT_VERTICES)
                .cloned(),
        ),
        ZoneExpr::Around {
            lon, lat, metres, ..
        } => out.push(disc(*lon, *lat, *metres)),
        ZoneExpr::Zone(i) => atoms(rulebook, &rulebook.zones[*i].shape, visits, out),
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            atoms(rulebook, a, visits, out);
            atoms(rulebook, b, visits, out);
        }
        ZoneExpr::Not(_) | ZoneExpr::Buffer { .. } => {}
    }
}

/// The polygon of [`DISC_SIDES`] sides whose corners lie on the circle of
/// `metres` round the point: it lies inside the disc, short of its edge by
/// at most 0.12 % of the radius.
pub fn disc(lon: f64, lat: f64, metres: f64) -> Polygon {
    let centre = GeoPoint::new(lon, lat);
    let corners: Vec<Coord> = (0..=DISC_SIDES)
        .map(|k| {
            let bearing = 360.0 * (k % DISC_SIDES) as f64 / DISC_SIDES as f64;
            Haversine.destination(centre, bearing, metres).0
        })
        .collect();
    Polygon::new(LineString::new(corners), vec![])
}

/// Indices `0..n`, evenly thinned to at most `most`.
fn stride(n: usize, most: usize) -> impl Iterator<Item = usize> {
    let step = n.div_ceil(most.max(1)).max(1);
    (0..n).step_by(step)
}

/// The items evenly thinned to at most `most`, in order.
pub fn thin<T: Copy>(items: Vec<T>, most: usize) -> Vec<T> {
    if items.len() <= most {
        return items;
    }
    stride(items.len(), most).map(|i| items[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Distance;

    #[test]
    fn a_disc_polygon_lies_inside_its_disc() {
        // Yeonpyeong-do's disc in the shipped KAA: 4 km round (125.70, 37.665).
        let p = disc(125.70, 37.665, 4_000.0);
        assert_eq!(p.exterior().0.len(), DISC_SIDES + 1);
        let centre = GeoPoint::new(125.70, 37.665);
        for c in p.exterior().0.iter() {
            let d = Haversine.distance(centre, GeoPoint::from(*c));
            assert!((d - 4_000.0).abs() < 0.01, "{d}");
        }
        assert!(p.contains(&centre));
    }

    #[test]
    fn samples_lie_either_side_of_a_polygons_vertices() {
        // The shipped KAA's Hwanghae polygon, in part.
        let ring = vec![
            Coord {
                x: 124.90,
                y: 38.70,
            },
            Coord {
                x: 124.90,
                y: 37.86,
            },
            Coord {
                x: 125.62,
                y: 37.70,
            },
            Coord {
                x: 126.66,
                y: 38.70,
            },
            Coord {
                x: 124.90,
                y: 38.70,
            },
        ];
        let p = Polygon::new(LineString::new(ring), vec![]);
        let mut out = Vec::new();
        polygon(&p, &mut out);
        // The interior point, a grid inside, then two points per vertex,
        // one inside and one outside.
        let inside = |q: &(f64, f64)| p.contains(&GeoPoint::new(q.0, q.1));
        let (grid, beside) = out.split_at(out.len() - 2 * 4);
        assert!(grid.iter().all(inside), "{out:?}");
        assert!(grid.len() > 1 + GRID * GRID / 4, "{}", grid.len());
        assert_eq!(beside.iter().filter(|q| inside(q)).count(), 4, "{out:?}");
    }

    #[test]
    fn thinning_keeps_the_first_and_bounds_the_rest() {
        let v: Vec<usize> = (0..1000).collect();
        let t = thin(v, 64);
        assert!(t.len() <= 64);
        assert_eq!(t[0], 0);
    }
}
