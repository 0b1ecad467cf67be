//! Two parties' areas that share ground: an error, since whose area a
//! position there lies in would have two answers.
//!
//! Where the two areas meet is computed exactly for their polygons and
//! discs that are not under `not` (a disc as the polygon of 64 sides
//! inscribed in it, so an overlap shallower than 0.12 % of its radius can
//! be missed): a point inside each piece they share is a candidate. Bands
//! along lines, and parts under `and` and `not`, are sampled instead (see
//! `samples.rs`). A candidate is reported only if evaluation puts it, with
//! an uncertainty of [`TOUCH_M`], inside both areas: areas that only touch
//! never overlap.

use geo::{Area, BooleanOps, CoordsIter, InteriorPoint};

use super::samples::{polygons, samples, thin};
use super::{Cx, TOUCH_M, point_words};
use crate::check::{OverlapError, PartyIdx};
use crate::eval::Truth;

/// At most this many points are tried for one pair of areas, a quarter
/// of them at most from the exact intersections.
const MAX_CANDIDATES: usize = 1_024;
/// Units of work charged per vertex of an intersection of two polygons.
const INTERSECTION_FACTOR: u64 = 32;
/// Pieces of shared ground smaller than this, in square degrees (about
/// 1 m²), are slivers of a shared border, not ground.
const SLIVER_DEG2: f64 = 1e-10;

pub(super) fn check(cx: &mut Cx<'_>) {
    let areas = cx.rulebook.areas.clone();
    for (j, &(second, zb)) in areas.iter().enumerate() {
        for &(first, za) in &areas[..j] {
            // A group's area within its party's is one side's ground.
            if cx.side_of(first) == cx.side_of(second) {
                continue;
            }
            if let Some(at) = shared(cx, (first, za), (second, zb)) {
                let r = cx.rulebook;
                let (a, b) = (cx.party_id(first), cx.party_id(second));
                let help = format!(
                    "both hold {}; an area is the ground one party holds, so two parties' areas may share a border but no ground: redraw one, or take the other out of it with `and not`",
                    point_words(at)
                );
                let error = OverlapError::new(&r.zones[zb].span, b, &r.zones[za].span, a, help);
                cx.found.errors.push(error.into());
            }
        }
    }
}

/// A point inside both areas, if one is found.
fn shared(
    cx: &mut Cx<'_>,
    (pa, za): (PartyIdx, usize),
    (pb, zb): (PartyIdx, usize),
) -> Option<(f64, f64)> {
    let r = cx.rulebook;
    let mut candidates = exact(cx, za, zb);
    candidates.truncate(MAX_CANDIDATES / 4);
    let mut sampled = samples(r, za, Some(pa));
    sampled.extend(samples(r, zb, Some(pb)));
    candidates.extend(thin(sampled, MAX_CANDIDATES - candidates.len()));
    for at in candidates {
        let inside = |cx: &mut Cx<'_>, zone, party| {
            cx.in_zone(zone, Some(party), at, TOUCH_M) == Some(Truth::True)
        };
        if inside(cx, za, pa) && inside(cx, zb, pb) {
            return Some(at);
        }
    }
    None
}

