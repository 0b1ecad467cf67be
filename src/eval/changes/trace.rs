//! Tracing the changes events record: which `change` declarations reach
//! each, whose consents it rests on and whether they are established, and
//! from when it took effect.

use crate::name::FastMap as HashMap;

use super::super::proof::{self, Aspect};
use super::super::verdict::{
    Allowed, ChangeEffect, ChangeTrial, ChangeWhat, Consent, Missing, Refusal, Way,
};
use super::{Changes, DueEntry, Made, Refused, Resumption, StatusEntry, When, window_written};
use crate::check::{
    ChangeRule, ChangeTarget, Changer, DoctrineTest, PartyIdx, Role, Rulebook, StatusKind,
};
use crate::events::Change;
use crate::graph::EventGraph;
use crate::name::Name;

/// Traces the changes events record, weighing each consent once.
pub(super) struct Tracer<'a> {
    rulebook: &'a Rulebook,
    graph: &'a EventGraph,
    /// The declarations joining each event's change, by its index.
    joiners: HashMap<usize, Vec<usize>>,
    /// Whether an event is established, by (event, standard).
    established: HashMap<(usize, usize), bool>,
}

/// A change as this rulebook reads it: its target, and what it sets.
struct Reading {
    target: ChangeTarget,
    what: ChangeWhat,
    /// A new due instant, or the end of a suspension: exact, or a day.
    until: Option<When>,
    effective: Option<When>,
}

/// A change as it goes into the timeline: the rule that allows it, when
/// it took effect, and the doctrine setting that denies it effect, if one
/// does.
struct Entry {
    rule: usize,
    when: When,
    denied: Option<DoctrineTest>,
}

/// One way a rule allows a change, tried.
struct Tried {
    rule: usize,
    /// The consents it used, or the ones it lacked.
    outcome: Result<Vec<usize>, Way>,
}

impl<'a> Tracer<'a> {
    pub(super) fn new(rulebook: &'a Rulebook, graph: &'a EventGraph) -> Self {
        let mut joiners: HashMap<usize, Vec<usize>> = HashMap::default();
        for (i, e) in graph.events.iter().enumerate() {
            if let Some(Change::Joins { event }) = e.change()
                && let Some(main) = graph.index_of(event)
            {
                joiners.entry(main).or_default().push(i);
            }
        }
        Tracer {
            rulebook,
            graph,
            joiners,
            established: HashMap::default(),
        }
    }

    /// The event that states the change a declaration joins, if it states one.
    pub(super) fn stated(&self, id: &str) -> Option<usize> {
        let i = self.graph.index_of(id)?;
        match self.graph.events[i].change()? {
            Change::Joins { .. } => None,
            Change::Deadline { .. } | Change::Status { .. } => Some(i),
        }
    }

    /// The trial of a declaration joining an event that states no change
    /// this rulebook reads.
    pub(super) fn refuse_joiner(&self, i: usize, joined: &Name, changes: &mut Changes) {
        changes.trials.push((
            i,
            ChangeTrial {
                event: joined.clone(),
                what: None,
                consents: Vec::new(),
                effect: ChangeEffect::NotEffective {
                    why: Refusal::JoinsNothing {
                        event: joined.clone(),
                    },
                },
            },
        ));
        changes.trial_doctrines.push(Vec::new());
    }

    /// Tries the change event `main` states, on the consents recorded for
    /// it; records its effect (`record`: once, for the stating event) and
    /// returns its trial. `None` when this rulebook does not read it.
    pub(super) fn trial(
        &mut self,
        main: usize,
        changes: &mut Changes,
        record: bool,
    ) -> Option<(ChangeTrial, Vec<usize>)> {
        let reading = self.read(main)?;
        let mut declarations = vec![main];
        declarations.extend(self.joiners.get(&main).cloned().unwrap_or_default());
        let rules: Vec<usize> = (0..self.rulebook.changes.len())
            .filter(|&r| self.rulebook.changes[r].target.reaches(&reading.target))
            .collect();
        let tried: Vec<Tried> = rules
            .iter()
            .map(|&r| self.try_rule(r, main, &declarations))
            .collect();
        let mut doctrines: Vec<usize> = rules
            .iter()
            .filter_map(|&r| self.rulebook.changes[r].when.map(|t| t.doctrine))
            .collect();
        doctrines.dedup();
        let consents = self.consents(&declarations, &rules);
        let effect = self.effect(main, &reading, &tried, changes, record);
        let trial = ChangeTrial {
            event: self.graph.events[main].id.clone(),
            what: Some(reading.what),
            consents,
            effect,
        };
        Some((trial, doctrines))
    }

