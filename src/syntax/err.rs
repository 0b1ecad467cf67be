//! Syntax errors, in the words of the rule language.

use miette::{Diagnostic, SourceSpan};
use pest::error::{ErrorVariant, InputLocation};
use thiserror::Error;

use super::names::describe;
use super::parser::Rule;
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
        let start = match error.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        if let ErrorVariant::CustomError { message } = &error.variant
            && message.contains("limit reached")
        {
            let span = Span::new(source, start..start);
            let bound = Bound::Nesting(super::build::MAX_NESTING);
            return TooDeepError::new(&span, bound).into();
        }
        let expected = match &error.variant {
            ErrorVariant::ParsingError { positives, .. } => expected_list(positives),
            ErrorVariant::CustomError { message } => message.clone(),
        };
        let token = found_token(source.text(), start);
        let found = if token.is_empty() {
            "end of file".to_owned()
        } else {
            format!("`{token}`")
        };
        let before = &source.text()[..start];
        let after_quote = before.ends_with('"');
        let help = hint(&expected, token, after_quote).or_else(|| label_hint(before, token));
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
        match self {
            SyntaxError::Unexpected(e) => location(&e.src, e.span),
            SyntaxError::BadEscape(e) => location(&e.src, e.span),
            SyntaxError::TooDeep(e) => location(&e.src, e.span),
        }
    }
}

fn location(src: &NamedFile, span: SourceSpan) -> String {
    let (line, col) = src.inner().line_col(span.offset());
    format!("{}:{line}:{col}", src.name())
}

/// "a condition, `responsible` or `}`": deduplicated, in a stable order.
fn expected_list(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = rules.iter().map(|r| describe(*r)).collect();
    words.sort_unstable();
    words.dedup();
    match words.as_slice() {
        [] => "something else".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
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
fn is_keyword(token: &str) -> bool {
    use pest::Parser;
    let word = !token.is_empty() && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let as_name = super::parser::TruceParser::parse(Rule::identifier, token);
    word && as_name.map_or(true, |p| p.as_str() != token)
}

/// `article 2 (a) "text"`: a label written with a space in it.
fn label_hint(before: &str, token: &str) -> Option<String> {
    let mut words = before.split_whitespace().rev();
    let (label, keyword) = (words.next()?, words.next()?);
    (token == "(" && keyword == "article")
        .then(|| format!("an article label has no spaces: write `{label}(...)`, as in `13(a)`"))
}

/// Advice for the slips negotiators make most often.
fn hint(expected: &str, token: &str, after_quote: bool) -> Option<String> {
    if after_quote {
        return Some(
            "is a quoted text left open before this? every `\"` needs a closing `\"`".into(),
        );
    }
    if expected.starts_with("an article label") {
        return Some(
            "write the label as the instrument does: numbers, and capitals for letters and Roman numerals, joined by dots (`2.1`, `B.4`, `III.2`), then sub-paragraphs in brackets (`13(a)`, `2(a)(i)`, or `(b)` alone)".into(),
        );
    }
    if expected.contains("a time zone") {
        return Some(
            "a date needs its time zone: write `2025-09-03 Europe/Kyiv` for that whole day".into(),
        );
    }
    if expected == "a name" && is_keyword(token) {
        return Some(format!(
            "`{token}` is a word of the rule language; choose another name"
        ));
    }
    let declaration = ["article", "exception", "zone", "line", "act", "weapon"];
    if expected.contains("`responsible`") && declaration.contains(&token) {
        return Some("is the `}` that closes the article above missing?".into());
    }
    if expected.contains("unit") {
        return Some(
            "give distances in `m`, `km`, `mm`, `nmi` or `ft`, durations in `min`, `h` or `d`"
                .into(),
        );
    }
    if expected.contains("`together`") {
        return Some(
            "name every party whose consent is needed, then `together`: `by IL and LB together`"
                .into(),
        );
    }
    if token == "=" && expected.contains("comparison") {
        return Some("to compare, write `==`".into());
    }
    if token == "&&" || token == "&" {
        return Some("write `and`".into());
    }
    if token == "||" || token == "|" {
        return Some("write `or`".into());
    }
    // A misspelt word of the language: `withn` for `within`.
    let words: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    crate::suggest::did_you_mean(token, &words).map(|w| format!("did you mean `{w}`?"))
}
