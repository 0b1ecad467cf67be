//! One article against one event: condition, who answers, proof,
//! exceptions, and for a duty to prevent the standard of conduct.
//!
//! Exceptions are tried whenever the article may have been breached, so an
//! act that an exception covers is justified (or carved out) even when the
//! breach itself cannot be decided or proven.

use super::cond::Env;
use super::exception::{Effective, Resolution, failed_element, try_exceptions, untried};
use super::force;
use super::proof::Aspect;
use super::responsibility::Who;
use super::truth::Truth;
use super::verdict::{
    DiligenceTrial, Duty, ElementStep, ExceptionStatus, Finding, Outcome, Perpetrator, Proof,
    Reason, Responsibility, Step,
};
use crate::check::{Article, DiligenceElement, Effect, Rulebook};

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
    let gate = force::article(
        &env.graph.events[event],
        rulebook,
        &env.survey.changes,
        index,
    );
    if let Some(why) = gate.as_ref().and_then(|g| g.reason.clone()) {
        // Suspended for the actor's party: the article is not applied.
        let mut finding = not_applied(rulebook, index, gate.expect("a gate gave the reason").step);
        finding.reason = Reason::NotApplied { why };
        return finding;
    }
    let in_force = match gate {
        Some(g) if g.step.result == Truth::Unknown => &Some(g.step),
        _ => in_force,
    };
    env.standard = article.proof;
    let condition = env.eval(&article.violation);
    let mut finding = blank(rulebook, index, condition);
    if finding.condition.result == Truth::False {
        let failed = finding.condition.decisive();
        finding.reason = Reason::NotMet {
            test: failed.condition.clone(),
        };
        finding.exceptions = untried(rulebook, index);
        finding.not_met = true;
        return finding;
    }
    let (responsibility, doubt) = match env.who(article) {
        Who::Answers(r) => (r, None),
        Who::NotBound { actor, role } => {
            finding.reason = Reason::NotBound { actor, role };
            finding.exceptions = untried(rulebook, index);
            return finding;
        }
        Who::NotImputable { party, capacity } => {
            finding.reason = Reason::NotImputable { party, capacity };
            finding.exceptions = untried(rulebook, index);
            return finding;
        }
        Who::CapacityUnknown {
            party,
            responsibility,
        } => (responsibility, Some(Reason::CapacityUnknown { party })),
        Who::ControllerUnknown {
            field,
            responsibility,
        } => (responsibility, Some(Reason::ControllerUnknown { field })),
    };
    finding.party = responsibility.answers.as_ref().map(|a| a.party.clone());
    if finding.condition.result == Truth::True {
        let occurrence = env.proof(article.proof, Aspect::Occurrence);
        // Who did it is weighed only for a proven act by a named actor: an
        // act of unknown origin stays so, never forced onto a party.
        if occurrence.met && names_someone(&responsibility) {
            finding.attribution = Some(env.proof(article.attribution, Aspect::Attribution));
        }
        finding.proof = Some(occurrence);
    }
    let resolution;
    (finding.exceptions, resolution) = try_exceptions(env, index);
    (finding.outcome, finding.reason) = decide(&finding, resolution, in_force);
    if let Some(doubt) = doubt.filter(|_| finding.outcome == Outcome::Violation) {
        finding.outcome = Outcome::Inconclusive;
        finding.reason = doubt;
    }
    if let Some((d, when)) = article.diligence.filter(|_| under_duty(&responsibility)) {
        // Under another setting of the doctrine the duty is one of result:
        // the party answers for the act whatever care it took.
        let applies = when.is_none_or(|t| env.doctrine_holds(t));
        if applies {
            diligence(env, article, d, &mut finding, &responsibility);
        }
    }
    finding.responsibility = Some(responsibility);
    match finding.outcome {
        Outcome::Violation => finding.severity = Some(article.severity.name()),
        // No breach: no party is held to answer for one.
        Outcome::NoViolation => finding.party = None,
        Outcome::Justified | Outcome::Inconclusive => {}
    }
    finding
}

