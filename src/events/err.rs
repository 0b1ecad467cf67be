//! What can go wrong with an events file.

use miette::Diagnostic;
use serde::Serialize;
use thiserror::Error;

/// An event that could not be judged, and why. Rejected events appear in
/// every report, so no input event is ever lost silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The event's id, when it could be read.
    pub event: Option<String>,
    /// `file:line` or `file:line:column`.
    pub location: String,
    pub reason: String,
    /// Input line, to keep rejections in input order.
    #[serde(skip)]
    pub line: u32,
}

/// An events file that cannot be read at all.
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    #[error("cannot read events file `{path}`: {reason}")]
    #[diagnostic(code(truce::events::read))]
    Read { path: String, reason: String },
    #[error("`{path}` is not an events file truce reads")]
    #[diagnostic(
        code(truce::events::format),
        help("name YAML files `.yaml` or `.yml`, and JSON Lines files `.jsonl` or `.ndjson`")
    )]
    Format { path: String },
    #[error("`{path}` is not a YAML list of events: {reason}")]
    #[diagnostic(
        code(truce::events::yaml),
        help("an events file is a list: each event starts with `- id: ...`")
    )]
    NotAList { path: String, reason: String },
}
