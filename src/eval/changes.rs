//! The changes made while the agreement runs, traced once per graph:
//! every deadline's due instants and every party's suspensions,
//! repudiations and resumptions, from the rulebook's own declarations and
//! from the changes events record; and for each change event, whether it
//! took effect, from when, or why not.
//!
//! Both sources go into one timeline, judged by one code path, so a change
//! the rulebook declares and the same change recorded as an event give the
//! same verdicts. A change recorded as an event takes effect only when a
//! `change` declaration allows it and every consent it needs is recorded
//! and established to that declaration's standard; it takes effect when
//! the last of them is given. The timeline is built under the doctrine
//! settings in effect (`lib::prepare` builds it after they are set).

use std::collections::HashMap;

use jiff::Timestamp;

use super::proof::{self, Aspect};
use super::time::written;
use super::verdict::{
    Allowed, ChangeEffect, ChangeTrial, ChangeWhat, Consent, Missing, Refusal, Way,
};
use crate::check::{
    ChangeRule, ChangeTarget, Changer, DoctrineTest, PartyIdx, Role, Rulebook, StatusKind,
};
use crate::events::{Change, Time};
use crate::graph::EventGraph;
use crate::name::Name;

/// When a change took effect: an instant, or a window when the times of
/// the declarations it rests on are uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub from: Timestamp,
    pub to: Timestamp,
}

impl When {
    fn at(t: Timestamp) -> When {
        When { from: t, to: t }
    }

    /// Whether it surely, possibly or not at all took effect by `t`.
    pub fn by(self, t: Timestamp) -> super::truth::Truth {
        use super::truth::Truth;
        if self.to <= t {
            Truth::True
        } else if self.from <= t {
            Truth::Unknown
        } else {
            Truth::False
        }
    }
}

/// One due instant of a deadline.
#[derive(Debug, Clone)]
pub struct DueEntry {
    pub at: Timestamp,
    /// As written: `2025-02-18 00:00 Asia/Jerusalem`.
    pub written: Name,
    /// How the rulebook sets it: `60 d after entry into force`.
    pub how: Option<Name>,
    /// For a change: when it took effect, and by which event.
    pub made: Option<Made>,
    /// The doctrines its effect depended on.
    pub doctrines: Vec<usize>,
}

/// When a change took effect, as written, and the event that made it
/// (`None`: the rulebook's own declaration).
#[derive(Debug, Clone)]
pub struct Made {
    pub when: When,
    pub written: Name,
    pub event: Option<Name>,
}

/// A suspension or repudiation of a party's obligations.
#[derive(Debug, Clone)]
pub struct StatusEntry {
    pub party: PartyIdx,
    pub repudiation: bool,
    /// Indices into the articles; empty: the whole agreement.
    pub articles: Vec<usize>,
    pub when: When,
    /// As written: `2023-11-22 15:00 Asia/Seoul`.
    pub since: Name,
    pub until: Option<(Timestamp, Name)>,
    /// Whether the doctrine settings give it effect.
    pub effective: bool,
    /// The doctrine setting that denies it effect, when one does.
    pub denied: Option<DoctrineTest>,
    pub doctrines: Vec<usize>,
    pub text: Option<Name>,
    /// The event that made it; `None`: the rulebook's `suspend` or `repudiate`.
    pub event: Option<Name>,
}

impl StatusEntry {
    /// Whether it bears on the whole agreement (`None`) or on that article.
    pub fn covers(&self, article: Option<usize>) -> bool {
        match article {
            None => self.articles.is_empty(),
            Some(a) => self.articles.is_empty() || self.articles.contains(&a),
        }
    }

    pub fn word(&self) -> &'static str {
        if self.repudiation {
            "repudiated"
        } else {
            "suspended"
        }
    }
}

