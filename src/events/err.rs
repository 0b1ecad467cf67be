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
    /// Input line, for messages.
    #[serde(skip)]
    pub line: u32,
    /// Position among the file's records, to keep input order even where
    /// records share a line (a YAML file read whole).
    #[serde(skip)]
    pub order: u32,
    /// An act another event implies (counted among those in the totals).
    #[serde(skip)]
    pub implied: bool,
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
    #[error(
        "`{path}` nests lists and maps (`[`, `{{`) more than {limit} deep, at line {line}, column {column}"
    )]
    #[diagnostic(
        code(truce::events::too_deep),
        help(
            "no event needs so deep a nesting; this file is read whole (it shares YAML anchors, or is not a list of `- id: ...` items), so the whole file is refused"
        )
    )]
    TooDeep {
        path: String,
        limit: usize,
        line: usize,
        column: usize,
    },
    #[error("`{path}` is larger than {limit_mib} MiB")]
    #[diagnostic(
        code(truce::events::too_large),
        help(
            "a YAML events file is read whole; give that many events as JSON Lines, which is read as a stream"
        )
    )]
    TooLarge { path: String, limit_mib: u64 },
}

/// A serde message in the words of the event format: Rust type names become
/// plain words, and a YAML path such as `.[0].weapon.rounds` becomes the
/// field `weapon.rounds`.
pub fn plain(message: &str) -> String {
    let message = message.strip_prefix(".[0]").unwrap_or(message);
    let message = match message.split_once(": ") {
        Some((path, rest)) if path.starts_with('.') => format!("`{}`: {rest}", &path[1..]),
        _ => message.strip_prefix(": ").unwrap_or(message).to_owned(),
    };
    message
        .replace("expected u32", "expected a whole number, 0 or more")
        .replace("expected f64", "expected a number")
        .replace("expected a string", "expected text")
        .replace(
            "expected struct RawEvent",
            "expected an event (fields such as `id: E-1`)",
        )
        .replace(
            "expected struct RawActor",
            "expected an actor such as `{party: KPA}`",
        )
        .replace(
            "expected struct RawWeapon",
            "expected a weapon such as `{type: howitzer}`",
        )
        .replace(
            "expected struct RawPoint",
            "expected a position such as `{lat: 37.9, lon: 126.7}`",
        )
        .replace(
            "expected struct RawEffects",
            "expected effects such as `{killed: 0}`",
        )
        .replace(
            "expected struct RawEvidence",
            "expected evidence such as `{source: ..., kind: observation, grade: B2}`",
        )
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn messages_use_field_paths_and_plain_words() {
        assert_eq!(
            plain(".[0].weapon.rounds: invalid type: string \"many\", expected u32"),
            "`weapon.rounds`: invalid type: string \"many\", expected a whole number, 0 or more"
        );
        assert_eq!(plain(".[0]: missing field `time`"), "missing field `time`");
    }
}
