//! `truce debug witness`: a witness incident for one goal, printed as its
//! events file and, with `--out`, written as a case folder.

use std::path::Path;

use truce::check::Rulebook;
use truce::lint::witness::{self, Goal};

use super::Exit;

/// The goal as asked on the command line (clap requires exactly one).
pub enum Asked {
    Article(String),
    Exception(String),
    Both(String, String),
    Act(String),
}

impl Asked {
    pub fn of(
        article: Option<String>,
        exception: Option<String>,
        exceptions: Option<Vec<String>>,
        act: Option<String>,
    ) -> Asked {
        match (article, exception, exceptions, act) {
            (Some(a), ..) => Asked::Article(a),
            (_, Some(e), ..) => Asked::Exception(e),
            (_, _, Some(pair), _) => {
                let mut two = pair.into_iter();
                let a = two.next().unwrap_or_default();
                Asked::Both(a, two.next().unwrap_or_default())
            }
            (_, _, _, act) => Asked::Act(act.unwrap_or_default()),
        }
    }

    fn goal(&self, rulebook: &Rulebook) -> Result<Goal, String> {
        let unknown = |what: &str, name: &str| format!("the rulebook declares no {what} `{name}`");
        match self {
            Asked::Article(a) => Goal::article(rulebook, a).ok_or_else(|| unknown("article", a)),
            Asked::Exception(e) => {
                Goal::exception(rulebook, e).ok_or_else(|| unknown("exception", e))
            }
            Asked::Both(a, b) => Goal::both(rulebook, a, b)
                .ok_or_else(|| unknown("exception", &format!("{a}` or `{b}"))),
            Asked::Act(a) => Goal::unreached(rulebook, a).ok_or_else(|| unknown("act", a)),
        }
    }

    /// What asked for it, as a case folder's header quotes it.
    fn finding(&self) -> String {
        let asked = match self {
            Asked::Article(a) => format!("--article {a}"),
            Asked::Exception(e) => format!("--exception {e}"),
            Asked::Both(a, b) => format!("--exceptions {a},{b}"),
            Asked::Act(a) => format!("--act {a}"),
        };
        format!("truce debug witness {asked}")
    }
}

pub fn run(rules: &Path, asked: &Asked, out: Option<&Path>) -> Exit {
    // Refused before searching: the folder is never overwritten.
    if let Some(dir) = out
        && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some())
    {
        errln!("error: `{}` exists and is not empty", dir.display());
        return Exit::Failed;
    }
    let checked = match truce::load_rulebook(rules) {
        Ok(c) => c,
        Err(e) => {
            super::report_rulebook_error(&e);
            return Exit::Failed;
        }
    };
    let rulebook = &checked.rulebook;
    let goal = match asked.goal(rulebook) {
        Ok(g) => g,
        Err(why) => {
            errln!("error: {why}");
            return Exit::Failed;
        }
    };
    let found = match witness::find(rulebook, &goal, None) {
        Ok(w) => w,
        Err(no) => {
            errln!("{}", truce::render::witness::no_witness(&no));
            return Exit::Failed;
        }
    };
    outln!("{}", found.events.trim_end());
    if let Some(dir) = out
        && let Err(e) = truce::render::witness::write_case(dir, rules, &found, &asked.finding())
    {
        errln!(
            "error: cannot write the case folder `{}`: {e}",
            dir.display()
        );
        return Exit::Failed;
    }
    Exit::Ok
}
