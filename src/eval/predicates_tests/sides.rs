//! Sides of lines. Left and right are looking along the line from its first point.

use super::*;

#[test]
fn north_of_the_mdl_is_its_left() {
    // The MDL is drawn west to east, so north is on its left.
    let line = mdl();
    assert_eq!(side(PANMUNJOM, &line), Some(Side::Left));
    assert_eq!(side(MUNSAN, &line), Some(Side::Right));
    assert_eq!(side(DAESEONG_DONG, &line), Some(Side::Right));
    assert_eq!(side(DORASAN, &line), Some(Side::Right));
    // The distance returned with the side is the great-circle one.
    let (_, d) = side_of(&at(DAESEONG_DONG), &line).unwrap();
    close("Daeseong-dong", d, 363.579);
}

#[test]
fn sides_of_the_donbas_contact_line() {
    // Drawn from the Russian border to the Azov sea: the government side
    // (west) is on the right.
    let line = contact_2015();
    assert_eq!(side(KRAMATORSK, &line), Some(Side::Right));
    assert_eq!(side(DONETSK, &line), Some(Side::Left));
    assert_eq!(side(HORLIVKA, &line), Some(Side::Left));
    // On 12 Feb 2015 Debaltseve was a government-held pocket: the line
    // loops east of it, so the town is on the right though east of Horlivka.
    assert_eq!(side(DEBALTSEVE, &line), Some(Side::Right));
}

#[test]
fn sides_of_the_blue_line() {
    // Drawn from the coast eastwards: Lebanon (north) is on the left.
    let line = blue_line();
    assert_eq!(side(KFAR_KILA, &line), Some(Side::Left));
    assert_eq!(side(NAQOURA, &line), Some(Side::Left));
    assert_eq!(side(KIRYAT_SHMONA, &line), Some(Side::Right));
    assert_eq!(side(SHLOMI, &line), Some(Side::Right));
}

#[test]
fn a_point_nearest_a_vertex_outside_a_sharp_turn() {
    // At vertex 11 (38.45, 48.61) the Sep 2014 line turns 109° left (from
    // heading WSW to SE). Points about 2 km SW and NW of it are nearest
    // that vertex (haversine to it below), outside the turn, so on the
    // right; each is left of one of the two segments' extensions, so a
    // single segment would say the wrong side for one of them.
    let c14 = memorandum_2014();
    for (place, expected) in [
        ((48.5973, 38.4308), 1_996.827),
        ((48.6227, 38.4308), 1_996.576),
    ] {
        let (s, d) = side_of(&at(place), &c14).unwrap();
        assert_eq!(s, Some(Side::Right), "{place:?}");
        close(&format!("{place:?}"), d, expected);
    }
    // The Blue Line turns 97° left at vertex 33 (35.60256, 33.24020):
    // about 2 km SE and SW of it is Israel, on the right.
    let blue = blue_line();
    for (place, expected) in [
        ((33.2275, 35.6178), 2_001.157),
        ((33.2275, 35.5874), 1_995.370),
    ] {
        let (s, d) = side_of(&at(place), &blue).unwrap();
        assert_eq!(s, Some(Side::Right), "{place:?}");
        close(&format!("{place:?}"), d, expected);
    }
}

#[test]
fn inside_and_outside_the_mdls_turn_west_of_panmunjom() {
    // At vertex 2 (126.66547, 37.93782) the MDL turns 45° right, from
    // heading 6.9° to 51.6°. Kaesong and Kijong-dong lie outside the turn
    // and are nearest the vertex itself: north, on the left.
    let line = mdl();
    assert_eq!(side(KAESONG, &line), Some(Side::Left));
    assert_eq!(side(KIJONG_DONG, &line), Some(Side::Left));
    // 1 km from the vertex along the bisector inside the turn (bearing
    // 119.2°): south, 923.614 m from segment 1–2. (Inside a turn the
    // nearest part is never the vertex itself: the foot on each segment
    // falls within it.)
    let inside = at((37.9334, 126.6754));
    let (s, d) = side_of(&inside, &line).unwrap();
    assert_eq!(s, Some(Side::Right));
    close("inside the turn", d, 923.614);
}
