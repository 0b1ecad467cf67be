//! What can stop a rule file from being formatted.

use miette::Diagnostic;
use thiserror::Error;

use crate::syntax::SyntaxError;

/// Why a rule file was left as it was.
#[derive(Debug, Error, Diagnostic)]
pub enum FmtError {
    /// It does not parse: its error, located as `truce check` shows it.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unsafe(#[from] UnsafeError),
}

/// The layout would have changed what the file says (a bug in the
/// formatter, caught before anything was written): the file is left as it
/// was.
#[derive(Debug, Error, Diagnostic)]
#[error("`{file}` cannot be formatted safely: the new layout would {what}")]
#[diagnostic(
    code(truce::fmt::unsafe_layout),
    help("the file is left as it was; please report it with the file")
)]
pub struct UnsafeError {
    pub file: String,
    pub what: Unsafe,
}

/// What the new layout would have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Unsafe {
    #[error("not parse")]
    NotParsed,
    #[error("parse to another syntax tree")]
    OtherTree,
    #[error("change a token or a comment")]
    OtherTokens,
    #[error("change again when formatted again")]
    NotStable,
}
