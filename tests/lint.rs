//! `truce lint`: a drafted rulebook with a problem of each kind, as text
//! (a snapshot) and as JSON (its codes), and the exit codes.

use std::process::{Command, Output};

const DRAFT: &str = "tests/fixtures/lint/draft.truce";

fn truce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn lint_words_each_finding_of_a_draft() {
    let out = truce(&["lint", DRAFT]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an article that never applies is an error"
    );
    insta::assert_snapshot!("lint_draft", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn lint_json_lists_the_findings_as_data() {
    let out = truce(&["lint", "--format", "json", DRAFT]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], 1);
    let findings = doc["files"][0]["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "truce::lint::gap",
            "truce::lint::unsatisfiable",
            "truce::lint::shadowed",
            "truce::lint::always_true",
            "truce::lint::overlap",
            "truce::lint::unsatisfiable",
            "truce::lint::pragma",
            "truce::lint::unused",
        ]
    );
    let by_code = |code: &str| findings.iter().find(|f| f["code"] == code).unwrap();
    let unsat = by_code("truce::lint::unsatisfiable");
    assert_eq!(unsat["article"], "2");
    assert_eq!(unsat["proof"], true);
    assert_eq!(unsat["severity"], "error");
    assert!(unsat["model"].is_null(), "a proof has no model");
    let overlap = by_code("truce::lint::overlap");
    assert_eq!(overlap["article"], "1");
    assert_eq!(
        overlap["exceptions"],
        serde_json::json!(["return_fire", "no_excuse"])
    );
    assert_eq!(overlap["proof"], false);
    let model = overlap["model"].as_array().unwrap();
    assert!(model.contains(&serde_json::json!({"atom": "act is fire", "value": true})));
    let gap = by_code("truce::lint::gap");
    assert_eq!(gap["act"], "shelling");
    assert_eq!(gap["line"], 15);
}

#[test]
fn lint_passes_the_shipped_rulebooks_with_their_allowances() {
    let mut args = vec!["lint", "--deny", "warnings"];
    let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "truce"))
        .map(|p| p.display().to_string())
        .collect();
    args.extend(files.iter().map(String::as_str));
    let out = truce(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn deny_warnings_fails_on_a_warning_alone() {
    let dir = std::env::temp_dir().join(format!("truce-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("warn.truce");
    let text = "agreement \"W\" {\n  in force 2025-03-01 00:00 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\nact statement \"a statement\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";
    std::fs::write(&file, text).unwrap();
    let path = file.display().to_string();
    assert_eq!(truce(&["lint", &path]).status.code(), Some(0));
    assert_eq!(
        truce(&["lint", "--deny", "warnings", &path]).status.code(),
        Some(1)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn lint_witness_writes_a_case_per_finding_about_events_and_each_passes() {
    let dir = std::env::temp_dir().join(format!("truce-lint-witness-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.display().to_string();
    let out = truce(&["lint", "--witness", &path, DRAFT]);
    assert_eq!(out.status.code(), Some(1), "the draft still has an error");
    let mut made: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    // Every finding about events but the two proved impossible.
    assert_eq!(
        made,
        [
            "draft-always_true-4",
            "draft-gap-1",
            "draft-overlap-5",
            "draft-shadowed-3",
            "draft-unused-8",
        ]
    );
    let test = truce(&["test", &path]);
    assert_eq!(
        test.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&test.stdout)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
