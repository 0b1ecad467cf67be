//! CSV tables of conflict events (ACLED, UCDP GED, a mission's
//! spreadsheet) → events in truce's format, by a mapping file.
//!
//! The mapping (`mapping.rs`) says which column holds what, which actor
//! names are which party, which event types are which act, and how the
//! source's precision codes become a position's accuracy and a time
//! window (`precision.rs`). The table is read a row at a time under bounds
//! (`table.rs`); each row becomes an event (`out.rs`) or a rejection that
//! names its line, its column and the problem as data (`rows.rs`,
//! `err.rs`), worded by `render::import`. Nothing is dropped silently.
//!
//! This stage produces the input of `events`: it depends on nothing after
//! it. With a rulebook, the mapping's parties and acts are checked against
//! the rulebook's names before any row is read.

mod err;
mod mapping;
mod out;
mod precision;
mod rows;
mod table;

use std::collections::HashMap;
use std::io::Read;

pub use err::{ImportError, MappingError, Problem, Rejection, RowProblem};
pub use mapping::{Field, Mapping};
pub use out::{Event, write_jsonl, write_yaml};
pub use precision::{Accuracy, Span, When};
pub use table::{MAX_FIELD, MAX_ROW};

/// What became of one row.
#[derive(Debug)]
pub enum Outcome {
    Event(Box<Event>),
    Rejected(Rejection),
}

/// The counts of one import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Rows read (the header aside).
    pub rows: u64,
    pub events: u64,
    pub rejected: u64,
}

/// Reads the table `name` from `input` under `mapping`, handing each row's
/// outcome to `sink` in input order. An error stops the import: the table
/// cannot be read further (a header without a column the mapping names, a
/// row longer than [`MAX_ROW`], a read failure).
pub fn import(
    mapping: &Mapping,
    name: &str,
    input: impl Read,
    sink: &mut dyn FnMut(Outcome),
) -> Result<Summary, ImportError> {
    let mut table = table::Table::open(name, input, mapping.delimiter)?;
    let columns = rows::Columns::find(&mapping.columns, table.header(), name)?;
    let mut summary = Summary::default();
    // The line of the first row with each id, to reject a later duplicate.
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(row) = table.next_row()? {
        summary.rows += 1;
        let outcome = match rows::event(&row, &columns, mapping) {
            Ok(event) => match seen.get(&event.id) {
                Some(first) => Outcome::Rejected(Rejection::new(
                    row.line,
                    Some(event.id.clone()),
                    vec![Problem::at(
                        &mapping.columns.id,
                        RowProblem::DuplicateId { first: *first },
                    )],
                )),
                None => {
                    seen.insert(event.id.clone(), row.line);
                    Outcome::Event(Box::new(event))
                }
            },
            Err(rejection) => Outcome::Rejected(rejection),
        };
        match &outcome {
            Outcome::Event(_) => summary.events += 1,
            Outcome::Rejected(_) => summary.rejected += 1,
        }
        sink(outcome);
    }
    Ok(summary)
}
