//! The report as Markdown, to paste into a brief: the same content as the
//! HTML report, in headings, tables and nested lists. Text from the input
//! is escaped both as markup (Markdown passes HTML through) and as
//! Markdown, so it cannot make a heading, a link or a table cell of its own.

use std::fmt::Write;

use super::document::{Document, EventPart, Finding, NO_PARTY, Node, OUTCOMES, Row};
use super::markup;
use super::words;

/// The whole report as Markdown, ending in a newline.
pub fn report(d: &Document<'_>) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "# {}\n\nAdjudication report written by truce {}.\n\n",
        md(&d.title()),
        d.version
    );
    inputs(&mut out, d);
    doctrines(&mut out, d);
    summary(&mut out, d);
    for (name, svg) in [("Map", &d.figures.map), ("Event graph", &d.figures.graph)] {
        let _ = writeln!(out, "## {name}\n");
        let _ = writeln!(
            out,
            "{}\n",
            match svg {
                Some(_) => "Drawn in the HTML report (`truce report --format html`).",
                None => "Not drawn for this report.",
            }
        );
    }
    out.push_str("## Verdicts\n\n");
    if d.events.is_empty() {
        out.push_str("No event was judged.\n\n");
    }
    for e in &d.events {
        event(&mut out, e);
    }
    rest(&mut out, d);
    out
}

fn inputs(out: &mut String, d: &Document<'_>) {
    out.push_str("## Agreement and inputs\n\n");
    for a in d.agreements {
        let _ = writeln!(out, "### {}\n", md(&a.title));
        if let Some(p) = &a.provenance {
            let _ = writeln!(out, "Source: {}  ", md(p));
        }
        let parties: Vec<String> = a.parties.iter().map(|p| md(p)).collect();
        let _ = writeln!(
            out,
            "Rule file {}; parties {}\n",
            md(&a.path),
            parties.join(", ")
        );
    }
    out.push_str("| Role | File | SHA-256 |\n|---|---|---|\n");
    for i in &d.adjudication.inputs {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(i.role),
            md(&i.path),
            md(&i.sha256)
        );
    }
    let _ = writeln!(out, "\nJudged by truce {}.\n", d.version);
}

fn doctrines(out: &mut String, d: &Document<'_>) {
    out.push_str("## Doctrine settings\n\n");
    let all: Vec<_> = d
        .agreements
        .iter()
        .flat_map(|a| a.doctrines.iter().map(move |x| (a, x)))
        .collect();
    if all.is_empty() {
        out.push_str("The agreement leaves no question of law open.\n\n");
        return;
    }
    out.push_str("| Agreement | Doctrine | Setting used | Set by | Other settings |\n|---|---|---|---|---|\n");
    for (a, x) in all {
        let others: Vec<String> = x
            .options
            .iter()
            .filter(|o| **o != x.setting)
            .map(|o| md(o))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&a.title),
            md(&x.name),
            md(&x.setting),
            x.set_by,
            others.join(", ")
        );
    }
    out.push('\n');
}

fn summary(out: &mut String, d: &Document<'_>) {
    let t = &d.tally;
    let _ = writeln!(out, "## Summary\n\n{}\n", md(&d.totals));
    out.push_str("| Outcome | Verdicts |\n|---|---:|\n");
    for (o, n) in OUTCOMES.iter().zip(t.verdicts.0) {
        let _ = writeln!(out, "| {} | {n} |", words::outcome(*o));
    }
    let _ = writeln!(out, "| **all** | {} |\n", t.verdicts.total());
    out.push_str("### By party\n\n");
    counts_table(out, &["Party"], &t.by_party);
    out.push_str("### By article\n\nEach verdict's finding on each article that some verdict did not find free of violation.\n\n");
    counts_table(out, d.article_keys(), &t.by_article);
    for (instrument, articles) in &t.quiet {
        let articles: Vec<String> = articles.iter().map(|a| md(a)).collect();
        let under = instrument
            .as_ref()
            .map_or(String::new(), |i| format!(" of {}", md(i)));
        let _ = writeln!(
            out,
            "No violation in any verdict: article {}{under}.\n",
            articles.join(", ")
        );
    }
}

