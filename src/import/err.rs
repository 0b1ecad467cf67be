//! What can go wrong in an import: a mapping that cannot be used, a table
//! that cannot be read on, and, for one row, the problems that reject it.
//! A row's problems are data; `render::import` words them.

use miette::Diagnostic;
use serde::Serialize;
use thiserror::Error;

/// A mapping file that cannot be used; nothing is imported.
#[derive(Debug, Error, Diagnostic)]
pub enum MappingError {
    #[error("cannot read mapping file `{path}`: {reason}")]
    #[diagnostic(code(truce::import::mapping_read))]
    Read { path: String, reason: String },
    #[error("`{path}` is larger than {limit_kib} KiB")]
    #[diagnostic(
        code(truce::import::mapping_too_large),
        help("a mapping names columns, parties and acts; it needs no more")
    )]
    TooLarge { path: String, limit_kib: usize },
    #[error("`{path}` is not a mapping truce reads: {reason}")]
    #[diagnostic(
        code(truce::import::mapping_yaml),
        help("see docs/events.md, Importing CSV, for the fields of a mapping")
    )]
    Yaml {
        path: String,
        reason: String,
        #[source_code]
        source_code: miette::NamedSource<String>,
        #[label("here")]
        at: Option<miette::SourceSpan>,
    },
    #[error("`{path}`: `zone` names no time zone truce knows: `{zone}`")]
    #[diagnostic(
        code(truce::import::zone),
        help("use an IANA name, such as `Asia/Seoul` or `Europe/Kyiv`")
    )]
    Zone { path: String, zone: String },
    #[error("`{path}`, `{at}`: {reason}")]
    #[diagnostic(code(truce::import::mapping_invalid))]
    Invalid {
        path: String,
        at: String,
        reason: String,
    },
    #[error("`{path}`, `{at}`: unknown {kind} `{name}`; the rulebook declares {declared}")]
    #[diagnostic(
        code(truce::import::unknown_name),
        help("name one the rulebook declares, or check the rule file given with `--rules`")
    )]
    Unknown {
        path: String,
        at: String,
        kind: &'static str,
        name: String,
        declared: String,
        #[source_code]
        source_code: miette::NamedSource<String>,
        #[label("not declared by the rulebook")]
        span: Option<miette::SourceSpan>,
    },
}

/// A table that cannot be read on: the import stops.
#[derive(Debug, Error, Diagnostic)]
pub enum ImportError {
    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(truce::import::read))]
    Read { path: String, reason: String },
    #[error("`{path}` has no header row")]
    #[diagnostic(
        code(truce::import::no_header),
        help("the first row of the table names its columns")
    )]
    NoHeader { path: String },
    #[error("the mapping's `columns.{key}` names column `{column}`, which `{path}` does not have")]
    #[diagnostic(
        code(truce::import::missing_column),
        help("the table's columns are: {available}")
    )]
    MissingColumn {
        path: String,
        key: &'static str,
        column: String,
        available: String,
    },
    #[error("`{path}`: the row at line {line} runs past {limit_kib} KiB")]
    #[diagnostic(
        code(truce::import::row_too_long),
        help(
            "a row this long is most often a quote left open; the rows before it were imported, nothing after it was read"
        )
    )]
    RowTooLong {
        path: String,
        line: u64,
        limit_kib: usize,
    },
}

/// A row that did not become an event, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejection {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// The row's id, when it could be read.
    pub id: Option<String>,
    pub problems: Vec<Problem>,
}

impl Rejection {
    pub fn new(line: u64, id: Option<String>, problems: Vec<Problem>) -> Rejection {
        Rejection { line, id, problems }
    }
}

/// One problem of a row, at the column it was found in (none for the row
/// as a whole).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub column: Option<String>,
    pub problem: RowProblem,
}

impl Problem {
    pub fn at(column: &str, problem: RowProblem) -> Problem {
        Problem {
            column: Some(column.to_owned()),
            problem,
        }
    }

    pub fn row(problem: RowProblem) -> Problem {
        Problem {
            column: None,
            problem,
        }
    }
}

/// Why a row cannot become an event. Values are as the row gave them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowProblem {
    /// The row has another number of fields than the header.
    FieldCount { expected: usize, found: usize },
    /// A field's bytes are not UTF-8 text.
    NotUtf8,
    /// A field longer than [`super::MAX_FIELD`] bytes.
    TooLong { limit: usize },
    /// A column the event needs is empty.
    Empty,
    /// An id holding a control or invisible character.
    BadId { value: String },
    /// Another row had this id first.
    DuplicateId { first: u64 },
    /// Not a date in the mapping's `date_format`.
    BadDate { value: String, format: String },
    /// Not a time of day (`14:30`, `14:30:00`, with an offset or not).
    BadTime { value: String },
    /// A local time with no offset, and the mapping names no zone.
    NoZone { value: String },
    /// A local time the zone's clocks skipped (a change to summer time).
    SkippedTime { value: String, zone: String },
    /// The end date comes before the start.
    EndsBeforeStart { start: String, end: String },
    /// A window beyond the dates truce counts.
    OutOfRange { value: String },
    /// Not a number where one is needed.
    NotNumber { value: String },
    /// A number outside what the field allows.
    OutOfBounds { value: String, min: f64, max: f64 },
    /// Coordinates given only in part.
    HalfPosition,
    /// A precision code the mapping's table does not list.
    UnknownCode { value: String, table: &'static str },
    /// A precision code the mapping says to reject.
    RejectedCode { value: String, table: &'static str },
    /// An actor name no party rule of the mapping matches.
    UnknownActor { value: String },
    /// Event types no act rule of the mapping matches.
    UnknownEventType {
        event_type: String,
        sub_event_type: Option<String>,
    },
}
