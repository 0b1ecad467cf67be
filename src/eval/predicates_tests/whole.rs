//! Combined zones decided on their whole area, on real geometry: a
//! position whose uncertainty straddles a border two parts share, but lies
//! wholly inside (or outside) the zone they make together.

use super::*;
use crate::eval::spatial::whole::{self, Places};

fn zone_index(rulebook: &Rulebook, name: &str) -> usize {
    rulebook.zones.iter().position(|z| z.name == name).unwrap()
}

fn party(rulebook: &Rulebook, id: &str) -> Option<PartyIdx> {
    let i = rulebook.parties.iter().position(|p| &*p.id == id).unwrap();
    Some(i as PartyIdx)
}

fn member(rulebook: &Rulebook, zone: &str, p: Point, who: Option<PartyIdx>) -> Membership {
    in_zone(&p, zone_index(rulebook, zone), who, rulebook)
}

/// Part by part only: what truce decided before the zone was read whole.
fn by_parts(rulebook: &Rulebook, zone: &str, p: Point) -> Truth {
    crate::eval::spatial::zone::in_zone_within(&p, zone_index(rulebook, zone), None, rulebook, 0)
        .truth
}

/// The CMA's fixed-wing no-fly zone, as `rules/cma-2018.truce` draws it:
/// the MDL split at 127.47 E, 40 km east of the split and 20 km west.
const CMA: &str = r#"
agreement "test" {
  in force 2018-11-01 00:00 Asia/Seoul
  party ROK "Republic of Korea"
  party DPRK "DPRK"
}
act overflight "overflight"
line mdl from "geo/korea-mdl.geojson" { DPRK holds north, ROK holds south }
zone east = polygon [(127.47, 37.0), (130.0, 37.0), (130.0, 40.0), (127.47, 40.0)]
zone west = polygon [(124.0, 37.0), (127.47, 37.0), (127.47, 40.0), (124.0, 40.0)]
zone fixed_wing_no_fly = (within 40 km of mdl and east) or (within 20 km of mdl and west)
zone either_half = east or west
zone neither_half = not east and not west
zone dmz = within 2 km of mdl
zone dmz_north = within 2 km of mdl on DPRK side
zone dmz_south = within 2 km of mdl on ROK side
zone dmz_halves = dmz_north or dmz_south
zone jsa = within 400 m of (126.6871, 37.9454) and dmz
"#;

/// The MDL crosses 127.47 E at 38.2962 N (segment 126–127 of the shipped
/// line); these points are 10 km and 28 km due south of that crossing.
const SPLIT_10_KM: (f64, f64) = (38.2062, 127.47);
const SPLIT_28_KM: (f64, f64) = (38.0442, 127.47);

#[test]
fn a_position_straddling_the_cmas_east_west_split_inside_both_halves_is_in_the_no_fly_zone() {
    let r = compile(CMA);
    let mdl = &r.lines[0];
    let d = distance_to_line(&at(SPLIT_10_KM), mdl.drawn().unwrap()).unwrap();
    assert!((8_000.0..10_000.0).contains(&d), "{d}");
    // A radar fix good to 3 km: it may be east or west of the split, and
    // within 20 km of the line either way.
    let p = fuzzy(SPLIT_10_KM, 3_000.0);
    assert_eq!(by_parts(&r, "fixed_wing_no_fly", p), Truth::Unknown);
    let m = member(&r, "fixed_wing_no_fly", p, None);
    assert_eq!(m.truth, Truth::True);
    assert!(m.whole);
    assert!(m.doubt.is_none());
    // The two halves leave no ground between them.
    assert_eq!(by_parts(&r, "either_half", p), Truth::Unknown);
    assert_eq!(member(&r, "either_half", p, None).truth, Truth::True);
    // And symmetrically: such a position is surely not in neither half.
    assert_eq!(by_parts(&r, "neither_half", p), Truth::Unknown);
    assert_eq!(member(&r, "neither_half", p, None).truth, Truth::False);
    // A fix exactly on the split is in one half or the other.
    assert_eq!(by_parts(&r, "either_half", at(SPLIT_10_KM)), Truth::Unknown);
    assert_eq!(
        member(&r, "either_half", at(SPLIT_10_KM), None).truth,
        Truth::True
    );
}

#[test]
fn a_position_straddling_the_split_where_only_the_eastern_half_reaches_stays_unknown() {
    // About 27 km from the line: inside the eastern 40 km, outside the
    // western 20 km. Part of the disc is in the zone, part is not.
    let r = compile(CMA);
    let p = fuzzy(SPLIT_28_KM, 3_000.0);
    let d = distance_to_line(&at(SPLIT_28_KM), r.lines[0].drawn().unwrap()).unwrap();
    assert!((24_000.0..28_500.0).contains(&d), "{d}");
    let m = member(&r, "fixed_wing_no_fly", p, None);
    assert_eq!(m.truth, Truth::Unknown);
    assert!(!m.whole);
    // The cells found both: some surely inside, some surely outside.
    let mut places = Places::new(&r);
    let question = places
        .zone(zone_index(&r, "fixed_wing_no_fly"), None)
        .unwrap();
    let c = places.certify(&question, &p, whole::ZONE_BUDGET);
    assert_eq!(c.truth, Truth::Unknown);
    assert!(c.split, "{c:?}");
    assert!(c.cells <= whole::ZONE_BUDGET);
}

