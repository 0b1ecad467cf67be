//! What-if over disputed facts (docs/whatif.md): each account judged by
//! the evaluator, asserted on data; the text people read snapshotted.

use std::path::Path;
use std::process::{Command, Output};

use truce::eval::{Aspect, Outcome};
use truce::whatif::{Account, Dispute, Judged, WhatIf};

const UA: &str = "rules/ua-dmz-2025-draft.truce";
const COMPETING: &str = "cases/ua-competing-accounts/events.yaml";
const CY: &str = "rules/cy-buffer-zone.truce";
const PYLA: &str = "cases/cy-pyla-2023/events.yaml";

/// The event judged under each account, through the library.
fn what_if(rules: &str, events: &str, id: &str) -> WhatIf {
    let book = truce::load_rulebook(Path::new(rules)).unwrap().rulebook;
    let instrument = truce::Instrument {
        rulebook: &book,
        path: Path::new(rules),
    };
    let prepared = truce::prepare(&[instrument], Path::new(events)).unwrap();
    let index = prepared.graph.events.iter().position(|e| &*e.id == id);
    truce::whatif::event(&book, &prepared.graph, index.unwrap())
}

fn under<'w>(w: &'w WhatIf, account: &Account) -> &'w Judged {
    let found = w.accounts.iter().find(|j| &j.account == account);
    found.unwrap_or_else(|| panic!("no account {account:?} in {:#?}", w.accounts))
}

fn said(j: &Judged) -> (&str, Outcome, Option<&str>) {
    (&*j.event, j.outcome, j.party.as_deref())
}

