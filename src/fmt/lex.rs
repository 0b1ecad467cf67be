//! The rule file as lines of tokens: just enough of the language to move
//! whitespace safely. It knows strings (so a `//` inside one is not a
//! comment) and comments (the grammar's only form: `//` to the end of the
//! line, which covers `///` and `//!`); every other run of characters that
//! is not whitespace, a bracket, a comma or an operator is one word. One
//! pass over the text, so linear time.

/// What a token is, as far as spacing cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A name, keyword, number, label part, date or time zone.
    Word,
    /// `"..."`, escapes and any line breaks inside it kept as written.
    Str,
    /// `// ...` to the end of the line.
    Comment,
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    Comma,
    /// `=`, `==`, `!=`, `<=`, `>=`, `<` or `>`.
    Op,
}

/// A token: its kind and its bytes in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// A line as written: the tokens on it (a string with line breaks inside
/// belongs to the line it starts on, and the line goes on after it).
#[derive(Debug, Clone, Default)]
pub(super) struct Line {
    pub tokens: Vec<Token>,
    /// Whether whitespace stood before each token (the first's is unused).
    pub spaced: Vec<bool>,
    /// The column of its first token, a tab counting four.
    pub indent: usize,
    /// How many blank lines stood before it.
    pub blanks_before: usize,
}

impl Line {
    /// Whether the line holds only a comment.
    pub fn is_comment(&self) -> bool {
        self.tokens.len() == 1 && self.tokens[0].kind == Kind::Comment
    }
}

/// Splits a text into its lines of tokens; blank lines are counted, not kept.
pub(super) fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = Line::default();
    let (mut at, mut newlines, mut column, mut spaced) = (0, 0usize, 0usize, false);
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => {
                newlines += 1;
                column = 0;
                spaced = true;
                at += 1;
                continue;
            }
            b' ' | b'\r' => (column, spaced, at) = (column + 1, true, at + 1),
            b'\t' => (column, spaced, at) = (column + 4, true, at + 1),
            _ => {
                if newlines > 0 && !line.tokens.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                if line.tokens.is_empty() {
                    line.indent = column;
                    line.blanks_before = newlines.saturating_sub(1);
                    if out.is_empty() {
                        line.blanks_before = newlines;
                    }
                }
                newlines = 0;
                let token = token_at(bytes, at);
                line.spaced.push(spaced);
                line.tokens.push(token);
                spaced = false;
                at = token.end;
            }
        }
    }
    if !line.tokens.is_empty() {
        out.push(line);
    }
    out
}

/// The token that starts at `at` (not whitespace).
fn token_at(bytes: &[u8], at: usize) -> Token {
    let (kind, end) = match bytes[at] {
        b'"' => (Kind::Str, string_end(bytes, at)),
        b'/' if bytes.get(at + 1) == Some(&b'/') => (Kind::Comment, line_end(bytes, at)),
        b @ (b'(' | b'[' | b'{') => (Kind::Open(b), at + 1),
        b @ (b')' | b']' | b'}') => (Kind::Close(b), at + 1),
        b',' => (Kind::Comma, at + 1),
        b'=' | b'<' | b'>' => (
            Kind::Op,
            at + 1 + usize::from(bytes.get(at + 1) == Some(&b'=')),
        ),
        b'!' if bytes.get(at + 1) == Some(&b'=') => (Kind::Op, at + 2),
        _ => (Kind::Word, word_end(bytes, at)),
    };
    Token {
        kind,
        start: at,
        end,
    }
}

/// After the closing quote, or at the end of the text if there is none.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// Before the line break (and a `\r` before it) that ends a comment.
fn line_end(bytes: &[u8], start: usize) -> usize {
    let mut end = bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| start + i);
    while end > start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    end
}

/// A word runs up to whitespace, a quote, a bracket, a comma, an operator
/// or a comment; it holds at least one character.
fn word_end(bytes: &[u8], start: usize) -> usize {
    let mut at = char_end(bytes, start);
    while at < bytes.len() && !ends_word(bytes, at) {
        at = char_end(bytes, at);
    }
    at
}

fn ends_word(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'(' | b'[' | b'{' | b')' | b']' | b'}' => true,
        b',' | b'=' | b'<' | b'>' => true,
        b'!' => bytes.get(at + 1) == Some(&b'='),
        b'/' => bytes.get(at + 1) == Some(&b'/'),
        _ => false,
    }
}

/// After the character that starts at `at`.
fn char_end(bytes: &[u8], at: usize) -> usize {
    let mut end = at + 1;
    while end < bytes.len() && (bytes[end] & 0xC0) == 0x80 {
        end += 1;
    }
    end
}
