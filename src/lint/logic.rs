//! Checked rulebook → the problems of its logic: conditions abstracted into
//! propositional formulas over [`atom::Atom`]s, with the axioms that relate
//! them ([`theory`]), and asked of a SAT solver (varisat): an article or
//! exception that can never apply, a part of a condition that is always
//! true or false, a test shadowed by another, two exceptions of opposite
//! effects that can both apply, a hostile act no article reaches, an act
//! no condition names. See docs/lint.md.
//!
//! Input is hostile: every question is bounded, and all of them together
//! by [`sat::BUDGET`]; a question left undecided is a finding of its own.

mod abstraction;
mod acts;
pub mod atom;
mod conditions;
mod exceptions;
pub mod finding;
mod formula;
mod pragma;
mod sat;
mod theory;
mod tree;

#[cfg(test)]
mod tests;

pub use atom::{Atom, Model, Quantity};
pub use finding::{Finding, Kind, Owner, Question};
pub use sat::BUDGET;

use crate::check::{ActIdx, Rulebook};
use conditions::Reach;
use formula::Atoms;

/// What the logic lint found, in the order of the file, pragmas applied.
pub fn lint(rulebook: &Rulebook) -> Vec<Finding> {
    lint_within(rulebook, BUDGET).0
}

/// The logic lint with `budget` proof steps, and the steps left.
pub fn lint_within(rulebook: &Rulebook, budget: u64) -> (Vec<Finding>, u64) {
    let mut atoms = Atoms::default();
    let hostile: Vec<(ActIdx, usize)> = acts::hostile(rulebook)
        .into_iter()
        .map(|a| (a, atoms.intern(Atom::Act(a))))
        .collect();
    let mut cx = Cx {
        rulebook,
        atoms,
        meter: sat::Meter::new(budget),
        found: Vec::new(),
        reach: vec![Reach::No; hostile.len()],
        hostile,
    };
    for (i, a) in rulebook.articles.iter().enumerate() {
        conditions::lint(&mut cx, Owner::Article(i), &a.violation);
    }
    for (i, e) in rulebook.exceptions.iter().enumerate() {
        conditions::lint(&mut cx, Owner::Exception(i), &e.condition);
    }
    exceptions::lint(&mut cx);
    acts::lint(&mut cx);
    let left = cx.meter.left();
    let mut found = cx.found;
    pragma::apply(rulebook, &mut found);
    found.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.span.source.name().to_owned(),
                f.span.range.start,
                f.kind.code(),
            )
        };
        key(a).cmp(&key(b))
    });
    (found, left)
}

/// What the passes share.
pub(crate) struct Cx<'a> {
    rulebook: &'a Rulebook,
    atoms: Atoms,
    meter: sat::Meter,
    found: Vec<Finding>,
    /// The hostile acts, each with its atom.
    hostile: Vec<(ActIdx, usize)>,
    /// Whether an article reaches each hostile act.
    reach: Vec<Reach>,
}
