//! Validated events → the event graph, built and checked once before
//! evaluation: duplicate ids, dangling references and `responds_to` cycles
//! are rejected here, each with its location, so evaluation only looks up.

use std::collections::{HashMap, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::check::Relation;
use crate::events::{Event, Loaded, Rejection};

/// Events as nodes (node `i` is `events[i]`), relations as edges.
#[derive(Debug)]
pub struct EventGraph {
    pub events: Vec<Event>,
    graph: DiGraph<(), Relation, u32>,
}

impl EventGraph {
    /// Events that `event` points to by `relation`, in input order.
    pub fn related(&self, event: usize, relation: Relation) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .graph
            .edges(NodeIndex::new(event))
            .filter(|e| *e.weight() == relation)
            .map(|e| e.target().index())
            .collect();
        out.sort_unstable();
        out
    }

    /// Events that point to `event` by `relation`, in input order.
    pub fn referring(&self, event: usize, relation: Relation) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .graph
            .edges_directed(NodeIndex::new(event), petgraph::Direction::Incoming)
            .filter(|e| *e.weight() == relation)
            .map(|e| e.source().index())
            .collect();
        out.sort_unstable();
        out
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
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
    reject_duplicates(&events, &mut keep, &mut rejected, file);
    loop {
        reject_dangling(&events, &mut keep, &mut rejected, file);
        if !reject_cycles(&events, &mut keep, &mut rejected, file) {
            break;
        }
    }
    let events: Vec<Event> = events
        .into_iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(e, _)| e)
        .collect();
    let graph = edges(&events);
    rejected.sort_by_key(|r| r.line);
    (EventGraph { events, graph }, rejected)
}

fn reject(event: &Event, reason: String, file: &str) -> Rejection {
    Rejection {
        event: Some(event.id.to_string()),
        location: format!("{file}:{}", event.line),
        reason,
        line: event.line,
    }
}

fn reject_duplicates(events: &[Event], keep: &mut [bool], out: &mut Vec<Rejection>, file: &str) {
    let mut first: HashMap<&str, u32> = HashMap::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        if let Some(line) = first.get(&*e.id) {
            keep[i] = false;
            out.push(reject(
                e,
                format!("duplicate id `{}`; the first is at line {line}", e.id),
                file,
            ));
        } else {
            first.insert(&e.id, e.line);
        }
    }
}

/// Rejects events that refer to ids not among the kept events, repeating
/// until no rejection leaves another reference dangling.
fn reject_dangling(events: &[Event], keep: &mut [bool], out: &mut Vec<Rejection>, file: &str) {
    loop {
        let kept: HashSet<&str> = events
            .iter()
            .zip(keep.iter())
            .filter(|(_, k)| **k)
            .map(|(e, _)| &*e.id)
            .collect();
        let rejected: HashSet<String> = out.iter().filter_map(|r| r.event.clone()).collect();
        let mut all: HashSet<&str> = events.iter().map(|e| &*e.id).collect();
        all.extend(rejected.iter().map(String::as_str));
        let mut changed = false;
        for (i, e) in events.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let missing = e.relations.iter().find(|(_, id)| !kept.contains(&**id));
            if let Some((relation, id)) = missing {
                let why = if all.contains(&**id) {
                    "which was rejected"
                } else {
                    "and no event has this id"
                };
                let reason = format!("`{}` refers to `{id}`, {why}", relation.name());
                out.push(reject(e, reason, file));
                keep[i] = false;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Rejects every event on a `responds_to` cycle; true if any was rejected.
fn reject_cycles(
    events: &[Event],
    keep: &mut [bool],
    out: &mut Vec<Rejection>,
    file: &str,
) -> bool {
    let index: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(i, e)| (&*e.id, i))
        .collect();
    let mut g: DiGraph<(), ()> = DiGraph::with_capacity(events.len(), 0);
    for _ in events {
        g.add_node(());
    }
    for (i, e) in events.iter().enumerate().filter(|(i, _)| keep[*i]) {
        for (_, id) in e
            .relations
            .iter()
            .filter(|(r, _)| *r == Relation::RespondsTo)
        {
            g.add_edge(NodeIndex::new(i), NodeIndex::new(index[&**id]), ());
        }
    }
    let mut any = false;
    for mut scc in petgraph::algo::tarjan_scc(&g) {
        if scc.len() < 2 {
            continue;
        }
        scc.sort_unstable();
        let names: Vec<&str> = scc.iter().map(|n| &*events[n.index()].id).collect();
        for n in &scc {
            let reason = format!("`responds_to` forms a cycle among {}", names.join(", "));
            out.push(reject(&events[n.index()], reason, file));
            keep[n.index()] = false;
        }
        any = true;
    }
    any
}

fn edges(events: &[Event]) -> DiGraph<(), Relation, u32> {
    let index: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (&*e.id, i))
        .collect();
    let edge_count = events.iter().map(|e| e.relations.len()).sum();
    let mut g = DiGraph::with_capacity(events.len(), edge_count);
    for _ in events {
        g.add_node(());
    }
    for (i, e) in events.iter().enumerate() {
        for (relation, id) in e.relations.iter() {
            g.add_edge(NodeIndex::new(i), NodeIndex::new(index[&**id]), *relation);
        }
    }
    g
}
