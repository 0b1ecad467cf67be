//! Whose area a place lies in, by the sides of the lines whose sides are
//! held, on the shipped geometry.

use super::*;
use crate::eval::spatial::control::control;
use crate::events::Position;

fn holder(rulebook: &Rulebook, place: (f64, f64), accuracy: f64) -> Option<&str> {
    let pos = Position::Fix(fuzzy(place, accuracy));
    control(rulebook, &pos)
        .holder()
        .map(|p| &*rulebook.parties[usize::from(p)].id)
}

fn kaa() -> Rulebook {
    compile(
        "agreement \"t\" { in force 1953-07-27 22:00 Asia/Seoul party UNC \"u\" party KPA \"k\" }\n\
         line mdl from \"geo/korea-mdl.geojson\" { KPA holds north, UNC holds south }\n\
         act fire \"f\"\n",
    )
}

#[test]
fn the_villages_of_the_dmz_lie_in_the_area_of_the_side_that_holds_them() {
    let r = kaa();
    assert_eq!(holder(&r, KIJONG_DONG, 0.0), Some("KPA"));
    assert_eq!(holder(&r, DAESEONG_DONG, 0.0), Some("UNC"));
    assert_eq!(holder(&r, KAESONG, 0.0), Some("KPA"));
    assert_eq!(holder(&r, MUNSAN, 0.0), Some("UNC"));
}

#[test]
fn a_place_whose_uncertainty_reaches_the_line_has_no_holder() {
    let r = kaa();
    // Daeseong-dong lies a few hundred metres from the shipped line.
    assert_eq!(holder(&r, DAESEONG_DONG, 5_000.0), None);
}

#[test]
fn a_place_beyond_a_lines_end_gets_nothing_from_that_line() {
    let r = kaa();
    // Ganghwa island lies west of where the shipped MDL begins.
    assert_eq!(holder(&r, (37.7, 126.45), 0.0), None);
}

#[test]
fn the_blue_line_tells_lebanon_from_israel() {
    let r = compile(
        "agreement \"t\" { in force 2024-11-27 04:00 Asia/Jerusalem party IL \"i\" party LB \"l\" }\n\
         line blue_line from \"geo/israel-lebanon-blue-line.geojson\" { LB holds north, IL holds south }\n\
         act fire \"f\"\n",
    );
    assert_eq!(holder(&r, KFAR_KILA, 0.0), Some("LB"));
    assert_eq!(holder(&r, KIRYAT_SHMONA, 0.0), Some("IL"));
    assert_eq!(holder(&r, NAQOURA, 0.0), Some("LB"));
    assert_eq!(holder(&r, SHLOMI, 0.0), Some("IL"));
}

#[test]
fn lines_that_disagree_leave_the_holder_open() {
    // Two lines drawn the same way, held the opposite way round.
    let r = compile(
        "agreement \"t\" { in force 2025-01-01 00:00 UTC party A \"a\" party B \"b\" }\n\
         line one = [(30.0, 48.0), (31.0, 48.0)] { A holds north, B holds south }\n\
         line two = [(30.0, 48.0), (31.0, 48.0)] { B holds north, A holds south }\n\
         act fire \"f\"\n",
    );
    assert_eq!(holder(&r, (48.1, 30.5), 0.0), None);
}

