//! Problems with a case manifest (`case.yaml`): each kind with its facts
//! and its own code, placed where the manifest writes it.

use thiserror::Error;

use crate::located::{Located, Problem as Kind};
use crate::span::{Source, Span};

/// What is wrong in a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    /// The text is not YAML (`why` is the YAML reader's own account).
    #[error("the manifest is not valid YAML: {why}")]
    NotYaml { why: String },
    /// Larger than a manifest may be (`limit` in bytes).
    #[error("the manifest is larger than {limit} bytes")]
    TooLarge { limit: usize },
    /// Lists and mappings nested deeper than a manifest may nest them.
    #[error("the manifest nests lists and mappings more than {limit} deep")]
    TooDeep { limit: usize },
    /// `within`: `the manifest`, or the expectation of an event.
    #[error("unknown key `{key}` in {within}")]
    UnknownKey { key: String, within: String },
    #[error("{within} has no `{key}`")]
    MissingKey { key: &'static str, within: String },
    /// `wants`: what the key takes, `a list of article labels`.
    #[error("`{key}` takes {wants}, not {found}")]
    WrongType {
        key: String,
        wants: &'static str,
        found: &'static str,
    },
    #[error("unknown outcome `{outcome}`")]
    UnknownOutcome { outcome: String },
    #[error("no rulebook of the case declares a party `{party}`")]
    UnknownParty { party: String },
    #[error("no rulebook of the case has an article `{article}`")]
    UnknownArticle { article: String },
    /// An id the manifest expects that the events file does not hold (nor
    /// implies).
    #[error("the events file has no event `{event}`")]
    UnknownEvent { event: String },
    #[error("no rulebook of the case declares a doctrine `{doctrine}`")]
    UnknownDoctrine { doctrine: String },
    #[error("doctrine `{doctrine}` has no setting `{setting}`")]
    UnknownSetting { doctrine: String, setting: String },
    /// Words that are in no rulebook's title.
    #[error("no rulebook of the case has `{words}` in its title")]
    UnknownInstrument { words: String },
    /// A `why:` whose `kind` no summary, reason or translation has.
    #[error("unknown kind `{kind}` in `why`")]
    UnknownWhy { kind: String },
}

impl Kind for Problem {
    fn code(&self) -> &'static str {
        match self {
            Problem::NotYaml { .. } => "truce::case::not_yaml",
            Problem::TooLarge { .. } => "truce::case::too_large",
            Problem::TooDeep { .. } => "truce::case::too_deep",
            Problem::UnknownKey { .. } => "truce::case::unknown_key",
            Problem::MissingKey { .. } => "truce::case::missing_key",
            Problem::WrongType { .. } => "truce::case::wrong_type",
            Problem::UnknownOutcome { .. } => "truce::case::unknown_outcome",
            Problem::UnknownParty { .. } => "truce::case::unknown_party",
            Problem::UnknownArticle { .. } => "truce::case::unknown_article",
            Problem::UnknownEvent { .. } => "truce::case::unknown_event",
            Problem::UnknownDoctrine { .. } => "truce::case::unknown_doctrine",
            Problem::UnknownSetting { .. } => "truce::case::unknown_setting",
            Problem::UnknownInstrument { .. } => "truce::case::unknown_instrument",
            Problem::UnknownWhy { .. } => "truce::case::unknown_why",
        }
    }
}

/// A problem of a manifest, where it is written.
pub type ManifestError = Located<Problem>;

/// `problem` at the bytes `at` of the manifest, with advice.
pub(crate) fn at(
    source: &Source,
    at: std::ops::Range<usize>,
    problem: Problem,
    help: Option<String>,
) -> ManifestError {
    let located = Kind::at(problem, &Span::new(source, at), "here");
    match help {
        Some(help) => located.help(help),
        None => located,
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind as _, Problem};

    #[test]
    fn every_case_code_is_documented() {
        let documented = include_str!("../../docs/diagnostics.md");
        let s = String::new;
        let kinds = [
            Problem::NotYaml { why: s() },
            Problem::TooLarge { limit: 0 },
            Problem::TooDeep { limit: 0 },
            Problem::UnknownKey {
                key: s(),
                within: s(),
            },
            Problem::MissingKey {
                key: "",
                within: s(),
            },
            Problem::WrongType {
                key: s(),
                wants: "",
                found: "",
            },
            Problem::UnknownOutcome { outcome: s() },
            Problem::UnknownParty { party: s() },
            Problem::UnknownArticle { article: s() },
            Problem::UnknownEvent { event: s() },
            Problem::UnknownDoctrine { doctrine: s() },
            Problem::UnknownSetting {
                doctrine: s(),
                setting: s(),
            },
            Problem::UnknownInstrument { words: s() },
            Problem::UnknownWhy { kind: s() },
        ];
        for kind in kinds {
            let code = kind.code();
            assert!(documented.contains(&format!("| `{code}` |")), "{code}");
        }
    }
}
