//! The spatial and temporal predicates on real geometry, against values
//! computed independently, by hand.
//!
//! Distances were computed in Python (python3, standard library only) with
//! the haversine formula on a sphere of mean radius R = 6,371,008.8 m:
//!
//! ```text
//! d = 2 R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)))
//! ```
//!
//! and, for a point P and a segment AB, the cross-track distance on the unit
//! sphere: n = (A × B)/|A × B|, d = R |asin(P · n)| when the foot of P on the
//! great circle lies between A and B, else the haversine distance to the
//! nearer end. The nearest segment was found by trying every segment.
//! Tolerance: 1 m for every distance, 0.03 % of the shortest one tested
//! (363.6 m). The two computations agree to 1 mm today; 1 m leaves room for
//! another exact closest-point method in `geo` while still catching a wrong
//! segment, a flat-earth shortcut or a different radius (0.1 % of 10 km).
//!
//! Geometry is read from the shipped files in `rules/geo`.
//! Coordinates of places are (lat, lon) as the brief gives them.

use std::path::PathBuf;

use geo::{LineString, MultiLineString, coord};

use super::space::{between, crosses, distance_to_line, side_of};
use super::truth::Truth;
use super::zone::{Membership, in_zone};
use super::{Outcome, Step, Verdict};
use crate::check::{PartyIdx, Rulebook, Side};
use crate::events::{Format, Point};

/// Every distance is checked to this many metres.
const METRES: f64 = 1.0;

const PANMUNJOM: (f64, f64) = (37.9559, 126.6773);
const CHEORWON: (f64, f64) = (38.1468, 127.3132);
const KAESONG: (f64, f64) = (37.97, 126.55);
const MUNSAN: (f64, f64) = (37.86, 126.79);
/// The North Korean village in the DMZ, north of the line.
const KIJONG_DONG: (f64, f64) = (37.9483, 126.6539);
/// The South Korean village in the DMZ, south of the line.
const DAESEONG_DONG: (f64, f64) = (37.9408, 126.6769);
const DORASAN: (f64, f64) = (37.8996, 126.7083);
/// A point 1.15 km south of the shipped MDL below the JSA disc's centre.
const SOUTH_OF_JSA: (f64, f64) = (37.9350, 126.6871);
const DONETSK: (f64, f64) = (48.0159, 37.8028);
const DEBALTSEVE: (f64, f64) = (48.3403, 38.4064);
const HORLIVKA: (f64, f64) = (48.3336, 38.0925);
const KRAMATORSK: (f64, f64) = (48.72, 37.56);
const LEDRA_STREET: (f64, f64) = (35.1759, 33.3611);
/// A village inside the Cyprus buffer zone.
const PYLA: (f64, f64) = (35.0156, 33.6906);
const LARNACA: (f64, f64) = (34.9167, 33.6333);
const NAQOURA: (f64, f64) = (33.1180, 35.1397);
const KFAR_KILA: (f64, f64) = (33.2855, 35.5520);
const METULA: (f64, f64) = (33.2790, 35.5780);
const KIRYAT_SHMONA: (f64, f64) = (33.2075, 35.5697);
const SHLOMI: (f64, f64) = (33.0756, 35.1453);

fn at((lat, lon): (f64, f64)) -> Point {
    fuzzy((lat, lon), 0.0)
}

/// A position known to within `accuracy` metres.
fn fuzzy((lat, lon): (f64, f64), accuracy: f64) -> Point {
    Point { lat, lon, accuracy }
}

fn close(what: &str, actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= METRES,
        "{what}: got {actual:.3} m, expected {expected:.3} m ± {METRES} m"
    );
}

fn repo_geo(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("rules/geo")
        .join(file)
}

/// Every line of a GeoJSON file, or of its features whose name contains
/// `feature`, read independently of truce's own loader.
fn lines(path: PathBuf, feature: Option<&str>) -> MultiLineString {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for f in doc["features"].as_array().unwrap() {
        let name = f["properties"]["name"].as_str().unwrap_or("");
        if feature.is_some_and(|want| !name.contains(want)) {
            continue;
        }
        let g = &f["geometry"];
        let parts = match g["type"].as_str().unwrap() {
            "LineString" => vec![g["coordinates"].clone()],
            "MultiLineString" => g["coordinates"].as_array().unwrap().clone(),
            _ => continue,
        };
        out.extend(parts.iter().map(line_string));
    }
    MultiLineString::new(out)
}

