//! Verdicts and their explanations, as data. Renderers only format these.

use std::sync::Arc;

use serde::Serialize;

pub use super::changes::When;
pub use super::doubt::{DayOf, Declared, Doubt};
use super::truth::Truth;
use crate::events::{EvidenceKind, Grade};
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
    /// What the sentence a lawyer reads first says, as data.
    pub summary: Summary,
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
    /// Names of the record read in this instrument's own, by counterparts
    /// the rulebooks declare (several instruments judged together).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub translated: Vec<Translation>,
    /// For an act that changes the agreement (or consents to another's
    /// change): what it changes, and whether it took effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeTrial>,
}

/// What a verdict's first sentence says: its outcome, and the articles
/// that decided it (in rulebook order), or why no article was applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Summary {
    /// Not decided yet: only while judging.
    Pending,
    /// The agreement did not bind the actor's party at the event's time.
    NotBound { why: Unbound },
    /// These articles are violated.
    Violates { articles: Vec<Name> },
    /// Every violation continues one found at an earlier report, `first`,
    /// where it is counted.
    Continues { articles: Vec<Name>, first: Name },
    /// These articles cannot be decided.
    CannotDecide { articles: Vec<Name> },
    /// An exception excuses the act under these articles.
    Excused { articles: Vec<Name> },
    /// No article is breached.
    NoBreach,
}

/// Why the agreement (or one article) did not bind the actor's party.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unbound {
    /// The event came before entry into force (as the rulebook writes it).
    NotYet { in_force: Name },
    /// The party had suspended or repudiated it.
    Suspended(Suspension),
}

/// A party's suspension or repudiation of the agreement, or of some of
/// its articles, as the rulebook or an event declared it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suspension {
    pub party: Name,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repudiation: bool,
    /// As written: `2023-11-22 15:00 Asia/Seoul`, or `some time ...` for a
    /// change made within a window.
    pub since: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Name>,
    /// The articles it covers; empty: the whole agreement.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<Name>,
    /// The event that declared it; `None`: the rulebook's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Name>,
}

/// A name of the record read as this instrument's own party, by a
/// counterpart a rulebook declares (`party ROK "..." under UNC in "..."`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Translation {
    /// What was read: the actor, the force affected, or the parties
    /// findings name.
    pub field: Translated,
    /// As the record names it.
    pub recorded: Name,
    /// This instrument's party it stands for.
    pub read_as: Name,
    /// `same` (the same forces, `as`) or `under` (among the forces the
    /// instrument names so).
    pub counterpart: crate::ast::CounterpartKind,
    /// The instrument whose rulebook declares the counterpart.
    pub declared_by: Name,
}

/// Where a translated name was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Translated {
    /// `actor.party`
    Actor,
    /// `affected`
    Affected,
    /// A party or side a finding names.
    Finding,
}

/// A change of the agreement an event records, and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeTrial {
    /// The event that states the change: this one, or the one it joins.
    pub event: Name,
    /// `None` for a declaration joining an event that states no change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what: Option<ChangeWhat>,
    /// The declarations it rests on, each weighed.
    pub consents: Vec<Consent>,
    pub effect: ChangeEffect,
}

/// What a change changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeWhat {
    /// A deadline set anew.
    Deadline { deadline: Name, until: When },
    /// A party's suspension, repudiation or resumption of its own
    /// obligations; `articles` empty: the whole agreement.
    Status {
        status: crate::check::StatusKind,
        articles: Vec<Name>,
        #[serde(skip_serializing_if = "Option::is_none")]
        until: Option<When>,
    },
}

/// One declaration a change rests on: by whom, and whether its evidence
/// establishes it (occurrence and attribution) to the standard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consent {
    pub event: Name,
    /// `None`: an actor of unknown origin.
    pub party: Option<Name>,
    pub standard: Name,
    pub established: bool,
}

