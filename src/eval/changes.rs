//! The changes made while the agreement runs, traced once per graph:
//! every deadline's due instants and every party's suspensions,
//! repudiations and resumptions, from the rulebook's own declarations and
//! from the changes events record; and for each change event, whether it
//! took effect, from when, or why not.
//!
//! Both sources go into one timeline, judged by one code path, so a change
//! the rulebook declares and the same change recorded as an event give the
//! same verdicts. A change recorded as an event takes effect only when a
//! `change` declaration allows it and every consent it needs is recorded
//! and established to that declaration's standard; it takes effect when
//! the last of them is given. The timeline is built under the doctrine
//! settings in effect (`Survey::of` builds it after they are set).

#[cfg(test)]
mod tests;
mod trace;

use jiff::Timestamp;

use super::time::written;
use super::verdict::ChangeTrial;
use crate::check::{DoctrineTest, Instant, PartyIdx, Rulebook};
use crate::events::{Change, Time};
use crate::graph::EventGraph;
use crate::name::Name;

/// When a change took effect: an instant, or a window when the times of
/// the declarations it rests on are uncertain, or the day (or days) it is
/// known only to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub from: Timestamp,
    pub to: Timestamp,
    /// The UTC offset to show it in: that of the declaration that
    /// completed the change.
    pub offset: i32,
    /// Known only to the day: how many whole days the window spans, as
    /// written (a rulebook instant without its hour, or a declaration
    /// dated by day); 0 otherwise.
    pub days: u16,
}

impl When {
    /// A rulebook instant: exact, or every instant of the day it is known
    /// only to (its own wording says which).
    pub(super) fn of(i: &Instant) -> When {
        When {
            from: i.at,
            to: i.last,
            offset: i.tz.to_offset(i.at).seconds(),
            days: u16::from(i.is_day()),
        }
    }

    /// An event's time, or a time a change names: an instant, a window,
    /// or days.
    pub(super) fn of_time(t: &Time) -> When {
        When {
            from: t.from,
            to: t.to,
            offset: t.offset,
            days: t.days,
        }
    }

    /// Whether only its day is known, and `t` falls within it.
    pub fn day_open_at(self, t: &Time) -> bool {
        self.days > 0 && super::time::falls_on(t, self.from, self.to)
    }

    /// Whether it surely, possibly or not at all took effect by `t`.
    pub fn by(self, t: Timestamp) -> super::truth::Truth {
        use super::truth::Truth;
        if self.to <= t {
            Truth::True
        } else if self.from <= t {
            Truth::Unknown
        } else {
            Truth::False
        }
    }
}

/// One due instant of a deadline.
#[derive(Debug, Clone)]
pub struct DueEntry {
    pub at: Timestamp,
    /// The last instant it may be: `at` itself, or the end of the day it
    /// is known only to.
    pub last: Timestamp,
    /// As written: `2025-02-18 00:00 Asia/Jerusalem`.
    pub written: Name,
    /// How the rulebook sets it: `60 d after entry into force`.
    pub how: Option<Name>,
    /// For a change: when it took effect, and by which event.
    pub made: Option<Made>,
    /// The doctrines its effect depended on.
    pub doctrines: Vec<usize>,
}

/// When a change took effect, as written, and the event that made it
/// (`None`: the rulebook's own declaration).
#[derive(Debug, Clone)]
pub struct Made {
    pub when: When,
    pub written: Name,
    pub event: Option<Name>,
}

/// A suspension or repudiation of a party's obligations.
#[derive(Debug, Clone)]
pub struct StatusEntry {
    pub party: PartyIdx,
    pub repudiation: bool,
    /// Indices into the articles; empty: the whole agreement.
    pub articles: Vec<usize>,
    pub when: When,
    /// As written: `2023-11-22 15:00 Asia/Seoul`.
    pub since: Name,
    /// When it ends, if it says, and as written.
    pub until: Option<(When, Name)>,
    /// Whether the doctrine settings give it effect.
    pub effective: bool,
    /// The doctrine setting that denies it effect, when one does.
    pub denied: Option<DoctrineTest>,
    pub doctrines: Vec<usize>,
    pub text: Option<Name>,
    /// The event that made it; `None`: the rulebook's `suspend` or `repudiate`.
    pub event: Option<Name>,
}

