//! Coverage as a table for people: per rulebook, each kind of item with
//! how many are covered, then every item not covered with its counts.

use std::fmt::Write;

use super::{BookCoverage, Counts, Coverage, Owner, Share};

/// The longest condition quoted in a row; longer ones are cut with `…`.
const QUOTED: usize = 60;

pub fn table(c: &Coverage) -> String {
    let mut out = String::new();
    for book in &c.rulebooks {
        rulebook(&mut out, book);
    }
    let total = c.total();
    let _ = writeln!(
        out,
        "{}, {}: {} of {} items covered ({})",
        counted(c.cases, "case"),
        counted(c.rulebooks.len(), "rulebook"),
        total.covered,
        total.items,
        percent(total)
    );
    crate::render::text::clean_lines(&out).into_owned()
}

/// `1 case`, `2 cases`
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("{n} {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn percent(s: Share) -> String {
    format!("{:.1}%", s.percent())
}

fn rulebook(out: &mut String, b: &BookCoverage) {
    let _ = writeln!(
        out,
        "{}  \"{}\"  ({} verdicts)",
        b.rulebook, b.title, b.verdicts
    );
    let _ = writeln!(out, "  {:<12}{:>8}{:>7}{:>8}", "", "covered", "items", "");
    let kinds = ["articles", "exceptions", "branches", "doctrines"];
    for (kind, share) in kinds.iter().zip(b.shares()) {
        row(out, kind, share);
    }
    row(out, "all", b.total());
    let missing = uncovered(b);
    if !missing.is_empty() {
        let _ = writeln!(out, "  not covered:");
        for line in missing {
            let _ = writeln!(out, "    {line}");
        }
    }
    out.push('\n');
}

fn row(out: &mut String, kind: &str, s: Share) {
    let _ = writeln!(
        out,
        "  {kind:<12}{:>8}{:>7}{:>8}",
        s.covered,
        s.items,
        percent(s)
    );
}

/// Each item not covered, with what was counted of it.
fn uncovered(b: &BookCoverage) -> Vec<String> {
    let articles = b.articles.iter().filter(|a| !a.covered).map(|a| {
        format!(
            "article {}: {}, violated {}, justified {}",
            a.article,
            counts(a.counts),
            a.violated,
            a.justified
        )
    });
    let exceptions = b.exceptions.iter().filter(|e| !e.covered).map(|e| {
        format!(
            "exception {}: {}, not considered {}",
            e.exception,
            counts(e.counts),
            e.not_considered
        )
    });
    let branches = b.branches.iter().filter(|x| !x.covered).map(|x| {
        let of = match &x.of {
            Owner::Article(a) => format!("article {a}"),
            Owner::Exception(e) => format!("exception {e}"),
        };
        format!(
            "branch {of} #{} `{}`: {}",
            x.path,
            quoted(&x.condition),
            counts(x.counts)
        )
    });
    let doctrines = b
        .doctrines
        .iter()
        .filter(|d| !d.covered)
        .map(|d| format!("doctrine {} = {}: no verdict", d.doctrine, d.setting));
    articles
        .chain(exceptions)
        .chain(branches)
        .chain(doctrines)
        .collect()
}

fn counts(c: Counts) -> String {
    format!(
        "met {}, not met {}, unknown {}",
        c.met, c.not_met, c.unknown
    )
}

/// A condition on one line, cut to [`QUOTED`] characters.
fn quoted(text: &str) -> String {
    let one: Vec<&str> = text.split_whitespace().collect();
    let one = one.join(" ");
    if one.chars().count() <= QUOTED {
        return one;
    }
    let cut: String = one.chars().take(QUOTED - 1).collect();
    format!("{cut}…")
}
