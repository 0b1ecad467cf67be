//! Verdicts and their explanations, as data. Renderers only format these.

use std::sync::Arc;

use serde::Serialize;

use super::truth::Truth;
use crate::name::Name;

/// What was decided about one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    NoViolation,
    Justified,
    Inconclusive,
    Violation,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::NoViolation => "no_violation",
            Outcome::Justified => "justified",
            Outcome::Inconclusive => "inconclusive",
            Outcome::Violation => "violation",
        }
    }

    pub fn parse(name: &str) -> Option<Outcome> {
        [
            Outcome::NoViolation,
            Outcome::Justified,
            Outcome::Inconclusive,
            Outcome::Violation,
        ]
        .into_iter()
        .find(|o| o.name() == name)
    }
}

/// The verdict on one event, with every article's finding.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub event: Name,
    pub outcome: Outcome,
    /// The party held responsible (or, when justified or inconclusive, the
    /// party whose act was judged); `None` when the actor is unknown.
    pub party: Option<Name>,
    /// The agreement the event was judged under.
    pub instrument: Name,
    /// One sentence a lawyer can read first.
    pub summary: String,
    /// Whether the agreement was in force at the event's time.
    pub in_force: Step,
    /// One finding per article, in rulebook order (empty when not in force).
    pub articles: Vec<Finding>,
    /// The doctrine settings the verdict depended on: those a condition
    /// tested, or that gave a suspension effect or not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doctrines: Vec<DoctrineSetting>,
}

/// A doctrine setting a verdict depended on, and who chose it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoctrineSetting {
    pub doctrine: Name,
    pub setting: Name,
    /// `rulebook` (its default) or `command line`.
    pub set_by: &'static str,
}

/// What one article says about one event.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub article: Name,
    pub text: Name,
    pub outcome: Outcome,
    pub party: Option<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<&'static str>,
    /// Why, in one sentence.
    pub reason: String,
    /// The article's violation condition, evaluated.
    pub condition: Step,
    /// The evidence weighed against the standard of proof, when the
    /// condition was met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<Proof>,
    /// The evidence weighed for attributing the act to the responsible
    /// party, when the occurrence was proven and a party is named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Proof>,
    /// Every exception that overrides this article, tried or not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<ExceptionTrial>,
    /// For a violation reported in a chain of `continues`: the continuing
    /// state it starts or continues.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<super::state::State>,
    /// Whether the article's condition itself was false for the event (not
    /// merely inapplicable): for a continuing state, the sign of a remedy.
    #[serde(skip)]
    pub not_met: bool,
}

/// One condition, evaluated: its text as the rulebook wrote it, its truth,
/// the facts it read and what was computed from them, and its parts.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub condition: Arc<str>,
    pub result: Truth,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    /// Why a test could not be decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_because: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// How the step reads related events, so a reason can follow them.
    #[serde(skip)]
    pub related: Option<Related>,
}

/// A step that reads related events.
#[derive(Debug, Clone)]
pub enum Related {
    /// `some RELATION ...`: its steps are the related events tried.
    Quantifier(&'static str),
    /// One related event tried, as `attack = E-1`.
    Tried(String),
}

/// A fact read from an event, with any value computed from it.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub event: Name,
    pub field: &'static str,
    pub value: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<String>,
}

/// An exception tried against a met article.
#[derive(Debug, Clone, Serialize)]
pub struct ExceptionTrial {
    pub exception: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Name>,
    /// `excuses` (the act is justified) or `upholds` (it stays a breach).
    pub effect: crate::check::Effect,
    pub status: ExceptionStatus,
    /// `None` when the exception was not considered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<Step>,
}

/// What became of an exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionStatus {
    Applies,
    DoesNotApply,
    /// Its condition could not be decided.
    Undecided,
    /// Not reached: the article's condition was not met, or its occurrence
    /// not proven, so there was nothing to excuse.
    NotConsidered,
    /// It applies, but an exception ranked over it set it aside.
    SetAside,
}

impl From<Truth> for ExceptionStatus {
    fn from(t: Truth) -> Self {
        match t {
            Truth::True => ExceptionStatus::Applies,
            Truth::False => ExceptionStatus::DoesNotApply,
            Truth::Unknown => ExceptionStatus::Undecided,
        }
    }
}

/// The evidence weighed against an article's standard of proof.
#[derive(Debug, Clone, Serialize)]
pub struct Proof {
    pub standard: Name,
    /// `occurrence` or `attribution`: what the evidence had to establish.
    pub aspect: &'static str,
    pub met: bool,
    pub reason: String,
    pub evidence: Vec<EvidenceNote>,
    /// Competing accounts: events that contradict this one (or that it
    /// contradicts), each with what it rests on, shown beside the evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contradicted_by: Vec<Account>,
}

/// An account that competes with the judged event's.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub event: Name,
    /// The party it says acted; `None` when it names none.
    pub actor: Option<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Name>,
    /// Its evidence on the same aspect; never counted for the judged event.
    pub evidence: Vec<EvidenceNote>,
}

/// One item of evidence and whether it counted towards the standard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceNote {
    /// The event the evidence was recorded with.
    pub event: Name,
    pub source: Name,
    pub kind: &'static str,
    pub grade: String,
    pub counted: bool,
}

impl Verdict {
    /// Whether every violation in this verdict continues a breach already
    /// found at an earlier report (so it is not counted again).
    pub fn only_continues(&self) -> bool {
        self.outcome == Outcome::Violation
            && self
                .articles
                .iter()
                .filter(|f| f.outcome == Outcome::Violation)
                .all(|f| {
                    f.state
                        .as_ref()
                        .is_some_and(|s| s.role == super::state::Role::Continues)
                })
    }
}

impl Step {
    pub fn leaf(condition: Arc<str>, result: Truth, facts: Vec<Fact>) -> Step {
        Step {
            condition,
            result,
            facts,
            unknown_because: None,
            steps: Vec::new(),
            related: None,
        }
    }

    /// The test that decided this step's result: descending into the first
    /// part with the same result, but stopping where several parts decided
    /// it together (every alternative of an `or` false).
    pub fn decisive(&self) -> &Step {
        let agreeing = self
            .steps
            .iter()
            .filter(|s| s.result == self.result)
            .count();
        // An unknown is explained by its first unknown part, which says why.
        if self.result != Truth::Unknown && agreeing > 1 && agreeing == self.steps.len() {
            return self;
        }
        self.steps
            .iter()
            .find(|s| s.result == self.result)
            .map_or(self, Step::decisive)
    }
}
