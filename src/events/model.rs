//! Validated events, held compactly: names are indices into the rulebook,
//! optional parts are boxed so a plain event stays small.

use std::sync::Arc;

use jiff::Timestamp;

use super::position::Position;
use super::raw::{About, EvidenceKind};
use crate::ast::Relation;
use crate::check::{ActIdx, Capacity, DiligenceElement, PartyIdx, PointField};
use crate::name::Name;

#[derive(Debug, Clone)]
pub struct Event {
    pub id: Name,
    /// Line of the event in its file, for messages.
    pub line: u32,
    /// Position among the file's records.
    pub order: u32,
    pub time: Time,
    pub act: ActIdx,
    /// `None` when the actor is not known: unknown origin.
    pub party: Option<PartyIdx>,
    /// Whether the actor acted for its party, privately, or in a capacity
    /// the record does not tell.
    pub capacity: Capacity,
    /// The weapons recorded: `None` when the record says nothing of
    /// weapons, empty when it says there were none. Shared: records
    /// repeat the same weapons, and loading keeps each list once.
    pub weapons: Option<Arc<[Weapon]>>,
    pub place: Option<Position>,
    /// Where the act came from, where it was aimed, the track of a
    /// movement: boxed apart, as many reports give only a place.
    pub course: Option<Box<Course>>,
    /// Shared as the weapons are, when no item has a text of its own.
    pub evidence: Arc<[Evidence]>,
    /// Relations to other events by id, resolved when the graph is built.
    pub relations: Box<[(Relation, Box<str>)]>,
    /// The unit, the summary, the effects, findings, what links rest on,
    /// what an authorisation covers, the monitor or force affected, and
    /// the inference an implied act comes from: rare, so kept apart to
    /// keep a plain event small (a million events are held at once).
    pub extra: Option<Box<Extra>>,
}

/// Where an act came from and where it was aimed, and the points a
/// movement passed through.
#[derive(Debug, Clone, Default)]
pub struct Course {
    pub origin: Option<Position>,
    pub target: Option<Position>,
    /// In order (two or more).
    pub track: Option<Box<[Point]>>,
}

impl Course {
    /// The course, if any part of it is known.
    pub fn of(
        origin: Option<Position>,
        target: Option<Position>,
        track: Option<Box<[Point]>>,
    ) -> Option<Box<Course>> {
        (origin.is_some() || target.is_some() || track.is_some()).then(|| {
            Box::new(Course {
                origin,
                target,
                track,
            })
        })
    }
}

impl Event {
    /// Where the act came from.
    pub fn origin(&self) -> Option<&Position> {
        self.course.as_deref().and_then(|c| c.origin.as_ref())
    }

    /// Where the act was aimed.
    pub fn target(&self) -> Option<&Position> {
        self.course.as_deref().and_then(|c| c.target.as_ref())
    }

    /// The points a movement passed through.
    pub fn track(&self) -> Option<&[Point]> {
        self.course.as_deref().and_then(|c| c.track.as_deref())
    }

    /// The actor's unit.
    pub fn unit(&self) -> Option<&Name> {
        self.extra.as_deref().and_then(|x| x.unit.as_ref())
    }

    /// The observer's summary of the event.
    pub fn summary(&self) -> Option<&str> {
        self.extra.as_deref().and_then(|x| x.summary.as_deref())
    }

    /// The deaths, injuries and damage recorded.
    pub fn effects(&self) -> Option<&Effects> {
        self.extra.as_deref().and_then(|x| x.effects.as_ref())
    }

    /// For an authorisation: what it covers.
    pub fn grants(&self) -> Option<&Grants> {
        self.extra.as_deref().and_then(|x| x.grants.as_ref())
    }

    /// The monitor or peacekeeping force the act was aimed at or hindered.
    pub fn affected(&self) -> Option<PartyIdx> {
        self.extra.as_deref().and_then(|x| x.affected)
    }

    /// The findings recorded with the event.
    pub fn findings(&self) -> &[MonitorFinding] {
        self.extra.as_deref().map_or(&[], |x| &x.findings)
    }

    /// What the `n`th relation rests on, when the record says.
    pub fn link(&self, n: usize) -> Option<&Link> {
        let links = self.links();
        let at = links
            .binary_search_by_key(&n, |(i, _)| usize::from(*i))
            .ok()?;
        Some(&links[at].1)
    }

    /// The links recorded with evidence of their own, by relation position
    /// (in order).
    pub fn links(&self) -> &[(u16, Link)] {
        self.extra.as_deref().map_or(&[][..], |x| &x.links)
    }

    /// The inference an implied act comes from.
    pub fn inference(&self) -> Option<&Inference> {
        self.extra.as_deref().and_then(|x| x.inference.as_ref())
    }

    /// The change of the agreement the act makes, if it makes one.
    pub fn change(&self) -> Option<&Change> {
        self.extra.as_deref().and_then(|x| x.change.as_ref())
    }
    /// The facts the rulebook declares that the event records.
    pub fn facts(&self) -> &[(Name, FactValue)] {
        self.extra.as_deref().map_or(&[][..], |x| &x.facts)
    }

