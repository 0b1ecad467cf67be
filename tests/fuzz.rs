//! Every crash, timeout or out-of-memory the fuzzers found, kept in
//! tests/fixtures/fuzz/TARGET/ and replayed through the fuzz targets' own
//! calls (fuzz/src/lib.rs): each must give a count or a located error.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::PathBuf;

/// The fixtures kept for `target`, sorted (the folder's README aside).
fn fixtures(target: &str) -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    found.retain(|p| !p.ends_with("README.md"));
    found.sort();
    found
}

/// A refused input must say where: its rendered error names the file.
fn located(outcome: harness::Outcome, file: &str, fixture: &std::path::Path) {
    if let Err(rendered) = outcome {
        assert!(
            rendered.contains(file),
            "{}: the error names no file:\n{rendered}",
            fixture.display()
        );
    }
}

#[test]
fn rules_fixtures_give_a_rulebook_or_located_diagnostics() {
    for fixture in fixtures("rules") {
        let text = String::from_utf8(std::fs::read(&fixture).unwrap()).unwrap();
        located(harness::compile_rules(&text), "fuzzed.truce", &fixture);
    }
}

#[test]
fn events_fixtures_give_events_or_a_located_error() {
    use truce::events::Format;
    for (target, format, file) in [
        ("events_yaml", Format::Yaml, "fuzzed.yaml"),
        ("events_jsonl", Format::JsonLines, "fuzzed.jsonl"),
    ] {
        for fixture in fixtures(target) {
            let text = String::from_utf8(std::fs::read(&fixture).unwrap()).unwrap();
            located(harness::read_events(&text, format), file, &fixture);
        }
    }
}

#[test]
fn adjudicate_fixtures_give_verdicts_or_a_located_error() {
    for fixture in fixtures("adjudicate") {
        let data = std::fs::read(&fixture).unwrap();
        located(harness::adjudicate(&data), "events-", &fixture);
    }
}

/// The replay itself: inputs refused whole come back located, and good
/// ones counted, through each of the targets' calls.
#[test]
fn the_targets_calls_locate_what_they_refuse() {
    let refused = harness::compile_rules("agreement \"x\" {").unwrap_err();
    assert!(refused.contains("fuzzed.truce"), "{refused}");
    let refused = harness::read_events("{id: 1}", truce::events::Format::Yaml).unwrap_err();
    assert!(refused.contains("fuzzed.yaml"), "{refused}");
    let kaa = std::fs::read("cases/kaa-jsa-defection-2017/events.yaml").unwrap();
    let judged = harness::adjudicate(&[&[0u8][..], &kaa].concat());
    assert!(judged.is_ok_and(|verdicts| verdicts > 0));
    let refused = harness::adjudicate(b"\x00{").unwrap_err();
    assert!(refused.contains("events-"), "{refused}");
}
