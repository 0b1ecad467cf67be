//! What a test computed from the facts it read, as data: distances in
//! metres, the side of a line a point is on, the limit it was held to.
//! Evaluation builds these; `render/words.rs` words them, so numbers are
//! formatted only when a report is written.

use serde::Serialize;

use super::truth::Truth;
use super::verdict::Suspension;
use crate::name::Name;

/// What a test computed from a fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Computed {
    /// Several notes, one after another (the parts of a combined zone).
    Parts { parts: Vec<Computed> },
    /// A band along a line: how far the point is from it, on which side,
    /// and the band's width.
    Band {
        distance_m: f64,
        line: Name,
        #[serde(skip_serializing_if = "Option::is_none")]
        whose: Option<Whose>,
        /// The side the point is on, by name; none: beyond the line's end.
        side: Option<Name>,
        #[serde(skip_serializing_if = "exact")]
        accuracy_m: f64,
        limit: BandLimit,
    },
    /// A disc round a point: how far the point is from its centre.
    Around {
        distance_m: f64,
        lon: f64,
        lat: f64,
        #[serde(skip_serializing_if = "exact")]
        accuracy_m: f64,
        limit: BandLimit,
    },
    /// A polygon: whether the point is inside, and how far from the edge.
    Polygon {
        inside: bool,
        zone: Name,
        /// The polygon is the whole zone, not a part of a combined one.
        whole: bool,
        edge_m: f64,
        #[serde(skip_serializing_if = "exact")]
        accuracy_m: f64,
    },
    /// A band that depends on the actor's party, read for every party.
    Whoever { readings: Vec<Computed> },
    /// The side of a line a point is on.
    Side {
        /// The side's name; none: beyond the line's end.
        side: Option<Name>,
        line: Name,
        #[serde(skip_serializing_if = "Option::is_none")]
        whose: Option<Whose>,
        distance_m: f64,
        #[serde(skip_serializing_if = "exact")]
        accuracy_m: f64,
    },
    /// A distance to a reference, against a limit.
    Distance {
        distance_m: f64,
        from: MeasuredFrom,
        /// The uncertainty of both positions together.
        #[serde(skip_serializing_if = "exact")]
        spread_m: f64,
        limit_m: f64,
        /// The weapon type whose reach is the limit.
        #[serde(skip_serializing_if = "Option::is_none")]
        reach_of: Option<Name>,
    },
    /// A position along a bearing, read at each of its discs: true all
    /// along (`held`), or the first reading of each truth.
    Bearing {
        min_m: f64,
        max_m: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        held: Option<Truth>,
        readings: Vec<BearingReading>,
    },
    /// Measured against every part of another uncertain position.
    AgainstEvery { nearest: Box<Computed> },
    /// Whether a path crosses a line.
    Crosses {
        path: &'static str,
        result: Truth,
        line: Name,
        #[serde(skip_serializing_if = "Option::is_none")]
        whose: Option<Whose>,
        /// The side it must cross from.
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<Name>,
    },
    /// A trajectory with an end known only by a bearing, tested between
    /// every part of both ends.
    CrossesEvery {
        line: Name,
        #[serde(skip_serializing_if = "Option::is_none")]
        whose: Option<Whose>,
    },
    // Times.
    /// The bound a time is compared with, as written.
    Bound { written: Name },
    /// The gap from another time (`other`: an event, or a bound as
    /// written) to this one, at its least and its most, in seconds, against
    /// a limit; `after`: measured after the other, else before it.
    Gap {
        least_s: f64,
        most_s: f64,
        after: bool,
        other: Name,
        limit_s: f64,
    },
    /// When a regime began, as written.
    RegimeBegan { regime: Name, written: Name },
    /// Each party's status under the agreement at the event's time.
    Statuses { parties: Vec<PartyStatus> },

    // Related events.
    /// A related event rejected, or outside this instrument.
    Unreadable { outside: bool },
    /// No party is established as the actor.
    NoParty,

    // Patterns.
    /// Counted in a run of the pattern: `count` events within its window
    /// before the judged event, the first of them named.
    Counted {
        count: usize,
        window: Name,
        before: Name,
        events: Names,
    },
    /// The pattern's runs were not found before judging.
    PatternsNotFound,
    /// May be counted, with these events, whose times or conditions are
    /// uncertain.
    MayBeCounted { events: Names },
    /// Not counted among the events before the judged one.
    NotCounted { before: Name },

    // What an authorisation grants.
    /// A unit or weapon type, covered or not.
    Covered { name: Name, covered: bool },
    /// The list covers no unit (or weapon): `what`.
    NoneCovered { what: &'static str },
    /// The act records no unit (or weapon): `what`.
    RecordsNo { event: Name, what: &'static str },
    /// The act records a weapon of no type.
    UntypedWeapon { event: Name },
    /// Every weapon carried is of a type covered.
    AllCovered { weapons: Vec<Name> },
    /// The radius could not be read.
    Unknown { why: super::doubt::Doubt },
    /// The distance from the authorised place, and the radius.
    Radius { nearest_m: f64, radius_m: f64 },
    /// The act's time, as written.
    ActTime { written: Name },
}

/// A party's status under the agreement at an instant; where it is open,
/// both ways it may be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PartyStatus {
    Bound {
        bound: BoundSince,
    },
    NotYet {
        party: Name,
    },
    Suspended {
        change: Suspension,
    },
    /// Bound, or suspended by the change: which is open.
    Maybe {
        bound: BoundSince,
        change: Suspension,
    },
    /// Not yet bound, or bound: which is open.
    MaybeNotYet {
        bound: BoundSince,
    },
}

/// Since when the agreement bound a party: its entry into force, or the
/// latest recommitment (a regime's start, a resumption) that restored it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoundSince {
    pub party: Name,
    /// As written.
    pub since: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regime: Option<Name>,
    /// The event that declared the resumption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resumed_by: Option<Name>,
    /// A suspension or repudiation the doctrine settings deny effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denied: Option<Denied>,
}

/// A suspension or repudiation of no effect, and the doctrine setting
/// that denied it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Denied {
    pub repudiation: bool,
    /// Since when it was declared, as written.
    pub since: Name,
    pub doctrine: Name,
    pub setting: Name,
}

/// Some events named, and how many more there are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Names {
    pub named: Vec<Name>,
    /// How many more are not named.
    pub more: usize,
}

/// One reading of a position along a bearing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BearingReading {
    pub truth: Truth,
    pub computed: Computed,
}

/// A party's own reference line, read in place of a line that differs by
/// party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Whose {
    pub party: Name,
    /// The line the rulebook's test names.
    pub under: Name,
}

/// The limit a band or disc sets, and the zone it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandLimit {
    pub zone: Name,
    /// The shape is the whole zone, not a part of a combined one.
    pub whole: bool,
    pub metres: f64,
    /// The side the band lies on, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub side: Option<Name>,
}

/// What a distance is measured from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeasuredFrom {
    Line {
        line: Name,
        #[serde(skip_serializing_if = "Option::is_none")]
        whose: Option<Whose>,
    },
    /// A point of another event.
    Point {
        field: &'static str,
        event: Name,
    },
    Coordinate {
        lon: f64,
        lat: f64,
    },
}

/// An uncertainty of nothing: an exact position, its accuracy left out.
fn exact(metres: &f64) -> bool {
    *metres == 0.0
}
