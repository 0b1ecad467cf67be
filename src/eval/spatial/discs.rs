//! Tests over an uncertain position: a fix is one disc; a bearing is the
//! discs that cover its stretch. A test holds if it holds on every disc,
//! fails if it fails on every disc, and is unknown otherwise.

use super::space::km;
use crate::eval::computed::{BearingReading, Computed};
use crate::eval::cond::coordinates;
use crate::eval::truth::Truth;
use crate::eval::verdict::Doubt;
use crate::events::{Area, Point, Position, SquareKind};

/// A test's outcome on one disc: its truth, what was computed, and why it
/// could not be decided, if it could not.
pub struct Reading {
    pub truth: Truth,
    pub note: Computed,
    pub why: Option<Doubt>,
}

impl Reading {
    pub fn new(truth: Truth, note: Computed, why: Option<Doubt>) -> Reading {
        Reading { truth, note, why }
    }
}

/// Combines the readings of every disc of `pos`, in the discs' order.
pub fn combine(pos: &Position, readings: Vec<Reading>) -> Reading {
    let b = match pos {
        Position::Fix(_) => {
            return readings
                .into_iter()
                .next()
                .expect("a fix is one disc, read once");
        }
        Position::Area(_) => return over_area(readings),
        Position::Bearing(b) => b,
    };
    let first = |t: Truth| readings.iter().find(|r| r.truth == t);
    let truth = Truth::agreed(readings.iter().map(|r| r.truth));
    let shown = |r: &Reading| BearingReading {
        truth: r.truth,
        computed: r.note.clone(),
    };
    let (held, shown, why) = match truth {
        Truth::Unknown => {
            let parts: Vec<BearingReading> = [Truth::True, Truth::False, Truth::Unknown]
                .into_iter()
                .filter_map(|t| first(t).map(shown))
                .collect();
            let why = first(Truth::Unknown)
                .and_then(|r| r.why.clone())
                .filter(|_| first(Truth::True).is_none() && first(Truth::False).is_none())
                .unwrap_or(Doubt::AlongBearing);
            (None, parts, Some(why))
        }
        t => (Some(t), vec![shown(&readings[0])], None),
    };
    let note = Computed::Bearing {
        min_m: b.min_m,
        max_m: b.max_m,
        held,
        readings: shown,
    };
    Reading { truth, note, why }
}

/// The readings of the discs that cover an area: decided only when every
/// disc agrees; the note is the first disc's, standing for the rest.
fn over_area(readings: Vec<Reading>) -> Reading {
    let truth = Truth::agreed(readings.iter().map(|r| r.truth));
    let split = readings.iter().any(|r| r.truth == Truth::True)
        && readings.iter().any(|r| r.truth == Truth::False);
    let first = readings.into_iter().next();
    let note = first.map_or(Computed::Parts { parts: Vec::new() }, |r| r.note);
    Reading {
        truth,
        note,
        why: (truth == Truth::Unknown).then_some(Doubt::Area { split }),
    }
}

/// A position as a fact shows it.
pub fn describe(pos: &Position) -> String {
    match pos {
        Position::Fix(p) => coordinates(p),
        Position::Area(a) => area(a),
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

/// `somewhere in zone `avdiivka`, on the KPA side of line `mdl` (within
/// 100 km of it)`
fn area(a: &Area) -> String {
    let mut parts = Vec::new();
    if let Some(zone) = &a.zone {
        parts.push(format!("in zone `{zone}`"));
    }
    match a.square.as_ref().map(|s| &s.kind) {
        Some(SquareKind::Grid { reference, metres }) => {
            parts.push(format!(
                "in MGRS square {reference} ({} on a side)",
                km(*metres)
            ));
        }
        Some(SquareKind::Box {
            south,
            west,
            north,
            east,
        }) => {
            let corner = |lat: f64, lon: f64| {
                coordinates(&Point {
                    lat,
                    lon,
                    accuracy: 0.0,
                })
            };
            parts.push(format!(
                "in the box from {} to {}",
                corner(*south, *west),
                corner(*north, *east)
            ));
        }
        None => {}
    }
    if let Some(side) = &a.side {
        parts.push(format!(
            "on the {} side of line `{}`, within {} of it",
            side.side,
            side.line,
            km(side.within_m)
        ));
    }
    format!("somewhere {}", parts.join(", "))
}
