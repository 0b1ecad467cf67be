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
    /// For an act another event implies: that event, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implied_by: Option<Implication>,
}

/// Where an implied act comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Implication {
    pub event: Name,
    pub because: Name,
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
    /// Why: data, worded by the renderers.
    pub reason: Reason,
    /// Who did it and who answers for it, once the act is found to be one
    /// the article reaches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<Responsibility>,
    /// For a party answering under a duty to prevent: the standard of
    /// conduct it was judged by, element by element.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diligence: Option<DiligenceTrial>,
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
    /// Why a test could not be decided, as data; when given, it says it
    /// instead of `unknown_because`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doubt: Option<Doubt>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// For a test findings can decide: the findings weighed, and whether
    /// the record or a finding decided it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Box<Basis>>,
    /// How the step reads related events, so a reason can follow them.
    #[serde(skip)]
    pub related: Option<Related>,
}

/// A step that reads related events.
#[derive(Debug, Clone)]
pub enum Related {
    /// `some RELATION ...`: its steps are the related events tried.
    Quantifier(&'static str),
    /// One related event tried, bound to a name: `attack = E-1`.
    Tried(Bound),
    /// A related event not tried: the link to it does not meet the standard.
    Unlinked(Bound),
    /// Related events tried but not listed, so many were there.
    Omitted { count: usize },
}

/// Why a test could not be decided, as data the renderers word.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Doubt {
    /// An instant of the rulebook is known only to the day (an entry into
    /// force whose hour was never published, say), and the event's time
    /// falls on that day: whether it came before or after is unknown.
    WithinDay {
        /// What the instant is.
        of: DayOf,
        /// The day as the rulebook writes it: `2025-09-03 Europe/Kyiv`.
        day: Name,
    },
    /// The event is known only to lie in an area, and the test holds on
    /// part of it and fails on another (`split`), or the area is too large,
    /// or too near the test's edge, to decide on the whole of it.
    Area { split: bool },
    /// The area names a zone or line this rulebook does not declare (an
    /// events file judged under several rulebooks).
    AreaUndeclared { what: Declared, name: Name },
    /// The area reaches without bound (a zone such as `not dmz`): no test
    /// can be decided on the whole of it.
    AreaUnbounded,
}

/// What kind of name an area gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Declared {
    Zone,
    Line,
}

/// An instant of the rulebook that may be known only to the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayOf {
    EntryIntoForce,
    /// The start of a party's suspension (or repudiation).
    Suspension {
        party: Name,
        repudiation: bool,
    },
    /// The end of a party's suspension (`until`).
    SuspensionEnd {
        party: Name,
    },
    /// The start of a regime.
    Regime {
        name: Name,
    },
    /// A deadline's due date.
    Deadline {
        name: Name,
    },
    /// The day an extension of a deadline was agreed.
    Extension {
        deadline: Name,
    },
    /// A date a condition compares a time with.
    Bound,
}

/// A related event bound to the name `some` gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bound {
    pub binding: Name,
    pub event: Name,
}

/// How a test that findings can decide was decided.
#[derive(Debug, Clone, Serialize)]
pub struct Basis {
    pub decided_by: DecidedBy,
    /// The standard each finding had to meet: the article's or exception's.
    pub standard: Name,
    /// The findings about this test, each weighed.
    pub findings: Vec<Weighed>,
    /// When a finding that meets the standard contradicts the record:
    /// whether the record's own evidence meets it too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_meets_standard: Option<bool>,
}

/// What decided a test findings bear on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// The record (coordinates, times, counts) decided it; any finding
    /// agreed or fell short of the standard.
    Record,
    /// The record could not, and a finding meeting the standard did.
    Finding,
    /// A finding meeting the standard contradicted the record, whose own
    /// evidence falls short of it: the finding decided.
    FindingOverRecord,
    /// A finding meeting the standard contradicted the record, whose own
    /// evidence meets it too: left open.
    Conflict,
    /// A finding of an element, meeting the standard, contradicted the
    /// rulebook's measure of it (minutes, metres, rounds): the finding of
    /// the element itself decided.
    FindingOverMeasure,
    /// Findings meeting the standard contradict each other and the record
    /// does not decide: left open.
    FindingsConflict,
    /// Neither the record nor a finding meeting the standard decided it.
    Undecided,
}