/// A recommitment: it lifts the earlier suspensions and repudiations of
/// the parties it names, of the same scope or narrower.
#[derive(Debug, Clone)]
pub struct Resumption {
    /// `None`: every party (a regime).
    pub parties: Option<Vec<PartyIdx>>,
    /// Empty: the whole agreement.
    pub articles: Vec<usize>,
    pub when: When,
    pub written: Name,
    /// The regime it is, when the rulebook declares it as one.
    pub regime: Option<Name>,
    pub event: Option<Name>,
}

impl Resumption {
    /// Whether it lifts `s`: the party's, begun before it, of its scope.
    pub fn lifts(&self, s: &StatusEntry) -> bool {
        let party = self.parties.as_ref().is_none_or(|p| p.contains(&s.party));
        let scope = self.articles.is_empty()
            || (!s.articles.is_empty() && s.articles.iter().all(|a| self.articles.contains(a)));
        party && scope
    }

    /// Whether it restores the whole agreement for `party`.
    pub fn restores(&self, party: PartyIdx) -> bool {
        self.articles.is_empty() && self.parties.as_ref().is_none_or(|p| p.contains(&party))
    }
}

/// The timeline of one rulebook's changes over one graph.
#[derive(Debug, Default)]
pub struct Changes {
    /// By deadline: its due instants in the order they took effect, the
    /// original first.
    pub dues: Vec<Vec<DueEntry>>,
    /// By deadline: changes of it events made that took no effect, with
    /// when they were made.
    pub refused: Vec<Vec<(Timestamp, Name)>>,
    pub statuses: Vec<StatusEntry>,
    pub resumptions: Vec<Resumption>,
    /// The trial of each change event, by event index, in index order.
    trials: Vec<(usize, ChangeTrial)>,
    /// The doctrines each trial depended on, by the same order.
    trial_doctrines: Vec<Vec<usize>>,
}

impl Changes {
    /// What became of the change event `index` records, if it records one
    /// this rulebook reads, and the doctrines that decided it.
    pub fn trial(&self, index: usize) -> Option<(&ChangeTrial, &[usize])> {
        let at = self.trials.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        Some((&self.trials[at].1, &self.trial_doctrines[at]))
    }

