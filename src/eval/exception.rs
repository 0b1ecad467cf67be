//! Exceptions on one article: each tried, its effect (excusing the act or
//! upholding the breach), and ranks that set one aside for another.

use super::cond::Env;
use super::verdict::{
    Bound, ExceptionStatus, ExceptionTrial, FailedElement, FailedExcuse, Related, Step,
};
use crate::check::Rulebook;
use crate::name::Name;

/// What failed in an exception's condition, as a lawyer reads it: the
/// test that was false, under the related events it was tried on, or the
/// relation that found no event at all.
pub(super) fn failed_element(exception: &Name, condition: &Step) -> FailedExcuse {
    let mut with = Vec::new();
    let step = innermost(condition, &mut with);
    let element = match &step.related {
        Some(Related::Quantifier(relation)) if step.facts.is_empty() && step.steps.is_empty() => {
            FailedElement::NoRelated { relation }
        }
        Some(Related::Unlinked(bound)) => FailedElement::Unlinked {
            binding: bound.binding.clone(),
            event: bound.event.clone(),
        },
        _ => FailedElement::False {
            test: step.condition.clone(),
        },
    };
    FailedExcuse {
        exception: exception.clone(),
        element,
        with,
    }
}

/// The test that decided a false step, as `Step::decisive` finds it, but
/// through a `some` that tried related events it follows the event that
/// came closest (met the most of the condition before a part failed),
/// noting `binding = event` as it goes.
fn innermost<'s>(step: &'s Step, tried: &mut Vec<Bound>) -> &'s Step {
    if matches!(step.related, Some(Related::Quantifier(_))) && !step.steps.is_empty() {
        let progress = |s: &Step| s.steps.iter().take_while(|p| p.result != s.result).count();
        let mut closest = &step.steps[0];
        for candidate in &step.steps[1..] {
            if progress(candidate) > progress(closest) {
                closest = candidate;
            }
        }
        if let Some(Related::Tried(bound)) = &closest.related {
            tried.push(bound.clone());
        }
        return innermost(closest, tried);
    }
    if matches!(step.related, Some(Related::Summed)) {
        return step; // a sum: its steps were counted, not tested
    }
    let agreeing = step
        .steps
        .iter()
        .filter(|s| s.result == step.result)
        .count();
    if agreeing > 1 && agreeing == step.steps.len() {
        return step; // every alternative failed together
    }
    match step.steps.iter().find(|s| s.result == step.result) {
        Some(part) => innermost(part, tried),
        None => step,
    }
}

/// What the exceptions on an article come to: the act excused, the breach
/// standing (upheld or not excused), or two exceptions of opposite effect
/// applying with no rank between them. Indices are into the trials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Effective {
    Excused(usize),
    Stands { upheld: Option<usize> },
    Conflict { excuse: usize, upholds: usize },
}

impl Effective {
    /// Whether two ways of turning out lead to the same verdict.
    fn same_verdict(self, other: Effective) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }
}

/// The exceptions' effect, whatever the undecided ones turn out to be, or
/// `None` when it depends on them.
pub(super) type Resolution = Option<Effective>;

/// More undecided exceptions than this on one article are not enumerated:
/// the effect is then taken to depend on them.
const MAX_UNDECIDED: usize = 8;

