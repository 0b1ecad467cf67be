//! One article against one event: condition, proof, exceptions.

use super::cond::Env;
use super::proof;
use super::truth::Truth;
use super::verdict::{ExceptionStatus, ExceptionTrial, Finding, Outcome, Step};
use crate::check::{Article, Responsible, Rulebook};
use crate::name::Name;

/// Judges `event` under article `index`.
pub fn judge(env: &mut Env<'_>, index: usize) -> Finding {
    let rulebook = env.rulebook;
    let article = &rulebook.articles[index];
    let event = env.subjects[0];
    let condition = env.eval(&article.violation);
    let party = responsible(rulebook, article, env.graph.events[event].party);
    let mut finding = Finding {
        article: article.number.clone(),
        text: article.text.clone(),
        outcome: Outcome::NoViolation,
        party: None,
        severity: None,
        reason: String::new(),
        condition,
        proof: None,
        exceptions: Vec::new(),
    };
    match finding.condition.result {
        Truth::False => {
            let failed = finding.condition.decisive();
            finding.reason = format!("not met: `{}` is false", failed.condition);
            finding.exceptions = untried(rulebook, index);
            return finding;
        }
        Truth::Unknown => {
            let open = finding.condition.decisive();
            let why = open
                .unknown_because
                .clone()
                .unwrap_or_else(|| "a fact is missing".into());
            finding.outcome = Outcome::Inconclusive;
            finding.party = party;
            finding.reason = format!("cannot decide `{}`: {why}", open.condition);
            finding.exceptions = untried(rulebook, index);
            return finding;
        }
        Truth::True => {}
    }
    finding.party = party;
    let proof = proof::assess(env.graph, event, article.proof);
    if !proof.met {
        finding.outcome = Outcome::Inconclusive;
        finding.reason = format!(
            "condition met, but occurrence is not proven: {}",
            proof.reason
        );
        finding.proof = Some(proof);
        finding.exceptions = untried(rulebook, index);
        return finding;
    }
    finding.proof = Some(proof);
    finding.exceptions = try_exceptions(env, index);
    let applied = finding
        .exceptions
        .iter()
        .find(|x| x.status == ExceptionStatus::Applies);
    let open = finding
        .exceptions
        .iter()
        .find(|x| x.status == ExceptionStatus::Undecided);
    (finding.outcome, finding.reason) = match (applied, open) {
        (Some(x), _) => (
            Outcome::Justified,
            format!("met, but exception `{}` applies", x.exception),
        ),
        (None, Some(x)) => (
            Outcome::Inconclusive,
            format!(
                "met, but exception `{}` may apply and cannot be decided",
                x.exception
            ),
        ),
        (None, None) => {
            finding.severity = Some(article.severity.name());
            (
                Outcome::Violation,
                "met, proven, and no exception applies".into(),
            )
        }
    };
    finding
}

fn responsible(rulebook: &Rulebook, article: &Article, actor: Option<u16>) -> Option<Name> {
    let party = match article.responsible {
        Responsible::ActorParty => actor?,
        Responsible::Party(p) => p,
    };
    Some(rulebook.parties[usize::from(party)].id.clone())
}

fn try_exceptions(env: &mut Env<'_>, article: usize) -> Vec<ExceptionTrial> {
    let rulebook = env.rulebook;
    let mut trials = Vec::new();
    for x in rulebook
        .exceptions
        .iter()
        .filter(|x| x.overrides.contains(&article))
    {
        let step: Step = env.eval(&x.condition);
        trials.push(ExceptionTrial {
            exception: x.name.clone(),
            text: x.text.clone(),
            status: step.result.into(),
            condition: Some(step),
        });
    }
    trials
}

/// Exceptions listed as not reached, so a reader sees they exist.
fn untried(rulebook: &Rulebook, article: usize) -> Vec<ExceptionTrial> {
    rulebook
        .exceptions
        .iter()
        .filter(|x| x.overrides.contains(&article))
        .map(|x| ExceptionTrial {
            exception: x.name.clone(),
            text: x.text.clone(),
            status: ExceptionStatus::NotConsidered,
            condition: None,
        })
        .collect()
}
