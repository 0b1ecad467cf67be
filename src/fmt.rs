//! Rule text → the same rule text in the canonical layout (`truce fmt`).
//!
//! After `syntax`: a file is parsed first, and one that does not parse is
//! left alone. The layout is computed from a token stream over the text
//! ([`lex`]: strings and `//` comments understood, so a comment is never
//! lost or moved to another line) and from the syntax tree's spans
//! ([`marks`]: where each declaration, header item and clause starts).
//! Only whitespace changes: the result is checked to hold the same tokens
//! and comments in the same order and to parse to the same tree, and
//! formatting it again changes nothing; otherwise nothing is written. The
//! layout's rules are in docs/fmt.md.
//!
//! Work is linear in the file's size: one pass to lex, one parse before
//! and one after, and alignment bounded by [`align`]'s limits (the parse
//! bounds how deep conditions nest).

mod align;
mod diff;
mod err;
mod layout;
mod lex;
mod marks;

pub use diff::{Hunk, first_hunk};
pub use err::{FmtError, Unsafe, UnsafeError};

use crate::ast::{Agreement, Declaration, Rulebook};
use crate::span::Source;
use crate::syntax::{SyntaxError, parse_clauses, parse_rulebook};

/// What a rule file holds: a whole rulebook, or a clause file
/// (declarations only, as `truce diff --add` reads a proposed clause).
#[derive(Debug, PartialEq)]
enum Tree {
    Book(Rulebook),
    Clauses(Vec<Declaration>),
}

impl Tree {
    /// A rulebook, else a clause file; a file that is neither gives the
    /// rulebook's error, since a whole rulebook is what most files are.
    fn parse(source: &Source) -> Result<Tree, SyntaxError> {
        match parse_rulebook(source) {
            Ok(book) => Ok(Tree::Book(book)),
            Err(e) => parse_clauses(source).map(Tree::Clauses).map_err(|_| e),
        }
    }

    fn parts(&self) -> (Option<&Agreement>, &[Declaration]) {
        match self {
            Tree::Book(book) => (Some(&book.agreement), &book.declarations),
            Tree::Clauses(decls) => (None, decls),
        }
    }
}

/// The file in the canonical layout; the file's text as it is when it is
/// already. A file that does not parse gives its syntax error.
pub fn format(source: &Source) -> Result<String, FmtError> {
    let tree = Tree::parse(source)?;
    let out = layout_of(source, &tree);
    let unsafe_as = |what| UnsafeError {
        file: source.name().to_owned(),
        what,
    };
    let again = Source::new(source.name(), out.as_str());
    match Tree::parse(&again) {
        Err(_) => return Err(unsafe_as(Unsafe::NotParsed).into()),
        Ok(t) if t != tree => return Err(unsafe_as(Unsafe::OtherTree).into()),
        Ok(t) => {
            if words(source.text()) != words(&out) {
                return Err(unsafe_as(Unsafe::OtherTokens).into());
            }
            if layout_of(&again, &t) != out {
                return Err(unsafe_as(Unsafe::NotStable).into());
            }
        }
    }
    Ok(out)
}

fn layout_of(source: &Source, tree: &Tree) -> String {
    let text = source.text();
    let lines = lex::lines(text);
    let starts = marks::Starts(
        lines
            .iter()
            .flat_map(|l| &l.tokens)
            .filter(|t| t.kind != lex::Kind::Comment)
            .map(|t| (t.start, t.end))
            .collect(),
    );
    let (agreement, declarations) = tree.parts();
    let marks = marks::marks(agreement, declarations, &starts);
    layout::layout(text, &lines, &marks)
}

/// The tokens of a text, comments included, as written.
fn words(text: &str) -> Vec<&str> {
    lex::lines(text)
        .iter()
        .flat_map(|l| &l.tokens)
        .map(|t| &text[t.start..t.end])
        .collect()
}

#[cfg(test)]
mod tests;
