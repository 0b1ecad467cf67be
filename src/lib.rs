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
//! | CSV table + mapping → events file | [`import::Event`] | [`import::import`] |
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
pub mod files;
pub mod graph;
pub mod import;
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
    // Hashed as read: a piped rule file, or one edited while truce runs,
    // is reported as what was judged.
    let sha256 = digest::of(text.as_bytes());
    // A byte-order mark is not part of the rule text.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let mut checked = compile(&Source::new(path.display().to_string(), text))?;
    checked.rulebook.sha256 = Some(sha256);
    Ok(checked)
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
    let outside = prepared.outside().to_vec();
    Ok(Adjudication {
        run: prepared.run,
        inputs: prepared.inputs,
        verdicts,
        patterns,
        rejected: prepared.rejected,
        outside,
        totals,
    })
}

/// An events file loaded, validated and built into its graph, ready to be
/// judged in batches under one instrument or several.
pub struct Prepared {
    /// What the run was asked; the CLI adds the doctrines it varies.
    pub run: report::Run,
    pub inputs: Vec<Input>,
    pub graph: graph::EventGraph,
    pub rejected: Vec<events::Rejection>,
    /// With several instruments: the names of all, and each instrument's
    /// own view of the events (`None` with one instrument: the graph is it).
    several: Option<Several>,
}

struct Several {
    projections: Vec<graph::Projection>,
    /// The names of all the instruments, and what each name stands for in each.
    vocabulary: events::Vocabulary,
    /// Judged events left outside an instrument's scope.
    outside: Vec<report::Outside>,
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

    /// With several instruments: the judged events each leaves outside its
    /// scope, in input order, then instrument order.
    pub fn outside(&self) -> &[report::Outside] {
        self.several.as_ref().map_or(&[], |s| &s.outside)
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
        totals.outside_scope = self.several.as_ref().map(|s| s.outside.len());
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
            Some(several) => several.judge(&self.graph, instruments, range),
        }
    }
}

