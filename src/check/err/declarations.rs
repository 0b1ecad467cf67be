//! Problems with declarations and clauses: something given twice, defined
//! in terms of itself, missing, given to an actor of the wrong role, a
//! counterpart that cannot be, or a name the language keeps.

use thiserror::Error;

use crate::check::Role;
use crate::check::duties::role_phrase;
use crate::located::problem;

/// A clause or item given twice where once is allowed. (A name declared
/// twice is [`super::DuplicateError`].)
#[derive(Debug, Error)]
pub enum Repeated {
    /// `owner`: `the header`, `the article`; `word`: the clause.
    #[error("{owner} gives `{word}` twice")]
    Clause { owner: String, word: String },
    #[error("the reach of `{weapon_type}` is given twice")]
    Reach { weapon_type: String },
    #[error("`{name}` is named twice")]
    Named { name: String },
    #[error("`{party}` is given two reference lines")]
    ReferenceLines { party: String },
    #[error("`{party}` is said twice to hold a side")]
    HoldsSide { party: String },
    #[error("`{party}` is given two areas")]
    Areas { party: String },
    #[error("doctrine `{doctrine}` lists `{setting}` twice")]
    Setting { doctrine: String, setting: String },
    #[error("the rulebook declares `imputable` twice")]
    Imputable,
}
problem!(Repeated, "truce::check::repeated");

/// A declaration that depends on itself, directly or through others, or
/// on one declared after it.
#[derive(Debug, Error)]
pub enum SelfReference {
    #[error("act class `{class}` lists itself")]
    ClassListsItself { class: String },
    #[error("act class `{class}` is used before it is declared")]
    ClassLater { class: String },
    #[error("deadline `{deadline}` is set from itself")]
    DeadlineItself { deadline: String },
    #[error("deadline `{deadline}` is declared later")]
    DeadlineLater { deadline: String },
    #[error("exception `{exception}` is ranked over itself")]
    OverItself { exception: String },
    #[error("exceptions `{first}` and `{second}` are each ranked over the other")]
    OverEachOther { first: String, second: String },
    #[error(
        "exceptions {} are ranked over each other in a circle",
        quoted(exceptions)
    )]
    Circle { exceptions: Vec<String> },
    #[error("zone `{zone}` is defined in terms of itself: {}", chain.join(" → "))]
    ZoneCycle { zone: String, chain: Vec<String> },
}
problem!(SelfReference, "truce::check::self_reference");

fn quoted(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// Something a rulebook needs and does not give.
#[derive(Debug, Error)]
pub enum Missing {
    #[error("the rulebook declares no acts")]
    Acts,
    #[error("article {article} says no `violation when`")]
    Violation { article: String },
    #[error("the agreement has no `in force` date")]
    InForce,
    #[error("an agreement needs at least two parties, this one has {count}")]
    Parties { count: usize },
    #[error("doctrine `{doctrine}` has one setting only")]
    Settings { doctrine: String },
}
problem!(Missing, "truce::check::missing");

/// An actor whose role does not allow what the rulebook gives it: a
/// monitor held responsible, a mediator suspending, a group given an area.
#[derive(Debug, Error)]
pub enum WrongRole {
    #[error("`{name}` is not a party of the agreement")]
    GroupUnder { name: String },
    #[error("`{name}` is {}, and cannot change the agreement", role_phrase(*role))]
    CannotChange { name: String, role: Role },
    /// `who` and `action` as the rulebook's change rules word them.
    #[error("{who} may not {action}")]
    MayNot { who: String, action: String },
    #[error("an extension is agreed by named parties, not `each party`")]
    EachPartyExtends,
    #[error("`{name}` is a group: the party it is under answers for it")]
    GroupResponsible { name: String },
    #[error("`{name}` is {}, and only a party can be held responsible", role_phrase(*role))]
    Responsible { name: String, role: Role },
    #[error("`{name}` is {}, not a party bound by the agreement", role_phrase(*role))]
    NotBound { name: String, role: Role },
}
problem!(WrongRole, "truce::check::wrong_role");

/// A counterpart (`counterpart A as B of "Title"`) that cannot be.
#[derive(Debug, Error)]
pub enum BadCounterpart {
    #[error("`{ours}`'s counterpart is in this agreement itself")]
    SameInstrument { ours: String },
    #[error("`{ours}` has two counterparts in \"{instrument}\": `{first}` and `{second}`")]
    Two {
        ours: String,
        instrument: String,
        first: String,
        second: String,
    },
    #[error("`{theirs}` of \"{instrument}\" is the counterpart of both `{first}` and `{second}`")]
    Shared {
        theirs: String,
        instrument: String,
        first: String,
        second: String,
    },
    #[error("`{ours}` cannot be under a party of its own name")]
    OwnName { ours: String },
    #[error(
        "`{theirs}` names {} of this agreement, and the counterpart of `{ours}` in \"{instrument}\": an event naming `{theirs}` could mean either",
        role_phrase(*role)
    )]
    NameTaken {
        theirs: String,
        role: Role,
        ours: String,
        instrument: String,
    },
    /// `role`: what `theirs` is in the other instrument, `a monitor`.
    #[error("`{theirs}` is {role} of \"{instrument}\", not a party")]
    NotAParty {
        theirs: String,
        role: &'static str,
        instrument: String,
    },
    #[error("\"{instrument}\" declares no party `{theirs}`")]
    NoSuchParty { instrument: String, theirs: String },
    /// An imported line's side held by a counterpart with no party here.
    #[error("unknown party `{party}`")]
    UnknownParty { party: String },
}
problem!(BadCounterpart, "truce::check::counterpart");

/// A name the rule language keeps for itself, or one already in use.
#[derive(Debug, Error)]
pub enum Reserved {
    #[error("`{name}` is a test findings already name")]
    FindingWord { name: String },
    #[error("`{name}` is already a name here")]
    Taken { name: String },
    #[error("`{value}` cannot be a value of a category")]
    KnownValue { value: String },
    #[error("`{name}` is a field of every event")]
    EventField { name: String },
}
problem!(Reserved, "truce::check::reserved");
