//! Why a test could not be decided, as data: what the record lacks, what
//! was too uncertain, which line, zone, deadline or event it turned on.
//! Evaluation builds these; `render/words.rs` words them.

use serde::Serialize;

use super::verdict::FieldName;
use crate::name::Name;

/// Why a test could not be decided, as data the renderers word.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Doubt {
    /// An instant of the rulebook is known only to the day (an entry into
    /// force whose hour was never published, say), and the event's time
    /// falls on that day: whether it came before or after is unknown.
    WithinDay {
        /// What the instant is.
        of: DayOf,
        /// The day as the rulebook writes it: `2025-09-03 Europe/Kyiv`.
        day: Name,
    },
    /// The event is known only to lie in an area, and the test holds on
    /// part of it and fails on another (`split`), or the area is too large,
    /// or too near the test's edge, to decide on the whole of it.
    Area { split: bool },
    /// The area names a zone or line this rulebook does not declare (an
    /// events file judged under several rulebooks).
    AreaUndeclared { what: Declared, name: Name },
    /// The area reaches without bound (a zone such as `not dmz`): no test
    /// can be decided on the whole of it.
    AreaUnbounded,

    // What the record lacks.
    /// The event records no such field.
    Missing { event: Name, field: FieldName },
    /// The event records a weapon type the rulebook declares no reach for.
    NoReach { event: Name, weapon: Name },
    /// The event records several weapons, and the test reads one.
    SeveralWeapons {
        event: Name,
        count: usize,
        field: &'static str,
    },
    /// Some of the event's weapons record no rounds.
    RoundsMissing { event: Name },
    /// Whether some of the event's weapons are of the class is unknown.
    ClassUnknown { event: Name },

    // Lines, zones and positions.
    /// A line the test reads has no segments.
    NoSegments { line: Name },
    /// The line differs by party, and the actor's party is unknown.
    LineByParty { line: Name },
    /// The line names no reference line for the party.
    NoLineFor { line: Name, party: Name },
    /// The actor's party is unknown, so its own side is too.
    OwnSideUnknown,
    /// The party holds no side of the line.
    HoldsNoSide { party: Name, line: Name },
    /// The edge of a zone lies within the position's uncertainty (metres).
    ZoneEdge { zone: Name, accuracy_m: f64 },
    /// The position lies beyond the end of the line, on neither side.
    BeyondLine { line: Name },
    /// The position is closer to the line than its uncertainty.
    NearLine { line: Name },
    /// The point the test reads (`place`, `origin`...) lies beyond the
    /// end of the line.
    PointBeyondLine { point: &'static str },
    /// The point the test reads is closer to the line than its uncertainty.
    PointNearLine { point: &'static str },
    /// The position is too uncertain.
    PositionUncertain,
    /// The actor's party is unknown, and the answer depends on whose line
    /// or side it is.
    PartyDecides,
    /// The event lies along a bearing, and the test holds on part of it.
    AlongBearing,
    /// The limit falls within the uncertainty of the positions.
    LimitWithinUncertainty,
    /// The other event is known only by a bearing or an area, and part of
    /// it is within the limit.
    OtherPartly,
    /// A point of the path (`track`, `trajectory`) is too uncertain to say
    /// which side of the line it is on.
    PathPoint { path: &'static str },
    /// An end of the trajectory is known only by a bearing, and some of its
    /// possible places cross the line and some do not.
    TrajectoryBearing,
    /// Part of the path is too close to a zone's edge, for its uncertainty.
    PathNearEdge,

    // Times.
    /// Two times overlap too much to order them.
    TimesOverlap,
    /// The times are too uncertain to say.
    TimesUncertain,
    /// The event's time window straddles the deadline, or an extension.
    DeadlineStraddled { deadline: Name },
    /// Whether a change of the deadline had taken effect is uncertain.
    DeadlineChange { deadline: Name },
    /// The bound a time is compared with falls within the event's window.
    BoundWithin,
    /// The event's time window straddles the regime's start.
    RegimeStraddled,
    /// The event's time window straddles entry into force.
    InForceStraddled,
    /// The event's time window straddles a change of a party's status.
    ChangeStraddled {
        change: Box<super::verdict::Suspension>,
    },
    /// Whether a change of a party's status had taken effect is uncertain.
    ChangeUncertain {
        change: Box<super::verdict::Suspension>,
    },
    /// The agreement bound some parties and not others, and the actor is
    /// unknown.
    SomeBound,
    /// The event's time window straddles a regime's start or a resumption.
    ResumptionStraddled,

    // Related events, patterns, holdings.
    /// A related event is rejected, or outside this instrument.
    Unreadable {
        relation: &'static str,
        event: Name,
        outside: bool,
    },
    /// The rulebook declares no `preponderance` standard.
    NoPreponderance,
    /// The pattern's runs were not found for these events.
    PatternNotFound { pattern: Name },
    /// Whether the event belongs to a run of the pattern depends on
    /// uncertain events.
    PatternUncertain { event: Name, pattern: Name },
    /// The reports of a ceiling were not indexed for these events.
    CeilingNotIndexed,

    // Whose area, whose act.
    /// Whose area the target lies in is not known.
    TargetArea,
    /// Whose area a place lies in is not known.
    PlaceArea,
    /// Whose act it was is not known.
    ActorUnknown,
    /// The act is by no side, and whose area it was launched from is not
    /// known.
    LaunchArea,
    /// The act is by no side, launched within one side's area.
    WithinOneSide,
    /// The target lies in the actor's own area: a drill or an intruder.
    OwnAreaDrill,
    /// The target lies in the actor's own area: an intruder, perhaps.
    OwnAreaIntruder,

    // What an authorisation grants.
    /// The act records no unit.
    NoUnit { event: Name },
    /// The act records a weapon of no type.
    UntypedWeapon { event: Name },
    /// The act or the authorisation records no place.
    NoPlace { act: Name, grant: Name },
    /// The act or the authorisation is an area that cannot be read.
    UnreadableArea { act: Name, grant: Name },
    /// The radius falls within the uncertainty of the positions.
    RadiusWithinUncertainty,
    /// The act's time window straddles the authorisation's validity.
    ValidityStraddled,
}

/// What kind of name an area gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Declared {
    Zone,
    Line,
}

/// An instant of the rulebook, or of a change an event records, that may
/// be known only to the day. `event`: the change event that made it
/// (none: the rulebook's own declaration).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayOf {
    EntryIntoForce,
    /// The start of a party's suspension (or repudiation).
    Suspension {
        party: Name,
        repudiation: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        event: Option<Name>,
    },
    /// The end of a party's suspension (`until`).
    SuspensionEnd {
        party: Name,
        #[serde(skip_serializing_if = "Option::is_none")]
        event: Option<Name>,
    },
    /// The start of a regime.
    Regime {
        name: Name,
    },
    /// A resumption a change event records (a regime is the rulebook's).
    Resumption {
        event: Name,
    },
    /// A deadline's due date.
    Deadline {
        name: Name,
    },
    /// The day a change of a deadline took effect: an extension the
    /// rulebook says was agreed then, or a change an event records.
    Extension {
        deadline: Name,
        #[serde(skip_serializing_if = "Option::is_none")]
        event: Option<Name>,
    },
    /// A date a condition compares a time with.
    Bound,
}
