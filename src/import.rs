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

#[cfg(test)]
mod tests {
    use super::*;

    const MAPPING: &str = "zone: Asia/Jerusalem
columns: {id: id, date: date, time: time, actor: actor, event_type: type, latitude: lat, longitude: lon, geo_precision: geo, time_precision: tp}
parties: [{actor: 'Army*', party: IL}]
acts: [{event_type: shelling, act: fire, position: target}]
geo_precision: {1: {accuracy_m: 2000}, 2: omit, 3: reject}
time_precision: {1: day, 2: {days_around: 3}}
";
    const HEADER: &str = "id,date,time,actor,type,lat,lon,geo,tp\n";

    fn run(rows: &[u8]) -> (Vec<Event>, Vec<Rejection>, Summary) {
        let mapping = Mapping::parse("m.yaml", MAPPING).unwrap();
        let mut input = HEADER.as_bytes().to_vec();
        input.extend_from_slice(rows);
        let (mut events, mut rejected) = (Vec::new(), Vec::new());
        let summary = import(&mapping, "t.csv", &input[..], &mut |o| match o {
            Outcome::Event(e) => events.push(*e),
            Outcome::Rejected(r) => rejected.push(r),
        })
        .unwrap();
        (events, rejected, summary)
    }

    /// The problems of the only rejection, with their columns.
    fn problems(rows: &str) -> Vec<(Option<String>, RowProblem)> {
        let (events, rejected, _) = run(rows.as_bytes());
        assert!(events.is_empty(), "{events:?}");
        assert_eq!(rejected.len(), 1);
        let r = &rejected[0];
        r.problems
            .iter()
            .map(|p| (p.column.clone(), p.problem.clone()))
            .collect()
    }

