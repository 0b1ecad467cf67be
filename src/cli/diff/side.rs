//! The two sides of `truce diff`: what each reads (rule files, from disk
//! or a git revision, with clauses added, under which doctrines), loading
//! them, and judging the events under each.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use truce::check::{Rulebook, SetBy};
use truce::diff::Side;
use truce::files::{Origin, Revision};

use super::DiffArgs;

/// What one side reads.
pub struct SideSpec {
    /// `OLD`, `NEW` or a revision; `None` until the rulebooks are loaded,
    /// for a diff across doctrines, labelled by the settings.
    label: Option<String>,
    rules: Vec<PathBuf>,
    origin: Origin,
    added: Vec<PathBuf>,
    doctrines: Vec<(String, String)>,
    /// For a diff across doctrines: the doctrines whose settings label it.
    varied: Vec<String>,
}

/// What a side's run kept, and the events it rejected.
pub struct Judged<T> {
    pub kept: T,
    pub rejected: Vec<truce::events::Rejection>,
}

/// The two sides the arguments ask for; `None` when they cannot be
/// compared (reported).
pub fn specs(args: &DiffArgs) -> Option<(SideSpec, SideSpec)> {
    let across_doctrines = args.rules_new.is_empty() && args.rev.is_none() && args.add.is_empty();
    if across_doctrines && args.doctrine_new.is_empty() {
        errln!(
            "error: nothing differs between the sides; give `--rules-new`, `--rev`, `--add` or `--doctrine-new`"
        );
        return None;
    }
    let (old_origin, new_origin, labels) = match &args.rev {
        None => (
            Origin::Disk,
            Origin::Disk,
            ("OLD".to_owned(), "NEW".to_owned()),
        ),
        Some(range) => revisions(range)?,
    };
    let mut new_doctrines = args.doctrine.clone();
    new_doctrines.retain(|(name, _)| !args.doctrine_new.iter().any(|(n, _)| n == name));
    new_doctrines.extend(args.doctrine_new.iter().cloned());
    let varied: Vec<String> = if across_doctrines {
        args.doctrine_new.iter().map(|(n, _)| n.clone()).collect()
    } else {
        Vec::new()
    };
    let old = SideSpec {
        label: (!across_doctrines).then_some(labels.0),
        rules: args.rules.clone(),
        origin: old_origin,
        added: Vec::new(),
        doctrines: args.doctrine.clone(),
        varied: varied.clone(),
    };
    let new = SideSpec {
        label: (!across_doctrines).then_some(labels.1),
        rules: if args.rules_new.is_empty() {
            args.rules.clone()
        } else {
            args.rules_new.clone()
        },
        origin: new_origin,
        added: args.add.clone(),
        doctrines: new_doctrines,
        varied,
    };
    Some((old, new))
}

/// `OLD..NEW` or `OLD` (the NEW side then read from disk), each opened in
/// the repository holding the current folder.
fn revisions(range: &str) -> Option<(Origin, Origin, (String, String))> {
    let (old, new) = match range.split_once("..") {
        Some((old, new)) => (old, Some(new)),
        None => (range, None),
    };
    let open = |rev: &str| match Revision::open(rev) {
        Ok(r) => Some(Origin::Revision(Arc::new(r))),
        Err(e) => {
            super::super::report(&e);
            None
        }
    };
    let old_origin = open(old)?;
    let (new_origin, new_label) = match new {
        Some(rev) => (open(rev)?, rev.to_owned()),
        None => (Origin::Disk, "working tree".to_owned()),
    };
    Some((old_origin, new_origin, (old.to_owned(), new_label)))
}

/// Loads a side's rulebooks, its clauses added to the first, its
/// doctrines set, reporting every failure; `None` means reported.
pub fn load(spec: &SideSpec) -> Option<Vec<Rulebook>> {
    let mut books: Vec<Rulebook> = Vec::new();
    let mut failed = false;
    for (i, path) in spec.rules.iter().enumerate() {
        let clauses: Vec<&Path> = if i == 0 {
            spec.added.iter().map(PathBuf::as_path).collect()
        } else {
            Vec::new()
        };
        match truce::compile::load_amended(path, &spec.origin, &clauses) {
            Ok(c) if books.iter().any(|b| b.title == c.rulebook.title) => {
                errln!(
                    "error: two rule files are titled \"{}\"; verdicts name their instrument by title, so titles must differ",
                    c.rulebook.title
                );
                failed = true;
            }
            Ok(c) => books.push(c.rulebook),
            Err(e) => {
                if let Origin::Revision(r) = &spec.origin {
                    errln!("error: at revision `{}`:", r.name);
                }
                super::super::report_rulebook_error(&e);
                failed = true;
            }
        }
    }
    if failed || !super::super::counterparts_sound(&books) {
        return None;
    }
    if let Err(e) = truce::set_doctrines(&mut books, &spec.doctrines, SetBy::CommandLine) {
        errln!("error: {e}");
        return None;
    }
    Some(books)
}

impl SideSpec {
    /// The side as the diff names it, once its rulebooks are loaded: a
    /// diff across doctrines is labelled by the settings of the doctrines
    /// varied, as `--vary-doctrine` finds them.
    pub fn described(&self, books: &[Rulebook]) -> Side {
        let label = self.label.clone().unwrap_or_else(|| {
            let settings = super::super::vary::doctrines(books, &self.varied).unwrap_or_default();
            settings
                .iter()
                .map(|v| format!("{}={}", v.name, v.setting))
                .collect::<Vec<_>>()
                .join(", ")
        });
        Side {
            label,
            rules: self.rules.iter().map(|p| p.display().to_string()).collect(),
            revision: match &self.origin {
                Origin::Disk => None,
                Origin::Revision(r) => Some(r.name.clone()),
            },
            added: self.added.iter().map(|p| p.display().to_string()).collect(),
            doctrines: self
                .doctrines
                .iter()
                .map(|(n, s)| format!("{n}={s}"))
                .collect(),
        }
    }
}

/// Judges the events under a side's rulebooks, handing each batch of
/// verdicts to `f` with what it keeps; `None` when the events cannot be
/// read (reported).
pub fn judge<T>(
    spec: &SideSpec,
    books: &[Rulebook],
    events: &Path,
    init: impl FnOnce() -> T,
    mut f: impl FnMut(&mut T, &[truce::eval::Verdict]),
) -> Option<Judged<T>> {
    let instruments: Vec<truce::Instrument<'_>> = books
        .iter()
        .zip(&spec.rules)
        .map(|(rulebook, path)| truce::Instrument { rulebook, path })
        .collect();
    let prepared = match truce::prepare(&instruments, events) {
        Ok(p) => p,
        Err(e) => {
            super::super::report(&e);
            return None;
        }
    };
    let mut kept = init();
    prepared.judge_in_batches(&instruments, 2048, |batch| f(&mut kept, batch));
    Some(Judged {
        kept,
        rejected: prepared.rejected,
    })
}
