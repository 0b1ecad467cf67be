//! Zones drawn from lines and lines drawn from zones, on the shipped
//! Cyprus geometry: the buffer zone between its two ceasefire lines, and
//! the buffer zone's edge as a line.

use geo::{Area, BooleanOps};

use super::*;
use crate::check::ZoneExpr;

const CYPRUS: &str = r#"
agreement "test" {
  in force 1974-08-16 Asia/Nicosia
  party CY "National Guard"
  party TF "Turkish forces"
}
act fire "fire"
line southern from "geo/cyprus-buffer-zone.geojson" feature "southern ceasefire line (buffer zone / Republic of Cyprus side)"
line northern from "geo/cyprus-buffer-zone.geojson" feature "northern ceasefire line (buffer zone / Turkish Cypriot side)"
zone between_lines = between northern and southern
zone drawn = polygon from "geo/cyprus-buffer-zone.geojson" feature "UN buffer zone in Cyprus"
line rim = edge of drawn
zone inside_rim = inside rim
zone along_rim = within 500 m of rim
"#;

fn polygon<'a>(r: &'a Rulebook, name: &str) -> &'a geo::MultiPolygon {
    match &r.zones.iter().find(|z| z.name == name).unwrap().shape {
        ZoneExpr::Polygon(p, _) => p,
        other => panic!("{name} is {other:?}"),
    }
}

fn truth(r: &Rulebook, zone: &str, p: Point) -> Truth {
    let z = r.zones.iter().position(|x| x.name == zone).unwrap();
    in_zone(&p, z, None, r).truth
}

#[test]
fn the_ground_between_the_two_ceasefire_lines_is_the_buffer_zone() {
    // The three pieces of each line pair up (Kokkina in the west, the long
    // middle stretch through Nicosia, Deryneia in the east), and the ground
    // between them is the Natural Earth polygon to within 2 % of its area.
    let r = compile(CYPRUS);
    let (between, drawn) = (polygon(&r, "between_lines"), polygon(&r, "drawn"));
    assert_eq!(between.0.len(), 3);
    let differ = between.xor(drawn).unsigned_area();
    assert!(
        differ / drawn.unsigned_area() < 0.02,
        "{} of {}",
        differ,
        drawn.unsigned_area()
    );
    // The old Nicosia airport, in the UN Protected Area, is in both.
    let airport = (35.1525, 33.2760);
    assert_eq!(truth(&r, "between_lines", at(airport)), Truth::True);
    assert_eq!(truth(&r, "drawn", at(airport)), Truth::True);
    assert_eq!(truth(&r, "between_lines", at(LARNACA)), Truth::False);
    // Where the lines end at the Dhekelia base, the straight segment that
    // closes `between` cuts Pyla off; the polygon follows the base's edge.
    assert_eq!(truth(&r, "between_lines", at(PYLA)), Truth::False);
    assert_eq!(truth(&r, "drawn", at(PYLA)), Truth::True);
}

#[test]
fn the_edge_of_a_zone_is_a_line_with_the_zone_on_its_left() {
    let r = compile(CYPRUS);
    let rim = r.lines.iter().find(|l| l.name == "rim").unwrap();
    let drawn = rim.drawn().unwrap();
    // Each ring of the three polygons, closed.
    assert_eq!(drawn.0.len(), 3);
    assert!(drawn.iter().all(crate::check::is_closed));
    // Pyla, inside the zone, is on the left; Larnaca, outside, on the right.
    assert_eq!(side(PYLA, drawn), Some(Side::Left));
    assert_eq!(side(LARNACA, drawn), Some(Side::Right));
    // A ring has no ends: a point off its first vertex has a side.
    let first = drawn.0[0].0[0];
    assert!(side((first.y + 0.01, first.x), drawn).is_some());
    // Nothing reads as beyond its ends, and no compass side is claimed.
    assert!(rim.compass.iter().all(Option::is_none));
    // Its distance is the distance to the zone's edge: Pyla is 1.06 km in.
    let d = distance_to_line(&at(PYLA), drawn).unwrap();
    close("Pyla to the edge", d, 1_062.543);
}

