//! `some RELATION as NAME where ...`: a test over the events the judged
//! event is related to in the graph.

use super::cond::Env;
use super::proof::Aspect;
use super::truth::Truth;
use super::verdict::{Fact, Related, Step};
use crate::check::{Cond, Relation, Subject};

impl Env<'_> {
    /// True if some related event meets the condition; unknown if none
    /// does but one might (its test is unknown, or it was rejected).
    pub(super) fn some(
        &mut self,
        cond: &Cond,
        relation: Relation,
        binding: &str,
        condition: Option<&Cond>,
    ) -> Step {
        let related = self.graph.related(self.subjects[0], relation);
        let judged = self.event(Subject::EVENT).id.clone();
        let mut truth = Truth::False;
        let mut steps = Vec::new();
        let mut facts = Vec::new();
        let mut unknown_because = None;
        for j in related {
            let other = self.graph.events[j].id.clone();
            facts.push(Fact {
                event: judged.clone(),
                field: relation.name(),
                value: other.clone(),
                computed: None,
            });
            let result = match condition {
                Some(c) => {
                    self.subjects.push(j);
                    let mut step = self.eval(c);
                    self.subjects.pop();
                    step.condition = format!("{binding} = {other}: {}", step.condition).into();
                    step.related = Some(Related::Tried(format!("{binding} = {other}")));
                    let r = step.result;
                    steps.push(step);
                    r
                }
                None => Truth::True,
            };
            truth = match (truth, result) {
                (Truth::True, _) | (_, Truth::True) => Truth::True,
                (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                _ => Truth::False,
            };
            if truth == Truth::True {
                break;
            }
        }
        // A related event that was rejected, or that this instrument does
        // not cover, might have met the test.
        for id in self.graph.unresolved(self.subjects[0], relation) {
            let why = if self.graph.is_outside(id) {
                "outside this instrument (its act or party is not declared here)"
            } else {
                "rejected"
            };
            facts.push(Fact {
                event: judged.clone(),
                field: relation.name(),
                value: id.into(),
                computed: Some(format!("{why}, so it cannot be read")),
            });
            if truth == Truth::False {
                truth = Truth::Unknown;
                unknown_because = Some(format!("{} `{id}` is {why}", relation.name()));
            }
        }
        Step {
            condition: cond.text.clone(),
            result: truth,
            facts,
            unknown_because,
            steps,
            related: Some(Related::Quantifier(relation.name())),
        }
    }
}

impl Env<'_> {
    /// `attack is established`: the related event names a party, and its
    /// occurrence and attribution meet the preponderance standard, as an
    /// excuse needs before it answers the event.
    pub(super) fn established(&self, cond: &Cond, subject: Subject) -> Step {
        let i = self.subjects[usize::from(subject.0)];
        let e = &self.graph.events[i];
        let Some(standard) = self.rulebook.standard("preponderance") else {
            return super::cond::unknown(cond, "no `preponderance` standard".into());
        };
        let parties = &self.rulebook.parties;
        let mut met = true;
        let mut facts = Vec::new();
        // An act of unknown origin is not established as anyone's: an
        // excuse that answers an attack needs to know whose it was.
        if e.party.is_none() {
            met = false;
            facts.push(Fact {
                event: e.id.clone(),
                field: "actor.party",
                value: "unknown".into(),
                computed: Some("not established as any party's act".into()),
            });
        }
        for aspect in [Aspect::Occurrence, Aspect::Attribution] {
            if aspect == Aspect::Attribution && e.party.is_none() {
                continue;
            }
            let p = super::proof::assess(self.graph, parties, i, standard, aspect);
            met &= p.met;
            facts.push(Fact {
                event: e.id.clone(),
                field: aspect.word(),
                value: p.reason.into(),
                computed: None,
            });
        }
        Step::leaf(cond.text.clone(), Truth::from(met), facts)
    }
}
