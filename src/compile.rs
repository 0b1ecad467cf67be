//! A rule file → a checked rulebook: parsed, linked, checked, then its
//! geometry linted, so every command sees the lint's problems.

use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

use crate::check::{self, CheckErrors, Checked};
use crate::span::Source;
use crate::syntax::{self, SyntaxError, SyntaxErrors};
use crate::{digest, link, lint};

mod amended;

pub use amended::load_amended;

/// A rule file that cannot be used.
#[derive(Debug, Error, Diagnostic)]
pub enum RulebookError {
    #[error("cannot read rule file `{path}`: {reason}")]
    #[diagnostic(code(truce::rules::read))]
    Read { path: String, reason: String },
    /// Every syntax error of the file; checking is skipped, since a name
    /// declared in a piece that did not parse would read as unknown.
    #[error("{} syntax error(s) in the rule file", .0.count())]
    Syntax(SyntaxErrors),
    #[error("{} problem(s) with the rulebook's imports", .0.len())]
    Link(Vec<link::LinkError>),
    #[error("{} problem(s) in the rulebook", .0.errors.len())]
    Check(CheckErrors),
}

impl From<SyntaxErrors> for RulebookError {
    fn from(all: SyntaxErrors) -> Self {
        RulebookError::Syntax(all)
    }
}

/// One syntax error, from a parse that stops at the first.
impl From<SyntaxError> for RulebookError {
    fn from(one: SyntaxError) -> Self {
        RulebookError::Syntax(one.into())
    }
}

/// Reads, parses and checks a rule file.
pub fn load_rulebook(path: &Path) -> Result<Checked, RulebookError> {
    let text = crate::files::read_given(path).map_err(|why| RulebookError::Read {
        path: path.display().to_string(),
        reason: why.to_string(),
    })?;
    // Hashed as read: a piped rule file, or one edited while truce runs,
    // is reported as what was judged.
    let sha256 = digest::of(text.as_bytes());
    // A byte-order mark is not part of the rule text.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let mut checked = compile(&Source::new(path.display().to_string(), text))?;
    checked.rulebook.sha256 = Some(sha256);
    Ok(checked)
}

/// Parses, links and checks rule text already in memory (imports are read
/// relative to the source's name), then lints its geometry: an overlap of
/// areas fails it, the lint's warnings join the checker's.
pub fn compile(source: &Source) -> Result<Checked, RulebookError> {
    let ast = syntax::parse_rulebook_all(source)?;
    compile_parsed(ast, source)
}

/// Links, checks and lints a parsed rulebook read from `source`.
fn compile_parsed(ast: crate::ast::Rulebook, source: &Source) -> Result<Checked, RulebookError> {
    let linked = link::link(ast, source).map_err(RulebookError::Link)?;
    let mut checked = check::check(&linked.ast, source).map_err(RulebookError::Check)?;
    checked.rulebook.imported_files = linked.files;
    let found = lint::lint(&checked.rulebook);
    checked.warnings.extend(found.warnings);
    checked.warnings.sort_by_key(check::CheckWarning::offset);
    if !found.errors.is_empty() {
        return Err(RulebookError::Check(CheckErrors {
            errors: found.errors,
            warnings: checked.warnings,
        }));
    }
    Ok(checked)
}
