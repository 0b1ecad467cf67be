//! The weapons tried: representative weapons of the types the way names
//! (or the rulebook knows), at the calibres either side of every bound its
//! tests and weapon classes give, with rounds and counts either side of
//! every bound; an empty list and no record at all last.

use crate::ast::{Sum, Unit};
use crate::check::{CmpOp, CondKind, Field, Measure, Rulebook};

use super::choices::cmp;
use super::draft::Arm;
use super::paths::{Dropped, Lit, ways};

/// At most this many weapons are tried for one way.
const MOST: usize = 24;

/// A type no rulebook names, for a weapon that must be of none of them.
const OTHER_TYPE: &str = "unlisted_weapon";

pub fn options(rulebook: &Rulebook, way: &[Lit<'_>]) -> Vec<Option<Vec<Arm>>> {
    let mut tests: Vec<&Lit<'_>> = way.iter().filter(|l| about_weapons(l)).collect();
    if tests.is_empty() {
        return vec![None];
    }
    // A sum over a class's weapons asks for weapons of that class: its
    // condition's first way gives their types and calibres.
    let classes: Vec<Lit<'_>> = tests.iter().flat_map(|l| of_class(rulebook, l)).collect();
    tests.extend(classes.iter());
    let mut arms = Vec::new();
    for kind in types(rulebook, &tests) {
        for calibre_mm in bounds(&tests, Measure::Calibre, 1_000.0) {
            for rounds in bounds(&tests, Measure::Rounds, 1.0) {
                for count in counts(&tests) {
                    let arm = Arm {
                        kind: kind.clone(),
                        calibre_mm,
                        rounds: rounds.map(|r| r as u32),
                        count,
                    };
                    if tests.iter().all(|l| meets(l, &arm) != Some(false)) && !arms.contains(&arm) {
                        arms.push(arm);
                    }
                }
            }
        }
    }
    arms.truncate(MOST);
    let mut out: Vec<Option<Vec<Arm>>> = arms.into_iter().map(|a| Some(vec![a])).collect();
    out.push(Some(Vec::new()));
    out.push(None);
    out
}

/// For a sum over a class's weapons that asks for some: the tests of the
/// class's condition, one way of meeting it.
fn of_class<'r>(rulebook: &'r Rulebook, l: &Lit<'r>) -> Vec<Lit<'r>> {
    let CondKind::WeaponSum {
        class: Some(c),
        op,
        value,
        ..
    } = &l.cond.kind
    else {
        return Vec::new();
    };
    // Whether the sum is met by more weapons (`> 0`) rather than fewer.
    let more = matches!(op, CmpOp::Gt | CmpOp::Ge) == l.want || *value < 0.0;
    if !more {
        return Vec::new();
    }
    let class = &rulebook.weapon_classes[*c].condition;
    let mut dropped = Dropped::default();
    ways(rulebook, class, true, &mut dropped)
        .into_iter()
        .next()
        .unwrap_or_default()
}

fn about_weapons(l: &Lit<'_>) -> bool {
    match &l.cond.kind {
        CondKind::WeaponType { .. } | CondKind::WeaponSum { .. } => true,
        CondKind::Measure { field, .. } => field.of_weapon(),
        CondKind::Known { field, .. } => match field {
            Field::Weapon | Field::WeaponType => true,
            Field::Measure(m) => m.of_weapon(),
            Field::Act
            | Field::Party
            | Field::Capacity
            | Field::Affected
            | Field::Category(_)
            | Field::Point(_)
            | Field::Path(_)
            | Field::Time => false,
        },
        _ => false,
    }
}

/// The types a way names for its weapon, the types the rulebook gives a
/// reach, then a type none names.
fn types(rulebook: &Rulebook, tests: &[&Lit<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |t: &str| {
        if !out.iter().any(|x| x == t) {
            out.push(t.to_owned());
        }
    };
    for l in tests {
        if let (CondKind::WeaponType { types, .. }, true) = (&l.cond.kind, l.want) {
            types.iter().for_each(|t| add(t));
        }
    }
    let reaching = tests.iter().any(|l| {
        matches!(
            l.cond.kind,
            CondKind::Measure {
                field: Measure::Reach,
                ..
            }
        )
    });
    if reaching {
        rulebook.reaches.iter().for_each(|(t, _)| add(t));
    }
    add(OTHER_TYPE);
    out
}

/// Values either side of every bound on `m` (events record `scale` of
/// the rule's base unit per unit); `None` first when nothing bounds it.
fn bounds(tests: &[&Lit<'_>], m: Measure, scale: f64) -> Vec<Option<f64>> {
    let mut out: Vec<Option<f64>> = Vec::new();
    for l in tests {
        if let CondKind::Measure { field, value, .. } = &l.cond.kind
            && *field == m
        {
            let v = value * scale;
            for x in [v, v + 1.0, v - 1.0] {
                if x > 0.0 && !out.contains(&Some(x)) {
                    out.push(Some(x));
                }
            }
        }
    }
    if out.is_empty() {
        out.push(None);
    }
    out
}

/// Counts either side of every bound a sum of counts sets; 1 otherwise.
fn counts(tests: &[&Lit<'_>]) -> Vec<u32> {
    let mut out = Vec::new();
    for l in tests {
        if let CondKind::WeaponSum {
            sum: Sum::Count,
            value,
            ..
        } = &l.cond.kind
        {
            for x in [value.floor() + 1.0, *value, value - 1.0] {
                if x >= 1.0 && x < f64::from(u32::MAX) && !out.contains(&(x as u32)) {
                    out.push(x as u32);
                }
            }
        }
    }
    if out.is_empty() {
        out.push(1);
    }
    out
}

/// Whether one weapon meets a test, where that can be told without
/// evaluation; `None` when it cannot.
fn meets(l: &Lit<'_>, a: &Arm) -> Option<bool> {
    let holds = match &l.cond.kind {
        CondKind::WeaponType { types, .. } => types.contains(&a.kind),
        CondKind::Measure {
            field: Measure::Calibre,
            op,
            value,
            ..
        } => cmp(*op, a.calibre_mm? * Unit::Millimetre.scale(), *value),
        CondKind::Measure {
            field: Measure::Rounds,
            op,
            value,
            ..
        } => cmp(*op, f64::from(a.rounds?), *value),
        _ => return None,
    };
    Some(holds == l.want)
}