    /// The value the event records for a declared fact, if any.
    pub fn fact(&self, name: &str) -> Option<&FactValue> {
        self.facts()
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, v)| v)
    }
}

/// A value of a fact the rulebook declares.
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    /// One of a category's values.
    Word(Name),
    /// A quantity: a count, or a measure in metres or seconds.
    Number(f64),
}

/// The rare parts of an event.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub unit: Option<Name>,
    pub summary: Option<Box<str>>,
    pub effects: Option<Effects>,
    /// For an authorisation: what it covers.
    pub grants: Option<Grants>,
    /// The monitor or peacekeeping force the act was aimed at or hindered.
    pub affected: Option<PartyIdx>,
    pub findings: Box<[MonitorFinding]>,
    /// What links rest on, by index into [`Event::relations`]: only those
    /// recorded with their own evidence.
    pub links: Box<[(u16, Link)]>,
    pub inference: Option<Inference>,
    /// Facts the rulebook declares, by name, in the order recorded.
    pub facts: Box<[(Name, FactValue)]>,
    pub change: Option<Change>,
}

/// A change of the agreement an event records: a joint statement, a
/// mechanism's decision, a party's declaration. Names are kept as written
/// and matched against each rulebook's own when its changes are traced.
#[derive(Debug, Clone)]
pub enum Change {
    /// A deadline set anew.
    Deadline {
        deadline: Name,
        /// The new due instant, or the day it is known only to, as written.
        until: Time,
        /// When it takes effect, if not when it was made: an instant, or
        /// a day.
        effective: Option<Time>,
    },
    /// A party's suspension, repudiation or resumption of its own
    /// obligations: all of them (`articles` empty), or those of some
    /// articles (their numbers as written).
    Status {
        kind: crate::check::StatusKind,
        articles: Box<[Name]>,
        /// When a suspension or repudiation ends, if it says.
        until: Option<Time>,
        effective: Option<Time>,
    },
    /// A declaration consenting to the change another event records.
    Joins { event: Name },
}

/// Who asserts a link between two events, and on what evidence.
#[derive(Debug, Clone)]
pub struct Link {
    pub by: Option<Name>,
    pub evidence: Box<[Evidence]>,
}

/// Where an implied act comes from.
#[derive(Debug, Clone)]
pub struct Inference {
    /// The event that implies it.
    pub parent: Name,
    /// Why, as the record says it.
    pub because: Box<str>,
}

/// A test of the rule language that a monitor or an investigating body
/// established, or established did not hold, on its own evidence.
#[derive(Debug, Clone)]
pub struct MonitorFinding {
    pub test: FindingTest,
    /// `false`: established not to hold.
    pub holds: bool,
    pub by: Name,
    /// What it rests on; `None`: the evidence recorded with the event (a
    /// finding about an act another event implies may give none of its
    /// own), weighed once rather than copied into each finding.
    pub evidence: Option<Box<[Evidence]>>,
    pub text: Option<Box<str>>,
}

/// What a finding established. Names are kept as written and matched
/// against each rulebook's own when a test asks.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "test", rename_all = "snake_case")]
pub enum FindingTest {
    /// The act crossed a line (from a side).
    Crosses { line: Name, from: Option<Name> },
    /// A point of the act lay in a zone.
    In { zone: Name, field: PointField },
    /// A point of the act lay on a side of a line.
    Side {
        line: Name,
        side: Name,
        field: PointField,
    },
    /// What the act was aimed at.
    DirectedAt { object: Object },
    /// An element of due diligence: what the party answering knew, could
    /// do, or did.
    Diligence { element: DiligenceElement },
    /// An element the rulebook declares, about this event alone or about
    /// it and another (`of`: the attack a response answered).
    Element { name: Name, of: Option<Name> },
}

/// What an act was aimed at.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Object {
    /// The actor's own area, away from the other side (a drill).
    OwnArea,
    /// An intruder over or in the actor's own area.
    Intruder,
    /// A party's forces, territory or people.
    #[serde(untagged)]
    Party(Name),
}

/// The scope of an authorisation; `None` parts do not limit it.
#[derive(Debug, Clone)]
pub struct Grants {
    pub units: Option<Vec<Name>>,
    pub weapons: Option<Vec<Name>>,
    pub radius_m: Option<f64>,
    /// With the UTC offset written, in seconds, to show it as written.
    pub valid_from: Option<(Timestamp, i32)>,
    pub valid_until: Option<(Timestamp, i32)>,
}

/// When an event happened: an instant (`from == to`) or a window.
#[derive(Debug, Clone, Copy)]
pub struct Time {
    pub from: Timestamp,
    pub to: Timestamp,
    /// The UTC offset the observer wrote, in seconds, to show times as
    /// written (for a day, the offset at its start).
    pub offset: i32,
    /// Written as whole days (`2025-09-03`, or a window from one day to
    /// another): how many, so they are shown as written; 0 otherwise.
    pub days: u16,
}

