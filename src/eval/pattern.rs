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

use super::computed::{Computed, Names};
use super::cond::Env;
use super::proof::{self, Aspect};
use super::survey::Survey;
use super::truth::Truth;
use super::verdict::{Doubt, Fact, Step};
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
pub(super) fn find(rulebook: &Rulebook, graph: &EventGraph, survey: &Survey) -> Patterns {
    let mut found = Patterns::default();
    let Some(standard) = rulebook.standard("preponderance") else {
        return found;
    };
    let mut env = Env::new(rulebook, graph, survey, None);
    // Whether each event is established, weighed once for all patterns.
    let mut established: Vec<Option<bool>> = vec![None; graph.events.len()];
    for (index, pattern) in rulebook.patterns.iter().enumerate() {
        let mut by_party: BTreeMap<PartyIdx, Vec<Candidate>> = BTreeMap::new();
        for i in 0..graph.events.len() {
            let Some((party, sure)) = candidate(&mut env, i, &pattern.condition) else {
                continue;
            };
            let established = *established[i].get_or_insert_with(|| {
                [Aspect::Occurrence, Aspect::Attribution]
                    .into_iter()
                    .all(|a| proof::assess(graph, &rulebook.parties, i, standard, a).met)
            });
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
    env.start(i);
    match env.eval(condition).result {
        Truth::True => Some((party, true)),
        Truth::Unknown => Some((party, false)),
        Truth::False => None,
    }
}

/// Counts, for windows of one length, how many candidates each holds,
/// surely (whole time inside) or possibly (time overlapping), in
/// logarithmic time: candidates are sorted by start and by end, and only
/// those whose time is longer than the window can straddle one.
struct Counter {
    froms: Vec<Timestamp>,
    tos: Vec<Timestamp>,
    longer: Vec<(Timestamp, Timestamp)>,
    span: SignedDuration,
}

impl Counter {
    fn new(cands: &[Candidate], span: SignedDuration) -> Self {
        let mut froms: Vec<Timestamp> = cands.iter().map(|c| c.from).collect();
        let mut tos: Vec<Timestamp> = cands.iter().map(|c| c.to).collect();
        froms.sort_unstable();
        tos.sort_unstable();
        let longer = cands
            .iter()
            .filter(|c| c.to.duration_since(c.from) > span)
            .map(|c| (c.from, c.to))
            .collect();
        Counter {
            froms,
            tos,
            longer,
            span,
        }
    }

    fn end(&self, start: Timestamp) -> Timestamp {
        start.checked_add(self.span).unwrap_or(Timestamp::MAX)
    }

    /// Candidates wholly inside the window from `start`: those ending in
    /// time, less those starting too early (which, ending in time, are
    /// all but the ones that straddle the whole window).
    fn surely(&self, start: Timestamp) -> usize {
        let end = self.end(start);
        let ended = self.tos.partition_point(|t| *t <= end);
        let early = self.froms.partition_point(|f| *f < start);
        let straddling = self
            .longer
            .iter()
            .filter(|(f, t)| *f < start && *t > end)
            .count();
        ended - (early - straddling)
    }

    /// Candidates whose time overlaps the window from `start`.
    fn possibly(&self, start: Timestamp) -> usize {
        let end = self.end(start);
        let begun = self.froms.partition_point(|f| *f <= end);
        let over = self.tos.partition_point(|t| *t < start);
        begun - over
    }
}

/// Runs of windows each surely holding `count` or more, merged while they
/// share an event, each with the most any window held. Windows start at a
/// candidate's time (a fullest window can always be moved to one), and a
/// candidate is held by a contiguous range of them, so runs are found by
/// merging ranges.
fn runs(cands: &[Candidate], count: usize, span: SignedDuration) -> Vec<(Vec<Candidate>, usize)> {
    let counter = Counter::new(cands, span);
    let n = cands.len();
    let held: Vec<usize> = cands.iter().map(|c| counter.surely(c.from)).collect();
    let qualifies = |w: usize| held[w] >= count;
    // For each window, the next qualifying window at or after it and the
    // last at or before it.
    let mut next = vec![n; n + 1];
    for w in (0..n).rev() {
        next[w] = if qualifies(w) { w } else { next[w + 1] };
    }
    let mut prev = vec![None; n];
    for w in 0..n {
        prev[w] = if qualifies(w) {
            Some(w)
        } else {
            w.checked_sub(1).and_then(|v| prev[v])
        };
    }
    // Each candidate's qualifying windows, as a range of window indices.
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
    for (p, c) in cands.iter().enumerate() {
        let earliest = c.to.checked_sub(span).unwrap_or(Timestamp::MIN);
        let a = cands.partition_point(|w| w.from < earliest);
        let b = cands.partition_point(|w| w.from <= c.from);
        if a >= b {
            continue;
        }
        if let (first, Some(last)) = (next[a], prev[b - 1])
            && first <= last
        {
            ranges.push((first, last, p));
        }
    }
    ranges.sort_unstable();
    // Merge overlapping ranges: each merged range of windows is one run.
    let mut out: Vec<(Vec<Candidate>, usize, usize)> = Vec::new(); // members, first and last window
    for (first, last, p) in ranges {
        match out.last_mut() {
            Some((members, _, end)) if first <= *end => {
                members.push(cands[p]);
                *end = (*end).max(last);
            }
            _ => out.push((vec![cands[p]], first, last)),
        }
    }
    out.into_iter()
        .map(|(mut members, first, last)| {
            members.sort_by_key(|c| (c.from, c.index));
            let densest = held[first..=last].iter().copied().max().unwrap_or(0);
            (members, densest)
        })
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
            // Not found (read while the survey finds the patterns, or no
            // standard to weigh events by): say nothing rather than "not
            // counted".
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
        // Surely: sure events wholly before the act, surely in one window
        // that starts at one of them, no later than `me`.
        let earlier: Vec<Candidate> = near
            .iter()
            .copied()
            .filter(|c| c.sure && c.to <= before.from)
            .collect();
        if me.sure && me.to <= before.from {
            let counter = Counter::new(&earlier, p.window);
            let earliest = me.to.checked_sub(p.window).unwrap_or(Timestamp::MIN);
            let start = earlier
                .iter()
                .map(|c| c.from)
                .filter(|s| *s >= earliest && *s <= me.from)
                .find(|s| counter.surely(*s) >= p.count);
            if let Some(start) = start {
                let end = counter.end(start);
                let held = earlier.iter().filter(|c| c.from >= start && c.to <= end);
                return (Truth::True, held.map(|c| c.index).collect());
            }
        }
        // Possibly: any candidate that may come before the act, in any
        // window its time may fall in (one starting where a candidate ends,
        // or ending where one starts).
        if me.from > before.to {
            return (Truth::False, Vec::new());
        }
        let maybe: Vec<Candidate> = near
            .iter()
            .copied()
            .filter(|c| c.from <= before.to)
            .collect();
        let counter = Counter::new(&maybe, p.window);
        let earliest = me.from.checked_sub(p.window).unwrap_or(Timestamp::MIN);
        let start = maybe
            .iter()
            .flat_map(|c| [c.to, c.from.checked_sub(p.window).unwrap_or(Timestamp::MIN)])
            .filter(|s| *s >= earliest && *s <= me.to)
            .find(|s| counter.possibly(*s) >= p.count);
        if let Some(start) = start {
            let end = counter.end(start);
            let held = maybe.iter().filter(|c| c.from <= end && c.to >= start);
            return (Truth::Unknown, held.map(|c| c.index).collect());
        }
        (Truth::False, Vec::new())
    }
}

/// How many of a window's events an explanation names: every event of a
/// burst is judged, and naming the whole window in each explanation would
/// make the output grow with the square of the burst.
const NAMED: usize = 8;

/// The first [`NAMED`] ids, and how many more there are.
fn listed<'a>(ids: impl Iterator<Item = &'a Name>, count: usize) -> Names {
    Names {
        named: ids.take(NAMED).cloned().collect(),
        more: count.saturating_sub(NAMED),
    }
}

