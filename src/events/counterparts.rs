//! Counterparts across the instruments judged together: which party of
//! one instrument a name recorded in another's words stands for.
//!
//! A rulebook declares its parties' counterparts by the other instrument's
//! title (`party ROK "..." under UNC in "Korean Armistice Agreement"`).
//! Only when that instrument is loaded alongside can the counterpart be
//! resolved: one naming an instrument not loaded is a warning (the run
//! does not need it); one naming a party the instrument does not declare,
//! or making one recorded name stand for two parties of one instrument, is
//! an error (the run would misread the record).

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::ast::CounterpartKind;
use crate::check::{Counterpart, PartyIdx, Role, Rulebook};
use crate::name::Name;
use crate::span::{NamedFile, Span};

/// A counterpart resolved: rulebook `declared_by`'s counterpart number
/// `counterpart` names party `party` of rulebook `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub declared_by: usize,
    pub counterpart: usize,
    pub other: usize,
    pub party: PartyIdx,
}

/// How a recorded name came to stand for an instrument's party: by a
/// counterpart some rulebook declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Via {
    pub kind: CounterpartKind,
    /// The rulebook that declares it.
    pub declared_by: usize,
}

/// A problem with a counterpart that shows only when several instruments
/// are judged together.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct CounterpartProblem {
    code: &'static str,
    error: bool,
    src: NamedFile,
    span: SourceSpan,
    message: String,
    label: String,
    help: Option<String>,
}

impl Diagnostic for CounterpartProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.error {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        })
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

impl CounterpartProblem {
    fn new(code: &'static str, error: bool, at: &Span, message: String, label: &str) -> Self {
        CounterpartProblem {
            code,
            error,
            src: at.source.named(),
            span: at.into(),
            message,
            label: label.to_owned(),
            help: None,
        }
    }

    fn help(mut self, help: String) -> Self {
        self.help = Some(help);
        self
    }

    /// An error stops the run; a warning is shown and the run goes on.
    pub fn is_error(&self) -> bool {
        self.error
    }
}

/// Every counterpart the rulebooks declare, resolved against one another,
/// and the problems found. A counterpart with a problem gives no link.
pub fn resolve(rulebooks: &[&Rulebook]) -> (Vec<Link>, Vec<CounterpartProblem>) {
    let mut links = Vec::new();
    let mut problems = Vec::new();
    for (d, book) in rulebooks.iter().enumerate() {
        for (k, c) in book.counterparts.iter().enumerate() {
            match find(rulebooks, c) {
                Ok((other, party)) => links.push(Link {
                    declared_by: d,
                    counterpart: k,
                    other,
                    party,
                }),
                Err(p) => problems.push(p),
            }
        }
    }
    let kept = consistent(rulebooks, links, &mut problems);
    (kept, problems)
}

/// Only the problems: for `truce check` and before a run.
pub fn problems(rulebooks: &[&Rulebook]) -> Vec<CounterpartProblem> {
    resolve(rulebooks).1
}

/// The instrument and party a counterpart names.
fn find(rulebooks: &[&Rulebook], c: &Counterpart) -> Result<(usize, PartyIdx), CounterpartProblem> {
    let Some(other) = rulebooks.iter().position(|r| r.title == c.instrument) else {
        let titles: Vec<&str> = rulebooks.iter().map(|r| &*r.title).collect();
        let mut help =
            crate::suggest::suggestion(&c.instrument, &titles, '"', "the instruments loaded are");
        if crate::suggest::did_you_mean(&c.instrument, &titles).is_none() {
            help.push_str("; give the other's rule file too to judge under both");
        }
        let message = format!(
            "\"{}\" is not among the instruments loaded together, so this counterpart is not used",
            c.instrument
        );
        return Err(CounterpartProblem::new(
            "truce::instruments::not_loaded",
            false,
            &c.instrument_at,
            message,
            "no instrument of this title",
        )
        .help(help));
    };
    let book = rulebooks[other];
    match book.party(&c.other) {
        Some(p) if book.parties[usize::from(p)].role == Role::Party => Ok((other, p)),
        Some(p) => {
            let role = book.parties[usize::from(p)].role;
            let message = format!(
                "`{}` is {} of \"{}\", not a party",
                c.other,
                role_phrase(role),
                book.title
            );
            Err(CounterpartProblem::new(
                "truce::instruments::counterpart",
                true,
                &c.other_at,
                message,
                "here",
            )
            .help("a counterpart is a party: the forces an instrument binds".to_owned()))
        }
        None => {
            let parties: Vec<&str> = book
                .parties
                .iter()
                .filter(|p| p.role == Role::Party)
                .map(|p| &*p.id)
                .collect();
            let help = crate::suggest::suggestion(&c.other, &parties, '`', "its parties are");
            let message = format!("\"{}\" declares no party `{}`", book.title, c.other);
            Err(CounterpartProblem::new(
                "truce::instruments::counterpart",
                true,
                &c.other_at,
                message,
                "no such party",
            )
            .help(help))
        }
    }
}

