//! Patterns: established acts by one party, counted within a window of
//! time. A finding lists every event it counted, so it can be checked.

use std::collections::BTreeMap;

use serde::Serialize;

use super::cond::Env;
use super::proof::{self, Aspect};
use super::truth::Truth;
use super::verdict::{Fact, Step};
use crate::check::{Cond, PartyIdx, Role, Rulebook, Subject};
use crate::graph::EventGraph;
use crate::name::Name;

/// One finding of a pattern: a run of counted events by one party in which
/// some window of the pattern's length held at least its count.
#[derive(Debug, Clone, Serialize)]
pub struct PatternRun {
    pub pattern: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Name>,
    pub instrument: Name,
    pub party: Name,
    /// `10 within 24 h`
    pub threshold: String,
    /// The most events any one window held.
    pub densest: usize,
    /// From the first counted event's time to the last's.
    pub from: String,
    pub to: String,
    /// Every event counted, in time order.
    pub events: Vec<Name>,
    #[serde(skip)]
    pub index: usize,
    /// Graph indices of the counted events, sorted.
    #[serde(skip)]
    pub members: Vec<usize>,
}

/// Every finding of every pattern of the rulebook over the graph. An event
/// counts when it meets the pattern's condition and both its occurrence
/// and its attribution meet the preponderance standard.
pub fn find(rulebook: &Rulebook, graph: &EventGraph) -> Vec<PatternRun> {
    let Some(standard) = rulebook
        .standards
        .iter()
        .find(|s| &*s.name == "preponderance")
    else {
        return Vec::new();
    };
    let mut runs = Vec::new();
    for (index, pattern) in rulebook.patterns.iter().enumerate() {
        let mut env = Env {
            rulebook,
            graph,
            subjects: Vec::new(),
            zones_seen: Default::default(),
            doctrines: Vec::new(),
        };
        let mut by_party: BTreeMap<PartyIdx, Vec<usize>> = BTreeMap::new();
        for i in 0..graph.events.len() {
            let Some(party) = counted_party(&mut env, i, &pattern.condition) else {
                continue;
            };
            let established = [Aspect::Occurrence, Aspect::Attribution]
                .into_iter()
                .all(|a| proof::assess(graph, &rulebook.parties, i, standard, a).met);
            if established {
                by_party.entry(party).or_default().push(i);
            }
        }
        for (party, mut events) in by_party {
            events.sort_by_key(|&i| (graph.events[i].time.from, i));
            for (first, last, densest) in windows(graph, &events, pattern.count, pattern.window) {
                let members = &events[first..=last];
                runs.push(run(rulebook, graph, index, party, members, densest));
            }
        }
    }
    runs
}

/// The party an event counts for, if it meets the condition and names a
/// party (a group's acts count for the party it is under).
fn counted_party(env: &mut Env<'_>, i: usize, condition: &Cond) -> Option<PartyIdx> {
    let rulebook = env.rulebook;
    let party = super::article::answering(rulebook, env.graph.events[i].party?);
    if rulebook.parties[usize::from(party)].role != Role::Party {
        return None;
    }
    env.subjects = vec![i];
    env.zones_seen.clear();
    (env.eval(condition).result == Truth::True).then_some(party)
}

/// Runs of events (by position in `events`, sorted by time) in which some
/// window of `span` held `count` or more, with the most any window held.
/// A window holds an event only if the event's whole time lies inside it.
fn windows(
    graph: &EventGraph,
    events: &[usize],
    count: usize,
    span: jiff::SignedDuration,
) -> Vec<(usize, usize, usize)> {
    let time = |k: usize| graph.events[events[k]].time;
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut last = 0;
    for first in 0..events.len() {
        last = last.max(first);
        let start = time(first).from;
        let fits = |k: usize| time(k).to.duration_since(start) <= span;
        // Every event from `first` to `last` fits the window from `start`.
        let all_fit = (first..=last).all(fits);
        if !all_fit {
            last = first;
        }
        while last + 1 < events.len() && fits(last + 1) {
            last += 1;
        }
        let held = last - first + 1;
        if held < count {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.1 >= first => {
                run.1 = run.1.max(last);
                run.2 = run.2.max(held);
            }
            _ => runs.push((first, last, held)),
        }
    }
    runs
}

fn run(
    rulebook: &Rulebook,
    graph: &EventGraph,
    index: usize,
    party: PartyIdx,
    members: &[usize],
    densest: usize,
) -> PatternRun {
    let pattern = &rulebook.patterns[index];
    let written = |i: usize| super::time::written(&graph.events[i].time);
    let mut sorted = members.to_vec();
    sorted.sort_unstable();
    PatternRun {
        pattern: pattern.name.clone(),
        text: pattern.text.clone(),
        instrument: rulebook.title.clone(),
        party: rulebook.parties[usize::from(party)].id.clone(),
        threshold: format!("{} within {}", pattern.count, pattern.window_written),
        densest,
        from: written(members[0]),
        to: written(members[members.len() - 1]),
        events: members
            .iter()
            .map(|&i| graph.events[i].id.clone())
            .collect(),
        index,
        members: sorted,
    }
}

impl Env<'_> {
    /// `attack in barrage`: whether the related event was counted in a
    /// finding of the pattern, and which.
    pub(super) fn in_pattern(&self, cond: &Cond, subject: Subject, pattern: usize) -> Step {
        let i = self.subjects[usize::from(subject.0)];
        let e = &self.graph.events[i];
        let found = self
            .graph
            .patterns
            .iter()
            .find(|r| r.index == pattern && r.members.binary_search(&i).is_ok());
        let name = &self.rulebook.patterns[pattern].name;
        let (value, computed) = match found {
            Some(r) => (
                format!("counted in pattern `{name}`"),
                Some(format!(
                    "{} by {}, {} events from {} to {}",
                    r.threshold,
                    r.party,
                    r.events.len(),
                    r.from,
                    r.to
                )),
            ),
            None => (format!("not counted in pattern `{name}`"), None),
        };
        let fact = Fact {
            event: e.id.clone(),
            field: "pattern",
            value: value.into(),
            computed,
        };
        Step::leaf(cond.text.clone(), Truth::from(found.is_some()), vec![fact])
    }
}
