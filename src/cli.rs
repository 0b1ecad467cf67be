//! Subcommands. Each lives in its own file and returns an [`Exit`] code.

/// `println!` that ends quietly when stdout is a closed pipe (`| head`).
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::out(&truce::render::text::clean_lines(&format!(
            "{}\n",
            format_args!($($arg)*)
        )))
    };
}

/// `eprintln!` that ends quietly when stderr is a closed pipe.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::err(&truce::render::text::clean_lines(&format!(
            "{}\n",
            format_args!($($arg)*)
        )))
    };
}

mod adjudicate;
mod check;
mod debug;
mod diff;
mod explain;
mod fmt;
mod import;
mod lint;
mod lint_witness;
mod progress;
mod report;
mod shell;
mod test;
mod vary;
mod verify;
mod whatif;
mod witness;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use miette::Diagnostic;

/// Adjudicates ceasefire violations: rule files in, explained verdicts out.
#[derive(Debug, Parser)]
#[command(name = "truce", version, about)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Checks rule files and prints every problem found.
    Check {
        /// Rule files (`.truce`).
        #[arg(required = true)]
        rules: Vec<PathBuf>,
    },
    /// Checks rule files, then finds what their logic gets wrong:
    /// provisions that can never apply, tests that change nothing,
    /// overlapping exceptions, hostile acts no article reaches.
    Lint(lint::LintArgs),
    /// Judges every event of an events file under a rulebook.
    Adjudicate {
        #[command(flatten)]
        inputs: Inputs,
        /// Output format: `jsonl` is JSON Lines, one record a line.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Indents the JSON report (the default when stdout is a terminal;
        /// to a file or a pipe it is compact, on one line).
        #[arg(long)]
        pretty: bool,
        /// Only the totals and the findings of patterns (and, with
        /// `--vary-doctrine`, how the verdicts depend on it).
        #[arg(long)]
        summary: bool,
        /// Judges the events again under each other setting of a doctrine
        /// and lists the verdicts that would differ; `all` for every
        /// doctrine the rulebooks declare. Give it again for another.
        #[arg(long, value_name = "DOCTRINE")]
        vary_doctrine: Vec<String>,
    },
    /// Writes the report for people: every verdict with its reasoning, as
    /// one HTML file to read offline and print, or as Markdown.
    Report {
        #[command(flatten)]
        inputs: Inputs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocumentFormat::Html)]
        format: DocumentFormat,
        /// The file to write (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Judges the same events under two versions of the rules (two files,
    /// two git revisions, a proposed clause added, other doctrine settings)
    /// and shows every verdict that changed, and why.
    Diff(diff::DiffArgs),
    /// Shows the full reasoning for one event.
    Explain {
        #[command(flatten)]
        inputs: Inputs,
        /// The id of the event to explain.
        #[arg(required_unless_present = "all")]
        event: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Judges the event again under each account of what is disputed
        /// (reports that contradict it, a party's claim, an aspect left
        /// unproven) and shows which fact flips the verdict.
        #[arg(long)]
        what_if: bool,
        /// With `--what-if`: every event of the file, listing those whose
        /// verdict depends on the account.
        #[arg(long, requires = "what_if", conflicts_with = "event")]
        all: bool,
    },
    /// Checks a JSON report: reads its inputs again, compares their SHA-256,
    /// judges them again and compares the report it gets, byte for byte.
    Verify {
        /// The JSON report (`truce adjudicate --format json`).
        report: PathBuf,
        /// The folder the report's relative paths are read from (default:
        /// the current folder, as `adjudicate` took them).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// After verifying, writes the inputs and the report into this new
        /// or empty folder, to be verified there.
        #[arg(long, value_name = "DIR")]
        bundle: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Converts a CSV table of conflict events (ACLED, UCDP GED, a
    /// mission's spreadsheet) into an events file, by a mapping file.
    Import(import::ImportArgs),
    /// Rewrites rule files in the canonical layout (docs/fmt.md); a
    /// folder means every `*.truce` file under it.
    Fmt {
        /// Rule files or folders; `-` reads standard input and writes
        /// standard output.
        #[arg(required_unless_present = "stdin")]
        paths: Vec<PathBuf>,
        /// Writes nothing: lists the files that would change, with their
        /// first changed lines, and fails if there is any.
        #[arg(long)]
        check: bool,
        /// Reads standard input and writes standard output (as `-`).
        #[arg(long)]
        stdin: bool,
    },
    /// Judges curated cases and compares them with their manifests.
    Test(test::TestArgs),
    /// Shows what one stage of the pipeline produced.
    #[command(subcommand)]
    Debug(DebugCommand),
    /// Writes the completion script for a shell to stdout.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Writes the manual page (roff) to stdout: truce's, or a command's.
    Man {
        /// The command whose page to write, such as `adjudicate` or
        /// `debug graph` (default: truce's own page, listing them).
        command: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum DebugCommand {
    /// The syntax tree of a rule file, with byte spans.
    Parse {
        /// The rule file.
        rules: PathBuf,
    },
    /// The event graph: every event kept and its relations, then
    /// rejections; or as a picture (`svg`) or Graphviz DOT (`dot`), events
    /// coloured by outcome.
    Graph {
        #[command(flatten)]
        inputs: Inputs,
        #[arg(long, value_enum, default_value_t = GraphFormat::Text)]
        format: GraphFormat,
    },
    /// The map as SVG: the rulebooks' lines, zones and areas drawn to
    /// scale, the events placed on them, coloured by outcome.
    Map {
        #[command(flatten)]
        inputs: Inputs,
    },
    /// A witness incident: a small events file that shows an article
    /// applying, an exception applying, two exceptions applying to one
    /// event, or an act no article reaches, verified by judging it; with
    /// `--out`, written as a case folder `truce test` runs.
    #[command(group = clap::ArgGroup::new("goal").required(true))]
    Witness {
        /// The rule file.
        #[arg(long)]
        rules: PathBuf,
        /// An article that must find a violation, by its label.
        #[arg(long, group = "goal")]
        article: Option<String>,
        /// An exception that must apply, by name.
        #[arg(long, group = "goal")]
        exception: Option<String>,
        /// Two exceptions that must both apply to one event: `A,B`.
        #[arg(long, group = "goal", value_delimiter = ',', num_args = 2)]
        exceptions: Option<Vec<String>>,
        /// An act that must reach no article, by name.
        #[arg(long, group = "goal")]
        act: Option<String>,
        /// Writes the witness as a case folder there (it must not exist,
        /// or be empty).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// How `debug graph` writes the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Text,
    Dot,
    Svg,
}

#[derive(Debug, Clone, clap::Args)]
struct Inputs {
    /// A rule file; give `--rules` again to judge under several instruments.
    #[arg(long, required = true)]
    rules: Vec<PathBuf>,
    /// The events file (`.yaml`, `.yml`, `.jsonl` or `.ndjson`).
    #[arg(long)]
    events: PathBuf,
    /// Settles a doctrine the rulebooks leave open: `NAME=SETTING`, such as
    /// `who_fired_first=irrelevant`; give it again for another doctrine.
    #[arg(long, value_name = "NAME=SETTING", value_parser = truce::parse_doctrine)]
    doctrine: Vec<(String, String)>,
    /// Doctrines a case manifest settled: only `verify` sets them, to judge
    /// again a report made by `truce test`'s library use.
    #[arg(skip)]
    case_doctrine: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The formats of `truce report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DocumentFormat {
    /// One self-contained HTML file.
    Html,
    /// Markdown, to paste into a brief.
    Markdown,
}

/// The formats of `adjudicate`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
    /// JSON Lines: a header, one verdict a line, then the totals.
    Jsonl,
}

/// Exit codes, documented in README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything ran and every event was judged.
    Ok = 0,
    /// A rule file has errors, a file cannot be read, or a case failed.
    Failed = 1,
    /// The report was written, but some events were rejected.
    Rejected = 3,
    /// `verify`: another schema or release of truce wrote the report.
    OtherVersion = 4,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

pub fn run(args: Args) -> Exit {
    match args.command {
        Command::Check { rules } => check::run(&rules),
        Command::Lint(args) => lint::run(&args),
        Command::Adjudicate {
            inputs,
            format,
            pretty,
            summary,
            vary_doctrine,
        } => match adjudicate::Output::of(format, pretty, summary) {
            Ok(output) => adjudicate::run(&inputs, output, &vary_doctrine),
            Err(usage) => usage.exit(),
        },
        Command::Report {
            inputs,
            format,
            output,
        } => report::run(&inputs, format, output.as_deref()),
        Command::Explain {
            inputs,
            event,
            format,
            what_if,
            all: _,
        } => match (what_if, event) {
            (true, event) => whatif::run(&inputs, event.as_deref(), format),
            (false, Some(event)) => explain::run(&inputs, &event, format),
            // clap asks for an event unless `--all`, which needs `--what-if`.
            (false, None) => {
                errln!("error: give the id of the event to explain");
                Exit::Failed
            }
        },
        Command::Diff(args) => diff::run(&args),
        Command::Verify {
            report,
            root,
            bundle,
            format,
        } => verify::run(&report, root.as_deref(), bundle.as_deref(), format),
        Command::Import(args) => import::run(&args),
        Command::Fmt {
            paths,
            check,
            stdin,
        } => fmt::run(&paths, check, stdin),
        Command::Test(args) => test::run(&args),
        Command::Debug(DebugCommand::Parse { rules }) => debug::parse(&rules),
        Command::Debug(DebugCommand::Graph { inputs, format }) => match format {
            GraphFormat::Text => debug::graph(&inputs),
            GraphFormat::Dot => debug::figure(&inputs, debug::Figure::GraphDot),
            GraphFormat::Svg => debug::figure(&inputs, debug::Figure::GraphSvg),
        },
        Command::Debug(DebugCommand::Map { inputs }) => debug::figure(&inputs, debug::Figure::Map),
        Command::Debug(DebugCommand::Witness {
            rules,
            article,
            exception,
            exceptions,
            act,
            out,
        }) => {
            let asked = witness::Asked::of(article, exception, exceptions, act);
            witness::run(&rules, &asked, out.as_deref())
        }
        Command::Completions { shell } => shell::completions(shell),
        Command::Man { command } => shell::man(&command),
    }
}

/// Writes a report in `format` to stdout, with nothing from the input able
/// to drive the terminal: text escapes control and direction characters
/// visibly, JSON as JSON does.
fn out_as(format: Format, text: &str) {
    match format {
        Format::Text => out(&truce::render::text::clean_lines(text)),
        Format::Json => out(&truce::render::json::terminal_safe(text)),
    }
}

/// Writes to stdout. A closed pipe (`truce ... | head`) ends the run at
/// once, quietly (see [`stop`]).
pub fn out(text: &str) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        stop(&e);
    }
}

/// Ends the run when stdout cannot be written: nothing more would be read,
/// so nothing more is judged. A closed pipe (the reader has what it
/// wanted, as `head` has) ends it quietly with exit 0; any other failure
/// (a full disk) with the error, exit 1.
fn stop(e: &std::io::Error) -> ! {
    progress::clear();
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(Exit::Ok as i32);
    }
    err(&format!("error: cannot write the output: {e}\n"));
    std::process::exit(Exit::Failed as i32)
}

/// Writes to stderr, quietly giving up if it is closed.
pub fn err(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints a diagnostic to stderr, in colour on a terminal unless NO_COLOR is set.
fn report(diagnostic: &dyn Diagnostic) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    err(&truce::render::diagnostics::render(diagnostic, colour));
}

/// Prints every problem of a rulebook that failed to load.
fn report_rulebook_error(error: &truce::RulebookError) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    err(&truce::render::diagnostics::rulebook(error, colour));
}

/// Loads the rulebooks, reporting every failure; `None` means already reported.
/// One rulebook given twice would judge every event twice: refused.
fn rulebooks(inputs: &Inputs) -> Option<Vec<truce::check::Rulebook>> {
    let mut books: Vec<truce::check::Rulebook> = Vec::new();
    let mut failed = false;
    let mut seen = Vec::new();
    for path in &inputs.rules {
        let real = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.contains(&real) {
            errln!("error: rule file `{}` is given twice", path.display());
            failed = true;
            continue;
        }
        seen.push(real);
        match truce::load_rulebook(path) {
            Ok(c) if books.iter().any(|b| b.title == c.rulebook.title) => {
                errln!(
                    "error: two rule files are titled \"{}\"; verdicts name their instrument by title, so titles must differ",
                    c.rulebook.title
                );
                failed = true;
            }
            Ok(c) => books.push(c.rulebook),
            Err(e) => {
                report_rulebook_error(&e);
                failed = true;
            }
        }
    }
    if !failed && !counterparts_sound(&books) {
        failed = true;
    }
    let settings = [
        (&inputs.doctrine, truce::check::SetBy::CommandLine),
        (&inputs.case_doctrine, truce::check::SetBy::Case),
    ];
    if !failed
        && let Err(e) = settings
            .into_iter()
            .try_for_each(|(given, by)| truce::set_doctrines(&mut books, given, by))
    {
        errln!("error: {e}");
        failed = true;
    }
    (!failed).then_some(books)
}

/// With several rulebooks, shows every problem with their parties'
/// counterparts in one another; whether none is an error.
fn counterparts_sound(books: &[truce::check::Rulebook]) -> bool {
    if books.len() < 2 {
        return true;
    }
    let all: Vec<&truce::check::Rulebook> = books.iter().collect();
    let problems = truce::events::counterpart_problems(&all);
    for p in &problems {
        report(p);
    }
    !problems
        .iter()
        .any(truce::events::CounterpartProblem::is_error)
}

/// The rulebooks paired with their files.
fn instruments<'a>(
    inputs: &'a Inputs,
    books: &'a [truce::check::Rulebook],
) -> Vec<truce::Instrument<'a>> {
    books
        .iter()
        .zip(&inputs.rules)
        .map(|(rulebook, path)| truce::Instrument { rulebook, path })
        .collect()
}

/// Loads the events under loaded rulebooks, reporting any failure.
fn prepare(inputs: &Inputs, instruments: &[truce::Instrument<'_>]) -> Option<truce::Prepared> {
    match truce::prepare(instruments, &inputs.events) {
        Ok(p) => Some(p),
        Err(e) => {
            report(&e);
            None
        }
    }
}
