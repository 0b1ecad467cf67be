//! Who did an act and who answers for it under one article: the actor's
//! party for its own act (when the actor acted in a capacity the article
//! imputes), the party a group is under or whose person acted privately
//! (under a duty to prevent), the party controlling the place an act came
//! from, or the party the article names. Acts of actors the agreement does
//! not bind are reached only when the rulebook says so.

use super::cond::Env;
use super::truth::Truth;
use super::verdict::{ActorRole, Answer, Duty, Perpetrator, PreventBecause, Responsibility};
use crate::check::{Article, Capacity, PartyIdx, PointField, Responsible, Role, Rulebook, Subject};
use crate::name::Name;

/// What the article makes of the act's author.
pub(super) enum Who {
    /// The article reaches the act; this is who answers (no one, for an
    /// act of unknown origin or a non-party's).
    Answers(Responsibility),
    /// The act is by an actor the agreement does not bind, and the article
    /// does not reach it.
    NotBound { actor: Name, role: ActorRole },
    /// The act is not its party's own, and the party has no duty under the
    /// article to prevent it.
    NotImputable { party: Name, capacity: Capacity },
    /// Whether the act is its party's own the record does not tell.
    CapacityUnknown {
        party: Name,
        responsibility: Responsibility,
    },
    /// Who controls the place the act came from is unknown.
    ControllerUnknown {
        field: &'static str,
        responsibility: Responsibility,
    },
}

impl Env<'_> {
    /// Who did the judged act and who answers for it under `article`.
    pub(super) fn who(&self, article: &Article) -> Who {
        let rulebook = self.rulebook;
        let e = self.event(Subject::EVENT);
        let id = |p: PartyIdx| rulebook.parties[usize::from(p)].id.clone();
        let perpetrator = perpetrator(rulebook, e.party, e.capacity);
        let with = |answers: Option<Answer>| Responsibility {
            perpetrator: perpetrator.clone(),
            answers,
        };
        if let Some(p) = e.party
            && let Some(unbound) = unbound(rulebook.parties[usize::from(p)].role, article)
        {
            return Who::NotBound {
                actor: id(p),
                role: unbound,
            };
        }
        match article.responsible {
            Responsible::Party(p) => Who::Answers(with(Some(Answer {
                party: id(p),
                duty: Duty::Named,
            }))),
            Responsible::Controller(field) => self.in_control(article, field, perpetrator),
            Responsible::ActorParty => self.actor_party(article, perpetrator),
        }
    }

    /// `responsible controller of FIELD`: a party's own act is its own,
    /// wherever it acted; a group's falls to the party it is under; any
    /// other act (one done privately, a non-party's, one of unknown
    /// origin) to the party that controls the place.
    fn in_control(&self, article: &Article, field: PointField, perpetrator: Perpetrator) -> Who {
        let rulebook = self.rulebook;
        let e = self.event(Subject::EVENT);
        let id = |p: PartyIdx| rulebook.parties[usize::from(p)].id.clone();
        let answer = |party, duty| {
            Who::Answers(Responsibility {
                perpetrator: perpetrator.clone(),
                answers: Some(Answer { party, duty }),
            })
        };
        let controller = self.controller(field);
        let controls = Duty::Prevent {
            because: PreventBecause::Controls(field.name()),
        };
        // A side's people: their act is its own if done in a capacity the
        // article imputes, otherwise the controller's to prevent.
        let own = match (e.party, &perpetrator) {
            (Some(p), Perpetrator::Party { .. } | Perpetrator::Private { .. }) => {
                Some((p, imputable(e.capacity, article.imputable)))
            }
            (_, Perpetrator::Group { under, .. }) => {
                let because = PreventBecause::Group;
                return answer(under.clone(), Duty::Prevent { because });
            }
            (None, Perpetrator::Party { .. } | Perpetrator::Private { .. })
            | (_, Perpetrator::NonParty { .. } | Perpetrator::Unknown) => None,
        };
        match (own, controller) {
            (Some((p, Truth::True)), _) => answer(id(p), Duty::OwnAct),
            // Its own act or one it had to prevent in its own area: it
            // answers either way.
            (Some((p, Truth::Unknown)), Some(c)) if c == p => answer(id(p), Duty::OwnOrPrevent),
            (Some((p, Truth::Unknown)), _) => Who::CapacityUnknown {
                party: id(p),
                responsibility: Responsibility {
                    perpetrator: perpetrator.clone(),
                    answers: None,
                },
            },
            (_, Some(c)) => answer(id(c), controls),
            (_, None) => Who::ControllerUnknown {
                field: field.name(),
                responsibility: Responsibility {
                    perpetrator: perpetrator.clone(),
                    answers: None,
                },
            },
        }
    }

    /// `responsible actor.party`: the actor's own act, or its party's duty.
    fn actor_party(&self, article: &Article, perpetrator: Perpetrator) -> Who {
        let rulebook = self.rulebook;
        let e = self.event(Subject::EVENT);
        let Some(p) = e.party else {
            return Who::Answers(Responsibility {
                perpetrator,
                answers: None,
            });
        };
        let id = |p: PartyIdx| rulebook.parties[usize::from(p)].id.clone();
        let answer = |party, duty| {
            Who::Answers(Responsibility {
                perpetrator: perpetrator.clone(),
                answers: Some(Answer { party, duty }),
            })
        };
        match rulebook.parties[usize::from(p)].role {
            Role::Group => {
                let under = super::article::answering(rulebook, p);
                let because = PreventBecause::Group;
                answer(id(under), Duty::Prevent { because })
            }
            // A non-party the instrument reaches: inconsistent with the
            // agreement, but no party answers.
            Role::NonParty { .. } | Role::Monitor | Role::Mediator => {
                Who::Answers(Responsibility {
                    perpetrator,
                    answers: None,
                })
            }
            Role::Party => match imputable(e.capacity, article.imputable) {
                Truth::True => answer(id(p), Duty::OwnAct),
                _ if article.duty_prevent && e.capacity.is_private() => {
                    let because = PreventBecause::Private;
                    answer(id(p), Duty::Prevent { because })
                }
                Truth::False => Who::NotImputable {
                    party: id(p),
                    capacity: e.capacity,
                },
                // Its own act or one of its people's it had to prevent: the
                // party answers either way (whether its diligence, if the
                // article judges the duty by one, settles it is seen there).
                Truth::Unknown if article.duty_prevent => answer(id(p), Duty::OwnOrPrevent),
                Truth::Unknown => Who::CapacityUnknown {
                    party: id(p),
                    responsibility: Responsibility {
                        perpetrator,
                        answers: Some(Answer {
                            party: id(p),
                            duty: Duty::OwnAct,
                        }),
                    },
                },
            },
        }
    }

    /// The party that controls a place of the judged event: by the sides of
    /// the lines whose sides are held, or by a finding of which side it lay
    /// on where the record does not tell.
    fn controller(&self, field: PointField) -> Option<PartyIdx> {
        self.area(Subject::EVENT, field).holder
    }
}

