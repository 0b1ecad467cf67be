//! The words for what `truce import` found: each rejected row's problems,
//! located by file, line and column name, and the summary of counts.

use crate::import::{Problem, Rejection, RowProblem, Summary};

/// A rejected row: one line per problem, `file:line:column: reason`, with
/// nothing from the input able to drive a terminal.
pub fn rejection(file: &str, r: &Rejection) -> String {
    let id =
        r.id.as_deref()
            .map_or_else(|| "(no id)".to_owned(), |id| format!("`{id}`"));
    let mut out = String::new();
    for p in &r.problems {
        let at = match &p.column {
            Some(column) => format!("{file}:{}:{column}", r.line),
            None => format!("{file}:{}", r.line),
        };
        out.push_str(&super::text::clean(&format!(
            "rejected {id} at {at}: {}",
            problem(p)
        )));
        out.push('\n');
    }
    out
}

/// One problem of a row, in a sentence without a final period.
pub fn problem(p: &Problem) -> String {
    match &p.problem {
        RowProblem::FieldCount { expected, found } => {
            format!("the row has {found} fields, and the header names {expected}")
        }
        RowProblem::NotUtf8 => "not valid UTF-8 text".into(),
        RowProblem::TooLong { limit } => format!("longer than {} KiB", limit / 1024),
        RowProblem::Empty => "empty, and the event needs it".into(),
        RowProblem::BadId { value } => {
            format!("the id `{value}` holds a control or invisible character")
        }
        RowProblem::DuplicateId { first } => {
            format!("the same id as the row at line {first}")
        }
        RowProblem::BadDate { value, format } => {
            format!("`{value}` is not a date in the mapping's `date_format` (`{format}`)")
        }
        RowProblem::BadTime { value } => {
            format!("`{value}` is not a time of day such as `14:30`, `14:30:00` or `14:30+02:00`")
        }
        RowProblem::NoZone { value } => format!(
            "`{value}` has no UTC offset, and the mapping names no `zone` (nor `--rules` one) to read it in"
        ),
        RowProblem::SkippedTime { value, zone } => {
            format!("`{value}` never happened in {zone}: the clocks skipped it")
        }
        RowProblem::EndsBeforeStart { start, end } => {
            format!("the end date, {end}, comes before the start, {start}")
        }
        RowProblem::OutOfRange { value } => {
            format!("`{value}` is beyond the dates truce can count")
        }
        RowProblem::NotNumber { value } => format!("`{value}` is not a number"),
        RowProblem::OutOfBounds { value, min, max } => {
            format!("`{value}` is not from {min} to {max}")
        }
        RowProblem::HalfPosition => {
            "a latitude without a longitude, or a longitude without a latitude".into()
        }
        RowProblem::UnknownCode { value, table } => {
            format!("the code `{value}` is not in the mapping's `{table}`")
        }
        RowProblem::RejectedCode { value, table } => {
            format!("the mapping's `{table}` rejects the code `{value}`")
        }
        RowProblem::UnknownActor { value } => {
            format!("the actor `{value}` matches none of the mapping's `parties`")
        }
        RowProblem::UnknownEventType {
            event_type,
            sub_event_type,
        } => match sub_event_type {
            Some(sub) => format!(
                "the event type `{event_type}` / `{sub}` matches none of the mapping's `acts`"
            ),
            None => format!("the event type `{event_type}` matches none of the mapping's `acts`"),
        },
    }
}

/// The last line: how many rows became events and how many were rejected.
pub fn summary(file: &str, s: &Summary) -> String {
    super::text::clean(&format!(
        "{file}: {} rows: {} events, {} rejected",
        s.rows, s.events, s.rejected
    ))
    .into_owned()
        + "\n"
}
