//! `truce report --rules FILE [--rules FILE ...] --events FILE [--format html|markdown] [-o FILE]`
//!
//! The report for people: every verdict with its reasoning, in one HTML
//! file to read offline and print, or in Markdown to paste into a brief.
//! Unlike `adjudicate` it holds every verdict at once: a document is
//! written whole.

use std::path::Path;

use truce::check::Rulebook;
use truce::eval::Verdict;
use truce::graph::EventGraph;
use truce::render::document::{Agreement, Document, Figures, Recorded};
use truce::render::{figure, graph_svg, html, map, markdown};

use super::{DocumentFormat, Exit, Inputs};

pub fn run(inputs: &Inputs, format: DocumentFormat, output: Option<&Path>) -> Exit {
    let Some((text, rejected)) = render(inputs, format) else {
        return Exit::Failed;
    };
    match output {
        None => super::out(&text),
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                errln!("error: cannot write `{}`: {e}", path.display());
                return Exit::Failed;
            }
        }
    }
    if rejected { Exit::Rejected } else { Exit::Ok }
}

/// The report in `format`, and whether some events were rejected; `None`
/// when the inputs cannot be used (reported on stderr).
fn render(inputs: &Inputs, format: DocumentFormat) -> Option<(String, bool)> {
    let books = super::rulebooks(inputs)?;
    let instruments = super::instruments(inputs, &books);
    let prepared = super::prepare(inputs, &instruments)?;
    let recorded: Recorded = prepared
        .graph
        .events
        .iter()
        .filter_map(|e| Some((e.id.clone(), e.summary()?.into())))
        .collect();
    let mut verdicts = Vec::new();
    let totals = prepared.judge_in_batches(&instruments, usize::MAX, |batch| {
        verdicts.extend_from_slice(batch)
    });
    let figures = figures(&prepared.graph, &books, &verdicts);
    let patterns = prepared.patterns().to_vec();
    let outside = prepared.outside().to_vec();
    let adjudication = truce::report::Adjudication {
        run: prepared.run,
        inputs: prepared.inputs,
        verdicts,
        patterns,
        rejected: prepared.rejected,
        outside,
        totals,
    };
    let agreements: Vec<Agreement> = instruments
        .iter()
        .map(|i| Agreement::of(i.rulebook, i.path))
        .collect();
    let document = Document::new(&adjudication, &agreements, &recorded, &figures);
    let text = match format {
        DocumentFormat::Html => html::report(&document),
        DocumentFormat::Markdown => markdown::report(&document),
    };
    Some((text, !adjudication.rejected.is_empty()))
}

/// The map of the rulebooks' geometry with every event placed on it, and
/// the event graph, each event coloured by its gravest outcome.
fn figures(graph: &EventGraph, books: &[Rulebook], verdicts: &[Verdict]) -> Figures {
    let outcomes = figure::outcomes(&graph.events, verdicts);
    let rulebooks: Vec<&Rulebook> = books.iter().collect();
    Figures {
        map: Some(map::svg(&rulebooks, &map::marks(&graph.events, &outcomes))),
        graph: Some(graph_svg::svg(graph, &outcomes)),
    }
}
