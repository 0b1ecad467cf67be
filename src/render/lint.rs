//! The logic lint's findings for people (a located diagnostic each) and as
//! JSON (docs/lint.md).

mod atom;
mod diagnostic;

pub use atom::atom_words;
pub use diagnostic::{LintDiagnostic, diagnostic};

use crate::check::Rulebook;
use crate::lint::logic::{Finding, Kind};

/// The version of the JSON `truce lint --format json` writes.
pub const SCHEMA: u32 = 1;

/// One rule file's findings, as JSON.
pub fn file_json(path: &str, rulebook: &Rulebook, findings: &[Finding]) -> serde_json::Value {
    let items: Vec<serde_json::Value> =
        findings.iter().map(|f| finding_json(rulebook, f)).collect();
    serde_json::json!({ "file": path, "findings": items })
}

/// The whole output: every file's findings, with the schema version.
pub fn json(files: Vec<serde_json::Value>) -> String {
    let doc = serde_json::json!({ "schema": SCHEMA, "files": files });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn finding_json(rulebook: &Rulebook, f: &Finding) -> serde_json::Value {
    let d = diagnostic(rulebook, f);
    let source = &f.span.source;
    let (line, column) = source.line_col(f.span.range.start);
    let mut v = serde_json::json!({
        "code": f.kind.code(),
        "severity": if f.kind.is_error() { "error" } else { "warning" },
        "proof": f.kind.is_proof(),
        "message": d.message(),
        "file": source.name(),
        "line": line,
        "column": column,
        "span": { "start": f.span.range.start, "end": f.span.range.end },
        "text": f.span.text(),
        "allowed": f.allowed,
        "model": f.model.as_ref().map(|m| {
            m.values
                .iter()
                .map(|(a, value)| serde_json::json!({ "atom": atom_words(rulebook, a), "value": value }))
                .collect::<Vec<_>>()
        }),
    });
    let labels = labels(rulebook, f);
    if let Some(map) = v.as_object_mut() {
        for (key, value) in labels {
            map.insert(key.to_owned(), value);
        }
    }
    v
}

/// The article, exceptions and act a finding names, by their labels.
fn labels(r: &Rulebook, f: &Finding) -> Vec<(&'static str, serde_json::Value)> {
    use crate::lint::logic::Owner;
    let article = |i: usize| serde_json::Value::from(&*r.articles[i].number);
    let exception = |i: usize| serde_json::Value::from(&*r.exceptions[i].name);
    let act = |a: u16| serde_json::Value::from(&*r.acts[usize::from(a)].name);
    let mut out = match f.owner {
        Owner::Article(i) => vec![("article", article(i))],
        Owner::Exception(i) => vec![("exception", exception(i))],
        Owner::Act(a) => vec![("act", act(a))],
        Owner::Pragma => Vec::new(),
    };
    match &f.kind {
        Kind::NeverWithArticle { articles } => {
            out.push(("articles", articles.iter().map(|&a| article(a)).collect()))
        }
        Kind::Redundant { by } => out.push(("by_exception", exception(*by))),
        Kind::Shadowed { by } => out.push(("by", by.text().into())),
        Kind::Overlap {
            article: a,
            relieves,
            upholds,
        } => {
            out.push(("article", article(*a)));
            out.push((
                "exceptions",
                vec![exception(*relieves), exception(*upholds)].into(),
            ));
        }
        Kind::Unsatisfiable
        | Kind::AlwaysTrue
        | Kind::PartAlwaysTrue
        | Kind::PartAlwaysFalse
        | Kind::Gap { .. }
        | Kind::UnusedAct { .. }
        | Kind::NotDecided { .. }
        | Kind::PragmaWithoutReason
        | Kind::PragmaUnknownCode { .. }
        | Kind::PragmaAllowsNothing => {}
    }
    out
}
