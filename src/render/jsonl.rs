//! The report as JSON Lines (`--format jsonl`, schema in docs/report.md):
//! one compact JSON object a line, each with a `type` first so that a
//! reader can dispatch on it line by line. A `header`, then one `verdict`
//! per verdict as it is judged, then `pattern`, `outside`, `dependence`
//! and `rejection` lines, and last one `totals` line: a file without it
//! was cut short. The objects are those of the JSON report, but that a
//! verdict carries its data without the words beside it (a finding's
//! `why`, not its `reason`), and each article's text is given once, in
//! the header, not in every verdict.

use serde::Serialize;

use super::json::{ArticleText, ExceptionText, Tail, Tool, Wording, outside_views, texts, view};
use crate::check::Rulebook;
use crate::eval::Verdict;
use crate::report::{Input, Run, SCHEMA_VERSION};

/// What every line says first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Header,
    Verdict,
    Pattern,
    Outside,
    Dependence,
    Rejection,
    Totals,
}

impl Type {
    pub fn as_str(self) -> &'static str {
        match self {
            Type::Header => "header",
            Type::Verdict => "verdict",
            Type::Pattern => "pattern",
            Type::Outside => "outside",
            Type::Dependence => "dependence",
            Type::Rejection => "rejection",
            Type::Totals => "totals",
        }
    }
}

#[derive(Serialize)]
struct Header<'a> {
    schema_version: u32,
    tool: Tool,
    run: &'a Run,
    inputs: &'a [Input],
    articles: Vec<ArticleText<'a>>,
    /// Each exception's text, given once for the verdicts that try it.
    exceptions: Vec<ExceptionText<'a>>,
}

/// The first line: the schema version, the tool, the run and its inputs,
/// as at the top of the JSON report, then the text of every article of
/// the rulebooks judged under, in their order.
pub fn header(run: &Run, inputs: &[Input], books: &[&Rulebook]) -> String {
    let (articles, exceptions) = texts(books);
    let header = Header {
        schema_version: SCHEMA_VERSION,
        tool: Tool::this(),
        run,
        inputs,
        articles,
        exceptions,
    };
    line(Type::Header, &header)
}

/// One verdict's line: an item of the JSON report's `verdicts`.
pub fn verdict(v: &Verdict) -> String {
    line(Type::Verdict, &view(v, Wording::DataOnly))
}

/// The lines after the last verdict: each finding of a pattern, each
/// event outside an instrument's scope, each doctrine varied, each
/// rejected event, then the totals.
pub fn tail(t: &Tail<'_>) -> String {
    let mut out = String::new();
    lines(&mut out, Type::Pattern, t.patterns);
    if let Some(outside) = t.outside {
        lines(&mut out, Type::Outside, &outside_views(outside));
    }
    lines(&mut out, Type::Dependence, t.dependence.unwrap_or_default());
    lines(&mut out, Type::Rejection, t.rejected);
    out.push_str(&line(Type::Totals, t.totals));
    out
}

/// `--summary`: the header, the findings of patterns, the doctrines varied
/// and the totals.
pub fn summary(run: &Run, inputs: &[Input], books: &[&Rulebook], t: &Tail<'_>) -> String {
    let mut out = header(run, inputs, books);
    lines(&mut out, Type::Pattern, t.patterns);
    lines(&mut out, Type::Dependence, t.dependence.unwrap_or_default());
    out.push_str(&line(Type::Totals, t.totals));
    out
}

fn lines<T: Serialize>(out: &mut String, kind: Type, values: &[T]) {
    for v in values {
        out.push_str(&line(kind, v));
    }
}

/// One object on one line, its `type` spliced in first (cheaper than a
/// wrapper that flattens it).
fn line<T: Serialize + ?Sized>(kind: Type, value: &T) -> String {
    // Written once into a buffer sized for a verdict: growing it from
    // nothing, then copying it behind the type, cost more than the writing.
    let mut out = Vec::with_capacity(LINE_BYTES);
    out.extend_from_slice(b"{\"type\":\"");
    out.extend_from_slice(kind.as_str().as_bytes());
    out.push(b'"');
    let open = out.len();
    serde_json::to_writer(&mut out, value).expect("report parts serialise");
    assert_eq!(out.get(open), Some(&b'{'), "a line holds an object");
    // The object's `{` becomes the comma after the type, or goes when the
    // object is empty.
    if out.get(open + 1) == Some(&b'}') {
        out.remove(open);
    } else {
        out[open] = b',';
    }
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A verdict's line is a few kilobytes.
const LINE_BYTES: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_one_object_with_its_type_first() {
        #[derive(Serialize)]
        struct Empty {}
        #[derive(Serialize)]
        struct One {
            a: u8,
        }
        assert_eq!(line(Type::Totals, &Empty {}), "{\"type\":\"totals\"}\n");
        assert_eq!(
            line(Type::Pattern, &One { a: 1 }),
            "{\"type\":\"pattern\",\"a\":1}\n"
        );
    }
}
