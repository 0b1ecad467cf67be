//! The logic lint's model as the search's first choices: the act, party,
//! capacity, force affected, categories' values, weapon types and times
//! it gives are tried before the others, and the ways of meeting the goal
//! that agree with it first.

use jiff::Timestamp;

use crate::check::{ActIdx, Capacity, CondKind, PartyIdx};
use crate::lint::logic::{Atom, Model, Quantity};
use crate::name::Name;

use super::choices::Options;
use super::draft::FactDraft;
use super::paths::{Lit, Way};

/// What a model fixes, read once.
#[derive(Debug, Default)]
pub struct Hints {
    act: Option<ActIdx>,
    party: Option<PartyIdx>,
    capacity: Option<Capacity>,
    affected: Option<PartyIdx>,
    /// Category index and value.
    categories: Vec<(usize, Name)>,
    weapon_types: Vec<Name>,
    times: Vec<Timestamp>,
}

impl Hints {
    pub fn of(model: Option<&Model>) -> Hints {
        let mut h = Hints::default();
        let Some(model) = model else { return h };
        h.act = model.act();
        h.party = model.party();
        for atom in model.true_atoms() {
            match atom {
                Atom::Capacity(c) => h.capacity = Some(*c),
                Atom::Affected(p) => h.affected = Some(*p),
                Atom::Category { category, value } => {
                    h.categories.push((*category, value.clone()));
                }
                Atom::WeaponType(t) => h.weapon_types.push(t.clone()),
                Atom::Bound {
                    quantity: Quantity::Time,
                    strict,
                    value,
                } => h
                    .times
                    .extend(instant(*value - if *strict { 1.0 } else { 0.0 })),
                Atom::Act(_)
                | Atom::Party(_)
                | Atom::WeaponClass(_)
                | Atom::WeaponTest { .. }
                | Atom::Bound { .. }
                | Atom::InShape { .. }
                | Atom::Doctrine { .. }
                | Atom::Known(_)
                | Atom::Opaque { .. } => {}
            }
        }
        // A false bound on time: the event lies at or after it.
        for (atom, v) in &model.values {
            if let (
                false,
                Atom::Bound {
                    quantity: Quantity::Time,
                    strict,
                    value,
                },
            ) = (v, atom)
            {
                h.times
                    .extend(instant(*value + if *strict { 0.0 } else { 1.0 }));
            }
        }
        h
    }

    /// How many of a way's tests disagree with the model's act and party.
    pub fn disagreements(&self, way: &Way<'_>) -> usize {
        way.iter().filter(|l| self.disagrees(l)).count()
    }

    fn disagrees(&self, l: &Lit<'_>) -> bool {
        match (&l.cond.kind, self.act, self.party) {
            (CondKind::Act { acts, .. }, Some(a), _) => acts.contains(a) != l.want,
            (CondKind::Actor { parties, .. }, _, Some(p)) => parties.contains(&p) != l.want,
            _ => false,
        }
    }

    /// Moves the values the model gives to the front of their lists.
    pub fn apply(&self, o: &mut Options) {
        first(&mut o.acts, |a| Some(*a) == self.act);
        first(&mut o.parties, |p| *p == self.party && p.is_some());
        first(&mut o.capacities, |c| *c == self.capacity && c.is_some());
        first(&mut o.affected, |p| *p == self.affected && p.is_some());
        first(&mut o.weapons, |w| {
            w.as_ref()
                .and_then(|w| w.first())
                .is_some_and(|a| self.weapon_types.iter().any(|t| **t == *a.kind))
        });
        for (_, values) in &mut o.facts {
            first(values, |v| {
                self.categories
                    .iter()
                    .any(|(_, value)| matches!(v, Some(FactDraft::Word(w)) if **w == **value))
            });
        }
        for t in self.times.iter().rev() {
            if !o.times.contains(t) {
                o.times.insert(0, *t);
            }
        }
    }
}

/// The items meeting `pick` first, the others after, each in its order.
fn first<T>(items: &mut Vec<T>, pick: impl Fn(&T) -> bool) {
    let (mut picked, rest): (Vec<T>, Vec<T>) = items.drain(..).partition(|x| pick(x));
    picked.extend(rest);
    *items = picked;
}

/// An instant from seconds since 1970, when one.
fn instant(seconds: f64) -> Option<Timestamp> {
    Timestamp::from_second(seconds.floor() as i64).ok()
}
