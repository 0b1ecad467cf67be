//! Events files: bad events are rejected with their location and reason,
//! the rest are judged, and every input event is accounted for.

use std::path::Path;

fn kaa() -> truce::check::Rulebook {
    truce::load_rulebook(Path::new("rules/kaa.truce"))
        .unwrap()
        .rulebook
}

#[test]
fn broken_yaml_events_are_rejected_with_locations() {
    let path = Path::new("tests/fixtures/events/broken.yaml");
    let a = truce::adjudicate_file(&kaa(), Path::new("rules/kaa.truce"), path).unwrap();
    assert_eq!(a.verdicts.len(), 1, "only G-1 is sound");
    assert_eq!(&*a.verdicts[0].event, "G-1");
    let ids: Vec<Option<&str>> = a.rejected.iter().map(|r| r.event.as_deref()).collect();
    assert_eq!(
        ids,
        [Some("G-2"), Some("G-3"), Some("G-4"), Some("G-5"), None]
    );
    insta::assert_snapshot!(rejections(&a.rejected));
}

#[test]
fn every_input_event_is_accounted_for() {
    let path = Path::new("cases/kaa-rejected-events/events.jsonl");
    let lines = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    let a = truce::adjudicate_file(&kaa(), Path::new("rules/kaa.truce"), path).unwrap();
    assert_eq!(a.verdicts.len() + a.rejected.len(), lines);
    assert_eq!(a.totals.events, lines);
}

#[test]
fn relations_to_rejected_events_stay_but_cannot_be_read() {
    let rulebook = kaa();
    let text = concat!(
        "{\"id\":\"A\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"NOPE\"}}\n",
        "{\"id\":\"B\",\"time\":\"2016-01-01T00:01:00Z\",\"act\":\"movement\",\"authorised_by\":\"A\"}\n",
        "{\"id\":\"C\",\"time\":\"2016-01-01T00:02:00Z\",\"act\":\"fire\",\"responds_to\":\"Z\"}\n",
        "{\"id\":\"D\",\"time\":\"2016-01-01T00:03:00Z\",\"act\":\"fire\",\"responds_to\":\"C\"}\n",
    );
    let loaded =
        truce::events::load_str("x.jsonl", text, truce::events::Format::JsonLines, &rulebook)
            .unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "x.jsonl");
    // A has an unknown party; C refers to an id no event has.
    let ids: Vec<&str> = rejected.iter().filter_map(|r| r.event.as_deref()).collect();
    assert_eq!(ids, ["A", "C"]);
    let kept: Vec<&str> = graph.events.iter().map(|e| &*e.id).collect();
    assert_eq!(kept, ["B", "D"]);
    let b = graph.events.iter().position(|e| &*e.id == "B").unwrap();
    let unresolved: Vec<&str> = graph
        .unresolved(b, truce::check::Relation::AuthorisedBy)
        .collect();
    assert_eq!(unresolved, ["A"]);
}

#[test]
fn dangling_references_are_found_in_linear_time() {
    // 20,000 events each responding to a missing id: one pass, not one per rejection.
    let rulebook = kaa();
    let text: String = (0..20_000)
        .map(|i| format!("{{\"id\":\"E{i}\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"responds_to\":\"M{i}\"}}\n"))
        .collect();
    let loaded = truce::events::load_str(
        "x.jsonl",
        &text,
        truce::events::Format::JsonLines,
        &rulebook,
    )
    .unwrap();
    let start = std::time::Instant::now();
    let (graph, rejected) = truce::graph::build(loaded, "x.jsonl");
    assert_eq!((graph.events.len(), rejected.len()), (0, 20_000));
    // Generous: the quadratic version took minutes here.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn yaml_and_json_lines_give_the_same_verdicts() {
    let rulebook = kaa();
    let yaml = "- id: E\n  time: 2017-11-13T15:15:00+09:00\n  act: fire\n  actor: {party: KPA}\n  target: {lat: 37.9446, lon: 126.6871}\n  evidence:\n    - {source: s, kind: observation, grade: B2}\n";
    let json = "{\"id\":\"E\",\"time\":\"2017-11-13T15:15:00+09:00\",\"act\":\"fire\",\"actor\":{\"party\":\"KPA\"},\"target\":{\"lat\":37.9446,\"lon\":126.6871},\"evidence\":[{\"source\":\"s\",\"kind\":\"observation\",\"grade\":\"B2\"}]}\n";
    let judge = |text: &str, format| {
        let loaded = truce::events::load_str("x", text, format, &rulebook).unwrap();
        let (graph, _) = truce::graph::build(loaded, "x");
        let v = truce::eval::adjudicate(&rulebook, &graph);
        truce::render::text::verdict(&v[0], truce::render::text::Detail::Full)
    };
    assert_eq!(
        judge(yaml, truce::events::Format::Yaml),
        judge(json, truce::events::Format::JsonLines)
    );
}

