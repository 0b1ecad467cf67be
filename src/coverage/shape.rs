//! What a rulebook's conditions look like, for counting: its articles,
//! exceptions and doctrine settings in rulebook order, and each
//! condition's branches (the operands of its `and`s and `or`s, at every
//! depth) with how to find their steps in an explanation.

use std::sync::Arc;

use super::{Counts, Owner};
use crate::check::{Cond, CondKind, Rulebook};
use crate::eval::Step;

pub struct Named {
    pub name: String,
    /// The condition as written: a finding's step for it carries the same.
    pub text: Arc<str>,
}

pub struct Branch {
    pub of: Owner,
    pub path: String,
    pub text: Arc<str>,
}

/// How a condition's operands are found in its step: under `nots` steps a
/// `not` wraps it, the steps of a chain (`chain`), each an operand.
pub struct Ops {
    nots: usize,
    chain: bool,
    children: Vec<Child>,
}

struct Child {
    index: usize,
    text: Arc<str>,
    ops: Ops,
}

pub struct Shape {
    pub title: String,
    pub articles: Vec<Named>,
    pub exceptions: Vec<Named>,
    pub branches: Vec<Branch>,
    pub settings: Vec<(String, String)>,
    article_ops: Vec<Ops>,
    exception_ops: Vec<Ops>,
}

impl Shape {
    pub fn of(rulebook: &Rulebook) -> Shape {
        let mut branches = Vec::new();
        let mut article_ops = Vec::new();
        let articles = rulebook
            .articles
            .iter()
            .map(|a| {
                let of = Owner::Article(a.number.to_string());
                article_ops.push(ops(&a.violation, &of, "", &mut branches));
                Named {
                    name: a.number.to_string(),
                    text: a.violation.text.clone(),
                }
            })
            .collect();
        let mut exception_ops = Vec::new();
        let exceptions = rulebook
            .exceptions
            .iter()
            .map(|e| {
                let of = Owner::Exception(e.name.to_string());
                exception_ops.push(ops(&e.condition, &of, "", &mut branches));
                Named {
                    name: e.name.to_string(),
                    text: e.condition.text.clone(),
                }
            })
            .collect();
        let settings = rulebook
            .doctrines
            .iter()
            .flat_map(|d| d.options.iter().map(|o| (d.name.clone(), o.clone())))
            .collect();
        Shape {
            title: rulebook.title.to_string(),
            articles,
            exceptions,
            branches,
            settings,
            article_ops,
            exception_ops,
        }
    }

    pub fn article(&self, label: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.name == label)
    }

    pub fn exception(&self, name: &str) -> Option<usize> {
        self.exceptions.iter().position(|e| e.name == name)
    }

    pub fn setting(&self, doctrine: &str, setting: &str) -> Option<usize> {
        self.settings
            .iter()
            .position(|(d, s)| d == doctrine && s == setting)
    }

    pub fn article_branches(&self, i: usize) -> &Ops {
        &self.article_ops[i]
    }

    pub fn exception_branches(&self, i: usize) -> &Ops {
        &self.exception_ops[i]
    }
}

/// The branches of `cond` (numbered after `path`), listed in `out`.
fn ops(cond: &Cond, of: &Owner, path: &str, out: &mut Vec<Branch>) -> Ops {
    let mut nots = 0;
    let mut at = cond;
    while let CondKind::Not(inner) = &at.kind {
        nots += 1;
        at = inner;
    }
    let mut parts = Vec::new();
    let chain = match &at.kind {
        CondKind::And(..) => {
            flatten(at, true, &mut parts);
            true
        }
        CondKind::Or(..) => {
            flatten(at, false, &mut parts);
            true
        }
        _ => false,
    };
    let children = parts
        .into_iter()
        .enumerate()
        .map(|(k, part)| {
            let path = if path.is_empty() {
                (k + 1).to_string()
            } else {
                format!("{path}.{}", k + 1)
            };
            let index = out.len();
            out.push(Branch {
                of: of.clone(),
                path: path.clone(),
                text: part.text.clone(),
            });
            Child {
                index,
                text: part.text.clone(),
                ops: ops(part, of, &path, out),
            }
        })
        .collect();
    Ops {
        nots,
        chain,
        children,
    }
}

/// A chain's parts, as evaluation flattens them: `a and (b and c)` has
/// three.
fn flatten<'c>(cond: &'c Cond, is_and: bool, out: &mut Vec<&'c Cond>) {
    match (&cond.kind, is_and) {
        (CondKind::And(a, b), true) | (CondKind::Or(a, b), false) => {
            flatten(a, is_and, out);
            flatten(b, is_and, out);
        }
        _ => out.push(cond),
    }
}

impl Ops {
    /// Counts the truth of each branch the step evaluated (a chain stops
    /// at the part that settles it: the parts after it are not counted).
    pub fn count(&self, step: &Step, counts: &mut [Counts]) {
        let mut at = step;
        for _ in 0..self.nots {
            match at.steps.first() {
                Some(inner) => at = inner,
                None => return,
            }
        }
        if !self.chain {
            return;
        }
        for (child, part) in self.children.iter().zip(&at.steps) {
            // A step that is not this part's (a cached answer, say) is
            // not counted rather than counted for the wrong branch.
            if *part.condition != *child.text {
                return;
            }
            counts[child.index].add(part.result);
            child.ops.count(part, counts);
        }
    }
}
