//! `truce diff`: the shipped events under two versions of the KAA (a
//! tightened article, a proposed clause, a doctrine setting, two git
//! revisions), the changed verdicts asserted as JSON data and the text a
//! negotiator reads snapshotted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const YEONPYEONG: &str = "cases/kaa-yeonpyeong-2010/events.yaml";
const CHEORWON: &str = "cases/kaa-cheorwon-2020/events.yaml";
const CLAUSE: &str = "tests/fixtures/diff/light-barrage.truce";

/// Article 12 as the KAA writes it, and tightened: twenty rounds or fewer
/// are no hostility.
const ARTICLE_12: &str =
    "  violation when  act is hostile and (directed at other side or directed at intruder)\n";
const TIGHTENED: &str = "  violation when  act is hostile and (directed at other side or directed at intruder) and weapon.rounds >= 30\n";

fn truce_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn truce(args: &[&str]) -> Output {
    truce_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A fresh folder holding the KAA's geometry and, as `kaa.truce`, the KAA
/// with article 12 as `article`.
fn kaa_with(name: &str, article: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("truce-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("rules/geo")).unwrap();
    for entry in std::fs::read_dir("rules/geo").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("rules/geo").join(path.file_name().unwrap())).unwrap();
    }
    let kaa = std::fs::read_to_string("rules/kaa.truce").unwrap();
    assert!(kaa.contains(ARTICLE_12), "article 12 as the test knows it");
    std::fs::write(
        dir.join("rules/kaa.truce"),
        kaa.replace(ARTICLE_12, article),
    )
    .unwrap();
    dir
}

/// The text with a scratch folder's path written `<tmp>`.
fn scrubbed(out: &Output, dir: &Path) -> String {
    text(&out.stdout).replace(&dir.display().to_string(), "<tmp>")
}

#[test]
fn a_tightened_article_changes_one_verdict_and_says_which_test() {
    let dir = kaa_with("tightened", TIGHTENED);
    let new = dir.join("rules/kaa.truce");
    let new = new.to_str().unwrap();
    let args = [
        "diff",
        "--rules",
        "rules/kaa.truce",
        "--rules-new",
        new,
        "--events",
        YEONPYEONG,
    ];
    let out = truce(&[&args[..], &["--format", "json"]].concat());
    let d = json(&out);
    assert_eq!(d["schema"], 1);
    assert_eq!(
        (d["compared"].as_u64(), d["same"].as_u64()),
        (Some(5), Some(4))
    );
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1);
    let y3 = &changed[0];
    assert_eq!(y3["event"], "Y-3");
    assert_eq!(y3["old"]["outcome"], "violation");
    assert_eq!(y3["new"]["outcome"], "no_violation");
    let a12 = &y3["articles"][0];
    assert_eq!(
        (a12["article"].as_str(), a12["kind"].as_str()),
        (Some("12"), Some("changed"))
    );
    assert_eq!(a12["condition_changed"], true);
    assert_eq!(
        a12["steps"],
        serde_json::json!([{"kind": "added", "condition": "weapon.rounds >= 30", "result": "false"}]),
        "the test the NEW condition added is the one that made the difference"
    );
    assert_eq!(
        d["by_article"],
        serde_json::json!([{"instrument": "Korean Armistice Agreement", "article": "12", "old": "violation", "new": "no_violation", "verdicts": 1}])
    );
    assert_eq!(
        d["provisions"][0]["change"],
        serde_json::json!({"kind": "changed", "text": false, "declaration": true})
    );
    let again = truce(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(out.stdout, again.stdout, "same inputs, same bytes");
    let out = truce(&args);
    insta::assert_snapshot!("diff_tightened", scrubbed(&out, &dir));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_doctrine_on_one_side_shows_the_verdicts_that_turn_on_it() {
    let args = [
        "diff",
        "--rules",
        "rules/kaa.truce",
        "--doctrine-new",
        "who_fired_first=response_excused",
        "--events",
        CHEORWON,
    ];
    let d = json(&truce(&[&args[..], &["--format", "json"]].concat()));
    assert_eq!(d["old"]["label"], "who_fired_first=strict");
    assert_eq!(d["new"]["label"], "who_fired_first=response_excused");
    let changed = d["changed"].as_array().unwrap();
    let ch3 = changed.iter().find(|c| c["event"] == "CH-3").unwrap();
    assert_eq!(ch3["old"]["outcome"], "violation");
    assert_eq!(ch3["new"]["outcome"], "justified");
    assert_eq!(ch3["new"]["exceptions"], serde_json::json!(["return_fire"]));
    let exceptions = &ch3["articles"][0]["exceptions"];
    let upheld = exceptions
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["exception"] == "fire_across_the_line")
        .unwrap();
    assert_eq!(
        (upheld["old"].as_str(), upheld["new"].as_str()),
        (Some("applies"), Some("does_not_apply"))
    );
    assert_eq!(
        upheld["steps"][0]["condition"],
        "doctrine who_fired_first is strict"
    );
    // Outcomes that stay violations change only in the exception applied.
    let ch1 = changed.iter().find(|c| c["event"] == "CH-1").unwrap();
    assert_eq!(ch1["old"]["outcome"], ch1["new"]["outcome"]);
    assert!(
        d["provisions"].as_array().unwrap().is_empty(),
        "the same rules"
    );
    let out = truce(&args);
    insta::assert_snapshot!("diff_doctrine", text(&out.stdout));
}

