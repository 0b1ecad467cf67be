//! Whether the agreement, or one article of it, bound the actor's party
//! when the event happened: entry into force, per-party suspension and
//! repudiation, and recommitments (regimes) that start the ceasefire anew.
//!
//! A recommitment lifts every suspension that began before it. A time
//! window across any of these boundaries is unknown when the status
//! differs on either side; so is a time that falls on the day of one known
//! only to the day (an entry into force whose hour was never published),
//! unless every way that day may have turned out gives the same status.

use jiff::Timestamp;

use super::time::{falls_on, within_day, written};
use super::truth::Truth;
use super::verdict::{DayOf, Doubt, Fact, Step};
use crate::check::{Instant, PartyIdx, Role, Rulebook, Suspension};
use crate::events::Event;

/// At most this many instants known only to the day are weighed at once;
/// beyond it, the status is unknown (2^8 ways to try).
const MAX_OPEN: usize = 8;

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
        explain(&mut step, event, rulebook, None, &parties);
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

/// Says why the status is unknown: as data when an instant known only to
/// the day makes it so, otherwise as a reader would say it.
fn explain(
    step: &mut Step,
    event: &Event,
    rulebook: &Rulebook,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) {
    match day_doubt(event, rulebook, article, parties) {
        Some(doubt) => step.doubt = Some(doubt),
        None => step.unknown_because = Some(why_unknown(event, rulebook, article)),
    }
}

/// The first instant that bears on the status and is known only to a day
/// the event's time falls on: entry into force, then a suspension's start
/// or end, then a regime's start.
fn day_doubt(
    event: &Event,
    rulebook: &Rulebook,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> Option<Doubt> {
    let on = |i: &Instant| falls_on(&event.time, i.at, i.last);
    if on(&rulebook.in_force) {
        return Some(within_day(
            DayOf::EntryIntoForce,
            &rulebook.in_force.written,
        ));
    }
    let id = |s: &Suspension| rulebook.parties[usize::from(s.party)].id.clone();
    let deciding = |s: &&Suspension| {
        s.covers(article) && (parties.contains(&Some(s.party)) || parties.contains(&None))
    };
    for s in rulebook.suspensions.iter().filter(deciding) {
        if on(&s.from) {
            let of = DayOf::Suspension {
                party: id(s),
                repudiation: s.repudiation,
            };
            return Some(within_day(of, &s.from.written));
        }
        if let Some(u) = s.until.as_ref().filter(|u| on(u)) {
            return Some(within_day(
                DayOf::SuspensionEnd { party: id(s) },
                &u.written,
            ));
        }
    }
    let regime = rulebook.regimes.iter().find(|r| on(&r.from))?;
    let of = DayOf::Regime {
        name: regime.name.as_str().into(),
    };
    Some(within_day(of, &regime.from.written))
}

/// What makes the status unknown, as a reader would say it.
fn why_unknown(event: &Event, rulebook: &Rulebook, article: Option<usize>) -> String {
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
        explain(&mut step, event, rulebook, Some(article), &parties);
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

/// The status over the event's window, for every party that decides:
/// taken at its start and wherever some party's status may change within
/// it, each time every way the days known without their hour may turn out.
fn over_window(
    event: &Event,
    rulebook: &Rulebook,
    article: Option<usize>,
    parties: &[Option<PartyIdx>],
) -> Truth {
    let mut instants = vec![event.time.from];
    let within = |b: &Timestamp| *b > event.time.from && *b <= event.time.to;
    for b in boundaries(rulebook) {
        instants.extend([b.at, b.last].into_iter().filter(within));
    }
    let mut seen: Option<bool> = None;
    for t in instants {
        let open: Vec<&Instant> = boundaries(rulebook)
            .filter(|b| b.passed_by(t).is_none())
            .collect();
        if open.len() > MAX_OPEN {
            return Truth::Unknown;
        }
        for mask in 0..1u32 << open.len() {
            let reading = Reading {
                t,
                open: &open,
                mask,
            };
            for party in parties {
                let bound = binds(&reading, *party, rulebook, article).is_none();
                match seen {
                    None => seen = Some(bound),
                    Some(s) if s != bound => return Truth::Unknown,
                    _ => {}
                }
            }
        }
    }
    Truth::from(seen.unwrap_or(true))
}

/// Every instant at which some party's status may change.
fn boundaries(rulebook: &Rulebook) -> impl Iterator<Item = &Instant> + '_ {
    let suspensions = rulebook
        .suspensions
        .iter()
        .flat_map(|s| std::iter::once(&s.from).chain(s.until.as_ref()));
    std::iter::once(&rulebook.in_force)
        .chain(suspensions)
        .chain(rulebook.regimes.iter().map(|r| &r.from))
}

/// One way the record may be read at `t`: each instant known only to a
/// day `t` falls on (`open`) has passed if its bit in `mask` is set; every
/// other instant has passed if it is no later than `t`.
struct Reading<'a> {
    t: Timestamp,
    open: &'a [&'a Instant],
    mask: u32,
}

impl Reading<'_> {
    /// The reading that takes every open instant to have passed by `t`.
    fn settled(t: Timestamp) -> Reading<'static> {
        Reading {
            t,
            open: &[],
            mask: 0,
        }
    }

    fn passed(&self, i: &Instant) -> bool {
        match self.open.iter().position(|o| std::ptr::eq(*o, i)) {
            Some(k) => self.mask >> k & 1 == 1,
            None => i.at <= self.t,
        }
    }
}

/// Why the agreement (or an article) did not bind `party` as `reading`
/// has it: `None` when it did.
fn binds<'r>(
    reading: &Reading<'_>,
    party: Option<PartyIdx>,
    rulebook: &'r Rulebook,
    article: Option<usize>,
) -> Option<Unbound<'r>> {
    if !reading.passed(&rulebook.in_force) {
        return Some(Unbound::NotYet);
    }
    let party = party?;
    let regime_start = rulebook
        .regimes
        .iter()
        .filter(|r| reading.passed(&r.from))
        .map(|r| r.from.at)
        .max();
    rulebook
        .suspensions
        .iter()
        .filter(|s| s.party == party)
        .filter(|s| s.covers(article))
        .filter(|s| reading.passed(&s.from) && s.until.as_ref().is_none_or(|u| !reading.passed(u)))
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
    match binds(&Reading::settled(event.time.from), party, rulebook, article) {
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
    // Where `t` falls on a day known without its hour, the status before
    // that day's instant and after it are both told.
    let open: Vec<&Instant> = boundaries(rulebook)
        .filter(|b| b.passed_by(t).is_none())
        .collect();
    let before = Reading {
        t,
        open: &open,
        mask: 0,
    };
    let after = Reading::settled(t);
    let mut notes = Vec::new();
    for (i, p) in rulebook.parties.iter().enumerate() {
        if p.role != Role::Party {
            continue;
        }
        let party = i as PartyIdx;
        let status = |reading: &Reading<'_>| match binds(reading, Some(party), rulebook, article) {
            None => format!(
                "in force for {} since {since}{}",
                p.id,
                without_effect(t, party, rulebook, article)
            ),
            Some(Unbound::NotYet) => format!("not yet in force for {}", p.id),
            Some(Unbound::Suspended(s)) => suspension_note(s, rulebook),
        };
        let (early, late) = (status(&before), status(&after));
        notes.push(if early == late {
            late
        } else {
            format!("{early}, or {late}")
        });
    }
    notes.join("; ")
}
