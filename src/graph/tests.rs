//! The checks `build` makes, and the index it keeps, on small files.

use super::*;

/// The graph of `lines` (JSON Lines records, `{}` filled with each
/// record's own fields), with its rejections' events and reasons' kinds.
fn graph(lines: &[&str]) -> (EventGraph, Vec<Rejection>) {
    let text: String = lines
        .iter()
        .map(|fields| {
            format!("{{\"time\":\"2025-01-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{{\"party\":\"A\"}},{fields}}}\n")
        })
        .collect();
    let rules = "agreement \"t\" { in force 2025-01-01 00:00 UTC party A \"a\" party B \"b\" }\nact fire \"f\"\nact movement \"m\"\n";
    let rulebook = crate::compile(&crate::span::Source::new("t.truce", rules))
        .unwrap()
        .rulebook;
    let loaded = crate::events::load_str(
        "e.jsonl",
        &text,
        crate::events::Format::JsonLines,
        &rulebook,
    )
    .unwrap();
    build(loaded, "e.jsonl")
}

fn rejected(rejections: &[Rejection]) -> Vec<&str> {
    rejections
        .iter()
        .map(|r| r.event.as_deref().unwrap_or("?"))
        .collect()
}

#[test]
fn a_cycle_is_found_among_events_that_do_not_respond() {
    let (graph, rejections) = graph(&[
        r#""id":"a""#,
        r#""id":"b","responds_to":"d""#,
        r#""id":"c""#,
        r#""id":"d","responds_to":"e""#,
        r#""id":"e","responds_to":"b""#,
        r#""id":"f","responds_to":"a""#,
    ]);
    assert_eq!(rejected(&rejections), ["b", "d", "e"]);
    let kept: Vec<&str> = graph.events.iter().map(|e| &*e.id).collect();
    assert_eq!(kept, ["a", "c", "f"]);
    assert_eq!(graph.related(2, Relation::RespondsTo), [0]);
}

#[test]
fn the_acts_a_rejected_event_implies_fall_with_it_and_no_others() {
    let implies = r#""implies":[{"act":"movement","because":"guns moved"}]"#;
    let (graph, rejections) = graph(&[
        &format!(r#""id":"a",{implies}"#),
        &format!(r#""id":"b","responds_to":"nowhere",{implies}"#),
        &format!(r#""id":"c",{implies}"#),
    ]);
    assert_eq!(rejected(&rejections), ["b", "b/1"]);
    let kept: Vec<&str> = graph.events.iter().map(|e| &*e.id).collect();
    assert_eq!(kept, ["a", "a/1", "c", "c/1"]);
}

#[test]
fn the_index_finds_each_kept_event_whether_or_not_one_was_rejected() {
    let (whole, none) = graph(&[r#""id":"a""#, r#""id":"b""#, r#""id":"c""#]);
    assert!(none.is_empty());
    assert_eq!(whole.index_of("c"), Some(2));
    let (some, one) = graph(&[r#""id":"a""#, r#""id":"a""#, r#""id":"c""#]);
    assert_eq!(rejected(&one), ["a"]);
    assert_eq!(some.index_of("a"), Some(0));
    assert_eq!(some.index_of("c"), Some(1));
    assert_eq!(some.events.len(), 2);
}
