//! The solver: varisat, with the theory's axioms added as atoms appear and
//! every query bounded (see [`BUDGET`]).

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use varisat::checker::{CheckedProofStep, CheckerData, ProofProcessor};
use varisat::{ExtendFormula, Lit, Solver, Var};

use super::atom::Model;
use super::formula::{Atoms, Formula};
use crate::check::Rulebook;

/// At most this many proof steps (a clause added, learned or deleted) for
/// the whole logic lint. A step costs well under a microsecond, so the lint
/// stops within a few seconds whatever the file; the shipped rulebooks
/// need a small part of it. A question left when it is spent is reported
/// as not decided, never dropped.
pub const BUDGET: u64 = 20_000_000;

/// At most this many proof steps for one question: a hard question does
/// not spend the budget the others need.
pub const QUERY_LIMIT: u64 = 200_000;

/// Proof steps left, for the whole lint and for the question being asked.
#[derive(Debug, Clone)]
pub struct Meter {
    total: Rc<Cell<u64>>,
    query: Rc<Cell<u64>>,
}

impl Meter {
    pub fn new(total: u64) -> Meter {
        Meter {
            total: Rc::new(Cell::new(total)),
            query: Rc::new(Cell::new(QUERY_LIMIT)),
        }
    }

    pub fn left(&self) -> u64 {
        self.total.get()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the logic lint's budget is spent")]
struct Spent;

impl ProofProcessor for Meter {
    fn process_step(&mut self, _: &CheckedProofStep, _: CheckerData) -> Result<(), anyhow::Error> {
        let (total, query) = (self.total.get(), self.query.get());
        if total == 0 || query == 0 {
            return Err(Spent.into());
        }
        self.total.set(total - 1);
        self.query.set(query - 1);
        Ok(())
    }
}

/// One solver, for the questions about one provision.
pub struct Sat<'s> {
    solver: Solver<'s>,
    rulebook: &'s Rulebook,
    atoms: &'s Atoms,
    meter: Meter,
    /// Each atom's variable, by atom index, in the order they appeared.
    vars: HashMap<usize, Var>,
    order: Vec<usize>,
    truth: Option<Lit>,
    /// The budget ran out inside varisat, which leaves it unusable.
    broken: bool,
}

impl<'s> Sat<'s> {
    pub fn new(rulebook: &'s Rulebook, atoms: &'s Atoms, meter: &'s mut Meter) -> Sat<'s> {
        let shared = meter.clone();
        let mut solver = Solver::new();
        solver.add_proof_processor(meter);
        Sat {
            solver,
            rulebook,
            atoms,
            meter: shared,
            vars: HashMap::new(),
            order: Vec::new(),
            truth: None,
            broken: false,
        }
    }

    /// The literal of a formula (Tseitin: a fresh variable equivalent to
    /// each `and` and `or`).
    pub fn encode(&mut self, f: &Formula) -> Lit {
        match f {
            Formula::Const(b) => {
                let t = self.truth();
                if *b { t } else { !t }
            }
            Formula::Atom(i) => self.var(*i).positive(),
            Formula::Not(a) => !self.encode(a),
            Formula::And(parts) => {
                let lits: Vec<Lit> = parts.iter().map(|p| self.encode(p)).collect();
                self.and(&lits)
            }
            Formula::Or(parts) => {
                let lits: Vec<Lit> = parts.iter().map(|p| self.encode(p)).collect();
                self.or(&lits)
            }
        }
    }

    /// A literal equivalent to the conjunction of `lits`.
    pub fn and(&mut self, lits: &[Lit]) -> Lit {
        let y = self.solver.new_var().positive();
        for &l in lits {
            self.solver.add_clause(&[!y, l]);
        }
        let mut back: Vec<Lit> = lits.iter().map(|l| !*l).collect();
        back.push(y);
        self.solver.add_clause(&back);
        y
    }

    /// A literal equivalent to the disjunction of `lits`.
    pub fn or(&mut self, lits: &[Lit]) -> Lit {
        let y = self.solver.new_var().positive();
        for &l in lits {
            self.solver.add_clause(&[!l, y]);
        }
        let mut forth = lits.to_vec();
        forth.push(!y);
        self.solver.add_clause(&forth);
        y
    }

    /// Whether the assumptions can all hold; `None` when the budget is spent.
    pub fn solve(&mut self, assumptions: &[Lit]) -> Option<bool> {
        if self.broken {
            return None;
        }
        self.meter.query.set(QUERY_LIMIT);
        self.solver.assume(assumptions);
        match self.solver.solve() {
            Ok(sat) => Some(sat),
            Err(_) => {
                self.broken = true;
                None
            }
        }
    }

    /// The atoms' values in the last model found.
    pub fn model(&self) -> Model {
        let lits = self.solver.model().unwrap_or_default();
        let value = |v: Var| lits.iter().find(|l| l.var() == v).map(|l| l.is_positive());
        let values = self
            .order
            .iter()
            .filter_map(|i| {
                let v = value(self.vars[i])?;
                Some((self.atoms.get(*i).clone(), v))
            })
            .collect();
        Model { values }
    }

    fn truth(&mut self) -> Lit {
        if let Some(t) = self.truth {
            return t;
        }
        let t = self.solver.new_var().positive();
        self.solver.add_clause(&[t]);
        self.truth = Some(t);
        t
    }

    /// An atom's variable, with the axioms that relate it to the atoms
    /// already there.
    pub fn var(&mut self, i: usize) -> Var {
        if let Some(&v) = self.vars.get(&i) {
            return v;
        }
        let v = self.solver.new_var();
        self.vars.insert(i, v);
        self.order.push(i);
        let clauses = super::theory::axioms(self.rulebook, self.atoms, i, &self.order, &self.vars);
        for c in clauses {
            self.solver.add_clause(&c);
        }
        v
    }
}
