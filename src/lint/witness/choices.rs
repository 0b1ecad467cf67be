//! One way of meeting a goal → a short list of values for each field of
//! an event, drawn from the rulebook's vocabulary, each list filtered by
//! the way's tests on that field where they can be decided here (acts,
//! parties, categories, numbers); the rest is left to evaluation.

use jiff::Timestamp;

use crate::check::{
    ActIdx, Capacity, CmpOp, CondKind, Field, Measure, PartyIdx, PointField, Role, Rulebook,
};

use super::draft::{Arm, Draft, FactDraft, Spot};
use super::paths::Lit;

/// The values tried for each field of the event.
#[derive(Debug, Default)]
pub struct Options {
    pub acts: Vec<ActIdx>,
    pub parties: Vec<Option<PartyIdx>>,
    pub capacities: Vec<Option<Capacity>>,
    pub affected: Vec<Option<PartyIdx>>,
    pub weapons: Vec<Option<Vec<Arm>>>,
    /// For each fact the way tests: its name and values.
    pub facts: Vec<(String, Vec<Option<FactDraft>>)>,
    pub place: Vec<Option<Spot>>,
    pub origin: Vec<Option<Spot>>,
    pub target: Vec<Option<Spot>>,
    pub track: Vec<Option<Vec<Spot>>>,
    pub times: Vec<Timestamp>,
    pub killed: Vec<Option<u32>>,
    pub wounded: Vec<Option<u32>>,
}

/// A field asked for two things at once, among finitely many values: no
/// event meets this way.
#[derive(Debug)]
pub struct Contradiction;

