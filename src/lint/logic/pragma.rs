//! `// lint: allow(gap, unused) reason: ...`: a comment on the lines just
//! before a declaration allows the findings of those codes about it. A
//! pragma without a reason, naming an unknown code, or allowing nothing is
//! itself a finding. The grammar is untouched: a pragma is a comment.

use super::acts::act_span;
use super::finding::{CODES, Finding, Kind, Owner};
use crate::check::Rulebook;
use crate::span::{Source, Span};

/// A pragma as written.
#[derive(Debug, Clone)]
struct Pragma {
    span: Span,
    codes: Vec<String>,
    reason: Option<String>,
}

/// Marks the findings pragmas allow, and adds the pragmas' own problems.
pub fn apply(rulebook: &Rulebook, findings: &mut Vec<Finding>) {
    let mut used: Vec<(usize, usize)> = Vec::new();
    for f in findings.iter_mut() {
        let Some(owner) = owner_span(rulebook, f.owner) else {
            continue;
        };
        for p in above(&owner) {
            if p.reason.is_some() && p.codes.iter().any(|c| c == f.kind.short_code()) {
                f.allowed = p.reason.clone();
                used.push((p.span.source.id(), p.span.range.start));
            }
        }
    }
    for p in pragmas(&rulebook.file) {
        let problem = if p.reason.is_none() {
            Some(Kind::PragmaWithoutReason)
        } else if let Some(code) = p.codes.iter().find(|c| !CODES.contains(&c.as_str())) {
            Some(Kind::PragmaUnknownCode { code: code.clone() })
        } else if !used.contains(&(p.span.source.id(), p.span.range.start)) {
            Some(Kind::PragmaAllowsNothing)
        } else {
            None
        };
        if let Some(kind) = problem {
            findings.push(Finding {
                kind,
                span: p.span,
                owner: Owner::Pragma,
                model: None,
                allowed: None,
            });
        }
    }
}

fn owner_span(rulebook: &Rulebook, owner: Owner) -> Option<Span> {
    match owner {
        Owner::Article(i) => Some(rulebook.articles[i].span.clone()),
        Owner::Exception(i) => Some(rulebook.exceptions[i].span.clone()),
        Owner::Act(a) => Some(act_span(rulebook, a)),
        Owner::Pragma => None,
    }
}

/// The pragmas in the comment lines just above where `span` starts.
fn above(span: &Span) -> Vec<Pragma> {
    let text = span.source.text();
    let start = text[..span.range.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut out = Vec::new();
    let mut end = start;
    while end > 0 {
        let line_start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..end - 1];
        if !line.trim_start().starts_with("//") {
            break;
        }
        if let Some(p) = parse(&span.source, line_start, line) {
            out.push(p);
        }
        end = line_start;
    }
    out
}

/// Every pragma of a file.
fn pragmas(source: &Source) -> Vec<Pragma> {
    let text = source.text();
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(p) = parse(source, offset, line.trim_end_matches(['\n', '\r'])) {
            out.push(p);
        }
        offset += line.len();
    }
    out
}

/// `// lint: allow(a, b) reason: text`, on a line starting at `offset`.
fn parse(source: &Source, offset: usize, line: &str) -> Option<Pragma> {
    let indent = line.len() - line.trim_start().len();
    let body = line.trim_start().strip_prefix("//")?.trim_start();
    let rest = body.strip_prefix("lint:")?.trim_start();
    let inner = rest.strip_prefix("allow(")?;
    let close = inner.find(')')?;
    let codes = inner[..close]
        .split(',')
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let after = inner[close + 1..].trim_start();
    let reason = after
        .strip_prefix("reason:")
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let range = offset + indent..offset + line.trim_end().len();
    Some(Pragma {
        span: Span::new(source, range),
        codes,
        reason,
    })
}
