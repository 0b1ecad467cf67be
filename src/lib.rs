//! truce adjudicates ceasefire violations.
//!
//! The pipeline, one public function per arrow (see ARCHITECTURE.md):
//!
//! | stage | produces | module |
//! |---|---|---|
//! | rule text → AST | [`ast::Rulebook`] | [`syntax::parse_rulebook`] |
//! | AST + imports → one AST | [`ast::Rulebook`] | [`link::link`] |
//! | AST → checked rulebook | [`check::Rulebook`] | [`check::check`] |
//! | checked rulebook → its geometry's problems | [`lint::Lint`] | [`lint::lint`] |
//! | events file → validated events | [`events::Loaded`] | [`events::load`] |
//! | events → event graph | [`graph::EventGraph`] | [`graph::build`] |
//! | graph + rulebook → verdicts | [`eval::Verdict`] | [`eval::adjudicate`] |
//! | verdicts → text, JSON | `String` | [`render`] |

// Diagnostics carry their whole source file and spans (so that any stage can
// render them); they are large by design and only built on the error path.
#![allow(clippy::result_large_err)]

pub mod ast;
pub mod cases;
pub mod check;
pub mod digest;
pub mod eval;
pub mod events;
pub mod graph;
pub mod link;
pub mod lint;
pub mod name;
pub mod render;
pub mod report;
pub mod span;
pub mod syntax;

use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

use crate::check::{CheckErrors, Checked};
use crate::report::{Adjudication, Input};
use crate::span::Source;
use crate::syntax::SyntaxError;

