//! Continuing states: a breach that begins at a time and lasts until it is
//! remedied (a position moved forward and never withdrawn) is one
//! violation with a start and a duration. Reports linked by `continues`,
//! in either direction, are reports of one thing, read in time order: a
//! report that breaches an article starts a breach if none is open, and
//! continues it otherwise (never counted again); a report for which the
//! article's condition is false remedies it. A report the article does not
//! bind (suspended, not yet in force), or that cannot be decided, neither
//! extends nor ends a breach.

use serde::Serialize;

use super::article;
use super::cond::Env;
use super::time::{duration, written};
use super::verdict::Outcome;
use crate::check::Relation;
use crate::name::Name;

/// How many linked reports truce reads around the judged one. Chains of
/// daily reports over months stay well inside; beyond, the note says so.
const MAX_REPORTS: usize = 400;

/// What a finding is within a continuing state.
#[derive(Debug, Clone, Serialize)]
pub struct State {
    /// The report that started the breach of this article.
    pub first: Name,
    /// When it started: the time of that report.
    pub since: String,
    /// What this report is to the state.
    pub role: Role,
    /// The later reports of the state that still breach the article.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<Name>,
    /// The report that found the state remedied, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedied_by: Option<Name>,
    /// When the report in `remedied_by` was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedied_at: Option<String>,
    /// From the start to the remedy, or to the latest report of the breach.
    pub duration: String,
    /// How many reports nearest in the chain were read, when the chain was
    /// longer than truce reads; absent when all were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports_read: Option<usize>,
}

/// What one report is to a continuing state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The report that found the breach: the violation is counted here.
    Starts,
    /// A later report of a breach already found: not counted again.
    Continues,
    /// The first later report for which the article's condition is false.
    Ends,
}

/// What a report says about the state, under one article.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Breach,
    Remedy,
    Neither,
}

/// The state the judged event's finding under `article` belongs to, if the
/// event is linked by `continues` to other reports: a violation (`breach`)
/// starts or continues one; a report whose condition is false may end one.
pub fn trace(env: &Env<'_>, article: usize, breach: bool) -> Option<State> {
    let me = env.subjects[0];
    let (chain, cut) = chain(env, me);
    let at = chain.iter().position(|&i| i == me)?;
    let readings: Vec<Reading> = chain
        .iter()
        .map(|&i| match i == me {
            true if breach => Reading::Breach,
            true => Reading::Remedy,
            false => read(env, i, article),
        })
        .collect();
    // The breach open just before the judged report, if any.
    let mut open = None;
    for (k, r) in readings[..at].iter().enumerate() {
        match r {
            Reading::Breach if open.is_none() => open = Some(chain[k]),
            Reading::Remedy => open = None,
            _ => {}
        }
    }
    let cut = cut.then_some(MAX_REPORTS);
    match (breach, open) {
        (false, Some(first)) => Some(ended(env, first, me, cut)),
        (false, None) => None,
        (true, Some(first)) => Some(continued(env, first, me, cut)),
        (true, None) => Some(started(env, &chain[at + 1..], &readings[at + 1..], cut)),
    }
}

fn started(env: &Env<'_>, after: &[usize], readings: &[Reading], cut: Option<usize>) -> State {
    let event = |i: usize| &env.graph.events[i];
    let me = env.subjects[0];
    let mut reports = Vec::new();
    let mut remedied_by = None;
    let mut end = me;
    for (&i, r) in after.iter().zip(readings) {
        match r {
            Reading::Breach => {
                reports.push(event(i).id.clone());
                end = i;
            }
            Reading::Remedy => {
                remedied_by = Some(i);
                end = i;
                break;
            }
            Reading::Neither => {}
        }
    }
    State {
        first: event(me).id.clone(),
        since: written(&event(me).time),
        role: Role::Starts,
        reports,
        remedied_by: remedied_by.map(|r| event(r).id.clone()),
        remedied_at: remedied_by.map(|r| written(&event(r).time)),
        duration: duration(seconds_between(env, me, end)),
        reports_read: cut,
    }
}

fn continued(env: &Env<'_>, first: usize, me: usize, cut: Option<usize>) -> State {
    let f = &env.graph.events[first];
    State {
        first: f.id.clone(),
        since: written(&f.time),
        role: Role::Continues,
        reports: Vec::new(),
        remedied_by: None,
        remedied_at: None,
        duration: duration(seconds_between(env, first, me)),
        reports_read: cut,
    }
}

/// The state a report ends: found at `first`, no longer breached at `me`.
fn ended(env: &Env<'_>, first: usize, me: usize, cut: Option<usize>) -> State {
    let (f, m) = (&env.graph.events[first], &env.graph.events[me]);
    State {
        first: f.id.clone(),
        since: written(&f.time),
        role: Role::Ends,
        reports: Vec::new(),
        remedied_by: Some(m.id.clone()),
        remedied_at: Some(written(&m.time)),
        duration: duration(seconds_between(env, first, me)),
        reports_read: cut,
    }
}

fn seconds_between(env: &Env<'_>, from: usize, to: usize) -> f64 {
    let t = |i: usize| env.graph.events[i].time.from.as_second();
    (t(to) - t(from)) as f64
}

/// Every report linked to `start` by `continues`, either way and however
/// far, in time order (input order among equal times), at most
/// [`MAX_REPORTS`] of them (the nearest by links); and whether it was cut.
fn chain(env: &Env<'_>, start: usize) -> (Vec<usize>, bool) {
    let graph = env.graph;
    let mut seen = std::collections::HashSet::from([start]);
    let mut queue = std::collections::VecDeque::from([start]);
    let mut found = vec![start];
    let mut cut = false;
    while let Some(i) = queue.pop_front() {
        let linked = graph
            .related(i, Relation::Continues)
            .into_iter()
            .chain(graph.referring(i, Relation::Continues));
        for j in linked {
            if !seen.insert(j) {
                continue;
            }
            if found.len() == MAX_REPORTS {
                cut = true;
                continue;
            }
            found.push(j);
            queue.push_back(j);
        }
    }
    found.sort_by_key(|&i| (graph.events[i].time.from, i));
    (found, cut)
}

/// What another report says about the state under one article.
fn read(env: &Env<'_>, event: usize, article: usize) -> Reading {
    let mut other = Env::new(env.rulebook, env.graph, env.survey, Some(event));
    let gate = super::force::agreement(&env.graph.events[event], env.rulebook, &env.survey.changes);
    if gate.reason.is_some() {
        return Reading::Neither; // not bound then: says nothing of the state
    }
    let open = (gate.step.result == super::truth::Truth::Unknown).then_some(gate.step);
    let finding = article::judge_alone(&mut other, article, &open);
    match finding.outcome {
        Outcome::Violation => Reading::Breach,
        Outcome::NoViolation if finding.not_met => Reading::Remedy,
        Outcome::NoViolation | Outcome::Justified | Outcome::Inconclusive => Reading::Neither,
    }
}
