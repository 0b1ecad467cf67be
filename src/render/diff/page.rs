//! `truce diff` as a page for people, in the report's own style: one
//! self-contained HTML file (the report's stylesheet, nothing fetched) or
//! Markdown. Its main section, "Changes between versions", holds each
//! verdict that changed, coloured by its outcome on each side. The words
//! are `words::diff`'s; text from the input is escaped here.

use std::fmt::Write;

use super::labels;
use crate::diff::Diff;
use crate::render::document::class;
use crate::render::markdown::md;
use crate::render::markup::escape;
use crate::render::words::{self, diff::Worded};

const STYLE: &str = include_str!("../html/style.css");

/// The diff as one HTML document, ending in a newline.
pub fn html(d: &Diff) -> String {
    let mut out = String::new();
    let version = env!("CARGO_PKG_VERSION");
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"truce {version}\">\n<title>Changes between versions</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>Changes between versions</h1>\n<p class=\"meta\">The events of <code>{}</code> judged under two versions of the rules by truce {version}</p>\n</header>\n<main>\n",
        escape(&d.events)
    );
    html_sides(&mut out, d);
    if !d.provisions.is_empty() {
        out.push_str("<section id=\"provisions\">\n<h2>Provisions that differ</h2>\n<ul>\n");
        for p in &d.provisions {
            let _ = writeln!(out, "<li>{}</li>", escape(&words::diff::provision(p)));
        }
        out.push_str("</ul>\n</section>\n");
    }
    html_tally(&mut out, d);
    out.push_str("<section id=\"changes\">\n<h2>Changes between versions</h2>\n");
    if d.changed.is_empty() {
        out.push_str("<p class=\"muted\">Every verdict is the same under both versions.</p>\n");
    }
    for c in &d.changed {
        html_change(&mut out, d, &words::diff::change(c, labels(d)));
    }
    out.push_str("</section>\n");
    if !d.rejected.is_empty() {
        out.push_str("<section id=\"rejected\">\n<h2>Rejected on one side only</h2>\n<ul>\n");
        for r in &d.rejected {
            let _ = writeln!(out, "<li>{}</li>", escape(&words::diff::one_sided(r, d)));
        }
        out.push_str("</ul>\n</section>\n");
    }
    let _ = write!(
        out,
        "</main>\n<footer>\n<p>{}</p>\n<p>Written by truce {version}. <code>truce diff --format json</code> carries the same changes as data.</p>\n</footer>\n</body>\n</html>\n",
        escape(&words::diff::totals(d))
    );
    out
}

fn html_sides(out: &mut String, d: &Diff) {
    out.push_str("<section id=\"sides\">\n<h2>Versions compared</h2>\n<table>\n<tr><th>Side</th><th>Rule files</th><th>Revision</th><th>Clauses added</th><th>Doctrines set</th></tr>\n");
    for s in [&d.old, &d.new] {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.label),
            escape(&s.rules.join(", ")),
            escape(s.revision.as_deref().unwrap_or("")),
            escape(&s.added.join(", ")),
            escape(&s.doctrines.join(", "))
        );
    }
    out.push_str("</table>\n</section>\n");
}

fn html_tally(out: &mut String, d: &Diff) {
    out.push_str("<section id=\"summary\">\n<h2>Summary by article</h2>\n");
    if d.by_article.is_empty() {
        out.push_str("<p class=\"muted\">No article's finding changed outcome.</p>\n");
    } else {
        out.push_str("<table>\n<tr><th>Article</th><th>Change</th><th>Verdicts</th></tr>\n");
        for r in &d.by_article {
            let (article, change) = words::diff::tally_row(r);
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                escape(&article),
                escape(&change),
                r.verdicts
            );
        }
        out.push_str("</table>\n");
    }
    let _ = writeln!(
        out,
        "<p>{}</p>\n</section>",
        escape(&words::diff::totals(d))
    );
}

fn html_change(out: &mut String, d: &Diff, w: &Worded) {
    let badge = |o: Option<crate::eval::Outcome>| match o {
        Some(o) => format!(
            "<span class=\"badge {}\">{}</span>",
            class(o),
            words::outcome(o)
        ),
        None => "<span class=\"badge\">none</span>".to_owned(),
    };
    let colour = w.outcomes.1.or(w.outcomes.0).map_or("", class);
    let _ = writeln!(
        out,
        "<article class=\"event {colour}\">\n<div class=\"headline\"><h3>{}</h3></div>\n<p>{} {}: {}<br>{} {}: {}</p>",
        escape(&w.headline),
        badge(w.outcomes.0),
        escape(&d.old.label),
        escape(&w.old),
        badge(w.outcomes.1),
        escape(&d.new.label),
        escape(&w.new)
    );
    // The lines as nested lists, one level per depth.
    let mut open = 0usize;
    for (depth, line) in &w.lines {
        let want = depth + 1;
        while open < want {
            out.push_str("<ul class=\"tree\">");
            open += 1;
        }
        while open > want {
            out.push_str("</ul>");
            open -= 1;
        }
        let _ = write!(out, "<li>{}</li>", escape(line));
    }
    out.push_str(&"</ul>".repeat(open));
    out.push_str("\n</article>\n");
}

/// The diff as Markdown, ending in a newline.
pub fn markdown(d: &Diff) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "# Changes between versions\n\nThe events of {} judged under two versions of the rules by truce {}.\n\n## Versions compared\n\n| Side | Rule files | Revision | Clauses added | Doctrines set |\n|---|---|---|---|---|\n",
        md(&d.events),
        env!("CARGO_PKG_VERSION")
    );
    for s in [&d.old, &d.new] {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&s.label),
            md(&s.rules.join(", ")),
            md(s.revision.as_deref().unwrap_or("")),
            md(&s.added.join(", ")),
            md(&s.doctrines.join(", "))
        );
    }
    out.push('\n');
    if !d.provisions.is_empty() {
        out.push_str("## Provisions that differ\n\n");
        for p in &d.provisions {
            let _ = writeln!(out, "- {}", md(&words::diff::provision(p)));
        }
        out.push('\n');
    }
    out.push_str("## Summary by article\n\n");
    if d.by_article.is_empty() {
        out.push_str("No article's finding changed outcome.\n\n");
    } else {
        out.push_str("| Article | Change | Verdicts |\n|---|---|---|\n");
        for r in &d.by_article {
            let (article, change) = words::diff::tally_row(r);
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&article),
                md(&change),
                r.verdicts
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", md(&words::diff::totals(d)));
    out.push_str("## Changes between versions\n\n");
    if d.changed.is_empty() {
        out.push_str("Every verdict is the same under both versions.\n\n");
    }
    for c in &d.changed {
        let w = words::diff::change(c, labels(d));
        let _ = writeln!(out, "### {}\n", md(&w.headline));
        let _ = writeln!(out, "- **{}**: {}", md(&d.old.label), md(&w.old));
        let _ = writeln!(out, "- **{}**: {}", md(&d.new.label), md(&w.new));
        for (depth, line) in &w.lines {
            let _ = writeln!(out, "{}- {}", "  ".repeat(*depth), md(line));
        }
        out.push('\n');
    }
    if !d.rejected.is_empty() {
        out.push_str("## Rejected on one side only\n\n");
        for r in &d.rejected {
            let _ = writeln!(out, "- {}", md(&words::diff::one_sided(r, d)));
        }
        out.push('\n');
    }
    out
}
