//! Syntax errors, in the words of the rule language.

use miette::{Diagnostic, SourceSpan};
use pest::error::ErrorVariant;
use thiserror::Error;

use super::chunks::{Chunk, Open};
use super::expected::Expected;
use super::hint::{Slip, advice};
use super::parser::Rule;
use super::trivia::code_end;
use crate::span::{NamedFile, Source, Span};

/// A rule file that does not follow the grammar.
#[derive(Debug, Error, Diagnostic)]
pub enum SyntaxError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unexpected(#[from] UnexpectedError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    BadEscape(#[from] BadEscapeError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    TooDeep(#[from] TooDeepError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unclosed(#[from] UnclosedError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Missing(#[from] MissingError),
}

/// A `{`, `[`, `(` or quoted text opened and never closed before the next
/// declaration (or header item, or the end of the file).
#[derive(Debug, Error, Diagnostic)]
#[error("{opened} is never closed")]
#[diagnostic(code(truce::syntax::unclosed))]
pub struct UnclosedError {
    #[source_code]
    src: NamedFile,
    #[label("opened here")]
    opening: SourceSpan,
    #[label("still open here")]
    end: SourceSpan,
    opened: String,
    #[help]
    help: Option<String>,
}

/// A line that ends before what it declares is complete: `party A` with
/// no name after it, the next line starting something else.
#[derive(Debug, Error, Diagnostic)]
#[error("expected {expected} after `{lead}`")]
#[diagnostic(code(truce::syntax::missing))]
pub struct MissingError {
    #[source_code]
    src: NamedFile,
    #[label("here")]
    span: SourceSpan,
    expected: String,
    lead: String,
    #[help]
    help: Option<String>,
}

/// A condition nested beyond what any agreement needs; refused so that
/// checking and evaluating it can never exhaust the stack.
#[derive(Debug, Error, Diagnostic)]
#[error("{bound}")]
#[diagnostic(
    code(truce::syntax::depth),
    help(
        "group alternatives in a list (`act in [fire, raid]`) or an act class, or split the condition into several articles"
    )
)]
pub struct TooDeepError {
    #[source_code]
    src: NamedFile,
    #[label("this condition")]
    span: SourceSpan,
    /// The bound the condition passes.
    pub bound: Bound,
}

/// The bounds on a condition's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Bound {
    #[error("this condition nests more than {0} levels deep")]
    Nesting(usize),
    #[error("this condition has more than {0} operators")]
    Operators(usize),
}

impl TooDeepError {
    pub fn new(span: &Span, bound: Bound) -> Self {
        TooDeepError {
            src: span.source.named(),
            span: span.into(),
            bound,
        }
    }
}

/// The parser met a token it did not expect.
#[derive(Debug, Error, Diagnostic)]
#[error("unexpected {found}")]
#[diagnostic(code(truce::syntax::unexpected))]
pub struct UnexpectedError {
    #[source_code]
    src: NamedFile,
    #[label("expected {expected}")]
    span: SourceSpan,
    found: String,
    expected: String,
    #[help]
    help: Option<String>,
}

/// A `\u{...}` escape that names no character.
#[derive(Debug, Error, Diagnostic)]
#[error("`{escape}` is not a character")]
#[diagnostic(
    code(truce::syntax::escape),
    help("write a Unicode scalar value in hexadecimal, such as `\\u{{2014}}`")
)]
pub struct BadEscapeError {
    #[source_code]
    src: NamedFile,
    #[label("this escape")]
    span: SourceSpan,
    escape: String,
}

impl BadEscapeError {
    pub fn new(span: &Span) -> Self {
        BadEscapeError {
            src: span.source.named(),
            span: span.into(),
            escape: span.text().to_owned(),
        }
    }
}

impl SyntaxError {
    pub(super) fn from_pest(error: pest::error::Error<Rule>, source: &Source) -> Self {
        let whole = Chunk {
            range: 0..source.text().len(),
            open: None,
        };
        Self::from_pest_in(error, source, &whole, "end of file")
    }