/// Whether a change took effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeEffect {
    /// In effect from `from` (an instant, or a window when the
    /// declarations' times are uncertain), on the consent of `by`.
    Effective {
        from: When,
        /// `from` is a window: the declarations' times are uncertain.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        uncertain: bool,
        by: Allowed,
        /// It takes effect before it was made: the parties together may
        /// agree so.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        retroactive: bool,
        /// It says it takes effect at this earlier instant, which only
        /// the parties together may agree: it takes effect when made.
        #[serde(skip_serializing_if = "Option::is_none")]
        not_before: Option<When>,
    },
    /// No effect, and why.
    NotEffective { why: Refusal },
}

/// Who a `change` declaration lets make a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Allowed {
    /// Any party, alone, for itself.
    EachParty,
    /// Every one of these.
    Together { parties: Vec<Name> },
}

/// Why a change took no effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Refusal {
    /// The rulebook lets no one make this change.
    NoRule,
    /// For each way the rulebook allows it, the consents missing.
    Consents { ways: Vec<Way> },
    /// The consents are there, but the rule that allows the change has no
    /// effect under this doctrine setting.
    Doctrine { doctrine: Name, setting: Name },
    /// It joins an event that records no change this instrument reads.
    JoinsNothing { event: Name },
}

/// One way the rulebook allows a change, and what it lacked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Way {
    pub by: Allowed,
    /// Parties whose consent is not recorded, or not established.
    pub missing: Vec<Missing>,
    /// For `each party`: the change was not declared by a party.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_by_a_party: bool,
}

/// A consent a change lacked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    pub party: Name,
    /// Its declaration, when one is recorded but not established.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_established: Option<Name>,
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
    /// The rulebook (its default), the command line or a case manifest.
    pub set_by: crate::check::SetBy,
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
    /// Why a test could not be decided, as data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doubt: Option<Doubt>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// For a test findings can decide: the findings weighed, and whether
    /// the record or a finding decided it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Box<Basis>>,
    /// For `holdings exceed CEILING`: what was counted, unit by unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holdings: Option<Box<super::holdings::Holdings>>,
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
    /// A sum over an event's weapons: its steps are the weapon class tried
    /// on each weapon, what was counted, not parts of the test.
    Summed,
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
    NotApplied { why: Unbound },
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
    /// why, as data (the in-force step's doubt).
    NotInForce {
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
        /// Why the test stayed open, copied from its step.
        #[serde(skip_serializing_if = "Option::is_none")]
        doubt: Option<Doubt>,
        decided_by: Option<DecidedBy>,
        /// For a ceiling: the first limit whose count may or may not
        /// exceed it.
        #[serde(skip_serializing_if = "Option::is_none")]
        open: Option<super::holdings::OpenLimit>,
    },
    /// The condition is met but the occurrence is not proven.
    NotProven { occurrence: Weighing },
    /// The occurrence is proven, the attribution is not.
    NotAttributed {
        occurrence: Weighing,
        attribution: Weighing,
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
        /// Why the decisive test stayed open, copied from its step.
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
    pub field: FieldName,
    pub value: super::Shown,
    /// Boxed: most facts compute nothing, and a verdict moves its facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Box<super::computed::Computed>>,
    /// What was found from it, as data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
}

/// The field a fact was read from: one every event has (`weapon.type`),
/// or one named at run time: a fact the rulebook declares (`force`), one
/// weapon of several (`weapons[1].calibre`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldName {
    Fixed(&'static str),
    Named(Name),
}

impl FieldName {
    pub fn as_str(&self) -> &str {
        match self {
            FieldName::Fixed(s) => s,
            FieldName::Named(n) => n,
        }
    }
}

impl From<&'static str> for FieldName {
    fn from(s: &'static str) -> Self {
        FieldName::Fixed(s)
    }
}

impl From<Name> for FieldName {
    fn from(n: Name) -> Self {
        FieldName::Named(n)
    }
}

