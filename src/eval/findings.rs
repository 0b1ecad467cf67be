//! Findings: what a monitor or an investigating body established about a
//! test (a crossing, a zone, a side, what an act was aimed at, an element),
//! weighed against the standard of proof in force for the condition, and
//! combined with what the record itself decides.
//!
//! The record decides where it can. Where it cannot (a position published
//! to a kilometre, a line good to a kilometre, no coordinates at all), a
//! finding about the same test that meets the standard decides. A finding
//! that the record contradicts is never silently preferred: it decides
//! only when the record's own evidence falls short of the standard, and
//! the test is left open when both meet it.

use super::cond::Env;
use super::proof::{Aspect, weigh};
use super::truth::Truth;
use super::verdict::{Basis, DecidedBy, Step, Weighed};
use crate::check::{
    DiligenceElement, ObjectSel, PartyIdx, PointField, Role, Rulebook, Side, Subject,
};
use crate::events::{FindingTest, MonitorFinding, Object};

/// The test a step is about, as findings name it.
#[derive(Clone, Copy)]
pub(super) enum Asked<'a> {
    /// `trajectory crosses LINE [from SIDE]`: `line` is the line drawn for
    /// the actor, `written` the one the condition names (a line drawn
    /// differently for each party), which a finding may name instead.
    Crosses {
        line: usize,
        written: usize,
        from: Option<Side>,
    },
    /// `FIELD in ZONE`; `read` is the field the record was read from (an
    /// origin stands in for a missing place).
    In {
        zone: usize,
        field: PointField,
        read: PointField,
    },
    /// `FIELD on SIDE side of LINE`
    Side {
        line: usize,
        side: Side,
        field: PointField,
        read: PointField,
    },
    /// `directed at ...`, with the answering party of the actor and the
    /// party asked about, resolved.
    Directed {
        object: ObjectSel,
        actor: Option<PartyIdx>,
        party: Option<PartyIdx>,
    },
    /// An element of the rulebook, about the event alone or another too.
    Element { element: usize, of: Option<&'a str> },
    /// An element of due diligence.
    Diligence(DiligenceElement),
}

impl Env<'_> {
    /// `step`, as the record decided it, settled with the findings that
    /// `subject` records about the test asked.
    pub(super) fn settle(&self, mut step: Step, subject: Subject, asked: Asked<'_>) -> Step {
        let index = self.subjects[usize::from(subject.0)];
        let e = &self.graph.events[index];
        if e.findings().is_empty() {
            return step;
        }
        let standard = &self.rulebook.standards[self.standard];
        // The event's own evidence, weighed once for the findings resting on it.
        let on_event = std::cell::OnceCell::new();
        let weighed: Vec<Weighed> = e
            .findings()
            .iter()
            .filter_map(|f| {
                let says = says(self.rulebook, f, asked)?;
                let (met, evidence) = match &f.evidence {
                    Some(items) => weigh(&e.id, items, standard),
                    None => {
                        let met = *on_event.get_or_init(|| weigh(&e.id, &e.evidence, standard).0);
                        (met, Vec::new())
                    }
                };
                Some(Weighed {
                    event: e.id.clone(),
                    test: f.test.clone(),
                    holds: f.holds,
                    says,
                    by: f.by.clone(),
                    met,
                    evidence,
                    on_event_evidence: f.evidence.is_none(),
                    text: f.text.as_deref().map(Into::into),
                })
            })
            .collect();
        if weighed.is_empty() {
            return step;
        }
        let found = agreed(&weighed);
        let record = step.result;
        let mut record_meets_standard = None;
        let (result, decided_by) = match (record, found) {
            (Truth::Unknown, Found::Says(t)) => (t, DecidedBy::Finding),
            (Truth::Unknown, Found::Conflict) => (Truth::Unknown, DecidedBy::FindingsConflict),
            (Truth::Unknown, Found::Nothing) => (Truth::Unknown, DecidedBy::Undecided),
            // An element's definition is the rulebook's measure of it (30
            // minutes for "still under way"): a finding of the element
            // itself, meeting the standard, prevails over the measure.
            (_, Found::Says(t)) if matches!(asked, Asked::Element { .. }) && t != record => {
                (t, DecidedBy::FindingOverMeasure)
            }
            (r, Found::Says(t)) if t != r => {
                // The record and a finding that meets the standard disagree:
                // the evidence behind the record decides what follows.
                let own = self.record_meets(index);
                record_meets_standard = Some(own);
                if own {
                    (Truth::Unknown, DecidedBy::Conflict)
                } else {
                    (t, DecidedBy::FindingOverRecord)
                }
            }
            (r, _) => (r, DecidedBy::Record),
        };
        if result != Truth::Unknown {
            step.doubt = None;
        }
        step.result = result;
        step.basis = Some(Box::new(Basis {
            decided_by,
            standard: standard.name.clone(),
            findings: weighed,
            record_meets_standard,
        }));
        step
    }

    /// Whether the evidence recorded with an event (and with the events
    /// corroborating it) establishes its occurrence to the standard in force:
    /// what its coordinates and times rest on.
    pub(super) fn record_meets(&self, event: usize) -> bool {
        let standard = &self.rulebook.standards[self.standard];
        let parties = &self.rulebook.parties;
        super::proof::assess(self.graph, parties, event, standard, Aspect::Occurrence).met
    }
}