    /// Every instant at which some party's status may change.
    pub fn boundaries(&self) -> impl Iterator<Item = Timestamp> + '_ {
        let statuses = self.statuses.iter().flat_map(|s| {
            [s.when.from, s.when.to]
                .into_iter()
                .chain(s.until.as_ref().map(|u| u.0))
        });
        let resumptions = self
            .resumptions
            .iter()
            .flat_map(|r| [r.when.from, r.when.to]);
        statuses.chain(resumptions)
    }

    /// The due instants of `deadline` that may have been in force at some
    /// instant of `time`, as indices into its entries. Changes take effect
    /// in the order their windows start; the last in effect sets the due
    /// instant.
    pub fn possible_dues(&self, deadline: usize, time: &Time) -> Vec<usize> {
        let entries = &self.dues[deadline];
        let mut instants = vec![time.from];
        for e in entries.iter().filter_map(|e| e.made.as_ref()) {
            for t in [e.when.from, e.when.to] {
                if t > time.from && t <= time.to {
                    instants.push(t);
                }
            }
        }
        let mut out = Vec::new();
        for t in instants {
            let sure = entries
                .iter()
                .rposition(|e| e.made.as_ref().is_none_or(|m| m.when.to <= t))
                .unwrap_or(0);
            out.push(sure);
            let later = entries.iter().enumerate().skip(sure + 1);
            out.extend(
                later
                    .filter(|(_, e)| e.made.as_ref().is_some_and(|m| m.when.from <= t))
                    .map(|(i, _)| i),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Traces every change of the rulebook over the graph.
pub fn find(rulebook: &Rulebook, graph: &EventGraph) -> Changes {
    let mut changes = Changes {
        dues: rulebook
            .deadlines
            .iter()
            .map(|d| own_dues(rulebook, d))
            .collect(),
        refused: vec![Vec::new(); rulebook.deadlines.len()],
        statuses: rulebook
            .suspensions
            .iter()
            .map(|s| own_status(rulebook, s))
            .collect(),
        resumptions: rulebook
            .regimes
            .iter()
            .map(|r| Resumption {
                parties: None,
                articles: Vec::new(),
                when: When::at(r.from.at),
                written: r.from.written.as_str().into(),
                regime: Some(r.name.as_str().into()),
                event: None,
            })
            .collect(),
        ..Default::default()
    };
    let mut tracer = Tracer::new(rulebook, graph);
    for (i, e) in graph.events.iter().enumerate() {
        let Some(change) = e.change() else {
            continue;
        };
        let (stated, joins) = match change {
            Change::Joins { event } => match tracer.stated(event) {
                Some(main) => (main, true),
                None => {
                    tracer.refuse_joiner(i, event, &mut changes);
                    continue;
                }
            },
            _ => (i, false),
        };
        let Some(trial) = tracer.trial(stated, &mut changes, !joins) else {
            continue;
        };
        changes.trials.push((i, trial.0));
        changes.trial_doctrines.push(trial.1);
    }
    for dues in &mut changes.dues {
        // The original first, then the changes in the order they took
        // effect (the rulebook's own first among equals: a stable sort).
        dues[1..].sort_by_key(|d| d.made.as_ref().map(|m| (m.when.from, m.when.to)));
    }
    changes
}

/// The rulebook's own schedule of a deadline: the original, then each
/// extension the doctrine settings give effect.
fn own_dues(rulebook: &Rulebook, d: &crate::check::Deadline) -> Vec<DueEntry> {
    d.schedule
        .iter()
        .filter(|due| rulebook.any_allows(&due.rules))
        .map(|due| DueEntry {
            at: due.at.at,
            written: due.at.written.as_str().into(),
            how: (!due.how.is_empty()).then(|| due.how.as_str().into()),
            made: due.agreed.as_ref().map(|a| Made {
                when: When::at(a.at),
                written: a.written.as_str().into(),
                event: None,
            }),
            doctrines: due
                .rules
                .iter()
                .filter_map(|r| rulebook.changes[*r].when.map(|t| t.doctrine))
                .collect(),
        })
        .collect()
}

fn own_status(rulebook: &Rulebook, s: &crate::check::Suspension) -> StatusEntry {
    StatusEntry {
        party: s.party,
        repudiation: s.repudiation,
        articles: s.articles.clone(),
        when: When::at(s.from.at),
        since: s.from.written.as_str().into(),
        until: s.until.as_ref().map(|u| (u.at, u.written.as_str().into())),
        effective: s.effective(rulebook),
        denied: s.denied_by(rulebook),
        doctrines: s.doctrines(rulebook).collect(),
        text: s.text.clone(),
        event: None,
    }
}

/// Traces the changes events record, weighing each consent once.
struct Tracer<'a> {
    rulebook: &'a Rulebook,
    graph: &'a EventGraph,
    /// Event index by id.
    ids: HashMap<&'a str, usize>,
    /// The declarations joining each event's change, by its index.
    joiners: HashMap<usize, Vec<usize>>,
    /// Whether an event is established, by (event, standard).
    established: HashMap<(usize, usize), bool>,
}

/// A change as this rulebook reads it: its target, and what it sets.
struct Reading {
    target: ChangeTarget,
    what: ChangeWhat,
    until: Option<Timestamp>,
    effective: Option<(Timestamp, i32)>,
}

/// One way a rule allows a change, tried.
struct Tried {
    rule: usize,
    /// The consents it used, or the ones it lacked.
    outcome: Result<Vec<usize>, Way>,
}

impl<'a> Tracer<'a> {
    fn new(rulebook: &'a Rulebook, graph: &'a EventGraph) -> Self {
        let ids: HashMap<&str, usize> = graph
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (&*e.id, i))
            .collect();
        let mut joiners: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, e) in graph.events.iter().enumerate() {
            if let Some(Change::Joins { event }) = e.change()
                && let Some(&main) = ids.get(&**event)
            {
                joiners.entry(main).or_default().push(i);
            }
        }
        Tracer {
            rulebook,
            graph,
            ids,
            joiners,
            established: HashMap::new(),
        }
    }

    /// The event that states the change a declaration joins, if it states one.
    fn stated(&self, id: &str) -> Option<usize> {
        let &i = self.ids.get(id)?;
        match self.graph.events[i].change()? {
            Change::Joins { .. } => None,
            Change::Deadline { .. } | Change::Status { .. } => Some(i),
        }
    }

    /// The trial of a declaration joining an event that states no change
    /// this rulebook reads.
    fn refuse_joiner(&self, i: usize, joined: &Name, changes: &mut Changes) {
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
    fn trial(
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
                        until: instant_written(until.0, until.1),
                    },
                    until: Some(until.0),
                    effective: *effective,
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
                        until: until.map(|u| instant_written(u.0, u.1)),
                    },
                    until: until.map(|u| u.0),
                    effective: *effective,
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
            self.refused(main, reading, changes, record);
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
            self.refused(main, reading, changes, record);
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
                self.enter(main, reading, rule, made, false, Some(test), changes);
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
            self.enter(main, reading, rule, when, true, None, changes);
        }
        ChangeEffect::Effective {
            from: window_written(when, self.graph.events[main].time.offset),
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
        let from = times.clone().map(|t| t.from).max().expect("one time");
        let to = times.map(|t| t.to).max().expect("one time");
        When { from, to }
    }

    /// When it takes effect: when made, or when it says; before it was
    /// made only if every party agreed (a party alone, a mechanism or a
    /// mediator cannot reach back).
    fn when_effective(
        &self,
        reading: &Reading,
        rule: usize,
        made: When,
    ) -> (When, bool, Option<String>) {
        let Some((at, offset)) = reading.effective else {
            return (made, false, None);
        };
        if at >= made.from {
            return (When::at(at), false, None);
        }
        if self.every_party(rule) {
            return (When::at(at), true, None);
        }
        (made, false, Some(instant_written(at, offset)))
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

    /// Puts a change into the timeline.
    #[allow(clippy::too_many_arguments)]
    fn enter(
        &self,
        main: usize,
        reading: &Reading,
        rule: usize,
        when: When,
        effective: bool,
        denied: Option<DoctrineTest>,
        changes: &mut Changes,
    ) {
        let e = &self.graph.events[main];
        let doctrines: Vec<usize> = self.rulebook.changes[rule]
            .when
            .map(|t| t.doctrine)
            .into_iter()
            .collect();
        let written: Name = window_written(when, e.time.offset).into();
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
                    at: until,
                    written: shown.as_str().into(),
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
                    (u, Name::from(shown.as_str()))
                });
                if *kind == StatusKind::Resumption {
                    if effective {
                        changes.resumptions.push(Resumption {
                            parties: Some(parties),
                            articles: articles.clone(),
                            when,
                            written,
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
                        since: written.clone(),
                        until: until.clone(),
                        effective,
                        denied,
                        doctrines: doctrines.clone(),
                        text: e.summary.as_deref().map(Into::into),
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
    fn refused(&self, main: usize, reading: &Reading, changes: &mut Changes, record: bool) {
        if let (true, ChangeTarget::Deadline(d)) = (record, &reading.target) {
            let e = &self.graph.events[main];
            changes.refused[*d].push((e.time.from, e.id.clone()));
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

/// An instant in the offset it was written in.
fn instant_written(at: Timestamp, offset: i32) -> String {
    written(&Time {
        from: at,
        to: at,
        offset,
    })
}

/// When a change took effect: an instant, or `between … and …`.
fn window_written(w: When, offset: i32) -> String {
    written(&Time {
        from: w.from,
        to: w.to,
        offset,
    })
}
