//! `truce adjudicate --rules FILE [--rules FILE ...] --events FILE
//! [--format text|json|jsonl] [--pretty] [--summary]`
//!
//! Verdicts are written as they are judged, a batch at a time, so a large
//! events file never needs all its explanations in memory at once; a
//! closed pipe stops the run at the next batch (see `super::out`).

use std::io::IsTerminal;

use clap::CommandFactory;
use truce::render::json::{Layout, Tail};
use truce::render::{json, jsonl, text};

use super::progress::Progress;
use super::{Exit, Format, Inputs, ReportFormat};

/// Events judged per batch: enough to keep both cores busy, few enough
/// that a batch's explanations stay small beside the events held. On a
/// million events 256 ran as fast as 2,048, on one thread and on two, and
/// peaked 26 MiB lower (248 MiB against 274, as JSON Lines).
const BATCH: usize = 256;

/// What `adjudicate` writes: the format, the JSON layout, and whether only
/// the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    pub format: ReportFormat,
    pub layout: Layout,
    pub summary: bool,
}

impl Output {
    /// The output the flags ask for: JSON is compact unless `--pretty` or
    /// stdout is a terminal, where a person reads it. `--pretty` with
    /// another format is a usage error.
    pub fn of(format: ReportFormat, pretty: bool, summary: bool) -> Result<Output, clap::Error> {
        if pretty && format != ReportFormat::Json {
            let mut command = super::Args::command();
            command.build();
            let adjudicate = command
                .find_subcommand_mut("adjudicate")
                .expect("`adjudicate` is a subcommand");
            return Err(adjudicate.error(
                clap::error::ErrorKind::ArgumentConflict,
                "`--pretty` lays out the JSON report: give it with `--format json` only",
            ));
        }
        let pretty = pretty || std::io::stdout().is_terminal();
        Ok(Output {
            format,
            layout: if pretty {
                Layout::Pretty
            } else {
                Layout::Compact
            },
            summary,
        })
    }

    /// The JSON report as `verify` judges it again, in `layout`.
    pub fn json(layout: Layout) -> Output {
        Output {
            format: ReportFormat::Json,
            layout,
            summary: false,
        }
    }

    /// How the report is made safe for a terminal.
    fn escaped_as(self) -> Format {
        match self.format {
            ReportFormat::Text => Format::Text,
            ReportFormat::Json | ReportFormat::Jsonl => Format::Json,
        }
    }
}

pub fn run(inputs: &Inputs, output: Output, vary: &[String]) -> Exit {
    let progress = Progress::start(&inputs.events);
    let mut sink = |text: &str| progress.suspend(|| super::out(text));
    match write(inputs, output, vary, &progress, &mut sink) {
        None => Exit::Failed,
        Some(false) => Exit::Ok,
        Some(true) => Exit::Rejected,
    }
}

