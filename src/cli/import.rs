//! `truce import --mapping MAP.yaml TABLE.csv [--rules R] [-o FILE] [--format yaml|jsonl] [--allow-rejections]`
//!
//! Rows are converted as they are read and written at once, so a table of
//! any length needs memory for one row (and the ids seen, to refuse a
//! duplicate). Rejections go to stderr as they are found, then the counts.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use truce::events::Vocab;
use truce::import::{Mapping, Outcome, Summary};
use truce::render::{import as words, json::terminal_safe, text::clean_lines};

use super::{Exit, report};

/// The events file written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    Yaml,
    Jsonl,
}

/// What `truce import` was asked.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The mapping file (YAML): which column holds what, which actors are
    /// which party, which event types which act, what precision codes mean.
    #[arg(long, value_name = "MAP.yaml")]
    mapping: PathBuf,
    /// The CSV table (a header row, then one event a row).
    table: PathBuf,
    /// A rule file: the mapping's parties and acts must be its names, and
    /// its time zone is read where the mapping names none. Give it again
    /// for several.
    #[arg(long)]
    rules: Vec<PathBuf>,
    /// Where to write the events (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The events file's format (default: by the output's name, else yaml).
    #[arg(long, value_enum)]
    format: Option<EventsFormat>,
    /// Exit with 0 even when rows were rejected (they are still listed and
    /// counted).
    #[arg(long)]
    allow_rejections: bool,
}

pub fn run(args: &ImportArgs) -> Exit {
    let Some(mapping) = mapping(args) else {
        return Exit::Failed;
    };
    let Some(format) = format(args) else {
        return Exit::Failed;
    };
    if overwrites_input(args) {
        errln!(
            "error: the output `{}` is one of the inputs; write the events to another file",
            args.output
                .as_deref()
                .map(Path::display)
                .map(|d| d.to_string())
                .unwrap_or_default()
        );
        return Exit::Failed;
    }
    let table_name = args.table.display().to_string();
    let table = match File::open(&args.table) {
        Ok(f) => f,
        Err(e) => {
            errln!("error: cannot read `{table_name}`: {e}");
            return Exit::Failed;
        }
    };
    let mut sink = match Sink::open(args.output.as_deref(), format) {
        Ok(s) => s,
        Err(e) => {
            errln!("error: {e}");
            return Exit::Failed;
        }
    };
    sink.head(&table_name, &mapping.path);
    let result =
        truce::import::import(&mapping, &table_name, table, &mut |outcome| match outcome {
            Outcome::Event(e) => sink.event(&e),
            Outcome::Rejected(r) => super::err(&words::rejection(&table_name, &r)),
        });
    finish(args, sink, result, &table_name)
}

/// Reports the end of an import and chooses the exit code.
fn finish(
    args: &ImportArgs,
    sink: Sink,
    result: Result<Summary, truce::import::ImportError>,
    table_name: &str,
) -> Exit {
    let written = sink.close(result.is_ok());
    let summary = match (result, written) {
        (Ok(summary), Ok(())) => summary,
        (Err(e), _) => {
            report(&e);
            discard(args.output.as_deref());
            return Exit::Failed;
        }
        (Ok(_), Err(e)) => {
            errln!("error: cannot write the events: {e}");
            discard(args.output.as_deref());
            return Exit::Failed;
        }
    };
    super::err(&words::summary(table_name, &summary));
    if summary.rejected > 0 && !args.allow_rejections {
        Exit::Rejected
    } else {
        Exit::Ok
    }
}

/// Whether `-o` names the table or the mapping: creating it would empty
/// the input before it is read.
fn overwrites_input(args: &ImportArgs) -> bool {
    let Some(output) = args.output.as_deref().and_then(|o| o.canonicalize().ok()) else {
        return false;
    };
    [&args.table, &args.mapping]
        .iter()
        .any(|input| input.canonicalize().is_ok_and(|i| i == output))
}

/// A partly written events file would look whole: it is removed.
fn discard(output: Option<&Path>) {
    if let Some(path) = output {
        let _ = std::fs::remove_file(path);
    }
}

