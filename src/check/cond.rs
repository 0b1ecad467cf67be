//! Checked conditions: names resolved, kinds known, ready to evaluate.

use std::sync::Arc;

use jiff::Timestamp;

use super::rulebook::{ActSet, PartyIdx, SideSel};
// Named in the rule language and recorded in events: the AST holds it;
// kept here under its old path for callers.
pub use crate::ast::Relation;
use crate::span::Span;

/// A checked condition, with the text it was written as.
#[derive(Debug)]
pub struct Cond {
    pub kind: CondKind,
    /// The condition as written in the rulebook, shared by every explanation.
    pub text: Arc<str>,
    pub span: Span,
}

impl Cond {
    /// Its direct parts: the operands of `not`, `and` and `or`, and the
    /// condition of a `some … where`; a test has none.
    pub fn parts(&self) -> Vec<&Cond> {
        match &self.kind {
            CondKind::Not(a) => vec![a],
            CondKind::And(a, b) | CondKind::Or(a, b) => vec![a, b],
            CondKind::Some { condition, .. } => condition.iter().map(|k| &**k).collect(),
            CondKind::Const(_)
            | CondKind::Act { .. }
            | CondKind::Actor { .. }
            | CondKind::WeaponClass { .. }
            | CondKind::WeaponType { .. }
            | CondKind::Category { .. }
            | CondKind::WeaponSum { .. }
            | CondKind::Holdings { .. }
            | CondKind::Measure { .. }
            | CondKind::MeasureCompare { .. }
            | CondKind::SameParty { .. }
            | CondKind::Time { .. }
            | CondKind::Deadline { .. }
            | CondKind::RegimeStart { .. }
            | CondKind::TimeOrder { .. }
            | CondKind::InZone { .. }
            | CondKind::Crosses { .. }
            | CondKind::OnSide { .. }
            | CondKind::Near { .. }
            | CondKind::TimeWithin { .. }
            | CondKind::Overlaps { .. }
            | CondKind::Doctrine(_)
            | CondKind::InScope { .. }
            | CondKind::Established { .. }
            | CondKind::InPattern { .. }
            | CondKind::Capacity { .. }
            | CondKind::Affected { .. }
            | CondKind::Known { .. }
            | CondKind::Directed { .. }
            | CondKind::Over { .. }
            | CondKind::InArea { .. }
            | CondKind::Element { .. } => Vec::new(),
        }
    }

    /// Calls `f` on this condition and every condition inside it, the
    /// conditions of `some` included, outer before inner.
    pub fn each(&self, f: &mut dyn FnMut(&Cond)) {
        f(self);
        for part in self.parts() {
            part.each(f);
        }
    }
}

/// Which event a path reads: 0 is the event being judged, `n` the event
/// bound by the `n`th enclosing `some`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject(pub u8);

impl Subject {
    pub const EVENT: Subject = Subject(0);
}

