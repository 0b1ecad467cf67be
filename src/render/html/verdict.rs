//! The verdicts: an index, then each judged event with its verdicts, every
//! finding, and the reasoning as a tree that opens and closes.

use std::fmt::Write;

use super::badge;
use crate::render::document::{
    Document, EventPart, Exception, Finding, Node, ProofPart, VerdictPart, class, truth_class,
};
use crate::render::markup::escape;
use crate::render::words;

/// The verdicts section: an index table, then one article per event.
pub fn all(out: &mut String, d: &Document<'_>) {
    out.push_str("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n");
    if d.events.is_empty() {
        out.push_str("<p class=\"muted\">No event was judged.</p>\n");
    } else {
        index(out, d);
    }
    for e in &d.events {
        event(out, e);
    }
    out.push_str("</section>\n");
}

fn index(out: &mut String, d: &Document<'_>) {
    out.push_str("<table class=\"index\">\n<tr><th>Event</th><th>Outcome</th><th>Party</th>");
    if d.several() {
        out.push_str("<th>Agreement</th>");
    }
    out.push_str("<th>Summary</th></tr>\n");
    for e in &d.events {
        for v in &e.verdicts {
            let _ = write!(
                out,
                "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td>",
                e.anchor,
                escape(e.id),
                badge(v.outcome),
                v.party.as_deref().map_or(String::new(), escape)
            );
            if d.several() {
                let _ = write!(out, "<td>{}</td>", escape(v.instrument));
            }
            let _ = writeln!(out, "<td>{}</td></tr>", escape(&v.summary));
        }
    }
    out.push_str("</table>\n");
}

/// The colour of an event with several verdicts is that of the gravest.
fn event(out: &mut String, e: &EventPart<'_>) {
    let gravest = e.verdicts.iter().map(|v| v.outcome).max();
    let _ = write!(
        out,
        "<article class=\"event {}\" id=\"{}\" data-event=\"{}\">\n<h3>Event <code>{}</code></h3>\n",
        gravest.map_or("", class),
        e.anchor,
        escape(e.id),
        escape(e.id)
    );
    if let Some(r) = e.recorded {
        let _ = writeln!(
            out,
            "<p class=\"recorded\">Recorded as: \u{201c}{}\u{201d}</p>",
            escape(r)
        );
    }
    for v in &e.verdicts {
        verdict(out, v);
    }
    out.push_str("</article>\n");
}