    /// The error pest found parsing `piece` of the source alone: its
    /// positions count from the piece's start. `end` names what the end
    /// of the piece stands for: the end of the file, or the next declaration.
    pub(super) fn from_pest_in(
        error: pest::error::Error<Rule>,
        source: &Source,
        piece: &Chunk,
        end: &str,
    ) -> Self {
        let text = source.text();
        let expected = Expected::of(&error, &text[piece.range.clone()]);
        let start = piece.range.start + expected.at;
        if let ErrorVariant::CustomError { message } = &error.variant
            && message.contains("limit reached")
        {
            let span = Span::new(source, start..start);
            let bound = Bound::Nesting(super::build::MAX_NESTING);
            return TooDeepError::new(&span, bound).into();
        }
        let code = piece.range.start + code_end(&text[piece.range.clone()]);
        let at_end = start >= code;
        if let (true, Some(open)) = (at_end, piece.open) {
            return UnclosedError::new(source, open, code, end).into();
        }
        // At the piece's end the token met is the next piece's first one.
        let start = if at_end { piece.range.end } else { start };
        let token = found_token(text, start);
        let described = expected.describe(end);
        let slip = Slip {
            expected: &expected,
            described: &described,
            end,
            token,
            before: &text[..start],
            after: &text[start..],
        };
        let help = advice(&slip);
        let misspelt = crate::suggest::did_you_mean(token, &expected.words()).is_some();
        if !misspelt
            && described != end
            && let Some(missing) =
                MissingError::after(source, piece, (start, token), &expected, end, &help)
        {
            return missing.into();
        }
        let found = if token.is_empty() {
            "end of file".to_owned()
        } else {
            format!("`{}`", lead_words(token))
        };
        let lead = lead_words(&text[line_start(text, start)..start]);
        let keyword = lead.split_whitespace().next().unwrap_or("");
        let expected = role(keyword, &expected, end).unwrap_or(described);
        UnexpectedError {
            src: source.named(),
            span: (start, token.len()).into(),
            found,
            expected,
            help,
        }
        .into()
    }

    /// Where the error is, as `file:line:column`.
    pub fn location(&self) -> String {
        let (src, span) = self.place();
        location(src, span)
    }

    /// The file and the first place the error points at.
    fn place(&self) -> (&NamedFile, SourceSpan) {
        match self {
            SyntaxError::Unexpected(e) => (&e.src, e.span),
            SyntaxError::BadEscape(e) => (&e.src, e.span),
            SyntaxError::TooDeep(e) => (&e.src, e.span),
            SyntaxError::Unclosed(e) => (&e.src, e.opening),
            SyntaxError::Missing(e) => (&e.src, e.span),
        }
    }

    /// The byte offset the error points at, to order a file's errors.
    pub fn offset(&self) -> usize {
        self.place().1.offset()
    }

    /// The 1-based line the error points at.
    pub fn line(&self) -> usize {
        let (src, span) = self.place();
        src.inner().line_col(span.offset()).0
    }
}

impl SyntaxError {
    /// `open` never closed; the piece it is in has code up to `code_end`.
    pub(super) fn unclosed(source: &Source, open: Open, code_end: usize, end: &str) -> Self {
        UnclosedError::new(source, open, code_end, end).into()
    }
}

impl UnclosedError {
    fn new(source: &Source, open: Open, code_end: usize, end: &str) -> Self {
        let text = source.text();
        let lead = lead_words(&text[line_start(text, open.at)..open.at]);
        let opened = match (open.mark, lead.is_empty()) {
            ('"', _) => "this quoted text".to_owned(),
            (mark, true) => format!("`{mark}`"),
            (mark, false) => format!("the `{mark}` of `{lead}`"),
        };
        let close = match open.mark {
            '{' => "}",
            '[' => "]",
            '(' => ")",
            _ => "\"",
        };
        let until = if code_end >= text.trim_end().len() {
            "the end of the file"
        } else {
            end
        };
        UnclosedError {
            src: source.named(),
            opening: (open.at, 1).into(),
            end: (code_end, 0).into(),
            opened,
            help: Some(format!("close it with `{close}` before {until}")),
        }
    }
}

