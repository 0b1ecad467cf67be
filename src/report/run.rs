//! What a run was asked, besides the contents of its files: the rule files
//! and the events file as they were named, and the options that change the
//! report. With the files' hashes in `inputs`, it is everything that
//! decides a report's bytes, so `truce verify` can judge again from the
//! report alone.

use serde::{Deserialize, Serialize};

/// The run's arguments, in the report as `run`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The rule files, as named and in the order given (`--rules`).
    pub rules: Vec<String>,
    /// The events file, as named (`--events`).
    pub events: String,
    /// The doctrines the run settled, in the rulebooks' order.
    pub doctrines: Vec<Settled>,
    /// The doctrines varied (`--vary-doctrine`), as given.
    pub vary_doctrine: Vec<String>,
}

/// A doctrine a run settled, and who settled it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    pub doctrine: String,
    pub setting: String,
    /// `command line` (`--doctrine`) or `case manifest` (`truce test`).
    pub set_by: crate::check::SetBy,
}

impl Run {
    /// The run over `events`, named so, under rulebooks named `rules`: the
    /// doctrines recorded are those the rulebooks have set otherwise than
    /// by default, each once.
    pub fn of<'a>(
        rules: impl IntoIterator<Item = (&'a std::path::Path, &'a crate::check::Rulebook)>,
        events: &std::path::Path,
    ) -> Run {
        let mut run = Run {
            events: events.display().to_string(),
            ..Run::default()
        };
        for (path, book) in rules {
            run.rules.push(path.display().to_string());
            let set = book
                .doctrines
                .iter()
                .filter(|d| d.set_by != crate::check::SetBy::Rulebook);
            for d in set {
                if !run.doctrines.iter().any(|s| s.doctrine == d.name) {
                    run.doctrines.push(Settled {
                        doctrine: d.name.clone(),
                        setting: d.setting_name().to_owned(),
                        set_by: d.set_by,
                    });
                }
            }
        }
        run
    }

    /// The doctrines settled from the command line, as `--doctrine` takes
    /// them, and those a case manifest settled.
    pub fn settings(&self, by: crate::check::SetBy) -> Vec<(String, String)> {
        self.doctrines
            .iter()
            .filter(|s| s.set_by == by)
            .map(|s| (s.doctrine.clone(), s.setting.clone()))
            .collect()
    }
}
