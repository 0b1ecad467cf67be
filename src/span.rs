//! Source files and spans.
//!
//! Every AST node carries a [`Span`]; a span holds a handle to its file, so a
//! diagnostic raised in any later stage can render the offending text without
//! the file being passed around.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents};

/// One input file: its name as the user gave it, and its text.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// The byte offset at which each line starts, the first being 0: so
    /// that locating an offset takes a binary search, not a scan of the
    /// file (a file with many diagnostics would otherwise be scanned once
    /// per diagnostic).
    line_starts: Vec<usize>,
    /// Where the files it names are read from: the disk, or the git
    /// revision it was itself read at.
    origin: crate::files::Origin,
}

/// A diagnostic's handle to its whole file: shares the file's text rather
/// than copying it, so that many diagnostics of one file cost no more
/// memory than one.
pub type NamedFile = NamedSource<Source>;

/// A shared handle to a [`SourceFile`].
#[derive(Debug, Clone)]
pub struct Source(Arc<SourceFile>);

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source::with_origin(name, text, crate::files::Origin::Disk)
    }

    /// A file read from `origin`, whose imports and geometry are read from
    /// there too.
    pub fn with_origin(
        name: impl Into<String>,
        text: impl Into<String>,
        origin: crate::files::Origin,
    ) -> Self {
        let text = lone_cr_as_newline(text.into());
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source(Arc::new(SourceFile {
            name: name.into(),
            text,
            line_starts,
            origin,
        }))
    }

    /// Where the files this one names are read from.
    pub fn origin(&self) -> &crate::files::Origin {
        &self.0.origin
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
    pub fn named(&self) -> NamedFile {
        NamedSource::new(self.name(), self.clone())
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text(), offset);
        let line = self.line_of(offset);
        let start = self.0.line_starts[line];
        let col = self.text()[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// The 0-based line that holds a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.0.line_starts.partition_point(|&s| s <= offset) - 1
    }
}

/// The largest char boundary at or before `offset`, within the text.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// miette reads a span's context by scanning from the start of the file;
/// here the scan starts a few lines before the span, found by the line
/// index, so that rendering n diagnostics of one file is not quadratic.
/// The window starts one line earlier than the context needs, so that
/// miette's reading of the window is the same as of the whole file.
impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let first = self.line_of(span.offset()).saturating_sub(before + 1);
        let start = self.0.line_starts[first];
        let window = &self.text()[start..];
        let shifted = SourceSpan::new((span.offset() - start).into(), span.len());
        let inner = window.read_span(&shifted, before, after)?;
        let found = SourceSpan::new((inner.span().offset() + start).into(), inner.span().len());
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            found,
            inner.line() + first,
            inner.column(),
            inner.line_count() + first,
        )))
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

    /// The windowed reading gives what miette's reading of the whole file
    /// gives, for every span of a file with CRLF and LF endings, blank and
    /// multi-byte lines, and every amount of context.
    #[test]
    fn read_span_matches_a_whole_file_scan() {
        let text = "ab\r\ncd\n\n\u{e9}f gh\r\n\nlast";
        let src = Source::new("x", text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &from in &bounds {
            for &to in bounds.iter().filter(|&&to| to >= from) {
                for context in 0..4 {
                    let span = SourceSpan::new(from.into(), to - from);
                    let ours = src.read_span(&span, context, context);
                    let theirs = text.read_span(&span, context, context);
                    match (ours, theirs) {
                        (Ok(a), Ok(b)) => {
                            let at = format!("{from}..{to} with {context}");
                            assert_eq!(a.data(), b.data(), "{at}");
                            assert_eq!(a.span(), b.span(), "{at}");
                            assert_eq!(a.line(), b.line(), "{at}");
                            assert_eq!(a.column(), b.column(), "{at}");
                            assert_eq!(a.line_count(), b.line_count(), "{at}");
                        }
                        (a, b) => assert_eq!(a.is_ok(), b.is_ok(), "{from}..{to}"),
                    }
                }
            }
        }
    }

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
