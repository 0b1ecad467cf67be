//! The versioned JSON report (schema in docs/report.md). Field order is
//! fixed by these structs, so the same inputs give byte-identical output.

use serde::Serialize;

use crate::eval::{ExceptionTrial, Outcome, Proof, Step, Verdict};
use crate::events::Rejection;
use crate::report::{Adjudication, Input, Totals};

/// Bumped when a field is removed or renamed or changes meaning; new
/// fields may be added within a version (docs/report.md).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    inputs: &'a [Input],
    totals: Totals,
    verdicts: Vec<VerdictView<'a>>,
    rejected: &'a [Rejection],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct VerdictView<'a> {
    event: &'a str,
    outcome: Outcome,
    party: Option<&'a str>,
    instrument: &'a str,
    articles: Vec<FindingView<'a>>,
    explanation: Explanation<'a>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    article: &'a str,
    outcome: Outcome,
    party: Option<&'a str>,
    severity: Option<&'a str>,
    reason: &'a str,
}

#[derive(Serialize)]
struct Explanation<'a> {
    summary: &'a str,
    in_force: &'a Step,
    articles: Vec<ArticleReasoning<'a>>,
}

#[derive(Serialize)]
struct ArticleReasoning<'a> {
    article: &'a str,
    text: &'a str,
    condition: &'a Step,
    #[serde(skip_serializing_if = "Option::is_none")]
    proof: Option<&'a Proof>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    exceptions: &'a [ExceptionTrial],
}

fn view(v: &Verdict) -> VerdictView<'_> {
    VerdictView {
        event: &v.event,
        outcome: v.outcome,
        party: v.party.as_deref(),
        instrument: &v.instrument,
        articles: v
            .articles
            .iter()
            .map(|f| FindingView {
                article: &f.article,
                outcome: f.outcome,
                party: f.party.as_deref(),
                severity: f.severity,
                reason: &f.reason,
            })
            .collect(),
        explanation: Explanation {
            summary: &v.summary,
            in_force: &v.in_force,
            articles: v
                .articles
                .iter()
                .map(|f| ArticleReasoning {
                    article: &f.article,
                    text: &f.text,
                    condition: &f.condition,
                    proof: f.proof.as_ref(),
                    exceptions: &f.exceptions,
                })
                .collect(),
        },
    }
}

/// The report as pretty-printed JSON, ending in a newline.
pub fn report(a: &Adjudication) -> String {
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "truce",
            version: env!("CARGO_PKG_VERSION"),
        },
        inputs: &a.inputs,
        totals: a.totals(),
        verdicts: a.verdicts.iter().map(view).collect(),
        rejected: &a.rejected,
    };
    let mut out = serde_json::to_string_pretty(&report)
        .expect("the report holds only strings, numbers and lists");
    out.push('\n');
    out
}

/// One verdict as JSON, for `truce explain --format json`.
pub fn verdict(v: &Verdict) -> String {
    let mut out = serde_json::to_string_pretty(&view(v)).expect("a verdict serialises");
    out.push('\n');
    out
}
