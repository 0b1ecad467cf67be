//! One article against one event: condition, proof, exceptions.
//!
//! Exceptions are tried whenever the article may have been breached, so an
//! act that an exception covers is justified even when the breach itself
//! cannot be decided or proven.

use super::cond::Env;
use super::exception::{Effective, Resolution, failed_element, try_exceptions, untried};
use super::force;
use super::proof::Aspect;
use super::truth::Truth;
use super::verdict::{ExceptionStatus, ExceptionTrial, Finding, Outcome, Proof, Step};
use crate::check::{Article, Effect, Responsible, Role, Rulebook};
use crate::name::Name;

/// Judges `event` under article `index`; `in_force` is the agreement's gate
/// when it is unknown (the event's window straddles entry into force, say).
/// A violation is placed in its continuing state, if it has one.
pub fn judge(env: &mut Env<'_>, index: usize, in_force: &Option<Step>) -> Finding {
    let mut finding = judge_alone(env, index, in_force);
    let linked = env
        .graph
        .is_linked(env.subjects[0], crate::check::Relation::Continues);
    if linked && (finding.outcome == Outcome::Violation || finding.not_met) {
        finding.state = super::state::trace(env, index, finding.outcome == Outcome::Violation);
    }
    finding
}

/// Judges `event` under article `index`, as a report on its own.
pub fn judge_alone(env: &mut Env<'_>, index: usize, in_force: &Option<Step>) -> Finding {
    let rulebook = env.rulebook;
    let article = &rulebook.articles[index];
    let event = env.subjects[0];
    let gate = force::article(&env.graph.events[event], rulebook, index);
    if let Some(reason) = gate.as_ref().and_then(|g| g.reason.clone()) {
        // Suspended for the actor's party: the article is not applied.
        let mut finding = not_applied(rulebook, index, gate.expect("a gate gave the reason").step);
        finding.reason = reason;
        return finding;
    }
    let in_force = match gate {
        Some(g) if g.step.result == Truth::Unknown => &Some(g.step),
        _ => in_force,
    };
    let condition = env.eval(&article.violation);
    let mut finding = blank(rulebook, index, condition);
    if finding.condition.result == Truth::False {
        let failed = finding.condition.decisive();
        finding.reason = format!("not met: `{}` is false", failed.condition);
        finding.exceptions = untried(rulebook, index);
        finding.not_met = true;
        return finding;
    }
    let actor = env.graph.events[event]
        .party
        .map(|p| &rulebook.parties[usize::from(p)]);
    if let Some(monitor) =
        actor.filter(|a| a.role == Role::Monitor && article.responsible == Responsible::ActorParty)
    {
        // The agreement binds its parties; a monitor's own act breaches none
        // of their obligations.
        finding.reason = format!(
            "the actor, `{}`, is a monitor, not a party bound by the agreement",
            monitor.id
        );
        finding.exceptions = untried(rulebook, index);
        return finding;
    }
    finding.party = responsible(rulebook, article, env.graph.events[event].party);
    if finding.condition.result == Truth::True {
        let occurrence = env.proof(article.proof, Aspect::Occurrence);
        // Who did it is weighed only for a proven act with a named party:
        // an act of unknown origin stays so, never forced onto a party.
        if occurrence.met && finding.party.is_some() {
            finding.attribution = Some(env.proof(article.attribution, Aspect::Attribution));
        }
        finding.proof = Some(occurrence);
    }
    let resolution;
    (finding.exceptions, resolution) = try_exceptions(env, index);
    (finding.outcome, finding.reason) = decide(&finding, resolution, in_force);
    if let (Some(group), Some(p)) = (
        actor.filter(|a| a.role == Role::Group),
        finding.party.as_ref(),
    ) {
        finding.reason.push_str(&format!(
            "; `{p}` answers for `{}`, a group under it that it must prevent from acting",
            group.id
        ));
    }
    if finding.outcome == Outcome::Violation {
        finding.severity = Some(article.severity.name());
    }
    finding
}

