//! Patterns: established acts by one party, counted within a window of
//! time. A finding lists every event it counted, so it can be checked.
//!
//! An event is a candidate for a pattern when its occurrence and its
//! attribution meet the preponderance standard and it names a party: a
//! *sure* one when the pattern's condition is true for it, a *possible*
//! one when the condition is unknown. A window holds an event surely when
//! the event's whole time lies inside it, possibly when its time overlaps
//! it. Findings in the report count sure events surely held; `attack in
//! PATTERN` asks the same of the events before the act judged, and is
//! unknown when only possible events or placements would count it.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};
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
}

/// The patterns of a rulebook over a graph: the findings, and the
/// candidates `attack in PATTERN` is answered from.
#[derive(Debug, Default)]
pub struct Patterns {
    pub runs: Vec<PatternRun>,
    /// By pattern, by party: candidates in time order.
    candidates: Vec<BTreeMap<PartyIdx, Candidates>>,
}

/// One party's candidates for one pattern, in time order, with the longest
/// uncertainty of their times (how far back a window's events may start).
#[derive(Debug, Default)]
struct Candidates {
    list: Vec<Candidate>,
    longest: SignedDuration,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    index: usize,
    from: Timestamp,
    to: Timestamp,
    /// The condition is true, not merely possibly true.
    sure: bool,
}

/// Finds every pattern of the rulebook over the graph.
pub fn find(rulebook: &Rulebook, graph: &EventGraph) -> Patterns {
    let mut found = Patterns::default();
    let Some(standard) = rulebook
        .standards
        .iter()
        .find(|s| &*s.name == "preponderance")
    else {
        return found;
    };
    let mut env = Env::new(rulebook, graph, None);
    for (index, pattern) in rulebook.patterns.iter().enumerate() {
        let mut by_party: BTreeMap<PartyIdx, Vec<Candidate>> = BTreeMap::new();
        for i in 0..graph.events.len() {
            let Some((party, sure)) = candidate(&mut env, i, &pattern.condition) else {
                continue;
            };
            let established = [Aspect::Occurrence, Aspect::Attribution]
                .into_iter()
                .all(|a| proof::assess(graph, &rulebook.parties, i, standard, a).met);
            if established {
                let t = graph.events[i].time;
                let c = Candidate {
                    index: i,
                    from: t.from,
                    to: t.to,
                    sure,
                };
                by_party.entry(party).or_default().push(c);
            }
        }
        let mut indexed = BTreeMap::new();
        for (party, mut list) in by_party {
            list.sort_by_key(|c| (c.from, c.index));
            let sure: Vec<Candidate> = list.iter().copied().filter(|c| c.sure).collect();
            for (members, densest) in runs(&sure, pattern.count, pattern.window) {
                found
                    .runs
                    .push(finding(rulebook, graph, index, party, &members, densest));
            }
            let longest = list.iter().map(|c| c.to.duration_since(c.from)).max();
            let longest = longest.unwrap_or_default();
            indexed.insert(party, Candidates { list, longest });
        }
        found.candidates.push(indexed);
    }
    found
}

/// The party an event may count for, and whether surely: it names a party
/// (a group's acts count for the party it is under) and the condition is
/// true (sure) or unknown (possible) for it.
fn candidate(env: &mut Env<'_>, i: usize, condition: &Cond) -> Option<(PartyIdx, bool)> {
    let rulebook = env.rulebook;
    let party = super::article::answering(rulebook, env.graph.events[i].party?);
    if rulebook.parties[usize::from(party)].role != Role::Party {
        return None;
    }
    env.subjects = vec![i];
    env.zones_seen.clear();
    match env.eval(condition).result {
        Truth::True => Some((party, true)),
        Truth::Unknown => Some((party, false)),
        Truth::False => None,
    }
}

/// The window from `start`: the candidates it surely holds. `cands` is in
/// time order, so only those starting inside the window are looked at.
fn surely_held(cands: &[Candidate], start: Timestamp, span: SignedDuration) -> Vec<Candidate> {
    let end = start.checked_add(span).unwrap_or(Timestamp::MAX);
    let lo = cands.partition_point(|c| c.from < start);
    let hi = cands.partition_point(|c| c.from <= end);
    cands[lo..hi]
        .iter()
        .copied()
        .filter(|c| c.to <= end)
        .collect()
}

/// Runs of windows each surely holding `count` or more (windows start at
/// a candidate's time, which every fullest window can be moved to), merged
/// while they share an event; each with the most any window held.
fn runs(cands: &[Candidate], count: usize, span: SignedDuration) -> Vec<(Vec<Candidate>, usize)> {
    // Each run's events by (time, index), and the fullest window's count.
    type Run = (BTreeMap<(Timestamp, usize), Candidate>, usize);
    let mut out: Vec<Run> = Vec::new();
    for c in cands {
        let held = surely_held(cands, c.from, span);
        if held.len() < count {
            continue;
        }
        let n = held.len();
        let key = |h: &Candidate| (h.from, h.index);
        match out.last_mut() {
            Some((members, densest)) if held.iter().any(|h| members.contains_key(&key(h))) => {
                members.extend(held.iter().map(|h| (key(h), *h)));
                *densest = (*densest).max(n);
            }
            _ => out.push((held.iter().map(|h| (key(h), *h)).collect(), n)),
        }
    }
    out.into_iter()
        .map(|(members, densest)| (members.into_values().collect(), densest))
        .collect()
}