/// Who the record says did it.
fn perpetrator(rulebook: &Rulebook, party: Option<PartyIdx>, capacity: Capacity) -> Perpetrator {
    let Some(p) = party else {
        return Perpetrator::Unknown;
    };
    let actor = &rulebook.parties[usize::from(p)];
    match actor.role {
        Role::Group => Perpetrator::Group {
            id: actor.id.clone(),
            under: rulebook.parties[usize::from(super::article::answering(rulebook, p))]
                .id
                .clone(),
        },
        Role::NonParty { .. } => Perpetrator::NonParty {
            id: actor.id.clone(),
        },
        Role::Party if capacity.is_private() => Perpetrator::Private {
            party: actor.id.clone(),
            capacity,
        },
        Role::Party | Role::Monitor | Role::Mediator => Perpetrator::Party {
            id: actor.id.clone(),
        },
    }
}

/// For an actor the agreement does not bind and the article does not
/// reach: what it is. A monitor's or mediator's own act engages no one
/// (unless the article names the party that answers, whoever acted); a
/// non-party's not reached engages only the party in control of its place.
fn unbound(role: Role, article: &Article) -> Option<ActorRole> {
    let named = matches!(article.responsible, Responsible::Party(_));
    let by_place = matches!(article.responsible, Responsible::Controller(_));
    match role {
        Role::Monitor if !named => Some(ActorRole::Monitor),
        Role::Mediator if !named => Some(ActorRole::Mediator),
        Role::NonParty { reached: false } if !named && !by_place => Some(ActorRole::NonParty),
        Role::Monitor | Role::Mediator | Role::NonParty { .. } | Role::Party | Role::Group => None,
    }
}

/// Whether an actor's act is its party's own, given the capacities the
/// article imputes: unknown when the record does not tell the capacity.
fn imputable(capacity: Capacity, imputable: crate::check::CapacitySet) -> Truth {
    if imputable.contains(capacity) {
        return Truth::True;
    }
    match capacity {
        Capacity::Unknown => Truth::Unknown,
        Capacity::Official
        | Capacity::Defector
        | Capacity::Deserter
        | Capacity::Civilian
        | Capacity::Private => Truth::False,
    }
}
