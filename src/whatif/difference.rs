//! The first step of the reasoning whose result differs between two
//! verdicts (the record's and an account's), compared as data: whether
//! the agreement bound the party, then article by article its condition
//! (descending to the deepest part whose result differs), the proof of
//! occurrence and of attribution, each exception, and its finding.

use std::sync::Arc;

use serde::Serialize;

use crate::eval::{Aspect, ExceptionStatus, Finding, Outcome, Proof, Step, Truth, Verdict};
use crate::name::Name;

/// Where the reasoning first differs: before is the record's, after the
/// account's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Difference {
    /// Whether the agreement bound the actor's party at the event's time.
    InForce {
        condition: Arc<str>,
        before: Truth,
        after: Truth,
    },
    /// A test of an article's condition.
    Condition {
        article: Name,
        condition: Arc<str>,
        before: Truth,
        after: Truth,
    },
    /// Whether the evidence met the article's standard for an aspect
    /// (`None`: not weighed, the condition not being met).
    Proof {
        article: Name,
        aspect: Aspect,
        before: Option<bool>,
        after: Option<bool>,
    },
    /// What became of an exception.
    Exception {
        article: Name,
        exception: Name,
        before: ExceptionStatus,
        after: ExceptionStatus,
    },
    /// The article's finding: its outcome or the party answering.
    Finding {
        article: Name,
        before: Said,
        after: Said,
    },
}

/// A finding's outcome and party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Said {
    pub outcome: Outcome,
    pub party: Option<Name>,
}

/// The first difference between the record's verdict and an account's.
pub(super) fn first(before: &Verdict, after: &Verdict) -> Option<Difference> {
    if let Some((b, a)) = step(&before.in_force, &after.in_force) {
        return Some(Difference::InForce {
            condition: a.condition.clone(),
            before: b.result,
            after: a.result,
        });
    }
    let mut pairs = before.articles.iter().zip(&after.articles);
    pairs.find_map(|(b, a)| finding(b, a))
}

fn finding(b: &Finding, a: &Finding) -> Option<Difference> {
    let article = || a.article.clone();
    if let Some((sb, sa)) = step(&b.condition, &a.condition) {
        return Some(Difference::Condition {
            article: article(),
            condition: sa.condition.clone(),
            before: sb.result,
            after: sa.result,
        });
    }
    let proofs = [
        (Aspect::Occurrence, &b.proof, &a.proof),
        (Aspect::Attribution, &b.attribution, &a.attribution),
    ];
    for (aspect, pb, pa) in proofs {
        let met = |p: &Option<Proof>| p.as_ref().map(|p| p.met);
        if met(pb) != met(pa) {
            return Some(Difference::Proof {
                article: article(),
                aspect,
                before: met(pb),
                after: met(pa),
            });
        }
    }
    for (eb, ea) in b.exceptions.iter().zip(&a.exceptions) {
        if eb.status != ea.status {
            return Some(Difference::Exception {
                article: article(),
                exception: ea.exception.clone(),
                before: eb.status,
                after: ea.status,
            });
        }
    }
    let said = |f: &Finding| Said {
        outcome: f.outcome,
        party: f.party.clone(),
    };
    (said(b) != said(a)).then(|| Difference::Finding {
        article: article(),
        before: said(b),
        after: said(a),
    })
}

/// The deepest step whose result differs, following the parts whose
/// results differ from the top; `None` when the top results agree.
fn step<'s>(b: &'s Step, a: &'s Step) -> Option<(&'s Step, &'s Step)> {
    if b.result == a.result {
        return None;
    }
    let mut parts = b.steps.iter().zip(&a.steps);
    Some(parts.find_map(|(pb, pa)| step(pb, pa)).unwrap_or((b, a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(condition: &str, result: Truth, steps: Vec<Step>) -> Step {
        let mut s = Step::leaf(condition.into(), result, Vec::new());
        s.steps = steps;
        s
    }

    #[test]
    fn the_deepest_part_whose_result_differs_is_named() {
        let record = node(
            "a and (b or c)",
            Truth::True,
            vec![
                node("a", Truth::True, vec![]),
                node(
                    "b or c",
                    Truth::True,
                    vec![
                        node("b", Truth::True, vec![]),
                        node("c", Truth::False, vec![]),
                    ],
                ),
            ],
        );
        let account = node(
            "a and (b or c)",
            Truth::False,
            vec![
                node("a", Truth::True, vec![]),
                node(
                    "b or c",
                    Truth::False,
                    vec![
                        node("b", Truth::False, vec![]),
                        node("c", Truth::False, vec![]),
                    ],
                ),
            ],
        );
        let (b, a) = step(&record, &account).unwrap();
        assert_eq!(
            (&*a.condition, b.result, a.result),
            ("b", Truth::True, Truth::False)
        );
        assert!(step(&record, &record).is_none());
    }
}
