//! Several instruments judged together: each event projected into each
//! instrument's names, the events none covers rejected, those one leaves
//! outside its scope listed, and each verdict's translations noted.

use super::Instrument;
use crate::{ast, check, eval, events, graph, name, report};

pub(super) struct Several {
    pub(super) projections: Vec<graph::Projection>,
    /// The names of all the instruments, and what each name stands for in each.
    pub(super) vocabulary: events::Vocabulary,
    /// Judged events left outside an instrument's scope.
    pub(super) outside: Vec<report::Outside>,
}

impl Several {
    /// Each event under every instrument that covers it, then kept as
    /// `eval::in_force_only` says.
    pub(super) fn judge(
        &self,
        graph: &graph::EventGraph,
        surveys: &[eval::Survey],
        instruments: &[Instrument<'_>],
        range: std::ops::Range<usize>,
    ) -> Vec<eval::Verdict> {
        let mut by_event: Vec<Vec<(eval::Verdict, bool)>> = vec![Vec::new(); range.len()];
        let each = instruments.iter().zip(&self.projections).zip(surveys);
        for (r, ((instrument, projection), survey)) in each.enumerate() {
            let local: Vec<(usize, usize)> = range
                .clone()
                .filter_map(|i| projection.local[i].map(|l| (i, l)))
                .collect();
            let Some((&(_, first), &(_, last))) = local.first().zip(local.last()) else {
                continue;
            };
            let judged = eval::adjudicate_range(
                instrument.rulebook,
                &projection.graph,
                survey,
                first..last + 1,
            );
            for ((i, _), mut v) in local.iter().zip(judged) {
                let e = &graph.events[*i];
                v.translated = self.translations(e, r, instruments);
                // Whether the instrument had entered into force by the end
                // of the event's time: if not, it says nothing of it.
                let started = e.time.to >= instrument.rulebook.in_force.at;
                by_event[i - range.start].push((v, started));
            }
        }
        // Every event here is covered by some instrument (see `prepare`).
        by_event.into_iter().flat_map(eval::in_force_only).collect()
    }

    /// The names of `e` that instrument `r` reads as its own parties by a
    /// counterpart: found only when a verdict is made, and rare.
    fn translations(
        &self,
        e: &events::Event,
        r: usize,
        instruments: &[Instrument<'_>],
    ) -> Vec<eval::Translation> {
        let vocabulary = &self.vocabulary;
        let read = |field: eval::Translated, p: usize, side: bool| {
            let (party, via) = match (vocabulary.via[r][p], vocabulary.party_in[r][p]) {
                (Some(via), Some(q)) => (q, via),
                // The side a force `r` knows only in part holds: its one
                // party under that force holds it (see `finding_in`).
                _ => match vocabulary.among[r][p].as_slice() {
                    [one] if side => (
                        *one,
                        events::Via {
                            kind: ast::CounterpartKind::Under,
                            declared_by: r,
                        },
                    ),
                    _ => return None,
                },
            };
            Some(eval::Translation {
                field,
                recorded: vocabulary.parties[p].clone(),
                read_as: instruments[r].rulebook.parties[usize::from(party)]
                    .id
                    .clone(),
                counterpart: via.kind,
                declared_by: instruments[via.declared_by].rulebook.title.clone(),
            })
        };
        let actor = e
            .party
            .map(|p| (eval::Translated::Actor, usize::from(p), false));
        let affected = e
            .affected()
            .map(|p| (eval::Translated::Affected, usize::from(p), false));
        let found = e.findings().iter().filter_map(|f| {
            let (name, side) = finding_party(&f.test)?;
            let p = vocabulary.parties.iter().position(|n| n == name)?;
            Some((eval::Translated::Finding, p, side))
        });
        let mut out: Vec<eval::Translation> = actor
            .into_iter()
            .chain(affected)
            .chain(found)
            .filter_map(|(field, p, side)| read(field, p, side))
            .collect();
        out.dedup();
        out
    }
}

/// The rejection of an event no rulebook given covers.
pub(super) fn uncovered(
    e: &events::Event,
    vocabulary: &events::Vocabulary,
    file: &str,
) -> events::Rejection {
    let act = &vocabulary.acts[usize::from(e.act)];
    let who = e.party.map_or(String::new(), |p| {
        format!(" and party `{}`", vocabulary.parties[usize::from(p)])
    });
    events::Rejection {
        event: Some(e.id.to_string()),
        location: format!("{file}:{}", e.line),
        reason: format!("no rulebook given declares both its act `{act}`{who}"),
        line: e.line,
        order: e.order,
        implied: e.inference().is_some(),
    }
}

/// The judged events each instrument leaves outside its scope, in input
/// order, then instrument order.
pub(super) fn outside_scope(
    graph: &graph::EventGraph,
    projections: &[graph::Projection],
    vocabulary: &events::Vocabulary,
    instruments: &[Instrument<'_>],
) -> Vec<report::Outside> {
    let mut out = Vec::new();
    for (i, e) in graph.events.iter().enumerate() {
        for (r, projection) in projections.iter().enumerate() {
            if projection.local[i].is_some() {
                continue;
            }
            let book = instruments[r].rulebook;
            let act = usize::from(e.act);
            let party = e
                .party
                .map(usize::from)
                .filter(|&p| vocabulary.party_in[r][p].is_none());
            out.push(report::Outside {
                event: e.id.clone(),
                instrument: book.title.clone(),
                act: vocabulary.act_in[r][act]
                    .is_none()
                    .then(|| vocabulary.acts[act].clone()),
                party: party.map(|p| vocabulary.parties[p].clone()),
                among: party.map_or(Vec::new(), |p| {
                    vocabulary.among[r][p]
                        .iter()
                        .map(|q| book.parties[usize::from(*q)].id.clone())
                        .collect()
                }),
            });
        }
    }
    out
}

/// An event as instrument `r` sees it, if `r` declares its act and party,
/// or counterparts of them. A force affected, or a fact, that `r` does not
/// declare is unknown to it.
pub(super) fn project(
    e: &events::Event,
    vocabulary: &events::Vocabulary,
    book: &check::Rulebook,
    r: usize,
) -> Option<events::Event> {
    let (act, party) = names_in(e, vocabulary, r)?;
    let affected = e
        .affected()
        .and_then(|a| vocabulary.party_in[r][usize::from(a)]);
    let mut projected = events::Event {
        act,
        party,
        ..e.clone()
    };
    let unread = e.facts().iter().any(|(n, v)| !vocabulary.reads(r, n, v));
    if unread || affected != e.affected() {
        let mut extra = projected.extra.take().map(|x| *x).unwrap_or_default();
        if unread {
            let kept = e.facts().iter().filter(|(n, v)| vocabulary.reads(r, n, v));
            extra.facts = kept.cloned().collect();
        }
        extra.affected = affected;
        projected.extra = Some(Box::new(extra));
    }
    if let Some(extra) = projected.extra.as_mut() {
        extra.findings = extra
            .findings
            .iter()
            .filter_map(|f| finding_in(f, vocabulary, book, r))
            .collect();
    }
    Some(projected)
}

/// The party a finding names: what the act was aimed at, or the holder of
/// the side of a line (a side may be a compass word instead); and whether
/// it names a side.
fn finding_party(test: &events::FindingTest) -> Option<(&name::Name, bool)> {
    match test {
        events::FindingTest::DirectedAt {
            object: events::Object::Party(p),
        } => Some((p, false)),
        events::FindingTest::Side { side, .. } => Some((side, true)),
        events::FindingTest::Crosses { from, .. } => from.as_ref().map(|f| (f, true)),
        events::FindingTest::DirectedAt { .. }
        | events::FindingTest::In { .. }
        | events::FindingTest::Diligence { .. }
        | events::FindingTest::Element { .. } => None,
    }
}

/// A finding in instrument `r`'s names: a party it names that `r` reads by
/// a counterpart is renamed so. Whom an act was aimed at, named by a force
/// `r` knows only in part (`under` it), `r` cannot read: that finding says
/// nothing under `r`. A side held by such a force is the side its one
/// party under it holds (as the imported line says).
fn finding_in(
    f: &events::MonitorFinding,
    vocabulary: &events::Vocabulary,
    book: &check::Rulebook,
    r: usize,
) -> Option<events::MonitorFinding> {
    let Some((name, side)) = finding_party(&f.test) else {
        return Some(f.clone());
    };
    let Some(p) = vocabulary.parties.iter().position(|n| n == name) else {
        return Some(f.clone()); // a compass word
    };
    let book_name = |q: check::PartyIdx| book.parties[usize::from(q)].id.clone();
    let among = &vocabulary.among[r][p];
    let read = match (vocabulary.via[r][p], vocabulary.party_in[r][p]) {
        (Some(_), Some(q)) => book_name(q),
        _ if among.is_empty() => return Some(f.clone()),
        _ => match among.as_slice() {
            [one] if side => book_name(*one),
            _ => return None,
        },
    };
    let mut out = f.clone();
    match &mut out.test {
        events::FindingTest::DirectedAt {
            object: events::Object::Party(n),
        }
        | events::FindingTest::Side { side: n, .. } => *n = read,
        events::FindingTest::Crosses { from, .. } => *from = Some(read),
        events::FindingTest::DirectedAt { .. }
        | events::FindingTest::In { .. }
        | events::FindingTest::Diligence { .. }
        | events::FindingTest::Element { .. } => {}
    }
    Some(out)
}

/// Instrument `r`'s own indices for the event's act and party, if it
/// declares both.
pub(super) fn names_in(
    e: &events::Event,
    vocabulary: &events::Vocabulary,
    r: usize,
) -> Option<(check::ActIdx, Option<check::PartyIdx>)> {
    let act = vocabulary.act_in[r][usize::from(e.act)]?;
    let party = match e.party {
        Some(p) => Some(vocabulary.party_in[r][usize::from(p)]?),
        None => None,
    };
    Some((act, party))
}
