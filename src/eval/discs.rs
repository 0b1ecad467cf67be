//! Tests over an uncertain position: a fix is one disc; a bearing is the
//! discs that cover its stretch. A test holds if it holds on every disc,
//! fails if it fails on every disc, and is unknown otherwise.

use super::cond::coordinates;
use super::space::km;
use super::truth::Truth;
use crate::events::Position;

/// A test's outcome on one disc: its truth, what was computed, and why it
/// could not be decided, if it could not.
pub struct Reading {
    pub truth: Truth,
    pub note: String,
    pub why: Option<String>,
}

/// Combines the readings of every disc of `pos`, in the discs' order.
pub fn combine(pos: &Position, readings: Vec<Reading>) -> Reading {
    let Position::Bearing(b) = pos else {
        return readings
            .into_iter()
            .next()
            .expect("a fix is one disc, read once");
    };
    let first = |t: Truth| readings.iter().find(|r| r.truth == t);
    let truth = Truth::agreed(readings.iter().map(|r| r.truth));
    let along = format!(
        "along the bearing, {} to {} from the observer",
        km(b.min_m),
        km(b.max_m)
    );
    let (note, why) = match truth {
        Truth::Unknown => {
            let parts: Vec<String> = [Truth::True, Truth::False, Truth::Unknown]
                .into_iter()
                .filter_map(|t| first(t).map(|r| format!("{}: {}", word(t), r.note)))
                .collect();
            let why = first(Truth::Unknown)
                .and_then(|r| r.why.clone())
                .filter(|_| first(Truth::True).is_none() && first(Truth::False).is_none())
                .unwrap_or_else(|| {
                    "the event lies somewhere along a bearing, and the test holds on part of it only"
                        .into()
                });
            (format!("{along}, {}", parts.join("; ")), Some(why))
        }
        t => (
            format!(
                "{along}, {} all along; nearest the observer: {}",
                word(t),
                readings[0].note
            ),
            None,
        ),
    };
    Reading { truth, note, why }
}

fn word(t: Truth) -> &'static str {
    match t {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Unknown => "undecided",
    }
}

/// A position as a fact shows it.
pub fn describe(pos: &Position) -> String {
    match pos {
        Position::Fix(p) => coordinates(p),
        Position::Bearing(b) => {
            let spread = if b.spread > 0.0 {
                format!(" ± {}°", b.spread)
            } else {
                String::new()
            };
            format!(
                "bearing {}°{spread} from {}, {} to {}",
                b.degrees,
                coordinates(&b.observer),
                km(b.min_m),
                km(b.max_m)
            )
        }
    }
}
