//! Whether the agreement, or one article of it, bound the actor's party
//! when the event happened: entry into force, per-party suspension and
//! repudiation, and recommitments (regimes, resumptions) that start the
//! ceasefire anew, as the timeline of changes traced them (the rulebook's
//! own declarations and the changes events record, alike).
//!
//! A recommitment lifts every suspension of its parties that began before
//! it. A time window across any of these boundaries is unknown when the
//! status differs on either side; so is a time that falls on the day of an
//! instant known only to the day (an entry into force whose hour was never
//! published, a suspension declared by an event dated by day), or within
//! the window a change took effect in, unless every way it may have turned
//! out gives the same status.

use jiff::Timestamp;

use super::changes::{Changes, StatusEntry};
use super::computed::{BoundSince, Computed, Denied, PartyStatus};
use super::time::{falls_on, within_day};
use super::truth::Truth;
use super::verdict::{DayOf, Doubt, Fact, Step, Suspension, Unbound};
use crate::check::{PartyIdx, Role, Rulebook};
use crate::events::Event;
use crate::name::Name;

/// The entry-into-force gate, and for which parties.
pub struct Gate {
    pub step: Step,
    /// Why the agreement did not bind the actor, when it did not.
    pub reason: Option<Unbound>,
    /// Doctrines that decided whether a suspension the actor's party
    /// declared by then had effect.
    pub doctrines: Vec<usize>,
}

/// Whether the agreement as a whole bound the actor's party.
pub fn agreement(event: &Event, rulebook: &Rulebook, changes: &Changes) -> Gate {
    let parties = bound_parties(event, rulebook);
    let truth = over_window(event, rulebook, changes, None, &parties);
    let condition = format!("in force from {}", rulebook.in_force.written);
    let per_party = !changes.statuses.is_empty() || !changes.resumptions.is_empty();
    let computed = per_party.then(|| statuses(event.time.from, rulebook, changes, None));
    let fact = Fact {
        event: event.id.clone(),
        field: "time".into(),
        value: event.time.into(),
        computed: computed.map(Box::new),
        note: None,
    };
    let mut step = Step::leaf(condition.into(), truth, vec![fact]);
    if truth == Truth::Unknown {
        explain(&mut step, event, rulebook, changes, None, &parties);
    }
    let reason = (truth == Truth::False).then(|| why_not(event, rulebook, changes, None, &parties));
    let doctrines = gating_doctrines(event, changes, &parties);
    Gate {
        step,
        reason,
        doctrines,
    }
}

/// The doctrines on which suspensions by the deciding parties, begun by
/// the end of the event's window, depend.
fn gating_doctrines(event: &Event, changes: &Changes, parties: &[Option<PartyIdx>]) -> Vec<usize> {
    changes
        .statuses
        .iter()
        .filter(|s| parties.contains(&Some(s.party)) && s.when.from <= event.time.to)
        .flat_map(|s| s.doctrines.iter().copied())
        .collect()
}

/// Says why the status is unknown: as data when an instant known only to
/// the day makes it so, otherwise as a reader would say it.
fn explain(
    step: &mut Step,
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) {
    match day_doubt(event, rulebook, changes, article, parties) {
        Some(doubt) => step.doubt = Some(doubt),
        None => step.doubt = Some(why_unknown(event, rulebook, changes, article)),
    }
}