/// Whether the record names an actor whose part in the act can be weighed.
fn names_someone(r: &Responsibility) -> bool {
    let controls = matches!(
        r.answers.as_ref().map(|a| a.duty),
        Some(Duty::Prevent {
            because: super::verdict::PreventBecause::Controls(_)
        })
    );
    let named = match r.perpetrator {
        Perpetrator::Unknown => false,
        Perpetrator::Party { .. }
        | Perpetrator::Group { .. }
        | Perpetrator::Private { .. }
        | Perpetrator::NonParty { .. } => true,
    };
    named && !controls
}

/// Whether the party answers, or may answer, for failing to prevent the act.
fn under_duty(r: &Responsibility) -> bool {
    match r.answers.as_ref().map(|a| a.duty) {
        Some(Duty::Prevent { .. } | Duty::OwnOrPrevent) => true,
        Some(Duty::OwnAct | Duty::Named) | None => false,
    }
}

/// Judges a duty to prevent by the rulebook's standard of conduct: the
/// party failed in it if it knew (or should have), had the means, and took
/// no reasonable measures. Each element is decided by its condition where
/// the record decides it, otherwise by a finding.
fn diligence(
    env: &mut Env<'_>,
    article: &Article,
    index: usize,
    finding: &mut Finding,
    responsibility: &Responsibility,
) {
    let rulebook = env.rulebook;
    let d = &rulebook.diligences[index];
    env.standard = article.proof;
    let mut elements = Vec::new();
    let mut breached = Truth::True;
    for element in DiligenceElement::ALL {
        let step = element_step(env, d.elements[element as usize].as_ref(), element);
        let fails = match element {
            DiligenceElement::Measures => step.result.negated(),
            DiligenceElement::Knowledge | DiligenceElement::Means => step.result,
        };
        breached = breached.and(fails);
        elements.push(ElementStep { element, step });
    }
    let party = responsibility
        .answers
        .as_ref()
        .map(|a| a.party.clone())
        .unwrap_or_else(|| "unknown".into());
    let own_or_prevent = matches!(
        responsibility.answers.as_ref().map(|a| a.duty),
        Some(Duty::OwnOrPrevent)
    );
    let relieved = matches!(finding.outcome, Outcome::Violation | Outcome::Inconclusive);
    match breached {
        // Its own act, or its people's it failed to prevent: a violation
        // either way.
        Truth::True => {}
        // Care shown, or not shown to be lacking, clears the party only if
        // the act was not its own, which is not known.
        Truth::False | Truth::Unknown
            if own_or_prevent && finding.outcome == Outcome::Violation =>
        {
            finding.outcome = Outcome::Inconclusive;
            finding.reason = Reason::CapacityUnknown { party };
        }
        // An open verdict stays open for the same reason.
        Truth::False | Truth::Unknown if own_or_prevent => {}
        Truth::False if relieved => {
            finding.outcome = Outcome::NoViolation;
            finding.reason = Reason::Diligent {
                party,
                diligence: d.name.clone(),
            };
        }
        Truth::Unknown if finding.outcome == Outcome::Violation => {
            // Name the open element a finding fell short on, if any: it is
            // the one to look at first.
            let unknown = || elements.iter().filter(|e| e.step.result == Truth::Unknown);
            let open = unknown()
                .find(|e| e.step.basis.is_some())
                .or_else(|| unknown().next())
                .map_or(DiligenceElement::Knowledge, |e| e.element);
            finding.outcome = Outcome::Inconclusive;
            finding.reason = Reason::DiligenceOpen {
                party,
                diligence: d.name.clone(),
                element: open,
            };
        }
        _ => {}
    }
    finding.diligence = Some(DiligenceTrial {
        diligence: d.name.clone(),
        text: d.text.clone(),
        breached,
        elements,
    });
}

/// One element of diligence: its condition read from the record, settled
/// by findings.
fn element_step(
    env: &mut Env<'_>,
    condition: Option<&crate::check::Cond>,
    element: DiligenceElement,
) -> Step {
    let step = match condition {
        Some(c) => env.eval(c),
        None => {
            let e = env.event(crate::check::Subject::EVENT);
            let mut fact = env.fact(e, "element", element.name(), None);
            fact.note = Some(super::verdict::Note::FindingsOnly);
            Step::leaf(element.name().into(), Truth::Unknown, vec![fact])
        }
    };
    let asked = super::findings::Asked::Diligence(element);
    env.settle(step, crate::check::Subject::EVENT, asked)
}