    /// The change `main` records, in this rulebook's names.
    fn read(&self, main: usize) -> Option<Reading> {
        let e = &self.graph.events[main];
        match e.change()? {
            Change::Deadline {
                deadline,
                until,
                effective,
            } => {
                let index = self
                    .rulebook
                    .deadlines
                    .iter()
                    .position(|d| *d.name == **deadline)?;
                Some(Reading {
                    target: ChangeTarget::Deadline(index),
                    what: ChangeWhat::Deadline {
                        deadline: deadline.clone(),
                        until: When::of_time(until),
                    },
                    until: Some(When::of_time(until)),
                    effective: effective.as_ref().map(When::of_time),
                })
            }
            Change::Status {
                kind,
                articles,
                until,
                effective,
            } => {
                let indices = articles
                    .iter()
                    .map(|n| self.rulebook.articles.iter().position(|a| a.number == *n))
                    .collect::<Option<Vec<usize>>>()?;
                Some(Reading {
                    target: ChangeTarget::Status {
                        kind: *kind,
                        articles: indices,
                    },
                    what: ChangeWhat::Status {
                        status: *kind,
                        articles: articles.to_vec(),
                        until: until.as_ref().map(When::of_time),
                    },
                    until: until.as_ref().map(When::of_time),
                    effective: effective.as_ref().map(When::of_time),
                })
            }
            Change::Joins { .. } => None,
        }
    }

    /// Whether rule `r` is met by the declarations: the consents it used,
    /// or what it lacked.
    fn try_rule(&mut self, r: usize, main: usize, declarations: &[usize]) -> Tried {
        let rule: &ChangeRule = &self.rulebook.changes[r];
        let (needed, by) = match &rule.by {
            Changer::EachParty => {
                let actor = self.graph.events[main].party;
                let party = actor.filter(|p| self.role(*p) == Role::Party);
                let Some(p) = party else {
                    let way = Way {
                        by: Allowed::EachParty,
                        missing: Vec::new(),
                        not_by_a_party: true,
                    };
                    return Tried {
                        rule: r,
                        outcome: Err(way),
                    };
                };
                (vec![p], Allowed::EachParty)
            }
            Changer::Together(parties) => (
                parties.clone(),
                Allowed::Together {
                    parties: parties.iter().map(|p| self.id(*p)).collect(),
                },
            ),
        };
        let standard = rule.proof;
        let graph = self.graph;
        let mut used = Vec::new();
        let mut missing = Vec::new();
        for q in needed {
            let by_q: Vec<usize> = declarations
                .iter()
                .copied()
                .filter(|&d| self.graph.events[d].party == Some(q))
                .collect();
            let established = by_q
                .iter()
                .copied()
                .filter(|&d| self.is_established(d, standard))
                .min_by_key(|&d| graph.events[d].time.from);
            match established {
                Some(d) => used.push(d),
                None => missing.push(Missing {
                    party: self.id(q),
                    not_established: by_q.first().map(|&d| self.graph.events[d].id.clone()),
                }),
            }
        }
        let outcome = if missing.is_empty() {
            Ok(used)
        } else {
            Err(Way {
                by,
                missing,
                not_by_a_party: false,
            })
        };
        Tried { rule: r, outcome }
    }

    /// Each declaration, weighed against the standard of the first rule
    /// that reaches the change (the one its consent is read under).
    fn consents(&mut self, declarations: &[usize], rules: &[usize]) -> Vec<Consent> {
        let standard = rules.first().map_or(0, |&r| self.rulebook.changes[r].proof);
        declarations
            .iter()
            .map(|&d| {
                let e = &self.graph.events[d];
                Consent {
                    event: e.id.clone(),
                    party: e.party.map(|p| self.id(p)),
                    standard: self.rulebook.standards[standard].name.clone(),
                    established: self.is_established(d, standard),
                }
            })
            .collect()
    }

