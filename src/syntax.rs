//! Source text → pest pairs → AST.
//!
//! [`parse_rulebook`] is the stage's one entry point; [`parse_condition`]
//! parses a lone condition, for tests and tools.

mod build;
mod err;
mod names;
mod parser;

pub use err::{Bound, SyntaxError};

use crate::ast;
use crate::span::Source;

/// Parses a whole rule file into its AST.
pub fn parse_rulebook(source: &Source) -> Result<ast::Rulebook, SyntaxError> {
    let pair = parser::parse(parser::Rule::rulebook, source)?;
    build::Builder::new(source).rulebook(pair)
}

/// Parses a fragment of declarations with no agreement header, such as
/// a clause proposed for a rulebook (`truce diff --add`).
pub fn parse_clauses(source: &Source) -> Result<Vec<ast::Declaration>, SyntaxError> {
    let pair = parser::parse(parser::Rule::clauses, source)?;
    build::Builder::new(source).clauses(pair)
}

/// Parses one condition, such as `act is fire and place in dmz`.
pub fn parse_condition(source: &Source) -> Result<ast::SExpr, SyntaxError> {
    let pair = parser::parse(parser::Rule::condition, source)?;
    build::Builder::new(source).condition(pair)
}

#[cfg(test)]
mod tests;
