//! Where two explanations of one verdict part: the findings that differ,
//! and within a finding the lowest steps of its condition whose truth or
//! facts differ, found by walking both step trees together. Steps are
//! paired by their condition as written, so a test added to a condition
//! is a step of the NEW side only.

use std::sync::Arc;

use serde::Serialize;

use super::{ArticleChange, Brief, FindingChange};
use crate::eval::{Computed, ExceptionStatus, ExceptionTrial, Fact, Finding, Step, Truth, Verdict};
use crate::name::Name;

/// A step of the reasoning that differs between the sides.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepChange {
    /// The same test, with another truth (and the facts it read that
    /// differ, if any).
    Truth {
        condition: Arc<str>,
        old: Truth,
        new: Truth,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        facts: Vec<FactChange>,
    },
    /// The same test with the same truth, reading other facts.
    Facts {
        condition: Arc<str>,
        result: Truth,
        facts: Vec<FactChange>,
    },
    /// A test only the NEW side's condition holds (or tried).
    Added { condition: Arc<str>, result: Truth },
    /// A test only the OLD side's condition holds (or tried).
    Removed { condition: Arc<str>, result: Truth },
    /// A condition written otherwise, no part of it shared.
    Rewritten {
        old_condition: Arc<str>,
        new_condition: Arc<str>,
        old: Truth,
        new: Truth,
    },
}

/// A fact read on one side or both, that differs.
#[derive(Debug, Clone, Serialize)]
pub struct FactChange {
    pub event: Name,
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<FactSeen>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<FactSeen>,
}

/// A fact's value and what was computed from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactSeen {
    pub value: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Computed>,
}

/// An exception that overrode an article differently.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExceptionChange {
    /// It overrides the article only in the NEW rulebook.
    Added {
        exception: Name,
        status: ExceptionStatus,
    },
    /// It overrode the article only in the OLD rulebook.
    Removed {
        exception: Name,
        status: ExceptionStatus,
    },
    /// Both tried it, with another result.
    Status {
        exception: Name,
        old: ExceptionStatus,
        new: ExceptionStatus,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        steps: Vec<StepChange>,
    },
}

/// The findings of two verdicts on one event that differ, the NEW
/// verdict's articles in order, then those only the OLD one has.
pub fn findings(old: &Verdict, new: &Verdict) -> Vec<ArticleChange> {
    let mut out = Vec::new();
    for f in &new.articles {
        match old.articles.iter().find(|o| o.article == f.article) {
            Some(o) => {
                if let Some(what) = finding(o, f) {
                    out.push(ArticleChange {
                        article: f.article.clone(),
                        what,
                    });
                }
            }
            None => out.push(ArticleChange {
                article: f.article.clone(),
                what: FindingChange::Added { new: Brief::of(f) },
            }),
        }
    }
    for o in &old.articles {
        if !new.articles.iter().any(|f| f.article == o.article) {
            out.push(ArticleChange {
                article: o.article.clone(),
                what: FindingChange::Removed { old: Brief::of(o) },
            });
        }
    }
    out
}

/// How one article's finding differs, if it does: its outcome, party or
/// reason, its text, or the exceptions that overrode it. A step that
/// differs while the finding stays the same is left out: it changed no
/// verdict.
fn finding(old: &Finding, new: &Finding) -> Option<FindingChange> {
    let (before, after) = (Brief::of(old), Brief::of(new));
    let text_changed = old.text != new.text;
    let exceptions = exceptions(&old.exceptions, &new.exceptions);
    if before == after && !text_changed && exceptions.is_empty() {
        return None;
    }
    Some(FindingChange::Changed {
        old: Box::new(before),
        new: Box::new(after),
        text_changed,
        condition_changed: old.condition.condition != new.condition.condition,
        steps: steps(&old.condition, &new.condition),
        exceptions,
    })
}

