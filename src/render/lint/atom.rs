//! An atom of the logic lint as the rule language would write its test.

use crate::check::{Capacity, Rulebook};
use crate::lint::logic::{Atom, Quantity};

/// `act is fire`, `origin within 15 km of contact`, `weapon.calibre >= 0.1`.
pub fn atom_words(r: &Rulebook, atom: &Atom) -> String {
    match atom {
        Atom::Act(a) => format!("act is {}", r.acts[usize::from(*a)].name),
        Atom::Party(p) => format!("actor.party is {}", r.parties[usize::from(*p)].id),
        Atom::Capacity(c) => format!("actor.capacity is {}", Capacity::name(*c)),
        Atom::Affected(p) => format!("affected is {}", r.parties[usize::from(*p)].id),
        Atom::WeaponClass(c) => format!("weapon is {}", r.weapon_classes[*c].name),
        Atom::WeaponType(t) => format!("weapon.type is {t}"),
        Atom::WeaponTest { measure, op, value } => {
            format!("{} {} {value}", measure.path(), op.word())
        }
        Atom::Category { category, value } => {
            format!("{} is {value}", r.categories[*category].name)
        }
        Atom::Bound {
            quantity,
            strict,
            value,
        } => bound(r, quantity, *strict, *value),
        Atom::InShape { point, zone, piece } => match piece {
            0 => format!("{} in {}", point.name(), r.zones[*zone].name),
            n => format!("{} in shape {n} of {}", point.name(), r.zones[*zone].name),
        },
        Atom::Doctrine { doctrine, setting } => {
            let d = &r.doctrines[*doctrine];
            format!("doctrine {} is {}", d.name, d.options[*setting])
        }
        Atom::Known(field) => format!("{} is known", field.path()),
        Atom::Opaque { text } => text.clone(),
    }
}

fn bound(r: &Rulebook, q: &Quantity, strict: bool, value: f64) -> String {
    let op = if strict { "<" } else { "<=" };
    match q {
        Quantity::Measure(m) => match m {
            crate::check::Measure::Quantity(i) => format!("{} {op} {value}", r.quantities[*i].name),
            other => format!("{} {op} {value}", other.path()),
        },
        Quantity::Sum { sum, class } => match class {
            Some(c) => format!(
                "{} of weapons of class {} {op} {value}",
                sum.word(),
                r.weapon_classes[*c].name
            ),
            None => format!("{} of weapons {op} {value}", sum.word()),
        },
        Quantity::Time => {
            let at = jiff::Timestamp::from_nanosecond((value * 1e9) as i128)
                .map(|t| t.to_string())
                .unwrap_or_else(|_| value.to_string());
            format!("time {op} {at}")
        }
        Quantity::Distance { point, line } => format!(
            "{} within {} of {}{}",
            point.name(),
            metres(value),
            r.lines[*line].name,
            if strict { " (strictly)" } else { "" }
        ),
        Quantity::Band { point, line, .. } => format!(
            "{} within {} of {} (as a zone measures)",
            point.name(),
            metres(value),
            r.lines[*line].name
        ),
    }
}

fn metres(m: f64) -> String {
    if m >= 1000.0 && (m / 1000.0).fract() == 0.0 {
        format!("{} km", m / 1000.0)
    } else {
        format!("{m} m")
    }
}
