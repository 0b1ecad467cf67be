//! Events files (YAML and JSON Lines) → validated events.
//!
//! A bad event is rejected with its location and reason; the others are
//! still judged, and the report accounts for every input event.

mod area;
mod change;
mod counterparts;
mod day;
mod err;
mod facts;
mod findings;
mod ids;
mod jsonl;
pub mod mgrs;
mod model;
pub(crate) mod nesting;
mod position;
mod raw;
mod shared;
mod validate;
mod vocabulary;
mod weapons;
mod yaml;

pub use crate::check::Capacity;
pub use counterparts::{CounterpartProblem, Via, problems as counterpart_problems};
pub use day::DayZone;
pub use err::{LoadError, Rejection};
pub use jsonl::MAX_LINE;
pub use model::*;
pub use position::{
    Area, Bearing, DEFAULT_MAX_RANGE_M, DEFAULT_SIDE_REACH_M, Position, SideOf, Square, SquareKind,
};
pub use raw::{About, EvidenceKind};
pub use vocabulary::{FactSpec, Vocab, Vocabulary};

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::digest::HashingReader;

/// Events read from a file, in input order: those that passed validation,
/// and those rejected with their reasons.
#[derive(Debug, Default)]
pub struct Loaded {
    pub events: Vec<Event>,
    pub rejected: Vec<Rejection>,
    /// Shares repeated names (sources, units, weapon types) among events.
    names: crate::name::Interner,
    /// Shares repeated weapon and evidence lists among events.
    lists: shared::Lists,
    /// Records seen so far.
    records: u32,
    /// SHA-256 of the file, computed while it was read.
    pub sha256: String,
}

/// The two formats observers write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    JsonLines,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "yaml" | "yml" => Some(Format::Yaml),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// Reads and validates an events file; its name is used in locations as given.
pub fn load(path: &Path, rulebook: &impl Vocab) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let format = Format::of(path).ok_or_else(|| LoadError::Format { path: name.clone() })?;
    let read_error = |e: std::io::Error| LoadError::Read {
        path: name.clone(),
        reason: e.to_string(),
    };
    let mut loaded = Loaded::default();
    match format {
        Format::Yaml => {
            let text = read_yaml(path)
                .map_err(read_error)?
                .ok_or_else(|| LoadError::TooLarge {
                    path: name.clone(),
                    limit_mib: MAX_YAML_BYTES / (1024 * 1024),
                })?;
            yaml::read(&name, &text, |line, record| {
                loaded.accept(&name, line, record, rulebook)
            })?;
            loaded.sha256 = crate::digest::of(text.as_bytes());
        }
        Format::JsonLines => {
            let file = File::open(path).map_err(read_error)?;
            let length = file.metadata().map_or(0, |m| m.len());
            let mut reader = BufReader::with_capacity(1 << 16, HashingReader::new(file));
            loaded.reserve_for(length, reader.fill_buf().map_err(read_error)?);
            jsonl::read(&name, &mut reader, |line, record| {
                loaded.accept(&name, line, record, rulebook)
            })?;
            loaded.sha256 = reader.into_inner().finish().map_err(read_error)?;
        }
    }
    Ok(loaded)
}

/// The largest YAML events file: it is read whole, and its parser holds
/// several times its size. Bulk input is for JSON Lines, read as a stream.
pub const MAX_YAML_BYTES: u64 = 64 * 1024 * 1024;

/// A YAML events file's text, up to [`MAX_YAML_BYTES`] (a pipe too);
/// `None` when it is larger.
fn read_yaml(path: &Path) -> std::io::Result<Option<String>> {
    use std::io::Read;
    let mut text = String::new();
    File::open(path)?
        .take(MAX_YAML_BYTES + 1)
        .read_to_string(&mut text)?;
    Ok((text.len() as u64 <= MAX_YAML_BYTES).then_some(text))
}

/// Reads events from text already in memory (tests, tools).
pub fn load_str(
    name: &str,
    text: &str,
    format: Format,
    rulebook: &impl Vocab,
) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    let mut sink = |line, record| loaded.accept(name, line, record, rulebook);
    match format {
        Format::Yaml => yaml::read(name, text, &mut sink)?,
        Format::JsonLines => jsonl::read(name, text.as_bytes(), &mut sink)?,
    }
    loaded.sha256 = crate::digest::of(text.as_bytes());
    Ok(loaded)
}

/// The fewest bytes a record that passes can take (`{"id":"a","time":…,"act":"x"}`):
/// with it, a file's length bounds the room reserved for its events.
const MIN_RECORD: usize = 48;

impl Loaded {
    /// Room for the events of a file of `length` bytes that opens with
    /// `head`, reckoned from the head's lines and a tenth more, so the list
    /// is not moved as it fills. A move holds the old list and the new at
    /// once, and the allocator keeps the old a while: for a million events
    /// a third more memory at the peak. Room reserved and never filled is
    /// never touched, so it costs address space, not memory; where even
    /// that is refused, the list grows as it fills.
    fn reserve_for(&mut self, length: u64, head: &[u8]) {
        let lines = head.iter().filter(|&&b| b == b'\n').count().max(1);
        let per_record = (head.len() / lines).max(MIN_RECORD) as u64;
        let estimate = length / per_record + length / per_record / 10 + 64;
        let _ = self
            .events
            .try_reserve(usize::try_from(estimate).unwrap_or(usize::MAX));
    }

    fn accept(
        &mut self,
        name: &str,
        line: u32,
        record: Result<raw::RawEvent, Rejection>,
        rulebook: &impl Vocab,
    ) {
        let order = self.records;
        self.records += 1;
        let raw = match record {
            Ok(raw) => raw,
            Err(rejection) => return self.rejected.push(Rejection { order, ..rejection }),
        };
        let id = raw.id.clone();
        match validate::validate(raw, line, rulebook, &mut self.names, &mut self.lists) {
            Ok(v) => {
                self.events.push(Event { order, ..v.event });
                let implied = v.implied.into_iter().map(|e| Event { order, ..e });
                self.events.extend(implied);
            }
            Err(problems) => self.rejected.push(Rejection {
                event: Some(id).filter(|id| !id.trim().is_empty()),
                location: format!("{name}:{line}"),
                reason: problems.join("; "),
                line,
                order,
                implied: false,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_reserved_from_the_first_lines_and_bounded_by_the_shortest_record() {
        let mut loaded = Loaded::default();
        let lines = format!("{}\n", "x".repeat(99)).repeat(10);
        loaded.reserve_for(100_000, lines.as_bytes());
        assert!((1_000..1_200).contains(&loaded.events.capacity()));
        // Blank lines would promise a record a byte: no record is that short.
        let mut blank = Loaded::default();
        blank.reserve_for(480_000, &[b'\n'; 4096]);
        assert!((10_000..11_200).contains(&blank.events.capacity()));
        let mut piped = Loaded::default();
        piped.reserve_for(0, &[]);
        assert!(piped.events.capacity() <= 64);
    }
}