impl StatusEntry {
    /// Whether it bears on the whole agreement (`None`) or on that article.
    pub fn covers(&self, article: Option<usize>) -> bool {
        match article {
            None => self.articles.is_empty(),
            Some(a) => self.articles.is_empty() || self.articles.contains(&a),
        }
    }

    pub fn word(&self) -> &'static str {
        if self.repudiation {
            "repudiated"
        } else {
            "suspended"
        }
    }
}

/// A change of a deadline an event made that took no effect.
#[derive(Debug, Clone)]
pub struct Refused {
    /// When it was made (the start of its event's time).
    pub at: Timestamp,
    pub event: Name,
    /// The doctrine that denied it effect, when one did.
    pub doctrine: Option<usize>,
}

/// A recommitment: it lifts the earlier suspensions and repudiations of
/// the parties it names, of the same scope or narrower.
#[derive(Debug, Clone)]
pub struct Resumption {
    /// `None`: every party (a regime).
    pub parties: Option<Vec<PartyIdx>>,
    /// Empty: the whole agreement.
    pub articles: Vec<usize>,
    pub when: When,
    pub written: Name,
    /// The regime it is, when the rulebook declares it as one.
    pub regime: Option<Name>,
    pub event: Option<Name>,
}

impl Resumption {
    /// Whether it lifts `s`: the party's, begun before it, of its scope.
    pub fn lifts(&self, s: &StatusEntry) -> bool {
        let party = self.parties.as_ref().is_none_or(|p| p.contains(&s.party));
        let scope = self.articles.is_empty()
            || (!s.articles.is_empty() && s.articles.iter().all(|a| self.articles.contains(a)));
        party && scope
    }

    /// Whether it restores the whole agreement for `party`.
    pub fn restores(&self, party: PartyIdx) -> bool {
        self.articles.is_empty() && self.parties.as_ref().is_none_or(|p| p.contains(&party))
    }
}

/// The timeline of one rulebook's changes over one graph.
#[derive(Debug, Default)]
pub struct Changes {
    /// By deadline: its due instants in the order they took effect, the
    /// original first.
    pub dues: Vec<Vec<DueEntry>>,
    /// By deadline: changes of it events made that took no effect.
    pub refused: Vec<Vec<Refused>>,
    pub statuses: Vec<StatusEntry>,
    pub resumptions: Vec<Resumption>,
    /// The trial of each change event, by event index, in index order.
    trials: Vec<(usize, ChangeTrial)>,
    /// The doctrines each trial depended on, by the same order.
    trial_doctrines: Vec<Vec<usize>>,
}

impl Changes {
    /// What became of the change event `index` records, if it records one
    /// this rulebook reads, and the doctrines that decided it.
    pub fn trial(&self, index: usize) -> Option<(&ChangeTrial, &[usize])> {
        let at = self.trials.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        Some((&self.trials[at].1, &self.trial_doctrines[at]))
    }