/// The mapping, checked against the rulebooks when given.
fn mapping(args: &ImportArgs) -> Option<Mapping> {
    let mut mapping = match Mapping::load(&args.mapping) {
        Ok(m) => m,
        Err(e) => {
            report(&e);
            return None;
        }
    };
    if args.rules.is_empty() {
        return Some(mapping);
    }
    let mut books = Vec::new();
    for path in &args.rules {
        match truce::load_rulebook(path) {
            Ok(c) => books.push(c.rulebook),
            Err(e) => {
                super::report_rulebook_error(&e);
                return None;
            }
        }
    }
    let parties: Vec<&str> = books.iter().flat_map(|b| b.party_names()).collect();
    let acts: Vec<&str> = books.iter().flat_map(|b| b.act_names()).collect();
    if let Err(e) = mapping.check_names(&parties, &acts) {
        report(&e);
        return None;
    }
    // The agreement's zone, where the rulebooks keep one zone.
    let zones: Vec<_> = books.iter().filter_map(|b| b.day_zone().ok()).collect();
    if let Some(first) = zones.first()
        && zones.iter().all(|z| z.iana_name() == first.iana_name())
    {
        mapping.default_zone(first);
    }
    Some(mapping)
}

/// The format asked for, or the output's by its name.
fn format(args: &ImportArgs) -> Option<EventsFormat> {
    let by_name = args.output.as_deref().map(truce::events::Format::of);
    match (args.format, by_name) {
        (Some(f), _) => Some(f),
        (None, None) => Some(EventsFormat::Yaml),
        (None, Some(Some(truce::events::Format::Yaml))) => Some(EventsFormat::Yaml),
        (None, Some(Some(truce::events::Format::JsonLines))) => Some(EventsFormat::Jsonl),
        (None, Some(None)) => {
            errln!(
                "error: `{}` is not an events file name; end it in `.yaml` or `.jsonl`, or give `--format`",
                args.output
                    .as_deref()
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            );
            None
        }
    }
}

/// Where the events go: a file, or standard output made safe for a terminal.
struct Sink {
    file: Option<BufWriter<File>>,
    format: EventsFormat,
    failed: Option<std::io::Error>,
    /// The head, written with the first event or at a clean end, so an
    /// import stopped by its table's header writes nothing.
    head: Option<String>,
}

impl Sink {
    fn open(output: Option<&Path>, format: EventsFormat) -> Result<Sink, String> {
        let file = output
            .map(|p| {
                File::create(p)
                    .map(BufWriter::new)
                    .map_err(|e| format!("cannot write `{}`: {e}", p.display()))
            })
            .transpose()?;
        Ok(Sink {
            file,
            format,
            failed: None,
            head: None,
        })
    }

    /// A YAML file says where it came from (JSON Lines has no comments).
    fn head(&mut self, table: &str, mapping: &str) {
        if self.format == EventsFormat::Yaml {
            let line = format!(
                "# Imported by `truce import` from `{table}` with the mapping `{mapping}`.\n"
            );
            self.head = Some(clean_lines(&line).into_owned());
        }
    }

    fn event(&mut self, e: &truce::import::Event) {
        self.write_head();
        let text = match self.format {
            EventsFormat::Yaml => truce::import::write_yaml(e),
            EventsFormat::Jsonl => truce::import::write_jsonl(e),
        };
        self.write(&text);
    }

    fn write(&mut self, text: &str) {
        match &mut self.file {
            Some(f) if self.failed.is_none() => {
                if let Err(e) = f.write_all(text.as_bytes()) {
                    self.failed = Some(e);
                }
            }
            Some(_) => {}
            // The serialisers escape control characters (JSON as `\u001b`,
            // YAML as `\e` in double quotes); direction marks are escaped
            // as `\u202e`, which both read back inside double quotes; any
            // control character left is shown escaped.
            None => super::out(&clean_lines(&terminal_safe(text))),
        }
    }

    fn write_head(&mut self) {
        if let Some(head) = self.head.take() {
            self.write(&head);
        }
    }

    /// Ends the output; `whole`: the import ran to the end, so a file with
    /// no event still says where it came from.
    fn close(mut self, whole: bool) -> std::io::Result<()> {
        if whole {
            self.write_head();
        }
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.file {
            Some(mut f) => f.flush(),
            None => Ok(()),
        }
    }
}
