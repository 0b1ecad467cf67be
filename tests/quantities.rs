//! Facts a rulebook declares, several weapons per event and sums over
//! them, and ceilings on what a party holds in a zone: each asserted as
//! data, from the events file to the finding.

use truce::eval::{Finding, Holdings, Outcome, Range, Reason, Step, Truth, Verdict};
use truce::events::{Format, Rejection};
use truce::span::Source;

const RULES: &str = r#"agreement "Quantities" {
  in force 2025-09-03 00:00 Europe/Kyiv
  party A "Party A"
  party B "Party B"
  group G "An armed group" under B
}
line l = [(30.0, 48.0), (30.0, 49.0)] { A holds west, B holds east }
zone near = within 10 km of l on own side
act deployment "forces found at a place"
act fire "discharge of a weapon"
category force_kind "the kind of force" [army, police, militia]
quantity personnel "men under arms" count
quantity range "firing range" in km
weapon class tank = type in [tank]
weapon class light_tank = type is tank and calibre < 100 mm
weapon class heavy = calibre >= 100 mm
ceiling limits = at most 100 personnel, 5 weapons of class tank in near where act is deployment
article 1 "No soldiers." { violation when act is deployment and force_kind in [army, militia] }
article 2 "Small posts." { violation when act is deployment and personnel > 50 }
article 3 "Short range." { violation when act is fire and range > 20 km }
article 4 "No light tanks." { violation when act is fire and weapon is light_tank }
article 5 "No tanks, and nothing light." { violation when act is fire and weapon.type is tank and weapon.calibre < 100 mm }
article 6 "Few heavy weapons." { violation when act is fire and count of weapons of class heavy > 2 }
article 7 "Within the ceiling." { violation when act is deployment and holdings exceed limits }
article 8 "Not two billion." { violation when act is fire and personnel > 2000000000 }
"#;

const EVIDENCE: &str = "evidence: [{source: monitors, kind: observation, grade: B2}]";

/// Judges YAML events under `RULES`, with patterns found and ceilings'
/// reports indexed as `truce adjudicate` does.
fn judge(events: &str) -> (Vec<Verdict>, Vec<Rejection>) {
    let rulebook = truce::compile(&Source::new("q.truce", RULES))
        .unwrap()
        .rulebook;
    let loaded = truce::events::load_str("q.yaml", events, Format::Yaml, &rulebook).unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "q.yaml");
    (truce::eval::adjudicate(&rulebook, &graph), rejected)
}

fn finding<'v>(verdicts: &'v [Verdict], event: &str, article: &str) -> &'v Finding {
    let v = verdicts.iter().find(|v| &*v.event == event).unwrap();
    v.articles.iter().find(|f| &*f.article == article).unwrap()
}

/// The holdings a step, or one of its parts, counted.
fn holdings(step: &Step) -> Option<&Holdings> {
    step.holdings
        .as_deref()
        .or_else(|| step.steps.iter().find_map(holdings))
}

/// Every fact a step and its parts read, as `event.field = value`.
fn facts(step: &Step) -> Vec<String> {
    let mut out: Vec<String> = step
        .facts
        .iter()
        .map(|f| format!("{}.{} = {}", f.event, f.field, f.value))
        .collect();
    out.extend(step.steps.iter().flat_map(facts));
    out
}

/// A deployment 5 km east of the line (B's side) unless `lon` says otherwise.
fn deploy(id: &str, minute: u32, party: &str, unit: &str, lon: f64, rest: &str) -> String {
    format!(
        "- {{id: {id}, time: \"2025-10-01T10:{minute:02}:00+03:00\", act: deployment, actor: {{party: {party}, unit: \"{unit}\"}}, place: {{lat: 48.5, lon: {lon}}}, {rest}, {EVIDENCE}}}\n"
    )
}

