//! The axioms that make the abstraction more than naive: what holds of
//! every event, so what the solver proves impossible is impossible.
//!
//! - an event has exactly one act, and its actor at most one party, one
//!   capacity, one value of each category;
//! - a doctrine has exactly one setting;
//! - the bounds of one number are ordered: `x < 5` implies `x <= 5`
//!   implies `x < 10`, so `x < 5 and x > 10` cannot hold, and a band of
//!   15 km along a line lies inside the band of 25 km along it.
//!
//! Each axiom is added when the second atom it relates appears, so a
//! question carries only the axioms of its own atoms.

use std::collections::HashMap;

use varisat::{Lit, Var};

use super::atom::{Atom, Quantity};
use super::formula::Atoms;
use crate::check::{Capacity, Rulebook};

/// The clauses that relate atom `new` (the last of `present`) to those
/// before it.
pub fn axioms(
    rulebook: &Rulebook,
    atoms: &Atoms,
    new: usize,
    present: &[usize],
    vars: &HashMap<usize, Var>,
) -> Vec<Vec<Lit>> {
    let lit = |i: usize| vars[&i].positive();
    let atom = atoms.get(new);
    let others = || present.iter().copied().filter(move |&j| j != new);
    let mut out = Vec::new();
    if let Atom::Bound {
        quantity,
        strict,
        value,
    } = atom
    {
        return bounds(atoms, new, (*quantity, *strict, *value), others(), &lit);
    }
    let Some((family, size)) = family(rulebook, atom) else {
        return out;
    };
    let same: Vec<usize> = others()
        .filter(|&j| family_of(rulebook, atoms.get(j)).is_some_and(|(f, _)| f == family))
        .collect();
    // At most one of a family.
    for &j in &same {
        out.push(vec![!lit(new), !lit(j)]);
    }
    // At least one, once every member is there.
    if size == Some(same.len() + 1) {
        let mut all: Vec<Lit> = same.iter().map(|&j| lit(j)).collect();
        all.push(lit(new));
        out.push(all);
    }
    out
}

/// A family of atoms of which at most one holds, and how many members it
/// has when one of them must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Act,
    Party,
    Capacity,
    Category(usize),
    Doctrine(usize),
}

fn family(rulebook: &Rulebook, atom: &Atom) -> Option<(Family, Option<usize>)> {
    family_of(rulebook, atom)
}

fn family_of(rulebook: &Rulebook, atom: &Atom) -> Option<(Family, Option<usize>)> {
    match atom {
        // Every event records one act, declared.
        Atom::Act(_) => Some((Family::Act, Some(rulebook.acts.len()))),
        // An actor may be none of the parties (unknown, or not declared).
        Atom::Party(_) => Some((Family::Party, None)),
        Atom::Capacity(_) => Some((Family::Capacity, Some(Capacity::ALL.len()))),
        Atom::Category { category, .. } => Some((
            Family::Category(*category),
            Some(rulebook.categories[*category].values.len()),
        )),
        Atom::Doctrine { doctrine, .. } => Some((
            Family::Doctrine(*doctrine),
            Some(rulebook.doctrines[*doctrine].options.len()),
        )),
        Atom::Affected(_)
        | Atom::WeaponClass(_)
        | Atom::WeaponType(_)
        | Atom::WeaponTest { .. }
        | Atom::Bound { .. }
        | Atom::InShape { .. }
        | Atom::Known(_)
        | Atom::Opaque { .. } => None,
    }
}

/// The order of bounds: `x < v` before `x <= v` before `x < w` (v < w).
fn before(a: (bool, f64), b: (bool, f64)) -> bool {
    a.1 < b.1 || (a.1 == b.1 && a.0 && !b.0)
}

/// A new bound implies the next one up and is implied by the next one
/// down: the bounds of a number stay a chain.
fn bounds(
    atoms: &Atoms,
    new: usize,
    (quantity, strict, value): (Quantity, bool, f64),
    others: impl Iterator<Item = usize>,
    lit: &dyn Fn(usize) -> Lit,
) -> Vec<Vec<Lit>> {
    let key = (strict, value);
    let mut below: Option<(usize, (bool, f64))> = None;
    let mut above: Option<(usize, (bool, f64))> = None;
    for j in others {
        let Atom::Bound {
            quantity: q,
            strict: s,
            value: v,
        } = atoms.get(j)
        else {
            continue;
        };
        if *q != quantity {
            continue;
        }
        let k = (*s, *v);
        if before(k, key) && below.is_none_or(|(_, b)| before(b, k)) {
            below = Some((j, k));
        }
        if before(key, k) && above.is_none_or(|(_, a)| before(k, a)) {
            above = Some((j, k));
        }
    }
    let mut out = Vec::new();
    if let Some((j, _)) = below {
        out.push(vec![!lit(j), lit(new)]);
    }
    if let Some((j, _)) = above {
        out.push(vec![!lit(new), lit(j)]);
    }
    out
}
