//! Events as the import writes them: the fields of docs/events.md that a
//! row can fill, in that order, so the output loads with `truce
//! adjudicate` and reads the same every time.

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;

use super::precision::When;
use crate::events::{About, EvidenceKind};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub time: Time,
    pub act: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weapon: Option<Weapon>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Fix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Fix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Fix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effects: Option<Effects>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// An instant or a day as the event format writes it, or a window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Time {
    At(String),
    Window { from: String, to: String },
}

impl Time {
    /// `zone` is written with days (`2024-12-02[Asia/Jerusalem]`); without
    /// it a day is read in the agreement's zone.
    pub fn of(when: &When, zone: Option<&TimeZone>) -> Time {
        let day = |d: jiff::civil::Date| match zone.and_then(TimeZone::iana_name) {
            Some(name) => format!("{d}[{name}]"),
            None => d.to_string(),
        };
        match *when {
            When::Days { first, last } if first == last => Time::At(day(first)),
            When::Days { first, last } => Time::Window {
                from: day(first),
                to: day(last),
            },
            When::At(t, o) => Time::At(instant(t, o)),
            When::Either { earlier, later } => Time::Window {
                from: instant(earlier.0, earlier.1),
                to: instant(later.0, later.1),
            },
        }
    }
}

/// RFC 3339, at the offset the row gave or its zone kept.
fn instant(t: Timestamp, o: Offset) -> String {
    t.to_zoned_datetime(TimeZone::fixed(o))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    pub party: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weapon {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calibre_mm: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounds: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Fix {
    pub lat: f64,
    pub lon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accuracy_m: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Effects {
    pub killed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub source: String,
    pub kind: EvidenceKind,
    pub grade: String,
    #[serde(skip_serializing_if = "is_both")]
    pub about: About,
}

fn is_both(about: &About) -> bool {
    *about == About::Both
}

/// One event as a YAML list item (`- id: ...`), as `truce` reads an events
/// file event by event.
pub fn write_yaml(event: &Event) -> String {
    // A list of one serialises as `- id: ...` at the start of a line.
    serde_yaml::to_string(std::slice::from_ref(event))
        .expect("an event of text and numbers serialises")
}

/// One event as a line of JSON Lines.
pub fn write_jsonl(event: &Event) -> String {
    let mut line = serde_json::to_string(event).expect("an event of text and numbers serialises");
    line.push('\n');
    line
}
