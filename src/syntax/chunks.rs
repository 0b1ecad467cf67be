//! A broken rule file cut into pieces that parse alone: the agreement
//! header, then one piece per declaration, cut where a line starts with a
//! declaration's keyword. One pass over the text, so any file is cut in
//! time proportional to its length.
//!
//! The cut respects quoted texts, comments and brackets: a keyword inside
//! them starts nothing. A line that starts at its first column with a
//! declaration keyword starts a declaration even inside an open `{` or
//! quoted text, since shipped and formatted rulebooks indent everything
//! inside a declaration: that is how a missing `}` or `"` costs one
//! declaration, not the rest of the file. The piece cut short this way
//! remembers what was left open, for the `unclosed` error.

use std::ops::Range;

/// Words that start a declaration (`weapon` only as `weapon class`).
const DECLARATION: &[&str] = &[
    "import",
    "line",
    "zone",
    "locality",
    "area",
    "weapon",
    "act",
    "reach",
    "deadline",
    "extend",
    "suspend",
    "repudiate",
    "regime",
    "change",
    "standard",
    "doctrine",
    "pattern",
    "imputable",
    "element",
    "diligence",
    "category",
    "quantity",
    "ceiling",
    "article",
    "exception",
];

/// Declaration keywords that also start a clause inside an article, so
/// they start a declaration only outside every bracket.
const ALSO_CLAUSES: &[&str] = &["imputable", "diligence"];

/// Words that start the items of the agreement header.
pub const HEADER: &[&str] = &[
    "source", "signed", "in", "party", "monitor", "group", "nonparty", "mediator",
];

/// Words that, right after a keyword, show it is a field in a condition
/// (`act is fire`), not the start of a declaration.
const OPERATORS: &[&str] = &[
    "is", "in", "and", "or", "not", "crosses", "within", "on", "over", "before", "after",
    "overlaps", "directed",
];

/// One piece of the text, and what was left open at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub range: Range<usize>,
    pub open: Option<Open>,
}

/// Something opened in a piece and not closed before the piece ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Open {
    /// Where it was opened.
    pub at: usize,
    /// `{`, `[`, `(` or `"`.
    pub mark: char,
}

/// Cuts `text` at lines starting with one of `starters`. Brackets opened
/// before a cut never close after it. The first piece is whatever comes
/// before the first cut (the header, for a whole file). With `anywhere`,
/// a starter forces a cut inside an open bracket or quote however far it
/// is indented (the header's items, one a line); otherwise only at the
/// line's first column.
pub fn split(text: &str, starters: &[&str], anywhere: bool) -> Vec<Chunk> {
    Scanner::new(text, starters, anywhere).run()
}

