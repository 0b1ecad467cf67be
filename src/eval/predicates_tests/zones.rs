//! Zones through compiled rulebooks: bands, sides, per-party lines, discs, polygons, combinations.

use super::*;
use crate::eval::Doubt;

const KOREA: &str = r#"
agreement "test" {
  in force 1953-07-27 22:00 Asia/Seoul
  party UNC "United Nations Command"
  party KPA "Korean People's Army"
  party OTHER "holds no side"
}
act fire "fire"
line mdl from "geo/korea-mdl.geojson" { KPA holds north, UNC holds south }
zone band = within 2 km of mdl on each side
zone band_north = within 2 km of mdl on north side
zone band_kpa = within 2 km of mdl on KPA side
zone band_unc = within 2 km of mdl on UNC side
zone band_own = within 2 km of mdl on own side
zone jsa = within 400 m of (126.6871, 37.9454)
zone band_not_jsa = band and not jsa
zone jsa_or_north = jsa or band_north
"#;

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

fn truth(rulebook: &Rulebook, zone: &str, p: Point) -> Truth {
    member(rulebook, zone, p, None).truth
}

#[test]
fn a_band_on_each_side_of_the_mdl() {
    let r = compile(KOREA);
    assert_eq!(truth(&r, "band", at(PANMUNJOM)), Truth::True); // 1244 m N
    assert_eq!(truth(&r, "band", at(SOUTH_OF_JSA)), Truth::True); // 1153 m S
    assert_eq!(truth(&r, "band", at(DORASAN)), Truth::False); // 3959 m S
    assert_eq!(truth(&r, "band", at(KAESONG)), Truth::False); // 10.7 km N
}

#[test]
fn a_band_on_the_north_side_only() {
    // SOUTH_OF_JSA: 1153.474 m south of segment 3–4.
    let r = compile(KOREA);
    assert_eq!(truth(&r, "band_north", at(PANMUNJOM)), Truth::True);
    assert_eq!(truth(&r, "band_north", at(KIJONG_DONG)), Truth::True);
    assert_eq!(truth(&r, "band_north", at(SOUTH_OF_JSA)), Truth::False);
    assert_eq!(truth(&r, "band_north", at(DAESEONG_DONG)), Truth::False);
}

#[test]
fn a_band_on_the_side_a_party_holds() {
    let r = compile(KOREA);
    assert_eq!(truth(&r, "band_kpa", at(PANMUNJOM)), Truth::True);
    assert_eq!(truth(&r, "band_kpa", at(SOUTH_OF_JSA)), Truth::False);
    assert_eq!(truth(&r, "band_unc", at(PANMUNJOM)), Truth::False);
    assert_eq!(truth(&r, "band_unc", at(SOUTH_OF_JSA)), Truth::True);
}

#[test]
fn own_side_is_the_side_the_actors_party_holds() {
    let r = compile(KOREA);
    let (kpa, unc) = (party(&r, "KPA"), party(&r, "UNC"));
    let own = |p, who| member(&r, "band_own", at(p), who).truth;
    assert_eq!(own(PANMUNJOM, kpa), Truth::True);
    assert_eq!(own(PANMUNJOM, unc), Truth::False);
    assert_eq!(own(SOUTH_OF_JSA, unc), Truth::True);
    assert_eq!(own(SOUTH_OF_JSA, kpa), Truth::False);
    // An unknown actor, or a party holding no side, has no own side.
    let nobody = member(&r, "band_own", at(PANMUNJOM), None);
    assert_eq!(nobody.truth, Truth::Unknown);
    assert_eq!(nobody.doubt, Some(Doubt::PartyDecides));
    let other = member(&r, "band_own", at(PANMUNJOM), party(&r, "OTHER"));
    assert_eq!(other.truth, Truth::Unknown);
    assert!(
        matches!(&other.doubt, Some(Doubt::HoldsNoSide { party, .. }) if &**party == "OTHER"),
        "{:?}",
        other.doubt
    );
}

#[test]
fn an_uncertain_position_at_the_bands_edge_is_unknown_and_far_from_it_decided() {
    // Panmunjom is 1243.97 m from the line: 1943.97 m at most with 700 m of
    // uncertainty (inside 2 km), 2043.97 m with 800 m (may be outside).
    let r = compile(KOREA);
    assert_eq!(truth(&r, "band", fuzzy(PANMUNJOM, 700.0)), Truth::True);
    let edge = member(&r, "band", fuzzy(PANMUNJOM, 800.0), None);
    assert_eq!(edge.truth, Truth::Unknown);
    assert_eq!(
        edge.doubt,
        Some(Doubt::ZoneEdge {
            zone: "band".into(),
            accuracy_m: 800.0
        })
    );
    // 1153 m south with 1200 m of uncertainty: its side is unknown.
    let sided = member(&r, "band_north", fuzzy(SOUTH_OF_JSA, 1_200.0), None);
    assert_eq!(sided.truth, Truth::Unknown);
    // Kaesong, 10.7 km away, is outside even with 5 km of uncertainty.
    assert_eq!(truth(&r, "band", fuzzy(KAESONG, 5_000.0)), Truth::False);
}