#[test]
fn calibre_thresholds_are_exact() {
    // `>= 9 mm` holds for a 9 mm weapon: events and rules share one arithmetic.
    use truce::span::Source;
    let rules = "agreement \"A\" {\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\nweapon class small = calibre <= 9 mm\narticle 1 \"t\" {\n  violation when weapon is small and weapon.calibre >= 9 mm and weapon.calibre == 9 mm\n}\n";
    let rulebook = truce::compile(&Source::new("r.truce", rules))
        .unwrap()
        .rulebook;
    let text = "{\"id\":\"E\",\"time\":\"2025-10-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"RU\"},\"weapon\":{\"calibre_mm\":9},\"evidence\":[{\"source\":\"s\",\"kind\":\"observation\",\"grade\":\"A1\"}]}\n";
    let loaded =
        truce::events::load_str("e.jsonl", text, truce::events::Format::JsonLines, &rulebook)
            .unwrap();
    let (graph, _) = truce::graph::build(loaded, "e.jsonl");
    let v = truce::eval::adjudicate(&rulebook, &graph);
    assert_eq!(
        v[0].outcome,
        truce::eval::Outcome::Violation,
        "{}",
        truce::render::text::verdict(&v[0], truce::render::text::Detail::Full)
    );
}

#[test]
fn byte_order_marks_and_windows_line_endings_lose_nothing() {
    let rulebook = kaa();
    let text = "\u{feff}- id: B-1\r\n  time: 2017-11-13T15:15:00+09:00\r\n  act: fire\r\n- id: B-2\r\n  time: 2017-11-13T15:16:00+09:00\r\n  act: fire\r\n";
    let loaded =
        truce::events::load_str("bom.yaml", text, truce::events::Format::Yaml, &rulebook).unwrap();
    let ids: Vec<&str> = loaded.events.iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["B-1", "B-2"]);
    assert!(loaded.rejected.is_empty());
}

#[test]
fn text_before_the_first_event_is_refused_not_ignored() {
    let rulebook = kaa();
    let text = "events:\n- id: B-1\n  time: 2017-11-13T15:15:00+09:00\n  act: fire\n";
    let error =
        truce::events::load_str("wrapped.yaml", text, truce::events::Format::Yaml, &rulebook)
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`wrapped.yaml` is not a YAML list of events: `events:` comes before the first event"
    );
}

#[test]
fn a_valid_copy_of_a_rejected_id_is_a_duplicate() {
    let rulebook = kaa();
    let text = concat!(
        "{\"id\":\"A\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"NOPE\"}}\n",
        "{\"id\":\"A\",\"time\":\"2016-01-01T00:01:00Z\",\"act\":\"authorisation\",\"actor\":{\"party\":\"MAC\"}}\n",
    );
    let loaded =
        truce::events::load_str("x.jsonl", text, truce::events::Format::JsonLines, &rulebook)
            .unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "x.jsonl");
    assert!(graph.events.is_empty());
    assert_eq!(rejected.len(), 2);
    assert_eq!(
        rejected[1].reason,
        "duplicate id `A`; the first is at line 1"
    );
}

#[test]
fn duplicates_in_a_yaml_file_read_whole_follow_input_order() {
    // Anchors make the reader take the file whole, where every item is on
    // "line 1": the first valid A stands, the later A is the duplicate.
    let rulebook = kaa();
    let text = "- &first\n  id: A\n  time: 2016-01-01T00:00:00Z\n  act: fire\n- id: A\n  time: 2016-01-01T00:01:00Z\n  act: movement\n";
    let loaded =
        truce::events::load_str("w.yaml", text, truce::events::Format::Yaml, &rulebook).unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "w.yaml");
    assert_eq!(graph.events.len(), 1);
    assert_eq!(rejected.len(), 1);
    assert!(
        rejected[0].reason.starts_with("duplicate id `A`"),
        "{}",
        rejected[0].reason
    );
}