fn line_string(coords: &serde_json::Value) -> LineString {
    let pts = coords.as_array().unwrap().iter().map(|c| {
        let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        coord! { x: x, y: y }
    });
    LineString::new(pts.collect())
}

fn mdl() -> MultiLineString {
    lines(repo_geo("korea-mdl.geojson"), None)
}

fn contact_2015() -> MultiLineString {
    lines(repo_geo("donbas-contact-line-2015-02.geojson"), None)
}

fn memorandum_2014() -> MultiLineString {
    lines(repo_geo("donbas-line-2014-09-19.geojson"), None)
}

fn blue_line() -> MultiLineString {
    lines(repo_geo("israel-lebanon-blue-line.geojson"), None)
}

fn side(place: (f64, f64), line: &MultiLineString) -> Option<Side> {
    side_of(&at(place), line).expect("the line has segments").0
}

// ---------------------------------------------------------------------------
// Distances
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Sides. Left and right are looking along the line from its first point.
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Crossings
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Zones through compiled rulebooks
// ---------------------------------------------------------------------------

/// Compiles rule text as if it were a file in `rules/`, so that
/// `geo/...` paths resolve.
fn compile(text: &str) -> Rulebook {
    compile_in(
        &format!("{}/rules/test.truce", env!("CARGO_MANIFEST_DIR")),
        text,
    )
}

fn compile_in(path: &str, text: &str) -> Rulebook {
    match crate::compile(&crate::span::Source::new(path, text)) {
        Ok(checked) => checked.rulebook,
        Err(e) => panic!("{}", errors(e).join("\n")),
    }
}

/// Every error, rendered as a person reads it (message, labels and help).
fn errors(e: crate::RulebookError) -> Vec<String> {
    use crate::render::diagnostics::render;
    match e {
        crate::RulebookError::Check(c) => c.errors.iter().map(|e| render(e, false)).collect(),
        other => vec![render(&other, false)],
    }
}

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
    let why = nobody.unknown_because.unwrap();
    assert!(why.contains("party is unknown"), "{why}");
    let other = member(&r, "band_own", at(PANMUNJOM), party(&r, "OTHER"));
    assert_eq!(other.truth, Truth::Unknown);
    let why = other.unknown_because.unwrap();
    assert!(why.contains("`OTHER` holds no side"), "{why}");
}

#[test]
fn an_uncertain_position_at_the_bands_edge_is_unknown_and_far_from_it_decided() {
    // Panmunjom is 1243.97 m from the line: 1943.97 m at most with 700 m of
    // uncertainty (inside 2 km), 2043.97 m with 800 m (may be outside).
    let r = compile(KOREA);
    assert_eq!(truth(&r, "band", fuzzy(PANMUNJOM, 700.0)), Truth::True);
    let edge = member(&r, "band", fuzzy(PANMUNJOM, 800.0), None);
    assert_eq!(edge.truth, Truth::Unknown);
    let why = edge.unknown_because.unwrap();
    assert!(why.contains("edge of zone `band`"), "{why}");
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
    assert!(
        unknown
            .unknown_because
            .unwrap()
            .contains("the actor's party is unknown, and the answer depends on whose line")
    );
    let none = member(&r, "near10", at(DEBALTSEVE), party(&r, "NONE"));
    assert_eq!(none.truth, Truth::Unknown);
    let why = none.unknown_because.unwrap();
    assert!(why.contains("names no reference line for `NONE`"), "{why}");
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
    assert!(
        edge.computed.contains("570 m from its edge"),
        "{}",
        edge.computed
    );
}

// ---------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------

const MINSK: &str = r#"
agreement "test" {
  in force 2015-02-15 00:00 Europe/Kyiv
  party UA "a"
  party RU "b"
}
act deployment "weapons positioned"
act fire "fire"
deadline d = 14 d after day 2
"#;

