//! The command line, as users and scripts call it.

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

const JSA: &str = "cases/kaa-jsa-defection-2017/events.yaml";

#[test]
fn readme_commands_work() {
    let out = truce(&["adjudicate", "--rules", "rules/kaa.truce", "--events", JSA]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("J-1  VIOLATION  party KPA"));
    let out = truce(&["test"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let cases = std::fs::read_dir("cases")
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("case.yaml").exists())
        .count();
    assert!(cases >= 9, "the shipped cases are found");
    assert!(
        text(&out.stdout).ends_with(&format!("{cases} passed, 0 failed\n")),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn json_report_is_versioned_hashed_and_deterministic() {
    let args = [
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--events",
        "cases/kaa-rejected-events/events.jsonl",
        "--format",
        "json",
    ];
    let first = truce(&args);
    let second = truce(&args);
    assert_eq!(first.stdout, second.stdout, "same inputs, same bytes");
    assert_eq!(first.status.code(), Some(3), "some events were rejected");
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(report["schema_version"], 8);
    assert_eq!(
        report["patterns"],
        serde_json::json!([]),
        "the KAA declares no pattern"
    );
    let inputs = report["inputs"].as_array().unwrap();
    let roles: Vec<&str> = inputs.iter().map(|i| i["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["rules", "geometry", "geometry", "events"]);
    assert_eq!(inputs[1]["path"], "rules/geo/korea-mdl.geojson");
    assert_eq!(
        inputs[2]["path"],
        "rules/geo/korea-coasts-and-nll-illustrative.geojson"
    );
    for input in inputs {
        use sha2::Digest;
        let bytes = std::fs::read(input["path"].as_str().unwrap()).unwrap();
        let digest = sha2::Sha256::digest(&bytes);
        let expected: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            input["sha256"].as_str().unwrap(),
            expected,
            "{}",
            input["path"]
        );
    }
    let verdicts = report["verdicts"].as_array().unwrap();
    let rejected = report["rejected"].as_array().unwrap();
    assert_eq!(verdicts.len() + rejected.len(), 12);
    assert_eq!(report["totals"]["events"], 12);
    let v = &verdicts[0];
    assert_eq!(v["event"], "X-1");
    assert_eq!(v["outcome"], "violation");
    assert_eq!(v["party"], "KPA");
    assert!(
        v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["article"] == "6" && f["outcome"] == "violation")
    );
    assert!(v["explanation"]["articles"][0]["condition"]["result"].is_string());
    assert_eq!(rejected[0]["event"], "X-2");
    assert!(
        rejected[0]["location"]
            .as_str()
            .unwrap()
            .ends_with("events.jsonl:2")
    );
}

#[test]
fn explain_shows_one_event_in_full() {
    let out = truce(&[
        "explain",
        "--rules",
        "rules/kaa.truce",
        "--events",
        JSA,
        "J-3",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.starts_with("J-3  NO VIOLATION"));
    // Full detail: every article's text and condition, even when not met.
    assert!(shown.contains("\"No person, military or civilian, shall be permitted to cross"));
    assert!(shown.contains("✗ trajectory crosses mdl"));
    let missing = truce(&[
        "explain",
        "--rules",
        "rules/kaa.truce",
        "--events",
        JSA,
        "J-9",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("no event `J-9`"));
}

#[test]
fn check_exit_codes() {
    assert_eq!(truce(&["check", "rules/kaa.truce"]).status.code(), Some(0));
    let bad = truce(&["check", "tests/fixtures/check/unknown-names.truce"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("truce::check::unknown_name"));
    assert_eq!(
        truce(&["check", "no/such/file.truce"]).status.code(),
        Some(1)
    );
    assert_eq!(
        truce(&[
            "adjudicate",
            "--rules",
            "rules/kaa.truce",
            "--events",
            JSA,
            "--format",
            "xml"
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(truce(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn geometry_warnings_print_and_overlapping_areas_fail_every_command() {
    let fixture = "tests/fixtures/check/geometry-lint.truce";
    let out = truce(&["check", fixture]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    for code in [
        "truce::check::overlap",
        "truce::check::swapped",
        "truce::check::outside",
        "truce::check::side_conflict",
    ] {
        assert!(err.contains(code), "{code} missing from:\n{err}");
    }
    // Any command that loads the rulebook refuses it.
    let judged = truce(&["adjudicate", "--rules", fixture, "--events", JSA]);
    assert_eq!(judged.status.code(), Some(1));
    assert!(text(&judged.stderr).contains("truce::check::overlap"));
    // With RU's area clear of UA's, the warnings remain and the check passes.
    let dir = scratch("lint");
    let clear = dir.join("clear.truce");
    let text_of = std::fs::read_to_string(fixture).unwrap();
    let moved = text_of
        .replace("(38.20, 47.50), (40.00", "(38.30, 47.50), (40.00")
        .replace(
            "(40.00, 48.80), (38.20, 48.80)",
            "(40.00, 48.80), (38.30, 48.80)",
        );
    std::fs::write(&clear, moved).unwrap();
    let out = truce(&["check", clear.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("truce::check::swapped"));
    assert!(!text(&out.stderr).contains("truce::check::overlap"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn garbage_input_never_panics() {
    let dir = scratch("garbage");
    let samples: [&[u8]; 5] = [
        b"\xff\xfe\x00garbage",
        b"agreement",
        b"agreement \"x\" {",
        b"- - - :\n  ]]",
        b"{\"id\":",
    ];
    for (i, bytes) in samples.iter().enumerate() {
        let rules = dir.join(format!("r{i}.truce"));
        let events = dir.join(format!("e{i}.yaml"));
        std::fs::write(&rules, bytes).unwrap();
        std::fs::write(&events, bytes).unwrap();
        for args in [
            vec!["check", rules.to_str().unwrap()],
            vec![
                "adjudicate",
                "--rules",
                "rules/kaa.truce",
                "--events",
                events.to_str().unwrap(),
            ],
        ] {
            let out = truce(&args);
            let err = text(&out.stderr);
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert!(
                matches!(out.status.code(), Some(0 | 1 | 3)),
                "{args:?}: {:?} {err}",
                out.status.code()
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn test_command_reports_mismatches_with_reasoning() {
    let dir = scratch("case");
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::write(
        dir.join("case.yaml"),
        format!("rules: {root}/rules/kaa.truce\nevents: {root}/{JSA}\nexpect:\n  J-1: {{outcome: no_violation}}\n  J-2: {{outcome: violation, party: KPA}}\n  J-3: {{outcome: no_violation}}\n"),
    )
    .unwrap();
    let out = truce(&["test", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("J-1: expected no_violation, got violation (party KPA)"),
        "{shown}"
    );
    assert!(
        shown.contains("✓ act is hostile"),
        "the reasoning is shown: {shown}"
    );
    assert!(shown.ends_with("0 passed, 1 failed\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["debug", "parse", "rules/kaa.truce"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reading end is dropped here, as `| head` would.
    let out = child.wait_with_output().unwrap();
    assert!(
        !text(&out.stderr).contains("panicked"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn debug_graph_lists_relations_and_rejections() {
    let out = truce(&[
        "debug",
        "graph",
        "--rules",
        "rules/kaa.truce",
        "--events",
        "cases/kaa-authorised-crossings/events.yaml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(shown.starts_with("5 events, 2 relations\n"), "{shown}");
    assert!(
        shown.contains("R-2  line 15  movement\n  authorised_by R-1\n"),
        "{shown}"
    );
}

#[test]
fn streamed_reports_equal_the_library_reports() {
    let rules = std::path::Path::new("rules/kaa.truce");
    let rulebook = truce::load_rulebook(rules).unwrap().rulebook;
    for events in [JSA, "cases/kaa-rejected-events/events.jsonl"] {
        let a = truce::adjudicate_file(&rulebook, rules, std::path::Path::new(events)).unwrap();
        let json = truce(&[
            "adjudicate",
            "--rules",
            "rules/kaa.truce",
            "--events",
            events,
            "--format",
            "json",
        ]);
        assert_eq!(
            text(&json.stdout),
            truce::render::json::report_as(&a, &[&rulebook], truce::render::json::Layout::Compact),
            "{events}"
        );
        let pretty = truce(&[
            "adjudicate",
            "--rules",
            "rules/kaa.truce",
            "--events",
            events,
            "--format",
            "json",
            "--pretty",
        ]);
        assert_eq!(
            text(&pretty.stdout),
            truce::render::json::report(&a, &[&rulebook]),
            "{events}"
        );
        let plain = truce(&[
            "adjudicate",
            "--rules",
            "rules/kaa.truce",
            "--events",
            events,
        ]);
        assert_eq!(
            text(&plain.stdout),
            truce::render::text::report(&a),
            "{events}"
        );
    }
}

#[test]
fn an_empty_events_file_gives_a_valid_empty_report() {
    let out = adjudicate_text("empty", "", &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdicts"], serde_json::json!([]));
    assert_eq!(report["totals"]["events"], 0);
}

#[test]
fn no_event_can_forge_a_line_of_the_text_report() {
    let forged = "{\"id\":\"E\\nFAKE  VIOLATION  party UNC\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}\n";
    let out = adjudicate_text("forge", forged, &[]);
    let shown = text(&out.stdout);
    assert!(!shown.lines().any(|l| l.starts_with("FAKE")), "{shown}");
    // An id with a control character is refused, and shown escaped.
    assert_eq!(out.status.code(), Some(3));
    assert!(
        shown.contains("\n  E\\nFAKE  VIOLATION  party UNC  "),
        "{shown}"
    );
}

#[test]
fn acts_implied_by_a_rejected_event_are_rejected_and_counted_as_implied() {
    let events = concat!(
        "{\"id\":\"D\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}\n",
        "{\"id\":\"D\",\"time\":\"2016-01-01T00:01:00Z\",\"act\":\"fire\",\"implies\":[{\"act\":\"movement\",\"because\":\"a\"}]}\n",
        "{\"id\":\"E\",\"time\":\"2016-01-01T00:01:00Z\",\"act\":\"fire\",\"implies\":[{\"act\":\"movement\",\"because\":\"a\"}]}\n",
    );
    let out = adjudicate_text("orphans", events, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let totals = &report["totals"];
    assert_eq!(
        (&totals["events"], &totals["implied"], &totals["rejected"]),
        (&5.into(), &2.into(), &2.into())
    );
    let rejected: Vec<&str> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["event"].as_str().unwrap())
        .collect();
    assert_eq!(rejected, ["D", "D/1"]);
}

/// Runs `adjudicate` under the KAA rulebook on JSON Lines written to a
/// temporary file.
fn adjudicate_text(name: &str, events: &str, extra: &[&str]) -> Output {
    let path = std::env::temp_dir().join(format!("truce-{name}-{}.jsonl", std::process::id()));
    std::fs::write(&path, events).unwrap();
    let mut args = vec![
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--events",
        path.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = truce(&args);
    std::fs::remove_file(&path).ok();
    out
}

#[test]
fn several_rulebooks_give_one_deterministic_report_naming_each_instrument() {
    let args = [
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--rules",
        "rules/cma-2018.truce",
        "--events",
        "cases/cma-no-fly-2018-2023/events.yaml",
        "--format",
        "json",
    ];
    let (first, second) = (truce(&args), truce(&args));
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert_eq!(first.stdout, second.stdout, "same inputs, same bytes");
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let paths: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    // The CMA imports the KAA's line: each file is listed once, as given.
    assert_eq!(
        paths,
        [
            "rules/kaa.truce",
            "rules/geo/korea-mdl.geojson",
            "rules/geo/korea-coasts-and-nll-illustrative.geojson",
            "rules/cma-2018.truce",
            "rules/geo/korea-maritime-buffer-zones-illustrative.geojson",
            "cases/cma-no-fly-2018-2023/events.yaml"
        ]
    );
    let instruments = pairs(&report["verdicts"], "event", "instrument");
    assert!(instruments.contains(&("K-9", "Korean Armistice Agreement")));
    assert!(instruments.contains(&(
        "K-1",
        "Comprehensive Military Agreement (inter-Korean, 2018)"
    )));
    // K-5, an overflight of unknown origin, falls under both: the KAA's
    // para 16 reaches air space too; so do the ROK's and the DPRK's
    // flights, read as the UNC's and the KPA's (the CMA's counterparts).
    assert!(instruments.contains(&("K-5", "Korean Armistice Agreement")));
    assert!(instruments.contains(&("K-1", "Korean Armistice Agreement")));
    assert_eq!(report["totals"]["events"], 9);
    // K-4 (a drill the KAA does not declare) and K-9 (before the CMA) have
    // one verdict each; the other seven two.
    assert_eq!(report["totals"]["verdicts"], 16);
    assert_eq!(report["totals"]["outside_scope"], 1);
    assert_eq!(report["outside_scope"][0]["event"], "K-4");
}

#[test]
fn imported_rule_files_are_hashed_with_the_rest() {
    let args = [
        "adjudicate",
        "--rules",
        "rules/minsk-addendum-2015.truce",
        "--events",
        "cases/minsk-withdrawal-2015/events.yaml",
        "--format",
        "json",
    ];
    let out = truce(&args);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let inputs: Vec<(&str, &str)> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["role"].as_str().unwrap(), i["path"].as_str().unwrap()))
        .collect();
    // The per-party line, and the sides its parties hold, come from these.
    assert!(
        inputs.contains(&("import", "rules/minsk-ii.truce")),
        "{inputs:?}"
    );
    assert!(
        inputs.contains(&("import", "rules/minsk-memorandum-2014.truce")),
        "{inputs:?}"
    );
}

#[test]
fn the_same_rulebook_twice_is_refused() {
    let out = truce(&[
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--rules",
        "rules/./kaa.truce",
        "--events",
        JSA,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is given twice"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn explain_under_several_rulebooks_prints_one_json_list() {
    let out = truce(&[
        "explain",
        "--rules",
        "rules/minsk-memorandum-2014.truce",
        "--rules",
        "rules/minsk-ii.truce",
        "--events",
        "cases/minsk-withdrawal-2015/events.yaml",
        "M-1",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let instruments: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["instrument"].as_str().unwrap())
        .collect();
    assert_eq!(
        instruments,
        [
            "Minsk Memorandum",
            "Package of Measures for the Implementation of the Minsk Agreements"
        ]
    );
}

#[test]
fn an_event_no_rulebook_covers_is_rejected_not_judged() {
    let dir = scratch("uncovered");
    let events = dir.join("e.yaml");
    // MAC is a monitor of the Armistice only; `artillery_drill` an act of
    // the CMA only. The KPA is the CMA's DPRK, by the counterpart the CMA
    // declares: its drill is judged there, and is outside the Armistice.
    std::fs::write(
        &events,
        "- id: O-1\n  time: 2023-06-01T10:00:00+09:00\n  act: artillery_drill\n  actor: {party: MAC}\n  place: {lat: 38.05, lon: 126.9}\n\
         - id: O-2\n  time: 2022-10-14T01:20:00+09:00\n  act: artillery_drill\n  actor: {party: KPA}\n  place: {lat: 38.3290, lon: 128.0}\n  evidence: [{source: acoustic sensors, kind: sensor, grade: B2}]\n",
    )
    .unwrap();
    let args = [
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--rules",
        "rules/cma-2018.truce",
        "--events",
        events.to_str().unwrap(),
    ];
    let out = truce(&args);
    let json = truce(&[&args[..], &["--format", "json"]].concat());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(3), "rejected events exit 3");
    let shown = text(&out.stdout);
    assert!(
        shown.contains("no rulebook given declares both its act `artillery_drill` and party `MAC`"),
        "{shown}"
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["rejected"][0]["event"], "O-1");
    let verdicts = report["verdicts"].as_array().unwrap();
    assert_eq!(verdicts.len(), 1, "{verdicts:#?}");
    assert_eq!(verdicts[0]["event"], "O-2");
    assert_eq!(verdicts[0]["outcome"], "violation");
    assert_eq!(verdicts[0]["party"], "DPRK", "in the CMA's own name");
    let t = &verdicts[0]["translated"][0];
    assert_eq!(
        (
            &t["field"],
            &t["recorded"],
            &t["read_as"],
            &t["counterpart"]
        ),
        (
            &serde_json::json!("actor"),
            &serde_json::json!("KPA"),
            &serde_json::json!("DPRK"),
            &serde_json::json!("same")
        )
    );
    let outside = &report["outside_scope"][0];
    assert_eq!(outside["event"], "O-2");
    assert_eq!(outside["instrument"], "Korean Armistice Agreement");
    assert_eq!(outside["act"], "artillery_drill");
    assert!(outside.get("party").is_none(), "the KAA knows the KPA");
    assert_eq!(report["totals"]["events"], 2);
    assert_eq!(report["totals"]["rejected"], 1);
    assert_eq!(report["totals"]["outside_scope"], 1);
}

#[test]
fn doctrine_settings_come_from_the_command_line_and_are_checked() {
    let events = "cases/ua-h3-self-defence/events.yaml";
    let base = [
        "explain",
        "--rules",
        "rules/ua-dmz-2025-draft.truce",
        "--events",
        events,
        "H3-2",
    ];
    let judged = |args: &[&str]| -> serde_json::Value {
        let json = [args, &["--format", "json"]].concat();
        serde_json::from_slice(&truce(&json).stdout).unwrap()
    };
    let doctrine = |setting: &str, set_by: &str| serde_json::json!({"doctrine": "who_fired_first", "setting": setting, "set_by": set_by});
    let report = judged(&base);
    assert_eq!(
        (&report["outcome"], &report["party"]),
        (&"justified".into(), &"UA".into())
    );
    assert_eq!(
        report["doctrines"][0],
        doctrine("response_excused", "rulebook")
    );
    let strict = [&base[..], &["--doctrine", "who_fired_first=irrelevant"]].concat();
    let report = judged(&strict);
    assert_eq!(
        (&report["outcome"], &report["party"]),
        (&"violation".into(), &"UA".into())
    );
    assert_eq!(
        report["doctrines"][0],
        doctrine("irrelevant", "command line")
    );
    let bad = [&base[..], &["--doctrine", "who_fired_first=sometimes"]].concat();
    let out = truce(&bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("doctrine `who_fired_first` has no setting `sometimes`; its settings are `response_excused`, `irrelevant`"));
    let unknown = [&base[..], &["--doctrine", "who_shot=first"]].concat();
    assert!(text(&truce(&unknown).stderr).contains("no rulebook declares doctrine `who_shot`"));
    let twice = [
        &strict[..],
        &["--doctrine", "who_fired_first=response_excused"],
    ]
    .concat();
    let out = truce(&twice);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("doctrine `who_fired_first` is set twice"));
    let malformed = [&base[..], &["--doctrine", "who_fired_first"]].concat();
    assert_eq!(truce(&malformed).status.code(), Some(2), "clap refuses it");
}

#[test]
fn the_json_report_lists_pattern_findings_with_the_events_counted() {
    let out = truce(&[
        "adjudicate",
        "--rules",
        "rules/ua-dmz-2025-draft.truce",
        "--events",
        "cases/ua-heavy-barrage/events.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let barrage: Vec<&serde_json::Value> = report["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["pattern"] == "heavy_barrage")
        .collect();
    assert_eq!(barrage.len(), 1);
    assert_eq!(barrage[0]["party"], "RU");
    assert_eq!(barrage[0]["threshold"], "10 within 24 h");
    assert_eq!(barrage[0]["events"].as_array().unwrap().len(), 11);
    // Exception trials say what each does.
    let trial = &report["verdicts"][0]["explanation"]["articles"][2]["exceptions"][0];
    assert_eq!(trial["exception"], "self_defence");
    assert_eq!(trial["effect"], "excuses");
}

#[test]
fn a_fact_read_of_a_pattern_carries_its_name_and_what_was_found_as_data() {
    let out = truce(&[
        "adjudicate",
        "--rules",
        "rules/ua-dmz-2025-draft.truce",
        "--events",
        "cases/ua-h3-self-defence/events.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut facts = Vec::new();
    pattern_facts(&report["verdicts"], &mut facts);
    assert!(!facts.is_empty(), "some test reads a pattern");
    for f in facts {
        assert_eq!(f["value"], "sustained_attack", "{f}");
        assert!(f["computed"]["kind"].is_string(), "{f}");
        assert!(f["value_words"].is_string(), "{f}");
    }
}

/// Every fact in `v` read of field `pattern`.
fn pattern_facts<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Object(map) if map.get("field").is_some_and(|f| f == "pattern") => {
            out.push(v)
        }
        serde_json::Value::Object(map) => map.values().for_each(|v| pattern_facts(v, out)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| pattern_facts(v, out)),
        _ => {}
    }
}

#[test]
fn the_json_report_carries_reasons_responsibility_findings_and_implied_acts_as_data() {
    let json = |rules: &str, events: &str| -> serde_json::Value {
        let out = truce(&[
            "adjudicate",
            "--rules",
            rules,
            "--events",
            events,
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let mines = json(
        "rules/kaa.truce",
        "cases/kaa-implied-mines-2015/events.yaml",
    );
    assert_eq!(mines["totals"]["implied"], 2);
    let implied = mines["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["event"] == "M-1/1")
        .unwrap();
    assert_eq!(implied["implied_by"]["event"], "M-1");
    let para7 = implied["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["article"] == "7")
        .unwrap();
    assert_eq!(para7["why"]["kind"], "breach");
    assert_eq!(para7["responsibility"]["perpetrator"]["kind"], "party");
    assert_eq!(
        para7["responsibility"]["answers"]["duty"]["kind"],
        "own_act"
    );
    // The crossing rests on a finding: the step says so, as data.
    let reasoning = implied["explanation"]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "7")
        .unwrap();
    let text = serde_json::to_string(&reasoning["condition"]).unwrap();
    assert!(text.contains("\"decided_by\":\"finding\""), "{text}");
    assert!(text.contains("\"test\":\"crosses\""), "{text}");
    let rockets = json(
        "rules/il-lb-coh-2024.truce",
        "cases/il-lb-rockets-2025/events.yaml",
    );
    let r1 = &rockets["verdicts"].as_array().unwrap()[0]["articles"][0];
    assert_eq!(r1["responsibility"]["perpetrator"]["kind"], "unknown");
    assert_eq!(
        r1["responsibility"]["answers"]["duty"],
        serde_json::json!({"kind": "prevent", "because": {"controls": "origin"}})
    );
}

#[test]
fn counterparts_across_rule_files_are_checked_when_loaded_together() {
    let dir = scratch("counterparts");
    let header = |parties: &str| {
        format!(
            "agreement \"Later\" {{\n  in force 2019-01-01 00:00 Asia/Seoul\n{parties}}}\nact fire \"fire\"\narticle 1 \"No fire.\" {{\n  violation when act is fire\n}}\n"
        )
    };
    let unknown = dir.join("unknown.truce");
    std::fs::write(
        &unknown,
        header("  party A \"a\" as UNK in \"Korean Armistice Agreement\"\n  party B \"b\"\n"),
    )
    .unwrap();
    let clash = dir.join("clash.truce");
    std::fs::write(
        &clash,
        header("  party KPA \"k\" as UNC in \"Korean Armistice Agreement\"\n  party B \"b\"\n"),
    )
    .unwrap();
    let events = dir.join("e.yaml");
    std::fs::write(
        &events,
        "- id: F-1\n  time: 2020-01-01T10:00:00+09:00\n  act: fire\n  actor: {party: ROK}\n",
    )
    .unwrap();
    let run = |rules: &[&str]| {
        let mut args = vec!["adjudicate"];
        for r in rules {
            args.extend(["--rules", r]);
        }
        args.extend(["--events", events.to_str().unwrap()]);
        truce(&args)
    };
    let shown = |p: &std::path::PathBuf| p.to_str().unwrap().to_owned();
    // Each file checks alone: the other instrument is not known there.
    let alone = truce(&["check", &shown(&unknown), &shown(&clash)]);
    let alone_err = text(&alone.stderr);
    let not_kaa = run(&["rules/cma-2018.truce", "rules/minsk-ii.truce"]);
    let bad = run(&["rules/kaa.truce", &shown(&unknown)]);
    let clashing = run(&["rules/kaa.truce", &shown(&clash)]);
    let both = truce(&["check", "rules/kaa.truce", "rules/cma-2018.truce"]);
    std::fs::remove_dir_all(&dir).ok();
    // Checked alone, a counterpart in an instrument not loaded is a warning.
    assert_eq!(alone.status.code(), Some(0), "{alone_err}");
    assert!(alone_err.contains("is not among the instruments loaded together"));
    // A run that does not load the Armistice: warned, and the CMA judges
    // the ROK's act itself.
    assert_eq!(not_kaa.status.code(), Some(0), "{}", text(&not_kaa.stderr));
    assert!(
        text(&not_kaa.stderr).contains(
            "\"Korean Armistice Agreement\" is not among the instruments loaded together"
        )
    );
    // A counterpart the Armistice does not declare: a located error, no report.
    assert_eq!(bad.status.code(), Some(1));
    let err = text(&bad.stderr);
    assert!(
        err.contains("\"Korean Armistice Agreement\" declares no party `UNK`"),
        "{err}"
    );
    assert!(err.contains("unknown.truce:3"), "located: {err}");
    assert!(bad.stdout.is_empty());
    // A recorded name that would stand for two parties of the Armistice.
    assert_eq!(clashing.status.code(), Some(1));
    assert!(
        text(&clashing.stderr)
            .contains("`KPA` would stand for two parties of \"Korean Armistice Agreement\""),
        "{}",
        text(&clashing.stderr)
    );
    // The shipped rulebooks agree.
    assert_eq!(both.status.code(), Some(0));
    assert!(both.stderr.is_empty(), "{}", text(&both.stderr));
}

#[test]
fn explain_says_which_instrument_leaves_an_event_outside_its_scope() {
    let out = truce(&[
        "explain",
        "--rules",
        "rules/kaa.truce",
        "--rules",
        "rules/cma-2018.truce",
        "--events",
        "cases/kaa-cma-cheorwon-2020/events.yaml",
        "CH-3",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.starts_with("CH-3  NO VIOLATION  (Korean Armistice Agreement)"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "CH-3  OUTSIDE SCOPE  (Comprehensive Military Agreement (inter-Korean, 2018))"
        ),
        "{shown}"
    );
}

#[test]
fn explain_names_an_article_by_its_label_and_a_day_as_data() {
    let out = truce(&[
        "explain",
        "--rules",
        "rules/il-lb-gaa-1949.truce",
        "--events",
        "cases/il-lb-armistice-1949/events.yaml",
        "A-1",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let iii2 = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "III.2")
        .expect("article III.2, by its label");
    assert_eq!(iii2["why"]["kind"], "not_in_force");
    let doubt = &iii2["why"]["doubt"];
    assert_eq!(doubt["kind"], "within_day");
    assert_eq!(doubt["of"]["kind"], "entry_into_force");
    assert_eq!(doubt["day"], "1949-03-23 Asia/Beirut");
    assert_eq!(v["explanation"]["in_force"]["result"], "unknown");
}

#[test]
fn a_manifest_that_writes_a_label_as_a_number_is_refused_where_it_stands() {
    let dir = scratch("label-case");
    let root = std::env::current_dir().unwrap();
    let rules = root.join("rules/cma-2018.truce");
    let events = root.join("cases/cma-repudiation-day-2023/events.yaml");
    let manifest = format!(
        "rules: {}\nevents: {}\nexpect:\n  D-1: {{outcome: violation, party: ROK, articles: [1.3]}}\n",
        rules.display(),
        events.display()
    );
    std::fs::write(dir.join("case.yaml"), manifest).unwrap();
    let out = truce(&["test", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let shown = text(&out.stdout);
    assert!(shown.contains("truce::case::wrong_type"), "{shown}");
    assert!(shown.contains("case.yaml:4:"), "{shown}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn varying_a_doctrine_lists_the_verdicts_that_turn_on_it() {
    let args = [
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--events",
        "cases/kaa-guard-post-fire/events.yaml",
        "--vary-doctrine",
        "who_fired_first",
        "--format",
        "json",
    ];
    let out = truce(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &report["doctrine_dependence"][0];
    assert_eq!(d["doctrine"], "who_fired_first");
    assert_eq!(d["setting"], "strict");
    // G-2 answers fire the KPA opened first: excused only under the
    // other setting; the others do not turn on it.
    let differ = d["differ"].as_array().unwrap();
    assert_eq!(differ.len(), 1);
    assert_eq!(differ[0]["event"], "G-2");
    let under = pairs(&differ[0]["under"], "setting", "outcome");
    assert_eq!(
        under,
        [("strict", "violation"), ("response_excused", "justified")]
    );
    // Without the flag, the report has no such field.
    let plain = truce(&args[..5]);
    assert_eq!(plain.status.code(), Some(0));
    let plain = text(&plain.stdout);
    assert!(plain.contains("G-2  VIOLATION") && !plain.contains("DOCTRINES"));
    // A doctrine no rulebook declares is refused.
    let bad = truce(&[
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--events",
        "cases/kaa-guard-post-fire/events.yaml",
        "--vary-doctrine",
        "no_such",
    ]);
    assert_eq!(bad.status.code(), Some(1));
}

/// Two string fields of each object of a JSON array, as pairs.
fn pairs<'v>(list: &'v serde_json::Value, a: &str, b: &str) -> Vec<(&'v str, &'v str)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|o| (o[a].as_str().unwrap(), o[b].as_str().unwrap()))
        .collect()
}

/// A rule file is hashed as it was read: piped in, it is reported with
/// its own hash, not the hash of nothing read again after judging.
#[test]
fn a_piped_rule_file_is_hashed_as_read() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let rules = std::fs::read("rules/minsk-measures-2020.truce").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args([
            "adjudicate",
            "--rules",
            "/dev/stdin",
            "--events",
            "cases/minsk-measures-2020/events.yaml",
            "--format",
            "json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&rules).unwrap();
    let out = child.wait_with_output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["inputs"][0]["role"], "rules");
    assert_eq!(report["inputs"][0]["sha256"], truce::digest::of(&rules));
}

/// Nothing from a rule file or an events file reaches the terminal as a
/// control or direction character: not in text (escaped visibly), not in
/// JSON (escaped as JSON escapes).
#[test]
fn no_escape_sequence_or_direction_override_reaches_the_terminal() {
    let dir = scratch("escapes");
    let rules = dir.join("r.truce");
    std::fs::write(
        &rules,
        "agreement \"Title \u{1b}]0;pwned\u{7}\u{1b}[2J\" {\n  in force 2020-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\n\
         act fire \"f\"\n\
         article 1 \"Text \u{1b}[31mRED, RLO \u{202e}txet\" { violation when act is fire responsible actor.party }\n",
    )
    .unwrap();
    let events = dir.join("e.jsonl");
    std::fs::write(
        &events,
        "{\"id\":\"E-1\\u001b[31m\",\"time\":\"2020-02-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"A\"}}\n\
         {\"id\":\"E-2\\u202e\",\"time\":\"2020-02-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{\"party\":\"A\"}}\n",
    )
    .unwrap();
    let (rules, events) = (rules.to_str().unwrap(), events.to_str().unwrap());
    for format in ["text", "json"] {
        let out = truce(&[
            "adjudicate",
            "--rules",
            rules,
            "--events",
            events,
            "--format",
            format,
        ]);
        // The two events' ids are refused, with their escapes shown.
        assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
        let shown = text(&out.stdout);
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{format}"
        );
        assert!(!shown.contains('\u{202e}'), "{format}");
        assert!(shown.contains("E-1"), "{format}");
    }
    let out = truce(&[
        "explain",
        "--rules",
        rules,
        "--events",
        events,
        "E-1\u{1b}[31m",
    ]);
    // Asked for, the refused event is explained as rejected.
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("E-1"));
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'));
}

/// A control character past ASCII (DEL, the 8-bit CSI U+009B) is escaped
/// in JSON output as well as in text.
#[test]
fn c1_controls_are_escaped_in_json_too() {
    let dir = scratch("c1");
    let events = dir.join("e.jsonl");
    std::fs::write(
        &events,
        "{\"id\":\"E-1\\u009b31mX\\u007f\",\"time\":\"2016-01-01T00:00:00Z\",\"act\":\"fire\"}\n",
    )
    .unwrap();
    let events = events.to_str().unwrap();
    for format in ["text", "json"] {
        let out = truce(&[
            "adjudicate",
            "--rules",
            "rules/kaa.truce",
            "--events",
            events,
            "--format",
            format,
        ]);
        let shown = text(&out.stdout);
        assert!(shown.contains("E-1"), "{format}");
        assert!(
            !shown.contains('\u{9b}') && !shown.contains('\u{7f}'),
            "{format}"
        );
    }
}

/// A diagnostic quoting a rule file shows a direction override escaped.
#[test]
fn diagnostics_escape_direction_overrides() {
    let dir = scratch("rlo");
    let rules = dir.join("r.truce");
    std::fs::write(
        &rules,
        "agreement \"T\u{202e}RLO\" {\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party UA \"a\"\n  party RU \"b\"\n}\n\
         act fire \"f\"\narticle 1 \"x\u{202e}\" { violation when act is fyre }\n",
    )
    .unwrap();
    let out = truce(&["check", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stderr);
    assert!(shown.contains("fyre"));
    assert!(!shown.contains('\u{202e}'));
}

/// A fresh folder for one test's files.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("truce-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A step that could not be decided says why as data (`unknown`) with the
/// words beside it; a fact says what was computed as data (`computed`),
/// numbers as numbers, with the words beside it.
#[test]
fn json_steps_and_facts_carry_data_beside_their_words() {
    let out = truce(&[
        "adjudicate",
        "--rules",
        "rules/kaa.truce",
        "--events",
        "cases/kaa-uncertain-positions/events.yaml",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let u1 = report["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["event"] == "U-1")
        .unwrap();
    fn find<'a>(step: &'a serde_json::Value, condition: &str) -> Option<&'a serde_json::Value> {
        if step["condition"] == condition {
            return Some(step);
        }
        step["steps"]
            .as_array()?
            .iter()
            .find_map(|s| find(s, condition))
    }
    let crossing = u1["explanation"]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|a| find(&a["condition"], "trajectory crosses mdl"))
        .unwrap();
    assert_eq!(crossing["result"], "unknown");
    assert_eq!(
        crossing["unknown"],
        serde_json::json!({"kind": "path_point", "path": "trajectory"})
    );
    assert!(crossing["unknown_because"].is_string());
    let fact = &crossing["facts"][0];
    assert_eq!(
        fact["computed"],
        serde_json::json!({"kind": "crosses", "path": "trajectory", "result": "unknown", "line": "mdl"})
    );
    assert!(fact["computed_words"].is_string());
    // A distance is a number of metres, not words.
    let mut distances = Vec::new();
    fn metres(v: &serde_json::Value, out: &mut Vec<f64>) {
        match v {
            serde_json::Value::Object(m) => {
                out.extend(m.get("distance_m").and_then(serde_json::Value::as_f64));
                m.values().for_each(|x| metres(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| metres(x, out)),
            _ => {}
        }
    }
    metres(u1, &mut distances);
    assert!(!distances.is_empty());
    assert!(distances.iter().all(|d| d.is_finite() && *d >= 0.0));
}

#[test]
fn debug_graph_and_map_write_figures() {
    let events = "cases/kaa-authorised-crossings/events.yaml";
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--rules", "rules/kaa.truce", "--events", events]);
        let out = truce(&all);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let dot = run(&["debug", "graph", "--format", "dot"]);
    assert!(dot.starts_with("digraph {\n"), "{dot}");
    assert!(dot.contains("label = \"authorised_by\""), "{dot}");
    assert!(dot.contains("label = \"R-2\""), "{dot}");
    let svg = run(&["debug", "graph", "--format", "svg"]);
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.contains("data-relation=\"authorised_by\""));
    let map = run(&["debug", "map"]);
    assert!(
        map.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{map}"
    );
    assert!(map.contains("class=\"event-marker\" data-event=\"R-2\""));
    assert_eq!(map, run(&["debug", "map"]), "the same bytes every run");
}