    /// Every instant at which some party's status may change.
    pub fn boundaries(&self) -> impl Iterator<Item = Timestamp> + '_ {
        let statuses = self.statuses.iter().flat_map(|s| {
            [s.when.from, s.when.to]
                .into_iter()
                .chain(s.until.iter().flat_map(|u| [u.0.from, u.0.to]))
        });
        let resumptions = self
            .resumptions
            .iter()
            .flat_map(|r| [r.when.from, r.when.to]);
        statuses.chain(resumptions)
    }

    /// The due instants of `deadline` that may have been in force at some
    /// instant of `time`, as indices into its entries. Changes take effect
    /// in the order their windows start; the last in effect sets the due
    /// instant.
    pub fn possible_dues(&self, deadline: usize, time: &Time) -> Vec<usize> {
        let entries = &self.dues[deadline];
        let mut instants = vec![time.from];
        // A change known only to the day may have taken effect at any
        // instant of it: its window's ends bound the ones to try.
        for e in entries.iter().filter_map(|e| e.made.as_ref()) {
            for t in [e.when.from, e.when.to] {
                if t > time.from && t <= time.to {
                    instants.push(t);
                }
            }
        }
        let mut out = Vec::new();
        for t in instants {
            let sure = entries
                .iter()
                .rposition(|e| e.made.as_ref().is_none_or(|m| m.when.to <= t))
                .unwrap_or(0);
            out.push(sure);
            let later = entries.iter().enumerate().skip(sure + 1);
            out.extend(
                later
                    .filter(|(_, e)| e.made.as_ref().is_some_and(|m| m.when.from <= t))
                    .map(|(i, _)| i),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Traces every change of the rulebook over the graph.
pub fn find(rulebook: &Rulebook, graph: &EventGraph) -> Changes {
    let mut changes = Changes {
        dues: rulebook
            .deadlines
            .iter()
            .map(|d| own_dues(rulebook, d))
            .collect(),
        refused: vec![Vec::new(); rulebook.deadlines.len()],
        statuses: rulebook
            .suspensions
            .iter()
            .map(|s| own_status(rulebook, s))
            .collect(),
        resumptions: rulebook
            .regimes
            .iter()
            .map(|r| Resumption {
                parties: None,
                articles: Vec::new(),
                when: When::of(&r.from),
                written: r.from.written.as_str().into(),
                regime: Some(r.name.as_str().into()),
                event: None,
            })
            .collect(),
        ..Default::default()
    };
    let mut tracer = trace::Tracer::new(rulebook, graph);
    for (i, e) in graph.events.iter().enumerate() {
        let Some(change) = e.change() else {
            continue;
        };
        let (stated, joins) = match change {
            Change::Joins { event } => match tracer.stated(event) {
                Some(main) => (main, true),
                None => {
                    tracer.refuse_joiner(i, event, &mut changes);
                    continue;
                }
            },
            _ => (i, false),
        };
        let Some(trial) = tracer.trial(stated, &mut changes, !joins) else {
            continue;
        };
        changes.trials.push((i, trial.0));
        changes.trial_doctrines.push(trial.1);
    }
    for dues in &mut changes.dues {
        // The original first, then the changes in the order they took
        // effect (the rulebook's own first among equals: a stable sort).
        dues[1..].sort_by_key(|d| d.made.as_ref().map(|m| (m.when.from, m.when.to)));
    }
    changes
}

/// The rulebook's own schedule of a deadline: the original, then each
/// extension the doctrine settings give effect.
fn own_dues(rulebook: &Rulebook, d: &crate::check::Deadline) -> Vec<DueEntry> {
    d.schedule
        .iter()
        .filter(|due| rulebook.any_allows(&due.rules))
        .map(|due| DueEntry {
            at: due.at.at,
            last: due.at.last,
            written: due.at.written.as_str().into(),
            how: (!due.how.is_empty()).then(|| due.how.as_str().into()),
            made: due.agreed.as_ref().map(|a| Made {
                when: When::of(a),
                written: a.written.as_str().into(),
                event: None,
            }),
            doctrines: due
                .rules
                .iter()
                .filter_map(|r| rulebook.changes[*r].when.map(|t| t.doctrine))
                .collect(),
        })
        .collect()
}

fn own_status(rulebook: &Rulebook, s: &crate::check::Suspension) -> StatusEntry {
    StatusEntry {
        party: s.party,
        repudiation: s.repudiation,
        articles: s.articles.clone(),
        when: When::of(&s.from),
        since: s.from.written.as_str().into(),
        until: s
            .until
            .as_ref()
            .map(|u| (When::of(u), u.written.as_str().into())),
        effective: s.effective(rulebook),
        denied: s.denied_by(rulebook),
        doctrines: s.doctrines(rulebook).collect(),
        text: s.text.clone(),
        event: None,
    }
}

/// When a change took effect: an instant, `between … and …`, or the day
/// it is known only to, `2024-06-04 (+09:00)`.
pub fn window_written(w: When) -> String {
    let time = Time {
        from: w.from,
        to: w.to,
        offset: w.offset,
        days: w.days,
    };
    if w.days > 0 {
        return super::time::days_written(&time);
    }
    written(&time)
}
