//! `truce verify`: a report checked against its inputs, every edit caught
//! and located, and bundles that verify from inside their own folder. Each
//! test judges a copy of `tests/fixtures/verify` in a scratch folder, as a
//! user would from that folder.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};

const FIXTURE: &str = "tests/fixtures/verify";

/// A fresh copy of the fixture: `book/rules.truce` (importing
/// `book/shared.truce`, reading `book/geo/front.geojson`) and `events.yaml`.
fn setup(name: &str) -> PathBuf {
    let dir = crate::cli::scratch(&format!("verify-{name}"));
    std::fs::remove_dir_all(&dir).unwrap();
    copy_tree(Path::new(FIXTURE), &dir);
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// truce run from `dir`.
fn truce_in(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// Judges the fixture from `dir` with `extra` options, writing
/// `report.json` there, pretty-printed so that edits and the lines they
/// are found at read as a person sees them.
fn adjudicate(dir: &Path, extra: &[&str]) {
    let mut args = vec![
        "adjudicate",
        "--rules",
        "book/rules.truce",
        "--events",
        "events.yaml",
        "--format",
        "json",
        "--pretty",
    ];
    args.extend_from_slice(extra);
    let out = truce_in(dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(dir.join("report.json"), out.stdout).unwrap();
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `truce verify REPORT --format json` from `dir`: its exit code and result.
fn verify(dir: &Path, report: &str, extra: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["verify", report, "--format", "json"];
    args.extend_from_slice(extra);
    let out = truce_in(dir, &args);
    let result = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", text(&out.stdout), text(&out.stderr)));
    (out.status.code(), result)
}

/// The same in words, for a snapshot.
fn verify_text(dir: &Path, report: &str) -> (Option<i32>, String) {
    let out = truce_in(dir, &["verify", report]);
    (out.status.code(), text(&out.stdout))
}

/// The inputs a result names as not the files judged: `(role, path, status)`.
fn not_same(result: &Value) -> Vec<(String, String, String)> {
    result["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] != "same")
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap().to_owned();
            (s("role"), s("path"), s("status"))
        })
        .collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let was = std::fs::read_to_string(path).unwrap();
    assert!(was.contains(from), "{} holds `{from}`", path.display());
    std::fs::write(path, was.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_report_verifies() {
    let dir = setup("ok");
    adjudicate(&dir, &[]);
    let (code, result) = verify(&dir, "report.json", &[]);
    assert_eq!(code, Some(0));
    assert_eq!(result["status"], "verified");
    let roles: Vec<&str> = result["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["rules", "import", "geometry", "events"]);
    assert!(not_same(&result).is_empty());
    let (code, shown) = verify_text(&dir, "report.json");
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("verify_verified", shown);
}

#[test]
fn a_compact_report_verifies_in_its_own_layout() {
    let dir = setup("compact");
    adjudicate(&dir, &[]);
    let pretty = std::fs::read_to_string(dir.join("report.json")).unwrap();
    // To a file or a pipe, the report is compact unless asked otherwise.
    let out = truce_in(
        &dir,
        &[
            "adjudicate",
            "--rules",
            "book/rules.truce",
            "--events",
            "events.yaml",
            "--format",
            "json",
        ],
    );
    let compact = text(&out.stdout);
    assert_eq!(compact.lines().count(), 1);
    let value = |t: &str| serde_json::from_str::<Value>(t).unwrap();
    assert_eq!(value(&compact), value(&pretty));
    std::fs::write(dir.join("compact.json"), &compact).unwrap();
    let (code, result) = verify(&dir, "compact.json", &[]);
    assert_eq!(code, Some(0), "{result}");
    assert_eq!(result["status"], "verified");
    // An edit is caught in it too, on its one line.
    edit(
        &dir.join("compact.json"),
        "\"outcome\":\"violation\"",
        "\"outcome\":\"justified\"",
    );
    let (code, result) = verify(&dir, "compact.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(result["judged"]["line"], 1);
    assert_eq!(result["judged"]["first"][0]["given"], "\"violation\"");
}

#[test]
fn the_run_is_recorded_and_relative_paths_follow_root() {
    let dir = setup("root");
    adjudicate(&dir, &[]);
    let report: Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 8);
    assert_eq!(
        report["run"],
        json!({"rules": ["book/rules.truce"], "events": "events.yaml", "doctrines": [], "vary_doctrine": []})
    );
    // From elsewhere, the inputs are missing; with --root, found.
    let parent = dir.parent().unwrap();
    let report_path = dir.join("report.json");
    let report_path = report_path.to_str().unwrap();
    let (code, result) = verify(parent, report_path, &[]);
    assert_eq!(code, Some(1));
    assert_eq!(result["judged"]["kind"], "not_run");
    assert!(not_same(&result).iter().all(|(_, _, s)| s == "missing"));
    let (code, result) = verify(parent, report_path, &["--root", dir.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{result}");
}

#[test]
fn an_edited_verdict_is_caught_and_located() {
    let dir = setup("verdict");
    adjudicate(&dir, &[]);
    let report = dir.join("report.json");
    edit(
        &report,
        "\"outcome\": \"violation\"",
        "\"outcome\": \"no_violation\"",
    );
    let (code, result) = verify(&dir, "report.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(result["status"], "not_verified");
    assert!(not_same(&result).is_empty(), "the inputs are untouched");
    let judged = &result["judged"];
    assert_eq!(judged["kind"], "report");
    assert_eq!(judged["count"], 1);
    assert_eq!(
        judged["first"][0],
        json!({"path": "verdicts[0].outcome", "event": "F-1", "report": "\"no_violation\"", "given": "\"violation\""})
    );
    let (code, shown) = verify_text(&dir, "report.json");
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("verify_edited_verdict", shown);
}

#[test]
fn an_edited_input_is_caught_and_named() {
    // (file, edit, role): a comment added leaves the verdicts as they were
    // and only the hash tells; a moved line changes a verdict too.
    let cases: [(&str, &str, &str, &str); 4] = [
        ("events.yaml", "lon: 39.5", "lon: 39.6", "events"),
        (
            "book/rules.truce",
            "No fire in the band.\" {",
            "No fire in the band.\"  {",
            "rules",
        ),
        (
            "book/shared.truce",
            "// Declarations",
            "// Some declarations",
            "import",
        ),
        (
            "book/geo/front.geojson",
            "37.15, 47.0",
            "37.5, 47.0",
            "geometry",
        ),
    ];
    for (file, from, to, role) in cases {
        let dir = setup(&format!("input-{role}"));
        adjudicate(&dir, &[]);
        edit(&dir.join(file), from, to);
        let (code, result) = verify(&dir, "report.json", &[]);
        assert_eq!(code, Some(1), "{file}");
        assert_eq!(result["status"], "not_verified", "{file}");
        assert_eq!(
            not_same(&result),
            [(role.to_owned(), file.to_owned(), "changed".to_owned())],
            "{file}"
        );
        // Not judged again: only the inputs the report records are judged,
        // and a report may name any file.
        assert_eq!(result["judged"]["kind"], "not_run", "{file}");
        if role == "events" {
            let (_, shown) = verify_text(&dir, "report.json");
            insta::assert_snapshot!("verify_edited_events", shown);
        }
    }
}

#[test]
fn a_doctrine_set_on_the_command_line_round_trips() {
    let dir = setup("doctrine");
    adjudicate(
        &dir,
        &[
            "--doctrine",
            "fire_near_front=lenient",
            "--vary-doctrine",
            "all",
        ],
    );
    let report_path = dir.join("report.json");
    let report: Value = serde_json::from_slice(&std::fs::read(&report_path).unwrap()).unwrap();
    assert_eq!(
        report["run"]["doctrines"],
        json!([{"doctrine": "fire_near_front", "setting": "lenient", "set_by": "command line"}])
    );
    assert_eq!(report["run"]["vary_doctrine"], json!(["all"]));
    let (code, result) = verify(&dir, "report.json", &[]);
    assert_eq!(code, Some(0), "{result}");
    // The recorded setting edited: judged under it, the verdicts differ.
    edit(
        &report_path,
        "\"setting\": \"lenient\"",
        "\"setting\": \"strict\"",
    );
    let (code, result) = verify(&dir, "report.json", &[]);
    assert_eq!(code, Some(1));
    let first = &result["judged"]["first"][0];
    assert_eq!(first["event"], "F-1", "{result}");
}

#[test]
fn a_bundle_verifies_from_inside_its_folder() {
    let dir = setup("bundle");
    // The events named by an absolute path: moved under `outside/`.
    let events = dir.join("events.yaml");
    let out = truce_in(
        &dir,
        &[
            "adjudicate",
            "--rules",
            "book/rules.truce",
            "--events",
            events.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(dir.join("report.json"), out.stdout).unwrap();
    let (code, result) = verify(&dir, "report.json", &["--bundle", "out"]);
    assert_eq!(code, Some(0), "{result}");
    assert_eq!(result["bundle"]["bundle"], "written");
    let moved: Vec<(&str, &str)> = result["bundle"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["moved"] == true)
        .map(|f| (f["from"].as_str().unwrap(), f["to"].as_str().unwrap()))
        .collect();
    assert_eq!(moved, [(events.to_str().unwrap(), "outside/events.yaml")]);
    let bundle = dir.join("out");
    for file in [
        "book/rules.truce",
        "book/shared.truce",
        "book/geo/front.geojson",
        "outside/events.yaml",
        "report.json",
    ] {
        assert!(bundle.join(file).is_file(), "{file}");
    }
    let (code, result) = verify(&bundle, "report.json", &[]);
    assert_eq!(code, Some(0), "{result}");
    let (_, shown) = verify_text(&bundle, "report.json");
    insta::assert_snapshot!("verify_bundle_inside", shown);
    // Never over a folder that holds something.
    let (code, result) = verify(&dir, "report.json", &["--bundle", "out"]);
    assert_eq!(code, Some(1));
    assert_eq!(result["status"], "verified");
    assert_eq!(result["bundle"]["why"], "not_empty");
    // Nor a report that does not verify.
    edit(
        &dir.join("report.json"),
        "\"party\":\"RU\"",
        "\"party\":\"UA\"",
    );
    let (code, result) = verify(&dir, "report.json", &["--bundle", "out2"]);
    assert_eq!(code, Some(1));
    assert_eq!(result["bundle"]["why"], "not_verified");
    assert!(!dir.join("out2").exists());
}

#[test]
fn a_report_of_another_version_is_not_verifiable_here() {
    let dir = setup("version");
    adjudicate(&dir, &[]);
    let report = dir.join("report.json");
    let original = std::fs::read_to_string(&report).unwrap();
    let ours = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    edit(&report, &ours, "\"version\": \"9.9.9\"");
    let (code, result) = verify(&dir, "report.json", &[]);
    assert_eq!(code, Some(4));
    assert_eq!(result["status"], "other_version");
    assert_eq!(result["version"], "9.9.9");
    let (_, shown) = verify_text(&dir, "report.json");
    insta::assert_snapshot!(
        "verify_other_version",
        shown.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
    );
    std::fs::write(
        &report,
        original.replacen("\"schema_version\": 8", "\"schema_version\": 6", 1),
    )
    .unwrap();
    let (code, result) = verify(&dir, "report.json", &[]);
    assert_eq!(code, Some(4));
    assert_eq!(result["schema_version"], 6);
}

#[test]
fn a_malformed_report_is_a_located_error() {
    let dir = setup("malformed");
    let write = |text: &str| std::fs::write(dir.join("bad.json"), text).unwrap();
    write("{\"schema_version\": 8,\n  oops");
    let (code, result) = verify(&dir, "bad.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(result["status"], "unreadable");
    assert_eq!(result["kind"], "not_json");
    assert_eq!(result["line"], 2);
    let (_, shown) = verify_text(&dir, "bad.json");
    insta::assert_snapshot!("verify_not_json", shown);
    write("{\"a\": 1}");
    let (code, result) = verify(&dir, "bad.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(result["kind"], "not_truce");
    let header = format!(
        "{{\"schema_version\": 8, \"tool\": {{\"name\": \"truce\", \"version\": \"{}\"}}, \"run\": {{\"rules\": [\"a.truce\"], \"events\": 3}}}}",
        env!("CARGO_PKG_VERSION")
    );
    write(&header);
    let (code, result) = verify(&dir, "bad.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(result["kind"], "malformed");
    assert_eq!(result["field"], "run.events");
    let (code, result) = verify(&dir, "absent.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(result["kind"], "read");
    let out = truce_in(&dir, &["verify"]);
    assert_eq!(out.status.code(), Some(2), "usage");
}

#[test]
fn a_piped_input_cannot_be_read_again_and_says_so() {
    let dir = setup("pipe");
    let fifo = dir.join("piped.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    let events = std::fs::read(dir.join("events.yaml")).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, events).unwrap())
    };
    let out = truce_in(
        &dir,
        &[
            "adjudicate",
            "--rules",
            "book/rules.truce",
            "--events",
            "piped.yaml",
            "--format",
            "json",
        ],
    );
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(dir.join("report.json"), out.stdout).unwrap();
    let (code, result) = verify(&dir, "report.json", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        not_same(&result),
        [(
            "events".to_owned(),
            "piped.yaml".to_owned(),
            "not_regular".to_owned()
        )]
    );
    assert_eq!(result["judged"]["kind"], "not_run");
}

#[test]
fn report_contents_cannot_drive_the_terminal() {
    let dir = setup("escapes");
    adjudicate(&dir, &[]);
    edit(
        &dir.join("report.json"),
        "\"event\": \"F-1\"",
        "\"event\": \"F-1\\u001b]0;owned\\u0007\\u202e\"",
    );
    let (code, shown) = verify_text(&dir, "report.json");
    assert_eq!(code, Some(1));
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
    assert!(shown.contains("\\u{202e}"), "{shown}");
}
