//! The report as one HTML file a lawyer can open offline, read and print:
//! inline style, no fonts, scripts or images fetched, every text from the
//! input escaped. Each outcome has its colour and always its word too.

mod verdict;

use std::fmt::Write;

use super::document::{Document, NO_PARTY, OUTCOMES, Row, class};
use super::markup::escape;
use super::words;

const STYLE: &str = include_str!("html/style.css");

/// Opens every collapsed part before printing. The report reads the same
/// without it (print CSS opens them where the browser allows).
const PRINT_SCRIPT: &str = "addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true})});";

/// The whole report as an HTML document, ending in a newline.
pub fn report(d: &Document<'_>) -> String {
    let mut out = String::new();
    let title = escape(&d.title());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"truce {}\">\n<title>{title}: adjudication report</title>\n<style>\n{STYLE}</style>\n<script>{PRINT_SCRIPT}</script>\n</head>\n<body>\n",
        d.version
    );
    let _ = write!(
        out,
        "<header>\n<h1>{title}</h1>\n<p class=\"meta\">Adjudication report written by truce {}</p>\n</header>\n",
        d.version
    );
    nav(&mut out);
    out.push_str("<main>\n");
    inputs(&mut out, d);
    doctrines(&mut out, d);
    summary(&mut out, d);
    figure(&mut out, "map", "Map", d.figures.map.as_deref());
    figure(&mut out, "graph", "Event graph", d.figures.graph.as_deref());
    verdict::all(&mut out, d);
    patterns(&mut out, d);
    outside(&mut out, d);
    rejected(&mut out, d);
    out.push_str("</main>\n");
    let _ = write!(
        out,
        "<footer>\n<p>{}</p>\n<p>Written by truce {}. The JSON report (<code>truce adjudicate --format json</code>) carries the same verdicts as data, and <code>truce verify</code> checks it against its inputs.</p>\n</footer>\n</body>\n</html>\n",
        escape(&d.totals),
        d.version
    );
    out
}

/// The sections, for the screen only.
fn nav(out: &mut String) {
    out.push_str("<nav class=\"no-print\"><ul>");
    for (id, name) in [
        ("inputs", "Agreement and inputs"),
        ("doctrines", "Doctrines"),
        ("summary", "Summary"),
        ("map", "Map"),
        ("graph", "Event graph"),
        ("verdicts", "Verdicts"),
        ("patterns", "Patterns"),
        ("outside", "Outside scope"),
        ("rejected", "Rejected"),
    ] {
        let _ = write!(out, "<li><a href=\"#{id}\">{name}</a></li>");
    }
    out.push_str("</ul></nav>\n");
}

fn inputs(out: &mut String, d: &Document<'_>) {
    out.push_str("<section id=\"inputs\">\n<h2>Agreement and inputs</h2>\n");
    for a in d.agreements {
        let _ = write!(out, "<h3>{}</h3>\n<p>", escape(&a.title));
        if let Some(p) = &a.provenance {
            let _ = write!(out, "Source: {}<br>", escape(p));
        }
        let parties: Vec<String> = a.parties.iter().map(|p| escape(p)).collect();
        let _ = writeln!(
            out,
            "Rule file <code>{}</code>; parties {}</p>",
            escape(&a.path),
            parties.join(", ")
        );
    }
    out.push_str("<table>\n<tr><th>Role</th><th>File</th><th>SHA-256</th></tr>\n");
    for i in &d.adjudication.inputs {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td class=\"hash\">{}</td></tr>",
            escape(i.role),
            escape(&i.path),
            escape(&i.sha256)
        );
    }
    let _ = write!(
        out,
        "</table>\n<p>Judged by truce {}.</p>\n</section>\n",
        d.version
    );
}

fn doctrines(out: &mut String, d: &Document<'_>) {
    out.push_str("<section id=\"doctrines\">\n<h2>Doctrine settings</h2>\n");
    let all: Vec<_> = d
        .agreements
        .iter()
        .flat_map(|a| a.doctrines.iter().map(move |x| (a, x)))
        .collect();
    if all.is_empty() {
        out.push_str(
            "<p class=\"muted\">The agreement leaves no question of law open.</p>\n</section>\n",
        );
        return;
    }
    out.push_str("<table>\n<tr>");
    if d.several() {
        out.push_str("<th>Agreement</th>");
    }
    out.push_str(
        "<th>Doctrine</th><th>Setting used</th><th>Set by</th><th>Other settings</th></tr>\n",
    );
    for (a, x) in all {
        out.push_str("<tr>");
        if d.several() {
            let _ = write!(out, "<td>{}</td>", escape(&a.title));
        }
        let others: Vec<String> = x
            .options
            .iter()
            .filter(|o| **o != x.setting)
            .map(|o| format!("<code>{}</code>", escape(o)))
            .collect();
        let text = x.text.as_ref().map_or(String::new(), |t| {
            format!("<br><span class=\"muted\">{}</span>", escape(t))
        });
        let _ = writeln!(
            out,
            "<td><code>{}</code>{text}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            escape(&x.name),
            escape(&x.setting),
            x.set_by,
            others.join(", ")
        );
    }
    out.push_str("</table>\n</section>\n");
}

