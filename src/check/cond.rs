//! Checked conditions: names resolved, kinds known, ready to evaluate.

use std::sync::Arc;

use jiff::Timestamp;

use super::rulebook::{ActSet, PartyIdx, SideSel};
use crate::span::Span;

/// A checked condition, with the text it was written as.
#[derive(Debug)]
pub struct Cond {
    pub kind: CondKind,
    /// The condition as written in the rulebook, shared by every explanation.
    pub text: Arc<str>,
    pub span: Span,
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
    /// `time >= 1953-07-27 22:00 Asia/Seoul`
    Time {
        subject: Subject,
        op: CmpOp,
        at: Timestamp,
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
    },
}

/// What a time is measured from: another event's time, or a date.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeRef {
    Event(Subject),
    At { at: Timestamp, written: String },
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
}

impl Measure {
    pub fn path(self) -> &'static str {
        match self {
            Measure::Reach => "weapon.reach",
            Measure::Calibre => "weapon.calibre",
            Measure::Rounds => "weapon.rounds",
            Measure::Killed => "effects.killed",
            Measure::Wounded => "effects.wounded",
        }
    }
}

/// A place an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// A relation from one event to another, as observers record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    RespondsTo,
    Corroborates,
    Contradicts,
    PartOf,
    AuthorisedBy,
    /// An earlier step of a procedure the act followed: an order, a notice,
    /// an attempt to use a coordination mechanism.
    PrecededBy,
    /// A later report of the same state (a position still held, a structure
    /// still standing): one breach, never counted twice.
    Continues,
}

impl Relation {
    pub const ALL: [Relation; 7] = [
        Relation::RespondsTo,
        Relation::Corroborates,
        Relation::Contradicts,
        Relation::PartOf,
        Relation::AuthorisedBy,
        Relation::PrecededBy,
        Relation::Continues,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Relation::RespondsTo => "responds_to",
            Relation::Corroborates => "corroborates",
            Relation::Contradicts => "contradicts",
            Relation::PartOf => "part_of",
            Relation::AuthorisedBy => "authorised_by",
            Relation::PrecededBy => "preceded_by",
            Relation::Continues => "continues",
        }
    }

    pub fn parse(name: &str) -> Option<Relation> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}
