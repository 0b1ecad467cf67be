//! Event graph + checked rulebook → verdicts with explanations.
//!
//! Every event is judged against every article. The explanation is data
//! carried with each verdict; nothing is logged.

mod article;
mod changes;
mod computed;
mod cond;
mod doubt;
mod exception;
mod facts;
mod findings;
mod force;
mod holdings;
mod over;
mod pattern;
#[cfg(test)]
mod predicates_tests;
mod proof;
mod relation;
mod responsibility;
mod scope;
mod shown;
mod spatial;
mod state;
mod survey;
mod time;
mod timeline;
mod truth;
mod verdict;
mod weapons;

pub use article::answering;
pub use changes::{Changes, window_written};
pub use computed::{
    BandLimit, BearingReading, BoundSince, Computed, Denied, MeasuredFrom, Names, PartyStatus,
    Whose,
};
pub use cond::coordinates;
pub use holdings::{
    Ceilings, CountedWhat, Holdings, LimitCount, OpenLimit, ReportCount, UnitCount,
};
pub use pattern::{PatternRun, Patterns};
pub use shown::Shown;
pub use spatial::space::{
    between, distance_indexed, distance_to_line, extra_pieces, km, side_indexed,
};
pub use spatial::zone::{Membership, drawn_line, in_zone};
pub use state::{Role as StateRole, State};
pub use survey::Survey;
pub use time::{duration, span_words, written as written_time};
pub use truth::Truth;
pub use verdict::*;
pub use weapons::Range;

use crate::check::Rulebook;
use crate::graph::EventGraph;
use crate::name::Name;

/// Surveys the graph, then judges every event of it, in input order.
pub fn adjudicate(rulebook: &Rulebook, graph: &EventGraph) -> Vec<Verdict> {
    let survey = Survey::of(rulebook, graph);
    adjudicate_range(rulebook, graph, &survey, 0..graph.events.len())
}

/// The findings of the rulebook's patterns over the graph (what
/// [`Survey::of`] finds, without the ceilings).
pub fn find_patterns(rulebook: &Rulebook, graph: &EventGraph) -> Patterns {
    let survey = Survey {
        changes: changes::find(rulebook, graph),
        patterns: Patterns::default(),
        ceilings: Ceilings::default(),
    };
    pattern::find(rulebook, graph, &survey)
}

/// Judges the events of the graph at indices `range`, in order, with the
/// survey of that graph under that rulebook.
pub fn adjudicate_range(
    rulebook: &Rulebook,
    graph: &EventGraph,
    survey: &Survey,
    range: std::ops::Range<usize>,
) -> Vec<Verdict> {
    use rayon::prelude::*;
    // Each verdict depends only on the graph, and `collect` keeps input
    // order, so the output does not depend on the number of threads. An
    // environment serves many events in turn, its caches emptied but kept.
    range
        .into_par_iter()
        .map_init(
            || cond::Env::new(rulebook, graph, survey, None),
            |env, i| judge_in(env, i),
        )
        .collect()
}

/// Of one event's verdicts under several instruments, each with whether
/// its instrument had entered into force by the event's time: those of the
/// instruments in force for its actor at its time (or possibly so), and of
/// those that had entered into force but no longer bound the actor's party
/// (suspended or repudiated: a fact about its obligations worth stating);
/// if none, the first, which says why. An instrument not yet in force says
/// nothing of an event another instrument judged.
pub fn in_force_only(verdicts: Vec<(Verdict, bool)>) -> Vec<Verdict> {
    let kept = |(v, started): &(Verdict, bool)| v.in_force.result != Truth::False || *started;
    if !verdicts.iter().any(kept) {
        return verdicts.into_iter().take(1).map(|(v, _)| v).collect();
    }
    verdicts.into_iter().filter(kept).map(|(v, _)| v).collect()
}

/// Judges one event, with the survey of its graph.
pub fn judge(rulebook: &Rulebook, graph: &EventGraph, survey: &Survey, index: usize) -> Verdict {
    judge_in(&mut cond::Env::new(rulebook, graph, survey, None), index)
}