fn verdict(out: &mut String, v: &VerdictPart<'_>) {
    let _ = write!(
        out,
        "<section class=\"verdict\" data-outcome=\"{}\">\n<p class=\"headline\">{}",
        class(v.outcome),
        badge(v.outcome)
    );
    if let Some(p) = &v.party {
        let _ = write!(out, "<strong>{}</strong>", escape(p));
    }
    let _ = write!(
        out,
        "<span class=\"muted\">under {}</span></p>\n<p>{}</p>\n",
        escape(v.instrument),
        escape(&v.summary)
    );
    if !v.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for n in &v.notes {
            let _ = writeln!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<ul class=\"tree\">");
    node(out, &v.in_force, false);
    out.push_str("</ul>\n");
    let (decisive, quiet): (Vec<&Finding>, Vec<&Finding>) =
        v.findings.iter().partition(|f| f.decisive());
    for f in decisive {
        finding(out, f);
    }
    if !quiet.is_empty() {
        let articles: Vec<String> = quiet.iter().map(|f| escape(&f.article)).collect();
        let _ = write!(
            out,
            "<details class=\"quiet\">\n<summary>{} under article {}</summary>\n",
            badge(crate::eval::Outcome::NoViolation),
            articles.join(", ")
        );
        for f in quiet {
            finding(out, f);
        }
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

/// A finding: open when it decides something, a one-line summary when the
/// article was simply not breached.
fn finding(out: &mut String, f: &Finding) {
    let open = if f.decisive() { " open" } else { "" };
    let _ = write!(
        out,
        "<details class=\"finding\"{open}>\n<summary><h4>Article {}</h4> {}",
        escape(&f.article),
        badge(f.outcome)
    );
    if let Some(p) = &f.party {
        let _ = write!(out, " {}", escape(p));
    }
    if let Some(s) = f.severity {
        let _ = write!(out, " <span class=\"muted\">severity {}</span>", escape(s));
    }
    let _ = write!(
        out,
        "</summary>\n<blockquote>{}</blockquote>\n<p>{}</p>\n",
        escape(&f.text),
        escape(&f.reason)
    );
    if !f.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for n in &f.notes {
            let _ = writeln!(out, "<li>{}</li>", escape(n));
        }
        out.push_str("</ul>\n");
    }
    facts(out, &f.condition);
    if !f.proofs.is_empty() {
        out.push_str("<h4>Evidence</h4>\n");
    }
    for p in &f.proofs {
        proof(out, p);
    }
    exceptions(out, &f.exceptions);
    if let Some(d) = &f.diligence {
        let _ = write!(
            out,
            "<h4>Due diligence</h4>\n<p>{} {}</p>\n<ul class=\"tree\">",
            mark(d.breached),
            escape(&d.line)
        );
        for (name, step) in &d.elements {
            let _ = write!(out, "<li><em>{}</em><ul class=\"tree\">", escape(name));
            node(out, step, true);
            out.push_str("</ul></li>");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h4>Reasoning</h4>\n<ul class=\"tree\">");
    node(out, &f.condition, true);
    out.push_str("</ul>\n</details>\n");
}

/// The facts the article's test read, each once.
fn facts(out: &mut String, condition: &Node) {
    let all = condition.all_facts();
    if all.is_empty() {
        return;
    }
    out.push_str("<h4>Facts read</h4>\n<ul class=\"facts\">\n");
    for f in all {
        let _ = writeln!(out, "<li><code>{}</code></li>", escape(f));
    }
    out.push_str("</ul>\n");
}

fn proof(out: &mut String, p: &ProofPart) {
    let _ = writeln!(
        out,
        "<p>{} {}</p>",
        mark(crate::eval::Truth::from(p.met)),
        escape(&p.line)
    );
    if !p.evidence.is_empty() {
        out.push_str("<table>\n<tr><th>Recorded with</th><th>Grade, kind, source; whether counted</th></tr>\n");
        for (event, what) in &p.evidence {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(event),
                escape(what)
            );
        }
        out.push_str("</table>\n");
    }
    for (head, lines) in &p.accounts {
        let _ = writeln!(out, "<p>{}</p>\n<ul class=\"facts\">", escape(head));
        for l in lines {
            let _ = writeln!(out, "<li>{}</li>", escape(l));
        }
        out.push_str("</ul>\n");
    }
}

fn exceptions(out: &mut String, all: &[Exception]) {
    if all.is_empty() {
        return;
    }
    out.push_str("<h4>Exceptions tried</h4>\n<ul class=\"tree\">\n");
    for x in all {
        let _ = write!(
            out,
            "<li><span class=\"mark\">{}</span> exception <code>{}</code>: {}",
            x.mark,
            escape(&x.name),
            escape(&x.status)
        );
        if let Some(t) = &x.text {
            let _ = write!(out, "<blockquote>{}</blockquote>", escape(t));
        }
        if let Some(c) = &x.condition {
            out.push_str("<ul class=\"tree\">");
            node(out, c, false);
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// A truth as its mark, coloured, with its word for screen readers and
/// anyone who cannot tell the colours apart.
fn mark(t: crate::eval::Truth) -> String {
    format!(
        "<span class=\"mark {}\" title=\"{}\">{}</span>",
        truth_class(t),
        words::truth(t),
        words::mark(t)
    )
}

/// One test and its parts: a `<details>` when it has parts, open when
/// `open` and its truth is what decided (a test that held, or is open).
fn node(out: &mut String, n: &Node, open: bool) {
    let test = format!(
        "{} <span class=\"test\">{}</span>",
        mark(n.truth),
        escape(&n.test)
    );
    out.push_str("<li>");
    let has_detail = !n.children.is_empty();
    if has_detail {
        let open_attr = if open { " open" } else { "" };
        let _ = write!(out, "<details{open_attr}><summary>{test}</summary>");
    } else {
        out.push_str(&test);
    }
    lines(out, &n.facts, "facts", true);
    lines(out, &n.notes, "notes", false);
    if has_detail {
        out.push_str("<ul class=\"tree\">");
        for c in &n.children {
            node(out, c, open && c.truth != crate::eval::Truth::False);
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</li>");
}

fn lines(out: &mut String, lines: &[String], class: &str, code: bool) {
    if lines.is_empty() {
        return;
    }
    let _ = write!(out, "<ul class=\"{class}\">");
    for l in lines {
        if code {
            let _ = write!(out, "<li><code>{}</code></li>", escape(l));
        } else {
            let _ = write!(out, "<li>{}</li>", escape(l));
        }
    }
    out.push_str("</ul>");
}
