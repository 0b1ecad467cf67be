//! The atoms of the logic lint: the facts about the judged event that a
//! condition tests, each a boolean the solver may set, and a model (a
//! value for each atom a finding rests on).
//!
//! Every atom is about the judged event (a test inside `some` is part of an
//! opaque atom: the lint does not look into related events). The witness
//! generator builds events from a [`Model`]: a true `Act` atom is the act to
//! record, a true `Party` atom the actor's party, a `Bound` the value a
//! measure must stay below or reach, and so on.

use crate::check::{ActIdx, Capacity, CmpOp, Field, Measure, PartyIdx, PointField, SideSel};
use crate::name::Name;

/// A fact a condition tests, as a boolean.
#[derive(Debug, Clone, PartialEq)]
pub enum Atom {
    /// The event's act is this one. Exactly one act is true in a model.
    Act(ActIdx),
    /// The actor's party (or group) is this one: at most one is true. A
    /// test of a party is true also for a group under it, as evaluation has it.
    Party(PartyIdx),
    /// The actor acted in this capacity: at most one is true.
    Capacity(Capacity),
    /// The act was aimed at this party (`affected is UNIFIL`).
    Affected(PartyIdx),
    /// Some weapon recorded is of this weapon class (by index).
    WeaponClass(usize),
    /// Some weapon recorded is of this type (`weapon.type is tank`).
    WeaponType(Name),
    /// Some weapon recorded meets this test (`weapon.calibre >= 100 mm`):
    /// tests of weapons are asked of the weapons apart, so two of them are
    /// not related (a tank and a smaller weapon meet both halves of
    /// `calibre >= 100 mm and calibre < 100 mm`).
    WeaponTest {
        measure: Measure,
        op: CmpOp,
        value: f64,
    },
    /// The event's value of a declared category is this one: at most one
    /// value of a category is true.
    Category { category: usize, value: Name },
    /// A number of the event is below `value` (`strict`), or at most it:
    /// the bounds of one quantity are ordered (`x < 5` implies `x < 10`).
    Bound {
        quantity: Quantity,
        strict: bool,
        value: f64,
    },
    /// The point lies in one piece of a zone (a polygon or a disc) that the
    /// lint cannot relate to other zones: `piece` counts the polygons and
    /// discs of zone `zone`'s own expression, left to right.
    InShape {
        point: PointField,
        zone: usize,
        piece: usize,
    },
    /// A doctrine has this setting: exactly one setting of a doctrine is true.
    Doctrine { doctrine: usize, setting: usize },
    /// The record holds this fact (`target is known`).
    Known(Field),
    /// A test the lint does not relate to any other (a `some`, a path
    /// crossing a line, an element...): a free boolean, named by the text
    /// of the test. Two tests written alike are one atom.
    Opaque { text: String },
}

/// A number of the judged event that bounds compare.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantity {
    /// `effects.killed`, `effects.wounded`, or a declared quantity (never a
    /// weapon's measure: see [`Atom::WeaponTest`]).
    Measure(Measure),
    /// `count of weapons of class heavy`, `rounds of weapons`.
    Sum {
        sum: crate::ast::Sum,
        class: Option<usize>,
    },
    /// The event's time, in seconds since 1970 (UTC).
    Time,
    /// The distance in metres from a point of the event to a line
    /// (`origin within 15 km of contact`).
    Distance { point: PointField, line: usize },
    /// How far a point lies from a line, as a zone made of a band along
    /// the line measures it on `side`: a zone of 15 km of a line lies in
    /// the zone of 25 km of it on the same side.
    Band {
        point: PointField,
        line: usize,
        side: SideSel,
    },
}

/// A value for each atom a finding rests on: what an event must be for
/// the finding to show. Atoms it leaves out may be anything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Each atom with its value, in the order the lint met them.
    pub values: Vec<(Atom, bool)>,
}

impl Model {
    /// The value the model gives `atom`, if it names it.
    pub fn value(&self, atom: &Atom) -> Option<bool> {
        self.values.iter().find(|(a, _)| a == atom).map(|(_, v)| *v)
    }

    /// The atoms that are true.
    pub fn true_atoms(&self) -> impl Iterator<Item = &Atom> {
        self.values.iter().filter(|(_, v)| *v).map(|(a, _)| a)
    }

    /// The act the model gives the event, if it gives one.
    pub fn act(&self) -> Option<ActIdx> {
        self.true_atoms().find_map(|a| match a {
            Atom::Act(i) => Some(*i),
            _ => None,
        })
    }

    /// The actor's party the model gives the event, if it gives one.
    pub fn party(&self) -> Option<PartyIdx> {
        self.true_atoms().find_map(|a| match a {
            Atom::Party(p) => Some(*p),
            _ => None,
        })
    }
}