/// The outcome of a finding whose condition is true or unknown.
fn decide(f: &Finding, resolution: Resolution, in_force: &Option<Step>) -> (Outcome, String) {
    let name = |k: usize| &f.exceptions[k].exception;
    match resolution {
        Some(Effective::Conflict { excuse, upholds }) => {
            let reason = format!(
                "exceptions `{}` (excusing the act) and `{}` (upholding the breach) both apply, and the rulebook ranks neither over the other",
                name(excuse),
                name(upholds)
            );
            return (Outcome::Inconclusive, reason);
        }
        Some(Effective::Excused(x)) => {
            let reason = match (f.condition.result, &f.proof) {
                (Truth::True, Some(Proof { met: true, .. })) => {
                    format!("met, but exception `{}` applies", name(x))
                }
                _ => format!(
                    "exception `{}` applies, whether or not the article was breached",
                    name(x)
                ),
            };
            return (Outcome::Justified, reason);
        }
        _ => {}
    }
    if let Some(gate) = in_force {
        let why = gate.unknown_because.as_deref().unwrap_or("");
        let reason = format!("the agreement may not have bound the actor's party: {why}");
        return (Outcome::Inconclusive, reason);
    }
    if f.condition.result == Truth::Unknown {
        let open = f.condition.decisive();
        let why = open
            .unknown_because
            .as_deref()
            .unwrap_or("a fact is missing");
        return (
            Outcome::Inconclusive,
            format!("cannot decide `{}`: {why}", open.condition),
        );
    }
    if let Some(p) = f.proof.as_ref().filter(|p| !p.met) {
        let reason = format!("condition met, but occurrence is not proven: {}", p.reason);
        return (Outcome::Inconclusive, reason);
    }
    if let (Some(p), Some(a)) = (&f.proof, f.attribution.as_ref().filter(|a| !a.met)) {
        let reason = format!(
            "occurrence established ({}), attribution not: {}",
            p.reason, a.reason
        );
        return (Outcome::Inconclusive, reason);
    }
    match resolution {
        Some(Effective::Stands { upheld }) => (
            Outcome::Violation,
            violation_reason(f, upheld.map(|k| &f.exceptions[k])),
        ),
        _ => (Outcome::Inconclusive, undecided_reason(f)),
    }
}

/// Why the exceptions leave a met and proven breach open: which may apply,
/// and what could not be decided.
fn undecided_reason(f: &Finding) -> String {
    let open: Vec<&ExceptionTrial> = f
        .exceptions
        .iter()
        .filter(|x| x.status == ExceptionStatus::Undecided)
        .collect();
    let names: Vec<String> = open.iter().map(|x| format!("`{}`", x.exception)).collect();
    let why = open
        .first()
        .and_then(|x| x.condition.as_ref())
        .map(Step::decisive)
        .map_or(String::new(), |s| {
            let because = s.unknown_because.as_deref().unwrap_or("a fact is missing");
            format!(": `{}`: {because}", s.condition)
        });
    let word = if names.len() == 1 {
        "exception"
    } else {
        "exceptions"
    };
    format!(
        "met, but {word} {} may apply and cannot be decided{why}",
        names.join(", ")
    )
}

/// Why a met and proven breach stands: no excuse applies (and which of
/// its elements failed), or an exception upholds it over an excuse.
fn violation_reason(f: &Finding, upheld: Option<&ExceptionTrial>) -> String {
    let failed: Vec<String> = f
        .exceptions
        .iter()
        .filter(|x| x.status == ExceptionStatus::DoesNotApply && x.effect == Effect::Excuses)
        .filter_map(|x| {
            let condition = x.condition.as_ref()?;
            Some(format!("`{}`: {}", x.exception, failed_element(condition)))
        })
        .collect();
    let failed = if failed.is_empty() {
        String::new()
    } else {
        format!(" ({})", failed.join("; "))
    };
    let Some(u) = upheld else {
        return format!("met, proven, and no exception applies{failed}");
    };
    let aside: Vec<String> = f
        .exceptions
        .iter()
        .filter(|x| x.status == ExceptionStatus::SetAside)
        .map(|x| format!("`{}`", x.exception))
        .collect();
    if aside.is_empty() {
        // Nothing to set aside: the breach stands because no excuse
        // applies; the upholding exception would have kept it anyway.
        return format!(
            "met, proven, and no excuse applies{failed}; exception `{}` would uphold the breach in any case",
            u.exception
        );
    }
    format!(
        "met, proven, and exception `{}` upholds the breach, setting aside {}{failed}",
        u.exception,
        aside.join(", ")
    )
}

/// A finding for an article that did not bind the actor's party: the gate
/// stands in for the condition, which was not evaluated.
fn not_applied(rulebook: &Rulebook, index: usize, gate: Step) -> Finding {
    Finding {
        exceptions: untried(rulebook, index),
        ..blank(rulebook, index, gate)
    }
}

/// A finding of no violation under article `index`, with its condition
/// evaluated, before anything else is decided.
fn blank(rulebook: &Rulebook, index: usize, condition: Step) -> Finding {
    let article = &rulebook.articles[index];
    Finding {
        article: article.number.clone(),
        text: article.text.clone(),
        outcome: Outcome::NoViolation,
        party: None,
        severity: None,
        reason: String::new(),
        condition,
        proof: None,
        attribution: None,
        exceptions: Vec::new(),
        state: None,
        not_met: false,
    }
}

/// The party that answers for a breach: the actor's party, or for a group
/// the party it is under (which must prevent its acts), or the party the
/// article names. Monitors are not parties to the agreement: an act by a
/// monitor is attributed to no party.
fn responsible(rulebook: &Rulebook, article: &Article, actor: Option<u16>) -> Option<Name> {
    let party = match article.responsible {
        Responsible::ActorParty => answering(rulebook, actor?),
        Responsible::Party(p) => p,
    };
    let party = &rulebook.parties[usize::from(party)];
    (party.role == Role::Party).then(|| party.id.clone())
}

/// The party that answers for an actor: itself, or a group's party.
pub fn answering(rulebook: &Rulebook, actor: u16) -> u16 {
    rulebook.parties[usize::from(actor)].under.unwrap_or(actor)
}
