//! The report for people to read, print or paste (`truce report`), as one
//! worded document: the HTML and Markdown renderers only lay it out, so
//! both say the same. Text from the input stays raw here; each renderer
//! escapes it for its own markup.

mod reasoning;
mod tally;

use super::words;
use crate::eval::{Outcome, Truth, Verdict};
use crate::name::Name;
use crate::report::Adjudication;

pub use reasoning::{Diligence, Exception, Finding, Node, ProofPart};
pub use tally::{Counts, NO_PARTY, Row, Tally};

/// Pictures drawn by other renderers, as SVG already rendered: each has its
/// section, and a note says when one was not drawn.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// The rulebook's geometry with the events on it.
    pub map: Option<String>,
    /// The event graph.
    pub graph: Option<String>,
}

/// What a report shows of an agreement besides its verdicts.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub title: Name,
    /// Where the text comes from, as the rulebook's `source` line says.
    pub provenance: Option<String>,
    /// The rule file, as named.
    pub path: String,
    pub parties: Vec<Name>,
    pub doctrines: Vec<Doctrine>,
}

/// A doctrine's settings and the one the report used.
#[derive(Debug, Clone)]
pub struct Doctrine {
    pub name: String,
    pub setting: String,
    pub options: Vec<String>,
    /// `rulebook`, `command line` or `case manifest`.
    pub set_by: &'static str,
    pub text: Option<Name>,
}

impl Agreement {
    /// What a report shows of `book`, read from `path`.
    pub fn of(book: &crate::check::Rulebook, path: &std::path::Path) -> Agreement {
        Agreement {
            title: book.title.clone(),
            provenance: book.provenance.clone(),
            path: path.display().to_string(),
            parties: book.parties.iter().map(|p| p.id.clone()).collect(),
            doctrines: book
                .doctrines
                .iter()
                .map(|d| Doctrine {
                    name: d.name.clone(),
                    setting: d.setting_name().to_owned(),
                    options: d.options.clone(),
                    set_by: words::set_by(d.set_by),
                    text: d.text.clone(),
                })
                .collect(),
        }
    }
}

/// Everything the report shows, worded.
#[derive(Debug)]
pub struct Document<'a> {
    pub adjudication: &'a Adjudication,
    pub agreements: &'a [Agreement],
    pub version: &'static str,
    pub tally: Tally,
    /// The judged events in input order, each with its verdicts.
    pub events: Vec<EventPart<'a>>,
    pub figures: &'a Figures,
    /// The totals in one sentence, as the text report ends.
    pub totals: String,
}

/// One judged event: what its record says, and its verdicts (one per
/// instrument that judged it).
#[derive(Debug)]
pub struct EventPart<'a> {
    pub id: &'a str,
    /// Its anchor in the document: `verdict-` and the id, made safe.
    pub anchor: String,
    /// The record's own summary, when it has one.
    pub recorded: Option<&'a str>,
    pub verdicts: Vec<VerdictPart<'a>>,
}

/// One verdict, worded.
#[derive(Debug)]
pub struct VerdictPart<'a> {
    pub outcome: Outcome,
    pub party: Option<String>,
    pub instrument: &'a str,
    pub summary: String,
    /// Implication, doctrines, translations, changes: a line each.
    pub notes: Vec<String>,
    pub in_force: Node,
    pub findings: Vec<Finding>,
}

/// The record's summary of each event, by id, for the report to quote.
pub type Recorded = std::collections::HashMap<Name, Box<str>>;