impl MissingError {
    /// A piece that fails where a new line starts something else (a word
    /// of the language, a `}` or the end): the line before is incomplete.
    fn after(
        source: &Source,
        piece: &Chunk,
        (start, token): (usize, &str),
        expected: &Expected,
        end: &str,
        advice: &Option<String>,
    ) -> Option<Self> {
        let text = source.text();
        let prefix = &text[piece.range.start..start.min(piece.range.end)];
        let last = piece.range.start + code_end(prefix);
        let starts_line = text[last..start].contains('\n') || start >= piece.range.end;
        let next_is_word = token.is_empty() || token == "}" || is_keyword(token);
        if !(starts_line && next_is_word) || last == piece.range.start {
            return None;
        }
        let line = &text[line_start(text, last)..last];
        let lead = lead_words(line);
        let keyword = lead.split_whitespace().next().unwrap_or("");
        let wanted = role(keyword, expected, end).unwrap_or_else(|| expected.describe(end));
        let next = match token {
            "" => "the file ends".to_owned(),
            next => format!("the next line starts with `{next}`"),
        };
        Some(MissingError {
            src: source.named(),
            span: (last, 0).into(),
            expected: wanted,
            lead,
            help: advice
                .clone()
                .or_else(|| Some(format!("{next}: finish `{}` before it", lead_short(line)))),
        })
    }
}

/// The start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// What a line declares, as written, for a message: `party A`, `article 1
/// "No fire."`; long lines are cut, and a comment is left out.
fn lead_words(line: &str) -> String {
    const LONGEST: usize = 40;
    let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.char_indices().nth(LONGEST) {
        Some((cut, _)) => format!("{}…", &words[..cut]),
        None => words,
    }
}

/// The first two words of a line, for advice.
fn lead_short(line: &str) -> String {
    lead_words(
        &line
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// What a quoted text is, after the word that starts a line: `the
/// party's name (a quoted text)`.
fn role(keyword: &str, expected: &Expected, end: &str) -> Option<String> {
    if !expected.wants(Rule::string) {
        return None;
    }
    let whose = match keyword {
        "party" | "monitor" | "mediator" | "group" | "nonparty" => {
            format!("the {keyword}'s name")
        }
        "act" => "the act's description".to_owned(),
        "article" => "the article's text".to_owned(),
        "source" => "the source".to_owned(),
        "import" => "the file's name".to_owned(),
        _ => return None,
    };
    let others = Expected {
        at: expected.at,
        rules: expected
            .rules
            .iter()
            .copied()
            .filter(|r| *r != Rule::string)
            .collect(),
        tokens: expected.tokens.clone(),
        keywords: Vec::new(),
    };
    let alone = format!("{whose} (a quoted text)");
    Some(if others.rules.is_empty() && others.tokens.is_empty() {
        alone
    } else {
        format!("{alone} or {}", others.describe(end))
    })
}

fn location(src: &NamedFile, span: SourceSpan) -> String {
    let (line, col) = src.inner().line_col(span.offset());
    format!("{}:{line}:{col}", src.name())
}

/// The word or symbol at `offset`, so the label covers the whole bad token.
fn found_token(text: &str, offset: usize) -> &str {
    let rest = &text[offset.min(text.len())..];
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    if word_len > 0 {
        &rest[..word_len]
    } else {
        rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
    }
}

/// A word the grammar refuses as a name: one of its keywords.
pub(super) fn is_keyword(token: &str) -> bool {
    use pest::Parser;
    let word = token.starts_with(|c: char| c.is_ascii_alphabetic())
        && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let as_name = super::parser::TruceParser::parse(Rule::identifier, token);
    word && as_name.map_or(true, |p| p.as_str() != token)
}
