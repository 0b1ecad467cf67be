//! JSON Lines: one event per line, read as a stream so memory stays bounded
//! by the events kept, never by the file.

use std::io::BufRead;

use super::err::{LoadError, Rejection};
use super::raw::RawEvent;

/// Calls `f` for each record, in order, with its line number.
pub fn read(
    name: &str,
    reader: impl BufRead,
    mut f: impl FnMut(u32, Result<RawEvent, Rejection>),
) -> Result<(), LoadError> {
    let mut line = String::new();
    let mut reader = reader;
    let mut number = 0u32;
    loop {
        line.clear();
        let read = reader.read_line(&mut line).map_err(|e| LoadError::Read {
            path: name.to_owned(),
            reason: e.to_string(),
        })?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        // A byte-order mark may open the file; it is not part of the record.
        let text = line.trim().trim_start_matches('\u{feff}');
        if text.is_empty() {
            continue;
        }
        f(number, parse(name, number, text));
    }
}

fn parse(name: &str, number: u32, text: &str) -> Result<RawEvent, Rejection> {
    serde_json::from_str(text).map_err(|e| Rejection {
        event: id_of(text),
        location: format!("{name}:{number}:{}", e.column()),
        reason: {
            let message = e
                .to_string()
                .replace(&format!(" at line 1 column {}", e.column()), "");
            if e.is_syntax() || e.is_eof() {
                format!("not valid JSON: {message}")
            } else {
                super::err::plain(&message)
            }
        },
        line: number,
    })
}

/// The `id` of a record that failed to parse, if it can be read at all.
fn id_of(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value.get("id")?.as_str().map(str::to_owned)
}