struct Scanner<'t> {
    text: &'t str,
    starters: &'t [&'t str],
    anywhere: bool,
    /// Open brackets, innermost last.
    open: Vec<Open>,
    /// An open quoted text.
    quote: Option<usize>,
    chunks: Vec<Chunk>,
    start: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str, starters: &'t [&'t str], anywhere: bool) -> Self {
        Scanner {
            text,
            starters,
            anywhere,
            open: Vec::new(),
            quote: None,
            chunks: Vec::new(),
            start: 0,
        }
    }

    fn run(mut self) -> Vec<Chunk> {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        let mut line_start = true;
        while i < bytes.len() {
            if line_start {
                line_start = false;
                let indent = indentation(&bytes[i..]);
                if let Some(word) = self.starts_piece(i + indent, indent == 0) {
                    self.cut(i + indent);
                    i += indent + word;
                    continue;
                }
            }
            let b = bytes[i];
            if b == b'\n' {
                line_start = true;
            } else if self.quote.is_some() {
                match b {
                    b'"' => self.quote = None,
                    // `\"` stays inside; a `\` before the line's end escapes nothing.
                    b'\\' if bytes.get(i + 1).is_some_and(|c| *c != b'\n') => i += 1,
                    _ => {}
                }
            } else {
                match b {
                    b'"' => self.quote = Some(i),
                    b'/' if bytes.get(i + 1) == Some(&b'/') => {
                        while i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                            i += 1;
                        }
                    }
                    b'{' | b'[' | b'(' => self.open.push(Open {
                        at: i,
                        mark: b as char,
                    }),
                    b'}' | b']' | b')' => {
                        self.open.pop();
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        self.cut(bytes.len());
        self.chunks
    }

    /// Whether a piece starts at `at`: its length in bytes if so.
    fn starts_piece(&self, at: usize, first_column: bool) -> Option<usize> {
        let rest = &self.text[at..];
        let word = leading_word(rest);
        let closed = self.open.is_empty() && self.quote.is_none();
        if !self.starters.contains(&word) {
            // `artcle 2 "..." {` at the first column (or `pary A "a"` in
            // the header): a piece whose keyword is misspelt, parsed alone
            // so that it says so.
            let misspelt = closed && (first_column || self.anywhere) && !word.is_empty();
            let near = misspelt && crate::suggest::did_you_mean(word, self.starters).is_some();
            return (near && !reads_as_field(word, &rest[word.len()..])).then_some(word.len());
        }
        let forced = (first_column || self.anywhere) && !ALSO_CLAUSES.contains(&word);
        if !(closed || forced) || reads_as_field(word, &rest[word.len()..]) {
            return None;
        }
        let next = leading_word(rest[word.len()..].trim_start());
        if (word == "weapon" && next != "class") || (word == "in" && next != "force") {
            return None;
        }
        Some(word.len())
    }

    fn cut(&mut self, at: usize) {
        if at > self.start || self.chunks.is_empty() {
            let open = self
                .quote
                .map(|q| Open { at: q, mark: '"' })
                .or_else(|| self.open.last().copied());
            self.chunks.push(Chunk {
                range: self.start..at,
                open,
            });
        }
        self.start = at;
        self.open.clear();
        self.quote = None;
    }
}

/// The first `{` of `text` outside quoted texts and comments: where the
/// agreement header's items begin.
pub fn first_brace(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut i, mut quoted) = (0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\\' if quoted => i += 1,
            b'/' if !quoted && bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' if !quoted => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The first `}` of `text` that closes nothing opened in it, outside quoted
/// texts and comments: the end of the agreement header.
pub fn unmatched_close(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut i, mut quoted) = (0usize, 0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\\' if quoted => i += 1,
            b'/' if !quoted && bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' | b'[' | b'(' if !quoted => depth += 1,
            b'}' if !quoted && depth == 0 => return Some(i),
            b'}' | b']' | b')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The declaration keywords, for the file's top level.
pub fn declaration_words() -> &'static [&'static str] {
    DECLARATION
}

/// Spaces and tabs at the start of `bytes`.
fn indentation(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count()
}

/// The name-like word at the start of `text`, or "".
pub fn leading_word(text: &str) -> &str {
    let end = text
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// `act is fire`, `act == fire`, `weapon.calibre`: what follows a word
/// that makes it a field read in a condition. Only `act` is both a
/// declaration's keyword and an event's field read with a word operator;
/// `zone in = ...` is a declaration (with a bad name).
fn reads_as_field(word: &str, after: &str) -> bool {
    if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        return true; // part of a longer name: `actor`
    }
    let next = after.trim_start_matches([' ', '\t']);
    let operator = word == "act" && OPERATORS.contains(&leading_word(next));
    next.starts_with(['.', '=', '!', '<', '>']) || operator
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(&str, Option<char>)> {
        split(text, DECLARATION, false)
            .into_iter()
            .map(|c| (&text[c.range], c.open.map(|o| o.mark)))
            .collect()
    }

    #[test]
    fn cuts_at_declarations_outside_brackets_strings_and_comments() {
        let text = "agreement \"A\" {\n party A \"a\"\n}\nact fire \"act x\"\n// article 9\narticle 1 \"t\" {\n  violation when\n    act is fire\n}\n  zone z = within 2 km of l\n";
        let got = pieces(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[1].0.starts_with("act fire"));
        assert!(got[2].0.starts_with("article 1"), "{got:?}");
        assert!(got[3].0.starts_with("zone z"));
        assert!(got.iter().all(|(_, open)| open.is_none()));
    }

    #[test]
    fn a_missing_brace_or_quote_costs_one_declaration() {
        let text = "agreement \"A\" { party A \"a\" }\narticle 1 \"t\" {\n  violation when act is fire\narticle 2 \"t {\n}\nact fire \"f\"\n";
        let got = pieces(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1].1, Some('{'));
        assert_eq!(got[2].1, Some('"'));
        assert_eq!(got[3], ("act fire \"f\"\n", None));
    }

    #[test]
    fn clause_keywords_inside_an_article_start_nothing() {
        let text = "agreement \"A\" {}\narticle 1 \"t\" {\nimputable official\nact is fire\nweapon.calibre > 1 mm\n}\n";
        assert_eq!(pieces(text).len(), 2);
    }

    #[test]
    fn a_misspelt_keyword_at_the_first_column_starts_a_piece() {
        let text = "agreement \"A\" {}\nact fire \"f\"\nartcle 2 \"t\" {}\n";
        let got = pieces(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[2].0.starts_with("artcle"));
    }

    #[test]
    fn unterminated_strings_and_comments_end_at_the_end() {
        for text in ["\"", "//", "{{{{", "agreement \"x", "\\", "article\"\\"] {
            let got = split(text, DECLARATION, false);
            assert_eq!(got.last().map(|c| c.range.end), Some(text.len()));
        }
    }
}
