//! Problems with drawn geometry: shapes that do not make the line or
//! zone meant, GeoJSON files that cannot be used, and sides of lines
//! that are not clear.

use thiserror::Error;

use crate::located::problem;

/// A line or zone whose drawing does not make what it is declared as.
#[derive(Debug, Error)]
pub enum BadGeometry {
    /// `shape`: `line` or `polygon`.
    #[error("a {shape} needs at least {needed} points")]
    TooFewPoints { shape: &'static str, needed: usize },
    #[error("line `{line}` ends where it starts, so it has no ends to extend")]
    ClosedExtended { line: String },
    #[error("line `{line}` is drawn as a polygon")]
    LineAsPolygon { line: String },
    #[error("this geometry is a line, not an area")]
    LineAsArea,
    #[error(
        "line `{line}` ends where it starts, so there is no ground between it and another line"
    )]
    ClosedBetween { line: String },
    #[error(
        "lines `{first}` and `{second}` cross or touch between their ends, so the ground between them is not one area"
    )]
    LinesMeet { first: String, second: String },
    #[error(
        "line `{line}` does not end where it starts: its last point ({}, {}) is not its first ({}, {})",
        last.0, last.1, first.0, first.1
    )]
    NotClosed {
        line: String,
        last: (f64, f64),
        first: (f64, f64),
    },
    #[error("line `{line}` crosses itself, so the ground it goes round is not one area")]
    CrossesItself { line: String },
    #[error("line `{line}` differs by party, so the ground it bounds is not one area")]
    PerPartyGround { line: String },
    #[error(
        "line `{first}` is drawn in {first_pieces} piece(s) and line `{second}` in {second_pieces}, so their pieces cannot be paired"
    )]
    PieceCounts {
        first: String,
        first_pieces: usize,
        second: String,
        second_pieces: usize,
    },
    #[error(
        "the pieces of lines `{first}` and `{second}` cannot be paired: two pieces of `{first}` face the same piece of `{second}`"
    )]
    PiecesFace { first: String, second: String },
    #[error("zone `{zone}` is not drawn as one polygon, so its edge is not a line")]
    NoEdge { zone: String },
    #[error("`{line}` is itself a per-party line")]
    NestedPerParty { line: String },
}
problem!(BadGeometry, "truce::check::bad_geometry");

/// A GeoJSON file that cannot be read or used.
#[derive(Debug, Error)]
pub enum BadGeoJson {
    #[error("cannot use `{file}`: {why}")]
    Unreadable { file: String, why: String },
    #[error("`{file}` has no feature named `{feature}`")]
    NoFeature { file: String, feature: String },
    #[error("`{file}` is not usable GeoJSON: it mixes lines and polygons")]
    Mixed { file: String },
    #[error("`{file}` is not usable GeoJSON: {reason}")]
    Unusable { file: String, reason: String },
}
problem!(BadGeoJson, "truce::check::geojson");

/// A side of a line that is not clear, not held, or not a side at all.
#[derive(Debug, Error)]
pub enum BadSide {
    #[error("`{first}` and `{second}` are both said to hold the {side} side of line `{line}`")]
    BothHold {
        first: String,
        second: String,
        side: String,
        line: String,
    },
    #[error(
        "the point ({lon}, {lat}) lies beyond the ends of line `{line}`, on neither side of it"
    )]
    BeyondEnds { lon: f64, lat: f64, line: String },
    #[error("line `{line}` ends where it starts, so none of its compass sides is clear")]
    ClosedCompass { line: String },
    /// `runs`: the axis of its course; `side`: the compass side asked for.
    #[error("line `{line}` runs {runs}, so its {side} side is not clear")]
    UnclearCompass {
        line: String,
        runs: &'static str,
        side: &'static str,
    },
    #[error("no party is said to hold a side of line `{line}`")]
    NoHolder { line: String },
    #[error("line `{line}` has no clear {side} side")]
    NoCompassSide { line: String, side: &'static str },
    #[error("no side of line `{line}` is held by `{party}`")]
    NotHeldBy { line: String, party: String },
    #[error("`from each side` names no side: a crossing starts on one side")]
    FromEach,
    #[error("`on each side of` is always true: every point is on one side or the other")]
    OnEach,
    #[error("a per-party line has no sides of its own")]
    PerPartySides,
    #[error("a point has no sides")]
    PointSides,
}
problem!(BadSide, "truce::check::bad_side");
