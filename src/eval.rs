//! Event graph + checked rulebook → verdicts with explanations.
//!
//! Every event is judged against every article. The explanation is data
//! carried with each verdict; nothing is logged.

mod area;
mod article;
mod cond;
mod control;
mod discs;
mod exception;
mod facts;
mod findings;
mod force;
mod over;
mod pattern;
#[cfg(test)]
mod predicates_tests;
mod proof;
mod relation;
mod responsibility;
mod scope;
mod space;
mod spatial;
mod state;
mod time;
mod truth;
mod verdict;
mod whole;
mod zone;

pub use cond::coordinates;
pub use pattern::{PatternRun, Patterns, find as find_patterns};
pub use space::{distance_indexed, distance_to_line, km, side_indexed};
pub use state::{Role as StateRole, State};
pub use time::written as written_time;
pub use truth::Truth;
pub use verdict::*;
pub use zone::{Membership, in_zone};

use crate::check::Rulebook;
use crate::graph::EventGraph;

/// Judges every event of the graph, in input order.
pub fn adjudicate(rulebook: &Rulebook, graph: &EventGraph) -> Vec<Verdict> {
    adjudicate_range(rulebook, graph, 0..graph.events.len())
}

/// Judges the events of the graph at indices `range`, in order.
pub fn adjudicate_range(
    rulebook: &Rulebook,
    graph: &EventGraph,
    range: std::ops::Range<usize>,
) -> Vec<Verdict> {
    use rayon::prelude::*;
    // Each verdict depends only on the graph, and `collect` keeps input
    // order, so the output does not depend on the number of threads.
    range
        .into_par_iter()
        .map(|i| judge(rulebook, graph, i))
        .collect()
}

/// Of one event's verdicts under several instruments, those of the
/// instruments in force for its actor at its time (or possibly so); if
/// none was, the first, which says why.
pub fn in_force_only(verdicts: Vec<Verdict>) -> Vec<Verdict> {
    let any = verdicts.iter().any(|v| v.in_force.result != Truth::False);
    if !any {
        return verdicts.into_iter().take(1).collect();
    }
    verdicts
        .into_iter()
        .filter(|v| v.in_force.result != Truth::False)
        .collect()
}

/// Judges one event.
pub fn judge(rulebook: &Rulebook, graph: &EventGraph, index: usize) -> Verdict {
    let event = &graph.events[index];
    let gate = force::agreement(event, rulebook);
    let mut verdict = Verdict {
        event: event.id.clone(),
        outcome: Outcome::NoViolation,
        party: None,
        instrument: rulebook.title.clone(),
        summary: String::new(),
        in_force: gate.step,
        articles: Vec::new(),
        doctrines: Vec::new(),
        implied_by: event.inference().map(|i| Implication {
            event: i.parent.clone(),
            because: i.because.as_ref().into(),
        }),
    };
    let mut doctrines = gate.doctrines;
    if let Some(reason) = gate.reason {
        verdict.summary = reason;
        verdict.doctrines = settings(rulebook, doctrines);
        return verdict;
    }
    // An open question about force is carried into every finding.
    let gate = (verdict.in_force.result == Truth::Unknown).then(|| verdict.in_force.clone());
    let mut env = cond::Env::new(rulebook, graph, Some(index));
    verdict.articles = (0..rulebook.articles.len())
        .map(|a| article::judge(&mut env, a, &gate))
        .collect();
    doctrines.append(&mut env.doctrines);
    verdict.doctrines = settings(rulebook, doctrines);
    decide(&mut verdict);
    verdict
}

/// The settings of the doctrines a verdict depended on, in rulebook order.
fn settings(rulebook: &Rulebook, mut doctrines: Vec<usize>) -> Vec<DoctrineSetting> {
    doctrines.sort_unstable();
    doctrines.dedup();
    doctrines
        .into_iter()
        .map(|i| {
            let d = &rulebook.doctrines[i];
            DoctrineSetting {
                doctrine: d.name.as_str().into(),
                setting: d.setting_name().into(),
                set_by: d.set_by.word(),
            }
        })
        .collect()
}

/// The event's outcome is its gravest finding: a violation outweighs an
/// open question, which outweighs a justification.
fn decide(verdict: &mut Verdict) {
    let worst = verdict
        .articles
        .iter()
        .map(|f| f.outcome)
        .max()
        .unwrap_or(Outcome::NoViolation);
    verdict.outcome = worst;
    let deciding: Vec<&Finding> = verdict
        .articles
        .iter()
        .filter(|f| f.outcome == worst)
        .collect();
    verdict.party = deciding.iter().find_map(|f| f.party.clone());
    let numbers: Vec<&str> = deciding.iter().map(|f| &*f.article).collect();
    let list = numbers.join(", ");
    let plural = if numbers.len() > 1 {
        "articles"
    } else {
        "article"
    };
    let first = deciding
        .iter()
        .find_map(|f| {
            f.state
                .as_ref()
                .filter(|s| s.role == state::Role::Continues)
        })
        .map(|s| s.first.clone());
    verdict.summary = match worst {
        Outcome::Violation if verdict.only_continues() => format!(
            "continues the violation of {plural} {list} found at {}; counted there",
            first.unwrap_or_default()
        ),
        Outcome::Violation => format!("violates {plural} {list}"),
        Outcome::Inconclusive => format!("cannot be decided under {plural} {list}"),
        Outcome::Justified => format!("excused under {plural} {list} by an exception"),
        Outcome::NoViolation => "no article is breached".to_owned(),
    };
}