/// The exceptions that overrode an article differently, the NEW side's
/// in order, then those only the OLD side had.
fn exceptions(old: &[ExceptionTrial], new: &[ExceptionTrial]) -> Vec<ExceptionChange> {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| o.exception == n.exception) {
            Some(o) if o.status == n.status => {}
            // Tried on one side, not reached on the other: the article's
            // own condition or proof, shown above, made the difference.
            Some(o)
                if o.status == ExceptionStatus::NotConsidered
                    || n.status == ExceptionStatus::NotConsidered => {}
            Some(o) => out.push(ExceptionChange::Status {
                exception: n.exception.clone(),
                old: o.status,
                new: n.status,
                steps: match (&o.condition, &n.condition) {
                    (Some(a), Some(b)) => steps(a, b),
                    _ => Vec::new(),
                },
            }),
            None => out.push(ExceptionChange::Added {
                exception: n.exception.clone(),
                status: n.status,
            }),
        }
    }
    for o in old {
        if !new.iter().any(|n| n.exception == o.exception) {
            out.push(ExceptionChange::Removed {
                exception: o.exception.clone(),
                status: o.status,
            });
        }
    }
    out
}

/// The lowest steps of two evaluations of a condition that differ: where
/// both sides hold a step, its parts are compared first, and the step
/// itself is named only when no part of it explains the difference.
pub fn steps(old: &Step, new: &Step) -> Vec<StepChange> {
    let mut out = Vec::new();
    walk(old, new, &mut out);
    out
}

fn walk(old: &Step, new: &Step, out: &mut Vec<StepChange>) {
    let start = out.len();
    let paired = parts(old, new, out);
    if old.condition != new.condition && paired == 0 {
        // Nothing shared below: the condition as a whole was rewritten.
        out.truncate(start);
        out.push(StepChange::Rewritten {
            old_condition: old.condition.clone(),
            new_condition: new.condition.clone(),
            old: old.result,
            new: new.result,
        });
        return;
    }
    if out.len() > start || old.condition != new.condition {
        return;
    }
    let facts = facts(&old.facts, &new.facts);
    if old.result != new.result {
        out.push(StepChange::Truth {
            condition: new.condition.clone(),
            old: old.result,
            new: new.result,
            facts,
        });
    } else if !facts.is_empty() {
        out.push(StepChange::Facts {
            condition: new.condition.clone(),
            result: new.result,
            facts,
        });
    }
}

/// Pairs the parts of two steps by their condition as written, in order
/// (a longest common subsequence), walks each pair and names the parts
/// of one side only; how many were paired.
fn parts(old: &Step, new: &Step, out: &mut Vec<StepChange>) -> usize {
    let pairs = common(&old.steps, &new.steps);
    // Under one condition written alike, a part tried on one side only
    // was left untried by the other (its truth was settled before it):
    // not a difference of its own.
    let alike = old.condition == new.condition;
    let (mut i, mut j) = (0, 0);
    for &(a, b) in pairs
        .iter()
        .chain(std::iter::once(&(old.steps.len(), new.steps.len())))
    {
        if alike {
            (i, j) = (a, b);
        }
        for s in &old.steps[i..a] {
            out.push(StepChange::Removed {
                condition: s.condition.clone(),
                result: s.result,
            });
        }
        for s in &new.steps[j..b] {
            out.push(StepChange::Added {
                condition: s.condition.clone(),
                result: s.result,
            });
        }
        if a < old.steps.len() && b < new.steps.len() {
            walk(&old.steps[a], &new.steps[b], out);
        }
        (i, j) = (a + 1, b + 1);
    }
    pairs.len()
}

/// The longest common subsequence of two lists of steps by condition, as
/// index pairs. Steps' parts are few (a condition's operands), so the
/// quadratic table is small; long lists (related events tried) are
/// paired in order up to the shorter's length instead.
fn common(old: &[Step], new: &[Step]) -> Vec<(usize, usize)> {
    const TABLE: usize = 64;
    if old.len() > TABLE || new.len() > TABLE {
        return (0..old.len().min(new.len()))
            .filter(|&k| old[k].condition == new[k].condition)
            .map(|k| (k, k))
            .collect();
    }
    let (n, m) = (old.len(), new.len());
    let mut len = vec![vec![0usize; m + 1]; n + 1];
    for a in (0..n).rev() {
        for b in (0..m).rev() {
            len[a][b] = if old[a].condition == new[b].condition {
                len[a + 1][b + 1] + 1
            } else {
                len[a + 1][b].max(len[a][b + 1])
            };
        }
    }
    let (mut a, mut b, mut out) = (0, 0, Vec::new());
    while a < n && b < m {
        if old[a].condition == new[b].condition {
            out.push((a, b));
            a += 1;
            b += 1;
        } else if len[a + 1][b] >= len[a][b + 1] {
            a += 1;
        } else {
            b += 1;
        }
    }
    out
}

