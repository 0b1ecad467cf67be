//! `some RELATION as NAME where ...`: a test over the events the judged
//! event is related to in the graph.

use super::computed::Computed;
use super::cond::Env;
use super::proof::Aspect;
use super::proof::weigh;
use super::truth::Truth;
use super::verdict::{Bound, Doubt, Fact, Note, Related, Step};
use crate::check::{Cond, Reads, Relation, Subject};

/// What a nested `some`'s answer depends on: the test (by its address in
/// the rulebook), the events its condition reads, by their place in the
/// graph (`usize::MAX` for the subjects it does not read), and what else
/// the evaluation reads from its context.
#[derive(Hash, PartialEq, Eq)]
pub(super) struct SomeKey {
    test: usize,
    events: [usize; KEYED_SUBJECTS],
    standard: usize,
    excusing: bool,
    weapon: Option<usize>,
}

/// Subjects a key can hold: the judged event and the bindings of every
/// `some` the checker lets nest.
const KEYED_SUBJECTS: usize = 8;

impl Env<'_> {
    /// A `some`, answered once for each binding of the events it reads. A
    /// `some` inside another is tried for every event the outer one binds,
    /// though its answer rarely depends on that event: without this, three
    /// nested over n related events each took n³ tests.
    pub(super) fn some_once(
        &mut self,
        cond: &Cond,
        relation: Relation,
        binding: &str,
        condition: Option<&Cond>,
        reads: Reads,
    ) -> Step {
        // At the top, each `some` is asked once per event anyway.
        if self.subjects.len() < 2 || self.subjects.len() > KEYED_SUBJECTS {
            return self.some(cond, relation, binding, condition);
        }
        let mut events = [usize::MAX; KEYED_SUBJECTS];
        for (n, &event) in self.subjects.iter().enumerate() {
            if reads.contains(n) {
                events[n] = event;
            }
        }
        let key = SomeKey {
            test: std::ptr::from_ref(cond) as usize,
            events,
            standard: self.standard,
            excusing: self.excusing,
            weapon: self.weapon,
        };
        if let Some(step) = self.somes_seen.get(&key) {
            // An explanation about to be dropped needs only the answer.
            return if self.quiet {
                Step::leaf(cond.text.clone(), step.result, Vec::new())
            } else {
                step.clone()
            };
        }
        let step = self.some(cond, relation, binding, condition);
        self.somes_seen.insert(key, step.clone());
        step
    }

    /// True if some related event meets the condition; unknown if none
    /// does but one might (its test is unknown, or it was rejected). A link
    /// that does not meet the standard in force binds no event.
    pub(super) fn some(
        &mut self,
        cond: &Cond,
        relation: Relation,
        binding: &str,
        condition: Option<&Cond>,
    ) -> Step {
        let graph = self.graph;
        let related = graph.related(self.subjects[0], relation);
        let e = &graph.events[self.subjects[0]];
        let judged = e.id.clone();
        // Where each related id sits among the event's relations, to find
        // what its link rests on: only for an event with such links, and
        // once, however many events it relates to.
        let positions: Option<std::collections::HashMap<&str, usize>> = (!e.links().is_empty())
            .then(|| {
                let mut at = std::collections::HashMap::new();
                for (n, (r, id)) in e.relations.iter().enumerate() {
                    if *r == relation {
                        at.entry(&**id).or_insert(n);
                    }
                }
                at
            });
        let mut truth = Truth::False;
        let mut steps = Vec::new();
        let mut facts = Vec::new();
        let mut doubt = None;
        // Past the first events tried, an explanation shows only the last
        // (the one that met the test, if one did) and counts the rest, so
        // those are tried for their answer alone.
        let count = related.len();
        let mut omitted = Omitted::default();
        for (n, j) in related.into_iter().enumerate() {
            let other = graph.events[j].id.clone();
            let at = positions.as_ref().and_then(|p| p.get(&*other).copied());
            let (linked, note) = self.link(at);
            let shown = n < SHOWN - 1 || n + 1 == count;
            let (result, step) = match condition {
                // Not tried: the renderers say why, from the marker. An
                // excuse resting on an unproven link fails; a prohibition
                // cannot rule the link out either.
                _ if !linked => (
                    if self.excusing {
                        Truth::False
                    } else {
                        Truth::Unknown
                    },
                    None,
                ),
                Some(c) => {
                    let mut step = self.candidate(j, c, !shown);
                    if !shown && step.result == Truth::True {
                        step = self.candidate(j, c, false);
                    }
                    (step.result, Some(step))
                }
                None => (Truth::True, None),
            };
            let kept = shown || result == Truth::True;
            let unlinked = |result: Truth| {
                let text = format!("{binding} = {other}");
                let mut step = Step::leaf(text.into(), result, Vec::new());
                step.related = Some(Related::Unlinked(Bound {
                    binding: binding.into(),
                    event: other.clone(),
                }));
                step
            };
            if kept {
                facts.push(Fact {
                    event: judged.clone(),
                    field: relation.name().into(),
                    value: other.clone().into(),
                    computed: None,
                    note,
                });
                let step = match (step, linked) {
                    (Some(mut step), true) => {
                        step.condition = format!("{binding} = {other}: {}", step.condition).into();
                        step.related = Some(Related::Tried(Bound {
                            binding: binding.into(),
                            event: other.clone(),
                        }));
                        Some(step)
                    }
                    (_, false) => Some(unlinked(result)),
                    (None, true) => None,
                };
                omitted.last_has_step = step.is_some();
                steps.extend(step);
            } else if linked {
                omitted.add(result, None);
            } else {
                // An unlinked event's step is a leaf: kept aside, it is the
                // last step shown when the event that ends the search has
                // none (a `some` without `where`).
                omitted.add(result, Some(unlinked(result)));
            }
            truth = match (truth, result) {
                (Truth::True, _) | (_, Truth::True) => Truth::True,
                (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                _ => Truth::False,
            };
            if truth == Truth::True {
                break;
            }
        }
        omitted.summarise(&mut steps, &mut facts, binding);
        // A related event that was rejected, or that this instrument does
        // not cover, might have met the test.
        for id in self.graph.unresolved(self.subjects[0], relation) {
            let outside = self.graph.is_outside(id);
            facts.push(Fact {
                event: judged.clone(),
                field: relation.name().into(),
                value: id.into(),
                computed: Some(Box::new(Computed::Unreadable { outside })),
                note: None,
            });
            if truth == Truth::False {
                truth = Truth::Unknown;
                doubt = Some(Doubt::Unreadable {
                    relation: relation.name(),
                    event: id.into(),
                    outside,
                });
            }
        }
        Step {
            facts,
            doubt,
            steps,
            related: Some(Related::Quantifier(relation.name())),
            ..Step::leaf(cond.text.clone(), truth, Vec::new())
        }
    }

    /// The condition of a `some` tried on related event `j`; `quiet` when
    /// only its answer will be kept.
    fn candidate(&mut self, j: usize, condition: &Cond, quiet: bool) -> Step {
        let outer = std::mem::replace(&mut self.quiet, quiet);
        self.subjects.push(j);
        let step = self.eval(condition);
        self.subjects.pop();
        self.quiet = outer;
        step
    }

    /// Whether the judged event's link to a related event meets the standard in
    /// force: on its own evidence when recorded with some (a party's own
    /// claim that its act answered something never counts), otherwise on
    /// the judged event's own record. The note says which, when it matters.
    /// `at`: the link's position among the event's relations, when the
    /// event records any link with evidence of its own.
    fn link(&mut self, at: Option<usize>) -> (bool, Option<Note>) {
        let e = &self.graph.events[self.subjects[0]];
        let standard = &self.rulebook.standards[self.standard];
        match at.and_then(|n| e.link(n)) {
            Some(link) => {
                let (met, evidence) = weigh(&e.id, &link.evidence, standard);
                let note = Note::Link {
                    by: link.by.clone(),
                    own_evidence: true,
                    standard: standard.name.clone(),
                    met,
                    evidence,
                };
                (met, Some(note))
            }
            None => {
                let standard_name = standard.name.clone();
                let met = self.proof(self.standard, Aspect::Occurrence).met;
                let note = (!met).then_some(Note::Link {
                    by: None,
                    own_evidence: false,
                    standard: standard_name,
                    met,
                    evidence: Vec::new(),
                });
                (met, note)
            }
        }
    }
}