#[test]
fn the_ground_inside_a_closed_line_is_the_polygon_it_goes_round() {
    let r = compile(CYPRUS);
    let (inside, drawn) = (polygon(&r, "inside_rim"), polygon(&r, "drawn"));
    // The same ground, up to the boolean operations' rounding.
    assert!(inside.xor(drawn).unsigned_area() < drawn.unsigned_area() * 1e-6);
    assert_eq!(truth(&r, "inside_rim", at(PYLA)), Truth::True);
    // A band along the edge: Pyla is 1.06 km in, beyond 500 m of it.
    assert_eq!(truth(&r, "along_rim", at(PYLA)), Truth::False);
    assert_eq!(truth(&r, "along_rim", fuzzy(PYLA, 500.0)), Truth::False);
    assert_eq!(truth(&r, "along_rim", fuzzy(PYLA, 600.0)), Truth::Unknown);
}

#[test]
fn lines_drawn_in_opposite_directions_close_crosswise() {
    // Two withdrawal lines 0.3° apart, one drawn north, the other south:
    // the ground between them is a quadrilateral, not a bow tie.
    let r = compile(
        r#"
agreement "test" {
  in force 2015-10-02 00:00 Europe/Kyiv
  party UA "a"
  party CADLR "b"
}
act fire "fire"
line ua_withdrawal = [(37.0, 47.0), (37.05, 47.5), (37.0, 48.0)]
line cadlr_withdrawal = [(37.3, 48.0), (37.35, 47.5), (37.3, 47.0)]
zone security = between ua_withdrawal and cadlr_withdrawal
"#,
    );
    let ring = &polygon(&r, "security").0[0];
    assert!(ring.is_valid_ring(), "{ring:?}");
    assert_eq!(truth(&r, "security", at((47.5, 37.2))), Truth::True);
    assert_eq!(truth(&r, "security", at((47.25, 37.15))), Truth::True);
    assert_eq!(truth(&r, "security", at((47.5, 37.5))), Truth::False);
    assert_eq!(truth(&r, "security", at((48.1, 37.2))), Truth::False);
}

trait Ring {
    fn is_valid_ring(&self) -> bool;
}

impl Ring for geo::Polygon {
    fn is_valid_ring(&self) -> bool {
        use geo::Validation;
        self.is_valid() && self.unsigned_area() > 0.0
    }
}

/// Waters measured from a coast, in nautical miles: the band along an
/// island's edge, cut from the island. Yeonpyeong-do, drawn coarsely as a
/// four-sided polygon round the island (about 37.645-37.680 N,
/// 125.675-125.725 E).
#[test]
fn waters_within_three_nautical_miles_of_an_island_and_not_on_it() {
    let r = compile(
        r#"
agreement "test" {
  in force 1953-07-27 22:00 Asia/Seoul
  party KPA "Korean People's Army"
  party UNC "United Nations Command"
}
act fire "fire"
zone island = polygon [(125.675, 37.645), (125.725, 37.645), (125.725, 37.680), (125.675, 37.680)]
line coast = edge of island
zone waters = within 3 nmi of coast and not island
"#,
    );
    // 2 nmi (3.7 km) due south of the island's southern shore: in.
    let south = 37.645 - 3704.0 / 111_000.0;
    assert_eq!(truth(&r, "waters", at((south, 125.70))), Truth::True);
    // 4 nmi (7.4 km) due south: out.
    let far = 37.645 - 7408.0 / 111_000.0;
    assert_eq!(truth(&r, "waters", at((far, 125.70))), Truth::False);
    // On the island itself: land, not waters.
    assert_eq!(truth(&r, "waters", at((37.662, 125.70))), Truth::False);
    // 3 nmi is 5,556 m: a fix 5.3 km off the shore, good to 500 m, may be
    // either side of the band's outer edge.
    let edge = 37.645 - 5300.0 / 111_000.0;
    assert_eq!(
        truth(&r, "waters", fuzzy((edge, 125.70), 500.0)),
        Truth::Unknown
    );
}