impl Options {
    /// The values for each field under `way`; `act` fixes the act (for an
    /// act no article reaches: then only a party's or group's act is
    /// tried, as an act of a monitor or non-party reaches none trivially).
    pub fn of(
        rulebook: &Rulebook,
        way: &[Lit<'_>],
        act: Option<ActIdx>,
    ) -> Result<Options, Contradiction> {
        let mut o = Options {
            acts: acts(rulebook, way, act),
            parties: parties(rulebook, way, act.is_some()),
            capacities: capacities(way),
            affected: affected(rulebook, way),
            weapons: super::weapons::options(rulebook, way),
            facts: facts(rulebook, way),
            times: super::times::options(rulebook, way),
            killed: counts(way, Measure::Killed),
            wounded: counts(way, Measure::Wounded),
            ..Options::default()
        };
        let places = super::places::Places::of(rulebook, way);
        o.place = places.of_field(PointField::Place);
        o.origin = places.of_field(PointField::Origin);
        o.target = places.of_field(PointField::Target);
        o.track = places.track;
        let finite = [
            o.acts.len(),
            o.parties.len(),
            o.capacities.len(),
            o.affected.len(),
            o.killed.len(),
            o.wounded.len(),
        ];
        let facts_empty = o.facts.iter().any(|(_, v)| v.is_empty());
        if finite.contains(&0) || facts_empty {
            return Err(Contradiction);
        }
        Ok(o)
    }

    /// How many values each field has, in the order [`Options::draft`]
    /// reads them.
    pub fn sizes(&self) -> Vec<usize> {
        let mut s = vec![
            self.acts.len(),
            self.parties.len(),
            self.place.len(),
            self.origin.len(),
            self.target.len(),
            self.times.len(),
            self.weapons.len(),
            self.capacities.len(),
            self.affected.len(),
            self.track.len(),
            self.killed.len(),
            self.wounded.len(),
        ];
        s.extend(self.facts.iter().map(|(_, v)| v.len()));
        s
    }

    /// The draft made of the values at `at` (one index per field).
    pub fn draft(&self, at: &[usize], sources: usize) -> Draft {
        let facts = self
            .facts
            .iter()
            .zip(&at[12..])
            .filter_map(|((name, values), i)| Some((name.clone(), values[*i].clone()?)))
            .collect();
        Draft {
            act: self.acts[at[0]],
            party: self.parties[at[1]],
            place: self.place[at[2]],
            origin: self.origin[at[3]],
            target: self.target[at[4]],
            time: self.times[at[5]],
            weapons: self.weapons[at[6]].clone(),
            capacity: self.capacities[at[7]],
            affected: self.affected[at[8]],
            track: self.track[at[9]].clone(),
            killed: self.killed[at[10]],
            wounded: self.wounded[at[11]],
            facts,
            sources,
        }
    }
}

fn acts(rulebook: &Rulebook, way: &[Lit<'_>], fixed: Option<ActIdx>) -> Vec<ActIdx> {
    let all = match fixed {
        Some(a) => vec![a],
        None => (0..rulebook.acts.len())
            .filter_map(|a| ActIdx::try_from(a).ok())
            .collect(),
    };
    all.into_iter()
        .filter(|a| {
            way.iter().all(|l| match &l.cond.kind {
                CondKind::Act { acts, .. } => acts.contains(*a) == l.want,
                _ => true,
            })
        })
        .collect()
}

/// Parties first, then groups, non-parties, monitors and mediators, then
/// an actor of unknown origin.
fn parties(rulebook: &Rulebook, way: &[Lit<'_>], bound_only: bool) -> Vec<Option<PartyIdx>> {
    let rank = |r: Role| match r {
        Role::Party => 0,
        Role::Group => 1,
        Role::NonParty { .. } => 2,
        Role::Monitor => 3,
        Role::Mediator => 4,
    };
    let mut all: Vec<(usize, PartyIdx)> = (0..rulebook.parties.len())
        .filter_map(|p| Some((rank(rulebook.parties[p].role), PartyIdx::try_from(p).ok()?)))
        .collect();
    all.sort();
    let mut out: Vec<Option<PartyIdx>> = all.into_iter().map(|(_, p)| Some(p)).collect();
    out.push(None);
    if bound_only {
        out.retain(|p| p.is_some_and(|p| rulebook.parties[usize::from(p)].role.is_bound()));
    }
    out.retain(|p| {
        way.iter().all(|l| match &l.cond.kind {
            CondKind::Actor { parties, .. } => p.is_some_and(|p| parties.contains(&p) == l.want),
            CondKind::Known {
                field: Field::Party,
                known,
                ..
            } => p.is_some() == (*known == l.want),
            _ => true,
        })
    });
    out
}

fn capacities(way: &[Lit<'_>]) -> Vec<Option<Capacity>> {
    let tested = way
        .iter()
        .any(|l| matches!(l.cond.kind, CondKind::Capacity { .. }));
    if !tested {
        return vec![None];
    }
    Capacity::ALL
        .into_iter()
        .filter(|c| *c != Capacity::Unknown)
        .filter(|c| {
            way.iter().all(|l| match &l.cond.kind {
                CondKind::Capacity { capacities, .. } => capacities.contains(*c) == l.want,
                _ => true,
            })
        })
        .map(Some)
        .collect()
}

fn affected(rulebook: &Rulebook, way: &[Lit<'_>]) -> Vec<Option<PartyIdx>> {
    let tested = way.iter().any(|l| match &l.cond.kind {
        CondKind::Affected { .. } => true,
        CondKind::Known {
            field: Field::Affected,
            known,
            ..
        } => *known == l.want,
        _ => false,
    });
    let mut out: Vec<Option<PartyIdx>> = if tested {
        (0..rulebook.parties.len())
            .filter_map(|p| PartyIdx::try_from(p).ok())
            .map(Some)
            .collect()
    } else {
        vec![None]
    };
    out.retain(|p| {
        way.iter().all(|l| match &l.cond.kind {
            CondKind::Affected { parties, .. } => p.is_some_and(|p| parties.contains(&p) == l.want),
            CondKind::Known {
                field: Field::Affected,
                known,
                ..
            } => p.is_some() == (*known == l.want),
            _ => true,
        })
    });
    out
}

/// The declared facts the way tests, each with the values that meet its
/// tests (categories) or lie either side of their bounds (quantities).
fn facts(rulebook: &Rulebook, way: &[Lit<'_>]) -> Vec<(String, Vec<Option<FactDraft>>)> {
    let mut out = Vec::new();
    for (c, category) in rulebook.categories.iter().enumerate() {
        let tests: Vec<&Lit<'_>> = way.iter().filter(|l| tests_category(l, c)).collect();
        if tests.is_empty() {
            continue;
        }
        let mut values: Vec<Option<FactDraft>> = category
            .values
            .iter()
            .map(|v| Some(FactDraft::Word(v.to_string())))
            .collect();
        values.push(None);
        values.retain(|v| tests.iter().all(|l| category_meets(l, v.as_ref())));
        out.push((category.name.to_string(), values));
    }
    for (q, quantity) in rulebook.quantities.iter().enumerate() {
        let measure = Measure::Quantity(q);
        let scale = quantity.unit.map_or(1.0, |u| u.scale());
        let whole = quantity.unit.is_none();
        let tests: Vec<&Lit<'_>> = way.iter().filter(|l| tests_measure(l, measure)).collect();
        if tests.is_empty() {
            continue;
        }
        let values = numbers(&tests, measure, scale, whole)
            .into_iter()
            .map(|v| v.map(FactDraft::Number))
            .collect();
        out.push((quantity.name.to_string(), values));
    }
    out
}

fn tests_category(l: &Lit<'_>, c: usize) -> bool {
    match &l.cond.kind {
        CondKind::Category { category, .. } => *category == c,
        CondKind::Known {
            field: Field::Category(k),
            ..
        } => *k == c,
        _ => false,
    }
}

fn category_meets(l: &Lit<'_>, v: Option<&FactDraft>) -> bool {
    match (&l.cond.kind, v) {
        (CondKind::Category { values, .. }, Some(FactDraft::Word(w))) => {
            values.iter().any(|x| **x == **w) == l.want
        }
        (CondKind::Known { known, .. }, v) => v.is_some() == (*known == l.want),
        _ => false,
    }
}

fn tests_measure(l: &Lit<'_>, m: Measure) -> bool {
    match &l.cond.kind {
        CondKind::Measure { field, .. } => *field == m,
        CondKind::Known {
            field: Field::Measure(f),
            ..
        } => *f == m,
        _ => false,
    }
}

/// Values either side of every bound the tests give (in the unit events
/// record, `scale` base units each), those that meet all the tests; `None`
/// (left out) when only `is unknown` asks for it.
pub fn numbers(tests: &[&Lit<'_>], m: Measure, scale: f64, whole: bool) -> Vec<Option<f64>> {
    let mut candidates: Vec<Option<f64>> = vec![None];
    for l in tests {
        if let CondKind::Measure { value, .. } = &l.cond.kind {
            let v = value / scale;
            let step = if whole {
                1.0
            } else {
                (v.abs() * 0.01).max(0.1)
            };
            for x in [v, v + step, v - step, v * 2.0 + step] {
                let x = if whole { x.round() } else { x };
                if x >= 0.0 && x.is_finite() && !candidates.contains(&Some(x)) {
                    candidates.push(Some(x));
                }
            }
        }
    }
    candidates.retain(|c| {
        tests.iter().all(|l| match (&l.cond.kind, c) {
            (
                CondKind::Measure {
                    field, op, value, ..
                },
                Some(x),
            ) if *field == m => cmp(*op, x * scale, *value) == l.want,
            (CondKind::Known { known, .. }, c) => c.is_some() == (*known == l.want),
            _ => false,
        })
    });
    candidates
}

fn counts(way: &[Lit<'_>], m: Measure) -> Vec<Option<u32>> {
    let tests: Vec<&Lit<'_>> = way.iter().filter(|l| tests_measure(l, m)).collect();
    if tests.is_empty() {
        return vec![None];
    }
    numbers(&tests, m, 1.0, true)
        .into_iter()
        .map(|v| v.map(|x| x as u32))
        .collect()
}

/// `x op value`.
pub fn cmp(op: CmpOp, x: f64, value: f64) -> bool {
    x.partial_cmp(&value).is_some_and(|o| op.holds(o))
}
