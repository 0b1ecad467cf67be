//! `truce report`: the HTML and Markdown reports for people.

use std::collections::HashSet;
use std::process::{Command, Output};

use truce::eval::Outcome;
use truce::render::document::{anchor, class};
use truce::render::words;

fn report(rules: &str, events: &str, format: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_truce"))
        .args(["report", "--rules", rules, "--events", events])
        .args(["--format", format])
        .output()
        .unwrap()
}

fn html(rules: &str, events: &str) -> String {
    let out = report(rules, events, "html");
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The values of every `attribute="..."` in `html`.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let open = format!(" {attribute}=\"");
    html.match_indices(&open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

const YEONPYEONG: &str = "cases/kaa-yeonpyeong-2010/events.yaml";
const HOSTILE: &str = "tests/fixtures/report/hostile.yaml";

#[test]
fn every_verdict_is_shown_once_under_a_unique_anchor() {
    let rules = std::path::Path::new("rules/kaa.truce");
    let book = truce::load_rulebook(rules).unwrap().rulebook;
    let adjudication =
        truce::adjudicate_file(&book, rules, std::path::Path::new(YEONPYEONG)).unwrap();
    let page = html("rules/kaa.truce", YEONPYEONG);
    let ids = attributes(&page, "id");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "anchors are unique: {ids:?}");
    // The verdicts' own outcomes (the map's markers and the graph's boxes
    // carry theirs too).
    let verdicts = &page[page.find("<section id=\"verdicts\">").unwrap()..];
    let shown = attributes(verdicts, "data-outcome");
    assert_eq!(shown.len(), adjudication.verdicts.len());
    for (v, outcome) in adjudication.verdicts.iter().zip(&shown) {
        assert_eq!(*outcome, class(v.outcome), "{}", v.event);
        let id = anchor(&v.event);
        assert_eq!(ids.iter().filter(|i| **i == id).count(), 1, "{id}");
        assert!(
            page.contains(&format!("href=\"#{id}\"")),
            "the index links {id}"
        );
    }
    // Every link inside the page has its target.
    for href in attributes(&page, "href") {
        let target = href.strip_prefix('#').expect("no link leaves the page");
        assert!(unique.contains(target), "link #{target} has no target");
    }
    // Each outcome is named, not shown by colour alone.
    for o in [Outcome::Violation, Outcome::Justified, Outcome::NoViolation] {
        let badge = format!("class=\"badge {}\">{}<", class(o), words::outcome(o));
        assert!(page.contains(&badge), "{badge}");
    }
}

#[test]
fn several_instruments_give_one_event_article_with_a_verdict_each() {
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args([
            "report",
            "--rules",
            "rules/kaa.truce",
            "--rules",
            "rules/cma-2018.truce",
        ])
        .args(["--events", "cases/cma-no-fly-2018-2023/events.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    let ids = attributes(&page, "id");
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "anchors are unique: {ids:?}");
    // The verdicts' own (the map's markers and the graph's boxes carry
    // theirs too).
    let verdicts = &page[page.find("<section id=\"verdicts\">").unwrap()..];
    let events = attributes(verdicts, "data-event");
    assert_eq!(events.len(), 9, "one article per event");
    assert_eq!(
        attributes(verdicts, "data-outcome").len(),
        16,
        "one per verdict"
    );
    for href in attributes(&page, "href") {
        assert!(unique.contains(&href[1..]), "link {href} has no target");
    }
}

#[test]
fn the_report_fetches_nothing_and_is_deterministic() {
    let page = html("rules/kaa.truce", YEONPYEONG);
    // The figures name SVG's namespace and refer to their own clip paths:
    // neither is fetched.
    let own = page
        .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
        .replace("url(#truce-", "");
    for fetch in ["<link", "src=", "@import", "url(", "http://", "https://"] {
        assert!(!own.contains(fetch), "the report fetches nothing: {fetch}");
    }
    assert_eq!(page, html("rules/kaa.truce", YEONPYEONG));
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
}

#[test]
fn text_from_the_input_is_escaped() {
    let out = report("rules/kaa.truce", HOSTILE, "html");
    assert_eq!(out.status.code(), Some(3), "one event is rejected");
    let page = String::from_utf8(out.stdout).unwrap();
    // The one script is the report's own.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(!page.contains("<img") && !page.contains("<b>"));
    assert!(page.contains("&lt;/p&gt;&lt;script&gt;alert(&quot;summary&quot;)"));
    assert!(page.contains("&lt;b&gt;rejected&lt;/b&gt;"));
    let ids = attributes(&page, "id");
    assert!(
        ids.iter().all(|i| !i.contains([' ', '<', '&', '|'])),
        "{ids:?}"
    );

    let out = report("rules/kaa.truce", HOSTILE, "markdown");
    let md = String::from_utf8(out.stdout).unwrap();
    // Every `<` behind a backslash: no tag reaches a Markdown renderer.
    assert_eq!(md.matches('<').count(), md.matches("\\<").count());
    assert!(md.contains("\\<script\\>alert(\"summary\")"));
    assert!(md.contains("\\# not a heading \\| not a cell"));
    assert!(md.contains("H 2 \\| \\*pipe\\* \\[link\\](javascript:x)"));
}

#[test]
fn markdown_report() {
    let out = report(
        "rules/ua-dmz-2025-draft.truce",
        "cases/ua-competing-accounts/events.yaml",
        "markdown",
    );
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn the_report_is_written_to_a_file() {
    let dir = std::env::temp_dir().join(format!("truce-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .args([
            "report",
            "--rules",
            "rules/kaa.truce",
            "--events",
            YEONPYEONG,
            "-o",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        html("rules/kaa.truce", YEONPYEONG)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
