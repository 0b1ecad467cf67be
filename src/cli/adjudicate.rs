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
    match write(inputs, format, vary, &mut |text| out_as(format, text)) {
        None => Exit::Failed,
        Some(false) => Exit::Ok,
        Some(true) => Exit::Rejected,
    }
}

/// Judges the events and hands the report to `sink` a piece at a time, as
/// `adjudicate` writes it (`verify` collects it instead). `None` when the
/// inputs cannot be used (reported on stderr); otherwise whether some
/// events were rejected.
pub fn write(
    inputs: &Inputs,
    format: Format,
    vary: &[String],
    sink: &mut dyn FnMut(&str),
) -> Option<bool> {
    let books = super::rulebooks(inputs)?;
    let varied = super::vary::doctrines(&books, vary)?;
    let instruments = super::instruments(inputs, &books);
    let mut prepared = super::prepare(inputs, &instruments)?;
    prepared.run.vary_doctrine = vary.to_vec();
    let mut seen = Vec::new();
    if format == Format::Json {
        sink(&json::head(&prepared.run, &prepared.inputs));
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
        sink(&batch);
    });
    let dependence = super::vary::compare(inputs, &varied, &seen)?;
    let rejected = &prepared.rejected;
    let patterns = prepared.patterns();
    let outside = prepared.outside();
    sink(&match format {
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
    });
    Some(!rejected.is_empty())
}