#[test]
fn findings_capacities_links_and_implied_acts_are_checked_against_the_rulebook() {
    let path = Path::new("tests/fixtures/events/findings.yaml");
    let a = truce::adjudicate_file(&kaa(), Path::new("rules/kaa.truce"), path).unwrap();
    let judged: Vec<&str> = a.verdicts.iter().map(|v| &*v.event).collect();
    assert_eq!(judged, ["F-0"], "only F-0 is sound");
    // Every other record is rejected, with its own reason, none lost.
    assert_eq!(a.rejected.len(), 13);
    assert_eq!(a.totals.events, 14);
    insta::assert_snapshot!(rejections(&a.rejected));
}

#[test]
fn positions_known_only_as_an_area_are_checked_against_the_rulebook_and_the_world() {
    let path = Path::new("tests/fixtures/events/areas.yaml");
    let a = truce::adjudicate_file(&kaa(), Path::new("rules/kaa.truce"), path).unwrap();
    let judged: Vec<&str> = a.verdicts.iter().map(|v| &*v.event).collect();
    assert_eq!(judged, ["Z-0", "Z-1"], "only Z-0 and Z-1 are sound");
    assert_eq!(a.rejected.len(), 14);
    assert_eq!(a.totals.events, 16);
    insta::assert_snapshot!(rejections(&a.rejected));
    // Z-0 lies somewhere in the DMZ: article 6 is met on the whole area.
    let target = |event: usize| {
        let article = a.verdicts[event]
            .articles
            .iter()
            .find(|f| &*f.article == "6")
            .unwrap();
        find(&article.condition, "target in dmz").unwrap().clone()
    };
    let z0 = target(0);
    assert_eq!(z0.result, truce::eval::Truth::True);
    assert!(matches!(
        z0.facts[0].note,
        Some(truce::eval::Note::Area { holds: true })
    ));
    // Z-1 gives a grid square north of the line and says it was south of
    // it: no place is in both, so nothing is decided on it.
    let z1 = target(1);
    assert_eq!(z1.result, truce::eval::Truth::Unknown);
    assert_eq!(z1.doubt, Some(truce::eval::Doubt::Area { split: false }));
}

fn find<'s>(step: &'s truce::eval::Step, condition: &str) -> Option<&'s truce::eval::Step> {
    if &*step.condition == condition {
        return Some(step);
    }
    step.steps.iter().find_map(|s| find(s, condition))
}

#[test]
fn implied_acts_share_the_ids_namespace_and_fall_with_their_event() {
    let rulebook = kaa();
    let text = concat!(
        // An implied act named like its own event, and two named alike.
        "- {id: X, time: 2016-01-01T00:00:00Z, act: fire, implies: [{id: X, act: movement, because: a}]}\n",
        "- {id: Y, time: 2016-01-01T00:00:00Z, act: fire, implies: [{id: Z, act: movement, because: a}, {id: Z, act: movement, because: b}]}\n",
        // The second D is a duplicate: the act it implies falls with it.
        "- {id: D, time: 2016-01-01T00:00:00Z, act: fire}\n",
        "- {id: D, time: 2016-01-01T00:01:00Z, act: fire, implies: [{act: movement, because: a}]}\n",
    );
    let loaded =
        truce::events::load_str("i.yaml", text, truce::events::Format::Yaml, &rulebook).unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "i.yaml");
    let kept: Vec<&str> = graph.events.iter().map(|e| &*e.id).collect();
    assert_eq!(kept, ["X", "Y", "Z", "D"]);
    let gone: Vec<(&str, u32)> = rejected
        .iter()
        .map(|r| (r.event.as_deref().unwrap(), r.line))
        .collect();
    assert_eq!(gone, [("X", 1), ("Z", 2), ("D", 4), ("D/1", 4)]);
    // Every input event, implied ones included, is accounted for.
    assert_eq!(kept.len() + rejected.len(), 8);
}

