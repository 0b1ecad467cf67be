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
    // To the line as drawn, straight in longitude and latitude, measured on
    // the sphere (an independent sampling of every segment every metre or
    // so; vertex indices of the file's 44):
    // Panmunjom, segment 3–4, interior: 1243.995 (the shipped 1:10m line
    // runs about 1.2 km south of the real JSA, as kaa.truce says).
    // Munsan, segment 0–1, interior: 10828.029.
    // Kaesong, nearest part is vertex 2 (126.66547, 37.93782): 10737.542.
    // Kijong-dong, vertex 2 again: 1544.700.
    // Daeseong-dong, segment 2–3, interior: 363.565.
    // Cheorwon, segment 19–20, interior: 18457.196.
    let line = mdl();
    let cases = [
        (PANMUNJOM, 1_243.995),
        (MUNSAN, 10_828.029),
        (KAESONG, 10_737.542),
        (KIJONG_DONG, 1_544.700),
        (DAESEONG_DONG, 363.565),
        (CHEORWON, 18_457.196),
    ];
    for (place, expected) in cases {
        let d = distance_to_line(&at(place), &line).unwrap();
        close(&format!("{place:?} to the MDL"), d, expected);
    }
}

#[test]
fn distances_to_the_two_donbas_lines() {
    // Feb 2015 contact line: Donetsk 9849.153 (segment 29–30), Debaltseve
    // 5165.293 (segment 14–15, the pocket's east side), Horlivka 4469.755
    // (segment 19–20), Kramatorsk 47049.469 (segment 23–24).
    // Sep 2014 line: Donetsk 6514.074 (segment 31–32), Debaltseve 12755.772
    // (segment 17–18), Horlivka 1848.321 (segment 20–21).
    let (c15, c14) = (contact_2015(), memorandum_2014());
    let cases = [
        (&c15, DONETSK, 9_849.153),
        (&c15, DEBALTSEVE, 5_165.293),
        (&c15, HORLIVKA, 4_469.755),
        (&c15, KRAMATORSK, 47_049.469),
        (&c14, DONETSK, 6_514.074),
        (&c14, DEBALTSEVE, 12_755.772),
        (&c14, HORLIVKA, 1_848.321),
    ];
    for (line, place, expected) in cases {
        let d = distance_to_line(&at(place), line).unwrap();
        close(&format!("{place:?}"), d, expected);
    }
}

#[test]
fn distances_to_the_blue_line_and_the_cyprus_ceasefire_lines() {
    // Blue Line (1:10m boundary): Naqoura 3541.567 (segment 0–1), Kfar Kila
    // 481.170 (segment 28–29), Metula 1096.878 (segment 30–31).
    let blue = blue_line();
    close(
        "Naqoura",
        distance_to_line(&at(NAQOURA), &blue).unwrap(),
        3_541.567,
    );
    close(
        "Kfar Kila",
        distance_to_line(&at(KFAR_KILA), &blue).unwrap(),
        481.170,
    );
    close(
        "Metula",
        distance_to_line(&at(METULA), &blue).unwrap(),
        1_096.878,
    );
    // Ledra Street crossing: 2168.538 from the southern line (part 1,
    // segment 51–52), 570.233 from the northern (part 0, segment 42–43).
    let cyprus = repo_geo("cyprus-buffer-zone.geojson");
    let south = lines(cyprus.clone(), Some("southern"));
    let north = lines(cyprus, Some("northern"));
    let ledra = at(LEDRA_STREET);
    close(
        "Ledra–south",
        distance_to_line(&ledra, &south).unwrap(),
        2_168.538,
    );
    close(
        "Ledra–north",
        distance_to_line(&ledra, &north).unwrap(),
        570.233,
    );
}

#[test]
fn a_line_with_no_segments_has_no_distance_and_no_side() {
    let empty = MultiLineString::new(vec![]);
    assert_eq!(distance_to_line(&at(PANMUNJOM), &empty), None);
    assert!(side_of(&at(PANMUNJOM), &empty).is_none());
}
