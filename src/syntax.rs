//! Source text → pest pairs → AST.
//!
//! [`parse_rulebook_all`] is the stage's entry point: a file that does not
//! parse is parsed again piece by piece (`recover.rs`), so every syntax
//! error is reported at once. [`parse_rulebook`] gives the first of them
//! only; [`parse_condition`] parses a lone condition, for tests and tools.

mod build;
mod chunks;
mod err;
mod errors;
mod expected;
mod hint;
mod names;
mod parser;
mod recover;
mod trivia;

pub use err::{Bound, SyntaxError};
pub use errors::{MOST_REPORTED, SyntaxErrors};

use crate::ast;
use crate::span::Source;

/// Parses a whole rule file into its AST, or says what is wrong with it:
/// every syntax error, up to [`MOST_REPORTED`], in the order of the file.
pub fn parse_rulebook_all(source: &Source) -> Result<ast::Rulebook, SyntaxErrors> {
    match parser::parse(parser::Rule::rulebook, source) {
        // The grammar is followed: only building can fail, and the tree
        // pest built holds every declaration to build.
        Ok(pair) => build::Builder::new(source)
            .rulebook_all(pair)
            .map_err(SyntaxErrors::from_all),
        Err(first) => Err(recover::every_error(source, first)),
    }
}

/// Parses a whole rule file into its AST; on failure, the file's first
/// syntax error.
pub fn parse_rulebook(source: &Source) -> Result<ast::Rulebook, SyntaxError> {
    parse_rulebook_all(source).map_err(SyntaxErrors::into_first)
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
mod documented;
#[cfg(test)]
mod tests;