#[test]
fn declared_categories_and_quantities_are_read_and_unknown_when_unrecorded() {
    let events = [
        deploy("D-1", 0, "A", "a", 29.93, "facts: {force_kind: army, personnel: 10}"),
        deploy("D-2", 1, "A", "b", 29.93, "facts: {force_kind: police, personnel: 60}"),
        deploy("D-3", 2, "A", "c", 29.93, "weapons: []"),
        format!("- {{id: F-1, time: \"2025-10-01T11:00:00+03:00\", act: fire, actor: {{party: A}}, facts: {{range: 24.7}}, {EVIDENCE}}}\n"),
        format!("- {{id: F-2, time: \"2025-10-01T11:01:00+03:00\", act: fire, actor: {{party: A}}, facts: {{range: 18}}, {EVIDENCE}}}\n"),
        format!("- {{id: F-3, time: \"2025-10-01T11:02:00+03:00\", act: fire, actor: {{party: A}}, facts: {{personnel: 2000000001}}, {EVIDENCE}}}\n"),
        format!("- {{id: F-4, time: \"2025-10-01T11:03:00+03:00\", act: fire, actor: {{party: A}}, facts: {{personnel: 2000000000}}, {EVIDENCE}}}\n"),
    ]
    .concat();
    let (v, rejected) = judge(&events);
    assert!(rejected.is_empty(), "{rejected:?}");
    let outcomes = |id: &str, article: &str| finding(&v, id, article).outcome;
    assert_eq!(outcomes("D-1", "1"), Outcome::Violation);
    assert_eq!(outcomes("D-1", "2"), Outcome::NoViolation);
    assert_eq!(outcomes("D-2", "1"), Outcome::NoViolation);
    assert_eq!(outcomes("D-2", "2"), Outcome::Violation);
    // A measure recorded in km compares as a length: 24.7 km > 20 km.
    assert_eq!(outcomes("F-1", "3"), Outcome::Violation);
    assert_eq!(outcomes("F-2", "3"), Outcome::NoViolation);
    // A declared count compares exactly, however large.
    assert_eq!(outcomes("F-3", "8"), Outcome::Violation);
    assert_eq!(outcomes("F-4", "8"), Outcome::NoViolation);
    // Not recorded: the test is open, and it is the one the reason names.
    let open = finding(&v, "D-3", "1");
    assert_eq!(open.outcome, Outcome::Inconclusive);
    assert!(
        matches!(&open.reason, Reason::CannotDecide { test, .. } if &**test == "force_kind in [army, militia]"),
        "{:?}",
        open.reason
    );
    // The facts read are named as the rulebook names them.
    assert!(
        facts(&finding(&v, "D-1", "1").condition).contains(&"D-1.force_kind = army".to_owned())
    );
    assert!(facts(&finding(&v, "F-1", "3").condition).contains(&"F-1.range = 24.7 km".to_owned()));
}

#[test]
fn any_of_several_weapons_meets_a_test_and_a_class_reads_one_weapon_at_a_time() {
    let fire = |id: &str, weapons: &str| {
        format!(
            "- {{id: {id}, time: \"2025-10-01T11:00:00+03:00\", act: fire, actor: {{party: B}}, weapons: {weapons}, {EVIDENCE}}}\n"
        )
    };
    let events = [
        fire(
            "W-1",
            "[{type: tank, calibre_mm: 125}, {type: mortar, calibre_mm: 82}]",
        ),
        fire("W-2", "[{type: tank, calibre_mm: 90}]"),
        fire(
            "W-3",
            "[{type: howitzer, calibre_mm: 152, count: 2}, {type: gun, count: 3}]",
        ),
        fire("W-4", "[{type: howitzer, calibre_mm: 152, count: 3}]"),
        fire("W-5", "[]"),
    ]
    .concat();
    let (v, _) = judge(&events);
    let outcome = |id: &str, article: &str| finding(&v, id, article).outcome;
    // No one weapon of W-1 is a light tank: the class reads each apart.
    assert_eq!(outcome("W-1", "4"), Outcome::NoViolation);
    // Tested apart, `weapon.type is tank` and `weapon.calibre < 100 mm`
    // are each met by some weapon of W-1: a tank and a smaller mortar.
    assert_eq!(outcome("W-1", "5"), Outcome::Violation);
    assert!(
        facts(&finding(&v, "W-1", "5").condition)
            .contains(&"W-1.weapons[1].calibre = 82 mm".to_owned())
    );
    assert_eq!(outcome("W-2", "4"), Outcome::Violation);
    // Two heavy howitzers for sure, and three guns of no calibre that may
    // be heavy: 2 to 5, which may or may not be more than 2.
    let w3 = finding(&v, "W-3", "6");
    assert_eq!(w3.outcome, Outcome::Inconclusive);
    assert!(facts(&w3.condition).contains(&"W-3.count of weapons = 2–5".to_owned()));
    assert_eq!(outcome("W-4", "6"), Outcome::Violation);
    // Recorded as none: no weapon of any class, and none to count.
    assert_eq!(outcome("W-5", "4"), Outcome::NoViolation);
    assert_eq!(outcome("W-5", "6"), Outcome::NoViolation);
}

