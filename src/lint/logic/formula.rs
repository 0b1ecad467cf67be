//! Propositional formulas over interned atoms.

use std::collections::HashMap;

use super::atom::Atom;

/// A formula; atoms by their index in [`Atoms`].
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    Const(bool),
    Atom(usize),
    Not(Box<Formula>),
    And(Vec<Formula>),
    Or(Vec<Formula>),
}

impl Formula {
    pub fn not(f: Formula) -> Formula {
        match f {
            Formula::Const(b) => Formula::Const(!b),
            Formula::Not(inner) => *inner,
            other => Formula::Not(Box::new(other)),
        }
    }

    /// The disjunction of `parts`: false when there are none.
    pub fn any(parts: Vec<Formula>) -> Formula {
        match parts.len() {
            0 => Formula::Const(false),
            1 => parts.into_iter().next().unwrap_or(Formula::Const(false)),
            _ => Formula::Or(parts),
        }
    }
}

/// Every atom met, each once: two tests that mean the same fact share an
/// atom, so the solver sees that they agree.
#[derive(Debug, Default)]
pub struct Atoms {
    list: Vec<Atom>,
    /// An atom's index by its debug form (atoms hold `f64`s, so they are
    /// neither `Eq` nor `Hash`; the debug form is exact and deterministic).
    index: HashMap<String, usize>,
}

impl Atoms {
    pub fn intern(&mut self, atom: Atom) -> usize {
        let key = format!("{atom:?}");
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        self.list.push(atom);
        self.index.insert(key, self.list.len() - 1);
        self.list.len() - 1
    }

    pub fn get(&self, i: usize) -> &Atom {
        &self.list[i]
    }
}
