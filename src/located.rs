//! A problem of one kind at a place in a file.
//!
//! Below every stage, so the checker, the linker and the case reader place
//! their problems alike. Every kind of problem is an enum whose variants carry
//! the facts (names, kinds, numbers) and whose words are written once, with
//! thiserror, on the variant; [`Problem`] gives it its code. [`Located`]
//! adds what every kind shares: the file, the span and its label, and the
//! advice. So a tool can act on the code and the variant alone, and a person
//! reads the rendered diagnostic.

use std::borrow::Cow;
use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceSpan};

use crate::span::{NamedFile, Span};

/// A kind of problem: its message (`Display`), its diagnostic code and
/// whether it stops the rulebook from checking.
pub trait Problem: fmt::Display + fmt::Debug + Send + Sync + 'static {
    /// `truce::<stage>::<kind>`, documented in docs/diagnostics.md.
    fn code(&self) -> &'static str;

    /// An error, unless the kind is a warning.
    fn severity(&self) -> Severity {
        Severity::Error
    }

    /// This problem at `span`, whose label says what is there.
    fn at(self, span: &Span, label: impl Into<Cow<'static, str>>) -> Located<Self>
    where
        Self: Sized,
    {
        Located::new(span, self, label)
    }
}

/// Implements [`Problem`] for an error kind with one code.
macro_rules! problem {
    ($kind:ty, $code:literal) => {
        impl $crate::located::Problem for $kind {
            fn code(&self) -> &'static str {
                $code
            }
        }
    };
}
pub(crate) use problem;

/// A problem of kind `P` at a place, with a label and perhaps advice.
#[derive(Debug)]
pub struct Located<P> {
    /// What is wrong, with its facts.
    pub problem: P,
    src: NamedFile,
    span: SourceSpan,
    label: Cow<'static, str>,
    help: Option<String>,
}

impl<P: Problem> Located<P> {
    pub fn new(span: &Span, problem: P, label: impl Into<Cow<'static, str>>) -> Self {
        Located {
            problem,
            src: span.source.named(),
            span: span.into(),
            label: label.into(),
            help: None,
        }
    }

    /// Advice: what to write instead.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Where the problem starts, for ordering.
    pub fn offset(&self) -> usize {
        self.span.offset()
    }

    /// The 1-based line and column the problem is placed at.
    pub fn line_col(&self) -> (usize, usize) {
        self.src.inner().line_col(self.span.offset())
    }

    /// `cases/x/case.yaml:4:7`
    pub fn place(&self) -> String {
        let (line, column) = self.line_col();
        format!("{}:{line}:{column}", self.src.inner().name())
    }

    /// The span shown, as a byte range of its file.
    pub fn span(&self) -> SourceSpan {
        self.span
    }
}

impl<P: Problem> fmt::Display for Located<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.problem, f)
    }
}

impl<P: Problem> std::error::Error for Located<P> {}

impl<P: Problem> Diagnostic for Located<P> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.problem.code()))
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.problem.severity())
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
        let label = LabeledSpan::new_with_span(Some(self.label.to_string()), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}
