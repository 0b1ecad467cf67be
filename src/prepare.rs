//! The preparation of a run: an events file loaded under one instrument
//! or several, built into its graph (and, with several, one projection per
//! instrument), surveyed for evaluation, and every input hashed; then
//! judged in batches.

mod doctrines;
mod several;

use std::path::Path;

pub use doctrines::{parse_doctrine, set_doctrines};
use several::{Several, names_in, outside_scope, project, uncovered};

use crate::report::{self, Adjudication, Input};
use crate::{check, eval, events, graph};

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
    /// What evaluation finds once over each instrument's graph (the graph
    /// itself with one instrument, its projection with several), made
    /// together with the graph so no judgment goes without it.
    surveys: Vec<eval::Survey>,
    /// With several instruments: the names of all, and each instrument's
    /// own view of the events (`None` with one instrument: the graph is it).
    several: Option<Several>,
}

impl Prepared {
    /// The findings of every instrument's patterns, instrument by instrument.
    pub fn patterns(&self) -> std::borrow::Cow<'_, [eval::PatternRun]> {
        match &self.surveys[..] {
            [one] => (&one.patterns.runs[..]).into(),
            all => all
                .iter()
                .flat_map(|s| s.patterns.runs.iter().cloned())
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
            None => eval::adjudicate_range(
                instruments[0].rulebook,
                &self.graph,
                &self.surveys[0],
                range,
            ),
            Some(several) => several.judge(&self.graph, &self.surveys, instruments, range),
        }
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
    let (several, surveys) = if instruments.len() > 1 {
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
        let projections: Vec<graph::Projection> = (0..instruments.len())
            .map(|r| graph.project(|e| project(e, &vocabulary, instruments[r].rulebook, r)))
            .collect();
        let surveys = (projections.iter().zip(instruments))
            .map(|(p, i)| eval::Survey::of(i.rulebook, &p.graph))
            .collect();
        let outside = outside_scope(&graph, &projections, &vocabulary, instruments);
        let several = Several {
            projections,
            vocabulary,
            outside,
        };
        (Some(several), surveys)
    } else {
        (
            None,
            vec![eval::Survey::of(instruments[0].rulebook, &graph)],
        )
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
        surveys,
        several,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_rulebook;

    /// The KAA and the CMA, judged together over `events` (YAML).
    fn korea(events: &str) -> (check::Rulebook, check::Rulebook, std::path::PathBuf) {
        let kaa = load_rulebook(Path::new("rules/kaa.truce"))
            .unwrap()
            .rulebook;
        let cma = load_rulebook(Path::new("rules/cma-2018.truce"))
            .unwrap()
            .rulebook;
        let path = std::env::temp_dir().join(format!(
            "truce-prepare-{}-{}.yaml",
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