#[test]
fn an_event_may_imply_a_bounded_number_of_acts() {
    let rulebook = kaa();
    let act = "{act: movement, because: a}";
    let event = |n: usize| {
        let acts = vec![act; n].join(", ");
        format!("- {{id: X, time: 2016-01-01T00:00:00Z, act: fire, implies: [{acts}]}}\n")
    };
    let judged = |n: usize| {
        let text = event(n);
        let loaded =
            truce::events::load_str("b.yaml", &text, truce::events::Format::Yaml, &rulebook)
                .unwrap();
        let (graph, rejected) = truce::graph::build(loaded, "b.yaml");
        (graph.events.len(), rejected.len())
    };
    assert_eq!(judged(16), (17, 0));
    assert_eq!(judged(17), (0, 1));
}

/// The rejections, one a line, as a person reads them.
fn rejections(rejected: &[truce::events::Rejection]) -> String {
    let lines: Vec<String> = rejected
        .iter()
        .map(|r| format!("{:?}  {}  {}", r.event, r.location, r.reason))
        .collect();
    lines.join("\n")
}

#[test]
fn changes_are_checked_against_the_rulebooks_names() {
    let path = Path::new("tests/fixtures/events/changes.yaml");
    let a = truce::adjudicate_file(&kaa(), Path::new("rules/kaa.truce"), path).unwrap();
    let judged: Vec<&str> = a.verdicts.iter().map(|v| &*v.event).collect();
    assert_eq!(
        judged,
        ["C-0", "C-1"],
        "only C-0 and the consent joining it are sound"
    );
    assert_eq!(a.rejected.len(), 11);
    // The sound change is judged like any event; recorded with no
    // evidence, neither commander's consent is established, so it has no
    // effect.
    let trial = a.verdicts[0].change.as_ref().unwrap();
    let truce::eval::ChangeEffect::NotEffective {
        why: truce::eval::Refusal::Consents { ways },
    } = &trial.effect
    else {
        panic!("{:?}", trial.effect)
    };
    let missing: Vec<(&str, Option<&str>)> = ways[0]
        .missing
        .iter()
        .map(|m| (&*m.party, m.not_established.as_deref()))
        .collect();
    assert_eq!(missing, [("UNC", Some("C-0")), ("KPA", Some("C-1"))]);
    insta::assert_snapshot!(rejections(&a.rejected));
}

#[test]
fn a_day_is_read_in_the_agreements_zone_unless_the_rulebooks_disagree() {
    use truce::events::{Format, Vocabulary, load_str};
    let kaa = kaa();
    let minsk = truce::load_rulebook(Path::new("rules/minsk-ii.truce"))
        .unwrap()
        .rulebook;
    let day = "- id: D\n  time: 2015-08-20\n  act: fire\n";
    let loaded = load_str("e.yaml", day, Format::Yaml, &kaa).unwrap();
    let time = loaded.events[0].time;
    // 20 August in Seoul (UTC+9): from 15:00 UTC on the 19th, the whole day.
    assert_eq!(time.from, "2015-08-19T15:00:00Z".parse().unwrap());
    assert_eq!(time.to, "2015-08-20T14:59:59.999999999Z".parse().unwrap());
    assert_eq!(time.days, 1);
    // Seoul and Kyiv disagree: a bare day names no day, and is refused
    // where it stands; with its offset, it is read.
    let both = Vocabulary::of(&[&kaa, &minsk]);
    let loaded = load_str("e.yaml", day, Format::Yaml, &both).unwrap();
    assert!(loaded.events.is_empty());
    assert_eq!(loaded.rejected[0].location, "e.yaml:1");
    let with_offset = day.replace("2015-08-20", "2015-08-20+09:00");
    let loaded = load_str("e.yaml", &with_offset, Format::Yaml, &both).unwrap();
    assert_eq!(loaded.events[0].time.from, time.from);
    // A window from one day to another spans both, whole.
    let window = "- id: W\n  time: {from: 2015-08-20, to: 2015-08-21}\n  act: fire\n";
    let loaded = load_str("e.yaml", window, Format::Yaml, &kaa).unwrap();
    let w = loaded.events[0].time;
    assert_eq!((w.from, w.days), (time.from, 2));
    assert_eq!(w.to, "2015-08-21T14:59:59.999999999Z".parse().unwrap());
    // A day that does not exist, or a zone truce does not know, is refused.
    for bad in ["2015-02-29", "2015-08-20[Asia/Atlantis]"] {
        let text = day.replace("2015-08-20", bad);
        let loaded = load_str("e.yaml", &text, Format::Yaml, &kaa).unwrap();
        assert_eq!(loaded.rejected.len(), 1, "{bad}");
    }
}