/// What the counted findings (those meeting the standard) say together.
enum Found {
    Says(Truth),
    Conflict,
    Nothing,
}

fn agreed(weighed: &[Weighed]) -> Found {
    let mut says = weighed
        .iter()
        .filter(|w| w.met && w.says != Truth::Unknown)
        .map(|w| w.says);
    match says.next() {
        None => Found::Nothing,
        Some(first) if says.all(|t| t == first) => Found::Says(first),
        Some(_) => Found::Conflict,
    }
}

/// What a finding says of the test asked: `None` when it is about another
/// test; unknown when it is about this one but does not settle it.
fn says(rulebook: &Rulebook, f: &MonitorFinding, asked: Asked<'_>) -> Option<Truth> {
    let truth = match (&f.test, asked) {
        (
            FindingTest::Crosses { line, from },
            Asked::Crosses {
                line: l,
                written,
                from: wanted,
            },
        ) => {
            let named = |i: usize| **line == *rulebook.lines[i].name;
            if !named(l) && !named(written) {
                return None;
            }
            // A crossing that did not happen did not happen from any side.
            if !f.holds && from.is_none() {
                return Some(Truth::False);
            }
            match (
                wanted,
                from.as_deref().and_then(|w| side_of(rulebook, l, w)),
            ) {
                (None, _) => Truth::True,
                (Some(w), Some(found)) => Truth::from(w == found),
                (Some(_), None) => Truth::Unknown,
            }
        }
        (
            FindingTest::In { zone, field },
            Asked::In {
                zone: z,
                field: asked,
                read,
            },
        ) => {
            if **zone != *rulebook.zones[z].name || !same_point(*field, asked, read) {
                return None;
            }
            Truth::True
        }
        (
            FindingTest::Side { line, side, field },
            Asked::Side {
                line: l,
                side: wanted,
                field: asked,
                read,
            },
        ) => {
            if **line != *rulebook.lines[l].name || !same_point(*field, asked, read) {
                return None;
            }
            Truth::from(side_of(rulebook, l, side)? == wanted)
        }
        (
            FindingTest::DirectedAt { object },
            Asked::Directed {
                object: asked,
                actor,
                party,
            },
        ) => {
            let truth = directed(rulebook, object, asked, actor, party);
            // "Not aimed at A" denies "aimed at the other side" only where A
            // is the only other side.
            if !f.holds && matches!(asked, ObjectSel::OtherSide) && other_sides(rulebook) > 1 {
                return Some(Truth::Unknown);
            }
            truth
        }
        (FindingTest::Element { name, of }, Asked::Element { element, of: about }) => {
            let same = **name == *rulebook.elements[element].name && of.as_deref() == about;
            if !same {
                return None;
            }
            Truth::True
        }
        (FindingTest::Diligence { element }, Asked::Diligence(asked)) if *element == asked => {
            Truth::True
        }
        (
            FindingTest::Crosses { .. }
            | FindingTest::In { .. }
            | FindingTest::Side { .. }
            | FindingTest::DirectedAt { .. }
            | FindingTest::Element { .. }
            | FindingTest::Diligence { .. },
            _,
        ) => return None,
    };
    Some(if f.holds { truth } else { denied(truth) })
}