/// The first instant that bears on the status and is known only to a day
/// the event's time falls on: entry into force, then a suspension's start
/// or end, then a regime's or a resumption's start; the rulebook's own and
/// those change events dated by day made alike.
fn day_doubt(
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> Option<Doubt> {
    let time = &event.time;
    let f = &rulebook.in_force;
    if falls_on(time, f.at, f.last) {
        return Some(within_day(DayOf::EntryIntoForce, &f.written));
    }
    let deciding = |party: PartyIdx| parties.contains(&Some(party)) || parties.contains(&None);
    let id = |party: PartyIdx| rulebook.parties[usize::from(party)].id.clone();
    let bearing = changes
        .statuses
        .iter()
        .filter(|s| s.effective && s.covers(article) && deciding(s.party));
    for s in bearing {
        if s.when.day_open_at(time) {
            let of = DayOf::Suspension {
                party: id(s.party),
                repudiation: s.repudiation,
                event: s.event.clone(),
            };
            return Some(within_day(of, &s.since));
        }
        if let Some((_, written)) = s.until.as_ref().filter(|u| u.0.day_open_at(time)) {
            let of = DayOf::SuspensionEnd {
                party: id(s.party),
                event: s.event.clone(),
            };
            return Some(within_day(of, written));
        }
    }
    let resumption = changes.resumptions.iter().find(|r| {
        r.when.day_open_at(time)
            && r.parties
                .as_ref()
                .is_none_or(|p| p.iter().any(|&q| deciding(q)))
    })?;
    let of = match (&resumption.regime, &resumption.event) {
        (Some(name), _) => DayOf::Regime { name: name.clone() },
        (None, Some(event)) => DayOf::Resumption {
            event: event.clone(),
        },
        // Every resumption is a regime or an event's: none is neither.
        (None, None) => return None,
    };
    Some(within_day(of, &resumption.written))
}

/// What makes the status unknown, as a reader would say it.
fn why_unknown(
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
) -> Doubt {
    let (from, to) = (event.time.from, event.time.to);
    let inside = |t: Timestamp| t > from && t <= to;
    if inside(rulebook.in_force.at) {
        return Doubt::InForceStraddled;
    }
    let straddled = changes
        .statuses
        .iter()
        .filter(|s| s.covers(article))
        .find(|s| {
            inside(s.when.from)
                || inside(s.when.to)
                || s.until
                    .as_ref()
                    .is_some_and(|u| inside(u.0.from) || inside(u.0.to))
        });
    if let Some(s) = straddled {
        return Doubt::ChangeStraddled {
            change: Box::new(suspension(s, rulebook)),
        };
    }
    let uncertain = changes
        .statuses
        .iter()
        .filter(|s| s.covers(article))
        .find(|s| s.when.by(from) == Truth::Unknown);
    if let Some(s) = uncertain {
        return Doubt::ChangeUncertain {
            change: Box::new(suspension(s, rulebook)),
        };
    }
    if event.party.is_none() {
        return Doubt::SomeBound;
    }
    Doubt::ResumptionStraddled
}

/// Whether one article bound the actor's party (it may be suspended alone).
/// `None` when no suspension names the article.
pub fn article(
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: usize,
) -> Option<Gate> {
    if !changes
        .statuses
        .iter()
        .any(|s| s.articles.contains(&article))
    {
        return None;
    }
    let parties = bound_parties(event, rulebook);
    let truth = over_window(event, rulebook, changes, Some(article), &parties);
    let number = &rulebook.articles[article].number;
    let fact = Fact {
        event: event.id.clone(),
        field: "time".into(),
        value: event.time.into(),
        computed: Some(Box::new(statuses(
            event.time.from,
            rulebook,
            changes,
            Some(article),
        ))),
        note: None,
    };
    let mut step = Step::leaf(
        format!("article {number} in force").into(),
        truth,
        vec![fact],
    );
    if truth == Truth::Unknown {
        explain(&mut step, event, rulebook, changes, Some(article), &parties);
    }
    let reason =
        (truth == Truth::False).then(|| why_not(event, rulebook, changes, Some(article), &parties));
    Some(Gate {
        step,
        reason,
        doctrines: Vec::new(),
    })
}

/// The parties whose status decides: the actor's, or every party when the
/// actor is unknown. A monitor's act is judged as the agreement stands.
fn bound_parties(event: &Event, rulebook: &Rulebook) -> Vec<Option<PartyIdx>> {
    let party = event.party.map(|p| super::article::answering(rulebook, p));
    match party {
        Some(p) if rulebook.parties[usize::from(p)].role == Role::Party => vec![Some(p)],
        Some(_) => vec![None],
        None => (0..rulebook.parties.len())
            .filter(|&i| rulebook.parties[i].role == Role::Party)
            .map(|i| Some(i as PartyIdx))
            .collect(),
    }
}

/// The status over the event's window, for every party that decides:
/// taken at its start and wherever some party's status may change within
/// it. An instant known only to the day, or a change that took effect
/// within a window, leaves the status open at the instants it may or may
/// not have passed by, unless it is the same whichever way it fell.
fn over_window(
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> Truth {
    let (from, to) = (event.time.from, event.time.to);
    let mut instants = vec![from];
    let in_force = [rulebook.in_force.at, rulebook.in_force.last];
    let boundaries = in_force.into_iter().chain(changes.boundaries());
    instants.extend(boundaries.filter(|b| *b > from && *b <= to));
    let mut seen: Option<bool> = None;
    for party in parties {
        for t in &instants {
            let bound = match status(*t, *party, rulebook, changes, article) {
                Status::Bound => true,
                Status::NotYet | Status::Suspended(_) => false,
                Status::Maybe(_) | Status::MaybeNotYet => return Truth::Unknown,
            };
            match seen {
                None => seen = Some(bound),
                Some(s) if s != bound => return Truth::Unknown,
                _ => {}
            }
        }
    }
    Truth::from(seen.unwrap_or(true))
}

/// A party's status at an instant.
enum Status<'c> {
    Bound,
    NotYet,
    Suspended(&'c StatusEntry),
    /// Suspended or not, as an uncertain change took effect or not (or a
    /// resumption lifted it or not).
    Maybe(&'c StatusEntry),
    /// In force or not yet, as an entry into force known only to the day
    /// fell before the instant or after it.
    MaybeNotYet,
}

/// Whether the agreement (or an article) bound `party` at `t`. A
/// suspension binds no more once a resumption of its party lifts it.
/// Each instant whose time is uncertain (known only to the day, or a
/// change made over a window) is weighed both ways: one that surely
/// suspends decides; otherwise one that may is left open.
fn status<'c>(
    t: Timestamp,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
    changes: &'c Changes,
    article: Option<usize>,
) -> Status<'c> {
    let in_force = match rulebook.in_force.passed_by(t) {
        Some(true) => Truth::True,
        Some(false) => return Status::NotYet,
        None => Truth::Unknown,
    };
    let Some(party) = party else {
        return match in_force {
            Truth::True => Status::Bound,
            Truth::Unknown | Truth::False => Status::MaybeNotYet,
        };
    };
    let mut maybe = None;
    for s in changes
        .statuses
        .iter()
        .filter(|s| s.party == party && s.effective && s.covers(article))
    {
        let ended = s.until.as_ref().map_or(Truth::False, |u| u.0.by(t));
        let begun = s.when.by(t).and(ended.negated());
        let suspended = begun.and(lifted(s, t, changes).negated());
        match suspended {
            // Not bound, whether or not it had yet entered into force.
            Truth::True => return Status::Suspended(s),
            Truth::Unknown => maybe = maybe.or(Some(s)),
            Truth::False => {}
        }
    }
    match (in_force, maybe) {
        (Truth::Unknown | Truth::False, _) => Status::MaybeNotYet,
        (Truth::True, Some(s)) => Status::Maybe(s),
        (Truth::True, None) => Status::Bound,
    }
}

/// Whether a resumption after `s` began had lifted it by `t`.
fn lifted(s: &StatusEntry, t: Timestamp, changes: &Changes) -> Truth {
    changes
        .resumptions
        .iter()
        .filter(|r| r.lifts(s))
        .map(|r| {
            // After the suspension began: surely, possibly, or not.
            let after = if r.when.from > s.when.to {
                Truth::True
            } else if r.when.to > s.when.from {
                Truth::Unknown
            } else {
                Truth::False
            };
            after.and(r.when.by(t))
        })
        .fold(Truth::False, Truth::or)
}

fn why_not(
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> Unbound {
    let party = parties.first().copied().flatten();
    match status(event.time.from, party, rulebook, changes, article) {
        Status::Suspended(s) => Unbound::Suspended(suspension(s, rulebook)),
        Status::Bound | Status::NotYet | Status::Maybe(_) | Status::MaybeNotYet => {
            Unbound::NotYet {
                in_force: rulebook.in_force.written.as_str().into(),
            }
        }
    }
}

/// A suspension (or repudiation) in force, as data.
fn suspension(s: &StatusEntry, rulebook: &Rulebook) -> Suspension {
    Suspension {
        party: rulebook.parties[usize::from(s.party)].id.clone(),
        repudiation: s.repudiation,
        since: s.since.clone(),
        until: s.until.as_ref().map(|u| u.1.clone()),
        articles: s
            .articles
            .iter()
            .map(|a| rulebook.articles[*a].number.clone())
            .collect(),
        event: s.event.clone(),
        text: s.text.clone(),
    }
}

/// `, its repudiation of … having no effect (doctrine `x` is `y`)`: a
/// suspension begun by `t` that the doctrine settings deny effect.
fn without_effect(
    t: Timestamp,
    party: PartyIdx,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
) -> Option<Denied> {
    let denied = changes
        .statuses
        .iter()
        .filter(|s| s.party == party && s.when.from <= t && !s.effective)
        .find(|s| s.covers(article));
    let (s, test) = denied.and_then(|s| s.denied.map(|d| (s, d)))?;
    let d = &rulebook.doctrines[test.doctrine];
    Some(Denied {
        repudiation: s.repudiation,
        since: s.since.clone(),
        doctrine: Name::from(&*d.name),
        setting: Name::from(d.setting_name()),
    })
}

/// Every party's status at `t`: `in force for RU since …; suspended for UA
/// since …`. Where it is open at `t`, both ways it may be are told.
fn statuses(
    t: Timestamp,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
) -> Computed {
    let mut parties = Vec::new();
    for (i, p) in rulebook.parties.iter().enumerate() {
        if p.role != Role::Party {
            continue;
        }
        let party = i as PartyIdx;
        let bound = || {
            let mut b = since(t, party, rulebook, changes);
            b.denied = without_effect(t, party, rulebook, changes, article);
            b
        };
        parties.push(match status(t, Some(party), rulebook, changes, article) {
            Status::Bound => PartyStatus::Bound { bound: bound() },
            Status::NotYet => PartyStatus::NotYet {
                party: p.id.clone(),
            },
            Status::Suspended(s) => PartyStatus::Suspended {
                change: suspension(s, rulebook),
            },
            Status::Maybe(s) => PartyStatus::Maybe {
                bound: bound(),
                change: suspension(s, rulebook),
            },
            Status::MaybeNotYet => PartyStatus::MaybeNotYet { bound: bound() },
        });
    }
    Computed::Statuses { parties }
}

/// Since when the agreement bound `party` at `t`: its entry into force, or
/// the latest recommitment that restored it.
fn since(t: Timestamp, party: PartyIdx, rulebook: &Rulebook, changes: &Changes) -> BoundSince {
    let latest = changes
        .resumptions
        .iter()
        .filter(|r| r.restores(party) && r.when.to <= t)
        .max_by_key(|r| r.when.to);
    let mut b = BoundSince {
        party: rulebook.parties[usize::from(party)].id.clone(),
        since: Name::from(rulebook.in_force.written.as_str()),
        regime: None,
        resumed_by: None,
        denied: None,
    };
    if let Some(r) = latest {
        b.since = r.written.clone();
        match (&r.regime, &r.event) {
            (Some(name), _) => b.regime = Some(name.clone()),
            (None, Some(e)) => b.resumed_by = Some(e.clone()),
            (None, None) => {}
        }
    }
    b
}