fn counts_table(out: &mut String, keys: &[&str], rows: &[Row]) {
    let mut head: Vec<&str> = keys.to_vec();
    head.extend(OUTCOMES.iter().map(|o| words::outcome(*o)));
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let rule: Vec<&str> = keys
        .iter()
        .map(|_| "---")
        .chain(OUTCOMES.iter().map(|_| "---:"))
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for r in rows {
        let cells: Vec<String> = r
            .key
            .iter()
            .map(|k| if k == NO_PARTY { k.clone() } else { md(k) })
            .chain(r.counts.0.iter().map(usize::to_string))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn event(out: &mut String, e: &EventPart<'_>) {
    let _ = writeln!(out, "### Event {}\n", md(e.id));
    if let Some(r) = e.recorded {
        let _ = writeln!(out, "Recorded as: “{}”\n", md(r));
    }
    for v in &e.verdicts {
        let party = v
            .party
            .as_deref()
            .map_or(String::new(), |p| format!(", {}", md(p)));
        let _ = writeln!(
            out,
            "**{}**{party} (under {})  \n{}\n",
            words::outcome(v.outcome).to_uppercase(),
            md(v.instrument),
            md(&v.summary)
        );
        for n in &v.notes {
            let _ = writeln!(out, "- {}", md(n));
        }
        tree(out, &v.in_force, 0);
        out.push('\n');
        let (decisive, quiet): (Vec<&Finding>, Vec<&Finding>) =
            v.findings.iter().partition(|f| f.decisive());
        for f in decisive {
            finding(out, f);
        }
        for f in &quiet {
            let _ = writeln!(
                out,
                "- Article {}: no violation, {}",
                md(&f.article),
                md(&f.reason)
            );
        }
        if !quiet.is_empty() {
            out.push('\n');
        }
    }
}

fn finding(out: &mut String, f: &Finding) {
    let party = f
        .party
        .as_deref()
        .map_or(String::new(), |p| format!(", {}", md(p)));
    let severity = f
        .severity
        .map_or(String::new(), |s| format!(", severity {s}"));
    let _ = writeln!(
        out,
        "#### Article {}: {}{party}{severity}\n\n> {}\n\n{}\n",
        md(&f.article),
        words::outcome(f.outcome),
        md(&f.text),
        md(&f.reason)
    );
    for n in &f.notes {
        let _ = writeln!(out, "- {}", md(n));
    }
    let facts = f.condition.all_facts();
    if !facts.is_empty() {
        paragraph(out);
        out.push_str("Facts read:\n\n");
        for fact in facts {
            let _ = writeln!(out, "- {}", md(fact));
        }
    }
    for p in &f.proofs {
        paragraph(out);
        let _ = writeln!(
            out,
            "Evidence: {} {}\n",
            words::mark(crate::eval::Truth::from(p.met)),
            md(&p.line)
        );
        if !p.evidence.is_empty() {
            out.push_str("| Recorded with | Grade, kind, source; whether counted |\n|---|---|\n");
            for (event, what) in &p.evidence {
                let _ = writeln!(out, "| {} | {} |", md(event), md(what));
            }
        }
        for (head, lines) in &p.accounts {
            paragraph(out);
            let _ = writeln!(out, "- {}", md(head));
            for l in lines {
                let _ = writeln!(out, "  - {}", md(l));
            }
        }
    }
    if !f.exceptions.is_empty() {
        paragraph(out);
        out.push_str("Exceptions tried:\n\n");
        for x in &f.exceptions {
            let _ = writeln!(
                out,
                "- {} exception {}: {}",
                x.mark,
                md(&x.name),
                md(&x.status)
            );
            if let Some(c) = &x.condition {
                tree(out, c, 1);
            }
        }
    }
    if let Some(d) = &f.diligence {
        paragraph(out);
        let _ = writeln!(
            out,
            "Due diligence: {} {}\n",
            words::mark(d.breached),
            md(&d.line)
        );
        for (name, step) in &d.elements {
            let _ = writeln!(out, "- {}", md(name));
            tree(out, step, 1);
        }
    }
    paragraph(out);
    out.push_str("Reasoning:\n\n");
    tree(out, &f.condition, 0);
    out.push('\n');
}

/// Ends what came before with one blank line, to start a block.
fn paragraph(out: &mut String) {
    while !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// A test and its parts as a nested list.
fn tree(out: &mut String, n: &Node, depth: usize) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}- {} {}", words::mark(n.truth), md(&n.test));
    for l in n.facts.iter().chain(&n.notes) {
        let _ = writeln!(out, "{pad}  - {}", md(l));
    }
    for c in &n.children {
        tree(out, c, depth + 1);
    }
}

fn rest(out: &mut String, d: &Document<'_>) {
    let a = d.adjudication;
    out.push_str("## Patterns\n\n");
    if a.patterns.is_empty() {
        out.push_str("No pattern was found.\n\n");
    }
    for r in &a.patterns {
        let counted: Vec<String> = r.events.iter().map(|e| md(e)).collect();
        let _ = writeln!(
            out,
            "- Pattern {}, party {} ({}): {} events counted, at least {}: the densest window held {}; from {} to {}. Counted: {}",
            md(&r.pattern),
            md(&r.party),
            md(&r.instrument),
            r.events.len(),
            md(&r.threshold),
            r.densest,
            md(&r.from),
            md(&r.to),
            counted.join(", ")
        );
    }
    if !a.patterns.is_empty() {
        out.push('\n');
    }
    out.push_str("## Events outside an agreement's scope\n\n");
    if a.outside.is_empty() {
        out.push_str("None: every agreement covers every judged event.\n\n");
    } else {
        for o in &a.outside {
            let _ = writeln!(out, "- {}: {}", md(&o.event), md(&words::outside(o)));
        }
        out.push('\n');
    }
    out.push_str("## Rejected events\n\n");
    if a.rejected.is_empty() {
        out.push_str("None: every event was judged.\n");
    } else {
        out.push_str("| Event | Where | Why |\n|---|---|---|\n");
        for r in &a.rejected {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                r.event.as_deref().map_or("(no id)".into(), md),
                md(&r.location),
                md(&r.reason)
            );
        }
    }
}

/// Text as Markdown shows it literally: every character Markdown or HTML
/// gives a meaning to behind a backslash (`_` only where it could start
/// or end emphasis), controls and direction overrides as visible code
/// points (as [`markup::escape`] writes them), line breaks as spaces (a
/// table cell or list item is one line).
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        match c {
            '_' if word(i.checked_sub(1)) && word(Some(i + 1)) => out.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '<' | '>' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            '"' | '\'' => out.push(c),
            c => markup::push_escaped(&mut out, c.encode_utf8(&mut [0; 4])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn markdown_and_markup_are_escaped() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("<script>"), "\\<script\\>");
        assert_eq!(md("who_fired_first _x_"), "who_fired_first \\_x\\_");
        assert_eq!(md("it's \"q\" & \u{202e}"), "it's \"q\" \\& \\u{202e}");
        assert_eq!(md("[x](y) *z*"), "\\[x\\](y) \\*z\\*");
        assert_eq!(md("one\ntwo"), "one two");
    }
}