#[test]
fn a_disc_of_400_m() {
    // Due north of the centre (126.6871, 37.9454): Δφ = 0.0032° gives
    // R·Δφ = 355.824 m; Δφ = 0.0041° gives 455.900 m.
    let r = compile(KOREA);
    let (inner, outer) = ((37.9486, 126.6871), (37.9495, 126.6871));
    close(
        "inner",
        between(&at(inner), &at((37.9454, 126.6871))),
        355.824,
    );
    close(
        "outer",
        between(&at(outer), &at((37.9454, 126.6871))),
        455.900,
    );
    assert_eq!(truth(&r, "jsa", at(inner)), Truth::True);
    assert_eq!(truth(&r, "jsa", at(outer)), Truth::False);
    // 355.8 + 30 ≤ 400 decided; 355.8 + 50 > 400 straddles the edge.
    assert_eq!(truth(&r, "jsa", fuzzy(inner, 30.0)), Truth::True);
    assert_eq!(truth(&r, "jsa", fuzzy(inner, 50.0)), Truth::Unknown);
    // 455.9 − 50 > 400 decided; 455.9 − 60 < 400 straddles.
    assert_eq!(truth(&r, "jsa", fuzzy(outer, 50.0)), Truth::False);
    assert_eq!(truth(&r, "jsa", fuzzy(outer, 60.0)), Truth::Unknown);
}

#[test]
fn zones_combine_with_and_or_not_in_three_valued_logic() {
    let r = compile(KOREA);
    let inner = (37.9486, 126.6871); // in the disc, 351.4 m north of the line
    assert_eq!(truth(&r, "band_not_jsa", at(inner)), Truth::False);
    assert_eq!(truth(&r, "band_not_jsa", at(SOUTH_OF_JSA)), Truth::True);
    assert_eq!(truth(&r, "band_not_jsa", at(DORASAN)), Truth::False);
    assert_eq!(truth(&r, "jsa_or_north", at(PANMUNJOM)), Truth::True);
    assert_eq!(truth(&r, "jsa_or_north", at(inner)), Truth::True);
    assert_eq!(truth(&r, "jsa_or_north", at(SOUTH_OF_JSA)), Truth::False);
    // With 50 m of uncertainty the disc is unknown, the band is not:
    // band and not unknown = unknown; unknown or true = true.
    assert_eq!(
        truth(&r, "band_not_jsa", fuzzy(inner, 50.0)),
        Truth::Unknown
    );
    assert_eq!(truth(&r, "jsa_or_north", fuzzy(inner, 50.0)), Truth::True);
}

const DONBAS: &str = r#"
agreement "test" {
  in force 2015-02-15 00:00 Europe/Kyiv
  party UA "Armed Forces of Ukraine"
  party RU "armed formations"
  party NONE "no reference line"
}
act fire "fire"
line contact from "geo/donbas-contact-line-2015-02.geojson" { UA holds west, RU holds east }
line memorandum from "geo/donbas-line-2014-09-19.geojson" { UA holds west, RU holds east }
line reference = contact for UA, memorandum for RU
zone near3 = within 3 km of reference on each side
zone near10 = within 10 km of reference on each side
zone own10 = within 10 km of reference on own side
"#;

#[test]
fn each_party_measures_from_its_own_line() {
    // Horlivka: 4470.9 m from the 2015 line (UA's), 1850.1 m from the 2014
    // line (RU's). Debaltseve: 5164.4 m and 12754.7 m.
    let r = compile(DONBAS);
    let (ua, ru) = (party(&r, "UA"), party(&r, "RU"));
    let is = |zone, place, who| member(&r, zone, at(place), who).truth;
    assert_eq!(is("near3", HORLIVKA, ua), Truth::False);
    assert_eq!(is("near3", HORLIVKA, ru), Truth::True);
    assert_eq!(is("near10", DEBALTSEVE, ua), Truth::True);
    assert_eq!(is("near10", DEBALTSEVE, ru), Truth::False);
    // Debaltseve is on the government (west, right) side of both lines.
    assert_eq!(is("own10", DEBALTSEVE, ua), Truth::True);
    // Whose line it is matters at Debaltseve, and the actor is unknown.
    let unknown = member(&r, "near10", at(DEBALTSEVE), None);
    assert_eq!(unknown.truth, Truth::Unknown);
    assert_eq!(unknown.doubt, Some(Doubt::PartyDecides));
    let none = member(&r, "near10", at(DEBALTSEVE), party(&r, "NONE"));
    assert_eq!(none.truth, Truth::Unknown);
    assert!(
        matches!(&none.doubt, Some(Doubt::NoLineFor { party, .. }) if &**party == "NONE"),
        "{:?}",
        none.doubt
    );
}

