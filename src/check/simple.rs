//! Whether rings cross or touch themselves or each other, in O(n log n):
//! the segments go into an R*-tree, and each is tested only against those
//! whose boxes meet its own. `geo`'s validation compares every pair of
//! segments, which a rule file's GeoJSON of tens of thousands of vertices
//! would make take minutes.
//!
//! Rings here are closed (their last point is their first). Two segments
//! of one ring that follow each other share a point by construction, and
//! are a fault only if they fold back over each other.

use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{Contains, Coord, Line, LineString, MultiPolygon};
use rstar::primitives::{GeomWithData, Line as RLine};
use rstar::{AABB, RTree};

/// A segment in the tree, with its ring and its place in the ring.
type Indexed = GeomWithData<RLine<[f64; 2]>, (usize, usize)>;

/// Whether any two segments of the rings meet, other than consecutive
/// segments of one ring at the point they share.
pub fn rings_meet(rings: &[&LineString]) -> bool {
    let rings: Vec<Vec<Coord>> = rings
        .iter()
        .map(|r| {
            let mut points = r.0.clone();
            points.dedup();
            points
        })
        .collect();
    let segments: Vec<Indexed> = rings
        .iter()
        .enumerate()
        .flat_map(|(r, points)| {
            points.windows(2).enumerate().map(move |(i, w)| {
                GeomWithData::new(RLine::new([w[0].x, w[0].y], [w[1].x, w[1].y]), (r, i))
            })
        })
        .collect();
    let tree = RTree::bulk_load(segments.clone());
    segments.iter().any(|s| {
        let (from, to) = (s.geom().from, s.geom().to);
        let envelope = AABB::from_corners(
            [from[0].min(to[0]), from[1].min(to[1])],
            [from[0].max(to[0]), from[1].max(to[1])],
        );
        tree.locate_in_envelope_intersecting(&envelope)
            .filter(|other| other.data > s.data)
            .any(|other| meet(s, other, &rings))
    })
}

fn meet(a: &Indexed, b: &Indexed, rings: &[Vec<Coord>]) -> bool {
    let line = |s: &Indexed| {
        let (from, to) = (s.geom().from, s.geom().to);
        Line::new(
            Coord {
                x: from[0],
                y: from[1],
            },
            Coord { x: to[0], y: to[1] },
        )
    };
    let Some(found) = line_intersection(line(a), line(b)) else {
        return false;
    };
    let ((ra, ia), (rb, ib)) = (a.data, b.data);
    let segments = rings[ra].len().saturating_sub(1);
    let consecutive = ra == rb && (ib == ia + 1 || (segments > 2 && ia == 0 && ib == segments - 1));
    match found {
        // Consecutive segments meet at their shared point; folding back
        // over each other is a fault.
        LineIntersection::SinglePoint { .. } => !consecutive,
        LineIntersection::Collinear { .. } => true,
    }
}

/// Whether one polygon lies inside another without their edges meeting:
/// then they are not separate pieces of ground.
pub(super) fn nested(ground: &MultiPolygon) -> bool {
    use geo::BoundingRect;
    let boxes: Vec<_> = ground.iter().map(|p| p.bounding_rect()).collect();
    ground.iter().enumerate().any(|(i, inner)| {
        let Some(first) = inner.exterior().0.first() else {
            return false;
        };
        ground.iter().enumerate().any(|(j, outer)| {
            let boxed = match (boxes[i], boxes[j]) {
                (Some(a), Some(b)) => {
                    b.min().x <= a.min().x
                        && b.min().y <= a.min().y
                        && b.max().x >= a.max().x
                        && b.max().y >= a.max().y
                }
                _ => false,
            };
            i != j && boxed && outer.contains(first)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Validation, coord};

    fn ring(points: &[(f64, f64)]) -> LineString {
        let mut coords: Vec<Coord> = points.iter().map(|&(x, y)| coord! { x: x, y: y }).collect();
        coords.push(coords[0]);
        LineString::new(coords)
    }

    #[test]
    fn a_square_is_simple_a_bow_tie_is_not() {
        let square = ring(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]);
        let bow = ring(&[(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0)]);
        assert!(!rings_meet(&[&square]));
        assert!(rings_meet(&[&bow]));
    }

    #[test]
    fn a_spike_folding_back_and_a_ring_touching_itself_are_faults() {
        let spike = ring(&[(0.0, 0.0), (2.0, 0.0), (1.0, 0.0), (1.0, 1.0)]);
        let touching = ring(&[
            (0.0, 0.0),
            (2.0, 0.0),
            (1.0, 1.0),
            (2.0, 2.0),
            (0.0, 2.0),
            (1.0, 1.0),
        ]);
        assert!(rings_meet(&[&spike]));
        assert!(rings_meet(&[&touching]));
    }

    #[test]
    fn two_rings_meeting_are_found_and_apart_are_not() {
        let a = ring(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]);
        let b = ring(&[(0.5, 0.5), (2.0, 0.5), (2.0, 2.0)]);
        let c = ring(&[(3.0, 0.0), (4.0, 0.0), (4.0, 1.0)]);
        assert!(rings_meet(&[&a, &b]));
        assert!(!rings_meet(&[&a, &c]));
    }

    /// On rings of many vertices, the answer is `geo`'s validation's.
    #[test]
    fn agrees_with_geos_validation_on_wavy_rings() {
        for (wobble, crossing) in [(0.1, false), (0.9, false), (0.3, true)] {
            let mut points: Vec<(f64, f64)> = (0..400)
                .map(|i| {
                    let t = f64::from(i) / 400.0 * std::f64::consts::TAU;
                    let r = 10.0 + wobble * (t * 37.0).sin();
                    (r * t.cos(), r * t.sin())
                })
                .collect();
            if crossing {
                points.swap(100, 300);
            }
            let r = ring(&points);
            let valid = geo::Polygon::new(r.clone(), vec![]).is_valid();
            assert_eq!(
                rings_meet(&[&r]),
                !valid,
                "wobble {wobble}, crossing {crossing}"
            );
        }
    }
}
