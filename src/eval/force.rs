//! Whether the agreement, or one article of it, bound the actor's party
//! when the event happened: entry into force, per-party suspension and
//! repudiation, and recommitments (regimes) that start the ceasefire anew.
//!
//! A recommitment lifts every suspension that began before it. A time
//! window across any of these boundaries is unknown when the status
//! differs on either side.

use jiff::Timestamp;

use super::time::written;
use super::truth::Truth;
use super::verdict::{Fact, Step};
use crate::check::{PartyIdx, Role, Rulebook, Suspension};
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
pub fn agreement(event: &Event, rulebook: &Rulebook) -> Gate {
    let parties = bound_parties(event, rulebook);
    let truth = over_window(event, rulebook, None, &parties);
    let condition = format!("in force from {}", rulebook.in_force.written);
    let per_party = !rulebook.suspensions.is_empty() || !rulebook.regimes.is_empty();
    let computed = per_party.then(|| statuses(event.time.from, rulebook, None));
    let fact = Fact {
        event: event.id.clone(),
        field: "time".into(),
        value: written(&event.time).into(),
        computed,
        note: None,
    };
    let mut step = Step::leaf(condition.into(), truth, vec![fact]);
    if truth == Truth::Unknown {
        step.unknown_because = Some(why_unknown(event, rulebook, None));
    }
    let reason = (truth == Truth::False).then(|| why_not(event, rulebook, None, &parties));
    let doctrines = gating_doctrines(event, rulebook, &parties);
    Gate {
        step,
        reason,
        doctrines,
    }
}

/// The doctrines on which suspensions by the deciding parties, begun by
/// the end of the event's window, depend.
fn gating_doctrines(
    event: &Event,
    rulebook: &Rulebook,
    parties: &[Option<PartyIdx>],
) -> Vec<usize> {
    rulebook
        .suspensions
        .iter()
        .filter(|s| parties.contains(&Some(s.party)) && s.from.at <= event.time.to)
        .filter_map(|s| s.when.map(|t| t.doctrine))
        .collect()
}

/// What makes the status unknown, as a reader would say it.
pub fn why_unknown(event: &Event, rulebook: &Rulebook, article: Option<usize>) -> String {
    let inside = |t: Timestamp| t > event.time.from && t <= event.time.to;
    if inside(rulebook.in_force.at) {
        return "the event's time window straddles entry into force".into();
    }
    let relevant = |s: &&Suspension| s.covers(article);
    let straddled = rulebook
        .suspensions
        .iter()
        .filter(relevant)
        .find(|s| inside(s.from.at) || s.until.as_ref().is_some_and(|u| inside(u.at)));
    if let Some(s) = straddled {
        return format!(
            "the event's time window straddles a change: {}",
            suspension_note(s, rulebook)
        );
    }
    if event.party.is_none() {
        return "the agreement bound some parties and not others, and the actor is unknown".into();
    }
    "the event's time window straddles the start of a regime".into()
}

/// Whether one article bound the actor's party (it may be suspended alone).
/// `None` when no suspension names the article.
pub fn article(event: &Event, rulebook: &Rulebook, article: usize) -> Option<Gate> {
    if !rulebook
        .suspensions
        .iter()
        .any(|s| s.articles.contains(&article))
    {
        return None;
    }
    let parties = bound_parties(event, rulebook);
    let truth = over_window(event, rulebook, Some(article), &parties);
    let number = &rulebook.articles[article].number;
    let fact = Fact {
        event: event.id.clone(),
        field: "time".into(),
        value: written(&event.time).into(),
        computed: Some(statuses(event.time.from, rulebook, Some(article))),
        note: None,
    };
    let mut step = Step::leaf(
        format!("article {number} in force").into(),
        truth,
        vec![fact],
    );
    if truth == Truth::Unknown {
        step.unknown_because = Some(why_unknown(event, rulebook, Some(article)));
    }
    let reason = (truth == Truth::False).then(|| why_not(event, rulebook, Some(article), &parties));
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
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> Truth {
    let mut instants = vec![event.time.from];
    instants.extend(boundaries(rulebook).filter(|b| *b > event.time.from && *b <= event.time.to));
    let mut seen: Option<bool> = None;
    for party in parties {
        for t in &instants {
            let bound = binds(*t, *party, rulebook, article).is_none();
            match seen {
                None => seen = Some(bound),
                Some(s) if s != bound => return Truth::Unknown,
                _ => {}
            }
        }
    }
    Truth::from(seen.unwrap_or(true))
}

/// Every instant at which some party's status may change.
fn boundaries(rulebook: &Rulebook) -> impl Iterator<Item = Timestamp> + '_ {
    let suspensions = rulebook
        .suspensions
        .iter()
        .flat_map(|s| std::iter::once(s.from.at).chain(s.until.as_ref().map(|u| u.at)));
    std::iter::once(rulebook.in_force.at)
        .chain(suspensions)
        .chain(rulebook.regimes.iter().map(|r| r.from.at))
}