/// A null id is refused, in YAML (`~`, `null`) and JSON alike; a quoted
/// `"~"` is an id like any other, and a number is read as text.
#[test]
fn a_null_id_is_refused_and_a_quoted_one_is_not() {
    let rulebook = kaa();
    let yaml = "- id: ~\n  time: 2016-01-01T00:00:00Z\n  act: fire\n\
                - id: null\n  time: 2016-01-01T00:00:00Z\n  act: fire\n\
                - id: \"~\"\n  time: 2016-01-01T00:00:00Z\n  act: fire\n\
                - id: 5\n  time: 2016-01-01T00:00:00Z\n  act: fire\n\
                - id: 0x1F\n  time: 2016-01-01T00:00:00Z\n  act: fire\n\
                - id: 3.10\n  time: 2016-01-01T00:00:00Z\n  act: fire\n";
    let loaded =
        truce::events::load_str("x.yaml", yaml, truce::events::Format::Yaml, &rulebook).unwrap();
    let ids: Vec<&str> = loaded.events.iter().map(|e| &*e.id).collect();
    // Read as written, not as the numbers YAML would make of them.
    assert_eq!(ids, ["~", "5", "0x1F", "3.10"]);
    assert_eq!(loaded.rejected.len(), 2);
    assert!(loaded.rejected.iter().all(|r| r.event.is_none()));
    let json = "{\"id\":null,\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}\n";
    let loaded =
        truce::events::load_str("x.jsonl", json, truce::events::Format::JsonLines, &rulebook)
            .unwrap();
    assert!(loaded.events.is_empty());
    assert_eq!(loaded.rejected.len(), 1);
}

/// A second record, or stray text, after an event on one JSON Lines line
/// rejects that line: nothing on a line is dropped unread.
#[test]
fn text_after_a_json_record_on_its_line_is_refused_not_dropped() {
    let rulebook = kaa();
    let text = "{\"id\":\"A-1\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"} {\"id\":\"A-2\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}\n\
                {\"id\":\"A-3\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}}\n\
                {\"id\":\"A-4\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}  \n\
                \t  {\"id\":\"A-5\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"} x\n";
    let loaded =
        truce::events::load_str("x.jsonl", text, truce::events::Format::JsonLines, &rulebook)
            .unwrap();
    let judged: Vec<&str> = loaded.events.iter().map(|e| &*e.id).collect();
    assert_eq!(judged, ["A-4"], "trailing spaces are no record");
    let rejected: Vec<(Option<&str>, &str)> = loaded
        .rejected
        .iter()
        .map(|r| (r.event.as_deref(), &*r.location))
        .collect();
    assert_eq!(
        rejected,
        [
            (Some("A-1"), "x.jsonl:1:57"),
            (Some("A-3"), "x.jsonl:2:56"),
            // Counted from the line's start, indentation included.
            (Some("A-5"), "x.jsonl:4:60")
        ]
    );
}

/// A long `responds_to` cycle is rejected whole, and each rejection names
/// only the cycle's first events: the report grows with the events, not
/// with their square.
#[test]
fn a_long_cycle_is_rejected_without_listing_it_in_every_rejection() {
    let rulebook = kaa();
    let n = 2_000;
    let text: String = (0..n)
        .map(|i| {
            let next = (i + 1) % n;
            format!("{{\"id\":\"C{i}\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"responds_to\":\"C{next}\"}}\n")
        })
        .collect();
    let loaded = truce::events::load_str(
        "c.jsonl",
        &text,
        truce::events::Format::JsonLines,
        &rulebook,
    )
    .unwrap();
    let (graph, rejected) = truce::graph::build(loaded, "c.jsonl");
    assert_eq!((graph.events.len(), rejected.len()), (0, n));
    let longest = rejected.iter().map(|r| r.reason.len()).max().unwrap();
    assert!(longest < 200, "{longest}");
}

