//! Continuing states: a breach that begins at a time and lasts until it is
//! remedied (a position moved forward and never withdrawn) is one
//! violation with a start and a duration. Reports linked by `continues`
//! are reports of one state: the first that breaches an article starts it,
//! later ones continue it and are never counted again, and the first later
//! report that no longer breaches it ends it.

use serde::Serialize;

use super::article;
use super::cond::Env;
use super::time::{duration, written};
use super::verdict::Outcome;
use crate::check::Relation;
use crate::name::Name;

/// How far along a chain of reports truce looks, each way. Chains of daily
/// reports over months stay well inside; beyond, the note says so.
const MAX_REPORTS: usize = 200;

/// What a violation finding is within a continuing state.
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
    /// From the start to the remedy, or to the latest report of the breach.
    pub duration: String,
    /// One sentence a reader can take in.
    pub note: String,
}

/// What one report is to a continuing state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The report that found the breach: the violation is counted here.
    Starts,
    /// A later report of a breach already found: not counted again.
    Continues,
    /// The first later report that no longer breaches the article.
    Ends,
}

/// The state the judged event's finding under `article` belongs to, if the
/// event is linked by `continues` to other reports: a violation starts or
/// continues one; a report that no longer breaches may end one.
pub fn trace(env: &Env<'_>, article: usize, outcome: Outcome) -> Option<State> {
    let graph = env.graph;
    let me = env.subjects[0];
    let earlier = chain(env, me, true);
    let later = chain(env, me, false);
    if earlier.is_empty() && later.is_empty() {
        return None;
    }
    let breaches = |i: usize| judge(env, i, article) == Outcome::Violation;
    let event = |i: usize| &graph.events[i];
    let first = earlier.iter().copied().find(|&i| breaches(i));
    if outcome == Outcome::NoViolation {
        return first.map(|f| ended(env, f, me));
    }
    if let Some(first) = first {
        let gap = event(me).time.from.as_second() - event(first).time.from.as_second();
        let note = format!(
            "continues the breach found at {} ({}), {} earlier: one violation, counted there",
            event(first).id,
            written(&event(first).time),
            duration(gap as f64)
        );
        return Some(State {
            first: event(first).id.clone(),
            since: written(&event(first).time),
            role: Role::Continues,
            reports: Vec::new(),
            remedied_by: None,
            duration: duration(gap as f64),
            note,
        });
    }
    let mut reports = Vec::new();
    let mut remedied_by = None;
    let mut end = me;
    for &i in &later {
        match judge(env, i, article) {
            Outcome::Violation => {
                reports.push(event(i).id.clone());
                end = i;
            }
            Outcome::NoViolation => {
                remedied_by = Some(i);
                end = i;
                break;
            }
            // An open or excused report neither extends nor ends the state.
            _ => {}
        }
    }
    let span = event(end).time.from.as_second() - event(me).time.from.as_second();
    let again = if reports.is_empty() {
        String::new()
    } else {
        let ids: Vec<&str> = reports.iter().map(|r| &**r).collect();
        format!(", reported again at {}", ids.join(", "))
    };
    let note = match remedied_by {
        Some(r) => format!(
            "a continuing breach from {}{again}, until remedied at {} ({}): {}",
            written(&event(me).time),
            event(r).id,
            written(&event(r).time),
            duration(span as f64)
        ),
        None if reports.is_empty() => format!(
            "a continuing breach from {}, not reported since",
            written(&event(me).time)
        ),
        None => format!(
            "a continuing breach from {}{again}: at least {}, not reported remedied",
            written(&event(me).time),
            duration(span as f64)
        ),
    };
    Some(State {
        first: event(me).id.clone(),
        since: written(&event(me).time),
        role: Role::Starts,
        reports,
        remedied_by: remedied_by.map(|r| event(r).id.clone()),
        duration: duration(span as f64),
        note,
    })
}

/// The state a report ends: found at `first`, no longer breached at `me`.
fn ended(env: &Env<'_>, first: usize, me: usize) -> State {
    let (f, m) = (&env.graph.events[first], &env.graph.events[me]);
    let span = duration((m.time.from.as_second() - f.time.from.as_second()) as f64);
    State {
        first: f.id.clone(),
        since: written(&f.time),
        role: Role::Ends,
        reports: Vec::new(),
        remedied_by: Some(m.id.clone()),
        note: format!(
            "ends the breach found at {} ({}), after {span}",
            f.id,
            written(&f.time)
        ),
        duration: span,
    }
}

/// The reports before (`back`) or after the judged one along `continues`,
/// in time order, at most [`MAX_REPORTS`].
fn chain(env: &Env<'_>, start: usize, back: bool) -> Vec<usize> {
    let graph = env.graph;
    let mut seen = std::collections::HashSet::from([start]);
    let mut frontier = vec![start];
    let mut found = Vec::new();
    while let Some(i) = frontier.pop() {
        let next = if back {
            graph.related(i, Relation::Continues)
        } else {
            graph.referring(i, Relation::Continues)
        };
        for j in next {
            if found.len() < MAX_REPORTS && seen.insert(j) {
                found.push(j);
                frontier.push(j);
            }
        }
    }
    found.sort_by_key(|&i| (graph.events[i].time.from, i));
    found
}

/// Another report under one article, without tracing its own state.
fn judge(env: &Env<'_>, event: usize, article: usize) -> Outcome {
    let mut other = Env {
        rulebook: env.rulebook,
        graph: env.graph,
        subjects: vec![event],
        zones_seen: Default::default(),
    };
    let gate = super::force::agreement(&env.graph.events[event], env.rulebook);
    if gate.reason.is_some() {
        return Outcome::NoViolation;
    }
    let open = (gate.step.result == super::truth::Truth::Unknown).then_some(gate.step);
    article::judge_alone(&mut other, article, &open).outcome
}
