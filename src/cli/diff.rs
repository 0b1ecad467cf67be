//! `truce diff --rules OLD --rules-new NEW --events FILE`: the same events
//! judged under two versions of the rules (two files, two git revisions
//! of one, a rulebook with a proposed clause added, or other doctrine
//! settings), and every verdict that changed, with where its reasoning
//! parts.

mod side;

use std::collections::HashMap;
use std::path::PathBuf;

use clap::ValueEnum;
use truce::check::Rulebook;
use truce::diff::{Comparison, Diff};
use truce::name::Name;

use super::Exit;
use side::{Judged, SideSpec};

/// The arguments of `truce diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The OLD side's rule file; give it again for several instruments.
    /// With `--rev`, the rule file read at each revision.
    #[arg(long, required = true)]
    rules: Vec<PathBuf>,
    /// The NEW side's rule file; give it again for several (default: the
    /// OLD side's).
    #[arg(long = "rules-new", value_name = "RULES")]
    rules_new: Vec<PathBuf>,
    /// The events file both sides judge.
    #[arg(long)]
    events: PathBuf,
    /// Settles a doctrine on both sides: `NAME=SETTING`.
    #[arg(long, value_name = "NAME=SETTING", value_parser = truce::parse_doctrine)]
    doctrine: Vec<(String, String)>,
    /// Settles a doctrine on the NEW side only, over `--doctrine`: with the
    /// same rules, a diff across doctrine settings.
    #[arg(long = "doctrine-new", value_name = "NAME=SETTING", value_parser = truce::parse_doctrine)]
    doctrine_new: Vec<(String, String)>,
    /// Reads `--rules` at two git revisions, `OLD..NEW`; with `OLD` alone,
    /// the NEW side is the file as it is on disk.
    #[arg(long, value_name = "OLDREV[..NEWREV]", conflicts_with = "rules_new")]
    rev: Option<String>,
    /// A file of declarations (articles, exceptions, zones...) added to the
    /// NEW side's first rulebook: what a proposed clause would do.
    #[arg(long, value_name = "FILE")]
    add: Vec<PathBuf>,
    /// Lists the verdicts judged alike too.
    #[arg(long)]
    all: bool,
    /// Output format: `html` is a page in the report's style, `markdown`
    /// the same to paste into a brief.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// The file to write (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The formats of `truce diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Html,
    Markdown,
}

pub fn run(args: &DiffArgs) -> Exit {
    let Some((old, new)) = side::specs(args) else {
        return Exit::Failed;
    };
    let Some(diff) = compare(args, old, new) else {
        return Exit::Failed;
    };
    let text = match args.format {
        DiffFormat::Text => truce::render::diff::text(&diff),
        DiffFormat::Json => truce::render::diff::json(&diff),
        DiffFormat::Html => truce::render::diff::html(&diff),
        DiffFormat::Markdown => truce::render::diff::markdown(&diff),
    };
    match &args.output {
        None => match args.format {
            DiffFormat::Text => super::out(&truce::render::text::clean_lines(&text)),
            DiffFormat::Json | DiffFormat::Html | DiffFormat::Markdown => {
                super::out(&truce::render::json::terminal_safe(&text));
            }
        },
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                errln!("error: cannot write `{}`: {e}", path.display());
                return Exit::Failed;
            }
        }
    }
    Exit::Ok
}

/// Judges the events under both sides and compares them: the OLD side's
/// verdicts held, the NEW side's compared batch by batch.
fn compare(args: &DiffArgs, old: SideSpec, new: SideSpec) -> Option<Diff> {
    let old_books = side::load(&old)?;
    let new_books = side::load(&new)?;
    let old_side = old.described(&old_books);
    let new_side = new.described(&new_books);
    let old_run: Judged<Vec<_>> =
        side::judge(&old, &old_books, &args.events, Vec::new, |all, batch| {
            all.extend_from_slice(batch)
        })?;
    let titles = retitled(&old_books, &new_books);
    // Each OLD instrument with the NEW one of its title (or in its place).
    let pairs: Vec<_> = old_books
        .iter()
        .filter_map(|o| {
            let same = |n: &&Rulebook| n.title == o.title || titles.get(&n.title) == Some(&o.title);
            Some((o, new_books.iter().find(same)?))
        })
        .collect();
    let provisions = truce::diff::provisions(&pairs);
    let comparison = Comparison::new(old_run.kept, titles, args.all);
    let new_run = side::judge(
        &new,
        &new_books,
        &args.events,
        || comparison,
        |c, batch| c.add(batch),
    )?;
    Some(new_run.kept.finish(
        (old_side, new_side),
        args.events.display().to_string(),
        provisions,
        (&old_run.rejected, &new_run.rejected),
    ))
}

/// The NEW side's instrument titles paired with the OLD side's, rulebook
/// by rulebook as given: a rulebook retitled is still the same instrument.
fn retitled(old: &[truce::check::Rulebook], new: &[truce::check::Rulebook]) -> HashMap<Name, Name> {
    if old.len() != new.len() {
        return HashMap::new();
    }
    old.iter()
        .zip(new)
        .filter(|(o, n)| o.title != n.title)
        .map(|(o, n)| (n.title.clone(), o.title.clone()))
        .collect()
}
