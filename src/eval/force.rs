//! Whether the agreement, or one article of it, bound the actor's party
//! when the event happened: entry into force, per-party suspension and
//! repudiation, and recommitments (regimes, resumptions) that start the
//! ceasefire anew, as the timeline of changes traced them (the rulebook's
//! own declarations and the changes events record, alike).
//!
//! A recommitment lifts every suspension of its parties that began before
//! it. A time window across any of these boundaries, or a change whose
//! taking effect is uncertain at the event's time, is unknown when the
//! status differs on either side.

use jiff::Timestamp;

use super::changes::{Changes, StatusEntry};
use super::time::written;
use super::truth::Truth;
use super::verdict::{Fact, Step};
use crate::check::{PartyIdx, Role, Rulebook};
use crate::events::Event;

/// The entry-into-force gate, and for which parties.
pub struct Gate {
    pub step: Step,
    /// Why the agreement did not bind the actor, when it did not.
    pub reason: Option<String>,
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
        field: "time",
        value: written(&event.time).into(),
        computed,
        note: None,
    };
    let mut step = Step::leaf(condition.into(), truth, vec![fact]);
    if truth == Truth::Unknown {
        step.unknown_because = Some(why_unknown(event, rulebook, changes, None));
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

/// What makes the status unknown, as a reader would say it.
fn why_unknown(
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
) -> String {
    let (from, to) = (event.time.from, event.time.to);
    let inside = |t: Timestamp| t > from && t <= to;
    if inside(rulebook.in_force.at) {
        return "the event's time window straddles entry into force".into();
    }
    let straddled = changes
        .statuses
        .iter()
        .filter(|s| s.covers(article))
        .find(|s| {
            inside(s.when.from)
                || inside(s.when.to)
                || s.until.as_ref().is_some_and(|u| inside(u.0))
        });
    if let Some(s) = straddled {
        return format!(
            "the event's time window straddles a change: {}",
            suspension_note(s, rulebook)
        );
    }
    let uncertain = changes
        .statuses
        .iter()
        .filter(|s| s.covers(article))
        .find(|s| s.when.by(from) == Truth::Unknown);
    if let Some(s) = uncertain {
        return format!(
            "whether this change had taken effect by then is uncertain: {}",
            suspension_note(s, rulebook)
        );
    }
    if event.party.is_none() {
        return "the agreement bound some parties and not others, and the actor is unknown".into();
    }
    "the event's time window straddles the start of a regime or a resumption".into()
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
        field: "time",
        value: written(&event.time).into(),
        computed: Some(statuses(event.time.from, rulebook, changes, Some(article))),
        note: None,
    };
    let mut step = Step::leaf(
        format!("article {number} in force").into(),
        truth,
        vec![fact],
    );
    if truth == Truth::Unknown {
        step.unknown_because = Some(why_unknown(event, rulebook, changes, Some(article)));
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

/// The status over the event's window, for every party that decides.
fn over_window(
    event: &Event,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> Truth {
    let (from, to) = (event.time.from, event.time.to);
    let mut instants = vec![from];
    let boundaries = std::iter::once(rulebook.in_force.at).chain(changes.boundaries());
    instants.extend(boundaries.filter(|b| *b > from && *b <= to));
    let mut seen: Option<bool> = None;
    for party in parties {
        for t in &instants {
            let bound = match status(*t, *party, rulebook, changes, article) {
                Status::Bound => true,
                Status::NotYet | Status::Suspended(_) => false,
                Status::Maybe(_) => return Truth::Unknown,
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
    /// Suspended or not, as an uncertain change took effect or not.
    Maybe(&'c StatusEntry),
}

/// Whether the agreement (or an article) bound `party` at `t`. A
/// suspension binds no more once a resumption of its party lifts it.
fn status<'c>(
    t: Timestamp,
    party: Option<PartyIdx>,
    rulebook: &Rulebook,
    changes: &'c Changes,
    article: Option<usize>,
) -> Status<'c> {
    if t < rulebook.in_force.at {
        return Status::NotYet;
    }
    let Some(party) = party else {
        return Status::Bound;
    };
    let mut maybe = None;
    for s in changes
        .statuses
        .iter()
        .filter(|s| s.party == party && s.effective && s.covers(article))
    {
        let ended = s.until.as_ref().is_some_and(|u| u.0 <= t);
        let begun = if ended { Truth::False } else { s.when.by(t) };
        let suspended = begun.and(lifted(s, t, changes).negated());
        match suspended {
            Truth::True => return Status::Suspended(s),
            Truth::Unknown => maybe = maybe.or(Some(s)),
            Truth::False => {}
        }
    }
    maybe.map_or(Status::Bound, Status::Maybe)
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
) -> String {
    let party = parties.first().copied().flatten();
    match status(event.time.from, party, rulebook, changes, article) {
        Status::Suspended(s) => suspension_note(s, rulebook),
        _ => format!(
            "before the agreement entered into force ({})",
            rulebook.in_force.written
        ),
    }
}

/// `suspended for ROK since 2023-11-22 15:00 Asia/Seoul (article 1.3)`,
/// naming the event that made it, when one did.
fn suspension_note(s: &StatusEntry, rulebook: &Rulebook) -> String {
    let id = &rulebook.parties[usize::from(s.party)].id;
    let scope = if s.articles.is_empty() {
        String::new()
    } else {
        let numbers: Vec<&str> = s
            .articles
            .iter()
            .map(|a| &*rulebook.articles[*a].number)
            .collect();
        format!(" (article {})", numbers.join(", "))
    };
    let until = s
        .until
        .as_ref()
        .map_or(String::new(), |u| format!(" until {}", u.1));
    let by = s
        .event
        .as_ref()
        .map_or(String::new(), |e| format!(", declared by {e}"));
    let text = s.text.as_ref().map_or(String::new(), |t| format!(": {t}"));
    format!(
        "{} for {id} since {}{until}{scope}{by}{text}",
        s.word(),
        s.since
    )
}

/// `, its repudiation of … having no effect (doctrine `x` is `y`)`: a
/// suspension begun by `t` that the doctrine settings deny effect.
fn without_effect(
    t: Timestamp,
    party: PartyIdx,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
) -> String {
    let denied = changes
        .statuses
        .iter()
        .filter(|s| s.party == party && s.when.from <= t && !s.effective)
        .find(|s| s.covers(article));
    let Some((s, test)) = denied.and_then(|s| s.denied.map(|d| (s, d))) else {
        return String::new();
    };
    let what = if s.repudiation {
        "repudiation"
    } else {
        "suspension"
    };
    let d = &rulebook.doctrines[test.doctrine];
    format!(
        " (its {what} of {} has no effect: doctrine `{}` is `{}`)",
        s.since,
        d.name,
        d.setting_name()
    )
}

/// Every party's status at `t`: `in force for RU since …; suspended for UA since …`.
fn statuses(
    t: Timestamp,
    rulebook: &Rulebook,
    changes: &Changes,
    article: Option<usize>,
) -> String {
    let mut notes = Vec::new();
    for (i, p) in rulebook.parties.iter().enumerate() {
        if p.role != Role::Party {
            continue;
        }
        let party = i as PartyIdx;
        notes.push(match status(t, Some(party), rulebook, changes, article) {
            Status::Bound => format!(
                "in force for {} since {}{}",
                p.id,
                since(t, party, rulebook, changes),
                without_effect(t, party, rulebook, changes, article)
            ),
            Status::NotYet => format!("not yet in force for {}", p.id),
            Status::Suspended(s) => suspension_note(s, rulebook),
            Status::Maybe(s) => format!(
                "perhaps {} (whether it had taken effect is uncertain)",
                suspension_note(s, rulebook)
            ),
        });
    }
    notes.join("; ")
}

/// Since when the agreement bound `party` at `t`: its entry into force, or
/// the latest recommitment that restored it.
fn since(t: Timestamp, party: PartyIdx, rulebook: &Rulebook, changes: &Changes) -> String {
    let latest = changes
        .resumptions
        .iter()
        .filter(|r| r.restores(party) && r.when.to <= t)
        .max_by_key(|r| r.when.to);
    match latest {
        None => rulebook.in_force.written.clone(),
        Some(r) => match (&r.regime, &r.event) {
            (Some(name), _) => format!("{} (regime `{name}`)", r.written),
            (None, Some(e)) => format!("{} (resumed, declared by {e})", r.written),
            (None, None) => r.written.to_string(),
        },
    }
}