/// A finding, weighed for one test.
#[derive(Debug, Clone, Serialize)]
pub struct Weighed {
    /// The event it is recorded with.
    pub event: Name,
    pub test: crate::events::FindingTest,
    pub holds: bool,
    /// What it says of the test at hand.
    pub says: Truth,
    pub by: Name,
    /// Whether its evidence meets the standard.
    pub met: bool,
    /// The items it rests on, each weighed; empty when it rests on the
    /// evidence recorded with its event.
    pub evidence: Vec<EvidenceNote>,
    /// It gives no evidence of its own and rests on its event's (a finding
    /// about an act another event implies).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_event_evidence: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Name>,
}

/// Why a finding came out as it did: data, worded by the renderers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// Not decided yet: only while judging.
    Pending,
    /// The article's condition is false; this test made it so.
    NotMet { test: Arc<str> },
    /// The article was not applied: the agreement or this article was
    /// suspended or repudiated for the actor's party.
    NotApplied { why: String },
    /// The actor is not bound by the agreement, and the article does not
    /// reach it (a monitor's or mediator's act, a non-party's).
    NotBound { actor: Name, role: ActorRole },
    /// The act is not its party's own: the actor acted privately, and the
    /// article imputes no act in that capacity.
    NotImputable {
        party: Name,
        capacity: crate::check::Capacity,
    },
    /// The act may or may not be its party's own: the record does not tell
    /// in what capacity the actor acted.
    CapacityUnknown { party: Name },
    /// Who controls the place the act came from is unknown.
    ControllerUnknown { field: &'static str },
    /// The agreement may not have bound the actor's party at the time:
    /// why, worded (`why`, empty when `doubt` says it) or as data.
    NotInForce {
        #[serde(skip_serializing_if = "String::is_empty")]
        why: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        doubt: Option<Doubt>,
    },
    /// An excusing (or carving-out) and an upholding exception both apply,
    /// with no rank between them.
    ExceptionsConflict { excuse: Name, upholds: Name },
    /// An exception excuses the act: justified.
    Excused {
        exception: Name,
        breach_proven: bool,
    },
    /// The article itself does not reach the act (authorised, say).
    CarvedOut { exception: Name },
    /// The condition could not be decided.
    CannotDecide {
        test: Arc<str>,
        because: Option<String>,
        /// Why, as data, when the test says it so.
        #[serde(skip_serializing_if = "Option::is_none")]
        doubt: Option<Doubt>,
        decided_by: Option<DecidedBy>,
    },
    /// The condition is met but the occurrence is not proven.
    NotProven { occurrence: String },
    /// The occurrence is proven, the attribution is not.
    NotAttributed {
        occurrence: String,
        attribution: String,
    },
    /// A breach: met, proven, and no excuse applies (each excuse's failed
    /// element named), or one is upheld over them.
    Breach {
        failed: Vec<FailedExcuse>,
        upheld: Option<Name>,
        set_aside: Vec<Name>,
    },
    /// Met and proven, but exceptions that may apply cannot be decided.
    ExceptionsOpen {
        exceptions: Vec<Name>,
        test: Option<Arc<str>>,
        because: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        doubt: Option<Doubt>,
    },
    /// A party answering under a duty to prevent took the care the
    /// rulebook's standard of conduct asks: its duty was not breached.
    Diligent { party: Name, diligence: Name },
    /// Whether a party answering under a duty to prevent took that care
    /// cannot be decided.
    DiligenceOpen {
        party: Name,
        diligence: Name,
        element: crate::check::DiligenceElement,
    },
}

/// What an actor not bound by the agreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    Monitor,
    Mediator,
    NonParty,
}

/// An excuse that did not apply, and the element of it that failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedExcuse {
    pub exception: Name,
    /// The test that was false, or the relation that found no event.
    pub element: FailedElement,
    /// The related events it was tried on, innermost last.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<Bound>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FailedElement {
    /// The act has no event of that relation.
    NoRelated { relation: &'static str },
    /// This test was false.
    False { test: Arc<str> },
    /// The link to the event it needed does not meet the standard.
    Unlinked { binding: Name, event: Name },
}

/// Who did an act, and who answers for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Responsibility {
    pub perpetrator: Perpetrator,
    /// `None` when no party answers (an act of unknown origin under
    /// `responsible actor.party`, a non-party's act the instrument reaches).
    pub answers: Option<Answer>,
}