#[derive(Debug)]
pub enum CondKind {
    Const(bool),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    /// `act is hostile`, `act in [fire, assault]`
    Act {
        subject: Subject,
        acts: ActSet,
    },
    /// `actor is UNC`, `actor.party in [UNC, KPA]`
    Actor {
        subject: Subject,
        parties: Vec<PartyIdx>,
    },
    /// `weapon is heavy`
    WeaponClass {
        subject: Subject,
        class: usize,
    },
    /// `weapon.type in [mlrs, tank]`
    WeaponType {
        subject: Subject,
        types: Vec<String>,
    },
    /// `force is police`, `force in [police, militia]`: a category the
    /// rulebook declares, by index into its categories.
    Category {
        subject: Subject,
        category: usize,
        values: Vec<crate::name::Name>,
    },
    /// `count of weapons of class heavy > 0`, `rounds of weapons <= 6`:
    /// a sum over the weapons an event records (of a class, by index).
    WeaponSum {
        subject: Subject,
        sum: crate::ast::Sum,
        class: Option<usize>,
        op: CmpOp,
        value: f64,
    },
    /// `holdings exceed limited_forces`: whether a party's holdings (the
    /// actor's, when `party` is `None`) at the judged event's time exceed a
    /// ceiling, by index.
    Holdings {
        party: Option<PartyIdx>,
        ceiling: usize,
    },
    /// `weapon.calibre >= 100 mm`, `weapon.rounds > 10`
    Measure {
        subject: Subject,
        field: Measure,
        op: CmpOp,
        value: f64,
    },
    /// `weapon.rounds <= attack.weapon.rounds`: one event's measure against
    /// another's, as proportionality compares a response with an attack.
    MeasureCompare {
        lhs: (Subject, Measure),
        op: CmpOp,
        rhs: (Subject, Measure),
    },
    /// `attack.actor.party != actor.party`: whether two events' actors
    /// answer to the same party (a group counts as the party it is under).
    SameParty {
        lhs: Subject,
        rhs: Subject,
    },
    /// `time >= 1953-07-27 22:00 Asia/Seoul`, or a day: `time < 2025-09-03 Europe/Kyiv`
    Time {
        subject: Subject,
        op: CmpOp,
        /// The bound, or the first and last instant of its day.
        at: Timestamp,
        last: Timestamp,
        written: String,
    },
    /// `time after withdrawal`: against a deadline, as extended when the
    /// event happened.
    Deadline {
        subject: Subject,
        op: CmpOp,
        deadline: usize,
    },
    /// `time >= harvest`: against the start of a regime.
    RegimeStart {
        subject: Subject,
        op: CmpOp,
        regime: usize,
    },
    /// `permit.time <= time`: the order of two events in time.
    TimeOrder {
        lhs: Subject,
        op: CmpOp,
        rhs: Subject,
    },
    /// `place in dmz`, `origin in dmz`
    InZone {
        subject: Subject,
        point: PointField,
        zone: usize,
    },
    /// `trajectory crosses mdl`, `track crosses mdl from KPA side`
    Crosses {
        subject: Subject,
        path: PathField,
        line: usize,
        from: SideSel,
    },
    /// `origin on UA side of contact`
    OnSide {
        subject: Subject,
        point: PointField,
        side: SideSel,
        line: usize,
    },
    /// `origin within 15 km of contact`, `target within 2 km of attack.origin`
    Near {
        subject: Subject,
        point: PointField,
        limit: Limit,
        reference: Reference,
    },
    /// `time within 30 min after attack.time`, or after a date
    TimeWithin {
        subject: Subject,
        seconds: f64,
        after: bool,
        reference: TimeRef,
    },
    /// `time overlaps attack.time`
    Overlaps {
        lhs: Subject,
        rhs: Subject,
    },
    /// `doctrine who_fired_first is irrelevant`
    Doctrine(super::rulebook::DoctrineTest),
    /// `within scope of permit`: the judged act inside what a related
    /// authorisation grants.
    InScope {
        permit: Subject,
    },
    /// `attack is established`: the related event's occurrence (and its
    /// attribution, if it names a party) meet the preponderance standard.
    Established {
        subject: Subject,
    },
    /// `attack in barrage`: the event was counted in a finding of a pattern.
    InPattern {
        subject: Subject,
        pattern: usize,
    },
    /// `some responds_to as attack where ...`
    Some {
        relation: Relation,
        binding: String,
        condition: Option<Box<Cond>>,
        /// The events its condition reads (the judged event always), so
        /// that a nested `some` is answered once per binding of those.
        reads: super::reads::Reads,
    },
    /// `actor.capacity is private`
    Capacity {
        subject: Subject,
        capacities: CapacitySet,
    },
    /// `affected is UNIFIL`: the monitor or force the act was aimed at.
    Affected {
        subject: Subject,
        parties: Vec<PartyIdx>,
    },
    /// `target is known`, `actor.party is unknown`: whether the record
    /// holds a fact, never unknown itself.
    Known {
        subject: Subject,
        field: Field,
        known: bool,
    },
    /// `directed at other side`, `attack directed at actor.party`
    Directed {
        subject: Subject,
        object: ObjectSel,
    },
    /// `track over dmz`, `track over area of other side`
    Over {
        subject: Subject,
        path: PathField,
        region: RegionSel,
    },
    /// `target in area of other side`, `place in area of UA`
    InArea {
        subject: Subject,
        point: PointField,
        owner: AreaSel,
    },
    /// `attack is ongoing`, or an element about the judged event alone.
    Element {
        element: usize,
        /// The other event it is about.
        about: Option<Subject>,
    },
}