    /// What the tried rules come to; an effective change (or a status
    /// change only a doctrine denies) goes into the timeline.
    fn effect(
        &mut self,
        main: usize,
        reading: &Reading,
        tried: &[Tried],
        changes: &mut Changes,
        record: bool,
    ) -> ChangeEffect {
        if tried.is_empty() {
            if record {
                self.refused(main, reading, changes, None);
            }
            return ChangeEffect::NotEffective {
                why: Refusal::NoRule,
            };
        }
        let met: Vec<(usize, When)> = tried
            .iter()
            .filter_map(|t| {
                let used = t.outcome.as_ref().ok()?;
                Some((t.rule, self.made(main, used)))
            })
            .collect();
        if met.is_empty() {
            if record {
                self.refused(main, reading, changes, None);
            }
            let ways = tried
                .iter()
                .filter_map(|t| t.outcome.as_ref().err().cloned())
                .collect();
            return ChangeEffect::NotEffective {
                why: Refusal::Consents { ways },
            };
        }
        let allowed = met
            .iter()
            .filter(|(r, _)| self.rulebook.any_allows(&[*r]))
            .min_by_key(|(_, w)| (w.from, w.to))
            .copied();
        let Some((rule, made)) = allowed else {
            let (rule, made) = met[0];
            let test = self.rulebook.changes[rule]
                .when
                .expect("denied by a doctrine");
            if record {
                let entry = Entry {
                    rule,
                    when: made,
                    denied: Some(test),
                };
                self.enter(main, reading, entry, changes);
                self.refused(main, reading, changes, Some(test.doctrine));
            }
            let d = &self.rulebook.doctrines[test.doctrine];
            return ChangeEffect::NotEffective {
                why: Refusal::Doctrine {
                    doctrine: d.name.as_str().into(),
                    setting: d.setting_name().into(),
                },
            };
        };
        let (when, retroactive, not_before) = self.when_effective(reading, rule, made);
        if record {
            let entry = Entry {
                rule,
                when,
                denied: None,
            };
            self.enter(main, reading, entry, changes);
        }
        ChangeEffect::Effective {
            from: when,
            uncertain: when.from != when.to,
            by: self.allowed(rule),
            retroactive,
            not_before,
        }
    }

    /// When the change was made: once the last consent it needs was given,
    /// and not before it was stated.
    fn made(&self, main: usize, used: &[usize]) -> When {
        let times = used
            .iter()
            .chain(std::iter::once(&main))
            .map(|&d| self.graph.events[d].time);
        // Shown as the declaration that came last wrote its time.
        let last = times
            .clone()
            .max_by_key(|t| t.from)
            .expect("the stating event at least");
        let to = times.map(|t| t.to).max().expect("one time");
        // Made on a day known without its hour when that declaration,
        // dated by day, is what leaves it open.
        let days = if to == last.to { last.days } else { 0 };
        When {
            from: last.from,
            to,
            offset: last.offset,
            days,
        }
    }

    /// When it takes effect: when made, or when it says; before it was
    /// made only if every party agreed (a party alone, a mechanism or a
    /// mediator cannot reach back).
    fn when_effective(
        &self,
        reading: &Reading,
        rule: usize,
        made: When,
    ) -> (When, bool, Option<When>) {
        let Some(asked) = reading.effective else {
            return (made, false, None);
        };
        if asked.from >= made.from {
            return (asked, false, None);
        }
        if self.every_party(rule) {
            return (asked, true, None);
        }
        (made, false, Some(asked))
    }

    /// Whether the rule needs the consent of every party.
    fn every_party(&self, rule: usize) -> bool {
        let Changer::Together(needed) = &self.rulebook.changes[rule].by else {
            return false;
        };
        (0..self.rulebook.parties.len())
            .filter(|&p| self.rulebook.parties[p].role == Role::Party)
            .all(|p| needed.contains(&(p as PartyIdx)))
    }