impl std::fmt::Display for FieldName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FieldName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
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
    /// The point is closer to the edge of a party's area than its
    /// uncertainty, and no area surely holds it.
    NearAreaEdge,
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
    /// The deadline in force at the event's time: each due instant it may
    /// have had then (one, unless the event's time, or when a change took
    /// effect, is uncertain), and changes of it made by then that took no
    /// effect.
    Deadline {
        deadline: Name,
        dues: Vec<DueSeen>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        refused: Vec<Name>,
    },
    /// The zone's parts, one by one, left the position open; decided on
    /// the zone as a whole: every place the position may be lies inside
    /// it (`inside`), or every place outside.
    WholeZone { zone: Name, inside: bool },
    /// The position is known only as an area: the test holds on every
    /// place of it (`holds`), or fails on every place.
    Area { holds: bool },
    /// The evidence for an event, weighed against a standard of proof.
    Weighed { why: Weighing },
    /// The fact stands for `count` related events tried and not listed
    /// (its value is empty): the explanation names only the first few.
    Omitted { count: usize },
    /// The fact is a grant's validity (its value empty): its first and
    /// last instants as written, either absent when the grant leaves it
    /// open.
    /// The fact is a list the grant leaves empty (its value empty).
    NoneListed,
    Validity {
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<Name>,
        #[serde(skip_serializing_if = "Option::is_none")]
        until: Option<Name>,
    },
}

/// A due instant of a deadline, as it bore on an event.
#[derive(Debug, Clone, Serialize)]
pub struct DueSeen {
    /// As written: `2025-02-18 00:00 Asia/Jerusalem`.
    pub due: Name,
    /// How the rulebook sets it: `60 d after entry into force`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how: Option<Name>,
    /// For a due instant a change set: when, and by which event (none:
    /// the rulebook's own `extend`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Changed>,
    /// Seconds from the due instant to the event's earliest and latest
    /// instant (negative: before it); for a due instant known only to the
    /// day, from the day's end and from its start.
    pub from_due: (f64, f64),
    /// The due instant is known only to the day (`due` names it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub day: bool,
}

/// When and by what a deadline was changed.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// When it took effect, as written.
    pub on: Name,
    /// The event that changed it; `None`: the rulebook's `extend`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<Name>,
    /// It brought the deadline forward rather than extending it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub earlier: bool,
    /// When it took effect is known only to a window (`on` says it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
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
    /// What the evidence had to establish.
    pub aspect: Aspect,
    pub met: bool,
    /// How it came out, as data (the renderers word it).
    pub why: Weighing,
    pub evidence: Vec<EvidenceNote>,
    /// Competing accounts: events that contradict this one (or that it
    /// contradicts), each with what it rests on, shown beside the evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contradicted_by: Vec<Account>,
}

/// What evidence must establish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// That the act happened.
    Occurrence,
    /// Who did it.
    Attribution,
}

/// Evidence weighed against a standard of proof: what the sentence that
/// says whether it was met tells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weighing {
    pub standard: Name,
    #[serde(flatten)]
    pub result: WeighingResult,
}

/// Whether the evidence met the standard, and with what.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WeighingResult {
    /// Met by these items.
    Met { by: Vec<Counted> },
    /// Not met: no evidence bears on it.
    NoEvidence { needs: Vec<Need> },
    /// Not met: it rests on party claims only, which never count.
    ClaimsOnly { needs: Vec<Need>, held: Vec<Held> },
    /// Not met: the items held fall short of every bar.
    ShortOf { needs: Vec<Need>, held: Vec<Held> },
}

/// An item that counted towards a standard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    pub grade: Grade,
    pub kind: EvidenceKind,
    pub source: Name,
}

/// An item the record holds, whether or not it counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Held {
    pub grade: Grade,
    pub kind: EvidenceKind,
}

/// One bar of a standard: `count` independent sources graded `grade` or
/// better (on both axes), other than a party's claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Need {
    pub count: usize,
    pub grade: Grade,
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
    pub kind: EvidenceKind,
    pub grade: Grade,
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
            doubt: None,
            steps: Vec::new(),
            basis: None,
            holdings: None,
            related: None,
        }
    }

    /// The test that decided this step's result: descending into the first
    /// part with the same result, but stopping where several parts decided
    /// it together (every alternative of an `or` false).
    pub fn decisive(&self) -> &Step {
        if matches!(self.related, Some(Related::Summed)) {
            return self;
        }
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