/// The facts of one step read differently: by event and field, a value
/// or a computation that differs, or a fact read on one side only.
fn facts(old: &[Fact], new: &[Fact]) -> Vec<FactChange> {
    let seen = |f: &Fact| FactSeen {
        value: f.value.written().into(),
        computed: f.computed.as_deref().cloned(),
    };
    let same_place = |a: &Fact, b: &Fact| a.event == b.event && a.field == b.field;
    let mut out = Vec::new();
    for n in new {
        let o = old.iter().find(|o| same_place(o, n));
        let (before, after) = (o.map(seen), Some(seen(n)));
        if before != after {
            out.push(FactChange {
                event: n.event.clone(),
                field: n.field.to_string(),
                old: before,
                new: after,
            });
        }
    }
    for o in old {
        if !new.iter().any(|n| same_place(o, n)) {
            out.push(FactChange {
                event: o.event.clone(),
                field: o.field.to_string(),
                old: Some(seen(o)),
                new: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(condition: &str, result: Truth, steps: Vec<Step>) -> Step {
        Step {
            condition: condition.into(),
            result,
            facts: Vec::new(),
            doubt: None,
            steps,
            basis: None,
            holdings: None,
            related: None,
        }
    }

    fn fact(value: &str) -> Fact {
        Fact {
            event: "E-1".into(),
            field: "act".into(),
            value: value.into(),
            computed: None,
            note: None,
        }
    }

    #[test]
    fn a_test_added_to_a_condition_is_the_difference() {
        let old = step(
            "a and b",
            Truth::True,
            vec![
                step("a", Truth::True, vec![]),
                step("b", Truth::True, vec![]),
            ],
        );
        let new = step(
            "a and b and c",
            Truth::False,
            vec![
                step("a", Truth::True, vec![]),
                step("b", Truth::True, vec![]),
                step("c", Truth::False, vec![]),
            ],
        );
        let found = steps(&old, &new);
        assert!(
            matches!(&found[..], [StepChange::Added { condition, result: Truth::False }] if &**condition == "c"),
            "{found:?}"
        );
    }

    #[test]
    fn the_lowest_step_whose_truth_differs_is_named_with_its_facts() {
        let mut old_b = step("b", Truth::True, vec![]);
        old_b.facts.push(fact("fire"));
        let mut new_b = step("b", Truth::False, vec![]);
        new_b.facts.push(fact("movement"));
        let old = step(
            "a and b",
            Truth::True,
            vec![step("a", Truth::True, vec![]), old_b],
        );
        let new = step(
            "a and b",
            Truth::False,
            vec![step("a", Truth::True, vec![]), new_b],
        );
        let found = steps(&old, &new);
        let [
            StepChange::Truth {
                condition,
                old,
                new,
                facts,
            },
        ] = &found[..]
        else {
            panic!("{found:?}");
        };
        assert_eq!((&**condition, *old, *new), ("b", Truth::True, Truth::False));
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].old.as_ref().map(|f| &*f.value), Some("fire"));
    }

    #[test]
    fn a_part_left_untried_under_the_same_condition_is_no_difference() {
        let old = step(
            "a and b",
            Truth::True,
            vec![
                step("a", Truth::True, vec![]),
                step("b", Truth::True, vec![]),
            ],
        );
        let new = step(
            "a and b",
            Truth::False,
            vec![step("a", Truth::False, vec![])],
        );
        let found = steps(&old, &new);
        assert!(
            matches!(&found[..], [StepChange::Truth { condition, .. }] if &**condition == "a"),
            "{found:?}"
        );
    }

    #[test]
    fn a_condition_rewritten_whole_is_named_as_such() {
        let old = step("act is fire", Truth::True, vec![]);
        let new = step("act is movement", Truth::False, vec![]);
        assert!(matches!(
            &steps(&old, &new)[..],
            [StepChange::Rewritten { .. }]
        ));
    }
}
