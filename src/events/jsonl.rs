//! JSON Lines: one event per line, read as a stream so memory stays bounded
//! by the events kept, never by the file.

use std::io::{BufRead, Read};

use super::err::{LoadError, Rejection};
use super::raw::RawEvent;

/// The longest line read as a record: no event needs more, and a longer
/// one is refused without being held in memory.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// Calls `f` for each record, in order, with its line number.
pub fn read(
    name: &str,
    reader: impl BufRead,
    mut f: impl FnMut(u32, Result<RawEvent, Rejection>),
) -> Result<(), LoadError> {
    let mut line = Vec::new();
    let mut reader = reader;
    let mut number = 0u32;
    loop {
        line.clear();
        let read_error = |e: std::io::Error| LoadError::Read {
            path: name.to_owned(),
            reason: e.to_string(),
        };
        let read = (&mut reader)
            .take(MAX_LINE as u64 + 2)
            .read_until(b'\n', &mut line)
            .map_err(read_error)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        // The bound counts the record, not its line break: a line of
        // exactly MAX_LINE bytes and its `\n` is read whole.
        let ended = line.last() == Some(&b'\n');
        let crlf = ended && line.len() > 1 && line[line.len() - 2] == b'\r';
        if line.len() - usize::from(ended) - usize::from(crlf) > MAX_LINE {
            if !ended {
                skip_line(&mut reader).map_err(read_error)?;
            }
            f(number, Err(too_long(name, number)));
            continue;
        }
        // A bad byte spoils its own record only.
        let Ok(text) = std::str::from_utf8(&line) else {
            f(number, Err(not_utf8(name, number)));
            continue;
        };
        // A byte-order mark may open the file; it is not part of the record.
        let trimmed = text.trim().trim_start_matches('\u{feff}');
        if trimmed.is_empty() {
            continue;
        }
        // Columns count from the line's start, before what the trim removed.
        let lead = text[..text.len() - text.trim_start().len()].chars().count()
            + usize::from(text.trim_start().starts_with('\u{feff}'));
        f(number, parse(name, number, trimmed, lead));
    }
}

/// Reads past the rest of a line without keeping it.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buffer.len();
                reader.consume(n);
            }
        }
    }
}

fn too_long(name: &str, number: u32) -> Rejection {
    Rejection {
        event: None,
        location: format!("{name}:{number}"),
        reason: format!(
            "the line is longer than {} MiB: no event needs so much",
            MAX_LINE / (1024 * 1024)
        ),
        line: number,
        order: 0,
        implied: false,
    }
}

fn parse(name: &str, number: u32, text: &str, lead: usize) -> Result<RawEvent, Rejection> {
    // The fast path; tracking field paths costs a third more, so only a
    // record that fails is read again to find where.
    if let Ok(event) = serde_json::from_str(text) {
        return Ok(event);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let event = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let mut path = e.path().to_string();
        let e = e.into_inner();
        // For an unknown field the path names the field itself; point at
        // its parent, as the YAML reader does.
        if e.to_string().starts_with("unknown field") {
            path = path
                .rsplit_once('.')
                .map_or(String::new(), |(parent, _)| parent.to_owned());
        }
        let message = e
            .to_string()
            .replace(&format!(" at line 1 column {}", e.column()), "");
        let reason = if e.is_syntax() || e.is_eof() {
            format!("not valid JSON: {message}")
        } else if path == "." || path.is_empty() {
            super::err::plain(&message)
        } else {
            // The same shape as YAML's messages: `weapon.rounds`: ...
            super::err::plain(&format!(".{path}: {message}"))
        };
        Rejection {
            event: id_of(text),
            location: format!("{name}:{number}:{}", e.column() + lead),
            reason,
            line: number,
            order: 0,
            implied: false,
        }
    })?;
    // The record parsed, so the fast path failed on what follows it: a
    // second record, or stray text, on the same line. Nothing on a line
    // is dropped unread.
    de.end().map_err(|e| Rejection {
        event: id_of(text),
        location: format!("{name}:{number}:{}", e.column() + lead),
        reason:
            "not valid JSON: more text after the event on the same line; write one event per line"
                .to_owned(),
        line: number,
        order: 0,
        implied: false,
    })?;
    Ok(event)
}

fn not_utf8(name: &str, number: u32) -> Rejection {
    Rejection {
        event: None,
        location: format!("{name}:{number}"),
        reason: "not valid UTF-8 text".into(),
        line: number,
        order: 0,
        implied: false,
    }
}

/// The `id` of a record that failed to parse, if it can be read at all.
fn id_of(text: &str) -> Option<String> {
    // The line's first value, whatever follows it.
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    let value = values.next()?.ok()?;
    value.get("id")?.as_str().map(str::to_owned)
}
