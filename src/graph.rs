//! Validated events → the event graph, built and checked once before
//! evaluation, so evaluation only looks things up.
//!
//! Duplicate ids, references to ids that no input event has, and cycles in
//! `responds_to` or `continues` are rejected here, each with its location. A reference to
//! an event that was itself rejected does not reject the referring event:
//! it stays, and every test that needs the rejected event is unknown.

mod ids;

use crate::name::{FastMap as HashMap, FastSet as HashSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::ast::Relation;
use crate::events::{Event, Loaded, Rejection};
use ids::Ids;

/// Events as nodes (node `i` is `events[i]`), relations as edges.
#[derive(Debug)]
pub struct EventGraph {
    pub events: Vec<Event>,
    /// Each event by its id.
    ids: Ids,
    graph: DiGraph<(), Relation, u32>,
    /// Relations to rejected events, by referring event (rare, so sparse).
    unresolved: HashMap<usize, Vec<(Relation, Box<str>)>>,
    /// Ids of valid events left out of this graph because the instrument
    /// it was projected for does not cover them.
    outside: HashSet<crate::name::Name>,
}

/// The events one instrument can judge, out of several instruments' graph.
#[derive(Debug)]
pub struct Projection {
    pub graph: EventGraph,
    /// For each event of the full graph, its index here, if it is here.
    pub local: Vec<Option<usize>>,
}

impl EventGraph {
    /// The event with `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.first(&self.events, id)
    }

    /// Events that `event` points to by `relation`, in input order.
    pub fn related(&self, event: usize, relation: Relation) -> Vec<usize> {
        self.neighbours(event, relation, petgraph::Direction::Outgoing)
    }

    /// Events that point to `event` by `relation`, in input order.
    pub fn referring(&self, event: usize, relation: Relation) -> Vec<usize> {
        self.neighbours(event, relation, petgraph::Direction::Incoming)
    }

    fn neighbours(
        &self,
        event: usize,
        relation: Relation,
        direction: petgraph::Direction,
    ) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .graph
            .edges_directed(NodeIndex::new(event), direction)
            .filter(|e| *e.weight() == relation)
            .map(|e| match direction {
                petgraph::Direction::Outgoing => e.target().index(),
                petgraph::Direction::Incoming => e.source().index(),
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Whether `event` points to, or is pointed to by, any event by
    /// `relation` (without collecting them: most events have no relations).
    pub fn is_linked(&self, event: usize, relation: Relation) -> bool {
        let node = NodeIndex::new(event);
        [petgraph::Direction::Outgoing, petgraph::Direction::Incoming]
            .into_iter()
            .any(|d| {
                self.graph
                    .edges_directed(node, d)
                    .any(|e| *e.weight() == relation)
            })
    }

    /// Ids of rejected events that `event` points to by `relation`.
    pub fn unresolved(&self, event: usize, relation: Relation) -> impl Iterator<Item = &str> {
        let all = self
            .unresolved
            .get(&event)
            .map(Vec::as_slice)
            .unwrap_or_default();
        all.iter()
            .filter(move |(r, _)| *r == relation)
            .map(|(_, id)| &**id)
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Whether `id` is a valid event left out because this instrument does
    /// not cover it (rather than a rejected one).
    pub fn is_outside(&self, id: &str) -> bool {
        self.outside.contains(id)
    }

    /// The graph of the events `map` keeps (rewritten for one instrument),
    /// in the same order; relations to the others become unresolved.
    pub fn project(&self, map: impl Fn(&Event) -> Option<Event>) -> Projection {
        let mut events = Vec::new();
        let mut local = Vec::with_capacity(self.events.len());
        let mut outside = HashSet::default();
        for e in &self.events {
            match map(e) {
                Some(kept) => {
                    local.push(Some(events.len()));
                    events.push(kept);
                }
                None => {
                    local.push(None);
                    outside.insert(e.id.clone());
                }
            }
        }
        let ids = Ids::of(&events);
        let (graph, unresolved) = edges(&events, &ids);
        let graph = EventGraph {
            events,
            ids,
            graph,
            unresolved,
            outside,
        };
        Projection { graph, local }
    }
}

/// Builds the graph from loaded events; returns it with every rejection
/// (from loading and from here), in input order.
pub fn build(loaded: Loaded, file: &str) -> (EventGraph, Vec<Rejection>) {
    let Loaded {
        events,
        mut rejected,
        ..
    } = loaded;
    let mut keep = vec![true; events.len()];
    let ids = Ids::of(&events);
    reject_duplicates(&events, &ids, &mut keep, &mut rejected, file);
    reject_dangling(&events, &ids, &mut keep, &mut rejected, file);
    // An act cannot respond to itself, nor a report continue itself, however far round.
    for relation in [Relation::RespondsTo, Relation::Continues] {
        reject_cycles(&events, &ids, relation, &mut keep, &mut rejected, file);
    }
    reject_orphans(&events, &mut keep, &mut rejected, file);
    // The index holds the events as they were; when some are left out it
    // is built again, after the first is dropped, for those kept.
    let (events, ids) = if keep.iter().all(|&k| k) {
        (events, ids)
    } else {
        drop(ids);
        let kept = events.into_iter().zip(&keep).filter(|(_, k)| **k);
        let events: Vec<Event> = kept.map(|(e, _)| e).collect();
        let ids = Ids::of(&events);
        (events, ids)
    };
    let (graph, unresolved) = edges(&events, &ids);
    rejected.sort_by_key(|r| r.order);
    let graph = EventGraph {
        events,
        ids,
        graph,
        unresolved,
        outside: HashSet::default(),
    };
    (graph, rejected)
}

fn reject(event: &Event, reason: String, file: &str) -> Rejection {
    Rejection {
        event: Some(event.id.to_string()),
        location: format!("{file}:{}", event.line),
        reason,
        line: event.line,
        order: event.order,
        implied: event.inference().is_some(),
    }
}

/// Rejects every event whose id an earlier input event already had, even
/// when that earlier event was itself rejected while loading. An act an
/// event implies comes after the event, and after the acts it implies
/// before it: events are in the order of their places, so the first event
/// with an id (`ids`) comes before every other.
fn reject_duplicates(
    events: &[Event],
    ids: &Ids,
    keep: &mut [bool],
    out: &mut Vec<Rejection>,
    file: &str,
) {
    // The first record rejected while loading with each id (rare): its
    // place in the input, then its line.
    let mut rejected: HashMap<&str, ((u32, bool), u32)> = HashMap::default();
    for r in out.iter() {
        if let Some(id) = r.event.as_deref() {
            rejected.entry(id).or_insert(((r.order, false), r.line));
        }
    }
    let place = |e: &Event| (e.order, e.inference().is_some());
    let mut duplicates = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let earlier_event = ids
            .first(events, &e.id)
            .filter(|&j| j != i)
            .map(|j| (place(&events[j]), events[j].line));
        let earlier_record = rejected.get(&*e.id).copied();
        // Events of one record keep their input order here, so of two
        // in the same place the one met first is first.
        let first = [earlier_record, earlier_event].into_iter().flatten().min();
        if let Some((_, line)) = first.filter(|&(at, _)| at <= place(e)) {
            let reason = format!("duplicate id `{}`; the first is at line {line}", e.id);
            duplicates.push((i, reject(e, reason, file)));
        }
    }
    for (i, rejection) in duplicates {
        keep[i] = false;
        out.push(rejection);
    }
}

/// Rejects the acts implied by an event that was rejected: they rest on
/// its record.
/// An implied act follows its event, which is the last event before it
/// that is not implied, of the same record (`order`).
fn reject_orphans(events: &[Event], keep: &mut [bool], out: &mut Vec<Rejection>, file: &str) {
    let mut recorded: Option<u32> = None;
    for (i, e) in events.iter().enumerate() {
        let Some(inference) = e.inference() else {
            recorded = keep[i].then_some(e.order);
            continue;
        };
        if keep[i] && recorded != Some(e.order) {
            let reason = format!("implied by `{}`, which was rejected", inference.parent);
            keep[i] = false;
            out.push(reject(e, reason, file));
        }
    }
}

/// Rejects events that refer to an id no input event has, in one pass.
fn reject_dangling(
    events: &[Event],
    ids: &Ids,
    keep: &mut [bool],
    out: &mut Vec<Rejection>,
    file: &str,
) {
    let rejected: HashSet<&str> = out.iter().filter_map(|r| r.event.as_deref()).collect();
    let known = |id: &str| ids.first(events, id).is_some() || rejected.contains(id);
    let mut dangling = Vec::new();
    for (i, e) in events.iter().enumerate().filter(|(i, _)| keep[*i]) {
        if let Some((relation, id)) = e.relations.iter().find(|(_, id)| !known(id)) {
            let reason = format!(
                "`{}` refers to `{id}`, and no event has this id",
                relation.name()
            );
            dangling.push((i, reject(e, reason, file)));
        } else if let Some(of) = finding_refs(e).find(|id| !known(id)) {
            let reason = format!("a finding is `of` `{of}`, and no event has this id");
            dangling.push((i, reject(e, reason, file)));
        } else if let Some(crate::events::Change::Joins { event }) = e.change()
            && !known(event)
        {
            let reason = format!("`change.joins` refers to `{event}`, and no event has this id");
            dangling.push((i, reject(e, reason, file)));
        }
    }
    for (i, rejection) in dangling {
        keep[i] = false;
        out.push(rejection);
    }
}

/// How many of a cycle's events each of its rejections names.
const CYCLE_NAMED: usize = 8;

/// Rejects every event on a cycle of `relation` among the kept events.
fn reject_cycles(
    events: &[Event],
    ids: &Ids,
    relation: Relation,
    keep: &mut [bool],
    out: &mut Vec<Rejection>,
    file: &str,
) {
    // Every event on a cycle has a relation out of it: the graph holds
    // only the kept events that have, in input order (node `k` is event
    // `from[k]`), a tenth of a million events where one in ten responds.
    let out_of =
        |(i, e): &(usize, &Event)| keep[*i] && e.relations.iter().any(|(r, _)| *r == relation);
    let from: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(out_of)
        .map(|(i, _)| i)
        .collect();
    if from.is_empty() {
        return;
    }
    let node = |i: usize| from.binary_search(&i).ok().map(NodeIndex::new);
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(from.len(), 0);
    for _ in &from {
        g.add_node(());
    }
    for (k, &i) in from.iter().enumerate() {
        for (_, id) in events[i].relations.iter().filter(|(r, _)| *r == relation) {
            // Only the first event with an id can still be kept: every
            // later one is a duplicate.
            let to = ids.first(events, id).filter(|&j| keep[j]).and_then(node);
            if let Some(to) = to {
                g.add_edge(NodeIndex::new(k), to, ());
            }
        }
    }
    if g.edge_count() == 0 {
        return;
    }
    // Only the cycles are kept: collecting every event's own component
    // would allocate a million one-event lists for a million events.
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    petgraph::algo::TarjanScc::new().run(&g, |scc| {
        if scc.len() > 1 {
            cycles.push(scc.iter().map(|n| from[n.index()]).collect());
        }
    });
    for mut scc in cycles {
        scc.sort_unstable();
        // Each rejection names the cycle once, and at most its first few
        // events: a cycle of 20,000 events listed in each of its 20,000
        // rejections is 20,000 squared names.
        let names: Vec<&str> = scc
            .iter()
            .take(CYCLE_NAMED)
            .map(|&i| &*events[i].id)
            .collect();
        let more = scc.len().saturating_sub(CYCLE_NAMED);
        let among = if more == 0 {
            names.join(", ")
        } else {
            format!("{} and {more} more", names.join(", "))
        };
        for i in scc {
            let reason = format!("`{}` forms a cycle among {among}", relation.name());
            out.push(reject(&events[i], reason, file));
            keep[i] = false;
        }
    }
}

/// The events an event's findings are about (`of`).
fn finding_refs(e: &Event) -> impl Iterator<Item = &str> {
    e.findings().iter().filter_map(|f| match &f.test {
        crate::events::FindingTest::Element { of: Some(of), .. } => Some(&**of),
        crate::events::FindingTest::Element { of: None, .. }
        | crate::events::FindingTest::Crosses { .. }
        | crate::events::FindingTest::In { .. }
        | crate::events::FindingTest::Side { .. }
        | crate::events::FindingTest::DirectedAt { .. }
        | crate::events::FindingTest::Diligence { .. } => None,
    })
}

type Unresolved = HashMap<usize, Vec<(Relation, Box<str>)>>;

/// The edges among the kept events (`index` is their ids'), and each
/// event's relations to rejected ones.
fn edges(events: &[Event], index: &Ids) -> (DiGraph<(), Relation, u32>, Unresolved) {
    let edge_count = events.iter().map(|e| e.relations.len()).sum();
    let mut g = DiGraph::with_capacity(events.len(), edge_count);
    for _ in events {
        g.add_node(());
    }
    let mut unresolved: Unresolved = HashMap::default();
    for (i, e) in events.iter().enumerate() {
        for (relation, id) in e.relations.iter() {
            match index.first(events, id) {
                Some(j) => {
                    g.add_edge(NodeIndex::new(i), NodeIndex::new(j), *relation);
                }
                None => unresolved
                    .entry(i)
                    .or_default()
                    .push((*relation, id.clone())),
            }
        }
    }
    (g, unresolved)
}

#[cfg(test)]
mod tests;
