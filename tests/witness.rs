//! Witness incidents from the command line: `truce debug witness` finds
//! one, writes it as a case folder, and `truce test` passes it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn truce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder that does not exist yet, under the target's scratch space
/// (so the rulebook's path from it is the same on every checkout).
fn fresh(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("witness-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_witness_written_as_a_case_passes_truce_test() {
    let dir = fresh("ua-3");
    let out_arg = dir.display().to_string();
    let rules = format!(
        "{}/rules/ua-dmz-2025-draft.truce",
        env!("CARGO_MANIFEST_DIR")
    );
    let args = [
        "debug",
        "witness",
        "--rules",
        &rules,
        "--article",
        "3",
        "--out",
        &out_arg,
    ];
    let out = truce(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let events = std::fs::read_to_string(dir.join("events.yaml")).unwrap();
    // What it prints is the events file, without the case's header.
    assert!(events.ends_with(&text(&out.stdout)));
    let test = truce(&["test", &out_arg]);
    assert_eq!(test.status.code(), Some(0), "{}", text(&test.stdout));
    insta::assert_snapshot!("witness_ua_article_3_events", events);
    let manifest = std::fs::read_to_string(dir.join("case.yaml")).unwrap();
    insta::assert_snapshot!("witness_ua_article_3_case", manifest);
    // Written once: the folder is not overwritten.
    let again = truce(&args);
    assert_eq!(again.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_exceptions_and_an_unreached_act_from_the_command_line() {
    let dir = fresh("jsa");
    let out_arg = dir.display().to_string();
    let rules = format!("{}/rules/kaa.truce", env!("CARGO_MANIFEST_DIR"));
    let out = truce(&[
        "debug",
        "witness",
        "--rules",
        &rules,
        "--exception",
        "jsa_free_movement",
        "--out",
        &out_arg,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let test = truce(&["test", &out_arg]);
    assert_eq!(test.status.code(), Some(0), "{}", text(&test.stdout));
    std::fs::remove_dir_all(&dir).unwrap();
    // `notice` is no article's act: a notice by a party breaches nothing.
    let out = truce(&["debug", "witness", "--rules", &rules, "--act", "notice"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // An exception resting on a related event has no one-event witness.
    let out = truce(&[
        "debug",
        "witness",
        "--rules",
        &rules,
        "--exception",
        "return_fire",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
