//! A CSV table read a row at a time, under bounds: a field longer than
//! [`MAX_FIELD`] rejects its row, a row longer than [`MAX_ROW`] stops the
//! import (a quote left open would otherwise swallow the rest of the file
//! into one field, in memory). Bytes that are not UTF-8 reject their row.

use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

use super::err::{ImportError, Problem, RowProblem};

/// The longest field, in bytes: far beyond any ACLED or UCDP note.
pub const MAX_FIELD: usize = 64 * 1024;
/// The longest row, in bytes.
pub const MAX_ROW: usize = 1024 * 1024;
/// The reader's buffer: how far ahead of a row the bound may look.
const BUFFER: usize = 64 * 1024;

/// One row: its line, and its fields, or the problems that reject it
/// (with its id, when that column could be read).
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    pub fields: Result<Vec<String>, Broken>,
}

/// A row that cannot be read as the header says, and its fields as far as
/// they could be read (`None` where a field could not).
#[derive(Debug)]
pub struct Broken {
    pub problems: Vec<Problem>,
    pub fields: Vec<Option<String>>,
}

pub struct Table<R: Read> {
    path: String,
    reader: csv::Reader<Bounded<R>>,
    /// How far into the input the row being read may reach.
    limit: Rc<Cell<u64>>,
    header: Vec<String>,
}

impl<R: Read> Table<R> {
    pub fn open(path: &str, input: R, delimiter: u8) -> Result<Table<R>, ImportError> {
        let limit = Rc::new(Cell::new((MAX_ROW + BUFFER) as u64));
        let bounded = Bounded {
            inner: input,
            read: 0,
            limit: Rc::clone(&limit),
        };
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(BUFFER)
            .from_reader(bounded);
        let mut table = Table {
            path: path.to_owned(),
            reader,
            limit,
            header: Vec::new(),
        };
        let Some(first) = table.next_record()? else {
            return Err(ImportError::NoHeader {
                path: path.to_owned(),
            });
        };
        // A byte-order mark is not part of the first column's name.
        table.header = first
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let name = String::from_utf8_lossy(f);
                let name = if i == 0 {
                    name.trim_start_matches('\u{feff}')
                } else {
                    &name
                };
                name.trim().to_owned()
            })
            .collect();
        Ok(table)
    }

    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The next row, `None` at the end of the table.
    pub fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        let Some(record) = self.next_record()? else {
            return Ok(None);
        };
        let line = record.position().map_or(0, |p| p.line());
        Ok(Some(Row {
            line,
            fields: self.fields(&record),
        }))
    }

    fn next_record(&mut self) -> Result<Option<csv::ByteRecord>, ImportError> {
        let mut record = csv::ByteRecord::new();
        let line = self.reader.position().line();
        match self.reader.read_byte_record(&mut record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let end = self.reader.position().byte();
                self.limit.set(end + (MAX_ROW + BUFFER) as u64);
                Ok(Some(record))
            }
            Err(e) => Err(self.error(e, line)),
        }
    }

    fn error(&self, e: csv::Error, line: u64) -> ImportError {
        match e.into_kind() {
            csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::FileTooLarge => {
                ImportError::RowTooLong {
                    path: self.path.clone(),
                    line,
                    limit_kib: MAX_ROW / 1024,
                }
            }
            csv::ErrorKind::Io(io) => ImportError::Read {
                path: self.path.clone(),
                reason: io.to_string(),
            },
            other => ImportError::Read {
                path: self.path.clone(),
                reason: format!("{other:?}"),
            },
        }
    }

    /// The row's fields as text, each trimmed, or every problem found.
    fn fields(&self, record: &csv::ByteRecord) -> Result<Vec<String>, Broken> {
        let mut problems = Vec::new();
        if record.len() != self.header.len() {
            problems.push(Problem::row(RowProblem::FieldCount {
                expected: self.header.len(),
                found: record.len(),
            }));
        }
        let mut fields = Vec::with_capacity(record.len());
        for (i, bytes) in record.iter().enumerate() {
            let column = self.header.get(i).map_or("", String::as_str);
            if bytes.len() > MAX_FIELD {
                let limit = MAX_FIELD;
                problems.push(Problem::at(column, RowProblem::TooLong { limit }));
                fields.push(None);
                continue;
            }
            match std::str::from_utf8(bytes) {
                Ok(text) => fields.push(Some(text.trim().to_owned())),
                Err(_) => {
                    problems.push(Problem::at(column, RowProblem::NotUtf8));
                    fields.push(None);
                }
            }
        }
        if problems.is_empty() {
            Ok(fields.into_iter().flatten().collect())
        } else {
            Err(Broken { problems, fields })
        }
    }
}

/// The input, refusing to be read past the current row's bound.
struct Bounded<R> {
    inner: R,
    read: u64,
    limit: Rc<Cell<u64>>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = self.limit.get().saturating_sub(self.read);
        if room == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "row too long",
            ));
        }
        let take = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..take])?;
        self.read += n as u64;
        Ok(n)
    }
}
