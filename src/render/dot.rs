//! The event graph in Graphviz's DOT language (`truce debug graph --format
//! dot`), by petgraph's own export: events as boxes filled by outcome,
//! relations as labelled edges. petgraph escapes the labels; control and
//! direction characters in ids are escaped first, so no id can reach a
//! terminal as itself.

use petgraph::dot::Dot;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::check::Relation;
use crate::eval::Outcome;
use crate::graph::EventGraph;
use crate::render::figure::style;

/// Every event of `graph` with `outcomes` (by event index).
pub fn dot(graph: &EventGraph, outcomes: &[Option<Outcome>]) -> String {
    let mut g: DiGraph<String, &'static str> = DiGraph::with_capacity(graph.events.len(), 0);
    for e in &graph.events {
        g.add_node(super::text::clean(&e.id).into_owned());
    }
    for i in 0..graph.events.len() {
        for relation in Relation::ALL {
            for j in graph.related(i, relation) {
                g.add_edge(NodeIndex::new(i), NodeIndex::new(j), relation.name());
            }
        }
    }
    let node = |_, (i, _): (NodeIndex, &String)| {
        let s = style(outcomes.get(i.index()).copied().flatten());
        format!(
            "shape=box style=filled fillcolor=\"{}\" tooltip=\"{}\"",
            s.colour, s.word
        )
    };
    let edge = |_, _| String::new();
    format!("{}", Dot::with_attr_getters(&g, &[], &edge, &node))
}
