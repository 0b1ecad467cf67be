//! Great-circle distances between real places and to real lines.

use super::*;

#[test]
fn great_circle_distances_between_real_places() {
    // haversine((lat1, lon1), (lat2, lon2)), R = 6,371,008.8 m.
    let cases = [
        (PANMUNJOM, MUNSAN, 14_542.174),
        (PANMUNJOM, KAESONG, 11_269.624),
        (PANMUNJOM, CHEORWON, 59_589.224),
        (DONETSK, DEBALTSEVE, 57_481.667),
        (DONETSK, HORLIVKA, 41_345.288),
        (HORLIVKA, DEBALTSEVE, 23_214.421),
        (NAQOURA, KFAR_KILA, 42_643.670),
        (KFAR_KILA, METULA, 2_522.629),
        (LEDRA_STREET, NAQOURA, 281_326.638),
    ];
    for (a, b, expected) in cases {
        close(&format!("{a:?}–{b:?}"), between(&at(a), &at(b)), expected);
        // Distance does not depend on the order of the two points.
        close(&format!("{b:?}–{a:?}"), between(&at(b), &at(a)), expected);
    }
}

#[test]
fn distances_to_the_mdl() {
    // Cross-track to the nearest segment (vertex indices of the file's 44):
    // Panmunjom, segment 3–4, interior: 1243.973 (the shipped 1:10m line
    // runs about 1.2 km south of the real JSA, as kaa.truce says).
    // Munsan, segment 0–1, interior: 10827.875.
    // Kaesong, nearest part is vertex 2 (126.66547, 37.93782): 10737.542.
    // Kijong-dong, vertex 2 again: 1544.700.
    // Daeseong-dong, segment 2–3, interior: 363.579.
    // Cheorwon, segment 19–20, interior: 18458.898.
    let line = mdl();
    let cases = [
        (PANMUNJOM, 1_243.973),
        (MUNSAN, 10_827.875),
        (KAESONG, 10_737.542),
        (KIJONG_DONG, 1_544.700),
        (DAESEONG_DONG, 363.579),
        (CHEORWON, 18_458.898),
    ];
    for (place, expected) in cases {
        let d = distance_to_line(&at(place), &line).unwrap();
        close(&format!("{place:?} to the MDL"), d, expected);
    }
}

#[test]
fn distances_to_the_two_donbas_lines() {
    // Feb 2015 contact line: Donetsk 9849.298 (segment 29–30), Debaltseve
    // 5164.372 (segment 14–15, the pocket's east side), Horlivka 4470.865
    // (segment 19–20), Kramatorsk 47049.468 (segment 23–24).
    // Sep 2014 line: Donetsk 6514.097 (segment 31–32), Debaltseve 12754.702
    // (segment 17–18), Horlivka 1850.080 (segment 20–21).
    let (c15, c14) = (contact_2015(), memorandum_2014());
    let cases = [
        (&c15, DONETSK, 9_849.298),
        (&c15, DEBALTSEVE, 5_164.372),
        (&c15, HORLIVKA, 4_470.865),
        (&c15, KRAMATORSK, 47_049.468),
        (&c14, DONETSK, 6_514.097),
        (&c14, DEBALTSEVE, 12_754.702),
        (&c14, HORLIVKA, 1_850.080),
    ];
    for (line, place, expected) in cases {
        let d = distance_to_line(&at(place), line).unwrap();
        close(&format!("{place:?}"), d, expected);
    }
}

#[test]
fn distances_to_the_blue_line_and_the_cyprus_ceasefire_lines() {
    // Blue Line (1:10m boundary): Naqoura 3540.898 (segment 0–1), Kfar Kila
    // 481.151 (segment 28–29), Metula 1096.843 (segment 30–31).
    let blue = blue_line();
    close(
        "Naqoura",
        distance_to_line(&at(NAQOURA), &blue).unwrap(),
        3_540.898,
    );
    close(
        "Kfar Kila",
        distance_to_line(&at(KFAR_KILA), &blue).unwrap(),
        481.151,
    );
    close(
        "Metula",
        distance_to_line(&at(METULA), &blue).unwrap(),
        1_096.843,
    );
    // Ledra Street crossing: 2168.521 from the southern line (part 1,
    // segment 51–52), 570.132 from the northern (part 0, segment 42–43).
    let cyprus = repo_geo("cyprus-buffer-zone.geojson");
    let south = lines(cyprus.clone(), Some("southern"));
    let north = lines(cyprus, Some("northern"));
    let ledra = at(LEDRA_STREET);
    close(
        "Ledra–south",
        distance_to_line(&ledra, &south).unwrap(),
        2_168.521,
    );
    close(
        "Ledra–north",
        distance_to_line(&ledra, &north).unwrap(),
        570.132,
    );
}

#[test]
fn a_line_with_no_segments_has_no_distance_and_no_side() {
    let empty = MultiLineString::new(vec![]);
    assert_eq!(distance_to_line(&at(PANMUNJOM), &empty), None);
    assert!(side_of(&at(PANMUNJOM), &empty).is_none());
}
