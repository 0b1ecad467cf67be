//! A finding as a located diagnostic: message, code, labels, advice.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceSpan};

use super::atom_words;
use crate::check::Rulebook;
use crate::lint::logic::{Finding, Kind, Owner, Question};
use crate::span::{NamedFile, Span};

/// A finding, worded.
#[derive(Debug)]
pub struct LintDiagnostic {
    code: &'static str,
    message: String,
    error: bool,
    src: NamedFile,
    labels: Vec<(SourceSpan, String)>,
    help: String,
}

impl LintDiagnostic {
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LintDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LintDiagnostic {}

impl Diagnostic for LintDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<Severity> {
        Some(if self.error {
            Severity::Error
        } else {
            Severity::Warning
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().map(|(span, text)| {
            LabeledSpan::new_with_span(Some(text.clone()), *span)
        })))
    }
}

/// The diagnostic of a finding.
pub fn diagnostic(r: &Rulebook, f: &Finding) -> LintDiagnostic {
    let (message, label, mut help) = words(r, f);
    if let Some(model) = &f.model {
        let atoms: Vec<String> = model
            .true_atoms()
            .map(|a| format!("`{}`", atom_words(r, a)))
            .collect();
        if !atoms.is_empty() {
            help.push_str(&format!("; an event where {} shows it", atoms.join(", ")));
        }
    }
    let mut labels = vec![(range(&f.span), label)];
    if let Kind::Shadowed { by } = &f.kind
        && by.source.id() == f.span.source.id()
    {
        labels.push((range(by), "this covers it".to_owned()));
    }
    LintDiagnostic {
        code: f.kind.code(),
        message,
        error: f.kind.is_error(),
        src: f.span.source.named(),
        labels,
        help,
    }
}

fn range(span: &Span) -> SourceSpan {
    (span.range.start, span.range.end - span.range.start).into()
}

/// `article 7`, ``exception `answer` ``.
fn owner_words(r: &Rulebook, owner: Owner) -> String {
    match owner {
        Owner::Article(i) => format!("article {}", r.articles[i].number),
        Owner::Exception(i) => format!("exception `{}`", r.exceptions[i].name),
        Owner::Act(a) => format!("act `{}`", r.acts[usize::from(a)].name),
        Owner::Pragma => "the pragma".to_owned(),
    }
}

/// The message, the label and the advice.
fn words(r: &Rulebook, f: &Finding) -> (String, String, String) {
    let owner = owner_words(r, f.owner);
    let part = f
        .span
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let s = |x: &str| x.to_owned();
    match &f.kind {
        Kind::Unsatisfiable => (
            format!("the condition of {owner} can never be true"),
            s("no event meets this"),
            s(
                "this is a proof: its tests exclude each other, so no witness exists and it can never apply; look for two tests that cannot both hold",
            ),
        ),
        Kind::NeverWithArticle { articles } => {
            let list: Vec<String> = articles
                .iter()
                .map(|&a| r.articles[a].number.to_string())
                .collect();
            (
                format!(
                    "{owner} can never apply: its condition excludes that of article {}",
                    list.join(", ")
                ),
                s("never true of an event that breaches the article"),
                s(
                    "this is a proof: no witness exists; an exception is tried only where its article may be breached",
                ),
            )
        }
        Kind::AlwaysTrue => (
            format!("the condition of {owner} is true of every event"),
            s("never false"),
            s(
                "this is a proof (given every fact is known): it tests nothing; check what it should require",
            ),
        ),
        Kind::PartAlwaysTrue => (
            format!("`{part}` always holds where the rest of the condition of {owner} holds"),
            s("never false here"),
            s(
                "the rest of the condition already implies it: it can be left out, or it does not restrict what it was meant to",
            ),
        ),
        Kind::PartAlwaysFalse => (
            format!("`{part}` never holds where the rest of the condition of {owner} holds"),
            s("never true here"),
            s(
                "the tests it is combined with exclude it, so this part of the condition can never be met",
            ),
        ),
        Kind::Shadowed { by } => (
            format!(
                "`{part}` is shadowed by `{}` in the condition of {owner}",
                by.text().split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            s("adds nothing"),
            s(
                "every event that meets it meets the other side of the `or` too: it can be left out, or it was meant to say something else",
            ),
        ),
        Kind::Redundant { by } => (
            format!(
                "{owner} applies only where exception `{}` applies too",
                r.exceptions[*by].name
            ),
            s("changes no verdict"),
            s("both have the same effect on the same article: remove one, or narrow the other"),
        ),
        Kind::Overlap {
            article,
            relieves,
            upholds,
        } => (
            format!(
                "exceptions `{}` and `{}` can both apply to one event under article {}, and neither is ranked over the other",
                r.exceptions[*relieves].name,
                r.exceptions[*upholds].name,
                r.articles[*article].number
            ),
            s("can apply together with an exception of opposite effect"),
            format!(
                "rank one over the other (`over {}`), or such an event is judged inconclusive",
                r.exceptions[*relieves].name
            ),
        ),
        Kind::Gap { act } => (
            format!(
                "no article can apply to the hostile act `{}`",
                r.acts[usize::from(*act)].name
            ),
            s("no article reaches this act"),
            s(
                "this is a proof: no article's condition can be true of an event of this act; add it to an article, or allow it with a reason",
            ),
        ),
        Kind::UnusedAct { act } => (
            format!(
                "act `{}` is named by no condition",
                r.acts[usize::from(*act)].name
            ),
            s("never tested"),
            s(
                "no article or exception can tell an event of this act from another: if that is meant, allow it with a reason",
            ),
        ),
        Kind::NotDecided { question } => (
            format!(
                "the lint's budget ran out before it decided {}",
                question_words(r, *question, &owner)
            ),
            s("not decided"),
            s("the condition is too large for the lint's budget; nothing is claimed about it"),
        ),
        Kind::PragmaWithoutReason => (
            s("this `lint: allow` gives no reason"),
            s("no reason"),
            s("write why after it: `// lint: allow(gap) reason: ...`"),
        ),
        Kind::PragmaUnknownCode { code } => (
            format!("this `lint: allow` names `{code}`, which is no lint code"),
            s("unknown code"),
            format!(
                "the codes are {}",
                crate::lint::logic::finding::CODES.join(", ")
            ),
        ),
        Kind::PragmaAllowsNothing => (
            s("this `lint: allow` allows no finding"),
            s("allows nothing"),
            s("remove it, or put it on the lines just before the declaration its finding is about"),
        ),
    }
}

fn question_words(r: &Rulebook, q: Question, owner: &str) -> String {
    match q {
        Question::Satisfiable => format!("whether the condition of {owner} can be true"),
        Question::Part => format!("whether this part of the condition of {owner} matters"),
        Question::Exceptions => {
            format!("how {owner} stands to the other exceptions of its article")
        }
        Question::Reaches(a) => format!(
            "whether an article reaches the act `{}`",
            r.acts[usize::from(a)].name
        ),
    }
}
