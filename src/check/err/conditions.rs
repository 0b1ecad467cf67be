//! Problems in conditions: a name or expression of the wrong kind, a
//! quantity of the wrong dimension, a related event not named, a test
//! where it cannot be decided, and conditions past truce's bounds.

use thiserror::Error;

use crate::ast::Dimension;
use crate::check::symbols::{Kind, a_kind, kinds};
use crate::located::problem;

/// What the rule language wants where something else is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Sort {
    #[error("a condition")]
    Condition,
    #[error("a distance")]
    Distance,
    #[error("a duration")]
    Duration,
    #[error("a time")]
    Time,
    #[error("a party")]
    Party,
    #[error("a place of the event")]
    EventPlace,
    #[error("a zone")]
    Zone,
    #[error("a field of an event")]
    Field,
}

/// A name or an expression of one kind where another is needed.
#[derive(Debug, Error)]
pub enum WrongKind {
    /// A declared name of another kind: `band` is a zone, not a line.
    #[error("`{name}` is {}, not {}", a_kind(*found), kinds(wanted))]
    Name {
        name: String,
        found: Kind,
        wanted: Vec<Kind>,
    },
    #[error("`{text}` is {found}, not {wanted}")]
    Is {
        text: String,
        found: &'static str,
        wanted: Sort,
    },
    #[error("`{text}` is not {wanted}")]
    Not { text: String, wanted: Sort },
    /// A test given a subject it does not test: `crosses` on a place.
    #[error("`{test}` tests {tests}, but `{text}` is {found}")]
    Tests {
        test: &'static str,
        tests: &'static str,
        text: String,
        found: &'static str,
    },
    #[error("`overlaps` compares two events' times, and `{text}` is not one")]
    Overlaps { text: String },
    #[error("`{op}` needs a field on its left, such as `act` or `place`")]
    FieldOnLeft { op: &'static str },
    #[error("`{op}` needs a name{} on its right", if *list { " or a list of names" } else { "" })]
    NameOnRight { op: &'static str, list: bool },
    #[error("`{op}` cannot be applied to {found}")]
    Operator {
        op: &'static str,
        found: &'static str,
    },
    #[error("`{text}` is {found}, and cannot be compared with a deadline")]
    Deadline { text: String, found: &'static str },
    #[error(
        "`{text}` is {found}; only two times, two lengths or two counts can be compared with each other"
    )]
    Comparison { text: String, found: &'static str },
    #[error("`{path}` cannot be held responsible")]
    Responsible { path: String },
    #[error(
        "`{text}` is a related event: `is` tests it only as `{text} is established`{}",
        if *elements { " or with an element the rulebook declares" } else { "" }
    )]
    RelatedIs { text: String, elements: bool },
    #[error("`{word}` is not something a related event can be")]
    NotAState { word: String },
    #[error("an act class lists acts by name")]
    ActByName,
}
problem!(WrongKind, "truce::check::wrong_kind");

/// A related event (or authorisation) used but not named by `some`.
#[derive(Debug, Error)]
pub enum Unbound {
    #[error("`{name}` is not a related event named by `some`")]
    Related { name: String },
    #[error("`{name}` is not an authorisation named by `some`")]
    Authorisation { name: String },
}
problem!(Unbound, "truce::check::unbound");

/// A quantity of one dimension (or a count) where another is needed.
#[derive(Debug, Error)]
pub enum UnitMismatch {
    #[error("`{text}` is {}, but {} is needed here", measure(*found), measure(*needed))]
    Needed {
        text: String,
        found: Dimension,
        needed: Dimension,
    },
    #[error("`{text}` is {found}, and cannot be compared with `{literal}`")]
    Compared {
        text: String,
        found: &'static str,
        literal: String,
    },
    #[error("`{text}` is a count, and can be compared only with a plain number")]
    Count { text: String },
    #[error("`{name}` is {}, and a ceiling sums counts", found.word())]
    Ceiling { name: String, found: Dimension },
}
problem!(UnitMismatch, "truce::check::unit_mismatch");

/// A dimension as a quantity needed: lengths are distances here.
fn measure(d: Dimension) -> &'static str {
    match d {
        Dimension::Length => "a distance",
        Dimension::Duration => "a duration",
    }
}

/// A test written where it cannot be decided. `found` is what is found
/// before any event is judged: `a pattern` or `a ceiling`.
#[derive(Debug, Error)]
pub enum Misplaced {
    #[error("`{text}` is a related event, and is always known once `some` names it")]
    KnownRelated { text: String },
    #[error("element `{name}` is about the judged event alone")]
    ElementAlone { name: String },
    #[error("element `{name}` is about another event too")]
    ElementAboutOther { name: String },
    #[error("{found} cannot test an element")]
    ElementFoundFirst { found: &'static str },
    #[error("an element's definition cannot test an element")]
    ElementInElement,
    #[error("{found} cannot test the findings of a pattern")]
    PatternFoundFirst { found: &'static str },
    #[error("{found}'s condition cannot test a party's holdings")]
    HoldingsFoundFirst { found: &'static str },
}
problem!(Misplaced, "truce::check::misplaced");

/// A condition or zone past the bounds truce reads, which keep the work
/// of checking and judging bounded.
#[derive(Debug, Error)]
pub enum TooComplex {
    #[error("`some` may nest at most {max} deep")]
    SomeDepth { max: usize },
    #[error("zone `{zone}` names zones {depth} deep; truce reads at most {max}")]
    ZoneDepth {
        zone: String,
        depth: usize,
        max: usize,
    },
    #[error(
        "zone `{zone}` is made of {parts} parts once the zones it names are spelled out; truce reads at most {max}"
    )]
    ZoneParts { zone: String, parts: u64, max: u64 },
}
problem!(TooComplex, "truce::check::too_complex");
