//! `truce diff` written out: as text for a terminal, as versioned JSON
//! (docs/diff.md), or as a page for people in the report's own style
//! (`page.rs`: HTML and Markdown). The words are `words::diff`'s.

mod page;

use std::fmt::Write;

use serde::Serialize;

use super::text::clean;
use super::words::diff::{self as words, Labels};
use crate::diff::Diff;

pub use page::{html, markdown};

/// The sides' labels of a diff.
pub fn labels(d: &Diff) -> Labels<'_> {
    Labels {
        old: &d.old.label,
        new: &d.new.label,
    }
}

/// The diff as text: the sides, the provisions that differ, each verdict
/// that changed with what differs in its reasoning, the summary by
/// article, the events rejected on one side only, and the counts.
pub fn text(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", clean(&words::side(&d.old)));
    let _ = writeln!(out, "{}", clean(&words::side(&d.new)));
    let _ = writeln!(out, "events: {}\n", clean(&d.events));
    if !d.provisions.is_empty() {
        out.push_str("provisions that differ:\n");
        for p in &d.provisions {
            let _ = writeln!(out, "  {}", clean(&words::provision(p)));
        }
        out.push('\n');
    }
    for c in &d.changed {
        let w = words::change(c, labels(d));
        let _ = writeln!(out, "{}", clean(&w.headline));
        let _ = writeln!(out, "  {}: {}", clean(&d.old.label), clean(&w.old));
        let _ = writeln!(out, "  {}: {}", clean(&d.new.label), clean(&w.new));
        for (depth, line) in &w.lines {
            let _ = writeln!(out, "  {}{}", "  ".repeat(*depth), clean(line));
        }
        out.push('\n');
    }
    if let Some(same) = &d.unchanged {
        out.push_str("judged alike:\n");
        for s in same {
            let _ = writeln!(
                out,
                "  {} ({}): {}",
                clean(&s.event),
                clean(&s.instrument),
                clean(&words::said(Some(s)))
            );
        }
        out.push('\n');
    }
    if !d.by_article.is_empty() {
        out.push_str("by article:\n");
        for r in &d.by_article {
            let (article, change) = words::tally_row(r);
            let n = r.verdicts;
            let verdicts = if n == 1 { "verdict" } else { "verdicts" };
            let _ = writeln!(out, "  {}: {change}, {n} {verdicts}", clean(&article));
        }
        out.push('\n');
    }
    for r in &d.rejected {
        let _ = writeln!(out, "{}", clean(&words::one_sided(r, d)));
    }
    let _ = writeln!(out, "{}", words::totals(d));
    out
}

/// The diff as JSON, indented, with its schema version first.
pub fn json(d: &Diff) -> String {
    #[derive(Serialize)]
    struct Versioned<'a> {
        schema: u32,
        truce: &'static str,
        #[serde(flatten)]
        diff: &'a Diff,
    }
    let v = Versioned {
        schema: crate::diff::SCHEMA_VERSION,
        truce: env!("CARGO_PKG_VERSION"),
        diff: d,
    };
    let mut out = serde_json::to_string_pretty(&v).expect("a diff serialises");
    out.push('\n');
    out
}