#[test]
fn holdings_sum_the_latest_report_of_each_unit_and_list_what_they_counted() {
    let far = 30.203; // 15 km east of the line: outside the zone
    let events = [
        deploy(
            "H-1",
            0,
            "B",
            "1st",
            30.068,
            "facts: {personnel: 60}, weapons: [{type: tank, count: 3}]",
        ),
        deploy(
            "H-2",
            1,
            "B",
            "2nd",
            30.068,
            "facts: {personnel: 30}, weapons: [{type: tank}]",
        ),
        deploy(
            "H-3",
            2,
            "B",
            "1st",
            30.068,
            "facts: {personnel: 80}, weapons: [{type: tank, count: 3}]",
        ),
        deploy(
            "H-4",
            3,
            "G",
            "band",
            30.068,
            "facts: {personnel: 5}, weapons: [{type: tank, count: 2}]",
        ),
        deploy(
            "H-5",
            4,
            "B",
            "1st",
            far,
            "facts: {personnel: 80}, weapons: [{type: tank, count: 3}]",
        ),
        deploy(
            "H-6",
            5,
            "B",
            "2nd",
            30.068,
            "facts: {personnel: 20}, weapons: [{type: tank}]",
        ),
    ]
    .concat();
    let (v, _) = judge(&events);
    let counted = |id: &str| {
        let f = finding(&v, id, "7");
        let h = holdings(&f.condition).unwrap_or_else(|| panic!("{id}: no holdings"));
        let units: Vec<(String, Vec<String>)> = h
            .units
            .iter()
            .map(|u| {
                let name = u.unit.as_deref().unwrap_or("-").to_owned();
                (
                    name,
                    u.reports.iter().map(|r| r.event.to_string()).collect(),
                )
            })
            .collect();
        (f.outcome, h.limits[0].total, h.limits[1].total, units)
    };
    let units = |list: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        list.iter()
            .map(|(u, r)| (u.to_string(), r.iter().map(|s| s.to_string()).collect()))
            .collect()
    };
    assert_eq!(
        counted("H-2"),
        (
            Outcome::NoViolation,
            Range::exactly(90),
            Range::exactly(4),
            units(&[("1st", &["H-1"]), ("2nd", &["H-2"])])
        )
    );
    // The 1st's second report replaces its first: 80 + 30 men.
    assert_eq!(
        counted("H-3"),
        (
            Outcome::Violation,
            Range::exactly(110),
            Range::exactly(4),
            units(&[("1st", &["H-3"]), ("2nd", &["H-2"])])
        )
    );
    // A group's units count for the party it is under: six tanks.
    let (outcome, men, tanks, listed) = counted("H-4");
    assert_eq!(
        (outcome, men, tanks),
        (Outcome::Violation, Range::exactly(115), Range::exactly(6))
    );
    assert_eq!(listed.len(), 3);
    let h4 = holdings(&finding(&v, "H-4", "7").condition).unwrap();
    assert_eq!(&*h4.party, "B");
    assert_eq!(
        h4.limits.iter().map(|l| l.exceeded).collect::<Vec<_>>(),
        [Truth::True, Truth::True]
    );
    // Last seen outside the zone, the 1st adds nothing, and is not listed.
    assert_eq!(
        counted("H-6"),
        (
            Outcome::NoViolation,
            Range::exactly(25),
            Range::exactly(3),
            units(&[("2nd", &["H-6"]), ("band", &["H-4"])])
        )
    );
}