impl Time {
    pub fn is_window(&self) -> bool {
        self.from != self.to
    }
}

#[derive(Debug, Clone)]
pub struct Weapon {
    pub kind: Option<Name>,
    /// Millimetres, as the observer wrote it.
    pub calibre_mm: Option<f64>,
    pub rounds: Option<u32>,
    /// How many weapons of this kind: one unless the record says more.
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
    /// Radius of uncertainty in metres; 0 when exact.
    pub accuracy: f64,
}

#[derive(Debug, Clone)]
pub struct Effects {
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    pub damage: Option<Box<str>>,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub source: Name,
    /// Who the source is, for counting independent sources: the source as
    /// written, without invisible characters, with its spaces collapsed,
    /// in lower case (see [`source_identity`]).
    pub identity: Name,
    pub kind: EvidenceKind,
    pub grade: Grade,
    /// What it bears on: that the act happened, who did it, or both.
    pub about: About,
    pub text: Option<Box<str>>,
}

/// An Admiralty grade: source reliability A–F and information credibility
/// 1–6, assessed independently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grade {
    pub reliability: u8,
    pub credibility: u8,
}

impl Grade {
    /// Parses `B2`.
    pub fn parse(text: &str) -> Option<Grade> {
        let mut chars = text.chars();
        let (r, c) = (chars.next()?, chars.next()?);
        if chars.next().is_some() || !('A'..='F').contains(&r) || !('1'..='6').contains(&c) {
            return None;
        }
        Some(Grade {
            reliability: r as u8,
            credibility: c as u8 - b'0',
        })
    }

    /// One better on each axis, A1 at best: how an admission counts.
    pub fn raised(self) -> Grade {
        Grade {
            reliability: (self.reliability - 1).max(b'A'),
            credibility: (self.credibility - 1).max(1),
        }
    }

    /// At least as good as `reliability`/`credibility` on both axes.
    pub fn at_least(self, reliability: char, credibility: u8) -> bool {
        // F ("cannot be judged") and 6 sort last, so they never meet a bar.
        self.reliability <= reliability as u8 && self.credibility <= credibility
    }
}

/// As the event format writes it: `"B2"`.
impl serde::Serialize for Grade {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.reliability as char, self.credibility)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_parse_and_compare_on_both_axes() {
        let b2 = Grade::parse("B2").unwrap();
        assert_eq!(b2.to_string(), "B2");
        assert!(b2.at_least('C', 3));
        assert!(!b2.at_least('A', 3));
        assert!(!b2.at_least('C', 1));
        assert_eq!(Grade::parse("G1"), None);
        assert_eq!(Grade::parse("B7"), None);
        assert_eq!(Grade::parse("B22"), None);
    }
}

/// A source's identity, for deciding which sources are independent: one
/// source written twice with an invisible difference (a zero-width space,
/// a soft hyphen, a no-break space, a second space, a capital) is one
/// source, not two. The text is brought to Unicode's compatibility form
/// (NFKC: full-width letters, ligatures and composed accents become the
/// plain ones), format characters are dropped, every kind of space is one
/// space, and case is folded.
pub fn source_identity(source: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(source.len());
    let mut space = false;
    // Compatibility forms too: a full-width `ＵＮＣ` or the ligature `ﬁ`
    // is the same word as `UNC` or `fi`.
    for c in source.nfkc() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Characters that show nothing: zero-width spaces and joiners, the word
/// joiner and invisible operators, the byte-order mark, the soft hyphen,
/// direction marks, variation selectors, tag characters, the Hangul
/// fillers, and the line and paragraph separators.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{e0000}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}'
    )
}

#[cfg(test)]
mod identity_tests {
    use super::source_identity;

    #[test]
    fn sources_differing_only_invisibly_are_one_source() {
        let one = source_identity("UNC MAC investigation");
        for same in [
            "UNC MAC\u{200b} investigation",
            "UNC\u{a0}MAC investigation",
            "UNC MAC investigation ",
            "  UNC  MAC investigation",
            "unc mac Investigation",
            "UNC MAC inves\u{ad}tigation",
            "\u{ff35}\u{ff2e}\u{ff23} MAC investigation",
        ] {
            assert_eq!(source_identity(same), one, "{same:?}");
        }
        assert_ne!(source_identity("UNC MAC investigations"), one);
    }
}

#[cfg(test)]
mod size_tests {
    /// Every event is held while a file is judged: a million of them at
    /// 168 bytes each is 160 MiB before their ids. A field
    /// most events leave empty belongs in `Course` or `Extra`.
    #[test]
    fn a_plain_event_stays_small() {
        assert!(std::mem::size_of::<super::Event>() <= 168);
        assert!(std::mem::size_of::<super::Position>() <= 32);
    }
}