/// Tries every exception on the article. One that applies but is ranked
/// below another that applies with the opposite effect is set aside.
pub(super) fn try_exceptions(
    env: &mut Env<'_>,
    article: usize,
) -> (Vec<ExceptionTrial>, Resolution) {
    let rulebook = env.rulebook;
    let on: Vec<usize> = (0..rulebook.exceptions.len())
        .filter(|&i| rulebook.exceptions[i].overrides.contains(&article))
        .collect();
    let mut trials: Vec<ExceptionTrial> = on
        .iter()
        .map(|&i| {
            let x = &rulebook.exceptions[i];
            let step = match env.exceptions_seen.get(&i) {
                Some(seen) => seen.clone(),
                None => {
                    env.standard = x.proof;
                    env.excusing = true;
                    let step = env.eval(&x.condition);
                    env.excusing = false;
                    env.exceptions_seen.insert(i, step.clone());
                    step
                }
            };
            ExceptionTrial {
                exception: x.name.clone(),
                text: x.text.clone(),
                effect: x.effect,
                status: step.result.into(),
                condition: Some(step),
            }
        })
        .collect();
    let status = |s| -> Vec<usize> {
        (0..trials.len())
            .filter(|&k| trials[k].status == s)
            .collect()
    };
    let (applies, undecided) = (
        status(ExceptionStatus::Applies),
        status(ExceptionStatus::Undecided),
    );
    let decided = effective(rulebook, &on, &applies);
    for k in &applies {
        if !decided.1.contains(k) {
            trials[*k].status = ExceptionStatus::SetAside;
        }
    }
    let resolution = resolve(rulebook, &on, &applies, &undecided, decided.0);
    (trials, resolution)
}

/// The effect of the exceptions that apply (`applying`, indices into `on`),
/// and those that stand: an exception is set aside when one of the
/// opposite effect that itself stands is ranked over it.
fn effective(rulebook: &Rulebook, on: &[usize], applying: &[usize]) -> (Effective, Vec<usize>) {
    let x = |k: usize| &rulebook.exceptions[on[k]];
    // An exception stands unless one of the opposite effect that stands
    // itself is ranked over it. The checker refuses cycles of ranks; the
    // depth bound keeps this finite whatever it is given.
    fn stands(
        rulebook: &Rulebook,
        on: &[usize],
        applying: &[usize],
        k: usize,
        memo: &mut [Option<bool>],
        depth: usize,
    ) -> bool {
        if let Some(known) = memo[k] {
            return known;
        }
        let x = |k: usize| &rulebook.exceptions[on[k]];
        let result = depth > applying.len()
            || !applying.iter().any(|&j| {
                x(j).effect.relieves() != x(k).effect.relieves()
                    && x(j).over.contains(&on[k])
                    && stands(rulebook, on, applying, j, memo, depth + 1)
            });
        memo[k] = Some(result);
        result
    }
    let mut memo = vec![None; on.len()];
    let remaining: Vec<usize> = applying
        .iter()
        .copied()
        .filter(|&k| stands(rulebook, on, applying, k, &mut memo, 0))
        .collect();
    // A carve-out takes the act out of the article before any excuse is
    // needed, so it is the one that counts when both apply.
    let first = |relieves: bool| {
        let mut found = remaining
            .iter()
            .copied()
            .filter(|&k| x(k).effect.relieves() == relieves);
        let all: Vec<usize> = found.by_ref().collect();
        all.iter()
            .copied()
            .find(|&k| x(k).effect == crate::check::Effect::CarvesOut)
            .or(all.first().copied())
    };
    let result = match (first(true), first(false)) {
        (Some(excuse), Some(upholds)) => Effective::Conflict { excuse, upholds },
        (Some(excuse), None) => Effective::Excused(excuse),
        (None, upheld) => Effective::Stands { upheld },
    };
    (result, remaining)
}

/// The effect whatever the undecided exceptions turn out to be: every
/// combination of them applying or not is tried (ranks may turn on them).
fn resolve(
    rulebook: &Rulebook,
    on: &[usize],
    applies: &[usize],
    undecided: &[usize],
    decided: Effective,
) -> Resolution {
    if undecided.len() > MAX_UNDECIDED {
        return None;
    }
    let same = (1..1usize << undecided.len()).all(|mask| {
        let mut applying = applies.to_vec();
        applying.extend(
            (0..undecided.len())
                .filter(|b| mask & (1 << b) != 0)
                .map(|b| undecided[b]),
        );
        applying.sort_unstable();
        effective(rulebook, on, &applying).0.same_verdict(decided)
    });
    same.then_some(decided)
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
            effect: x.effect,
            status: ExceptionStatus::NotConsidered,
            condition: None,
        })
        .collect()
}