/// Keeps the links under which every recorded name stands for at most one
/// party of each instrument; each link that would make a name stand for a
/// second one is an error, and dropped.
fn consistent(
    rulebooks: &[&Rulebook],
    links: Vec<Link>,
    problems: &mut Vec<CounterpartProblem>,
) -> Vec<Link> {
    // What each (instrument, recorded name) stands for so far, and why.
    let mut taken: Vec<(usize, Name, PartyIdx, Option<Link>)> = Vec::new();
    for (r, book) in rulebooks.iter().enumerate() {
        for (i, p) in book.parties.iter().enumerate() {
            taken.push((r, p.id.clone(), i as PartyIdx, None));
        }
    }
    let mut kept = Vec::new();
    for link in links {
        let mut clash = None;
        for (r, name, party) in readings(rulebooks, link) {
            let held = taken.iter().find(|(t, n, _, _)| *t == r && *n == name);
            match held {
                Some((_, _, p, _)) if *p == party => {}
                Some(&(_, _, p, by)) => {
                    clash = Some((r, name, party, p, by));
                    break;
                }
                None => {}
            }
        }
        match clash {
            Some(c) => problems.push(clash_problem(rulebooks, link, c)),
            None => {
                for (r, name, party) in readings(rulebooks, link) {
                    if !taken.iter().any(|(t, n, _, _)| *t == r && *n == name) {
                        taken.push((r, name, party, Some(link)));
                    }
                }
                kept.push(link);
            }
        }
    }
    kept
}

/// What a link makes recorded names stand for: `(instrument, name, party)`.
/// The declaring party's name stands for the counterpart in the other
/// instrument; with `as`, the counterpart's name stands for the declaring
/// party too. (Under `under`, the counterpart's forces are not all the
/// declaring party's, so its name stands for nothing in the declaring
/// instrument.)
pub fn readings(rulebooks: &[&Rulebook], link: Link) -> Vec<(usize, Name, PartyIdx)> {
    let book = rulebooks[link.declared_by];
    let c = &book.counterparts[link.counterpart];
    let ours = book.parties[usize::from(c.party)].id.clone();
    let theirs = rulebooks[link.other].parties[usize::from(link.party)]
        .id
        .clone();
    let mut out = vec![(link.other, ours, link.party)];
    match c.kind {
        CounterpartKind::Same => out.push((link.declared_by, theirs, c.party)),
        CounterpartKind::Under => {}
    }
    out
}

/// The error for a link that would make `name` stand for `party` in
/// instrument `r`, where it already stands for `held` (by `by`, or by its
/// own declaration there).
fn clash_problem(
    rulebooks: &[&Rulebook],
    link: Link,
    (r, name, party, held, by): (usize, Name, PartyIdx, PartyIdx, Option<Link>),
) -> CounterpartProblem {
    let book = rulebooks[r];
    let c = &rulebooks[link.declared_by].counterparts[link.counterpart];
    let id = |p: PartyIdx| &book.parties[usize::from(p)].id;
    let why = match by {
        None => format!("\"{}\" declares `{name}` itself", book.title),
        Some(b) => {
            let other = &rulebooks[b.declared_by].counterparts[b.counterpart];
            let (line, _) = other.span.source.line_col(other.span.range.start);
            format!(
                "a counterpart declared in `{}`, line {line}, already reads it as `{}`",
                other.span.source.name(),
                id(held)
            )
        }
    };
    let message = format!(
        "with this counterpart, `{name}` would stand for two parties of \"{}\": `{}` and `{}`",
        book.title,
        id(held),
        id(party)
    );
    CounterpartProblem::new(
        "truce::instruments::counterpart",
        true,
        &c.span,
        message,
        "a second reading",
    )
    .help(format!(
        "{why}; a name recorded once must mean one party of each instrument"
    ))
}

