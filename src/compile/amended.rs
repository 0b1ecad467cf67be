//! A rule file read from where `truce diff` asks (the disk, or a git
//! revision), with proposed clauses added: each clause file's
//! declarations appended to the rulebook's, parsed on their own so their
//! spans, and every diagnostic about them, point into the clause file.

use std::path::Path;

use super::{RulebookError, compile_parsed};
use crate::check::Checked;
use crate::files::{Origin, Refusal};
use crate::span::Source;
use crate::{digest, syntax};

/// Reads the rule file at `path` from `origin`, adds the declarations of
/// each clause file (read from disk), and compiles the whole.
pub fn load_amended(
    path: &Path,
    origin: &Origin,
    clauses: &[&Path],
) -> Result<Checked, RulebookError> {
    let text = read(path, origin)?;
    let sha256 = digest::of(text.as_bytes());
    let source = Source::with_origin(path.display().to_string(), bare(text), origin.clone());
    let mut ast = syntax::parse_rulebook(&source)?;
    for clause in clauses {
        let text = crate::files::read_given(clause).map_err(|why| RulebookError::Read {
            path: clause.display().to_string(),
            reason: why.to_string(),
        })?;
        let fragment = Source::new(clause.display().to_string(), bare(text));
        ast.declarations.extend(syntax::parse_clauses(&fragment)?);
    }
    let mut checked = compile_parsed(ast, &source)?;
    checked.rulebook.sha256 = Some(sha256);
    Ok(checked)
}

/// The rule file's text, from disk or from the revision (under the
/// file-access rule: a regular file no larger than the limit).
fn read(path: &Path, origin: &Origin) -> Result<String, RulebookError> {
    let refused = |why: Refusal| RulebookError::Read {
        path: path.display().to_string(),
        reason: why.to_string(),
    };
    match origin {
        Origin::Disk => crate::files::read_given(path).map_err(refused),
        Origin::Revision(_) => {
            let tree = origin.tree_of(path);
            origin
                .read_inside(&tree, path)
                .map(|(_, text)| text)
                .map_err(refused)
        }
    }
}

/// The text without a byte-order mark, which is not part of the rules.
fn bare(text: String) -> String {
    text.strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text)
}
