//! Problems found while checking a rulebook, reported all at once.
//!
//! Each problem is a struct carrying its file and span; messages are
//! lower-case, user input is in backticks and advice goes in `help`.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::span::{NamedFile, Span};

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
    Invalid(#[from] InvalidError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Overlap(#[from] OverlapError),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Degenerate(#[from] DegenerateError),
}

/// A warning: the rulebook works, but a negotiator should look again.
/// Its code says which kind (`truce::check::unused`,
/// `truce::check::unranked`), so the impl is written out.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct CheckWarning {
    code: &'static str,
    src: NamedFile,
    span: SourceSpan,
    message: String,
    label: String,
    help: Option<String>,
    offset: usize,
}

impl Diagnostic for CheckWarning {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Warning)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let label = miette::LabeledSpan::new_with_span(Some(self.label.clone()), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}

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

/// Anything else that is wrong at a place: a kind mismatch, a bad date,
/// an unreadable GeoJSON file, a missing clause.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(truce::check))]
pub struct InvalidError {
    #[source_code]
    src: NamedFile,
    #[label("{label}")]
    span: SourceSpan,
    message: String,
    label: String,
    #[help]
    help: Option<String>,
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
        let help = match did_you_mean(&name, candidates) {
            Some(best) => format!("did you mean `{best}`?"),
            None => declare.to_owned(),
        };
        UnknownNameError {
            src: span.source.named(),
            span: span.into(),
            what,
            name,
            help,
        }
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

impl InvalidError {
    pub fn new(span: &Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        InvalidError {
            src: span.source.named(),
            span: span.into(),
            message: message.into(),
            label: label.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl CheckWarning {
    /// A declaration nothing uses.
    pub fn unused(span: &Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new("truce::check::unused", span, message, label)
    }

    /// Exceptions of opposite effect with no rank between them.
    pub fn unranked(span: &Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new("truce::check::unranked", span, message, label)
    }

    /// Coordinates that lie far from the rest of the rulebook's geometry,
    /// but near it with longitude and latitude exchanged.
    pub fn swapped(span: &Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new("truce::check::swapped", span, message, label)
    }

    /// A polygon whose edges cross or touch each other.
    pub fn self_crossing(
        span: &Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Self::new("truce::check::self_crossing", span, message, label)
    }

    /// A point the rulebook says a zone or area contains (or a holding's
    /// reference point, its party's area) that lies outside it.
    pub fn outside(span: &Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Self::new("truce::check::outside", span, message, label)
    }

    /// A holding that gives another party the side of a line where part
    /// of a party's area lies.
    pub fn side_conflict(
        span: &Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Self::new("truce::check::side_conflict", span, message, label)
    }

    fn new(
        code: &'static str,
        span: &Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        CheckWarning {
            code,
            src: span.source.named(),
            span: span.into(),
            message: message.into(),
            label: label.into(),
            help: None,
            offset: span.range.start,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Where the warning starts, for ordering.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl CheckError {
    /// Where the problem starts, for ordering.
    pub fn offset(&self) -> usize {
        match self {
            CheckError::UnknownName(e) => e.span.offset(),
            CheckError::Duplicate(e) => e.span.offset(),
            CheckError::Invalid(e) => e.span.offset(),
            CheckError::Overlap(e) => e.span.offset(),
            CheckError::Degenerate(e) => e.span.offset(),
        }
    }
}

// Did-you-mean sits below every stage (`crate::suggest`); the checker's
// sites import it from here.
pub(super) use crate::suggest::{did_you_mean, suggestion};