/// What an actor of an instrument is, for a message.
fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Party => "a party",
        Role::Monitor => "a monitor",
        Role::Group => "a group",
        Role::NonParty { .. } => "a non-party",
        Role::Mediator => "a mediator",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(path: &str, header: &str) -> Rulebook {
        let text = format!("{header}act fire \"discharge of a weapon\"\n");
        let source = crate::span::Source::new(path, text);
        crate::compile(&source)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .rulebook
    }

    const A: &str = "agreement \"Armistice\" { in force 1953-07-27 22:00 Asia/Seoul\n  party UNC \"Command\"\n  party KPA \"Army\"\n  monitor MAC \"Commission\" }\n";

    fn later(header: &str) -> Rulebook {
        book(
            "b.truce",
            &format!("agreement \"Later\" {{ in force 2018-11-01 00:00 Asia/Seoul\n{header} }}\n"),
        )
    }

    #[test]
    fn a_counterpart_links_a_party_to_the_other_instruments() {
        let a = book("a.truce", A);
        let b = later(
            "  party ROK \"South\" under UNC in \"Armistice\"\n  party DPRK \"North\" as KPA in \"Armistice\"",
        );
        let (links, problems) = resolve(&[&a, &b]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(links.len(), 2);
        let names = |l: Link| -> Vec<(usize, String, String)> {
            readings(&[&a, &b], l)
                .into_iter()
                .map(|(r, n, p)| {
                    let book = [&a, &b][r];
                    (
                        r,
                        n.to_string(),
                        book.parties[usize::from(p)].id.to_string(),
                    )
                })
                .collect()
        };
        // ROK reads as UNC in the Armistice; UNC stands for nothing in the later one.
        assert_eq!(names(links[0]), [(0, "ROK".into(), "UNC".into())]);
        // The same forces: each name reads as the other.
        assert_eq!(
            names(links[1]),
            [
                (0, "DPRK".into(), "KPA".into()),
                (1, "KPA".into(), "DPRK".into())
            ]
        );
    }

    #[test]
    fn a_counterpart_in_an_instrument_not_loaded_is_a_warning_only() {
        let b = later("  party ROK \"South\" under UNC in \"Armistice\"\n  party DPRK \"North\"");
        let (links, problems) = resolve(&[&b]);
        assert!(links.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].is_error());
        assert_eq!(problems[0].code, "truce::instruments::not_loaded");
    }

    #[test]
    fn a_counterpart_the_other_does_not_declare_as_a_party_is_an_error() {
        let a = book("a.truce", A);
        let b = later(
            "  party ROK \"South\" under UNK in \"Armistice\"\n  party DPRK \"North\" as MAC in \"Armistice\"",
        );
        let (links, problems) = resolve(&[&a, &b]);
        assert!(links.is_empty());
        assert_eq!(problems.len(), 2);
        assert!(problems.iter().all(CounterpartProblem::is_error));
    }

    #[test]
    fn a_name_standing_for_two_parties_of_one_instrument_is_an_error() {
        let a = book("a.truce", A);
        // The Armistice declares `KPA` itself; a third instrument may not
        // make the later one's `DPRK` stand for `UNC` once `as KPA` holds.
        let b = later("  party ROK \"South\"\n  party DPRK \"North\" as KPA in \"Armistice\"");
        let c = book(
            "c.truce",
            "agreement \"Third\" { in force 2019-01-01 00:00 Asia/Seoul\n  party DPRK \"North\" as UNC in \"Armistice\"\n  party X \"Other\" }\n",
        );
        let (links, problems) = resolve(&[&a, &b, &c]);
        assert_eq!(links.len(), 1, "the first reading stands");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_error());
    }
}