    /// Puts a change into the timeline: in effect, or (a status change a
    /// doctrine denies) kept to say so.
    fn enter(&self, main: usize, reading: &Reading, entry: Entry, changes: &mut Changes) {
        let Entry { rule, when, denied } = entry;
        let effective = denied.is_none();
        let e = &self.graph.events[main];
        let doctrines: Vec<usize> = self.rulebook.changes[rule]
            .when
            .map(|t| t.doctrine)
            .into_iter()
            .collect();
        let written: Name = window_written(when).into();
        // A day is written as one; a window says it is one.
        let since: Name = if when.from == when.to || when.days > 0 {
            written.clone()
        } else {
            format!("some time {written}").into()
        };
        match &reading.target {
            ChangeTarget::Deadline(d) => {
                if !effective {
                    return;
                }
                let until = reading.until.expect("a deadline change sets a due instant");
                let ChangeWhat::Deadline { until: shown, .. } = &reading.what else {
                    unreachable!("a deadline change")
                };
                changes.dues[*d].push(DueEntry {
                    at: until.from,
                    last: until.to,
                    written: window_written(*shown).into(),
                    how: None,
                    made: Some(Made {
                        when,
                        written,
                        event: Some(e.id.clone()),
                    }),
                    doctrines,
                });
            }
            ChangeTarget::Status { kind, articles } => {
                let parties = self.affected(rule, main);
                let until = reading.until.map(|u| {
                    let ChangeWhat::Status {
                        until: Some(shown), ..
                    } = &reading.what
                    else {
                        unreachable!("a status change with an end")
                    };
                    (u, Name::from(window_written(*shown)))
                });
                if *kind == StatusKind::Resumption {
                    if effective {
                        changes.resumptions.push(Resumption {
                            parties: Some(parties),
                            articles: articles.clone(),
                            when,
                            written: since.clone(),
                            regime: None,
                            event: Some(e.id.clone()),
                        });
                    }
                    return;
                }
                for party in parties {
                    changes.statuses.push(StatusEntry {
                        party,
                        repudiation: *kind == StatusKind::Repudiation,
                        articles: articles.clone(),
                        when,
                        since: since.clone(),
                        until: until.clone(),
                        effective,
                        denied,
                        doctrines: doctrines.clone(),
                        // The event is named; its own words are in the record.
                        text: None,
                        event: Some(e.id.clone()),
                    });
                }
            }
        }
    }

    /// The parties whose obligations a status change bears on: the
    /// declaring party under `each party`, the parties named otherwise.
    fn affected(&self, rule: usize, main: usize) -> Vec<PartyIdx> {
        match &self.rulebook.changes[rule].by {
            Changer::EachParty => self.graph.events[main].party.into_iter().collect(),
            Changer::Together(parties) => parties
                .iter()
                .copied()
                .filter(|p| self.role(*p) == Role::Party)
                .collect(),
        }
    }

    /// Notes a deadline change that took no effect, for the explanations
    /// of events after it.
    fn refused(
        &self,
        main: usize,
        reading: &Reading,
        changes: &mut Changes,
        doctrine: Option<usize>,
    ) {
        if let ChangeTarget::Deadline(d) = &reading.target {
            let e = &self.graph.events[main];
            changes.refused[*d].push(Refused {
                at: e.time.from,
                event: e.id.clone(),
                doctrine,
            });
        }
    }

    fn allowed(&self, rule: usize) -> Allowed {
        match &self.rulebook.changes[rule].by {
            Changer::EachParty => Allowed::EachParty,
            Changer::Together(parties) => Allowed::Together {
                parties: parties.iter().map(|p| self.id(*p)).collect(),
            },
        }
    }

    fn is_established(&mut self, event: usize, standard: usize) -> bool {
        let (rulebook, graph) = (self.rulebook, self.graph);
        *self
            .established
            .entry((event, standard))
            .or_insert_with(|| {
                let standard = &rulebook.standards[standard];
                [Aspect::Occurrence, Aspect::Attribution]
                    .into_iter()
                    .all(|a| proof::assess(graph, &rulebook.parties, event, standard, a).met)
            })
    }

    fn role(&self, p: PartyIdx) -> Role {
        self.rulebook.parties[usize::from(p)].role
    }

    fn id(&self, p: PartyIdx) -> Name {
        self.rulebook.parties[usize::from(p)].id.clone()
    }
}