/// Judges the events and hands the report to `raw` a piece at a time, as
/// `adjudicate` writes it (`verify` collects it instead), already made safe
/// for a terminal (`safe`). `None` when the
/// inputs cannot be used (reported on stderr); otherwise whether some
/// events were rejected.
pub fn write(
    inputs: &Inputs,
    output: Output,
    vary: &[String],
    progress: &Progress,
    raw: &mut dyn FnMut(&str),
) -> Option<bool> {
    let books = super::rulebooks(inputs)?;
    let varied = super::vary::doctrines(&books, vary)?;
    let instruments = super::instruments(inputs, &books);
    let mut prepared = super::prepare(inputs, &instruments)?;
    prepared.run.vary_doctrine = vary.to_vec();
    let shelf: Vec<&truce::check::Rulebook> = books.iter().collect();
    let events = prepared.graph.events.len();
    progress.judging(events);
    match (output.format, output.summary) {
        (ReportFormat::Json, false) => {
            raw(&safe(
                output,
                &json::head(&prepared.run, &prepared.inputs, &shelf, output.layout),
            ));
        }
        (ReportFormat::Jsonl, false) => {
            raw(&safe(
                output,
                &jsonl::header(&prepared.run, &prepared.inputs, &shelf),
            ));
        }
        (ReportFormat::Text, _) | (_, true) => {}
    }
    let mut seen = Vec::new();
    let mut judged = 0;
    let mut first = true;
    let totals = prepared.judge_in_batches(&instruments, BATCH, |verdicts| {
        if !varied.is_empty() {
            seen.extend(verdicts.iter().map(truce::report::Seen::of));
        }
        // Batches follow the events: each holds BATCH of them but the last.
        let batch_events = BATCH.min(events - judged);
        judged += batch_events;
        progress.advance(batch_events);
        if !output.summary {
            raw(&batch(output, verdicts, &mut first));
        }
    });
    let dependence = super::vary::compare(inputs, &varied, &seen)?;
    let rejected = &prepared.rejected;
    let patterns = prepared.patterns();
    let tail = Tail {
        patterns: &patterns,
        outside: totals.outside_scope.map(|_| prepared.outside()),
        dependence: (!varied.is_empty()).then_some(&dependence[..]),
        rejected,
        totals: &totals,
    };
    raw(&safe(
        output,
        &end(output, &prepared, &shelf, &tail, events == 0),
    ));
    Some(!rejected.is_empty())
}

/// One batch of verdicts in `output`'s format; `first` until a verdict is
/// written (a batch may hold none). The verdicts are rendered in parallel,
/// in chunks, and joined in their order, so the bytes do not depend on the
/// number of threads. Each is made safe for a terminal as it is rendered.
fn batch(output: Output, verdicts: &[truce::eval::Verdict], first: &mut bool) -> String {
    use rayon::prelude::*;
    let opens = std::mem::replace(first, *first && verdicts.is_empty());
    let render = |(i, v): (usize, &truce::eval::Verdict)| {
        let text = match output.format {
            ReportFormat::Text => text::item(v),
            ReportFormat::Json => json::item(v, opens && i == 0, output.layout),
            ReportFormat::Jsonl => jsonl::verdict(v),
        };
        match safe(output, &text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(escaped) => escaped,
        }
    };
    let pieces: Vec<String> = verdicts.par_iter().enumerate().map(render).collect();
    let mut out = String::with_capacity(pieces.iter().map(String::len).sum());
    pieces.iter().for_each(|p| out.push_str(p));
    out
}

/// `text` with what could act on a terminal escaped, as the format allows:
/// control characters in text, direction characters in JSON (whose
/// serialiser escapes the controls).
fn safe(output: Output, text: &str) -> std::borrow::Cow<'_, str> {
    match output.escaped_as() {
        Format::Text => text::clean_lines(text),
        Format::Json => json::terminal_safe(text),
    }
}

/// What follows the verdicts; with `--summary`, all there is.
fn end(
    output: Output,
    prepared: &truce::Prepared,
    books: &[&truce::check::Rulebook],
    t: &Tail<'_>,
    no_verdicts: bool,
) -> String {
    let (run, inputs) = (&prepared.run, &prepared.inputs[..]);
    match (output.format, output.summary) {
        (ReportFormat::Text, false) => {
            text::patterns(t.patterns)
                + &t.outside.map_or(String::new(), text::outside)
                + &t.dependence.map_or(String::new(), text::dependence)
                + &text::tail(t.rejected, t.totals)
        }
        (ReportFormat::Text, true) => {
            text::patterns(t.patterns)
                + &t.dependence.map_or(String::new(), text::dependence)
                + &text::tail(&[], t.totals)
        }
        (ReportFormat::Json, false) => json::tail(t, no_verdicts, output.layout),
        (ReportFormat::Json, true) => json::summary(run, inputs, t, output.layout),
        (ReportFormat::Jsonl, false) => jsonl::tail(t),
        (ReportFormat::Jsonl, true) => jsonl::summary(run, inputs, books, t),
    }
}