/// A rule file that cannot be used.
#[derive(Debug, Error, Diagnostic)]
pub enum RulebookError {
    #[error("cannot read rule file `{path}`: {reason}")]
    #[diagnostic(code(truce::rules::read))]
    Read { path: String, reason: String },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(#[from] SyntaxError),
    #[error("{} problem(s) with the rulebook's imports", .0.len())]
    Link(Vec<link::LinkError>),
    #[error("{} problem(s) in the rulebook", .0.errors.len())]
    Check(CheckErrors),
}

/// Reads, parses and checks a rule file.
pub fn load_rulebook(path: &Path) -> Result<Checked, RulebookError> {
    let text = std::fs::read_to_string(path).map_err(|e| RulebookError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    // A byte-order mark is not part of the rule text.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    compile(&Source::new(path.display().to_string(), text))
}

/// Parses, links and checks rule text already in memory (imports are read
/// relative to the source's name), then lints its geometry: an overlap of
/// areas fails it, the lint's warnings join the checker's.
pub fn compile(source: &Source) -> Result<Checked, RulebookError> {
    let ast = syntax::parse_rulebook(source)?;
    let linked = link::link(ast, source).map_err(RulebookError::Link)?;
    let mut checked = check::check(&linked.ast, source).map_err(RulebookError::Check)?;
    checked.rulebook.imported_files = linked.files;
    let found = lint::lint(&checked.rulebook);
    checked.warnings.extend(found.warnings);
    checked.warnings.sort_by_key(check::CheckWarning::offset);
    if !found.errors.is_empty() {
        return Err(RulebookError::Check(CheckErrors {
            errors: found.errors,
            warnings: checked.warnings,
        }));
    }
    Ok(checked)
}

/// Sets doctrines, `(name, setting)`, in every rulebook that declares
/// them. Each doctrine must be declared by at least one of the rulebooks,
/// and the setting must be one of its settings.
pub fn set_doctrines(
    books: &mut [check::Rulebook],
    settings: &[(String, String)],
    by: check::SetBy,
) -> Result<(), String> {
    for (i, (name, setting)) in settings.iter().enumerate() {
        if let Some((_, other)) = settings[..i].iter().find(|(n, _)| n == name) {
            return Err(format!(
                "doctrine `{name}` is set twice, to `{other}` and to `{setting}`; set it once"
            ));
        }
        let mut found = false;
        for book in books.iter_mut() {
            found |= book.set_doctrine(name, setting, by)?;
        }
        if !found {
            let mut declared: Vec<&str> = books
                .iter()
                .flat_map(|b| b.doctrines.iter().map(|d| d.name.as_str()))
                .collect();
            declared.sort_unstable();
            declared.dedup();
            let known = if declared.is_empty() {
                "the rulebooks declare no doctrine".to_owned()
            } else {
                format!(
                    "the rulebooks declare {}",
                    declared
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return Err(format!("no rulebook declares doctrine `{name}`; {known}"));
        }
    }
    Ok(())
}

/// Reads `NAME=SETTING`, as `--doctrine` takes it.
pub fn parse_doctrine(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((n, s)) if !n.trim().is_empty() && !s.trim().is_empty() => {
            Ok((n.trim().to_owned(), s.trim().to_owned()))
        }
        _ => Err(format!(
            "`{text}` is not a doctrine setting; write `NAME=SETTING`, such as `who_fired_first=irrelevant`"
        )),
    }
}

/// A checked rulebook and the file it was read from.
#[derive(Clone, Copy)]
pub struct Instrument<'a> {
    pub rulebook: &'a check::Rulebook,
    pub path: &'a Path,
}

/// Judges an events file under a checked rulebook read from `rules_path`,
/// keeping every verdict (for cases and tools; the CLI streams instead).
pub fn adjudicate_file(
    rulebook: &check::Rulebook,
    rules_path: &Path,
    events_path: &Path,
) -> Result<Adjudication, events::LoadError> {
    let instrument = Instrument {
        rulebook,
        path: rules_path,
    };
    adjudicate_files(&[instrument], events_path)
}

/// Judges an events file under several instruments at once.
pub fn adjudicate_files(
    instruments: &[Instrument<'_>],
    events_path: &Path,
) -> Result<Adjudication, events::LoadError> {
    let prepared = prepare(instruments, events_path)?;
    let mut verdicts = Vec::new();
    let totals = prepared.judge_in_batches(instruments, usize::MAX, |batch| {
        verdicts.extend_from_slice(batch)
    });
    let patterns = prepared.patterns().to_vec();
    Ok(Adjudication {
        inputs: prepared.inputs,
        verdicts,
        patterns,
        rejected: prepared.rejected,
        totals,
    })
}

/// An events file loaded, validated and built into its graph, ready to be
/// judged in batches under one instrument or several.
pub struct Prepared {
    pub inputs: Vec<Input>,
    pub graph: graph::EventGraph,
    pub rejected: Vec<events::Rejection>,
    /// With several instruments: the names of all, and each instrument's
    /// own view of the events (`None` with one instrument: the graph is it).
    several: Option<Several>,
}

struct Several {
    projections: Vec<graph::Projection>,
}

impl Prepared {
    /// The findings of every instrument's patterns, instrument by instrument.
    pub fn patterns(&self) -> std::borrow::Cow<'_, [eval::PatternRun]> {
        match &self.several {
            None => (&self.graph.patterns.runs[..]).into(),
            Some(s) => s
                .projections
                .iter()
                .flat_map(|p| p.graph.patterns.runs.iter().cloned())
                .collect::<Vec<_>>()
                .into(),
        }
    }

    /// Judges every event in input order, `batch` at a time, handing each
    /// batch of verdicts to `f` and then dropping it, so memory is bounded
    /// by the events, not by their explanations. Returns the totals.
    pub fn judge_in_batches(
        &self,
        instruments: &[Instrument<'_>],
        batch: usize,
        mut f: impl FnMut(&[eval::Verdict]),
    ) -> report::Totals {
        let mut totals = report::Totals {
            events: self.graph.events.len() + self.rejected.len(),
            rejected: self.rejected.len(),
            ..Default::default()
        };
        let kept = self.graph.events.iter().filter(|e| e.inference().is_some());
        totals.implied = kept.count() + self.rejected.iter().filter(|r| r.implied).count();
        let n = self.graph.events.len();
        for start in (0..n).step_by(batch.max(1)) {
            let verdicts = self.judge_range(instruments, start..start.saturating_add(batch).min(n));
            verdicts.iter().for_each(|v| totals.count(v));
            f(&verdicts);
        }
        totals
    }

    /// The verdicts on the events at `range` of the graph, in order: one
    /// per event and instrument in force for it.
    pub fn judge_range(
        &self,
        instruments: &[Instrument<'_>],
        range: std::ops::Range<usize>,
    ) -> Vec<eval::Verdict> {
        match &self.several {
            None => eval::adjudicate_range(instruments[0].rulebook, &self.graph, range),
            Some(several) => several.judge(instruments, range),
        }
    }
}

impl Several {
    /// Each event under every instrument that covers it, then kept as
    /// `eval::in_force_only` says.
    fn judge(
        &self,
        instruments: &[Instrument<'_>],
        range: std::ops::Range<usize>,
    ) -> Vec<eval::Verdict> {
        let mut by_event: Vec<Vec<eval::Verdict>> = vec![Vec::new(); range.len()];
        for (instrument, projection) in instruments.iter().zip(&self.projections) {
            let local: Vec<(usize, usize)> = range
                .clone()
                .filter_map(|i| projection.local[i].map(|l| (i, l)))
                .collect();
            let Some((&(_, first), &(_, last))) = local.first().zip(local.last()) else {
                continue;
            };
            let judged =
                eval::adjudicate_range(instrument.rulebook, &projection.graph, first..last + 1);
            for ((i, _), v) in local.iter().zip(judged) {
                by_event[i - range.start].push(v);
            }
        }
        // Every event here is covered by some instrument (see `prepare`).
        by_event.into_iter().flat_map(eval::in_force_only).collect()
    }
}

/// Loads an events file and builds its graph, hashing every input.
pub fn prepare(
    instruments: &[Instrument<'_>],
    events_path: &Path,
) -> Result<Prepared, events::LoadError> {
    let rulebooks: Vec<&check::Rulebook> = instruments.iter().map(|i| i.rulebook).collect();
    let vocabulary = events::Vocabulary::of(&rulebooks);
    let mut loaded = match instruments {
        [one] => events::load(events_path, one.rulebook)?,
        _ => events::load(events_path, &vocabulary)?,
    };
    let events_sha256 = std::mem::take(&mut loaded.sha256);
    let file = events_path.display().to_string();
    let (mut graph, mut rejected) = graph::build(loaded, &file);
    let several = if instruments.len() > 1 {
        // An event whose act and party no single rulebook declares together
        // cannot be judged: it is rejected, as it would be under one.
        let covered = |e: &events::Event| {
            (0..instruments.len()).any(|r| names_in(e, &vocabulary, r).is_some())
        };
        for e in graph.events.iter().filter(|e| !covered(e)) {
            rejected.push(uncovered(e, &vocabulary, &file));
        }
        rejected.sort_by_key(|r| r.order);
        graph = graph.project(|e| covered(e).then(|| e.clone())).graph;
        let mut projections: Vec<graph::Projection> = (0..instruments.len())
            .map(|r| graph.project(|e| project(e, &vocabulary, r)))
            .collect();
        for (p, i) in projections.iter_mut().zip(instruments) {
            p.graph.changes = Some(eval::find_changes(i.rulebook, &p.graph));
            p.graph.patterns = eval::find_patterns(i.rulebook, &p.graph);
            p.graph.ceilings = eval::find_ceilings(i.rulebook, &p.graph);
        }
        Some(Several { projections })
    } else {
        graph.changes = Some(eval::find_changes(instruments[0].rulebook, &graph));
        graph.patterns = eval::find_patterns(instruments[0].rulebook, &graph);
        graph.ceilings = eval::find_ceilings(instruments[0].rulebook, &graph);
        None
    };
    let hash = |role, path: &Path| {
        Input::hash(role, path).map_err(|e| events::LoadError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    };
    let mut inputs: Vec<Input> = Vec::new();
    for i in instruments {
        let imports = i
            .rulebook
            .imported_files
            .iter()
            .map(|f| ("import", f.as_path()));
        let geometry = i
            .rulebook
            .geometry_files
            .iter()
            .map(|f| ("geometry", f.as_path()));
        let files = std::iter::once(("rules", i.path))
            .chain(imports)
            .chain(geometry);
        for (role, path) in files {
            // Rulebooks judged together may share a file (one imports the
            // other, or both read one line): it is listed once, first role kept.
            let shown = path.display().to_string();
            if !inputs.iter().any(|x| x.path == shown) {
                inputs.push(hash(role, path)?);
            }
        }
    }
    inputs.push(Input {
        role: "events",
        path: events_path.display().to_string(),
        sha256: events_sha256,
    });
    Ok(Prepared {
        inputs,
        graph,
        rejected,
        several,
    })
}

/// The rejection of an event no rulebook given covers.
fn uncovered(e: &events::Event, vocabulary: &events::Vocabulary, file: &str) -> events::Rejection {
    let act = &vocabulary.acts[usize::from(e.act)];
    let who = e.party.map_or(String::new(), |p| {
        format!(" and party `{}`", vocabulary.parties[usize::from(p)])
    });
    events::Rejection {
        event: Some(e.id.to_string()),
        location: format!("{file}:{}", e.line),
        reason: format!("no rulebook given declares both its act `{act}`{who}"),
        line: e.line,
        order: e.order,
        implied: e.inference().is_some(),
    }
}

/// An event as instrument `r` sees it, if `r` declares its act and party.
/// A force affected, or a fact, that `r` does not declare is unknown to it.
fn project(e: &events::Event, vocabulary: &events::Vocabulary, r: usize) -> Option<events::Event> {
    let (act, party) = names_in(e, vocabulary, r)?;
    let affected = e
        .affected
        .and_then(|a| vocabulary.party_in[r][usize::from(a)]);
    let mut projected = events::Event {
        act,
        party,
        affected,
        ..e.clone()
    };
    if e.facts().iter().any(|(n, v)| !vocabulary.reads(r, n, v)) {
        let kept = e.facts().iter().filter(|(n, v)| vocabulary.reads(r, n, v));
        let mut extra = projected.extra.take().map(|x| *x).unwrap_or_default();
        extra.facts = kept.cloned().collect();
        projected.extra = Some(Box::new(extra));
    }
    Some(projected)
}

/// Instrument `r`'s own indices for the event's act and party, if it
/// declares both.
fn names_in(
    e: &events::Event,
    vocabulary: &events::Vocabulary,
    r: usize,
) -> Option<(check::ActIdx, Option<check::PartyIdx>)> {
    let act = vocabulary.act_in[r][usize::from(e.act)]?;
    let party = match e.party {
        Some(p) => Some(vocabulary.party_in[r][usize::from(p)]?),
        None => None,
    };
    Some((act, party))
}