impl<'a> Document<'a> {
    pub fn new(
        adjudication: &'a Adjudication,
        agreements: &'a [Agreement],
        recorded: &'a Recorded,
        figures: &'a Figures,
    ) -> Document<'a> {
        Document {
            adjudication,
            agreements,
            version: env!("CARGO_PKG_VERSION"),
            tally: Tally::of(&adjudication.verdicts, agreements.len() > 1),
            events: events(&adjudication.verdicts, recorded),
            figures,
            totals: totals(adjudication),
        }
    }

    /// The title: the agreements' titles.
    pub fn title(&self) -> String {
        let titles: Vec<&str> = self.agreements.iter().map(|a| &*a.title).collect();
        titles.join("; ")
    }

    /// Whether several instruments judged the events.
    pub fn several(&self) -> bool {
        self.agreements.len() > 1
    }

    /// The headings of the by-article table's keys.
    pub fn article_keys(&self) -> &'static [&'static str] {
        if self.several() {
            &["Agreement", "Article"]
        } else {
            &["Article"]
        }
    }
}

/// Verdicts grouped by event: verdicts follow input order, so one event's
/// verdicts are side by side.
fn events<'a>(verdicts: &'a [Verdict], recorded: &'a Recorded) -> Vec<EventPart<'a>> {
    let mut out: Vec<EventPart<'a>> = Vec::new();
    for v in verdicts {
        let part = verdict(v);
        match out.last_mut() {
            Some(last) if last.id == &*v.event => last.verdicts.push(part),
            _ => out.push(EventPart {
                id: &v.event,
                anchor: anchor(&v.event),
                recorded: recorded.get(&v.event).map(|s| &**s),
                verdicts: vec![part],
            }),
        }
    }
    out
}

fn verdict(v: &Verdict) -> VerdictPart<'_> {
    let mut notes = Vec::new();
    if let Some(i) = &v.implied_by {
        notes.push(format!(
            "implied by {}: \"{}\" (resting on its evidence)",
            i.event, i.because
        ));
    }
    for d in &v.doctrines {
        notes.push(format!(
            "doctrine {} = {} (set by the {})",
            d.doctrine,
            d.setting,
            words::set_by(d.set_by)
        ));
    }
    notes.extend(v.translated.iter().map(words::translation));
    if let Some(c) = &v.change {
        notes.push(format!("change: {}", words::change(c, &v.event)));
        notes.extend(words::consents(c));
    }
    VerdictPart {
        outcome: v.outcome,
        party: words::party(v.party.as_deref(), v.perpetrator(), v.outcome),
        instrument: &v.instrument,
        summary: words::summary(&v.summary),
        notes,
        in_force: Node::of(&v.in_force),
        findings: v.articles.iter().map(Finding::of).collect(),
    }
}

/// The anchor of an event's verdicts: `verdict-` and its id, with every
/// character but ASCII letters, digits, `-` and `.` written as `_HEX_`, so
/// any id gives a valid, distinct fragment that needs no escaping.
pub fn anchor(event: &str) -> String {
    let mut out = String::from("verdict-");
    for c in event.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// The totals in one sentence, as the text report gives them.
fn totals(a: &Adjudication) -> String {
    let t = super::text::tail(&[], &a.totals);
    t.trim_end().to_owned()
}

/// The class a renderer gives an outcome: `violation`, `no-violation`.
pub fn class(o: Outcome) -> &'static str {
    match o {
        Outcome::Violation => "violation",
        Outcome::Justified => "justified",
        Outcome::NoViolation => "no-violation",
        Outcome::Inconclusive => "inconclusive",
    }
}

/// The class of a truth mark.
pub fn truth_class(t: Truth) -> &'static str {
    match t {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Unknown => "unknown",
    }
}

/// The outcomes in the order a report lists them.
pub const OUTCOMES: [Outcome; 4] = [
    Outcome::Violation,
    Outcome::Justified,
    Outcome::Inconclusive,
    Outcome::NoViolation,
];

#[cfg(test)]
mod tests {
    use super::anchor;

    #[test]
    fn anchors_are_safe_and_distinct() {
        assert_eq!(anchor("Y-1"), "verdict-Y-1");
        assert_eq!(anchor("a b\"<"), "verdict-a_20_b_22__3c_");
        assert_ne!(anchor("a_20_"), anchor("a "));
        assert_eq!(anchor("é"), "verdict-_e9_");
    }
}
