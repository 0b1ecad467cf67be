//! What the logic lint finds: data, worded in `render::lint`.

use super::atom::Model;
use crate::check::ActIdx;
use crate::span::Span;

/// One finding, with where it is and the model that shows it, if any.
#[derive(Debug, Clone)]
pub struct Finding {
    pub kind: Kind,
    /// The condition, part or declaration it is about.
    pub span: Span,
    /// The declaration it belongs to: a pragma before it allows it.
    pub owner: Owner,
    /// The atoms' values in an event that shows it, where one exists; a
    /// finding that is a proof of impossibility has none.
    pub model: Option<Model>,
    /// The reason an `allow` pragma gives for it, if one allows it.
    pub allowed: Option<String>,
}

/// The declaration a finding belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Article(usize),
    Exception(usize),
    Act(ActIdx),
    /// A pragma itself (its problems belong to no declaration).
    Pragma,
}

/// What was found, with its facts.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// The condition can never be true: no event meets it. A proof.
    Unsatisfiable,
    /// The exception's condition can never be true together with the
    /// condition of any article it overrides (by index): a proof.
    NeverWithArticle { articles: Vec<usize> },
    /// The whole condition is true of every event: a proof.
    AlwaysTrue,
    /// A part that is never false where the rest of the condition holds:
    /// it can be left out. A proof.
    PartAlwaysTrue,
    /// A part that is never true where the rest of the condition holds. A
    /// proof.
    PartAlwaysFalse,
    /// A part of an `or` that is never true where the others are false: it
    /// adds nothing to `by`. A proof.
    Shadowed { by: Span },
    /// An exception that applies only where `by` (of the same effect, on
    /// the same articles, ranked alike) applies too: it changes no
    /// verdict. A proof.
    Redundant { by: usize },
    /// Two exceptions of opposite effects on one article, neither ranked
    /// over the other, that can both apply to one event (the model).
    Overlap {
        article: usize,
        relieves: usize,
        upholds: usize,
    },
    /// A hostile act that no article's condition can be true of: a proof.
    Gap { act: ActIdx },
    /// An act that no condition of the rulebook names, even through a class.
    UnusedAct { act: ActIdx },
    /// A question the budget did not leave time to decide.
    NotDecided { question: Question },
    /// A pragma with no reason.
    PragmaWithoutReason,
    /// A pragma naming a code the lint does not give.
    PragmaUnknownCode { code: String },
    /// A pragma that allows no finding.
    PragmaAllowsNothing,
}

/// The questions the lint asks, to say which one was not decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Whether a condition can be true.
    Satisfiable,
    /// Whether a part of a condition matters.
    Part,
    /// Whether two exceptions can both apply, or one adds to another.
    Exceptions,
    /// Whether some article reaches an act (by index).
    Reaches(ActIdx),
}

impl Kind {
    /// The diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            Kind::Unsatisfiable | Kind::NeverWithArticle { .. } => "truce::lint::unsatisfiable",
            Kind::AlwaysTrue | Kind::PartAlwaysTrue => "truce::lint::always_true",
            Kind::PartAlwaysFalse => "truce::lint::always_false",
            Kind::Shadowed { .. } | Kind::Redundant { .. } => "truce::lint::shadowed",
            Kind::Overlap { .. } => "truce::lint::overlap",
            Kind::Gap { .. } => "truce::lint::gap",
            Kind::UnusedAct { .. } => "truce::lint::unused",
            Kind::NotDecided { .. } => "truce::lint::not_decided",
            Kind::PragmaWithoutReason
            | Kind::PragmaUnknownCode { .. }
            | Kind::PragmaAllowsNothing => "truce::lint::pragma",
        }
    }

    /// The code's last part, as a pragma names it: `gap`.
    pub fn short_code(&self) -> &'static str {
        let code = self.code();
        code.rsplit("::").next().unwrap_or(code)
    }

    /// Whether it is an error (a provision that can never apply), rather
    /// than a warning.
    pub fn is_error(&self) -> bool {
        match self {
            Kind::Unsatisfiable | Kind::NeverWithArticle { .. } => true,
            Kind::AlwaysTrue
            | Kind::PartAlwaysTrue
            | Kind::PartAlwaysFalse
            | Kind::Shadowed { .. }
            | Kind::Redundant { .. }
            | Kind::Overlap { .. }
            | Kind::Gap { .. }
            | Kind::UnusedAct { .. }
            | Kind::NotDecided { .. }
            | Kind::PragmaWithoutReason
            | Kind::PragmaUnknownCode { .. }
            | Kind::PragmaAllowsNothing => false,
        }
    }

    /// Whether it is proved for every event (given complete facts), as
    /// opposed to shown by a model of the abstraction.
    pub fn is_proof(&self) -> bool {
        match self {
            Kind::Unsatisfiable
            | Kind::NeverWithArticle { .. }
            | Kind::AlwaysTrue
            | Kind::PartAlwaysTrue
            | Kind::PartAlwaysFalse
            | Kind::Shadowed { .. }
            | Kind::Redundant { .. }
            | Kind::Gap { .. } => true,
            Kind::Overlap { .. }
            | Kind::UnusedAct { .. }
            | Kind::NotDecided { .. }
            | Kind::PragmaWithoutReason
            | Kind::PragmaUnknownCode { .. }
            | Kind::PragmaAllowsNothing => false,
        }
    }
}

/// Every code a pragma may allow.
pub const CODES: [&str; 8] = [
    "unsatisfiable",
    "always_true",
    "always_false",
    "shadowed",
    "overlap",
    "gap",
    "unused",
    "not_decided",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// One finding of every kind.
    fn samples() -> Vec<Kind> {
        let source = crate::span::Source::new("t.truce", "x");
        let span = crate::span::Span::new(&source, 0..1);
        vec![
            Kind::Unsatisfiable,
            Kind::NeverWithArticle { articles: vec![0] },
            Kind::AlwaysTrue,
            Kind::PartAlwaysTrue,
            Kind::PartAlwaysFalse,
            Kind::Shadowed { by: span },
            Kind::Redundant { by: 0 },
            Kind::Overlap {
                article: 0,
                relieves: 0,
                upholds: 1,
            },
            Kind::Gap { act: 0 },
            Kind::UnusedAct { act: 0 },
            Kind::NotDecided {
                question: Question::Part,
            },
            Kind::PragmaWithoutReason,
            Kind::PragmaUnknownCode { code: "x".into() },
            Kind::PragmaAllowsNothing,
        ]
    }

    #[test]
    fn every_code_is_documented_and_a_pragma_can_name_it() {
        let documented = include_str!("../../../docs/diagnostics.md");
        for kind in samples() {
            let code = kind.code();
            assert!(documented.contains(&format!("| `{code}` |")), "{code}");
            let short = kind.short_code();
            assert!(CODES.contains(&short) || short == "pragma", "{short}");
        }
    }
}