    #[test]
    fn a_good_row_becomes_an_event() {
        let (events, rejected, summary) = run(b"A-1,2024-12-02,,Army X,shelling,33.1,35.4,1,1\n");
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(
            summary,
            Summary {
                rows: 1,
                events: 1,
                rejected: 0
            }
        );
        let e = &events[0];
        assert_eq!(e.time, out::Time::At("2024-12-02[Asia/Jerusalem]".into()));
        assert_eq!(e.target.unwrap().accuracy_m, Some(2000.0));
        assert_eq!(e.actor.as_ref().unwrap().party, "IL");
        assert!(e.place.is_none());
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_column() {
        let found = problems("A-1,2024-13-02,,Militia,bombing,91,35.4,4,1\n");
        let at = |c: &str| Some(c.to_owned());
        assert!(matches!(&found[0], (c, RowProblem::BadDate { .. }) if *c == at("date")));
        assert!(matches!(&found[1], (c, RowProblem::UnknownActor { .. }) if *c == at("actor")));
        assert!(matches!(&found[2], (c, RowProblem::UnknownEventType { .. }) if *c == at("type")));
        assert!(matches!(&found[3], (c, RowProblem::OutOfBounds { .. }) if *c == at("lat")));
        assert_eq!(found.len(), 4, "{found:?}");
    }

    #[test]
    fn precision_codes_are_read_by_the_mappings_tables() {
        let rows = "A-1,2024-12-02,,Army,shelling,33.1,35.4,2,2\nA-2,2024-12-02,,Army,shelling,33.1,35.4,3,1\nA-3,2024-12-02,,Army,shelling,33.1,35.4,1,9\n";
        let (events, rejected, _) = run(rows.as_bytes());
        assert_eq!(events.len(), 1);
        assert!(events[0].target.is_none(), "code 2 omits the position");
        assert_eq!(
            events[0].time,
            out::Time::Window {
                from: "2024-11-29[Asia/Jerusalem]".into(),
                to: "2024-12-05[Asia/Jerusalem]".into()
            }
        );
        assert!(matches!(
            rejected[0].problems[0].problem,
            RowProblem::RejectedCode {
                table: "geo_precision",
                ..
            }
        ));
        assert!(matches!(
            rejected[1].problems[0].problem,
            RowProblem::UnknownCode {
                table: "time_precision",
                ..
            }
        ));
    }

    #[test]
    fn a_time_of_day_makes_an_instant_in_the_zone() {
        let (events, _, _) = run(b"A-1,2024-12-02,14:30,Army,shelling,,,,\n");
        assert_eq!(
            events[0].time,
            out::Time::At("2024-12-02T14:30:00+02:00".into())
        );
        assert!(events[0].target.is_none(), "no coordinates, no position");
        // 29 March 2024: Israel's clocks went from 02:00 to 03:00.
        let found = problems("A-1,2024-03-29,02:30,Army,shelling,,,,\n");
        assert!(matches!(found[0].1, RowProblem::SkippedTime { .. }));
    }

    #[test]
    fn duplicate_ids_and_broken_rows_are_rejected_and_counted() {
        let rows = "A-1,2024-12-02,,Army,shelling,,,,1\nA-1,2024-12-03,,Army,shelling,,,,1\nA-2,2024-12-02\n,2024-12-02,,Army,shelling,,,,1\n";
        let (events, rejected, summary) = run(rows.as_bytes());
        assert_eq!(
            summary,
            Summary {
                rows: 4,
                events: 1,
                rejected: 3
            }
        );
        assert_eq!(events.len(), 1);
        assert!(matches!(
            rejected[0].problems[0].problem,
            RowProblem::DuplicateId { first: 2 }
        ));
        assert_eq!(rejected[0].line, 3);
        assert!(matches!(
            rejected[1].problems[0].problem,
            RowProblem::FieldCount {
                expected: 9,
                found: 2
            }
        ));
        assert!(matches!(rejected[2].problems[0].problem, RowProblem::Empty));
    }

    #[test]
    fn hostile_bytes_are_bounded() {
        let mut rows = b"A-1,2024-12-02,,Army,shelling,,,,\xff\n".to_vec();
        rows.extend_from_slice(b"A\x1b[2J,2024-12-02,,Army,shelling,,,,1\n");
        let long = "x".repeat(MAX_FIELD + 1);
        rows.extend_from_slice(format!("A-3,2024-12-02,,Army,{long},,,,1\n").as_bytes());
        let (events, rejected, _) = run(&rows);
        assert!(events.is_empty());
        assert!(matches!(
            rejected[0].problems[0].problem,
            RowProblem::NotUtf8
        ));
        assert!(matches!(
            rejected[1].problems[0].problem,
            RowProblem::BadId { .. }
        ));
        assert!(matches!(
            rejected[2].problems[0].problem,
            RowProblem::TooLong { .. }
        ));

        // A quote left open would make the rest of the file one field.
        let mapping = Mapping::parse("m.yaml", MAPPING).unwrap();
        let mut input = HEADER.as_bytes().to_vec();
        input.extend_from_slice(b"A-1,2024-12-02,,Army,shelling,,,,1\nA-2,\"");
        input.extend(std::iter::repeat_n(b'x', 2 * MAX_ROW));
        let mut seen = 0;
        let result = import(&mapping, "t.csv", &input[..], &mut |_| seen += 1);
        assert!(
            matches!(result, Err(ImportError::RowTooLong { line: 3, .. })),
            "{result:?}"
        );
        assert_eq!(seen, 1, "the rows before it were handed on");
    }

    #[test]
    fn a_header_without_a_mapped_column_stops_the_import() {
        let mapping = Mapping::parse("m.yaml", MAPPING).unwrap();
        let result = import(&mapping, "t.csv", &b"id,date\n"[..], &mut |_| {});
        assert!(matches!(
            result,
            Err(ImportError::MissingColumn { key: "time", .. })
        ));
        let result = import(&mapping, "t.csv", &b""[..], &mut |_| {});
        assert!(matches!(result, Err(ImportError::NoHeader { .. })));
    }
}