/// Who did an act, as far as the record tells.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Perpetrator {
    /// A party, acting as such.
    Party { id: Name },
    /// An armed group under a party.
    Group { id: Name, under: Name },
    /// A person of a party's side acting on his own.
    Private {
        party: Name,
        capacity: crate::check::Capacity,
    },
    /// An actor no party answers for.
    NonParty { id: Name },
    /// Unknown: an act of unknown origin.
    Unknown,
}

/// The party that answers for an act, and on what footing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub party: Name,
    pub duty: Duty,
}

/// Why a party answers for an act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Duty {
    /// The act is its own.
    OwnAct,
    /// It had to prevent the act: an act of a group under it, of one of its
    /// people acting privately, or from a place it controls.
    Prevent { because: PreventBecause },
    /// The article names it, whoever acted.
    Named,
    /// Its own act, or one of its people's that it had to prevent: the
    /// record does not tell in what capacity the actor acted, and the party
    /// answers either way.
    OwnOrPrevent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PreventBecause {
    /// The actor is a group under it.
    Group,
    /// The actor is one of its people, acting privately.
    Private,
    /// It controls the place the act came from (`origin`), happened in
    /// (`place`) or was aimed at (`target`).
    Controls(&'static str),
}

/// A duty to prevent judged by a standard of conduct: each element, and
/// whether the duty was breached (knew, could, and took no measures).
#[derive(Debug, Clone, Serialize)]
pub struct DiligenceTrial {
    pub diligence: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Name>,
    /// Whether the party failed in its duty.
    pub breached: Truth,
    /// Knowledge, means, measures, each evaluated.
    pub elements: Vec<ElementStep>,
}

/// One element of due diligence, evaluated.
#[derive(Debug, Clone, Serialize)]
pub struct ElementStep {
    pub element: crate::check::DiligenceElement,
    pub step: Step,
}

/// A fact read from an event, with any value computed from it.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub event: Name,
    pub field: &'static str,
    pub value: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<String>,
    /// What was found from it, as data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// What a fact showed, as data the renderers word.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// The point lies on the side of these lines that the party holds, or
    /// (`area`) in the area the rulebook gives it, or both.
    HeldBy {
        party: Name,
        lines: Vec<Name>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        area: bool,
    },
    /// No line with holdings passes the point: it lies beyond their ends.
    NoHolder,
    /// The point is closer to a line with holdings than its uncertainty.
    NearLine,
    /// The position, known only as an area, reaches across a line with
    /// holdings or into another party's area.
    AreaAcross,
    /// The record does not tell, but a finding puts the point on the side
    /// of a line that the party holds.
    SideFound { party: Name, line: Name, by: Name },
    /// The record does not place the target, but a finding says the act
    /// crossed this line: it lies on the far side, which the party holds.
    BeyondCrossing { party: Name, line: Name, by: Name },
    /// The record does not place the target, but says the act struck this
    /// party's forces (`affected`).
    Struck { party: Name },
    /// The lines with holdings disagree about whose side it is on.
    HoldersDisagree { parties: Vec<Name> },
    /// A path read at `points` points: where it first passed over the
    /// zone or area asked about, if it did.
    Over {
        #[serde(skip_serializing_if = "Option::is_none")]
        entered: Option<Name>,
        points: usize,
        /// The longest stretch left unread between two points, in metres.
        step_m: u32,
    },
    /// The actor is a group under this party.
    GroupUnder { party: Name },
    /// What a link to another event rests on: its own evidence, or (when it
    /// was recorded bare) the record of the event that makes it.
    Link {
        #[serde(skip_serializing_if = "Option::is_none")]
        by: Option<Name>,
        own_evidence: bool,
        standard: Name,
        met: bool,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        evidence: Vec<EvidenceNote>,
    },
    /// The element has no definition: findings alone decide it.
    FindingsOnly,
    /// The zone's parts, one by one, left the position open; decided on
    /// the zone as a whole: every place the position may be lies inside
    /// it (`inside`), or every place outside.
    WholeZone { zone: Name, inside: bool },
    /// The position is known only as an area: the test holds on every
    /// place of it (`holds`), or fails on every place.
    Area { holds: bool },
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
    /// Who did it, by the finding that decided the verdict.
    pub fn perpetrator(&self) -> Option<&Perpetrator> {
        self.articles
            .iter()
            .filter(|f| f.outcome == self.outcome)
            .find_map(|f| f.responsibility.as_ref())
            .map(|r| &r.perpetrator)
    }

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
            doubt: None,
            steps: Vec::new(),
            basis: None,
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