#[test]
fn a_position_across_the_mdl_is_in_one_half_of_the_dmz_or_the_other() {
    // Panmunjom, 1244 m north of the shipped line, known to 1.5 km: it may
    // be on either side, and is within 2 km of the line either way... but
    // not quite: 1244 + 1500 > 2000, so part of it may be outside the DMZ.
    let r = compile(CMA);
    let wide = fuzzy(PANMUNJOM, 1_500.0);
    assert_eq!(member(&r, "dmz_halves", wide, None).truth, Truth::Unknown);
    // Known to 700 m, it is within 2 km of the line, but its side is not
    // known for a point 500 m from the line.
    let on_line = fuzzy((37.9300, 126.6677), 700.0);
    let d = distance_to_line(&at((37.9300, 126.6677)), r.lines[0].drawn().unwrap()).unwrap();
    assert!(d < 700.0, "{d}");
    assert_eq!(by_parts(&r, "dmz_north", on_line), Truth::Unknown);
    assert_eq!(by_parts(&r, "dmz_halves", on_line), Truth::Unknown);
    // The two sides of one line leave nothing between them.
    let m = member(&r, "dmz_halves", on_line, None);
    assert_eq!(m.truth, Truth::True);
    assert!(m.whole);
}

#[test]
fn the_jsa_is_decided_as_a_whole_only_where_all_of_it_agrees() {
    // The JSA disc inside the DMZ: a position at its centre known to 300 m
    // is inside both; known to 500 m, part of it lies outside the disc.
    let r = compile(CMA);
    let centre = (37.9454, 126.6871);
    assert_eq!(
        member(&r, "jsa", fuzzy(centre, 300.0), None).truth,
        Truth::True
    );
    let m = member(&r, "jsa", fuzzy(centre, 500.0), None);
    assert_eq!(m.truth, Truth::Unknown);
    assert!(!m.whole);
}

/// Each party measures from its own line (Minsk II point 2).
const MINSK: &str = r#"
agreement "test" {
  in force 2015-02-15 00:00 Europe/Kyiv
  party UA "Armed Forces of Ukraine"
  party RU "armed formations"
}
act fire "fire"
line contact from "geo/donbas-contact-line-2015-02.geojson" { UA holds west, RU holds east }
line memorandum from "geo/donbas-line-2014-09-19.geojson" { UA holds west, RU holds east }
line reference = contact for UA, memorandum for RU
zone either_side = within 10 km of reference on UA side or within 10 km of reference on RU side
"#;

#[test]
fn a_position_across_each_partys_own_line_is_within_the_band_on_one_side_or_the_other() {
    let r = compile(MINSK);
    // Horlivka is 1.85 km from the 2014 line and 4.47 km from the 2015
    // line; known to 2 km it straddles the 2014 line, not the 2015 one.
    let p = fuzzy(HORLIVKA, 2_000.0);
    let ru = party(&r, "RU");
    let zone = zone_index(&r, "either_side");
    let parts = crate::eval::spatial::zone::in_zone_within(&p, zone, ru, &r, 0);
    assert_eq!(parts.truth, Truth::Unknown);
    assert_eq!(member(&r, "either_side", p, ru).truth, Truth::True);
    assert_eq!(
        member(&r, "either_side", p, party(&r, "UA")).truth,
        Truth::True
    );
    // Whoever acted: each party's band holds it.
    let m = member(&r, "either_side", p, None);
    assert_eq!(m.truth, Truth::True);
    assert!(m.whole);
}

#[test]
fn adjacent_polygons_a_disc_on_their_shared_border_is_in_their_union() {
    // Two sectors of a buffer zone sharing the meridian 33.36 E, Nicosia.
    let r = compile(
        r#"
agreement "test" {
  in force 1974-08-16 00:00 Asia/Nicosia
  party A "a"
  party B "b"
}
act fire "fire"
zone west_sector = polygon [(33.30, 35.15), (33.36, 35.15), (33.36, 35.20), (33.30, 35.20)]
zone east_sector = polygon [(33.36, 35.15), (33.42, 35.15), (33.42, 35.20), (33.36, 35.20)]
zone sectors = west_sector or east_sector
zone both = west_sector and east_sector
"#,
    );
    let on_border = fuzzy((35.175, 33.36), 1_000.0);
    assert_eq!(by_parts(&r, "sectors", on_border), Truth::Unknown);
    assert_eq!(member(&r, "sectors", on_border, None).truth, Truth::True);
    assert_eq!(by_parts(&r, "both", on_border), Truth::Unknown);
    assert_eq!(member(&r, "both", on_border, None).truth, Truth::False);
    // Near the union's outer edge (35.20 N is 1.1 km north), part of the
    // disc is outside both sectors.
    let near_edge = fuzzy((35.19, 33.36), 1_500.0);
    assert_eq!(member(&r, "sectors", near_edge, None).truth, Truth::Unknown);
}

#[test]
fn hostile_uncertainty_is_not_cut_into_cells() {
    let r = compile(CMA);
    let huge = fuzzy(SPLIT_10_KM, 5_000_000.0);
    let m = member(&r, "fixed_wing_no_fly", huge, None);
    assert_eq!(m.truth, Truth::Unknown);
    let mut places = Places::new(&r);
    let question = places
        .zone(zone_index(&r, "fixed_wing_no_fly"), None)
        .unwrap();
    assert_eq!(places.certify(&question, &huge, 1_000).cells, 0);
    // A budget bounds the cells read, whatever the disc.
    let c = places.certify(&question, &fuzzy(SPLIT_28_KM, 30_000.0), 40);
    assert!(c.cells <= 40, "{c:?}");
}