fn truce(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn explain(rules: &str, events: &str, extra: &[&str]) -> Output {
    let mut args = vec!["explain", "--rules", rules, "--events", events, "--what-if"];
    args.extend(extra);
    truce(&args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_report_that_contradicts_gives_its_own_verdict() {
    // C-3 (UA: an RU drone strike from the DMZ) against C-4 (RU: a UA
    // strike on its own checkpoint).
    let w = what_if(UA, COMPETING, "C-3");
    assert!(w.depends);
    assert_eq!(w.accounts[0].account, Account::Record);
    let this = Account::ThisReport {
        set_aside: vec!["C-4".into()],
    };
    let other = Account::OtherReport {
        event: "C-4".into(),
        set_aside: "C-3".into(),
    };
    assert_eq!(
        said(under(&w, &this)),
        ("C-3", Outcome::Violation, Some("RU"))
    );
    assert!(!under(&w, &this).differs);
    let theirs = under(&w, &other);
    assert_eq!(said(theirs), ("C-4", Outcome::NoViolation, None));
    assert!(theirs.differs);
    // The flipping fact: where the strike came from.
    let Some(truce::whatif::Difference::Condition {
        article,
        before,
        after,
        ..
    }) = &theirs.difference
    else {
        panic!("{:?}", theirs.difference)
    };
    assert_eq!(&**article, "4");
    assert_eq!(
        (*before, *after),
        (truce::eval::Truth::True, truce::eval::Truth::False)
    );
    // The RU unit's intercepted admission is what attributes the strike.
    let monitor = w
        .accounts
        .iter()
        .find(|j| matches!(j.account, Account::MonitorOnly { .. }))
        .unwrap();
    assert_eq!(said(monitor), ("C-3", Outcome::Inconclusive, Some("RU")));
    assert!(matches!(
        monitor.difference,
        Some(truce::whatif::Difference::Proof {
            aspect: Aspect::Attribution,
            before: Some(true),
            after: Some(false),
            ..
        })
    ));
}

#[test]
fn an_unproven_attribution_proven_gives_a_violation_and_the_other_report_does_not() {
    let w = what_if(UA, COMPETING, "C-1");
    assert!(w.disputes.contains(&Dispute::Contradicted {
        event: "C-2".into()
    }));
    assert!(w.disputes.contains(&Dispute::Unproven {
        aspect: Aspect::Attribution,
        articles: vec!["4".into()],
    }));
    assert_eq!(
        said(&w.accounts[0]),
        ("C-1", Outcome::Inconclusive, Some("RU"))
    );
    let proven = under(
        &w,
        &Account::Proven {
            aspect: Aspect::Attribution,
        },
    );
    assert_eq!(said(proven), ("C-1", Outcome::Violation, Some("RU")));
    assert!(proven.differs);
    let other = Account::OtherReport {
        event: "C-2".into(),
        set_aside: "C-1".into(),
    };
    // RU's account rests on its own claim: UA's shelling is not proven.
    assert_eq!(
        said(under(&w, &other)),
        ("C-2", Outcome::Inconclusive, Some("UA"))
    );
    // RU's own account (C-2): its claim never counts; with its occurrence
    // proven, who fired still rests on that claim alone.
    let theirs = what_if(UA, COMPETING, "C-2");
    assert_eq!(
        said(&theirs.accounts[0]),
        ("C-2", Outcome::Inconclusive, Some("UA"))
    );
    let proven = under(
        &theirs,
        &Account::Proven {
            aspect: Aspect::Occurrence,
        },
    );
    assert_eq!(said(proven), ("C-2", Outcome::Inconclusive, Some("UA")));
    assert!(!proven.differs);
    // Nothing gives a violation by UA.
    assert!(
        !theirs
            .accounts
            .iter()
            .any(|j| j.outcome == Outcome::Violation)
    );
    assert!(
        !w.accounts
            .iter()
            .any(|j| j.outcome == Outcome::Violation && j.party.as_deref() == Some("UA"))
    );
}

#[test]
fn a_party_claim_against_the_monitor_contests_what_the_monitor_established() {
    // P-1: UNFICYP observed the construction in the buffer zone; the
    // Turkish Cypriot authorities call its claims baseless.
    let w = what_if(CY, PYLA, "P-1");
    assert!(w.depends);
    assert!(w.disputes.iter().any(|d| matches!(
        d,
        Dispute::Claim { source, .. } if &**source == "Turkish Cypriot authorities"
    )));
    assert_eq!(
        said(&w.accounts[0]),
        ("P-1", Outcome::Violation, Some("TF"))
    );
    for aspect in [Aspect::Occurrence, Aspect::Attribution] {
        let j = w
            .accounts
            .iter()
            .find(|j| matches!(&j.account, Account::NotProven { aspect: a, .. } if *a == aspect))
            .unwrap();
        assert_eq!(j.outcome, Outcome::Inconclusive, "{aspect:?}");
        assert!(matches!(
            j.difference,
            Some(truce::whatif::Difference::Proof { aspect: a, before: Some(true), after: Some(false), .. }) if a == aspect
        ));
    }
}

#[test]
fn an_event_with_nothing_disputed_says_so() {
    let w = what_if(UA, "cases/ua-heavy-barrage/events.yaml", "B-01");
    assert!(w.disputes.is_empty());
    assert!(!w.depends);
    assert_eq!(w.accounts.len(), 1);
    let out = explain(UA, "cases/ua-heavy-barrage/events.yaml", &["B-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("whatif_undisputed", text(&out.stdout));
}

#[test]
fn what_if_text_for_people() {
    for id in ["C-1", "C-3"] {
        let out = explain(UA, COMPETING, &[id]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        insta::assert_snapshot!(format!("whatif_{id}"), text(&out.stdout));
    }
    let out = explain(CY, PYLA, &["P-1"]);
    insta::assert_snapshot!("whatif_P-1", text(&out.stdout));
}

#[test]
fn a_whole_file_lists_only_the_events_that_depend_on_the_account() {
    let out = explain(CY, PYLA, &["--all"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("whatif_all_pyla", text(&out.stdout));
    let out = explain(CY, PYLA, &["--all", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "truce-whatif");
    assert_eq!(v["schema_version"], truce::whatif::SCHEMA_VERSION);
    assert_eq!(v["events"], 7);
    assert_eq!(v["disputed"], 2);
    assert_eq!(v["not_examined"], 0);
    let ids: Vec<&str> = (v["depending"].as_array().unwrap().iter())
        .map(|w| w["event"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["P-1", "P-3"]);
    // Every competing report depends on the account.
    let all = explain(UA, COMPETING, &["--all", "--format", "json"]);
    let c: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    let ids: Vec<&str> = (c["depending"].as_array().unwrap().iter())
        .map(|w| w["event"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["C-1", "C-2", "C-3", "C-4"]);
    // Deterministic: the same bytes again.
    let again = explain(CY, PYLA, &["--all", "--format", "json"]);
    assert_eq!(out.stdout, again.stdout);
}

#[test]
fn what_if_json_carries_each_account_as_data() {
    let out = explain(UA, COMPETING, &["C-3", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "truce-whatif");
    let w = &v["whatif"];
    assert_eq!(w["event"], "C-3");
    assert_eq!(w["depends"], true);
    let accounts = w["accounts"].as_array().unwrap();
    assert_eq!(accounts[0]["account"]["kind"], "record");
    assert_eq!(accounts[0]["outcome"], "violation");
    let other = (accounts.iter())
        .find(|a| a["account"]["kind"] == "other_report")
        .unwrap();
    assert_eq!(other["event"], "C-4");
    assert_eq!(other["outcome"], "no_violation");
    assert_eq!(other["differs"], true);
    assert_eq!(other["difference"]["kind"], "condition");
    assert_eq!(other["difference"]["article"], "4");
}

#[test]
fn what_if_refuses_several_rulebooks_and_names_a_missing_event() {
    let out = truce(&[
        "explain",
        "--rules",
        UA,
        "--rules",
        CY,
        "--events",
        COMPETING,
        "C-1",
        "--what-if",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = explain(UA, COMPETING, &["C-9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("`C-9`"));
    // `--all` without `--what-if` is a usage error.
    let out = truce(&["explain", "--rules", UA, "--events", COMPETING, "--all"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn many_competing_reports_are_capped_and_the_rest_counted() {
    // C-3 and ten reports that contradict it: the record, this report and
    // six others are judged; the rest are counted.
    let src = std::fs::read_to_string(COMPETING).unwrap();
    let c3 = &src[src.find("- id: C-3").unwrap()..src.find("- id: C-4").unwrap()];
    let mut events = c3.to_owned();
    for n in 0..10 {
        events.push_str(&c3.replace("id: C-3", &format!("id: X-{n}\n  contradicts: C-3")));
    }
    let path = std::env::temp_dir().join(format!("truce-whatif-{}.yaml", std::process::id()));
    std::fs::write(&path, events).unwrap();
    let w = what_if(UA, path.to_str().unwrap(), "C-3");
    let out = explain(UA, path.to_str().unwrap(), &["C-3"]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(w.accounts.len(), truce::whatif::MAX_ACCOUNTS);
    let others = (w.accounts.iter())
        .filter(|j| matches!(j.account, Account::OtherReport { .. }))
        .count();
    assert_eq!(others, 6);
    // Four more reports, then the monitor's evidence alone, and the two
    // aspects contested.
    assert_eq!(w.left_out, 4 + 1 + 2);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