fn finding(
    rulebook: &Rulebook,
    graph: &EventGraph,
    index: usize,
    party: PartyIdx,
    members: &[Candidate],
    densest: usize,
) -> PatternRun {
    let pattern = &rulebook.patterns[index];
    let written = |c: &Candidate| super::time::written(&graph.events[c.index].time);
    PatternRun {
        pattern: pattern.name.clone(),
        text: pattern.text.clone(),
        instrument: rulebook.title.clone(),
        party: rulebook.parties[usize::from(party)].id.clone(),
        threshold: format!("{} within {}", pattern.count, pattern.window_written),
        densest,
        from: written(&members[0]),
        to: written(&members[members.len() - 1]),
        events: members
            .iter()
            .map(|c| graph.events[c.index].id.clone())
            .collect(),
    }
}

impl Patterns {
    /// Whether `event` is counted in a window of the pattern among the
    /// events before `before` (the act judged): true if surely, unknown if
    /// possibly, with the events of the fullest window found.
    fn counted(
        &self,
        rulebook: &Rulebook,
        graph: &EventGraph,
        pattern: usize,
        event: usize,
        before: crate::events::Time,
    ) -> (Truth, Vec<usize>) {
        let p = &rulebook.patterns[pattern];
        if self.candidates.len() <= pattern {
            // Not found for this graph (a library caller skipped
            // `find_patterns`): say nothing rather than "not counted".
            return (Truth::Unknown, Vec::new());
        }
        let e = &graph.events[event];
        let party = e.party.map(|q| super::article::answering(rulebook, q));
        let found = party.and_then(|q| self.candidates.get(pattern)?.get(&q));
        let Some(Candidates {
            list: cands,
            longest,
        }) = found
        else {
            return (Truth::False, Vec::new());
        };
        let at = cands.partition_point(|c| (c.from, c.index) < (e.time.from, event));
        let Some(&me) = cands.get(at).filter(|c| c.index == event) else {
            return (Truth::False, Vec::new());
        };
        // Only candidates whose time may meet a window holding `me`: one
        // starting no earlier than the longest uncertainty before it.
        let first = me
            .from
            .checked_sub(p.window)
            .and_then(|t| t.checked_sub(*longest));
        let last = me.to.checked_add(p.window).unwrap_or(Timestamp::MAX);
        let lo = first.map_or(0, |f| cands.partition_point(|c| c.from < f));
        let hi = cands.partition_point(|c| c.from <= last);
        let near = &cands[lo..hi];
        // Surely: sure events wholly before the act, surely in one window.
        let earlier: Vec<Candidate> = near
            .iter()
            .copied()
            .filter(|c| c.sure && c.to <= before.from)
            .collect();
        if me.sure && me.to <= before.from {
            for start in earlier.iter().map(|c| c.from).filter(|s| *s <= me.from) {
                let held = surely_held(&earlier, start, p.window);
                if held.len() >= p.count && held.iter().any(|c| c.index == event) {
                    return (Truth::True, held.iter().map(|c| c.index).collect());
                }
            }
        }
        // Possibly: any candidate that may come before the act, in any
        // window its time may fall in.
        if me.from > before.to {
            return (Truth::False, Vec::new());
        }
        let maybe: Vec<Candidate> = near
            .iter()
            .copied()
            .filter(|c| c.from <= before.to)
            .collect();
        let starts = maybe
            .iter()
            .flat_map(|c| [c.to, c.from.checked_sub(p.window).unwrap_or(Timestamp::MIN)]);
        for start in starts {
            let end = start.checked_add(p.window).unwrap_or(Timestamp::MAX);
            let overlaps = |c: &Candidate| c.from <= end && c.to >= start;
            if !overlaps(&me) {
                continue;
            }
            let held: Vec<usize> = maybe
                .iter()
                .filter(|c| overlaps(c))
                .map(|c| c.index)
                .collect();
            if held.len() >= p.count {
                return (Truth::Unknown, held);
            }
        }
        (Truth::False, Vec::new())
    }
}

impl Env<'_> {
    /// `attack in barrage`: whether the related event was counted in a
    /// window of the pattern among the events before the act judged.
    pub(super) fn in_pattern(&self, cond: &Cond, subject: Subject, pattern: usize) -> Step {
        let i = self.subjects[usize::from(subject.0)];
        let judged = self.event(Subject::EVENT);
        let (truth, held) =
            self.graph
                .patterns
                .counted(self.rulebook, self.graph, pattern, i, judged.time);
        let p = &self.rulebook.patterns[pattern];
        let ids: Vec<&str> = held.iter().map(|&k| &*self.graph.events[k].id).collect();
        let (value, computed) = match truth {
            Truth::True => (
                format!("counted in pattern `{}`", p.name),
                format!(
                    "{} within {} before {}: {}",
                    p.count,
                    p.window_written,
                    judged.id,
                    ids.join(", ")
                ),
            ),
            Truth::Unknown if held.is_empty() => (
                format!("pattern `{}` was not found for these events", p.name),
                "call `truce::eval::find_patterns` before judging".to_owned(),
            ),
            Truth::Unknown => (
                format!("may be counted in pattern `{}`", p.name),
                format!(
                    "with {}, whose times or conditions are uncertain",
                    ids.join(", ")
                ),
            ),
            Truth::False => (
                format!("not counted in pattern `{}`", p.name),
                format!("among the events before {}", judged.id),
            ),
        };
        let fact = Fact {
            event: self.graph.events[i].id.clone(),
            field: "pattern",
            value: value.into(),
            computed: Some(computed),
        };
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown && held.is_empty() {
            step.unknown_because = Some(format!(
                "pattern `{}` was not found for these events",
                p.name
            ));
        } else if truth == Truth::Unknown {
            step.unknown_because = Some(format!(
                "whether {} belongs to a run of pattern `{}` depends on events whose times or conditions are uncertain",
                self.graph.events[i].id, p.name
            ));
        }
        step
    }
}
