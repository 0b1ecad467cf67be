//! Positions known only as an area, decided on the whole of it, on the
//! shipped geometry: a zone or locality, a grid square, a box, a side of a
//! line.

use super::*;
use crate::eval::spatial::area::{Ask, Judge, discs};
use crate::eval::spatial::control::control;
use crate::eval::spatial::whole::NeedsParty;
use crate::eval::verdict::{Declared, Doubt};
use crate::events::{Area, Position, SideOf, Square, SquareKind};

const KOREA: &str = r#"
agreement "test" {
  in force 1953-07-27 22:00 Asia/Seoul
  party UNC "United Nations Command"
  party KPA "Korean People's Army"
}
act fire "fire"
line mdl from "geo/korea-mdl.geojson" { KPA holds north, UNC holds south }
zone dmz = within 2 km of mdl on each side
zone jsa = within 400 m of (126.6871, 37.9454) and dmz
zone outside_dmz = not dmz
locality kaesong = within 4 km of (126.55, 37.97)
"#;

const DONBAS: &str = r#"
agreement "test" {
  in force 2015-10-02 00:00 Europe/Kyiv
  party UA "Armed Forces of Ukraine"
  party CADLR "armed formations"
}
act deployment "deployment"
line contact from "geo/donbas-contact-line-2015-02.geojson" { UA holds west, CADLR holds east }
line memorandum from "geo/donbas-line-2014-09-19.geojson" { UA holds west, CADLR holds east }
line withdrawal_line = contact for UA, memorandum for CADLR
zone withdrawal_zone = within 15 km of withdrawal_line
zone avdiivka_box = polygon [(37.715, 48.115), (37.785, 48.115), (37.785, 48.165), (37.715, 48.165)]
locality near_avdiivka = within 5 km of (37.7503, 48.1394)
"#;

fn zone(name: &str) -> Area {
    Area {
        zone: Some(name.into()),
        square: None,
        side: None,
    }
}

fn grid(reference: &str) -> Area {
    let s = crate::events::mgrs::square(reference).unwrap();
    Area {
        zone: None,
        square: Some(Square {
            kind: SquareKind::Grid {
                reference: s.reference.as_str().into(),
                metres: s.metres,
            },
            polygon: geo::MultiPolygon::new(vec![s.polygon]),
        }),
        side: None,
    }
}

fn side_of(line: &str, side: &str, within_m: f64) -> Area {
    Area {
        zone: None,
        square: None,
        side: Some(SideOf {
            line: line.into(),
            side: side.into(),
            within_m,
        }),
    }
}

fn party(r: &Rulebook, id: &str) -> Option<PartyIdx> {
    r.parties
        .iter()
        .position(|p| &*p.id == id)
        .map(|i| i as PartyIdx)
}

/// `place in ZONE` for a position known only as `area`.
fn in_zone(r: &Rulebook, area: &Area, zone: &str, who: Option<PartyIdx>) -> Result<bool, Doubt> {
    let z = r.zones.iter().position(|x| x.name == zone).unwrap();
    crate::eval::spatial::area::decide(area, r, who, &|places, party| {
        let inside = places.zone(z, party)?;
        Ok(Ask {
            holds: inside.clone(),
            fails: inside.not(),
        })
    })
}

/// `place on SIDE side of mdl`.
fn on_side(r: &Rulebook, area: &Area, side: Side) -> Result<bool, Doubt> {
    crate::eval::spatial::area::decide(area, r, None, &|places, _| {
        Ok::<Ask, NeedsParty>(Ask {
            holds: places.side(0, side, false),
            fails: places.side(0, side.other(), false),
        })
    })
}

#[test]
fn a_zone_inside_another_is_in_it_and_a_side_strip_too() {
    let r = compile(KOREA);
    // The JSA is a disc cut to the DMZ: wholly inside it.
    assert_eq!(in_zone(&r, &zone("jsa"), "dmz", None), Ok(true));
    // "Within 2 km north of the line" is the DMZ's northern half.
    assert_eq!(
        in_zone(&r, &side_of("mdl", "KPA", 2_000.0), "dmz", None),
        Ok(true)
    );
    // Kaesong, 10.7 km north of the line, known to 4 km: wholly outside.
    assert_eq!(in_zone(&r, &zone("kaesong"), "dmz", None), Ok(false));
    // "North of the line" (within 100 km): partly in the DMZ, partly not.
    assert_eq!(
        in_zone(&r, &side_of("mdl", "KPA", 100_000.0), "dmz", None),
        Err(Doubt::Area { split: true })
    );
}