/// What a finding that something did *not* hold says of a test that its
/// holding would settle: it denies the test only where holding would have
/// made it true. That the shot was not aimed at A, or not from the north,
/// does not make it aimed at B, or from the south: the finding is silent.
fn denied(holding: Truth) -> Truth {
    match holding {
        Truth::True => Truth::False,
        Truth::False | Truth::Unknown => Truth::Unknown,
    }
}

/// How many sides, other than one's own, an act could be aimed at.
fn other_sides(rulebook: &Rulebook) -> usize {
    let parties = rulebook.parties.iter().filter(|p| p.role == Role::Party);
    parties.count().saturating_sub(1)
}

/// Whether a finding about `found` bears on a test of `asked`, which read
/// the record's `read` (an origin standing in for a missing place).
fn same_point(found: PointField, asked: PointField, read: PointField) -> bool {
    found == asked || found == read
}

/// The side of a drawn line a word names: a party holding it, or a
/// compass point.
pub(super) fn side_of(rulebook: &Rulebook, line: usize, word: &str) -> Option<Side> {
    let l = &rulebook.lines[line];
    if let Some(c) = crate::ast::Compass::parse(word) {
        return l.towards(c);
    }
    let p = rulebook.party(word)?;
    l.held_by(p)
}

/// What a finding that an act was aimed at `object` says of `directed at
/// ASKED`, for an actor answering to `actor` (when known).
fn directed(
    rulebook: &Rulebook,
    object: &Object,
    asked: ObjectSel,
    actor: Option<PartyIdx>,
    party: Option<PartyIdx>,
) -> Truth {
    let answering = |p: PartyIdx| super::article::answering(rulebook, p);
    let found = match object {
        Object::Party(id) => rulebook.party(id).map(answering),
        Object::OwnArea | Object::Intruder => None,
    };
    // A monitor, a mediator or a non-party is no side: an act aimed at it
    // is aimed at no side's area.
    let side = found.filter(|f| rulebook.parties[usize::from(*f)].role.is_bound());
    match (asked, object) {
        (ObjectSel::OwnArea, Object::OwnArea) | (ObjectSel::Intruder, Object::Intruder) => {
            Truth::True
        }
        (ObjectSel::OwnArea | ObjectSel::Intruder, _) => Truth::False,
        (ObjectSel::OtherSide, Object::Party(_)) => match (side, actor) {
            (None, _) => Truth::False,
            (Some(f), Some(a)) => Truth::from(f != a),
            (Some(_), None) => Truth::Unknown,
        },
        (ObjectSel::OtherSide, Object::OwnArea | Object::Intruder) => Truth::False,
        (ObjectSel::Party(_) | ObjectSel::PartyOf(_), Object::Party(_)) => match (found, party) {
            (Some(f), Some(q)) => Truth::from(f == q),
            // Aimed at someone this rulebook does not know: not at `q`.
            (None, Some(_)) => Truth::False,
            (_, None) => Truth::Unknown,
        },
        // A drill in one's own area is aimed at no party.
        (ObjectSel::Party(_) | ObjectSel::PartyOf(_), Object::OwnArea) => Truth::False,
        // Whose intruder it was, the finding does not say.
        (ObjectSel::Party(_) | ObjectSel::PartyOf(_), Object::Intruder) => Truth::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rulebook() -> Rulebook {
        rulebook_of("party A \"a\" party B \"b\" group G \"g\" under B monitor M \"m\"")
    }

    fn rulebook_of(parties: &str) -> Rulebook {
        let text = format!(
            "agreement \"t\" {{ in force 2025-01-01 00:00 UTC {parties} }}\nact fire \"f\"\n"
        );
        crate::compile(&crate::span::Source::new("t.truce", &text))
            .unwrap()
            .rulebook
    }

    /// What a finding that the act was (`holds`) or was not aimed at
    /// party `at` says of `directed at other side`, for an act by `actor`.
    fn denies(r: &Rulebook, at: &str, holds: bool, actor: &str) -> Option<Truth> {
        let finding = MonitorFinding {
            test: FindingTest::DirectedAt {
                object: Object::Party(at.into()),
            },
            holds,
            by: "M".into(),
            evidence: Some(Box::new([])),
            text: None,
        };
        let asked = Asked::Directed {
            object: ObjectSel::OtherSide,
            actor: r.party(actor),
            party: None,
        };
        super::says(r, &finding, asked)
    }

    #[test]
    fn a_finding_that_an_act_was_not_aimed_at_a_side_denies_only_what_holding_would_affirm() {
        let two = rulebook();
        // Not aimed at A, by B: not at the other side, where A is the only one.
        assert_eq!(denies(&two, "A", false, "B"), Some(Truth::False));
        // Not aimed at B, by B: silent (it might be aimed at A, or nowhere).
        assert_eq!(denies(&two, "B", false, "B"), Some(Truth::Unknown));
        // With a third side, not aimed at A may still be aimed at C.
        let three = rulebook_of("party A \"a\" party B \"b\" party C \"c\"");
        assert_eq!(denies(&three, "A", true, "B"), Some(Truth::True));
        assert_eq!(denies(&three, "A", false, "B"), Some(Truth::Unknown));
    }

    #[test]
    fn an_act_aimed_at_a_monitor_is_aimed_at_no_side() {
        let r = rulebook();
        assert_eq!(denies(&r, "M", true, "B"), Some(Truth::False));
        assert_eq!(denies(&r, "M", false, "B"), Some(Truth::Unknown));
        let at_m = Object::Party("M".into());
        assert_eq!(
            says(&at_m, ObjectSel::Party(3), Some("B"), Some("M")),
            Truth::True
        );
        assert_eq!(
            says(&at_m, ObjectSel::Party(0), Some("B"), Some("A")),
            Truth::False
        );
    }

    /// What a finding that the act was aimed at `object` says of `asked`,
    /// for an act by `actor`, asked about `party`.
    fn says(object: &Object, asked: ObjectSel, actor: Option<&str>, party: Option<&str>) -> Truth {
        let r = rulebook();
        let idx = |p: &str| r.party(p).map(|i| super::super::article::answering(&r, i));
        directed(&r, object, asked, actor.and_then(idx), party.and_then(idx))
    }

    #[test]
    fn a_finding_of_whom_an_act_was_aimed_at_answers_each_question() {
        let at_a = Object::Party("A".into());
        let at_g = Object::Party("G".into());
        // Aimed at A, by B: at the other side, at A, not at B.
        assert_eq!(
            says(&at_a, ObjectSel::OtherSide, Some("B"), None),
            Truth::True
        );
        assert_eq!(
            says(&at_a, ObjectSel::PartyOf(Subject(1)), Some("B"), Some("A")),
            Truth::True
        );
        assert_eq!(
            says(&at_a, ObjectSel::Party(1), Some("B"), Some("B")),
            Truth::False
        );
        assert_eq!(
            says(&at_a, ObjectSel::OwnArea, Some("B"), None),
            Truth::False
        );
        // A group counts as the party it is under.
        assert_eq!(
            says(&at_g, ObjectSel::OtherSide, Some("A"), None),
            Truth::True
        );
        assert_eq!(
            says(&at_g, ObjectSel::OtherSide, Some("B"), None),
            Truth::False
        );
        // By an actor of unknown origin, "the other side" cannot be told.
        assert_eq!(
            says(&at_a, ObjectSel::OtherSide, None, None),
            Truth::Unknown
        );
        // A drill in one's own area is aimed at no party; whose intruder
        // was aimed at, the finding does not say.
        assert_eq!(
            says(&Object::OwnArea, ObjectSel::OwnArea, Some("A"), None),
            Truth::True
        );
        assert_eq!(
            says(&Object::OwnArea, ObjectSel::Party(0), Some("B"), Some("A")),
            Truth::False
        );
        assert_eq!(
            says(&Object::Intruder, ObjectSel::Party(0), Some("B"), Some("A")),
            Truth::Unknown
        );
        assert_eq!(
            says(&Object::Intruder, ObjectSel::OtherSide, Some("B"), None),
            Truth::False
        );
    }
}
