//! `truce debug parse|graph|map`: the output of one stage, for rule
//! authors and developers.

use std::path::Path;

use truce::ast::Relation;
use truce::span::Source;

use super::{Exit, Inputs, report};

pub fn parse(rules: &Path) -> Exit {
    let text = match truce::files::read_given(rules) {
        Ok(t) => t,
        Err(e) => {
            errln!("error: cannot read rule file `{}`: {e}", rules.display());
            return Exit::Failed;
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    match truce::syntax::parse_rulebook(&Source::new(rules.display().to_string(), text)) {
        Ok(ast) => {
            outln!("{ast:#?}");
            Exit::Ok
        }
        Err(e) => {
            report(&e);
            Exit::Failed
        }
    }
}

pub fn graph(inputs: &Inputs) -> Exit {
    let Some(books) = super::rulebooks(inputs) else {
        return Exit::Failed;
    };
    let refs: Vec<&truce::check::Rulebook> = books.iter().collect();
    let vocabulary = truce::events::Vocabulary::of(&refs);
    let loaded = match truce::events::load(&inputs.events, &vocabulary) {
        Ok(l) => l,
        Err(e) => {
            report(&e);
            return Exit::Failed;
        }
    };
    let (graph, rejected) = truce::graph::build(loaded, &inputs.events.display().to_string());
    outln!(
        "{} events, {} relations",
        graph.events.len(),
        graph.edge_count()
    );
    for (i, e) in graph.events.iter().enumerate() {
        let act = &vocabulary.acts[usize::from(e.act)];
        outln!("{}  line {}  {act}", e.id, e.line);
        for relation in Relation::ALL {
            for j in graph.related(i, relation) {
                outln!("  {} {}", relation.name(), graph.events[j].id);
            }
            for id in graph.unresolved(i, relation) {
                outln!("  {} {id} (rejected)", relation.name());
            }
        }
    }
    for r in &rejected {
        outln!(
            "rejected {}  {}  {}",
            r.event.as_deref().unwrap_or("(no id)"),
            r.location,
            r.reason
        );
    }
    if rejected.is_empty() {
        Exit::Ok
    } else {
        Exit::Rejected
    }
}

/// A picture `debug graph --format dot|svg` or `debug map` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    GraphDot,
    GraphSvg,
    Map,
}

/// Judges the events (keeping only each event's outcome) and writes the
/// figure to standard output.
pub fn figure(inputs: &Inputs, figure: Figure) -> Exit {
    let Some(books) = super::rulebooks(inputs) else {
        return Exit::Failed;
    };
    let instruments = super::instruments(inputs, &books);
    let Some(prepared) = super::prepare(inputs, &instruments) else {
        return Exit::Failed;
    };
    let mut gathered = truce::render::figure::Outcomes::default();
    prepared.judge_in_batches(&instruments, 2048, |verdicts| gathered.add(verdicts));
    let events = &prepared.graph.events;
    let outcomes = gathered.of(events);
    let text = match figure {
        Figure::GraphDot => truce::render::dot::dot(&prepared.graph, &outcomes),
        Figure::GraphSvg => truce::render::graph_svg::svg(&prepared.graph, &outcomes),
        Figure::Map => {
            let refs: Vec<&truce::check::Rulebook> = books.iter().collect();
            let marks = truce::render::map::marks(events, &outcomes);
            truce::render::map::svg(&refs, &marks)
        }
    };
    super::out(&text);
    if prepared.rejected.is_empty() {
        Exit::Ok
    } else {
        Exit::Rejected
    }
}
