//! Each kind of problem a manifest can have: its code, and the line it is
//! placed on; every problem of a manifest found in one pass.

use std::collections::BTreeSet;
use std::path::Path;

use super::err::ManifestError;
use super::{manifest, names};
use crate::located::Problem as _;
use crate::span::Source;

fn problems(text: &str) -> Vec<(&'static str, usize)> {
    let source = Source::new("case.yaml", text);
    let (read, mut errors) = manifest::read(&source);
    if let Some(m) = &read {
        let book = crate::load_rulebook(Path::new("rules/cy-buffer-zone.truce"))
            .expect("the shipped rulebook checks")
            .rulebook;
        errors.extend(names::against_rulebooks(&source, m, &[&book]));
        let ids: BTreeSet<&str> = ["E-1", "E-2", "E-3"].into();
        errors.extend(names::against_events(&source, m, &ids));
    }
    errors.iter().map(code_line).collect()
}

fn code_line(e: &ManifestError) -> (&'static str, usize) {
    (e.problem.code(), e.line_col().0)
}

#[test]
fn a_sound_manifest_has_no_problem() {
    let text = "rules: r.truce\nevents: e.yaml\nexpect:\n  E-1: {outcome: violation, party: TF, articles: [\"2\"]}\n  E-2:\n    - {outcome: no_violation, doctrine: {un_delineation: consent}}\n    - {outcome: violation, party: CY, why: {kind: violates, articles: [\"2\"]}}\n  E-3: {outcome: rejected}\n";
    assert_eq!(problems(text), []);
}

#[test]
fn every_problem_of_every_expectation_is_found_in_one_pass() {
    let text = "\
rules: r.truce
events: e.yaml
colour: red
expect:
  E-1: {outcome: violaton, party: TFF}
  E-2:
    - {outcome: violation, articles: [\"22\"], size: 3}
    - {outcome: no_violation, doctrine: {un_delination: consent}}
    - {outcome: no_violation, doctrine: {un_delineation: consnt}}
  E-3: {party: TF}
  E-9: {outcome: violation, instrument: Armistice}
  E-4: {outcome: violation, implied_by: E-8, articles: [2]}
  E-5: {outcome: violation, why: {kind: violated}}
  E-6: [3]
unidentified_rejections: many
";
    let want = [
        ("truce::case::unknown_key", 3),
        ("truce::case::unknown_outcome", 5),
        ("truce::case::unknown_key", 7),
        ("truce::case::missing_key", 10),
        ("truce::case::wrong_type", 12),
        ("truce::case::unknown_why", 13),
        ("truce::case::wrong_type", 14),
        ("truce::case::wrong_type", 15),
        // Names, checked against the rulebook.
        ("truce::case::unknown_party", 5),
        ("truce::case::unknown_article", 7),
        ("truce::case::unknown_doctrine", 8),
        ("truce::case::unknown_setting", 9),
        ("truce::case::unknown_instrument", 11),
        // Ids, checked against the events judged.
        ("truce::case::unknown_event", 12),
        ("truce::case::unknown_event", 12),
        ("truce::case::unknown_event", 11),
        ("truce::case::unknown_event", 13),
    ];
    let mut got = problems(text);
    let mut want = want.to_vec();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn text_that_is_not_yaml_is_placed_where_the_reader_stopped() {
    let text = "rules: r.truce\nevents: e.yaml\nexpect:\n  E-1: {outcome: violation\n";
    let got = problems(text);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "truce::case::not_yaml");
    assert!(got[0].1 >= 4, "{got:?}");
}

#[test]
fn missing_keys_and_a_manifest_that_is_not_a_mapping() {
    assert_eq!(
        problems("events: e.yaml\n"),
        [
            ("truce::case::missing_key", 1),
            ("truce::case::missing_key", 1)
        ]
    );
    assert_eq!(problems("- a\n"), [("truce::case::wrong_type", 1)]);
}

#[test]
fn an_unknown_word_gets_a_suggestion_in_its_help() {
    use miette::Diagnostic;
    let source = Source::new(
        "case.yaml",
        "rules: r\nevents: e\nexpect:\n  E-1: {outcome: violaton}\n",
    );
    let (_, errors) = manifest::read(&source);
    let help = Diagnostic::help(&errors[0]).map(|h| h.to_string());
    assert_eq!(help.as_deref(), Some("did you mean `violation`?"));
    assert_eq!(errors[0].line_col(), (4, 18));
}

#[test]
fn a_manifest_too_large_or_too_deep_is_refused_before_the_yaml_reader() {
    let deep = format!(
        "rules: r\nevents: e\nexpect:\n  E-1: {}\n",
        "[".repeat(100_000)
    );
    assert_eq!(problems(&deep), [("truce::case::too_deep", 4)]);
    let large = format!(
        "rules: r\nevents: e\nexpect: {{}}\n#{}\n",
        "x".repeat(manifest::MAX_BYTES)
    );
    assert_eq!(problems(&large), [("truce::case::too_large", 1)]);
}