/// What `directed at` asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectSel {
    /// A party other than the actor's.
    OtherSide,
    /// The actor's own area, away from the other side.
    OwnArea,
    /// An intruder over or in the actor's own area.
    Intruder,
    /// A party by name.
    Party(PartyIdx),
    /// The party of an event's actor (`actor.party`, `attack.actor.party`).
    PartyOf(Subject),
}

/// Whose area `in area of` asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaSel {
    /// A party other than the actor's.
    OtherSide,
    /// A party by name.
    Party(PartyIdx),
    /// The party of an event's actor (`actor.party`, `attack.actor.party`).
    PartyOf(Subject),
}

/// What `over` asks a path to pass over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionSel {
    /// A zone, by index into `Rulebook::zones`.
    Zone(usize),
    /// A party's area, as whose area a position lies in tells.
    Area(AreaSel),
}

/// A field of an event, as `is known` tests it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Act,
    Party,
    Capacity,
    Affected,
    Weapon,
    WeaponType,
    Measure(Measure),
    /// A category the rulebook declares, by index.
    Category(usize),
    Point(PointField),
    Path(PathField),
    Time,
}

impl Field {
    /// As a condition writes it.
    pub fn path(self) -> &'static str {
        match self {
            Field::Act => "act",
            Field::Party => "actor.party",
            Field::Capacity => "actor.capacity",
            Field::Affected => "affected",
            Field::Weapon => "weapon",
            Field::WeaponType => "weapon.type",
            Field::Measure(m) => m.path(),
            // Declared facts are named by the rulebook: see `eval`'s naming.
            Field::Category(_) => "facts",
            Field::Point(p) => p.name(),
            Field::Path(p) => p.name(),
            Field::Time => "time",
        }
    }
}

/// What a time is measured from: another event's time, or a date (from
/// `at` to `last` when known only to the day).
#[derive(Debug, Clone, PartialEq)]
pub enum TimeRef {
    Event(Subject),
    At {
        at: Timestamp,
        last: Timestamp,
        written: String,
    },
}

/// How far `within` reaches: a fixed distance or a weapon's maximum range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    Metres(f64),
    /// `weapon.reach`: the reach declared for the weapon type of an event.
    Reach(Subject),
}

/// What a distance is measured from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reference {
    Line(usize),
    Point(Subject, PointField),
    Coordinate { lon: f64, lat: f64 },
}

/// A path an event records: origin to target, or a track of points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathField {
    Trajectory,
    Track,
}

impl PathField {
    pub fn name(self) -> &'static str {
        match self {
            PathField::Trajectory => "trajectory",
            PathField::Track => "track",
        }
    }
}

/// A numeric field of an event. Lengths are in metres.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Calibre,
    Rounds,
    Killed,
    Wounded,
    /// The maximum range the rulebook declares for the weapon's type.
    Reach,
    /// A quantity the rulebook declares, by index.
    Quantity(usize),
}

impl Measure {
    /// Whether it is a measure of a weapon, read from the weapons recorded.
    pub fn of_weapon(self) -> bool {
        match self {
            Measure::Calibre | Measure::Rounds | Measure::Reach => true,
            Measure::Killed | Measure::Wounded | Measure::Quantity(_) => false,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Measure::Reach => "weapon.reach",
            Measure::Calibre => "weapon.calibre",
            Measure::Rounds => "weapon.rounds",
            Measure::Killed => "effects.killed",
            Measure::Wounded => "effects.wounded",
            // Named by the rulebook: see `eval`'s naming.
            Measure::Quantity(_) => "facts",
        }
    }
}

/// A place an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointField {
    Place,
    Origin,
    Target,
}