#[test]
fn an_act_of_unknown_origin_far_from_every_partys_line_is_decided() {
    // Without the party that has no line: whoever acted, Kramatorsk is
    // more than 10 km from their line, and Horlivka within 10 km.
    let r = compile(&DONBAS.replace("  party NONE \"no reference line\"\n", ""));
    let kramatorsk = (48.72, 37.56);
    assert_eq!(
        member(&r, "near10", at(kramatorsk), None).truth,
        Truth::False
    );
    assert_eq!(member(&r, "near10", at(HORLIVKA), None).truth, Truth::True);
}

#[test]
fn the_cyprus_file_mixing_a_polygon_and_lines_is_refused_as_a_zone() {
    // The file holds the buffer zone polygon and its two edges as lines.
    let text = r#"
agreement "test" {
  in force 1974-08-16 00:00 Asia/Nicosia
  party A "a"
  party B "b"
}
act fire "fire"
zone buffer = polygon from "geo/cyprus-buffer-zone.geojson"
"#;
    let path = format!("{}/rules/test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path, text);
    let Err(e) = crate::compile(&source) else {
        panic!("a file mixing a polygon and lines was accepted as a zone");
    };
    let shown = errors(e).join("\n");
    assert!(
        shown.contains("is not usable GeoJSON: it mixes lines and polygons"),
        "{shown}"
    );
    assert!(
        shown.contains("select one feature by its `name` property"),
        "{shown}"
    );
}

#[test]
fn a_feature_of_a_file_is_selected_by_name() {
    let zone = |feature: &str| {
        format!(
            "agreement \"test\" {{\n  in force 1974-08-16 00:00 Asia/Nicosia\n  party A \"a\"\n  party B \"b\"\n}}\nact fire \"fire\"\nzone buffer = polygon from \"geo/cyprus-buffer-zone.geojson\" feature \"{feature}\"\n"
        )
    };
    let r = compile_in(
        &format!("{}/rules/test.truce", env!("CARGO_MANIFEST_DIR")),
        &zone("UN buffer zone in Cyprus"),
    );
    assert_eq!(truth(&r, "buffer", at(PYLA)), Truth::True);
    let path = format!("{}/rules/test.truce", env!("CARGO_MANIFEST_DIR"));
    let Err(e) = crate::compile(&crate::span::Source::new(path, zone("UN buffer zone"))) else {
        panic!("a missing feature name was accepted");
    };
    let shown = errors(e).join("\n");
    assert!(
        shown.contains("has no feature named `UN buffer zone`"),
        "{shown}"
    );
    assert!(
        shown.contains("its features are named \"UN buffer zone in Cyprus\""),
        "{shown}"
    );
}

/// The polygon feature of the shipped Cyprus file.
fn cyprus_polygon_rulebook() -> Rulebook {
    let rules = "agreement \"test\" {\n  in force 1974-08-16 00:00 Asia/Nicosia\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\nzone buffer = polygon from \"geo/cyprus-buffer-zone.geojson\" feature \"UN buffer zone in Cyprus\"\n";
    compile_in(
        &format!("{}/rules/test.truce", env!("CARGO_MANIFEST_DIR")),
        rules,
    )
}

#[test]
fn the_cyprus_buffer_zone_as_a_polygon() {
    // Ray casting over the three rings, and the great-circle distance to
    // the nearest ring: Pyla inside, 1062.543 m from the edge; Larnaca
    // outside, 9595.844 m; Ledra Street outside at 1:10m, 570.132 m north
    // of the edge (the coarse polygon runs south of the real crossing).
    let r = cyprus_polygon_rulebook();
    assert_eq!(truth(&r, "buffer", at(PYLA)), Truth::True);
    assert_eq!(truth(&r, "buffer", at(LARNACA)), Truth::False);
    assert_eq!(truth(&r, "buffer", at(LEDRA_STREET)), Truth::False);
    assert_eq!(truth(&r, "buffer", fuzzy(PYLA, 1_000.0)), Truth::True);
    assert_eq!(truth(&r, "buffer", fuzzy(PYLA, 1_100.0)), Truth::Unknown);
    assert_eq!(
        truth(&r, "buffer", fuzzy(LEDRA_STREET, 500.0)),
        Truth::False
    );
    let edge = member(&r, "buffer", fuzzy(LEDRA_STREET, 600.0), None);
    assert_eq!(edge.truth, Truth::Unknown);
    let crate::eval::Computed::Polygon { edge_m, .. } = edge.computed else {
        panic!("{:?}", edge.computed);
    };
    assert_eq!(edge_m.round(), 570.0);
}
