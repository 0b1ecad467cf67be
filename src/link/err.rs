//! Problems with imports: each kind with its facts and its own code.

use thiserror::Error;

use crate::located::{Located, Problem};

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

impl Problem for Import {
    fn code(&self) -> &'static str {
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
pub type ImportError = Located<Import>;
