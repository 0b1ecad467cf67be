//! Every curated case in `cases/` is judged and compared with its manifest;
//! the rendered verdicts are snapshots a reviewer reads, and the outcomes
//! that matter most are asserted here as well, so that neither a manifest
//! nor a snapshot accepted blindly can hide a wrong verdict.

use std::path::Path;

use truce::eval::Outcome;

#[test]
fn every_case_matches_its_manifest() {
    let dirs = truce::cases::discover(Path::new("cases"));
    assert!(
        dirs.len() >= 7,
        "expected the curated cases, found {dirs:?}"
    );
    for dir in dirs {
        let run = truce::cases::run(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let problems: Vec<String> = run
            .mismatches
            .iter()
            .map(|m| {
                format!(
                    "{}: expected {}, got {}\n{}",
                    m.event, m.expected, m.actual, m.reasoning
                )
            })
            .collect();
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            dir.display(),
            problems.join("\n")
        );
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        insta::with_settings!({ snapshot_suffix => name.clone(), omit_expression => true }, {
            insta::assert_snapshot!(truce::render::text::report(&run.adjudication));
        });
    }
}

/// (case, event, outcome, party)
const PINNED: &[(&str, &str, Outcome, Option<&str>)] = &[
    (
        "kaa-jsa-defection-2017",
        "J-1",
        Outcome::Violation,
        Some("KPA"),
    ),
    (
        "kaa-jsa-defection-2017",
        "J-2",
        Outcome::Violation,
        Some("KPA"),
    ),
    ("kaa-jsa-defection-2017", "J-3", Outcome::NoViolation, None),
    (
        "kaa-denied-first-shot-2015",
        "S-1",
        Outcome::Inconclusive,
        Some("KPA"),
    ),
    (
        "kaa-denied-first-shot-2015",
        "S-2",
        Outcome::Violation,
        Some("KPA"),
    ),
    (
        "kaa-denied-first-shot-2015",
        "S-3",
        Outcome::Violation,
        Some("UNC"),
    ),
    (
        "kaa-authorised-crossings",
        "R-2",
        Outcome::Justified,
        Some("UNC"),
    ),
    (
        "kaa-authorised-crossings",
        "R-3",
        Outcome::Violation,
        Some("KPA"),
    ),
    (
        "kaa-authorised-crossings",
        "R-4",
        Outcome::Justified,
        Some("UNC"),
    ),
    ("kaa-dmz-mines-2015", "M-1", Outcome::Violation, Some("KPA")),
    (
        "kaa-armistice-night-1953",
        "A-1",
        Outcome::NoViolation,
        None,
    ),
    (
        "kaa-armistice-night-1953",
        "A-2",
        Outcome::Inconclusive,
        Some("KPA"),
    ),
    (
        "kaa-armistice-night-1953",
        "A-3",
        Outcome::Violation,
        Some("KPA"),
    ),
    (
        "kaa-uncertain-positions",
        "U-1",
        Outcome::Inconclusive,
        None,
    ),
    ("kaa-uncertain-positions", "U-2", Outcome::Violation, None),
    (
        "kaa-uncertain-positions",
        "U-3",
        Outcome::Violation,
        Some("KPA"),
    ),
    (
        "kaa-rejected-events",
        "X-1",
        Outcome::Violation,
        Some("KPA"),
    ),
];

#[test]
fn pinned_outcomes_and_parties() {
    for (case, event, outcome, party) in PINNED {
        let run = truce::cases::run(&Path::new("cases").join(case)).unwrap();
        let v = run
            .adjudication
            .verdicts
            .iter()
            .find(|v| &*v.event == *event)
            .unwrap_or_else(|| panic!("{case}: no verdict for {event}"));
        assert_eq!(
            (v.outcome, v.party.as_deref()),
            (*outcome, *party),
            "{case} {event}: {}",
            v.summary
        );
    }
}

#[test]
fn all_four_outcomes_an_exception_and_a_rejection_are_covered() {
    let mut seen = std::collections::BTreeSet::new();
    let mut rejected = 0;
    let mut justified_by_exception = false;
    for dir in truce::cases::discover(Path::new("cases")) {
        let run = truce::cases::run(&dir).unwrap();
        rejected += run.adjudication.rejected.len();
        for v in &run.adjudication.verdicts {
            seen.insert(v.outcome);
            justified_by_exception |= v.articles.iter().any(|f| {
                f.exceptions
                    .iter()
                    .any(|x| x.status == truce::eval::ExceptionStatus::Applies)
            });
        }
    }
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert!(justified_by_exception);
    assert!(rejected > 0);
}

#[test]
fn an_exception_is_tried_and_explained() {
    let run = truce::cases::run(Path::new("cases/kaa-authorised-crossings")).unwrap();
    let r2 = run
        .adjudication
        .verdicts
        .iter()
        .find(|v| &*v.event == "R-2")
        .unwrap();
    let para7 = r2.articles.iter().find(|f| &*f.article == "7").unwrap();
    let trial = &para7.exceptions[0];
    assert_eq!(&*trial.exception, "mac_authorisation");
    assert_eq!(trial.status, truce::eval::ExceptionStatus::Applies);
    let facts: Vec<String> = trial
        .condition
        .as_ref()
        .unwrap()
        .facts
        .iter()
        .map(|f| format!("{}.{} = {}", f.event, f.field, f.value))
        .collect();
    assert_eq!(facts, ["R-2.authorised_by = R-1"]);
}