impl Several {
    /// Each event under every instrument that covers it, then kept as
    /// `eval::in_force_only` says.
    fn judge(
        &self,
        graph: &graph::EventGraph,
        instruments: &[Instrument<'_>],
        range: std::ops::Range<usize>,
    ) -> Vec<eval::Verdict> {
        let mut by_event: Vec<Vec<(eval::Verdict, bool)>> = vec![Vec::new(); range.len()];
        for (r, (instrument, projection)) in instruments.iter().zip(&self.projections).enumerate() {
            let local: Vec<(usize, usize)> = range
                .clone()
                .filter_map(|i| projection.local[i].map(|l| (i, l)))
                .collect();
            let Some((&(_, first), &(_, last))) = local.first().zip(local.last()) else {
                continue;
            };
            let judged =
                eval::adjudicate_range(instrument.rulebook, &projection.graph, first..last + 1);
            for ((i, _), mut v) in local.iter().zip(judged) {
                let e = &graph.events[*i];
                v.translated = self.translations(e, r, instruments);
                // Whether the instrument had entered into force by the end
                // of the event's time: if not, it says nothing of it.
                let started = e.time.to >= instrument.rulebook.in_force.at;
                by_event[i - range.start].push((v, started));
            }
        }
        // Every event here is covered by some instrument (see `prepare`).
        by_event.into_iter().flat_map(eval::in_force_only).collect()
    }

    /// The names of `e` that instrument `r` reads as its own parties by a
    /// counterpart: found only when a verdict is made, and rare.
    fn translations(
        &self,
        e: &events::Event,
        r: usize,
        instruments: &[Instrument<'_>],
    ) -> Vec<eval::Translation> {
        let vocabulary = &self.vocabulary;
        let read = |field: eval::Translated, p: usize, side: bool| {
            let (party, via) = match (vocabulary.via[r][p], vocabulary.party_in[r][p]) {
                (Some(via), Some(q)) => (q, via),
                // The side a force `r` knows only in part holds: its one
                // party under that force holds it (see `finding_in`).
                _ => match vocabulary.among[r][p].as_slice() {
                    [one] if side => (
                        *one,
                        events::Via {
                            kind: ast::CounterpartKind::Under,
                            declared_by: r,
                        },
                    ),
                    _ => return None,
                },
            };
            Some(eval::Translation {
                field,
                recorded: vocabulary.parties[p].clone(),
                read_as: instruments[r].rulebook.parties[usize::from(party)]
                    .id
                    .clone(),
                counterpart: via.kind,
                declared_by: instruments[via.declared_by].rulebook.title.clone(),
            })
        };
        let actor = e
            .party
            .map(|p| (eval::Translated::Actor, usize::from(p), false));
        let affected = e
            .affected
            .map(|p| (eval::Translated::Affected, usize::from(p), false));
        let found = e.findings().iter().filter_map(|f| {
            let (name, side) = finding_party(&f.test)?;
            let p = vocabulary.parties.iter().position(|n| n == name)?;
            Some((eval::Translated::Finding, p, side))
        });
        let mut out: Vec<eval::Translation> = actor
            .into_iter()
            .chain(affected)
            .chain(found)
            .filter_map(|(field, p, side)| read(field, p, side))
            .collect();
        out.dedup();
        out
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
            .map(|r| graph.project(|e| project(e, &vocabulary, instruments[r].rulebook, r)))
            .collect();
        for (p, i) in projections.iter_mut().zip(instruments) {
            p.graph.changes = Some(eval::find_changes(i.rulebook, &p.graph));
            p.graph.patterns = eval::find_patterns(i.rulebook, &p.graph);
            p.graph.ceilings = eval::find_ceilings(i.rulebook, &p.graph);
        }
        let outside = outside_scope(&graph, &projections, &vocabulary, instruments);
        Some(Several {
            projections,
            vocabulary,
            outside,
        })
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
        // Each file as it was read while loading the rulebook; a rulebook
        // compiled from memory is hashed from its file now.
        let root = match &i.rulebook.sha256 {
            Some(sha) => Input {
                role: "rules",
                path: i.path.display().to_string(),
                sha256: sha.clone(),
            },
            None => hash("rules", i.path)?,
        };
        let read = |role: &'static str, (path, sha): &(std::path::PathBuf, String)| Input {
            role,
            path: path.display().to_string(),
            sha256: sha.clone(),
        };
        let imports = i.rulebook.imported_files.iter().map(|f| read("import", f));
        let geometry = i
            .rulebook
            .geometry_files
            .iter()
            .map(|f| read("geometry", f));
        for input in std::iter::once(root).chain(imports).chain(geometry) {
            // Rulebooks judged together may share a file (one imports the
            // other, or both read one line): it is listed once, first role kept.
            if !inputs.iter().any(|x| x.path == input.path) {
                inputs.push(input);
            }
        }
    }
    inputs.push(Input {
        role: "events",
        path: events_path.display().to_string(),
        sha256: events_sha256,
    });
    let run = report::Run::of(
        instruments.iter().map(|i| (i.path, i.rulebook)),
        events_path,
    );
    Ok(Prepared {
        run,
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

/// The judged events each instrument leaves outside its scope, in input
/// order, then instrument order.
fn outside_scope(
    graph: &graph::EventGraph,
    projections: &[graph::Projection],
    vocabulary: &events::Vocabulary,
    instruments: &[Instrument<'_>],
) -> Vec<report::Outside> {
    let mut out = Vec::new();
    for (i, e) in graph.events.iter().enumerate() {
        for (r, projection) in projections.iter().enumerate() {
            if projection.local[i].is_some() {
                continue;
            }
            let book = instruments[r].rulebook;
            let act = usize::from(e.act);
            let party = e
                .party
                .map(usize::from)
                .filter(|&p| vocabulary.party_in[r][p].is_none());
            out.push(report::Outside {
                event: e.id.clone(),
                instrument: book.title.clone(),
                act: vocabulary.act_in[r][act]
                    .is_none()
                    .then(|| vocabulary.acts[act].clone()),
                party: party.map(|p| vocabulary.parties[p].clone()),
                among: party.map_or(Vec::new(), |p| {
                    vocabulary.among[r][p]
                        .iter()
                        .map(|q| book.parties[usize::from(*q)].id.clone())
                        .collect()
                }),
            });
        }
    }
    out
}

/// An event as instrument `r` sees it, if `r` declares its act and party,
/// or counterparts of them. A force affected, or a fact, that `r` does not
/// declare is unknown to it.
fn project(
    e: &events::Event,
    vocabulary: &events::Vocabulary,
    book: &check::Rulebook,
    r: usize,
) -> Option<events::Event> {
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
    if let Some(extra) = projected.extra.as_mut() {
        extra.findings = extra
            .findings
            .iter()
            .filter_map(|f| finding_in(f, vocabulary, book, r))
            .collect();
    }
    Some(projected)
}

/// The party a finding names: what the act was aimed at, or the holder of
/// the side of a line (a side may be a compass word instead); and whether
/// it names a side.
fn finding_party(test: &events::FindingTest) -> Option<(&name::Name, bool)> {
    match test {
        events::FindingTest::DirectedAt {
            object: events::Object::Party(p),
        } => Some((p, false)),
        events::FindingTest::Side { side, .. } => Some((side, true)),
        events::FindingTest::Crosses { from, .. } => from.as_ref().map(|f| (f, true)),
        events::FindingTest::DirectedAt { .. }
        | events::FindingTest::In { .. }
        | events::FindingTest::Diligence { .. }
        | events::FindingTest::Element { .. } => None,
    }
}

/// A finding in instrument `r`'s names: a party it names that `r` reads by
/// a counterpart is renamed so. Whom an act was aimed at, named by a force
/// `r` knows only in part (`under` it), `r` cannot read: that finding says
/// nothing under `r`. A side held by such a force is the side its one
/// party under it holds (as the imported line says).
fn finding_in(
    f: &events::MonitorFinding,
    vocabulary: &events::Vocabulary,
    book: &check::Rulebook,
    r: usize,
) -> Option<events::MonitorFinding> {
    let Some((name, side)) = finding_party(&f.test) else {
        return Some(f.clone());
    };
    let Some(p) = vocabulary.parties.iter().position(|n| n == name) else {
        return Some(f.clone()); // a compass word
    };
    let book_name = |q: check::PartyIdx| book.parties[usize::from(q)].id.clone();
    let among = &vocabulary.among[r][p];
    let read = match (vocabulary.via[r][p], vocabulary.party_in[r][p]) {
        (Some(_), Some(q)) => book_name(q),
        _ if among.is_empty() => return Some(f.clone()),
        _ => match among.as_slice() {
            [one] if side => book_name(*one),
            _ => return None,
        },
    };
    let mut out = f.clone();
    match &mut out.test {
        events::FindingTest::DirectedAt {
            object: events::Object::Party(n),
        }
        | events::FindingTest::Side { side: n, .. } => *n = read,
        events::FindingTest::Crosses { from, .. } => *from = Some(read),
        events::FindingTest::DirectedAt { .. }
        | events::FindingTest::In { .. }
        | events::FindingTest::Diligence { .. }
        | events::FindingTest::Element { .. } => {}
    }
    Some(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The KAA and the CMA, judged together over `events` (YAML).
    fn korea(events: &str) -> (check::Rulebook, check::Rulebook, std::path::PathBuf) {
        let kaa = load_rulebook(Path::new("rules/kaa.truce"))
            .unwrap()
            .rulebook;
        let cma = load_rulebook(Path::new("rules/cma-2018.truce"))
            .unwrap()
            .rulebook;
        let path = std::env::temp_dir().join(format!(
            "truce-lib-{}-{}.yaml",
            std::process::id(),
            events.len()
        ));
        std::fs::write(&path, events).unwrap();
        (kaa, cma, path)
    }

    fn findings(p: &Prepared, r: usize, id: &str) -> Vec<events::FindingTest> {
        let graph = &p.several.as_ref().unwrap().projections[r].graph;
        let e = graph.events.iter().find(|e| &*e.id == id).unwrap();
        e.findings().iter().map(|f| f.test.clone()).collect()
    }

    #[test]
    fn findings_are_read_in_each_instruments_names() {
        let (kaa, cma, path) = korea(
            "- id: E-1\n  time: 2020-05-03T07:41:00+09:00\n  act: fire\n  actor: {party: KPA}\n  origin: {lat: 38.2850, lon: 127.0600}\n  findings:\n    - {test: directed_at, object: UNC, by: SIT, evidence: [{source: SIT, kind: investigation, grade: B2}]}\n    - {test: side, line: mdl, side: UNC, field: target, by: SIT, evidence: [{source: SIT, kind: investigation, grade: B2}]}\n    - {test: directed_at, object: DPRK, holds: false, by: SIT, evidence: [{source: SIT, kind: investigation, grade: B2}]}\n  evidence: [{source: SIT, kind: investigation, grade: B2}]\n",
        );
        let instruments = [
            Instrument {
                rulebook: &kaa,
                path: Path::new("rules/kaa.truce"),
            },
            Instrument {
                rulebook: &cma,
                path: Path::new("rules/cma-2018.truce"),
            },
        ];
        let prepared = prepare(&instruments, &path).unwrap();
        std::fs::remove_file(&path).ok();
        let directed = |p: &str| events::FindingTest::DirectedAt {
            object: events::Object::Party(p.into()),
        };
        let side = |s: &str| events::FindingTest::Side {
            line: "mdl".into(),
            side: s.into(),
            field: check::PointField::Target,
        };
        // The Armistice knows the UNC; the DPRK is its KPA.
        assert_eq!(
            findings(&prepared, 0, "E-1"),
            [directed("UNC"), side("UNC"), directed("KPA")]
        );
        // The CMA knows the UNC's forces only in part: whom it was aimed
        // at it cannot read; the side the UNC holds is the ROK's.
        assert_eq!(
            findings(&prepared, 1, "E-1"),
            [side("ROK"), directed("DPRK")]
        );
        let verdicts = prepared.judge_range(&instruments, 0..1);
        let cma_verdict = verdicts.iter().find(|v| v.instrument == cma.title).unwrap();
        let read: Vec<(eval::Translated, &str, &str)> = cma_verdict
            .translated
            .iter()
            .map(|t| (t.field, &*t.recorded, &*t.read_as))
            .collect();
        assert_eq!(
            read,
            [
                (eval::Translated::Actor, "KPA", "DPRK"),
                (eval::Translated::Finding, "UNC", "ROK")
            ]
        );
    }
}