/// The most related events an explanation lists for one `some`: an event
/// may relate to thousands, and every one is still tried.
const SHOWN: usize = 12;

/// The related events a `some` tried that its explanation does not show:
/// how many, and what their steps' answers were.
#[derive(Default)]
struct Omitted {
    /// Facts not shown.
    facts: usize,
    /// The answers of the steps not shown.
    results: Vec<Truth>,
    /// The step of the latest unlinked event not shown: the last step
    /// shown when the event that ended the search has none.
    pending: Option<Step>,
    /// Whether the last event shown has a step.
    last_has_step: bool,
}

impl Omitted {
    fn add(&mut self, result: Truth, step: Option<Step>) {
        self.facts += 1;
        if let Some(earlier) = self.pending.take() {
            self.results.push(earlier.result);
        }
        match step {
            Some(step) => self.pending = Some(step),
            None => self.results.push(result),
        }
    }

    /// Counts the omitted events in one fact and one step, placed before
    /// the last fact and the last step shown, which follow them.
    fn summarise(mut self, steps: &mut Vec<Step>, facts: &mut Vec<Fact>, binding: &str) {
        if self.facts > 0
            && let Some(last) = facts.last()
        {
            let count = self.facts;
            let more = Fact {
                value: "".into(),
                note: Some(Note::Omitted { count }),
                computed: None,
                ..last.clone()
            };
            facts.insert(facts.len() - 1, more);
        }
        let last = match self.pending.take() {
            Some(pending) if !self.last_has_step => Some(pending),
            Some(pending) => {
                self.results.push(pending.result);
                None
            }
            None => None,
        };
        if !self.results.is_empty() {
            let count = self.results.len();
            let text = format!("{binding} = … ({count} more)");
            let mut summary = Step::leaf(text.into(), Truth::agreed(self.results), Vec::new());
            summary.related = Some(Related::Omitted { count });
            let at = if last.is_some() || !self.last_has_step {
                steps.len()
            } else {
                steps.len() - 1
            };
            steps.insert(at, summary);
        }
        steps.extend(last);
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
            return super::cond::unknown(cond, Doubt::NoPreponderance);
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
                field: "actor.party".into(),
                value: "unknown".into(),
                computed: Some(Box::new(Computed::NoParty)),
                note: None,
            });
        }
        for aspect in [Aspect::Occurrence, Aspect::Attribution] {
            if aspect == Aspect::Attribution && e.party.is_none() {
                continue;
            }
            let p = super::proof::assess(self.graph, parties, i, standard, aspect);
            met &= p.met;
            let field = match aspect {
                Aspect::Occurrence => "occurrence",
                Aspect::Attribution => "attribution",
            };
            facts.push(Fact {
                event: e.id.clone(),
                field: field.into(),
                value: p.standard.clone().into(),
                computed: None,
                note: Some(Note::Weighed { why: p.why }),
            });
        }
        Step::leaf(cond.text.clone(), Truth::from(met), facts)
    }
}
