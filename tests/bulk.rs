//! Long runs and the shell: JSON Lines, compact JSON, `--summary`, a closed
//! pipe, shell completions and the manual page.

use std::io::BufRead;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

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

/// `truce adjudicate` of `events` under `rules`, with `extra` options.
fn adjudicate(rules: &[&str], events: &str, extra: &[&str]) -> Output {
    let mut args = vec!["adjudicate"];
    for r in rules {
        args.extend(["--rules", r]);
    }
    args.extend(["--events", events]);
    args.extend_from_slice(extra);
    truce(&args)
}

/// Each line of a JSON Lines report, read.
fn records(out: &Output) -> Vec<Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn types(records: &[Value]) -> Vec<&str> {
    records
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect()
}

/// A record without its `type`, to compare with the JSON report's.
fn untyped(record: &Value) -> Value {
    let mut r = record.clone();
    r.as_object_mut().unwrap().remove("type");
    r
}

/// A JSON report's verdict with the words JSON Lines leaves out.
fn data_only(verdict: &Value) -> Value {
    let mut v = verdict.clone();
    for f in v["articles"].as_array_mut().unwrap() {
        f.as_object_mut().unwrap().remove("reason");
        if let Some(state) = f.get_mut("state") {
            state.as_object_mut().unwrap().remove("note");
        }
    }
    v["explanation"].as_object_mut().unwrap().remove("summary");
    without_words(&mut v["explanation"]);
    v
}

/// Every step, fact and proof of an explanation without the words beside
/// its data.
fn without_words(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if o.contains_key("unknown") {
                o.remove("unknown_because");
            }
            if o.contains_key("computed") || o.contains_key("field") {
                o.remove("computed_words");
                o.remove("value_words");
            }
            for proof in ["proof", "attribution"] {
                if let Some(Value::Object(p)) = o.get_mut(proof) {
                    p.remove("reason");
                }
            }
            o.values_mut().for_each(without_words);
        }
        Value::Array(a) => a.iter_mut().for_each(without_words),
        _ => {}
    }
}

const REJECTED: &str = "cases/kaa-rejected-events/events.jsonl";

