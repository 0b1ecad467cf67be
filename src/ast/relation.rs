//! The relations observers record from one event to another, named in
//! the rule language (`related ... by responds_to`) and in events files.

/// A relation from one event to another, as observers record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    RespondsTo,
    Corroborates,
    Contradicts,
    PartOf,
    AuthorisedBy,
    /// An earlier step of a procedure the act followed: an order, a notice,
    /// an attempt to use a coordination mechanism.
    PrecededBy,
    /// A later report of the same state (a position still held, a structure
    /// still standing): one breach, never counted twice.
    Continues,
    /// An act that the other event implies (a unit found inside a zone
    /// entered it): set by truce, not written by observers.
    ImpliedBy,
}

impl Relation {
    pub const ALL: [Relation; 8] = [
        Relation::RespondsTo,
        Relation::Corroborates,
        Relation::Contradicts,
        Relation::PartOf,
        Relation::AuthorisedBy,
        Relation::PrecededBy,
        Relation::Continues,
        Relation::ImpliedBy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Relation::RespondsTo => "responds_to",
            Relation::Corroborates => "corroborates",
            Relation::Contradicts => "contradicts",
            Relation::PartOf => "part_of",
            Relation::AuthorisedBy => "authorised_by",
            Relation::PrecededBy => "preceded_by",
            Relation::Continues => "continues",
            Relation::ImpliedBy => "implied_by",
        }
    }

    pub fn parse(name: &str) -> Option<Relation> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }
}
