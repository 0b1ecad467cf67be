//! Exceptions on one article: each tried, its effect (excusing the act or
//! upholding the breach), and ranks that set one aside for another.

use super::cond::Env;
use super::verdict::{ExceptionStatus, ExceptionTrial, Step};
use crate::check::{Effect, Rulebook};

/// What failed in an exception's condition, as a lawyer reads it: the
/// test that was false, or the relation that found no event at all.
pub(super) fn failed_element(step: &Step) -> String {
    let text = &*step.condition;
    let bare = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
    match bare.strip_prefix("some ") {
        Some(rest) if step.facts.is_empty() && step.steps.is_empty() => {
            let relation = rest.split_whitespace().next().unwrap_or(rest);
            format!("the act has no `{relation}` event")
        }
        _ => format!("`{text}` is false"),
    }
}

pub(super) const EXCUSES: &str = "excuses";
pub(super) const UPHOLDS: &str = "upholds";

pub(super) fn effect(e: Effect) -> &'static str {
    match e {
        Effect::Excuses => EXCUSES,
        Effect::Upholds => UPHOLDS,
    }
}

/// Tries every exception on the article; one that applies but is ranked
/// below another that applies with the opposite effect is set aside.
pub(super) fn try_exceptions(env: &mut Env<'_>, article: usize) -> Vec<ExceptionTrial> {
    let rulebook = env.rulebook;
    let on: Vec<usize> = (0..rulebook.exceptions.len())
        .filter(|&i| rulebook.exceptions[i].overrides.contains(&article))
        .collect();
    let mut trials: Vec<ExceptionTrial> = on
        .iter()
        .map(|&i| {
            let x = &rulebook.exceptions[i];
            let step: Step = env.eval(&x.condition);
            ExceptionTrial {
                exception: x.name.clone(),
                text: x.text.clone(),
                effect: effect(x.effect),
                status: step.result.into(),
                condition: Some(step),
            }
        })
        .collect();
    let applies: Vec<usize> = on
        .iter()
        .zip(&trials)
        .filter(|(_, t)| t.status == ExceptionStatus::Applies)
        .map(|(i, _)| *i)
        .collect();
    for (k, &i) in on.iter().enumerate() {
        let me = &rulebook.exceptions[i];
        let outranked = applies.iter().any(|&j| {
            let other = &rulebook.exceptions[j];
            other.effect != me.effect && other.over.contains(&i)
        });
        if outranked && trials[k].status == ExceptionStatus::Applies {
            trials[k].status = ExceptionStatus::SetAside;
        }
    }
    trials
}

/// Exceptions listed as not considered, so a reader sees they exist.
pub(super) fn untried(rulebook: &Rulebook, article: usize) -> Vec<ExceptionTrial> {
    rulebook
        .exceptions
        .iter()
        .filter(|x| x.overrides.contains(&article))
        .map(|x| ExceptionTrial {
            exception: x.name.clone(),
            text: x.text.clone(),
            effect: effect(x.effect),
            status: ExceptionStatus::NotConsidered,
            condition: None,
        })
        .collect()
}