/// A point inside each piece of ground the two zones' polygons and discs
/// share.
fn exact(cx: &mut Cx<'_>, za: usize, zb: usize) -> Vec<(f64, f64)> {
    let (a, b) = (polygons(cx.rulebook, za), polygons(cx.rulebook, zb));
    let mut out = Vec::new();
    for pa in &a {
        for pb in &b {
            // A sweep over both polygons' edges: charged as a pass over
            // their vertices for each of a few dozen steps.
            let vertices = (pa.coords_count() + pb.coords_count()) as u64;
            if !cx.spend(vertices * INTERSECTION_FACTOR) {
                return out;
            }
            let shared = pa.intersection(pb);
            for piece in shared.iter().filter(|p| p.unsigned_area() > SLIVER_DEG2) {
                if let Some(q) = piece.interior_point() {
                    out.push((q.x(), q.y()));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::samples::disc;
    use crate::lint::{DONBAS, problems};

    const KOREA: &str = "agreement \"K\" {\n  in force 1953-07-27 22:00 Asia/Seoul\n  party UNC \"UNC\"\n  party KPA \"KPA\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";

    fn overlap(line: usize) -> Vec<(String, usize)> {
        vec![("truce::check::overlap".to_owned(), line)]
    }

    #[test]
    fn the_shipped_korean_areas_share_no_ground_until_one_is_redrawn() {
        let unc = "area UNC = within 6 km of (124.68, 37.96) or within 4 km of (125.70, 37.665)\n";
        // The shipped Hwanghae polygon: its coast passes 4.7 km north of
        // Yonpyong-do, 1.2 km clear of the island's disc.
        let shipped = "area KPA = polygon [(124.90, 38.70), (124.90, 37.86), (125.30, 37.75), (125.62, 37.70), (125.75, 37.72), (126.00, 37.80), (126.66, 37.88), (126.66, 38.70)]\n";
        assert_eq!(problems(&format!("{KOREA}{unc}{shipped}")), []);
        // Drawn 3 km further south there, it takes in the island's north shore.
        let redrawn = shipped.replace(
            "(125.62, 37.70), (125.75, 37.72)",
            "(125.62, 37.67), (125.75, 37.69)",
        );
        assert_eq!(problems(&format!("{KOREA}{unc}{redrawn}")), overlap(11));
    }

    #[test]
    fn discs_that_touch_do_not_overlap() {
        // Two 3 km discs whose centres are 6 km apart, north of Yonpyong-do
        // (6 km is 0.053959° of latitude on the sphere).
        let touching = "area UNC = within 3 km of (125.70, 37.665)\narea KPA = within 3 km of (125.70, 37.718959)\n";
        assert_eq!(problems(&format!("{KOREA}{touching}")), []);
        // 100 m closer, they share ground.
        let sharing = touching.replace("37.718959", "37.718060");
        assert_eq!(problems(&format!("{KOREA}{sharing}")), overlap(11));
    }

    #[test]
    fn polygons_that_share_a_border_do_not_overlap() {
        let areas = "area UA = polygon [(37.0, 47.7), (38.0, 47.7), (38.0, 48.6), (37.0, 48.6)]\narea RU = polygon [(38.0, 47.7), (39.0, 47.7), (39.0, 48.6), (38.0, 48.6)]\n";
        assert_eq!(problems(&format!("{DONBAS}{areas}")), []);
        let across = areas.replace("(38.0, 47.7), (39.0", "(37.99, 47.7), (39.0");
        assert_eq!(problems(&format!("{DONBAS}{across}")), overlap(11));
    }

    #[test]
    fn bands_on_either_side_of_a_line_do_not_overlap() {
        let line = "line contact from \"geo/donbas-contact-line-2015-02.geojson\" { UA holds west, RU holds east }\n";
        let areas = "area UA = within 20 km of contact on UA side\narea RU = within 20 km of contact on RU side\n";
        assert_eq!(problems(&format!("{DONBAS}{line}{areas}")), []);
        // A band on both sides takes in the other's (and reaches the side
        // the line gives UA, line 10).
        let both = areas.replace("contact on RU side", "contact");
        let mut expected = overlap(12);
        expected.push(("truce::check::side_conflict".to_owned(), 10));
        assert_eq!(problems(&format!("{DONBAS}{line}{both}")), expected);
    }

    #[test]
    fn a_groups_area_within_its_partys_is_one_sides_ground() {
        let header = DONBAS.replace(
            "  party RU",
            "  group LPR \"Luhansk formations\" under RU\n  party RU",
        );
        let areas =
            "area RU = within 50 km of (39.3, 48.6)\narea LPR = within 20 km of (39.3, 48.6)\n";
        assert_eq!(problems(&format!("{header}{areas}")), []);
    }

    #[test]
    fn discs_that_share_ground_meet_in_a_piece() {
        // Two 4 km discs 6 km apart, north and south of Yeonpyeong-do.
        let north = disc(125.70, 37.692, 4_000.0);
        let south = disc(125.70, 37.638, 4_000.0);
        let shared = north.intersection(&south);
        assert_eq!(shared.0.len(), 1);
        let q = shared.interior_point().unwrap();
        assert!((q.y() - 37.665).abs() < 0.01, "{q:?}");
        // 9 km apart, they do not meet.
        let far = disc(125.70, 37.611, 4_000.0);
        let none = north.intersection(&far);
        assert!(none.iter().all(|p| p.unsigned_area() <= SLIVER_DEG2));
    }
}
