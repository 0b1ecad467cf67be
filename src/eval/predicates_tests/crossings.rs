//! Crossings of real lines, with direction and uncertain ends.

use super::*;

#[test]
fn crossing_the_mdl_and_in_which_direction() {
    let line = mdl();
    let (north, south) = (at(KIJONG_DONG), at(DAESEONG_DONG));
    assert_eq!(crosses(&north, &south, &line, None), Truth::True);
    // North is the left of the MDL.
    assert_eq!(
        crosses(&north, &south, &line, Some(Side::Left)),
        Truth::True
    );
    assert_eq!(
        crosses(&north, &south, &line, Some(Side::Right)),
        Truth::False
    );
    assert_eq!(
        crosses(&south, &north, &line, Some(Side::Left)),
        Truth::False
    );
    assert_eq!(
        crosses(&south, &north, &line, Some(Side::Right)),
        Truth::True
    );
    assert_eq!(crosses(&at(KAESONG), &at(MUNSAN), &line, None), Truth::True);
    // Both ends north of the line: no crossing.
    assert_eq!(crosses(&at(PANMUNJOM), &north, &line, None), Truth::False);
}

#[test]
fn a_crossing_with_an_end_too_uncertain_to_place_is_unknown() {
    // Daeseong-dong is 363.6 m from the line.
    let line = mdl();
    let north = at(KIJONG_DONG);
    let vague = fuzzy(DAESEONG_DONG, 500.0);
    assert_eq!(crosses(&north, &vague, &line, None), Truth::Unknown);
    assert_eq!(crosses(&vague, &north, &line, None), Truth::Unknown);
    let known = fuzzy(DAESEONG_DONG, 300.0);
    assert_eq!(crosses(&north, &known, &line, None), Truth::True);
}

#[test]
fn crossing_the_donbas_contact_line_westwards() {
    // Horlivka (east, left) to Kramatorsk (west, right): one crossing.
    let line = contact_2015();
    let (from, to) = (at(HORLIVKA), at(KRAMATORSK));
    assert_eq!(crosses(&from, &to, &line, Some(Side::Left)), Truth::True);
    assert_eq!(crosses(&from, &to, &line, Some(Side::Right)), Truth::False);
}
