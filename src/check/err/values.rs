//! Problems with written values: numbers out of range, dates and times.

use thiserror::Error;

use crate::located::problem;

/// What a number out of range was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Range {
    #[error("a number of sources")]
    Sources,
    #[error("an Admiralty grade")]
    Grade,
    #[error("a number of events")]
    PatternCount,
    #[error("a length of time a pattern can count over")]
    PatternWindow,
    #[error("a number a ceiling can hold")]
    CeilingAmount,
    #[error("a longitude and latitude")]
    Coordinates,
}

/// A number outside what it may be.
#[derive(Debug, Error)]
pub enum OutOfRange {
    #[error("`{text}` is not {what}")]
    Not { text: String, what: Range },
    #[error("`{text}` is too large a number")]
    TooLarge { text: String },
    #[error("a distance must be a finite number, 0 or more")]
    Distance { text: String },
}
problem!(OutOfRange, "truce::check::out_of_range");

/// A date, time or duration that names no instant truce can use, or
/// instants in the wrong order.
#[derive(Debug, Error)]
pub enum BadTime {
    #[error("unknown time zone `{zone}`")]
    UnknownZone { zone: String },
    #[error("`{date} {clock}` is not a real date and time")]
    NotADateTime { date: String, clock: String },
    /// A local time the clocks skip or repeat.
    #[error("`{date} {clock}` does not name one instant in `{zone}`")]
    Ambiguous {
        date: String,
        clock: String,
        zone: String,
    },
    #[error("`{date}` is not a real date")]
    NotADate { date: String },
    #[error("`{text}` is beyond the dates truce can count")]
    Beyond { text: String },
    #[error("`{text}` reaches beyond the dates truce can count")]
    ReachesBeyond { text: String },
    #[error("`{text}` is not a day of the agreement")]
    NotADay { text: String },
    #[error("`{text}` is not a whole number of calendar days")]
    PartDays { text: String },
    #[error("`{text}` is a negative duration")]
    Negative { text: String },
    #[error("the agreement enters into force ({in_force}) before it is signed ({signed})")]
    InForceBeforeSigned { in_force: String, signed: String },
    /// `what`: `suspension` or `repudiation`.
    #[error("the {what} ends ({end}) no later than it begins ({begin})")]
    EndsBeforeBegins {
        what: &'static str,
        end: String,
        begin: String,
    },
}
problem!(BadTime, "truce::check::bad_time");
