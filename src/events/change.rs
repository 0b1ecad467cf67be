//! The change of the agreement an event records, checked against the
//! rulebook's names: a deadline it declares, articles it has. Whether the
//! change takes effect (who may make it, on what evidence) is for
//! evaluation to decide: a change by someone not allowed is still a fact.

use jiff::Timestamp;

use super::model::Change;
use super::raw::{RawChange, Scope};
use super::validate::{instant_or_day, unknown};
use super::vocabulary::Vocab;
use crate::check::StatusKind;
use crate::name::Interner;

/// Validates `change`; `id` is the event's own, `ends` the end of its time.
pub(super) fn change(
    raw: RawChange,
    id: &str,
    ends: Option<Timestamp>,
    vocab: &impl Vocab,
    names: &mut Interner,
) -> Result<Change, String> {
    let status = [
        (StatusKind::Suspension, raw.suspend),
        (StatusKind::Repudiation, raw.repudiate),
        (StatusKind::Resumption, raw.resume),
    ];
    let mut kinds: Vec<(StatusKind, Scope)> = status
        .into_iter()
        .filter_map(|(k, s)| s.map(|s| (k, s)))
        .collect();
    let given =
        kinds.len() + usize::from(raw.deadline.is_some()) + usize::from(raw.joins.is_some());
    if given == 0 {
        return Err("`change` says not what it changes: give `deadline` (with `until`), `suspend`, `repudiate`, `resume` or `joins`".into());
    }
    if given > 1 {
        return Err(
            "`change` makes several changes at once; record each as an event of its own".into(),
        );
    }
    let zone = vocab.day_zone();
    let effective = raw
        .effective
        .as_deref()
        .map(|t| instant_or_day(t, &zone).map_err(|e| format!("`change.effective`: {e}")))
        .transpose()?;
    let until = raw
        .until
        .as_deref()
        .map(|t| instant_or_day(t, &zone).map_err(|e| format!("`change.until`: {e}")))
        .transpose()?;
    if let Some(event) = raw.joins {
        if event == id {
            return Err("`change.joins` refers to the event itself".into());
        }
        if until.is_some() || effective.is_some() {
            return Err("`change.joins` consents to another event's change as it stands: give no `until` or `effective` with it".into());
        }
        return Ok(Change::Joins {
            event: names.intern(&event),
        });
    }
    if let Some(deadline) = raw.deadline {
        if !vocab.deadline(&deadline) {
            let known = vocab.deadline_names();
            return Err(match known.is_empty() {
                true => format!(
                    "`change.deadline`: unknown deadline `{deadline}`; the rulebook declares no deadline"
                ),
                false => format!(
                    "`change.deadline`: {}",
                    unknown("deadline", &deadline, &known)
                ),
            });
        }
        let until =
            until.ok_or("`change.deadline` needs `until`: the deadline's new due instant")?;
        return Ok(Change::Deadline {
            deadline: names.intern(&deadline),
            until,
            effective,
        });
    }
    let (kind, scope) = kinds.pop().expect("one kind of change, counted above");
    let articles = match scope {
        Scope::All => Vec::new(),
        Scope::Articles(list) if list.is_empty() => {
            return Err(format!(
                "`change.{}` lists no article; write `all` for the whole agreement",
                word(kind)
            ));
        }
        Scope::Articles(list) => list,
    };
    for a in &articles {
        if !vocab.article(a) {
            let known = vocab.article_numbers();
            return Err(format!(
                "`change.{}`: {}",
                word(kind),
                unknown("article", a, &known)
            ));
        }
    }
    if kind == StatusKind::Resumption && until.is_some() {
        return Err(
            "`change.resume` takes no `until`: a resumption lasts until another change".into(),
        );
    }
    // A day (`until` or `effective`) counts whole: refused when the end
    // comes no later than the start, at its last instant.
    let starts = effective.map(|e| e.from).or(ends);
    if let (Some(u), Some(s)) = (until, starts)
        && u.to <= s
    {
        return Err(format!(
            "`change.until` is not after the {} begins",
            noun(kind)
        ));
    }
    Ok(Change::Status {
        kind,
        articles: articles.iter().map(|a| names.intern(a)).collect(),
        until,
        effective,
    })
}

/// The field that writes it: `suspend`, `repudiate`, `resume`.
fn word(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::Suspension => "suspend",
        StatusKind::Repudiation => "repudiate",
        StatusKind::Resumption => "resume",
    }
}

fn noun(kind: StatusKind) -> &'static str {
    kind.word()
}