/// Why the agreement (or an article) did not bind `party` at `t`: `None`
/// when it did.
fn binds<'r>(
    t: Timestamp,
    party: Option<PartyIdx>,
    rulebook: &'r Rulebook,
    article: Option<usize>,
) -> Option<Unbound<'r>> {
    if t < rulebook.in_force.at {
        return Some(Unbound::NotYet);
    }
    let party = party?;
    let regime_start = rulebook
        .regimes
        .iter()
        .filter(|r| r.from.at <= t)
        .map(|r| r.from.at)
        .max();
    rulebook
        .suspensions
        .iter()
        .filter(|s| s.party == party)
        .filter(|s| s.covers(article))
        .filter(|s| s.from.at <= t && s.until.as_ref().is_none_or(|u| t < u.at))
        .filter(|s| s.effective(rulebook))
        // A recommitment after the suspension began lifts it.
        .find(|s| regime_start.is_none_or(|r| s.from.at >= r))
        .map(Unbound::Suspended)
}

enum Unbound<'r> {
    NotYet,
    Suspended(&'r Suspension),
}

fn why_not(
    event: &Event,
    rulebook: &Rulebook,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> String {
    let party = parties.first().copied().flatten();
    match binds(event.time.from, party, rulebook, article) {
        Some(Unbound::Suspended(s)) => suspension_note(s, rulebook),
        _ => format!(
            "before the agreement entered into force ({})",
            rulebook.in_force.written
        ),
    }
}

/// `suspended for ROK since 2023-11-22 15:00 Asia/Seoul (articles 1.3)`
fn suspension_note(s: &Suspension, rulebook: &Rulebook) -> String {
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
        .map_or(String::new(), |u| format!(" until {}", u.written));
    let text = s.text.as_ref().map_or(String::new(), |t| format!(": {t}"));
    format!(
        "{} for {id} since {}{until}{scope}{text}",
        s.word(),
        s.from.written
    )
}

/// `, its repudiation of … having no effect (doctrine `x` is `y`)`: a
/// suspension begun by `t` that the doctrine settings deny effect.
fn without_effect(
    t: Timestamp,
    party: PartyIdx,
    rulebook: &Rulebook,
    article: Option<usize>,
) -> String {
    let denied = rulebook
        .suspensions
        .iter()
        .filter(|s| s.party == party && s.from.at <= t && !s.effective(rulebook))
        .find(|s| s.covers(article));
    let Some(s) = denied else {
        return String::new();
    };
    let what = if s.repudiation {
        "repudiation"
    } else {
        "suspension"
    };
    let d = &rulebook.doctrines[s.when.map_or(0, |w| w.doctrine)];
    format!(
        " (its {what} of {} has no effect: doctrine `{}` is `{}`)",
        s.from.written,
        d.name,
        d.setting_name()
    )
}

/// Every party's status at `t`: `in force for RU since …; suspended for UA since …`.
fn statuses(t: Timestamp, rulebook: &Rulebook, article: Option<usize>) -> String {
    let since = rulebook
        .regimes
        .iter()
        .rfind(|r| r.from.at <= t)
        .map_or_else(
            || rulebook.in_force.written.clone(),
            |r| format!("{} (regime `{}`)", r.from.written, r.name),
        );
    let mut notes = Vec::new();
    for (i, p) in rulebook.parties.iter().enumerate() {
        if p.role != Role::Party {
            continue;
        }
        notes.push(match binds(t, Some(i as PartyIdx), rulebook, article) {
            None => format!(
                "in force for {} since {since}{}",
                p.id,
                without_effect(t, i as PartyIdx, rulebook, article)
            ),
            Some(Unbound::NotYet) => format!("not yet in force for {}", p.id),
            Some(Unbound::Suspended(s)) => suspension_note(s, rulebook),
        });
    }
    notes.join("; ")
}