/// Flow collections nested past the bound are refused before the YAML
/// parser, quadratic in the nesting, sees them (100,000 levels took 54 s):
/// that event is rejected at the bracket, and the others are judged; in a
/// file read whole (here, one with an anchor) the file is refused. JSON
/// Lines has serde_json's own bound.
#[test]
fn events_nested_too_deep_are_refused_at_the_bracket() {
    use truce::events::{Format, LoadError, load_str};
    let rulebook = kaa();
    let deep = "[".repeat(100_000);
    let yaml = format!(
        "- id: D-1\n  time: 2016-01-01T00:00:00Z\n  act: fire\n\
         - id: D-2\n  time: 2016-01-01T00:00:00Z\n  act: fire\n  summary: {deep}\n"
    );
    let loaded = load_str("x.yaml", &yaml, Format::Yaml, &rulebook).unwrap();
    let judged: Vec<&str> = loaded.events.iter().map(|e| &*e.id).collect();
    assert_eq!(judged, ["D-1"]);
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].location, "x.yaml:7:76");
    let anchored = yaml.replace("act: fire\n- id: D-2", "act: &f fire\n- id: D-2");
    let whole = load_str("x.yaml", &anchored, Format::Yaml, &rulebook);
    assert!(matches!(whole, Err(LoadError::TooDeep { line: 7, .. })));
    let json = format!(
        "{{\"id\":\"J\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"summary\":{deep}\n"
    );
    let loaded = load_str("x.jsonl", &json, Format::JsonLines, &rulebook).unwrap();
    assert_eq!((loaded.events.len(), loaded.rejected.len()), (0, 1));
}

/// Ids are compared composed (NFC): a reply written with `é` reaches an
/// event whose id was typed with a combining accent. An id holding a
/// character that shows nothing is refused, as is a reference holding one.
#[test]
fn ids_are_compared_composed_and_invisible_characters_refused() {
    use truce::events::{Format, load_str};
    let rulebook = kaa();
    let text = "{\"id\":\"Cafe\\u0301-1\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"KPA\"}}\n\
                {\"id\":\"R-1\",\"time\":\"2016-01-01T00:05:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"UNC\"},\"responds_to\":\"Caf\\u00e9-1\"}\n\
                {\"id\":\"Z\\u200b-1\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}\n\
                {\"id\":\"R-2\",\"time\":\"2016-01-01T00:05:00Z\",\"act\":\"fire\",\"responds_to\":\"R\\u2060-1\"}\n";
    let loaded = load_str("x.jsonl", text, Format::JsonLines, &rulebook).unwrap();
    let ids: Vec<&str> = loaded.events.iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["Caf\u{e9}-1", "R-1"]);
    assert_eq!(loaded.rejected.len(), 2);
    // The reply's reference resolves: nothing more is rejected.
    let (_, rejected) = truce::graph::build(loaded, "x.jsonl");
    assert_eq!(rejected.len(), 2);
}

/// A JSON Lines line longer than the bound is refused without being held
/// whole, and the records after it are read.
#[test]
fn an_overlong_json_line_is_refused_and_the_next_read() {
    use truce::events::{Format, load_str};
    let rulebook = kaa();
    let long = "x".repeat(17 * 1024 * 1024);
    let text = format!(
        "{{\"id\":\"L\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"summary\":\"{long}\"}}\n\
         {{\"id\":\"S\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}}\n"
    );
    let loaded = load_str("x.jsonl", &text, Format::JsonLines, &rulebook).unwrap();
    let ids: Vec<&str> = loaded.events.iter().map(|e| &*e.id).collect();
    assert_eq!(ids, ["S"]);
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].location, "x.jsonl:1");
    // At the bound exactly, and one byte past it: the next record is read.
    let limit = truce::events::MAX_LINE;
    for (extra, judged) in [(0, 2), (1, 1)] {
        let head =
            "{\"id\":\"L\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\",\"summary\":\"";
        let pad = limit + extra - head.len() - 2;
        let text = format!(
            "{head}{}\"}}\n{{\"id\":\"S\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}}\n",
            "x".repeat(pad)
        );
        let loaded = load_str("x.jsonl", &text, Format::JsonLines, &rulebook).unwrap();
        assert_eq!(loaded.events.len(), judged, "{extra}");
        assert_eq!(loaded.events.len() + loaded.rejected.len(), 2, "{extra}");
    }
}