/// Judges one event in `env`, which is started afresh on it.
fn judge_in(env: &mut cond::Env<'_>, index: usize) -> Verdict {
    let (rulebook, graph, survey) = (env.rulebook, env.graph, env.survey);
    let changes = &survey.changes;
    let event = &graph.events[index];
    let gate = force::agreement(event, rulebook, changes);
    let (change, change_doctrines) = match changes.trial(index) {
        Some((t, d)) => (Some(t.clone()), d.to_vec()),
        None => (None, Vec::new()),
    };
    let mut verdict = Verdict {
        event: event.id.clone(),
        outcome: Outcome::NoViolation,
        party: None,
        instrument: rulebook.title.clone(),
        summary: Summary::Pending,
        in_force: gate.step,
        articles: Vec::new(),
        doctrines: Vec::new(),
        implied_by: event.inference().map(|i| Implication {
            event: i.parent.clone(),
            because: i.because.as_ref().into(),
        }),
        translated: Vec::new(),
        change,
    };
    let mut doctrines = gate.doctrines;
    doctrines.extend(change_doctrines);
    if let Some(why) = gate.reason {
        verdict.summary = Summary::NotBound { why };
        verdict.doctrines = settings(rulebook, doctrines);
        return verdict;
    }
    // An open question about force is carried into every finding.
    let gate = (verdict.in_force.result == Truth::Unknown).then(|| verdict.in_force.clone());
    env.start(index);
    verdict.articles = (0..rulebook.articles.len())
        .map(|a| article::judge(env, a, &gate))
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
                set_by: d.set_by,
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
    let articles: Vec<Name> = deciding.iter().map(|f| f.article.clone()).collect();
    let first = deciding
        .iter()
        .find_map(|f| {
            f.state
                .as_ref()
                .filter(|s| s.role == state::Role::Continues)
        })
        .map(|s| s.first.clone());
    verdict.summary = match worst {
        Outcome::Violation if verdict.only_continues() => Summary::Continues {
            articles,
            first: first.unwrap_or_default(),
        },
        Outcome::Violation => Summary::Violates { articles },
        Outcome::Inconclusive => Summary::CannotDecide { articles },
        Outcome::Justified => Summary::Excused { articles },
        Outcome::NoViolation => Summary::NoBreach,
    };
}

#[cfg(test)]
mod several_tests {
    use super::*;

    fn verdict(instrument: &str, in_force: Truth) -> Verdict {
        Verdict {
            event: "E".into(),
            outcome: Outcome::NoViolation,
            party: None,
            instrument: instrument.into(),
            summary: Summary::Pending,
            in_force: Step::leaf("in force".into(), in_force, Vec::new()),
            articles: Vec::new(),
            doctrines: Vec::new(),
            implied_by: None,
            translated: Vec::new(),
            change: None,
        }
    }

    fn kept(verdicts: Vec<(Verdict, bool)>) -> Vec<String> {
        in_force_only(verdicts)
            .into_iter()
            .map(|v| v.instrument.to_string())
            .collect()
    }

    #[test]
    fn an_instrument_not_yet_in_force_says_nothing_but_one_a_party_left_does() {
        // A: in force; B: not yet in force at the event's time.
        assert_eq!(
            kept(vec![
                (verdict("A", Truth::True), true),
                (verdict("B", Truth::False), false)
            ]),
            ["A"]
        );
        // B had entered into force, and the actor's party left it.
        assert_eq!(
            kept(vec![
                (verdict("A", Truth::True), true),
                (verdict("B", Truth::False), true)
            ]),
            ["A", "B"]
        );
        // None yet in force: the first says why.
        assert_eq!(
            kept(vec![
                (verdict("A", Truth::False), false),
                (verdict("B", Truth::False), false)
            ]),
            ["A"]
        );
        // Possibly in force (a window straddling entry into force) is kept.
        assert_eq!(
            kept(vec![
                (verdict("A", Truth::Unknown), true),
                (verdict("B", Truth::False), false)
            ]),
            ["A"]
        );
    }
}
