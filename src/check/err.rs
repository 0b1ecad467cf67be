//! Problems found while checking a rulebook, reported all at once.
//!
//! Each problem is a struct carrying its file and span; messages are
//! lower-case, user input is in backticks and advice goes in `help`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::span::{NamedFile, Span};

mod conditions;
mod declarations;
#[cfg(test)]
mod documented;
mod geometry;
mod values;
mod warnings;

/// The kinds of declaration, as [`WrongKind::Name`] carries them.
pub use super::symbols::Kind;
pub use crate::located::{Located, Problem};
pub use conditions::{Misplaced, Sort, TooComplex, Unbound, UnitMismatch, WrongKind};
pub use declarations::{BadCounterpart, Missing, Repeated, Reserved, SelfReference, WrongRole};
pub use geometry::{BadGeoJson, BadGeometry, BadSide};
pub use values::{BadTime, OutOfRange, Range};
pub use warnings::Warning;

/// One problem in a rulebook.
#[derive(Debug, Error, Diagnostic)]
pub enum CheckError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    UnknownName(#[from] UnknownNameError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Duplicate(#[from] DuplicateError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    WrongKind(#[from] Located<WrongKind>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unbound(#[from] Located<Unbound>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    UnitMismatch(#[from] Located<UnitMismatch>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Misplaced(#[from] Located<Misplaced>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    TooComplex(#[from] Located<TooComplex>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    OutOfRange(#[from] Located<OutOfRange>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    BadTime(#[from] Located<BadTime>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    BadGeometry(#[from] Located<BadGeometry>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    GeoJson(#[from] Located<BadGeoJson>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    BadSide(#[from] Located<BadSide>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Repeated(#[from] Located<Repeated>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    SelfReference(#[from] Located<SelfReference>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Missing(#[from] Located<Missing>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    WrongRole(#[from] Located<WrongRole>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Counterpart(#[from] Located<BadCounterpart>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Reserved(#[from] Located<Reserved>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Overlap(#[from] OverlapError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Degenerate(#[from] DegenerateError),
}

/// A warning: the rulebook works, but a negotiator should look again.
/// Its code says which kind (`truce::check::unused`, ...).
pub type CheckWarning = Located<Warning>;

/// A name that is not declared.
#[derive(Debug, Error, Diagnostic)]
#[error("unknown {what} `{name}`")]
#[diagnostic(code(truce::check::unknown_name))]
pub struct UnknownNameError {
    #[source_code]
    src: NamedFile,
    #[label("no {what} of this name")]
    span: SourceSpan,
    what: &'static str,
    name: String,
    suggested: Option<String>,
    #[help]
    help: String,
}

/// A name declared twice.
#[derive(Debug, Error, Diagnostic)]
#[error("{what} `{name}` is declared twice")]
#[diagnostic(code(truce::check::duplicate), help("{help}"))]
pub struct DuplicateError {
    #[source_code]
    src: NamedFile,
    #[label("declared again here")]
    span: SourceSpan,
    #[label("first declared here")]
    first: Option<SourceSpan>,
    what: &'static str,
    name: String,
    help: String,
}

/// Two parties' areas that share ground: whose area a position there is
/// in would have two answers. Found after checking, by the geometry lint.
#[derive(Debug, Error, Diagnostic)]
#[error("the areas of `{first_party}` and `{party}` overlap")]
#[diagnostic(code(truce::check::overlap))]
pub struct OverlapError {
    #[source_code]
    src: NamedFile,
    #[label("`{party}`'s area overlaps `{first_party}`'s")]
    span: SourceSpan,
    #[label("`{first_party}`'s area")]
    first: Option<SourceSpan>,
    first_party: String,
    party: String,
    #[help]
    help: String,
}

/// A polygon whose points lie on one line: it encloses no ground, so
/// nothing is ever in its zone. Found after checking, by the geometry lint.
#[derive(Debug, Error, Diagnostic)]
#[error("{which} encloses no area: its points lie on one line")]
#[diagnostic(
    code(truce::check::degenerate),
    help(
        "a polygon needs three points or more that do not lie on one line; a band along a line is written `within 2 km of LINE`"
    )
)]
pub struct DegenerateError {
    #[source_code]
    src: NamedFile,
    #[label("no ground inside")]
    span: SourceSpan,
    which: String,
}