fn summary(out: &mut String, d: &Document<'_>) {
    let t = &d.tally;
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    let _ = writeln!(out, "<p>{}</p>", escape(&d.totals));
    out.push_str("<table class=\"outcomes\">\n<tr><th>Outcome</th><th>Verdicts</th></tr>\n");
    for (o, n) in OUTCOMES.iter().zip(t.verdicts.0) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            badge(*o)
        );
    }
    let _ = writeln!(
        out,
        "<tr><th>All</th><td class=\"n\">{}</td></tr>\n</table>",
        t.verdicts.total()
    );
    out.push_str("<h3>By party</h3>\n");
    counts_table(out, &["Party"], &t.by_party);
    out.push_str("<h3>By article</h3>\n<p class=\"muted\">Each verdict's finding on each article that some verdict did not find free of violation.</p>\n");
    counts_table(out, d.article_keys(), &t.by_article);
    for (instrument, articles) in &t.quiet {
        let articles: Vec<String> = articles.iter().map(|a| escape(a)).collect();
        let under = instrument
            .as_ref()
            .map_or(String::new(), |i| format!(" of {}", escape(i)));
        let _ = writeln!(
            out,
            "<p>No violation in any verdict: article {}{under}.</p>",
            articles.join(", ")
        );
    }
    out.push_str("</section>\n");
}

fn counts_table(out: &mut String, keys: &[&str], rows: &[Row]) {
    out.push_str("<table>\n<tr>");
    for k in keys {
        let _ = write!(out, "<th>{k}</th>");
    }
    for o in OUTCOMES {
        let _ = write!(out, "<th>{}</th>", badge(o));
    }
    out.push_str("</tr>\n");
    for r in rows {
        out.push_str("<tr>");
        for k in &r.key {
            let shown = if k == NO_PARTY {
                format!("<span class=\"muted\">{NO_PARTY}</span>")
            } else {
                escape(k)
            };
            let _ = write!(out, "<td>{shown}</td>");
        }
        for n in r.counts.0 {
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// A picture another renderer drew, or a note that there is none.
fn figure(out: &mut String, id: &str, name: &str, svg: Option<&str>) {
    let _ = write!(out, "<section id=\"{id}\">\n<h2>{name}</h2>\n");
    match svg {
        // Drawn by truce's own SVG renderers, which escape what they quote.
        Some(svg) => {
            let _ = write!(out, "<div class=\"figure\">\n{svg}\n</div>\n");
        }
        None => {
            let _ = writeln!(
                out,
                "<p class=\"muted\">No {} was drawn for this report.</p>",
                name.to_lowercase()
            );
        }
    }
    out.push_str("</section>\n");
}

fn patterns(out: &mut String, d: &Document<'_>) {
    out.push_str("<section id=\"patterns\">\n<h2>Patterns</h2>\n");
    let runs = &d.adjudication.patterns;
    if runs.is_empty() {
        out.push_str("<p class=\"muted\">No pattern was found.</p>\n");
    }
    for r in runs {
        let _ = writeln!(
            out,
            "<h3>Pattern <code>{}</code>, party {} <span class=\"muted\">({})</span></h3>",
            escape(&r.pattern),
            escape(&r.party),
            escape(&r.instrument)
        );
        if let Some(text) = &r.text {
            let _ = writeln!(out, "<blockquote>{}</blockquote>", escape(text));
        }
        let counted: Vec<String> = r.events.iter().map(|e| event_link(e)).collect();
        let _ = write!(
            out,
            "<p>{} events counted, at least {}: the densest window held {}; from {} to {}.</p>\n<p>Counted: {}</p>\n",
            r.events.len(),
            escape(&r.threshold),
            r.densest,
            escape(&r.from),
            escape(&r.to),
            counted.join(", ")
        );
    }
    out.push_str("</section>\n");
}

fn outside(out: &mut String, d: &Document<'_>) {
    out.push_str("<section id=\"outside\">\n<h2>Events outside an agreement's scope</h2>\n");
    let entries = &d.adjudication.outside;
    if entries.is_empty() {
        out.push_str("<p class=\"muted\">None: every agreement covers every judged event.</p>\n");
    } else {
        out.push_str("<table>\n<tr><th>Event</th><th>Why</th></tr>\n");
        for o in entries {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td></tr>",
                event_link(&o.event),
                escape(&words::outside(o))
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");
}

fn rejected(out: &mut String, d: &Document<'_>) {
    out.push_str("<section id=\"rejected\">\n<h2>Rejected events</h2>\n");
    let rejected = &d.adjudication.rejected;
    if rejected.is_empty() {
        out.push_str("<p class=\"muted\">None: every event was judged.</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<p>{} event(s) could not be judged.</p>\n<table>\n<tr><th>Event</th><th>Where</th><th>Why</th></tr>",
            rejected.len()
        );
        for r in rejected {
            let id = r
                .event
                .as_deref()
                .map_or("<span class=\"muted\">(no id)</span>".into(), escape);
            let _ = writeln!(
                out,
                "<tr><td>{id}</td><td><code>{}</code></td><td>{}</td></tr>",
                escape(&r.location),
                escape(&r.reason)
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");
}

/// An outcome's colour and its word.
fn badge(o: crate::eval::Outcome) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        class(o),
        words::outcome(o)
    )
}

/// A link to an event's verdicts.
fn event_link(event: &str) -> String {
    format!(
        "<a href=\"#{}\">{}</a>",
        super::document::anchor(event),
        escape(event)
    )
}
