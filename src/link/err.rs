//! Problems with imports: each kind with its facts and its own code.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceSpan};
use thiserror::Error;

use crate::span::{NamedFile, Span};

/// What is wrong with an `import`.
#[derive(Debug, Error)]
pub enum Import {
    #[error("cannot read `{file}`")]
    Unreadable { file: String },
    #[error("cannot use `{file}`: {why}")]
    Unusable { file: String, why: String },
    /// `folder`: the folder of the rulebook being loaded, as shown.
    #[error("`{file}` lies outside the folder of the rulebook being loaded (`{folder}`)")]
    Outside { file: String, folder: String },
    /// `chain`: the files from the first imported again to itself.
    #[error("import cycle: {}", chain.join(" → "))]
    Cycle { chain: Vec<String> },
    /// `kind`: what the declaration is, `a deadline`.
    #[error("`{name}` is {kind}, and cannot be imported")]
    NotImportable { name: String, kind: &'static str },
    #[error("`{name}` is not declared in `{file}`")]
    NotDeclared { name: String, file: String },
}

impl Import {
    /// `truce::import::<kind>`, documented in docs/diagnostics.md.
    pub fn code(&self) -> &'static str {
        match self {
            Import::Unreadable { .. } | Import::Unusable { .. } => "truce::import::unreadable",
            Import::Outside { .. } => "truce::import::outside",
            Import::Cycle { .. } => "truce::import::cycle",
            Import::NotImportable { .. } => "truce::import::not_importable",
            Import::NotDeclared { .. } => "truce::import::unknown_name",
        }
    }
}

/// A problem with an import, where it is written.
#[derive(Debug, Error)]
#[error("{problem}")]
pub struct ImportError {
    pub problem: Import,
    src: NamedFile,
    span: SourceSpan,
    label: &'static str,
    help: Option<String>,
}

impl ImportError {
    pub(super) fn new(
        at: &Span,
        problem: Import,
        label: &'static str,
        help: Option<String>,
    ) -> Self {
        ImportError {
            problem,
            src: at.source.named(),
            span: at.into(),
            label,
            help,
        }
    }
}

impl Diagnostic for ImportError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.problem.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_with_span(Some(self.label.to_owned()), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}

#[cfg(test)]
mod tests {
    use super::Import;

    #[test]
    fn every_import_code_is_documented() {
        let documented = include_str!("../../docs/diagnostics.md");
        let s = String::new;
        let kinds = [
            Import::Unreadable { file: s() },
            Import::Outside {
                file: s(),
                folder: s(),
            },
            Import::Cycle { chain: Vec::new() },
            Import::NotImportable {
                name: s(),
                kind: "a deadline",
            },
            Import::NotDeclared {
                name: s(),
                file: s(),
            },
        ];
        for kind in kinds {
            let code = kind.code();
            assert!(documented.contains(&format!("| `{code}` |")), "{code}");
        }
    }
}