fn utc(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn minsk_ii_withdrawal_is_due_at_midnight_on_2_march() {
    // Day 2 begins 2015-02-16 00:00 Kyiv; 14 calendar days later is
    // 2015-03-02 00:00 EET (UTC+2), that is 2015-03-01T22:00Z.
    let r = compile(MINSK);
    let due = &r.deadlines[0].schedule[0].at;
    assert_eq!(due.written, "2015-03-02 00:00 Europe/Kyiv");
    assert_eq!(due.at, utc("2015-03-01T22:00:00Z"));
}

#[test]
fn calendar_days_keep_local_midnight_across_the_clock_change_hours_do_not() {
    // In force 2015-10-02 00:00 EEST = 2015-10-01T21:00Z. Summer time ends
    // 25 Oct. 41 d: 2015-11-12 00:00 EET = 2015-11-11T22:00Z. 984 h (41 × 24)
    // of elapsed time: 2015-11-11T21:00Z = 2015-11-11 23:00 EET.
    let r = compile(
        "agreement \"t\" {\n  in force 2015-10-02 00:00 Europe/Kyiv\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"fire\"\ndeadline days = 41 d after in force\ndeadline hours = 984 h after in force\n",
    );
    let (days, hours) = (
        &r.deadlines[0].schedule[0].at,
        &r.deadlines[1].schedule[0].at,
    );
    assert_eq!(days.written, "2015-11-12 00:00 Europe/Kyiv");
    assert_eq!(days.at, utc("2015-11-11T22:00:00Z"));
    assert_eq!(hours.written, "2015-11-11 23:00 Europe/Kyiv");
    assert_eq!(hours.at, utc("2015-11-11T21:00:00Z"));
}

#[test]
fn a_time_can_equal_a_deadline() {
    // `time == d` compares with the deadline, as `time < d` does.
    let rules =
        format!("{MINSK}article 1 \"t\" {{\n  violation when act is fire and time == d\n}}\n");
    assert!(crate::compile(&crate::span::Source::new("eq.truce", rules)).is_ok());
}

#[test]
fn an_extension_counts_from_the_moment_it_is_agreed() {
    // Agreed 2015-02-27 12:00 EET = 10:00Z: to 9 March, then by 7 d more.
    let rules = format!(
        "{MINSK}extend d to 2015-03-09 00:00 Europe/Kyiv agreed 2015-02-27 12:00 Europe/Kyiv\nextend d by 7 d agreed 2015-03-05 12:00 Europe/Kyiv\n"
    );
    let r = compile(&rules);
    let d = &r.deadlines[0];
    let due = |t: &str| d.due_at(utc(t)).at.written.clone();
    assert_eq!(due("2015-02-27T09:59:59Z"), "2015-03-02 00:00 Europe/Kyiv");
    assert_eq!(due("2015-02-27T10:00:00Z"), "2015-03-09 00:00 Europe/Kyiv");
    assert_eq!(due("2015-03-01T00:00:00Z"), "2015-03-09 00:00 Europe/Kyiv");
    // `by 7 d` counts from the due date in force, 9 March.
    assert_eq!(due("2015-03-05T10:00:00Z"), "2015-03-16 00:00 Europe/Kyiv");
}

/// Judges a YAML events file under rule text; one verdict per event.
fn judge_all(rules: &str, events: &str) -> Vec<Verdict> {
    let r = compile(rules);
    let loaded = crate::events::load_str("e.yaml", events, Format::Yaml, &r).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    let (graph, _) = crate::graph::build(loaded, "e.yaml");
    (0..graph.events.len())
        .map(|i| super::judge(&r, &graph, i))
        .collect()
}

const EVIDENCE: &str = "  evidence: [{source: SMM, kind: observation, grade: A1}]\n";

fn deployment(id: &str, time: &str) -> String {
    format!(
        "- id: {id}\n  time: {time}\n  act: deployment\n  actor: {{party: UA}}\n  place: {{lat: 48.72, lon: 37.56}}\n{EVIDENCE}"
    )
}

#[test]
fn a_window_straddling_a_deadline_is_inconclusive() {
    // Due 2015-03-02 00:00 Kyiv (+02:00).
    let rules = format!(
        "{MINSK}article 1 \"t\" {{\n  violation when act is deployment and time after d\n  responsible actor.party\n  proof preponderance\n  severity medium\n}}\n"
    );
    let events = [
        deployment(
            "W",
            "{from: 2015-03-01T12:00:00+02:00, to: 2015-03-02T12:00:00+02:00}",
        ),
        deployment("L", "2015-03-02T00:01:00+02:00"),
        deployment("E", "2015-03-01T23:59:00+02:00"),
    ]
    .concat();
    let v = judge_all(&rules, &events);
    let f = &v[0].articles[0];
    assert_eq!(f.outcome, Outcome::Inconclusive);
    assert!(f.reason.contains("straddles deadline `d`"), "{}", f.reason);
    assert_eq!(v[1].outcome, Outcome::Violation);
    assert_eq!(v[2].outcome, Outcome::NoViolation);
}

#[test]
fn a_window_spanning_a_late_extensions_agreement_is_inconclusive() {
    // The deadline lapsed on 2 March; on 4 March 12:00 it was extended to
    // 9 March. A window over 4 March is late under the first due date and
    // early under the second.
    let rules = format!(
        "{MINSK}extend d to 2015-03-09 00:00 Europe/Kyiv agreed 2015-03-04 12:00 Europe/Kyiv\narticle 1 \"t\" {{\n  violation when act is deployment and time after d\n  responsible actor.party\n  proof preponderance\n  severity medium\n}}\n"
    );
    let events = [
        deployment(
            "W",
            "{from: 2015-03-04T00:00:00+02:00, to: 2015-03-04T23:00:00+02:00}",
        ),
        deployment("B", "2015-03-03T12:00:00+02:00"),
        deployment("A", "2015-03-05T12:00:00+02:00"),
    ]
    .concat();
    let v = judge_all(&rules, &events);
    assert_eq!(v[0].outcome, Outcome::Inconclusive, "{}", v[0].summary);
    assert!(v[0].articles[0].reason.contains("deadline `d`"));
    assert_eq!(v[1].outcome, Outcome::Violation);
    assert_eq!(v[2].outcome, Outcome::NoViolation);
}

/// The step testing `text` (inside a quantifier it is prefixed with the
/// binding: `attack = A: ...`).
fn find<'a>(step: &'a Step, text: &str) -> Option<&'a Step> {
    if step.condition.ends_with(text) {
        return Some(step);
    }
    step.steps.iter().find_map(|s| find(s, text))
}

