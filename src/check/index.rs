//! A spatial index over the segments of a drawn line (rstar's R*-tree),
//! so the nearest part of a line with thousands of vertices is found
//! without visiting them all.
//!
//! The tree lives in a plane where longitude is scaled by the cosine of
//! the line's mean latitude. Near the line that plane distorts east-west
//! distances by at most the ratio of the cosines across the line's span of
//! latitude, so every segment within that ratio of the nearest-looking one
//! is handed on; the caller then measures those exactly on the sphere.

use geo::MultiLineString;
use rstar::primitives::{GeomWithData, Line as RLine};
use rstar::{AABB, RTree};

/// A segment in the index: its ends in the plane, and where it sits in the
/// line (part, index of its first vertex).
type Indexed = GeomWithData<RLine<[f64; 2]>, (usize, usize)>;

/// How far outside the line's span of latitude the plane is trusted;
/// beyond it callers scan every segment instead.
const MARGIN_DEG: f64 = 2.0;

#[derive(Debug)]
pub struct SegmentIndex {
    tree: RTree<Indexed>,
    /// The cosine that scales longitude in the plane.
    scale: f64,
    /// Latitudes within which the plane's distortion is bounded.
    min_lat: f64,
    max_lat: f64,
    /// The largest and smallest ratio of true to plane east-west scale
    /// within those latitudes.
    spread: f64,
}

impl SegmentIndex {
    pub fn new(line: &MultiLineString) -> Option<SegmentIndex> {
        let lats = line.iter().flat_map(|l| l.0.iter().map(|c| c.y));
        let (min_lat, max_lat) = lats.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
            (lo.min(y), hi.max(y))
        });
        if !min_lat.is_finite() {
            return None;
        }
        let (min_lat, max_lat) = (min_lat - MARGIN_DEG, max_lat + MARGIN_DEG);
        if min_lat < -85.0 || max_lat > 85.0 {
            return None; // near a pole the plane is no guide
        }
        let scale = ((min_lat + max_lat) / 2.0).to_radians().cos();
        let cos = |lat: f64| lat.to_radians().cos();
        // cos is largest at the latitude nearest the equator within the band.
        let widest = if min_lat <= 0.0 && max_lat >= 0.0 {
            1.0
        } else {
            cos(min_lat).max(cos(max_lat))
        };
        let narrowest = cos(min_lat).min(cos(max_lat));
        let spread = (widest / scale).max(1.0) / (narrowest / scale).min(1.0);
        let segments = line
            .iter()
            .enumerate()
            .flat_map(|(part, l)| {
                l.0.windows(2).enumerate().map(move |(i, w)| {
                    let a = [w[0].x * scale, w[0].y];
                    let b = [w[1].x * scale, w[1].y];
                    GeomWithData::new(RLine::new(a, b), (part, i))
                })
            })
            .collect();
        Some(SegmentIndex {
            tree: RTree::bulk_load(segments),
            scale,
            min_lat,
            max_lat,
            spread,
        })
    }

    /// The segments (part, first vertex) that may be nearest to the point,
    /// or `None` when the point lies where the plane is not trusted.
    pub fn candidates(&self, lon: f64, lat: f64) -> Option<Vec<(usize, usize)>> {
        if lat < self.min_lat || lat > self.max_lat {
            return None;
        }
        let q = [lon * self.scale, lat];
        let nearest = self.tree.nearest_neighbor(&q)?;
        let best = rstar::PointDistance::distance_2(nearest, &q).sqrt();
        // The distortion bound, plus room for the sphere against the plane
        // (the same 5 % and ~100 m the exact step allows for).
        let radius = best * self.spread * 1.05 + 0.001;
        let envelope = AABB::from_corners(
            [q[0] - radius, q[1] - radius],
            [q[0] + radius, q[1] + radius],
        );
        let within = self
            .tree
            .locate_in_envelope_intersecting(&envelope)
            .filter(|s| rstar::PointDistance::distance_2(*s, &q) <= radius * radius)
            .map(|s| s.data);
        Some(within.collect())
    }

    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }
}