#[test]
fn the_json_report_gives_each_text_once_and_explain_in_the_verdict() {
    let json = adjudicate(&["rules/kaa.truce"], REJECTED, &["--format", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let articles = report["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 13, "every KAA article, once");
    assert!(articles.iter().all(|a| a["text"].as_str().is_some()));
    assert!(!report["exceptions"].as_array().unwrap().is_empty());
    let verdict = &report["verdicts"][0];
    let reasoning = verdict["explanation"]["articles"].as_array().unwrap();
    assert!(
        reasoning.iter().all(|a| a.get("text").is_none()),
        "{verdict}"
    );
    let tried = reasoning
        .iter()
        .flat_map(|a| a["exceptions"].as_array().into_iter().flatten());
    assert!(tried.into_iter().all(|x| x.get("text").is_none()));
    // One verdict alone quotes its articles.
    let event = verdict["event"].as_str().unwrap();
    let one = truce(&[
        "explain",
        "--rules",
        "rules/kaa.truce",
        "--events",
        REJECTED,
        event,
        "--format",
        "json",
    ]);
    let one: Value = serde_json::from_slice(&one.stdout).unwrap();
    let quoted = one["explanation"]["articles"].as_array().unwrap();
    assert!(quoted.iter().all(|a| a["text"].as_str().is_some()), "{one}");
}

#[test]
fn json_lines_hold_the_json_reports_data_one_typed_record_a_line() {
    let json = adjudicate(&["rules/kaa.truce"], REJECTED, &["--format", "json"]);
    let lines = adjudicate(&["rules/kaa.truce"], REJECTED, &["--format", "jsonl"]);
    assert_eq!(json.status.code(), Some(3));
    assert_eq!(lines.status.code(), Some(3), "{}", text(&lines.stderr));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let records = records(&lines);
    let verdicts = report["verdicts"].as_array().unwrap();
    let rejected = report["rejected"].as_array().unwrap();
    let mut expected = vec!["header"];
    expected.extend(verdicts.iter().map(|_| "verdict"));
    expected.extend(rejected.iter().map(|_| "rejection"));
    expected.push("totals");
    assert_eq!(types(&records), expected);
    let header = &records[0];
    for field in [
        "schema_version",
        "tool",
        "run",
        "inputs",
        "articles",
        "exceptions",
    ] {
        assert_eq!(header[field], report[field], "{field}");
    }
    // Each article's text once, in the header, not in every verdict.
    let articles = header["articles"].as_array().unwrap();
    assert_eq!(articles[0]["instrument"], "Korean Armistice Agreement");
    assert_eq!(articles[0]["article"], "1");
    assert!(articles[0]["text"].as_str().is_some());
    // And each exception's text once.
    let exceptions = header["exceptions"].as_array().unwrap();
    assert!(exceptions.iter().all(|x| x["text"].as_str().is_some()));
    assert!(!exceptions.is_empty());
    for (record, verdict) in records[1..].iter().zip(verdicts) {
        assert_eq!(untyped(record), data_only(verdict));
    }
    let tail = &records[1 + verdicts.len()..];
    for (record, r) in tail.iter().zip(rejected) {
        assert_eq!(&untyped(record), r);
    }
    assert_eq!(untyped(records.last().unwrap()), report["totals"]);
}

#[test]
fn json_lines_give_a_continuing_state_as_data_without_its_note() {
    let (rules, events) = (
        ["rules/ua-dmz-2025-draft.truce"],
        "cases/ua-continuing-battery/events.yaml",
    );
    let json = adjudicate(&rules, events, &["--format", "json"]);
    let lines = adjudicate(&rules, events, &["--format", "jsonl"]);
    assert_eq!(
        lines.status.code(),
        json.status.code(),
        "{}",
        text(&lines.stderr)
    );
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let verdicts = report["verdicts"].as_array().unwrap();
    let states = verdicts
        .iter()
        .flat_map(|v| v["articles"].as_array().unwrap())
        .filter_map(|f| f.get("state"));
    let mut seen = 0;
    for state in states {
        assert!(state["note"].is_string(), "{state}");
        assert!(state["role"].is_string(), "{state}");
        seen += 1;
    }
    assert!(seen > 0, "the chain of reports gives states");
    let records = records(&lines);
    for (record, verdict) in records[1..].iter().zip(verdicts) {
        assert_eq!(untyped(record), data_only(verdict));
    }
}

#[test]
fn json_lines_list_what_lies_outside_an_instruments_scope() {
    let rules = ["rules/kaa.truce", "rules/cma-2018.truce"];
    let events = "cases/cma-no-fly-2018-2023/events.yaml";
    let json = adjudicate(&rules, events, &["--format", "json"]);
    let lines = adjudicate(&rules, events, &["--format", "jsonl"]);
    assert_eq!(lines.status.code(), Some(0), "{}", text(&lines.stderr));
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let records = records(&lines);
    let outside: Vec<Value> = records
        .iter()
        .filter(|r| r["type"] == "outside")
        .map(untyped)
        .collect();
    assert_eq!(Value::from(outside), report["outside_scope"]);
    let titles: Vec<&Value> = records[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["instrument"])
        .collect();
    assert!(titles.contains(&&Value::from("Korean Armistice Agreement")));
    assert!(titles.contains(&&Value::from(
        "Comprehensive Military Agreement (inter-Korean, 2018)"
    )));
}

const BARRAGE: [&str; 2] = [
    "rules/ua-dmz-2025-draft.truce",
    "cases/ua-heavy-barrage/events.yaml",
];

#[test]
fn a_summary_holds_only_the_totals_and_the_patterns() {
    let [rules, events] = BARRAGE;
    let full = adjudicate(&[rules], events, &["--format", "json"]);
    let report: Value = serde_json::from_slice(&full.stdout).unwrap();
    assert!(!report["patterns"].as_array().unwrap().is_empty());

    let json = adjudicate(&[rules], events, &["--format", "json", "--summary"]);
    assert_eq!(json.status.code(), Some(0), "{}", text(&json.stderr));
    let summary: Value = serde_json::from_slice(&json.stdout).unwrap();
    // In the order written (`Value` would sort them).
    let truce::report::verify::Tree::Object(members) =
        truce::report::verify::Tree::parse(&json.stdout).unwrap()
    else {
        panic!("a summary is an object");
    };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "schema_version",
            "tool",
            "run",
            "inputs",
            "patterns",
            "totals"
        ]
    );
    assert_eq!(summary["patterns"], report["patterns"]);
    assert_eq!(summary["totals"], report["totals"]);

    let lines = adjudicate(&[rules], events, &["--format", "jsonl", "--summary"]);
    let records = records(&lines);
    let patterns = report["patterns"].as_array().unwrap();
    let mut expected = vec!["header"];
    expected.extend(patterns.iter().map(|_| "pattern"));
    expected.push("totals");
    assert_eq!(types(&records), expected);
    assert_eq!(untyped(&records[1]), patterns[0]);

    let words = adjudicate(&[rules], events, &["--summary"]);
    assert_eq!(words.status.code(), Some(0));
    insta::assert_snapshot!("adjudicate_summary", text(&words.stdout));
}

#[test]
fn json_is_compact_off_a_terminal_and_pretty_when_asked() {
    let [rules, events] = BARRAGE;
    let compact = adjudicate(&[rules], events, &["--format", "json"]);
    let pretty = adjudicate(&[rules], events, &["--format", "json", "--pretty"]);
    assert_eq!(text(&compact.stdout).lines().count(), 1);
    assert!(text(&pretty.stdout).starts_with("{\n  \"schema_version\""));
    let value = |o: &Output| serde_json::from_slice::<Value>(&o.stdout).unwrap();
    assert_eq!(value(&compact), value(&pretty));
    assert!(compact.stdout.len() * 3 < pretty.stdout.len() * 2);
    // Only the JSON report has a layout.
    for format in ["text", "jsonl"] {
        let out = adjudicate(&[rules], events, &["--format", format, "--pretty"]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty());
    }
}

/// Events enough for several batches, the last of them rejected: a run to
/// the end exits 3.
fn many_events(count: usize) -> std::path::PathBuf {
    let one = std::fs::read_to_string(REJECTED)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let mut all = String::new();
    for i in 0..count {
        all.push_str(&one.replacen("\"X-1\"", &format!("\"X-{i}\""), 1));
        all.push('\n');
    }
    all.push_str("{\"id\":\"LAST\"}\n");
    let dir = crate::cli::scratch("closed-pipe");
    let path = dir.join("events.jsonl");
    std::fs::write(&path, all).unwrap();
    path
}

#[test]
fn a_closed_pipe_stops_the_run_at_once_and_quietly() {
    let events = many_events(3 * 2048);
    let events = events.to_str().unwrap();
    let args = ["--rules", "rules/kaa.truce", "--events", events];
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .arg("adjudicate")
        .args(args)
        .args(["--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the header, then close the pipe, as `| head -1` does.
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let header: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(header["type"], "header");
    // A run to the end would have exited 3, for the rejected last event:
    // it stopped at the first batch written after the pipe closed.
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
    // The same run, read to the end.
    let whole = adjudicate(&["rules/kaa.truce"], events, &["--summary"]);
    assert_eq!(whole.status.code(), Some(3));
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_itself() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = truce(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for word in ["adjudicate", "completions", "summary", "jsonl"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    assert_eq!(truce(&["completions", "tcsh"]).status.code(), Some(2));
    let man = truce(&["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = text(&man.stdout);
    assert!(page.contains(".TH truce 1"), "{page}");
    for command in ["adjudicate", "verify", "completions", "man"] {
        assert!(page.contains(&format!("truce\\-{command}(1)")), "{command}");
    }
    // Each command its own page, as the list names it.
    let man = truce(&["man", "debug", "graph"]);
    assert_eq!(man.status.code(), Some(0));
    assert!(text(&man.stdout).contains(".TH truce-debug-graph 1"));
    assert_eq!(truce(&["man", "nothing"]).status.code(), Some(2));
}

#[test]
fn json_lines_say_how_the_verdicts_depend_on_a_doctrine_varied() {
    let events = "cases/kaa-guard-post-fire/events.yaml";
    let vary = ["--vary-doctrine", "who_fired_first"];
    let json = adjudicate(
        &["rules/kaa.truce"],
        events,
        &[&vary[..], &["--format", "json"]].concat(),
    );
    let lines = adjudicate(
        &["rules/kaa.truce"],
        events,
        &[&vary[..], &["--format", "jsonl"]].concat(),
    );
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let dependence: Vec<Value> = records(&lines)
        .iter()
        .filter(|r| r["type"] == "dependence")
        .map(untyped)
        .collect();
    assert_eq!(dependence.len(), 1);
    assert_eq!(Value::from(dependence), report["doctrine_dependence"]);
}
