//! `truce adjudicate --rules FILE [--rules FILE ...] --events FILE [--format text|json]`
//!
//! Verdicts are written as they are judged, a batch at a time, so a large
//! events file never needs all its explanations in memory at once.

use truce::render::{json, text};

use super::{Exit, Format, Inputs, out_as};

/// Events judged per batch: large enough to keep both cores busy, small
/// enough that a batch's explanations stay a few megabytes.
const BATCH: usize = 2048;

pub fn run(inputs: &Inputs, format: Format, vary: &[String]) -> Exit {
    let Some(books) = super::rulebooks(inputs) else {
        return Exit::Failed;
    };
    let Some(varied) = super::vary::doctrines(&books, vary) else {
        return Exit::Failed;
    };
    let instruments = super::instruments(inputs, &books);
    let Some(prepared) = super::prepare(inputs, &instruments) else {
        return Exit::Failed;
    };
    let mut seen = Vec::new();
    if format == Format::Json {
        out_as(format, &json::head(&prepared.inputs));
    }
    let mut first = true;
    let totals = prepared.judge_in_batches(&instruments, BATCH, |verdicts| {
        if !varied.is_empty() {
            seen.extend(verdicts.iter().map(truce::report::Seen::of));
        }
        let batch: String = match format {
            Format::Text => verdicts.iter().map(text::item).collect(),
            Format::Json => verdicts
                .iter()
                .map(|v| json::item(v, std::mem::replace(&mut first, false)))
                .collect(),
        };
        out_as(format, &batch);
    });
    let Some(dependence) = super::vary::compare(inputs, &varied, &seen) else {
        return Exit::Failed;
    };
    let rejected = &prepared.rejected;
    let patterns = prepared.patterns();
    let outside = prepared.outside();
    out_as(
        format,
        &match format {
            Format::Text => {
                text::patterns(&patterns)
                    + &text::outside(outside)
                    + &text::dependence(&dependence)
                    + &text::tail(rejected, &totals)
            }
            Format::Json => json::tail(
                &patterns,
                totals.outside_scope.map(|_| outside),
                (!varied.is_empty()).then_some(&dependence[..]),
                rejected,
                &totals,
                prepared.graph.events.is_empty(),
            ),
        },
    );
    if rejected.is_empty() {
        Exit::Ok
    } else {
        Exit::Rejected
    }
}