#[test]
fn uncertain_places_times_and_allegations_widen_or_leave_the_count() {
    let events = [
        deploy("U-1", 0, "B", "1st", 30.068, "facts: {personnel: 60}, weapons: []"),
        // 9.9 km from the line, known to 1 km: maybe inside the zone.
        "- {id: U-2, time: \"2025-10-01T10:01:00+03:00\", act: deployment, actor: {party: B, unit: 2nd}, place: {lat: 48.5, lon: 30.1342, accuracy_m: 1000}, facts: {personnel: 50}, weapons: [], evidence: [{source: monitors, kind: observation, grade: B2}]}\n".to_owned(),
        // An allegation alone is not counted.
        "- {id: U-3, time: \"2025-10-01T10:02:00+03:00\", act: deployment, actor: {party: B, unit: 3rd}, place: {lat: 48.5, lon: 30.068}, facts: {personnel: 500}, weapons: [], evidence: [{source: A ministry, kind: party_claim, grade: B2}]}\n".to_owned(),
        deploy("U-4", 3, "B", "4th", 30.068, "facts: {personnel: 10}, weapons: []"),
        // The 1st again, within a window that may or may not have begun
        // by U-6: which of its reports is the latest there is open.
        "- {id: U-5, time: {from: \"2025-10-01T10:30:00+03:00\", to: \"2025-10-01T11:30:00+03:00\"}, act: deployment, actor: {party: B, unit: 1st}, place: {lat: 48.5, lon: 30.068}, facts: {personnel: 5}, weapons: [], evidence: [{source: monitors, kind: observation, grade: B2}]}\n".to_owned(),
        deploy("U-6", 59, "B", "4th", 30.068, "facts: {personnel: 10}, weapons: []"),
    ]
    .concat();
    let (v, _) = judge(&events);
    let u4 = finding(&v, "U-4", "7");
    let h = holdings(&u4.condition).unwrap();
    assert_eq!(
        h.limits[0].total,
        Range {
            least: 70,
            most: Some(120)
        }
    );
    assert_eq!(h.limits[0].exceeded, Truth::Unknown);
    assert!(h.units.iter().all(|u| u.unit.as_deref() != Some("3rd")));
    let second = h
        .units
        .iter()
        .find(|u| u.unit.as_deref() == Some("2nd"))
        .unwrap();
    assert_eq!(second.reports[0].inside, Truth::Unknown);
    assert_eq!(u4.outcome, Outcome::Inconclusive);
    let Reason::CannotDecide {
        open: Some(open), ..
    } = &u4.reason
    else {
        panic!("{:?}", u4.reason)
    };
    assert_eq!(
        (open.at_most, open.total),
        (
            100,
            Range {
                least: 70,
                most: Some(120)
            }
        )
    );
    // At U-6 the 1st holds 60 or 5, as U-5 may or may not have been made.
    let h = holdings(&finding(&v, "U-6", "7").condition).unwrap();
    let first = h
        .units
        .iter()
        .find(|u| u.unit.as_deref() == Some("1st"))
        .unwrap();
    let reports: Vec<&str> = first.reports.iter().map(|r| &*r.event).collect();
    assert_eq!(reports, ["U-1", "U-5"]);
    assert_eq!(
        first.adds[0],
        Range {
            least: 5,
            most: Some(60)
        }
    );
}

#[test]
fn facts_and_weapons_are_validated_like_built_in_fields() {
    let events = concat!(
        "- {id: R-1, time: \"2025-10-01T10:00:00+03:00\", act: deployment, facts: {force_kind: polise, personel: 3, personnel: 2.5, range: far}}\n",
        "- {id: R-2, time: \"2025-10-01T10:00:00+03:00\", act: deployment, weapon: {type: tank}, weapons: []}\n",
        "- {id: R-3, time: \"2025-10-01T10:00:00+03:00\", act: deployment, weapons: [{type: tank, count: 0}, {type: gun, calibre_mm: -1}]}\n",
        "- {id: R-4, time: \"2025-10-01T10:00:00+03:00\", act: deployment, facts: {force_kind: 3}}\n",
    );
    let (v, rejected) = judge(events);
    assert!(v.is_empty());
    let shown: Vec<String> = rejected
        .iter()
        .map(|r| format!("{:?}  {}  {}", r.event, r.location, r.reason))
        .collect();
    insta::assert_snapshot!(shown.join("\n"));
}