#[test]
fn a_response_within_30_minutes_of_an_attack() {
    // The attack at 12:00 Kyiv; each response answers it.
    let rules = format!(
        "{MINSK}article 1 \"t\" {{\n  violation when act is fire and some responds_to as attack where time within 30 min after attack.time\n  responsible actor.party\n  proof preponderance\n  severity high\n}}\n"
    );
    let fire = |id: &str, time: &str, party: &str, responds: &str| {
        format!(
            "- id: {id}\n  time: {time}\n  act: fire\n  actor: {{party: {party}}}\n{responds}{EVIDENCE}"
        )
    };
    let reply = |id: &str, time: &str| fire(id, time, "UA", "  responds_to: A\n");
    let events = [
        fire("A", "2015-03-10T12:00:00+02:00", "RU", ""),
        reply("R19", "2015-03-10T12:19:00+02:00"),
        reply("R30", "2015-03-10T12:30:00+02:00"),
        reply("R45", "2015-03-10T12:45:00+02:00"),
        reply(
            "RW",
            "{from: 2015-03-10T12:20:00+02:00, to: 2015-03-10T12:40:00+02:00}",
        ),
        reply("RB", "2015-03-10T11:55:00+02:00"),
    ]
    .concat();
    let v = judge_all(&rules, &events);
    let within = |i: usize| {
        let cond = &v[i].articles[0].condition;
        find(cond, "time within 30 min after attack.time")
            .unwrap_or_else(|| panic!("{cond:?}"))
            .result
    };
    let expected = [
        (1, Truth::True, Outcome::Violation),       // 19 min
        (2, Truth::True, Outcome::Violation),       // exactly 30 min: within
        (3, Truth::False, Outcome::NoViolation),    // 45 min
        (4, Truth::Unknown, Outcome::Inconclusive), // 20 to 40 min
        (5, Truth::False, Outcome::NoViolation),    // 5 min before the attack
    ];
    for (i, t, o) in expected {
        assert_eq!((within(i), v[i].outcome), (t, o), "event {}", v[i].event);
    }
    // The explanation shows the computed gap against the limit.
    let test = "attack = A: time within 30 min after attack.time";
    let step = find(&v[1].articles[0].condition, test).unwrap();
    let computed = step.facts[0].computed.as_deref().unwrap();
    assert_eq!(computed, "19 min after A; limit 30 min");
}

#[test]
fn a_point_beyond_the_end_of_a_line_is_on_neither_side() {
    // Ganghwa island lies west of where the shipped MDL begins (the Han
    // estuary): the line divides nothing there. A wrong answer here would
    // put a South Korean town on the KPA side of the MDL.
    const GANGHWA: (f64, f64) = (37.7467, 126.4880);
    let (s, d) = side_of(&at(GANGHWA), &mdl()).unwrap();
    assert_eq!(s, None);
    assert!((d - 18_303.8).abs() < 1.0, "{d}");
    // Just inside the line's span, the side is decided as usual.
    assert_eq!(side(MUNSAN, &mdl()), Some(Side::Right));
}