/// The truth-only reading that whose-area questions use (no notes, and a
/// bounding box to skip polygons far away) agrees with the full reading,
/// on a grid of places round the shipped KAA's areas, at several
/// accuracies, the box's edges included.
#[test]
fn reading_the_truth_alone_agrees_with_the_full_reading() {
    let path = format!("{}/rules/kaa.truce", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let r = compile_in(&path, &text);
    let mut compared = 0;
    for i in 0..=40 {
        for j in 0..=40 {
            let lat = 37.5 + 1.3 * f64::from(i) / 40.0;
            let lon = 124.5 + 3.2 * f64::from(j) / 40.0;
            for accuracy in [0.0, 800.0, 6_000.0] {
                let p = fuzzy((lat, lon), accuracy);
                for &(party, zone) in &r.areas {
                    let full = crate::eval::spatial::zone::in_zone(&p, zone, Some(party), &r).truth;
                    let quiet =
                        crate::eval::spatial::zone::in_zone_truth(&p, zone, Some(party), &r);
                    assert_eq!(full, quiet, "({lat}, {lon}) ± {accuracy} m, area {zone}");
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, 41 * 41 * 3 * 2);
}

/// Near the edge of the holder's own area, a fix is the holder's whether
/// it is in that area or not; near another party's area, it is open.
#[test]
fn an_areas_edge_matters_only_if_the_area_is_another_partys() {
    let r = compile(
        "agreement \"t\" { in force 2025-09-03 00:00 Europe/Kyiv party UA \"a\" party RU \"b\" }\n\
         line wa = [(37.0, 47.0), (37.0, 48.0)] { UA holds west, RU holds east }\n\
         zone west_box = polygon [(36.0, 47.0), (36.5, 47.0), (36.5, 47.5), (36.0, 47.5)]\n\
         zone east_box = polygon [(37.5, 47.0), (38.0, 47.0), (38.0, 47.5), (37.5, 47.5)]\n\
         area UA = west_box\n\
         area RU = east_box\n\
         act fire \"f\"\n",
    );
    // On UA's side of the line, 2 km round the edge of UA's own box.
    assert_eq!(holder(&r, (47.25, 36.5), 2_000.0), Some("UA"));
    // East of the line, 2 km round the edge of RU's own box: RU's.
    assert_eq!(holder(&r, (47.25, 37.5), 2_000.0), Some("RU"));
    // A UA area drawn into the ground east of the line makes its edge
    // there matter: a fix round it is open.
    let r = compile(
        "agreement \"t\" { in force 2025-09-03 00:00 Europe/Kyiv party UA \"a\" party RU \"b\" }\n\
         line wa = [(37.0, 47.0), (37.0, 48.0)] { UA holds west, RU holds east }\n\
         zone bridgehead = polygon [(37.2, 47.2), (37.4, 47.2), (37.4, 47.4), (37.2, 47.4)]\n\
         area UA = bridgehead\n\
         act fire \"f\"\n",
    );
    assert_eq!(holder(&r, (47.3, 37.4), 2_000.0), None);
    assert_eq!(holder(&r, (47.3, 37.3), 500.0), Some("UA"));
    assert_eq!(holder(&r, (47.3, 37.6), 500.0), Some("RU"));
}

/// Where the box of longitudes and latitudes is no guide, the truth-only
/// reading still agrees with the full one: across the 180th meridian, by
/// a long edge (drawn along its parallel, as GeoJSON draws it, not along
/// the great circle that bows towards the pole), and near the pole.
#[test]
fn reading_the_truth_alone_agrees_where_the_box_misleads() {
    let r = compile(
        "agreement \"t\" { in force 2025-09-03 00:00 Europe/Kyiv party UA \"a\" party RU \"b\" }\n\
         zone far_east = polygon [(179.0, 0.0), (180.0, 0.0), (180.0, 10.0), (179.0, 10.0)]\n\
         zone north = polygon [(0.0, 50.0), (60.0, 50.0), (60.0, 60.0), (0.0, 60.0)]\n\
         zone pole = polygon [(80.0, 89.9), (100.0, 89.9), (100.0, 89.95), (80.0, 89.95)]\n\
         area UA = far_east or north or pole\n\
         act fire \"f\"\n",
    );
    let z = r.zones.iter().position(|z| z.name == "area of UA").unwrap();
    // 554 m from the edge on the 180th meridian; 556 m north of the
    // northern edge, 60 degrees long; 7 km from the polar box.
    for (place, accuracy) in [
        ((5.0, -179.995), 2_000.0),
        ((60.005, 30.0), 2_000.0),
        ((89.95, 0.0), 10_000.0),
    ] {
        let p = fuzzy(place, accuracy);
        let full = crate::eval::spatial::zone::in_zone(&p, z, None, &r).truth;
        assert_eq!(full, Truth::Unknown, "{place:?}");
        assert_eq!(
            crate::eval::spatial::zone::in_zone_truth(&p, z, None, &r),
            full,
            "{place:?}"
        );
    }
}