/// The outcome of a finding whose condition is true or unknown.
fn decide(f: &Finding, resolution: Resolution, in_force: &Option<Step>) -> (Outcome, Reason) {
    let name = |k: usize| f.exceptions[k].exception.clone();
    match resolution {
        Some(Effective::Conflict { excuse, upholds }) => {
            let reason = Reason::ExceptionsConflict {
                excuse: name(excuse),
                upholds: name(upholds),
            };
            return (Outcome::Inconclusive, reason);
        }
        Some(Effective::Excused(x)) if f.exceptions[x].effect == Effect::CarvesOut => {
            return (
                Outcome::NoViolation,
                Reason::CarvedOut { exception: name(x) },
            );
        }
        Some(Effective::Excused(x)) => {
            let breach_proven = matches!(
                (f.condition.result, &f.proof),
                (Truth::True, Some(Proof { met: true, .. }))
            );
            let reason = Reason::Excused {
                exception: name(x),
                breach_proven,
            };
            return (Outcome::Justified, reason);
        }
        _ => {}
    }
    if let Some(gate) = in_force {
        // The step's doubt says why.
        let doubt = gate.doubt.clone();
        return (Outcome::Inconclusive, Reason::NotInForce { doubt });
    }
    if f.condition.result == Truth::Unknown {
        let open = f.condition.decisive();
        let reason = Reason::CannotDecide {
            test: open.condition.clone(),
            doubt: open.doubt.clone(),
            decided_by: open.basis.as_ref().map(|b| b.decided_by),
            open: open.holdings.as_ref().and_then(|h| h.open_limit()),
        };
        return (Outcome::Inconclusive, reason);
    }
    if let Some(p) = f.proof.as_ref().filter(|p| !p.met) {
        let reason = Reason::NotProven {
            occurrence: p.why.clone(),
        };
        return (Outcome::Inconclusive, reason);
    }
    if let (Some(p), Some(a)) = (&f.proof, f.attribution.as_ref().filter(|a| !a.met)) {
        let reason = Reason::NotAttributed {
            occurrence: p.why.clone(),
            attribution: a.why.clone(),
        };
        return (Outcome::Inconclusive, reason);
    }
    match resolution {
        Some(Effective::Stands { upheld }) => (Outcome::Violation, breach(f, upheld)),
        _ => (Outcome::Inconclusive, exceptions_open(f)),
    }
}

/// Why the exceptions leave a met and proven breach open: which may apply,
/// and what could not be decided.
fn exceptions_open(f: &Finding) -> Reason {
    let open: Vec<_> = f
        .exceptions
        .iter()
        .filter(|x| x.status == ExceptionStatus::Undecided)
        .collect();
    let decisive = open
        .first()
        .and_then(|x| x.condition.as_ref())
        .map(Step::decisive);
    Reason::ExceptionsOpen {
        exceptions: open.iter().map(|x| x.exception.clone()).collect(),
        test: decisive.map(|s| s.condition.clone()),
        doubt: decisive.and_then(|s| s.doubt.clone()),
    }
}

/// Why a met and proven breach stands: no excuse applies (and which of
/// its elements failed), or an exception upholds it over an excuse.
fn breach(f: &Finding, upheld: Option<usize>) -> Reason {
    let failed = f
        .exceptions
        .iter()
        .filter(|x| x.status == ExceptionStatus::DoesNotApply && x.effect.relieves())
        .filter_map(|x| Some(failed_element(&x.exception, x.condition.as_ref()?)))
        .collect();
    let set_aside = f
        .exceptions
        .iter()
        .filter(|x| x.status == ExceptionStatus::SetAside)
        .map(|x| x.exception.clone())
        .collect();
    Reason::Breach {
        failed,
        upheld: upheld.map(|k| f.exceptions[k].exception.clone()),
        set_aside,
    }
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
        reason: Reason::Pending,
        responsibility: None,
        diligence: None,
        condition,
        proof: None,
        attribution: None,
        exceptions: Vec::new(),
        state: None,
        not_met: false,
    }
}

/// The party that answers for an actor: itself, or a group's party.
pub fn answering(rulebook: &Rulebook, actor: u16) -> u16 {
    rulebook.parties[usize::from(actor)].under.unwrap_or(actor)
}