impl Env<'_> {
    /// `attack in barrage`: whether the related event was counted in a
    /// window of the pattern among the events before the act judged.
    pub(super) fn in_pattern(&self, cond: &Cond, subject: Subject, pattern: usize) -> Step {
        let i = self.subjects[usize::from(subject.0)];
        let judged = self.event(Subject::EVENT);
        let (truth, held) =
            self.survey
                .patterns
                .counted(self.rulebook, self.graph, pattern, i, judged.time);
        let p = &self.rulebook.patterns[pattern];
        let ids = listed(held.iter().map(|&k| &self.graph.events[k].id), held.len());
        // The value is the pattern's name; what was found of it is data.
        let computed = match truth {
            Truth::True => Computed::Counted {
                count: p.count,
                window: Name::from(p.window_written.as_str()),
                before: judged.id.clone(),
                events: ids,
            },
            Truth::Unknown if held.is_empty() => Computed::PatternsNotFound,
            Truth::Unknown => Computed::MayBeCounted { events: ids },
            Truth::False => Computed::NotCounted {
                before: judged.id.clone(),
            },
        };
        let fact = Fact {
            event: self.graph.events[i].id.clone(),
            field: "pattern".into(),
            value: Name::from(&*p.name).into(),
            computed: Some(Box::new(computed)),
            note: None,
        };
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        if truth == Truth::Unknown && held.is_empty() {
            step.doubt = Some(Doubt::PatternNotFound {
                pattern: crate::name::Name::from(&*p.name),
            });
        } else if truth == Truth::Unknown {
            step.doubt = Some(Doubt::PatternUncertain {
                event: self.graph.events[i].id.clone(),
                pattern: crate::name::Name::from(&*p.name),
            });
        }
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs found the slow way: every window from a candidate's start,
    /// merged while they share a candidate.
    fn brute(cands: &[Candidate], count: usize, span: SignedDuration) -> Vec<(Vec<usize>, usize)> {
        let mut windows: Vec<Vec<usize>> = Vec::new();
        for c in cands {
            let end = c.from.checked_add(span).unwrap();
            let held: Vec<usize> = (0..cands.len())
                .filter(|&k| cands[k].from >= c.from && cands[k].to <= end)
                .collect();
            if held.len() >= count {
                windows.push(held);
            }
        }
        let mut runs: Vec<(Vec<usize>, usize)> = Vec::new();
        for w in windows {
            match runs.last_mut() {
                Some((members, most)) if w.iter().any(|k| members.contains(k)) => {
                    *most = (*most).max(w.len());
                    members.extend(w);
                    members.sort_unstable();
                    members.dedup();
                }
                _ => {
                    let n = w.len();
                    runs.push((w, n));
                }
            }
        }
        runs
    }

    #[test]
    fn runs_agree_with_every_window_tried() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        let base = Timestamp::from_second(1_700_000_000).unwrap();
        for round in 0..200 {
            let n = 1 + next(40) as usize;
            let mut cands: Vec<Candidate> = (0..n)
                .map(|index| {
                    let from = base
                        .checked_add(SignedDuration::from_mins(next(24 * 60) as i64))
                        .unwrap();
                    // Most instants, some windows, a few longer than the span.
                    let len = [0, 0, 0, 30, 90, 600][next(6) as usize];
                    let to = from.checked_add(SignedDuration::from_mins(len)).unwrap();
                    Candidate {
                        index,
                        from,
                        to,
                        sure: true,
                    }
                })
                .collect();
            cands.sort_by_key(|c| (c.from, c.index));
            let count = 1 + next(5) as usize;
            let span = SignedDuration::from_mins(60 + next(300) as i64);
            let fast: Vec<(Vec<usize>, usize)> = runs(&cands, count, span)
                .into_iter()
                .map(|(members, most)| {
                    let mut positions: Vec<usize> = members
                        .iter()
                        .map(|m| cands.iter().position(|c| c.index == m.index).unwrap())
                        .collect();
                    positions.sort_unstable();
                    (positions, most)
                })
                .collect();
            assert_eq!(fast, brute(&cands, count, span), "round {round}");
        }
    }
}
