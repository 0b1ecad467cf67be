//! Every syntax error of one file, up to a bound.

use super::err::SyntaxError;

/// How many syntax errors one file reports at most: beyond them, only how
/// many more pieces of the file failed to parse.
pub const MOST_REPORTED: usize = 100;

/// The syntax errors of one rule file, in the order of the file.
#[derive(Debug)]
pub struct SyntaxErrors {
    /// At most [`MOST_REPORTED`] errors, ordered by where they point.
    pub errors: Vec<SyntaxError>,
    /// Pieces (declarations or header items) that failed beyond those.
    pub unreported: usize,
}

impl SyntaxErrors {
    pub(super) fn new() -> Self {
        SyntaxErrors {
            errors: Vec::new(),
            unreported: 0,
        }
    }

    pub(super) fn push(&mut self, error: SyntaxError) {
        if self.errors.len() < MOST_REPORTED {
            self.errors.push(error);
        } else {
            self.unreported += 1;
        }
    }

    /// Errors found in the order of the file.
    pub(super) fn from_all(errors: Vec<SyntaxError>) -> Self {
        let mut all = SyntaxErrors::new();
        errors.into_iter().for_each(|e| all.push(e));
        all
    }

    /// Whether another error would only be counted, not reported.
    pub(super) fn full(&self) -> bool {
        self.errors.len() >= MOST_REPORTED
    }

    /// One more piece failed, beyond those reported.
    pub(super) fn count_more(&mut self) {
        self.unreported += 1;
    }

    pub(super) fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.unreported == 0
    }

    pub(super) fn sorted(mut self) -> Self {
        self.errors.sort_by_key(SyntaxError::offset);
        self
    }

    /// The first error of the file.
    pub fn into_first(self) -> SyntaxError {
        self.errors
            .into_iter()
            .next()
            .expect("a failed parse has an error")
    }

    /// How many pieces failed in all, reported or not.
    pub fn count(&self) -> usize {
        self.errors.len() + self.unreported
    }
}

impl From<SyntaxError> for SyntaxErrors {
    fn from(error: SyntaxError) -> Self {
        SyntaxErrors {
            errors: vec![error],
            unreported: 0,
        }
    }
}