#[test]
fn a_side_of_a_line_is_on_that_side_whatever_its_reach() {
    let r = compile(KOREA);
    // North of the line is the left of the MDL as drawn (west to east).
    let north = side_of("mdl", "north", 100_000.0);
    assert_eq!(on_side(&r, &north, Side::Left), Ok(true));
    assert_eq!(on_side(&r, &north, Side::Right), Ok(false));
    // The JSA straddles the line.
    assert_eq!(
        on_side(&r, &zone("jsa"), Side::Left),
        Err(Doubt::Area { split: true })
    );
}

#[test]
fn whose_area_a_side_of_the_line_is_in() {
    let r = compile(KOREA);
    let holder = |area: Area| {
        control(&r, &Position::Area(Box::new(area)))
            .holder()
            .map(|p| r.parties[usize::from(p)].id.to_string())
    };
    assert_eq!(holder(side_of("mdl", "KPA", 2_000.0)), Some("KPA".into()));
    assert_eq!(holder(side_of("mdl", "UNC", 5_000.0)), Some("UNC".into()));
    assert_eq!(holder(zone("kaesong")), Some("KPA".into()));
    assert_eq!(holder(zone("jsa")), None);
}

#[test]
fn a_grid_square_is_decided_where_all_of_it_agrees() {
    let r = compile(KOREA);
    // 52S BH 95 03 holds Panmunjom (295,937 E, 4,203,467 N), 1.2 km north
    // of the shipped line: the whole kilometre lies in the DMZ.
    let square = grid("52S BH 95 03");
    assert_eq!(in_zone(&r, &square, "dmz", None), Ok(true));
    // The 10 km square round it reaches well beyond the DMZ.
    assert_eq!(
        in_zone(&r, &grid("52S BH 9 0"), "dmz", None),
        Err(Doubt::Area { split: true })
    );
}

#[test]
fn a_locality_near_the_line_lies_wholly_within_each_partys_band() {
    let r = compile(DONBAS);
    let near = zone("near_avdiivka");
    // Avdiivka is about 2.5 km from the 2015 line and 9 km from the 2014
    // line: a 5 km locality round it lies within 15 km of either.
    assert_eq!(
        in_zone(&r, &near, "withdrawal_zone", party(&r, "UA")),
        Ok(true)
    );
    assert_eq!(
        in_zone(&r, &near, "withdrawal_zone", party(&r, "CADLR")),
        Ok(true)
    );
    assert_eq!(in_zone(&r, &near, "withdrawal_zone", None), Ok(true));
    // "In Avdiivka" (its illustrative box) is in the box; "near" it is not
    // wholly so.
    assert_eq!(
        in_zone(&r, &zone("avdiivka_box"), "avdiivka_box", None),
        Ok(true)
    );
    assert_eq!(
        in_zone(&r, &near, "avdiivka_box", None),
        Err(Doubt::Area { split: true })
    );
}

#[test]
fn an_area_this_rulebook_cannot_read_decides_nothing() {
    let r = compile(KOREA);
    assert_eq!(
        in_zone(&r, &zone("withdrawal_zone"), "dmz", None),
        Err(Doubt::AreaUndeclared {
            what: Declared::Zone,
            name: "withdrawal_zone".into()
        })
    );
    assert_eq!(
        in_zone(&r, &zone("outside_dmz"), "dmz", None),
        Err(Doubt::AreaUnbounded)
    );
    // A box and a locality with no place in common: nothing is decided.
    let mut nowhere = zone("kaesong");
    nowhere.square = grid("52S BH 9 0").square;
    assert_eq!(
        in_zone(&r, &nowhere, "dmz", None),
        Err(Doubt::Area { split: false })
    );
}

#[test]
fn an_area_is_covered_by_at_most_64_discs_each_reaching_into_it() {
    let r = compile(KOREA);
    let north = Position::Area(Box::new(side_of("mdl", "KPA", 100_000.0)));
    let cover = discs(&north, &r, None).unwrap();
    assert!(!cover.is_empty() && cover.len() <= 64, "{}", cover.len());
    let judge = Judge::new(
        match &north {
            Position::Area(a) => a,
            _ => unreachable!(),
        },
        &r,
        None,
    );
    assert!(matches!(judge, Ok(Ok(_))));
}
