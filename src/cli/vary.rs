//! `--vary-doctrine`: the events judged again under each other setting of
//! a doctrine, to show which verdicts turn on it.

use truce::report::{Dependence, Seen, Setting};

use super::Inputs;

/// A doctrine to vary, as the report's run has it.
pub struct Varied {
    pub name: String,
    pub setting: String,
    pub set_by: truce::check::SetBy,
    pub settings: Vec<String>,
}

/// The doctrines named (`all`: every one the rulebooks declare), in the
/// order the rulebooks declare them; `None` when a name is unknown
/// (reported).
pub fn doctrines(books: &[truce::check::Rulebook], names: &[String]) -> Option<Vec<Varied>> {
    let declared: Vec<&truce::check::Doctrine> =
        books.iter().flat_map(|b| b.doctrines.iter()).collect();
    let all = names.iter().any(|n| n == "all");
    for name in names.iter().filter(|n| *n != "all") {
        if !declared.iter().any(|d| &d.name == name) {
            let known: Vec<String> = declared.iter().map(|d| format!("`{}`", d.name)).collect();
            let known = if known.is_empty() {
                "the rulebooks declare no doctrine".to_owned()
            } else {
                format!("the rulebooks declare {}", known.join(", "))
            };
            errln!("error: no rulebook declares doctrine `{name}` to vary; {known}");
            return None;
        }
    }
    let mut varied: Vec<Varied> = Vec::new();
    for d in declared {
        let wanted = all || names.contains(&d.name);
        // A doctrine two rulebooks share is set alike in both: vary it once.
        if wanted && !varied.iter().any(|v| v.name == d.name) {
            varied.push(Varied {
                name: d.name.clone(),
                setting: d.setting_name().to_owned(),
                set_by: d.set_by,
                settings: d.options.clone(),
            });
        }
    }
    Some(varied)
}

/// Judges the events again under each other setting of each varied
/// doctrine, the other settings as the report's run had them; `None` when
/// a run failed (reported).
pub fn compare(inputs: &Inputs, varied: &[Varied], base: &[Seen]) -> Option<Vec<Dependence>> {
    let mut out = Vec::new();
    for v in varied {
        let mut others = Vec::new();
        for option in v.settings.iter().filter(|o| **o != v.setting) {
            let mut changed = inputs.clone();
            changed.doctrine.retain(|(name, _)| *name != v.name);
            changed.doctrine.push((v.name.clone(), option.clone()));
            others.push((option.clone(), judge(&changed)?));
        }
        let setting = Setting {
            doctrine: &v.name,
            setting: &v.setting,
            set_by: v.set_by,
            settings: &v.settings,
        };
        out.push(truce::report::compare_doctrine(&setting, base, &others));
    }
    Some(out)
}

/// What a run under `inputs` says of each verdict.
fn judge(inputs: &Inputs) -> Option<Vec<Seen>> {
    let books = super::rulebooks(inputs)?;
    let instruments = super::instruments(inputs, &books);
    let prepared = super::prepare(inputs, &instruments)?;
    let mut seen = Vec::new();
    prepared.judge_in_batches(&instruments, 2048, |verdicts| {
        seen.extend(verdicts.iter().map(Seen::of));
    });
    Some(seen)
}
