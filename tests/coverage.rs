//! `truce test --coverage`: what a small corpus of cases exercises, as
//! the table a person reads (a snapshot) and as JSON (asserted).

use std::path::Path;
use std::process::Command;

use truce::coverage::{Coverage, Owner, Tally};

/// Two cases under one rulebook, Cyprus' buffer zone, one of them judged
/// again under another doctrine setting.
const CORPUS: [&str; 2] = ["cases/cy-pyla-2023", "cases/cy-pyla-delineation"];

fn corpus() -> Coverage {
    let mut tally = Tally::default();
    for case in CORPUS {
        let run = truce::cases::run(Path::new(case)).unwrap();
        tally.add(&run);
    }
    tally.finish()
}

#[test]
fn the_coverage_table_of_a_small_corpus() {
    insta::assert_snapshot!(truce::coverage::text::table(&corpus()));
}

#[test]
fn coverage_counts_what_the_verdicts_record() {
    let c = corpus();
    assert_eq!(c.cases, 2);
    assert_eq!(c.rulebooks.len(), 1, "both cases judge under one rulebook");
    let book = &c.rulebooks[0];
    assert_eq!(book.rulebook, "rules/cy-buffer-zone.truce");
    let judged: usize = CORPUS
        .iter()
        .map(|case| {
            let run = truce::cases::run(Path::new(case)).unwrap();
            run.adjudication.verdicts.len()
                + run
                    .variants
                    .iter()
                    .map(|v| v.adjudication.verdicts.len())
                    .sum::<usize>()
        })
        .sum();
    assert_eq!(
        book.verdicts, judged,
        "each verdict of each run counted once"
    );
    for a in &book.articles {
        // Every verdict's finding for the article is counted once.
        let c = a.counts;
        assert_eq!(
            c.met + c.not_met + c.unknown,
            book.verdicts,
            "{}",
            a.article
        );
        assert_eq!(a.covered, a.violated + a.justified > 0);
    }
    for b in &book.branches {
        assert_eq!(b.covered, b.counts.met > 0 && b.counts.not_met > 0);
    }
    // The case's variant runs under `un_delineation: consent`.
    let consent = book
        .doctrines
        .iter()
        .find(|d| d.doctrine == "un_delineation" && d.setting == "consent")
        .unwrap();
    assert!(consent.covered && consent.verdicts > 0);
    let disputed = book
        .exceptions
        .iter()
        .find(|e| e.exception == "disputed_delineation")
        .unwrap();
    assert!(disputed.covered, "applied under `consent`");
    assert!(disputed.counts.not_met > 0, "not applied under `binding`");
    assert!(
        book.branches
            .iter()
            .any(|b| b.of == Owner::Article("2".into()) && b.path == "1"),
        "article 2's first operand is a branch"
    );
}

#[test]
fn coverage_as_json_carries_its_schema_and_every_item() {
    let json = truce::coverage::json::write(&corpus());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["cases"], 2);
    let book = &v["rulebooks"][0];
    assert_eq!(book["rulebook"], "rules/cy-buffer-zone.truce");
    let all = &book["covered"]["all"];
    let items = ["articles", "exceptions", "branches", "doctrines"]
        .iter()
        .map(|k| book[k].as_array().unwrap().len())
        .sum::<usize>();
    assert_eq!(all["items"], items);
    assert_eq!(
        v["covered"]["all"], *all,
        "one rulebook: its total is the whole"
    );
    let article = &book["articles"][0];
    for key in [
        "article",
        "met",
        "not_met",
        "unknown",
        "violated",
        "justified",
        "covered",
    ] {
        assert!(article.get(key).is_some(), "{key}");
    }
    let branch = &book["branches"][0];
    assert_eq!(branch["of"]["kind"], "article");
    assert!(branch["path"].is_string() && branch["condition"].is_string());
    // The same bytes every time.
    assert_eq!(json, truce::coverage::json::write(&corpus()));
}

#[test]
fn min_coverage_fails_below_the_threshold() {
    let run = |min: &str| {
        Command::new(env!("CARGO_BIN_EXE_truce"))
            .args([
                "test",
                CORPUS[0],
                "--coverage",
                "--format",
                "json",
                "--min-coverage",
                min,
            ])
            .output()
            .unwrap()
    };
    let low = run("1");
    assert_eq!(low.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&low.stdout).unwrap();
    assert_eq!(v["schema"], 1, "stdout holds the JSON alone");
    assert_eq!(run("100").status.code(), Some(1));
    // A threshold that could never fail (NaN) or never pass is a usage error.
    for bad in ["NaN", "150", "-1", "half"] {
        assert_eq!(run(bad).status.code(), Some(2), "{bad}");
    }
}