#[test]
fn a_proposed_clause_is_tried_on_the_corpus_before_it_is_signed() {
    let args = [
        "diff",
        "--rules",
        "rules/kaa.truce",
        "--add",
        CLAUSE,
        "--events",
        YEONPYEONG,
    ];
    let d = json(&truce(&[&args[..], &["--format", "json"]].concat()));
    assert_eq!(d["new"]["added"], serde_json::json!([CLAUSE]));
    assert_eq!(
        d["provisions"],
        serde_json::json!([{"instrument": "Korean Armistice Agreement", "kind": "exception", "name": "light_barrage", "change": {"kind": "added"}}])
    );
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["new"]["outcome"], "justified");
    assert_eq!(
        changed[0]["articles"][0]["exceptions"],
        serde_json::json!([{"kind": "added", "exception": "light_barrage", "status": "applies"}])
    );
    let out = truce(&args);
    insta::assert_snapshot!("diff_clause", text(&out.stdout));
    let html = truce(&[&args[..], &["--format", "html"]].concat());
    assert!(
        text(&html.stdout).contains("<section id=\"changes\">\n<h2>Changes between versions</h2>")
    );
    let md = truce(&[&args[..], &["--format", "markdown"]].concat());
    assert!(text(&md.stdout).contains("\n## Changes between versions\n"));
}

#[test]
fn a_clause_with_an_error_is_shown_in_its_own_file() {
    let dir = std::env::temp_dir().join(format!("truce-diff-bad-clause-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let clause = dir.join("clause.truce");
    std::fs::write(
        &clause,
        "\n\nexception broken overrides article 99 {\n  applies when weapon.rounds <= 3\n}\n",
    )
    .unwrap();
    let out = truce(&[
        "diff",
        "--rules",
        "rules/kaa.truce",
        "--add",
        clause.to_str().unwrap(),
        "--events",
        YEONPYEONG,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stderr);
    assert!(shown.contains("truce::check::unknown_name"), "{shown}");
    assert!(
        shown.contains(&format!("{}:3:36", clause.display())),
        "located in the clause: {shown}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_git_revisions_of_a_rulebook_are_compared_with_their_geometry() {
    let dir = kaa_with("git", ARTICLE_12);
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=truce",
                "-c",
                "user.email=truce@example.org",
            ])
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "the KAA"]);
    let kaa = std::fs::read_to_string(dir.join("rules/kaa.truce")).unwrap();
    std::fs::write(
        dir.join("rules/kaa.truce"),
        kaa.replace(ARTICLE_12, TIGHTENED),
    )
    .unwrap();
    git(&["commit", "-qam", "article 12 tightened"]);
    // The geometry is read at each revision, not from the disk.
    std::fs::remove_dir_all(dir.join("rules/geo")).unwrap();
    let events = Path::new(env!("CARGO_MANIFEST_DIR")).join(YEONPYEONG);
    let events = events.to_str().unwrap();
    let args = [
        "diff",
        "--rules",
        "rules/kaa.truce",
        "--rev",
        "HEAD~1..HEAD",
        "--events",
        events,
    ];
    let d = json(&truce_in(
        &dir,
        &[&args[..], &["--format", "json"]].concat(),
    ));
    assert_eq!(
        (d["old"]["label"].as_str(), d["new"]["label"].as_str()),
        (Some("HEAD~1"), Some("HEAD"))
    );
    assert_eq!(d["old"]["revision"], "HEAD~1");
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["event"], "Y-3");
    // From a sub-folder, paths are relative to it, as git's are.
    let sub = truce_in(
        &dir.join("rules"),
        &[
            "diff",
            "--rules",
            "kaa.truce",
            "--rev",
            "HEAD~1..HEAD",
            "--events",
            events,
            "--format",
            "json",
        ],
    );
    assert_eq!(json(&sub)["changed"].as_array().unwrap().len(), 1);
    let bad = truce_in(
        &dir,
        &[
            "diff",
            "--rules",
            "rules/kaa.truce",
            "--rev",
            "no-such-rev",
            "--events",
            events,
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("truce::diff::no_revision"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_diff_with_nothing_to_compare_is_refused() {
    let out = truce(&["diff", "--rules", "rules/kaa.truce", "--events", YEONPYEONG]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn all_lists_the_verdicts_judged_alike() {
    let d = json(&truce(&[
        "diff",
        "--rules",
        "rules/kaa.truce",
        "--add",
        CLAUSE,
        "--events",
        YEONPYEONG,
        "--all",
        "--format",
        "json",
    ]));
    let alike: Vec<&str> = d["unchanged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["event"].as_str().unwrap())
        .collect();
    assert_eq!(alike, ["Y-0", "Y-1", "Y-2", "Y-4"]);
}

/// A clause declaring an act: the event of that act, rejected under the
/// OLD rulebook, is judged under the NEW one.
#[test]
fn an_event_rejected_on_one_side_only_is_listed() {
    let dir = std::env::temp_dir().join(format!("truce-diff-rejected-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let clause = dir.join("leaflets.truce");
    std::fs::write(
        &clause,
        "act leaflet_launch \"balloons carrying leaflets sent across the line\"\n",
    )
    .unwrap();
    let events = dir.join("events.yaml");
    std::fs::write(
        &events,
        "- id: L-1\n  time: 2024-05-28T22:00:00+09:00\n  act: leaflet_launch\n  actor: {party: KPA}\n  evidence: []\n",
    )
    .unwrap();
    let out = truce(&[
        "diff",
        "--rules",
        "rules/kaa.truce",
        "--add",
        clause.to_str().unwrap(),
        "--events",
        events.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let d = json(&out);
    let rejected = d["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["side"], "old");
    assert_eq!(rejected[0]["rejection"]["event"], "L-1");
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1);
    assert!(changed[0].get("old").is_none(), "no verdict under OLD");
    assert_eq!(changed[0]["new"]["outcome"], "no_violation");
    let _ = std::fs::remove_dir_all(&dir);
}