#[test]
fn misused_categories_quantities_and_ceilings_are_all_reported_at_once() {
    let path = "tests/fixtures/check/facts.truce";
    let text = std::fs::read_to_string(path).unwrap();
    let Err(truce::RulebookError::Check(all)) = truce::compile(&Source::new(path, text)) else {
        panic!("the fixture must fail to check");
    };
    assert_eq!(all.errors.len(), 11, "{:#?}", all.errors);
}

#[test]
fn the_json_report_carries_what_a_ceiling_counted() {
    let events = [
        deploy("J-1", 0, "B", "1st", 30.068, "facts: {personnel: 80}, weapons: [{type: tank, count: 3}]"),
        "- {id: J-2, time: \"2025-10-01T10:01:00+03:00\", act: deployment, actor: {party: B, unit: 2nd}, place: {lat: 48.5, lon: 30.1342, accuracy_m: 1000}, facts: {personnel: 50}, weapons: [], evidence: [{source: monitors, kind: observation, grade: B2}]}\n".to_owned(),
        deploy("J-3", 2, "B", "1st", 30.068, "facts: {personnel: 80}, weapons: [{type: tank, count: 3}]"),
    ]
    .concat();
    let (v, _) = judge(&events);
    let json: serde_json::Value =
        serde_json::from_str(&truce::render::json::verdict(&v[2])).unwrap();
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "7")
        .unwrap();
    assert_eq!(article["why"]["kind"], "cannot_decide");
    assert_eq!(article["why"]["open"]["at_most"], 100);
    assert_eq!(article["why"]["open"]["total"]["most"], 130);
    let reasoning = json["explanation"]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "7")
        .unwrap();
    let holdings = &reasoning["condition"]["steps"][1]["holdings"];
    assert_eq!(holdings["party"], "B");
    assert_eq!(holdings["limits"][0]["exceeded"], "unknown");
    assert_eq!(holdings["units"][1]["reports"][0]["event"], "J-2");
    assert_eq!(holdings["units"][1]["reports"][0]["inside"], "unknown");
}

#[test]
fn holdings_of_many_units_are_summed_without_walking_the_record_per_event() {
    // 20,000 reports of as many units, every one judged: each test reads
    // the swept sums and lists a few units, never all of them.
    let events: String = (0..20_000)
        .map(|i| {
            format!(
                "{{\"id\":\"E{i}\",\"time\":\"2025-10-01T{:02}:{:02}:00+03:00\",\"act\":\"deployment\",\"actor\":{{\"party\":\"B\",\"unit\":\"u{i}\"}},\"place\":{{\"lat\":48.5,\"lon\":30.068}},\"facts\":{{\"personnel\":1}},\"weapons\":[],\"evidence\":[{{\"source\":\"m\",\"kind\":\"observation\",\"grade\":\"B2\"}}]}}\n",
                i / 60 / 60,
                i / 60 % 60
            )
        })
        .collect();
    let rulebook = truce::compile(&Source::new("q.truce", RULES))
        .unwrap()
        .rulebook;
    let loaded = truce::events::load_str("q.jsonl", &events, Format::JsonLines, &rulebook).unwrap();
    let start = std::time::Instant::now();
    let (graph, _) = truce::graph::build(loaded, "q.jsonl");
    let v = truce::eval::adjudicate(&rulebook, &graph);
    // Generous: a walk over every unit for every event took minutes here.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    // By E19999's minute, the reports of the 20,000 units up to it count
    // (60 a minute): every one of them.
    let last = finding(&v, "E19999", "7");
    let h = holdings(&last.condition).unwrap();
    assert_eq!(h.limits[0].total, Range::exactly(20_000));
    assert_eq!((h.units.len(), h.omitted), (48, 20_000 - 48));
    let early = holdings(&finding(&v, "E59", "7").condition).unwrap();
    assert_eq!(early.limits[0].total, Range::exactly(60));
}
