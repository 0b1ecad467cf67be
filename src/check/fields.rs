//! The fields of an event that a condition can read, and how a path such
//! as `actor.party` or `attack.origin` resolves to one of them.

use super::Checker;
use super::cond::{Measure, PathField, PointField, Subject};
use super::err::{CheckError, UnknownNameError};
use crate::ast::{Dimension, Path};
use crate::span::Spanned;

/// What a condition may refer to: events bound by `some`, and whether we
/// are inside a weapon class (where `calibre` means the weapon's calibre).
#[derive(Default, Clone)]
pub(super) struct Scope {
    pub(super) bindings: Vec<String>,
    pub(super) weapon: bool,
    /// Inside a pattern's condition: patterns are found before judging,
    /// all at once, so one cannot test another's findings.
    pub(super) in_pattern: bool,
    /// Inside an element's definition: an element does not test another,
    /// so no chain of elements can loop.
    pub(super) in_element: bool,
    /// Inside a ceiling's condition: ceilings' reports are found before
    /// judging, as patterns are.
    pub(super) in_ceiling: bool,
}

impl Scope {
    pub fn weapon() -> Self {
        Scope {
            weapon: true,
            ..Scope::default()
        }
    }
}

/// A path with its kind: what an operand of a test or comparison is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Operand {
    Act(Subject),
    Party(Subject),
    Weapon(Subject),
    WeaponType(Subject),
    Measure(Subject, Measure, Option<Dimension>),
    Time(Subject),
    Point(Subject, PointField),
    Path(Subject, PathField),
    Capacity(Subject),
    Affected(Subject),
    /// A category the rulebook declares, by index.
    Category(Subject, usize),
}

impl Operand {
    /// The event it reads and the field.
    pub(super) fn field(self) -> (Subject, super::cond::Field) {
        use super::cond::Field;
        match self {
            Operand::Act(s) => (s, Field::Act),
            Operand::Party(s) => (s, Field::Party),
            Operand::Weapon(s) => (s, Field::Weapon),
            Operand::WeaponType(s) => (s, Field::WeaponType),
            Operand::Measure(s, m, _) => (s, Field::Measure(m)),
            Operand::Time(s) => (s, Field::Time),
            Operand::Point(s, p) => (s, Field::Point(p)),
            Operand::Path(s, p) => (s, Field::Path(p)),
            Operand::Capacity(s) => (s, Field::Capacity),
            Operand::Affected(s) => (s, Field::Affected),
            Operand::Category(s, c) => (s, Field::Category(c)),
        }
    }

    pub(super) fn describe(self) -> &'static str {
        match self {
            Operand::Act(_) => "an act",
            Operand::Party(_) => "a party",
            Operand::Weapon(_) => "a weapon",
            Operand::WeaponType(_) => "a weapon type",
            Operand::Measure(_, _, Some(Dimension::Length)) => "a length",
            Operand::Measure(_, _, _) => "a count",
            Operand::Time(_) => "a time",
            Operand::Point(..) => "a place",
            Operand::Path(_, PathField::Trajectory) => "a trajectory",
            Operand::Path(_, PathField::Track) => "a track",
            Operand::Capacity(_) => "a capacity",
            Operand::Affected(_) => "a monitor or force",
            Operand::Category(..) => "a category",
        }
    }
}

/// The fields of an event, as paths, with their kinds.
const EVENT_FIELDS: [&str; 18] = [
    "act",
    "actor",
    "actor.party",
    "actor.capacity",
    "affected",
    "weapon",
    "weapon.type",
    "weapon.calibre",
    "weapon.rounds",
    "weapon.reach",
    "place",
    "origin",
    "target",
    "trajectory",
    "track",
    "time",
    "effects.killed",
    "effects.wounded",
];
const WEAPON_FIELDS: [&str; 4] = ["type", "calibre", "rounds", "reach"];

pub(super) fn event_field(subject: Subject, field: &str) -> Option<Operand> {
    Some(match field {
        "act" => Operand::Act(subject),
        "actor" | "actor.party" => Operand::Party(subject),
        "actor.capacity" => Operand::Capacity(subject),
        "affected" => Operand::Affected(subject),
        "weapon" => Operand::Weapon(subject),
        "weapon.type" => Operand::WeaponType(subject),
        "weapon.calibre" => Operand::Measure(subject, Measure::Calibre, Some(Dimension::Length)),
        "weapon.rounds" => Operand::Measure(subject, Measure::Rounds, None),
        "weapon.reach" => Operand::Measure(subject, Measure::Reach, Some(Dimension::Length)),
        "effects.killed" => Operand::Measure(subject, Measure::Killed, None),
        "effects.wounded" => Operand::Measure(subject, Measure::Wounded, None),
        "place" => Operand::Point(subject, PointField::Place),
        "origin" => Operand::Point(subject, PointField::Origin),
        "target" => Operand::Point(subject, PointField::Target),
        "trajectory" => Operand::Path(subject, PathField::Trajectory),
        "track" => Operand::Path(subject, PathField::Track),
        "time" => Operand::Time(subject),
        _ => return None,
    })
}

fn weapon_field(field: &str) -> Option<Operand> {
    event_field(Subject::EVENT, &format!("weapon.{field}"))
        .filter(|_| WEAPON_FIELDS.contains(&field))
}

impl Checker {
    /// Resolves a path such as `actor.party` or `attack.origin` to its kind.
    pub(super) fn operand(
        &mut self,
        path: &Spanned<Path>,
        scope: &Scope,
    ) -> Result<Operand, CheckError> {
        let segments = &path.node.segments;
        let first = &segments[0].node;
        if let Some(i) = scope.bindings.iter().rposition(|b| b == first) {
            let subject = Subject(u8::try_from(i + 1).unwrap_or(u8::MAX));
            let rest: Vec<&str> = segments[1..].iter().map(|s| s.node.as_str()).collect();
            let field_span = segments
                .get(1)
                .map_or(path.span.clone(), |s| s.span.to(&path.span));
            let rest = rest.join(".");
            if let Some(found) = event_field(subject, &rest) {
                return Ok(found);
            }
            if let Some(found) = self.declared_operand(subject, &rest) {
                return Ok(found);
            }
            return Err({
                let mut fields: Vec<&str> = EVENT_FIELDS.to_vec();
                fields.extend(self.declared_names());
                UnknownNameError::new(
                    &field_span,
                    "field",
                    &fields,
                    &format!(
                        "`{first}` is an event: name one of its fields, such as `{first}.act`"
                    ),
                )
                .into()
            });
        }
        let dotted = path.node.dotted();
        let found = if scope.weapon {
            weapon_field(&dotted)
        } else {
            event_field(Subject::EVENT, &dotted)
                .or_else(|| self.declared_operand(Subject::EVENT, &dotted))
        };
        found.ok_or_else(|| {
            let mut fields: Vec<&str> = if scope.weapon {
                WEAPON_FIELDS.to_vec()
            } else {
                let mut fields = EVENT_FIELDS.to_vec();
                fields.extend(self.declared_names());
                fields
            };
            fields.extend(scope.bindings.iter().map(String::as_str));
            let hint = if scope.weapon {
                "a weapon class tests `type`, `calibre`, `rounds` or `reach`"
            } else {
                "see docs/language.md for the fields of an event"
            };
            UnknownNameError::new(&path.span, "field", &fields, hint).into()
        })
    }
}