impl PointField {
    pub fn name(self) -> &'static str {
        match self {
            PointField::Place => "place",
            PointField::Origin => "origin",
            PointField::Target => "target",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }

    /// The operator with its sides swapped: `a < b` is `b > a`.
    pub fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            same => same,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// The elements of due diligence: what a party that must prevent an act
/// knew, could do, and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiligenceElement {
    /// It knew, or should have known, of the act or its preparation.
    Knowledge,
    /// It had the means to prevent it.
    Means,
    /// It took the measures it reasonably could.
    Measures,
}

impl DiligenceElement {
    pub const ALL: [DiligenceElement; 3] = [
        DiligenceElement::Knowledge,
        DiligenceElement::Means,
        DiligenceElement::Measures,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DiligenceElement::Knowledge => "knowledge",
            DiligenceElement::Means => "means",
            DiligenceElement::Measures => "measures",
        }
    }

    pub fn parse(word: &str) -> Option<DiligenceElement> {
        Self::ALL.into_iter().find(|e| e.name() == word)
    }
}

/// In what capacity an actor acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// For its party: a unit, a soldier on duty, an official.
    Official,
    /// A person fleeing to the other side.
    Defector,
    /// A soldier who has left his unit.
    Deserter,
    /// A civilian acting on his own.
    Civilian,
    /// Any other person acting on his own.
    Private,
    /// The record does not tell.
    Unknown,
}

impl Capacity {
    pub const ALL: [Capacity; 6] = [
        Capacity::Official,
        Capacity::Defector,
        Capacity::Deserter,
        Capacity::Civilian,
        Capacity::Private,
        Capacity::Unknown,
    ];

    /// As the event format and the rule language write it.
    pub fn name(self) -> &'static str {
        match self {
            Capacity::Official => "official",
            Capacity::Defector => "defector",
            Capacity::Deserter => "deserter",
            Capacity::Civilian => "civilian",
            Capacity::Private => "private",
            Capacity::Unknown => "unknown",
        }
    }

    pub fn parse(word: &str) -> Option<Capacity> {
        Self::ALL.into_iter().find(|c| c.name() == word)
    }

    /// Acting on one's own, not for one's party.
    pub fn is_private(self) -> bool {
        matches!(
            self,
            Capacity::Defector | Capacity::Deserter | Capacity::Civilian | Capacity::Private
        )
    }
}

/// A set of capacities, as `imputable` and `actor.capacity in [...]` list
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CapacitySet(u8);

impl CapacitySet {
    /// Acts of persons acting for their party: the default.
    pub const OFFICIAL: CapacitySet = CapacitySet(1);

    pub fn insert(&mut self, c: Capacity) {
        self.0 |= 1 << c as u8;
    }

    pub fn contains(self, c: Capacity) -> bool {
        self.0 & (1 << c as u8) != 0
    }

    /// The capacities a word names: `private` names every private one.
    pub fn named(word: &str) -> Option<CapacitySet> {
        let mut set = CapacitySet::default();
        match word {
            "private" => Capacity::ALL
                .into_iter()
                .filter(|c| c.is_private())
                .for_each(|c| set.insert(c)),
            other => set.insert(Capacity::parse(other)?),
        }
        Some(set)
    }

    pub fn union(self, other: CapacitySet) -> CapacitySet {
        CapacitySet(self.0 | other.0)
    }

    /// The capacities in it, in order.
    pub fn members(self) -> impl Iterator<Item = Capacity> {
        Capacity::ALL.into_iter().filter(move |c| self.contains(*c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_names_every_private_capacity_and_nothing_else() {
        let private = CapacitySet::named("private").unwrap();
        for c in Capacity::ALL {
            assert_eq!(private.contains(c), c.is_private(), "{}", c.name());
        }
        assert!(!private.contains(Capacity::Official));
        assert!(!private.contains(Capacity::Unknown));
        assert_eq!(CapacitySet::named("volunteer"), None);
        let two = CapacitySet::OFFICIAL.union(CapacitySet::named("civilian").unwrap());
        let names: Vec<&str> = two.members().map(Capacity::name).collect();
        assert_eq!(names, ["official", "civilian"]);
    }
}