impl DegenerateError {
    /// `which`: the polygon, in words (`the polygon of zone `dmz``).
    pub fn new(span: &Span, which: &str) -> Self {
        DegenerateError {
            src: span.source.named(),
            span: span.into(),
            which: which.to_owned(),
        }
    }
}

impl OverlapError {
    /// `span`: the second area, as declared; `first`: the area it overlaps;
    /// `help`: where they overlap, in words.
    pub fn new(span: &Span, party: &str, first: &Span, first_party: &str, help: String) -> Self {
        let same_file = span.source.id() == first.source.id();
        OverlapError {
            src: span.source.named(),
            span: span.into(),
            first: same_file.then(|| first.into()),
            first_party: first_party.to_owned(),
            party: party.to_owned(),
            help,
        }
    }
}

impl UnknownNameError {
    /// `help` suggests the nearest declared name, or how to declare one.
    pub fn new(span: &Span, what: &'static str, candidates: &[&str], declare: &str) -> Self {
        let name = span.text().to_owned();
        let suggested = did_you_mean(&name, candidates).map(str::to_owned);
        let help = match &suggested {
            Some(best) => format!("did you mean `{best}`?"),
            None => declare.to_owned(),
        };
        UnknownNameError {
            src: span.source.named(),
            span: span.into(),
            what,
            name,
            suggested,
            help,
        }
    }

    /// The name as written.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The declared name it is likely a slip for, if one is near.
    pub fn suggested(&self) -> Option<&str> {
        self.suggested.as_deref()
    }
}

impl DuplicateError {
    /// The first declaration was of another kind: names of every kind share
    /// one space, so the help says what the name already is.
    pub fn of_another_kind(mut self, first: &str) -> Self {
        self.help = format!(
            "`{}` is already a {first} here: every declaration needs a name of its own, whatever its kind; rename one",
            self.name
        );
        self
    }

    pub fn new(span: &Span, first: &Span, what: &'static str) -> Self {
        let mut help = format!(
            "give each {what} its own {}, or remove one declaration",
            if what == "article" { "label" } else { "name" }
        );
        // The two declarations may be in different files (one imported):
        // a label can only point into the file shown, so name the other.
        let same_file = span.source.id() == first.source.id();
        if !same_file {
            help = format!(
                "the other declaration is in `{}`, line {}; {help}",
                first.source.name(),
                first.source.line_col(first.range.start).0
            );
        }
        DuplicateError {
            src: span.source.named(),
            span: span.into(),
            first: same_file.then(|| first.into()),
            what,
            name: span.text().to_owned(),
            help,
        }
    }
}

impl CheckError {
    /// Where the problem starts, for ordering.
    pub fn offset(&self) -> usize {
        match self {
            CheckError::UnknownName(e) => e.span.offset(),
            CheckError::Duplicate(e) => e.span.offset(),
            CheckError::WrongKind(e) => e.offset(),
            CheckError::Unbound(e) => e.offset(),
            CheckError::UnitMismatch(e) => e.offset(),
            CheckError::Misplaced(e) => e.offset(),
            CheckError::TooComplex(e) => e.offset(),
            CheckError::OutOfRange(e) => e.offset(),
            CheckError::BadTime(e) => e.offset(),
            CheckError::BadGeometry(e) => e.offset(),
            CheckError::GeoJson(e) => e.offset(),
            CheckError::BadSide(e) => e.offset(),
            CheckError::Repeated(e) => e.offset(),
            CheckError::SelfReference(e) => e.offset(),
            CheckError::Missing(e) => e.offset(),
            CheckError::WrongRole(e) => e.offset(),
            CheckError::Counterpart(e) => e.offset(),
            CheckError::Reserved(e) => e.offset(),
            CheckError::Overlap(e) => e.span.offset(),
            CheckError::Degenerate(e) => e.span.offset(),
        }
    }
}

// Did-you-mean sits below every stage (`crate::suggest`); the checker's
// sites import it from here.
pub(super) use crate::suggest::{did_you_mean, suggestion};
