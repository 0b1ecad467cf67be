//! `truce import`: CSV tables into events, end to end through `adjudicate`.

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

/// A fresh folder for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("truce-import-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const COH: &str = "rules/il-lb-coh-2024.truce";
const MINSK_2020: &str = "rules/minsk-measures-2020.truce";

/// The shipped samples: (name, mapping, table, rulebook, rows rejected).
const SAMPLES: [(&str, &str, &str, &str, u64); 3] = [
    (
        "acled",
        "examples/import/acled-mapping.yaml",
        "examples/import/acled-like.csv",
        COH,
        1,
    ),
    (
        "ucdp",
        "examples/import/ucdp-mapping.yaml",
        "examples/import/ucdp-like.csv",
        COH,
        0,
    ),
    (
        "mission",
        "examples/import/mission-mapping.yaml",
        "examples/import/mission-sheet.csv",
        MINSK_2020,
        1,
    ),
];

#[test]
fn the_samples_import_and_are_judged() {
    let dir = scratch("samples");
    for (name, mapping, table, rules, rejected) in SAMPLES {
        for ending in ["yaml", "jsonl"] {
            let events = dir.join(format!("{name}.{ending}"));
            let events = events.to_str().unwrap();
            let out = truce(&[
                "import",
                "--mapping",
                mapping,
                table,
                "--rules",
                rules,
                "-o",
                events,
            ]);
            let expected = if rejected > 0 { 3 } else { 0 };
            assert_eq!(out.status.code(), Some(expected), "{}", text(&out.stderr));
            let judged = truce(&[
                "adjudicate",
                "--rules",
                rules,
                "--events",
                events,
                "--format",
                "json",
            ]);
            assert_eq!(
                judged.status.code(),
                Some(0),
                "{name}.{ending}: {}",
                text(&judged.stderr)
            );
            let report: serde_json::Value = serde_json::from_slice(&judged.stdout).unwrap();
            let written = std::fs::read_to_string(events).unwrap();
            let imported = written
                .lines()
                .filter(|l| l.starts_with("- id:") || l.starts_with("{\"id\""))
                .count();
            assert_eq!(
                report["totals"]["events"], imported as u64,
                "{name}.{ending}"
            );
            assert_eq!(report["totals"]["rejected"], 0, "{name}.{ending}");
            if ending == "yaml" {
                insta::assert_snapshot!(format!("import_{name}"), written);
            }
        }
    }
}

#[test]
fn rejected_rows_are_located_counted_and_change_the_exit_code() {
    let (_, mapping, table, rules, _) = SAMPLES[0];
    let out = truce(&["import", "--mapping", mapping, table, "--rules", rules]);
    assert_eq!(out.status.code(), Some(3));
    insta::assert_snapshot!("import_acled_rejections", text(&out.stderr));
    let allowed = truce(&["import", "--mapping", mapping, table, "--allow-rejections"]);
    assert_eq!(allowed.status.code(), Some(0));
    assert_eq!(allowed.stderr, out.stderr, "still listed and counted");

    let (_, mapping, table, rules, _) = SAMPLES[2];
    let out = truce(&["import", "--mapping", mapping, table, "--rules", rules]);
    insta::assert_snapshot!("import_mission_rejections", text(&out.stderr));
}

#[test]
fn names_the_rulebook_lacks_are_located_errors_in_the_mapping() {
    let mapping = "tests/fixtures/import/unknown-act.yaml";
    let (_, _, table, rules, _) = SAMPLES[0];
    let out = truce(&["import", "--mapping", mapping, table, "--rules", rules]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("truce::import::unknown_name"), "{err}");
    assert!(out.stdout.is_empty(), "nothing imported");
    insta::assert_snapshot!("import_unknown_act", err);
    // An output that is an input would be emptied before it is read.
    let out = truce(&[
        "import",
        "--mapping",
        mapping,
        table,
        "--format",
        "yaml",
        "-o",
        table,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        std::fs::metadata(table).unwrap().len() > 0,
        "the table is untouched"
    );
    // Without the rulebook the names are not checked, and rows are read.
    let out = truce(&["import", "--mapping", mapping, table]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_day_is_the_whole_day_in_the_zone_across_a_clock_change() {
    use truce::import::{Mapping, Outcome};
    let mapping = Mapping::parse(
        "m.yaml",
        "zone: Asia/Jerusalem\ncolumns: {id: id, date: date, event_type: type}\nacts: [{act: fire}]\n",
    )
    .unwrap();
    // 28 March 2025: Israel's clocks went from 02:00 to 03:00.
    let table = "id,date,type\nD-1,2025-03-28,x\nD-2,2025-03-27,x\n";
    let mut yaml = String::new();
    truce::import::import(&mapping, "t.csv", table.as_bytes(), &mut |o| {
        if let Outcome::Event(e) = o {
            yaml.push_str(&truce::import::write_yaml(&e));
        }
    })
    .unwrap();
    let rulebook = truce::load_rulebook(std::path::Path::new(COH))
        .unwrap()
        .rulebook;
    let loaded =
        truce::events::load_str("t.yaml", &yaml, truce::events::Format::Yaml, &rulebook).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    let hours = |i: usize| {
        let t = &loaded.events[i].time;
        (t.to.as_second() + 1 - t.from.as_second()) / 3600
    };
    assert_eq!((hours(0), hours(1)), (23, 24));
    assert_eq!(
        loaded.events[0].time.offset,
        2 * 3600,
        "the day starts at +02:00"
    );
}

#[test]
fn output_is_deterministic_and_safe_for_a_terminal() {
    let dir = scratch("hostile");
    let mapping = dir.join("m.yaml");
    std::fs::write(
        &mapping,
        "columns: {id: id, date: date, event_type: type, notes: notes}\nacts: [{act: fire}]\n",
    )
    .unwrap();
    let table = dir.join("t.csv");
    std::fs::write(
        &table,
        "id,date,type,notes\nH-1,2024-12-02,x,\"\u{1b}]0;owned\u{7} and \u{202e}txet\"\nH\u{1b}[2J,2024-12-02,x,\n",
    )
    .unwrap();
    let args = [
        "import",
        "--mapping",
        mapping.to_str().unwrap(),
        table.to_str().unwrap(),
    ];
    for format in ["yaml", "jsonl"] {
        let mut args = args.to_vec();
        args.extend(["--format", format]);
        let (first, second) = (truce(&args), truce(&args));
        assert_eq!(first.stdout, second.stdout, "same input, same bytes");
        assert_eq!(
            first.status.code(),
            Some(3),
            "the id with an escape is rejected"
        );
        for stream in [&first.stdout, &first.stderr] {
            let shown = text(stream);
            assert!(
                !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
                "{shown:?}"
            );
        }
    }
}

/// A table the mapping cannot read (a column it names is missing) stops
/// the import before any row: nothing is written, not even the head, and
/// the error names the code and the column.
#[test]
fn a_table_without_a_mapped_column_writes_nothing() {
    let dir = scratch("missing-column");
    let table = dir.join("table.csv");
    std::fs::write(&table, "a,b\n1,2\n").unwrap();
    let (_, mapping, _, _, _) = SAMPLES[0];
    let out = truce(&["import", "--mapping", mapping, table.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("truce::import::missing_column"));
}
