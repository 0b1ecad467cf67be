//! Source files and spans.
//!
//! Every AST node carries a [`Span`]; a span holds a handle to its file, so a
//! diagnostic raised in any later stage can render the offending text without
//! the file being passed around.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};

/// One input file: its name as the user gave it, and its text.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// A shared handle to a [`SourceFile`].
#[derive(Debug, Clone)]
pub struct Source(Arc<SourceFile>);

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source(Arc::new(SourceFile {
            name: name.into(),
            text: lone_cr_as_newline(text.into()),
        }))
    }

    pub fn name(&self) -> &str {
        &self.0.name
    }

    /// Identifies the file among those loaded together (a rulebook and its imports).
    pub fn id(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }

    pub fn text(&self) -> &str {
        &self.0.text
    }

    /// The whole file, ready to be attached to a miette diagnostic.
    pub fn named(&self) -> NamedSource<String> {
        NamedSource::new(self.name(), self.text().to_owned())
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text()[..offset.min(self.text().len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// A byte range in a source file.
#[derive(Clone)]
pub struct Span {
    pub source: Source,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(source: &Source, range: Range<usize>) -> Self {
        Span {
            source: source.clone(),
            range,
        }
    }

    /// The text the span covers.
    pub fn text(&self) -> &str {
        &self.source.text()[self.range.clone()]
    }

    /// The smallest span covering both.
    pub fn to(&self, other: &Span) -> Span {
        Span::new(
            &self.source,
            self.range.start.min(other.range.start)..self.range.end.max(other.range.end),
        )
    }
}

impl From<&Span> for SourceSpan {
    fn from(span: &Span) -> Self {
        (span.range.start, span.range.len()).into()
    }
}

impl From<Span> for SourceSpan {
    fn from(span: Span) -> Self {
        (&span).into()
    }
}

// Spans print compactly so that AST dumps stay readable.
impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}..{}", self.range.start, self.range.end)
    }
}

// Two nodes are equal when they say the same thing, wherever they are written.
impl PartialEq for Span {
    fn eq(&self, _: &Span) -> bool {
        true
    }
}

/// A value with the span it was written at.
#[derive(Clone, PartialEq)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

impl<T: fmt::Debug> fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {:?}", self.node, self.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let src = Source::new("x", "ab\ncd");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(4), (2, 2));
    }
}

/// A carriage return that ends a line alone (old Mac line endings) becomes
/// a line feed, byte for byte, so every location, the snippets' and the
/// headers', counts the same lines, and no raw CR reaches a terminal.
/// `\r\n` is left as it is.
fn lone_cr_as_newline(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("an ASCII byte replaced by an ASCII byte")
}

#[cfg(test)]
mod cr_tests {
    use super::Source;

    #[test]
    fn a_lone_carriage_return_ends_a_line_like_a_line_feed() {
        let s = Source::new("t", "a\rb\r\nc\nd\r");
        assert_eq!(s.text(), "a\nb\r\nc\nd\n");
        assert_eq!(s.line_col(2), (2, 1));
        assert_eq!(s.line_col(5), (3, 1));
    }
}
