//! Checked rulebook → the problems of its logic: conditions abstracted into
//! propositional formulas over [`atom::Atom`]s, with the axioms that relate
//! them, and asked of a SAT solver (varisat): an article or exception that
//! can never apply, a part of a condition that is always true or false, a
//! test shadowed by another, two exceptions of opposite effects that can
//! both apply, an act no article reaches. See docs/lint.md.

pub mod atom;

pub use atom::{Atom, Model, Quantity};
