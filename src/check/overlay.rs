//! The overlay of a combined zone's polygons: which combinations of them
//! the ground holds, and where.
//!
//! Two polygons that share a border (the eastern and western halves of a
//! no-fly zone, two sectors of a buffer zone) leave no ground in neither
//! along it: a place on the border is in one or the other. Taken one by
//! one, each polygon is unknown for a position straddling the border; the
//! faces of the overlay (the ground in exactly these polygons and no
//! others) let evaluation see that only the combinations "in the first"
//! and "in the second" occur there, so `east or west` holds.

use geo::{BooleanOps, MultiPolygon};

use super::rulebook::{Overlay, Zone, ZoneExpr};

/// A zone's polygons are overlaid only when it has at least two and at
/// most this many: 2⁴ − 1 faces at most, each a few boolean operations
/// when the rulebook is checked.
pub const MAX_POLYGONS: usize = 4;

/// How deep zones may refer to zones before the overlay gives up (the
/// checker reports cycles separately).
const MAX_DEPTH: usize = 16;

/// The polygons a zone's own expression holds, in the order evaluation
/// numbers them (left to right), not those of zones it names.
pub fn own_polygons<'a>(e: &'a ZoneExpr, out: &mut Vec<&'a MultiPolygon>) {
    match e {
        ZoneExpr::Polygon(p, _) => out.push(p),
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            own_polygons(a, out);
            own_polygons(b, out);
        }
        ZoneExpr::Not(a) => own_polygons(a, out),
        ZoneExpr::Buffer { .. } | ZoneExpr::Around { .. } | ZoneExpr::Zone(_) => {}
    }
}

/// The overlay of every polygon zone `zone` is made of, directly or
/// through the zones it names; `None` when it has fewer than two or more
/// than [`MAX_POLYGONS`].
pub fn overlay(zones: &[Zone], zone: usize) -> Option<Box<Overlay>> {
    let mut found: Vec<((usize, u16), &MultiPolygon)> = Vec::new();
    let mut visited = Vec::new();
    gather(zones, zone, 0, &mut visited, &mut found)?;
    if found.len() < 2 {
        return None;
    }
    let shapes: Vec<&MultiPolygon> = found.iter().map(|(_, p)| *p).collect();
    let mut faces = Vec::new();
    for mask in 1u8..(1 << shapes.len()) {
        let face = face(&shapes, mask);
        if !face.0.is_empty() {
            faces.push((mask, face));
        }
    }
    let union = shapes
        .iter()
        .skip(1)
        .fold(shapes[0].clone(), |u, p| u.union(*p));
    Some(Box::new(Overlay {
        polygons: found.into_iter().map(|(key, _)| key).collect(),
        faces,
        union,
    }))
}

/// The ground in the polygons of `mask` and in none of the others.
fn face(shapes: &[&MultiPolygon], mask: u8) -> MultiPolygon {
    let inside = |i: usize| mask & (1 << i) != 0;
    let first = (0..shapes.len())
        .find(|&i| inside(i))
        .expect("a mask names one");
    let mut ground = shapes[first].clone();
    for (i, p) in shapes.iter().enumerate() {
        if ground.0.is_empty() {
            break;
        }
        if i == first {
            continue;
        }
        ground = if inside(i) {
            ground.intersection(*p)
        } else {
            ground.difference(*p)
        };
    }
    ground
}

/// Gathers the polygons of `zone`, each once; `None` when there are too
/// many, or the zones refer to each other too deeply.
fn gather<'a>(
    zones: &'a [Zone],
    zone: usize,
    depth: usize,
    visited: &mut Vec<usize>,
    found: &mut Vec<((usize, u16), &'a MultiPolygon)>,
) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    if visited.contains(&zone) {
        return Some(());
    }
    visited.push(zone);
    let z = zones.get(zone)?;
    let mut own = Vec::new();
    own_polygons(&z.shape, &mut own);
    for (ordinal, p) in own.into_iter().enumerate() {
        found.push(((zone, u16::try_from(ordinal).ok()?), p));
        if found.len() > MAX_POLYGONS {
            return None;
        }
    }
    let mut named = Vec::new();
    names(&z.shape, &mut named);
    for i in named {
        gather(zones, i, depth + 1, visited, found)?;
    }
    Some(())
}

fn names(e: &ZoneExpr, out: &mut Vec<usize>) {
    match e {
        ZoneExpr::Zone(i) => out.push(*i),
        ZoneExpr::And(a, b) | ZoneExpr::Or(a, b) => {
            names(a, out);
            names(b, out);
        }
        ZoneExpr::Not(a) => names(a, out),
        ZoneExpr::Buffer { .. } | ZoneExpr::Around { .. } | ZoneExpr::Polygon(..) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Polygon, coord};

    fn nowhere() -> crate::span::Span {
        crate::span::Span::new(&crate::span::Source::new("test", ""), 0..0)
    }

    fn square(w: f64, s: f64, e: f64, n: f64) -> ZoneExpr {
        let ring = LineString::new(vec![
            coord! { x: w, y: s },
            coord! { x: e, y: s },
            coord! { x: e, y: n },
            coord! { x: w, y: n },
            coord! { x: w, y: s },
        ]);
        ZoneExpr::Polygon(
            MultiPolygon::new(vec![Polygon::new(ring, vec![])]),
            nowhere(),
        )
    }

    #[test]
    fn adjacent_halves_have_no_ground_in_both() {
        // The CMA's eastern and western halves, split at 127.47 E.
        let zones = vec![
            Zone {
                name: "east".into(),
                shape: square(127.47, 37.0, 130.0, 40.0),
                span: nowhere(),
                contains: Vec::new(),
                overlay: None,
            },
            Zone {
                name: "west".into(),
                shape: square(124.0, 37.0, 127.47, 40.0),
                span: nowhere(),
                contains: Vec::new(),
                overlay: None,
            },
            Zone {
                name: "either".into(),
                shape: ZoneExpr::Or(Box::new(ZoneExpr::Zone(0)), Box::new(ZoneExpr::Zone(1))),
                span: nowhere(),
                contains: Vec::new(),
                overlay: None,
            },
        ];
        let o = overlay(&zones, 2).expect("two polygons");
        assert_eq!(o.polygons, vec![(0, 0), (1, 0)]);
        let masks: Vec<u8> = o.faces.iter().map(|(m, _)| *m).collect();
        // In the east only, in the west only; never in both.
        assert_eq!(masks, vec![0b01, 0b10]);
        assert_eq!(o.union.0.len(), 1, "the halves join into one polygon");
    }

    #[test]
    fn a_zone_of_one_polygon_has_no_overlay() {
        let zones = vec![Zone {
            name: "z".into(),
            shape: square(30.0, 48.0, 30.1, 48.1),
            span: nowhere(),
            contains: Vec::new(),
            overlay: None,
        }];
        assert!(overlay(&zones, 0).is_none());
    }
}
