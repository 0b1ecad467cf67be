//! The facts a rulebook declares (its categories and quantities), as an
//! event records them: each name must be declared, each value one the
//! rulebook allows, like any built-in field.

use super::model::FactValue;
use super::raw::{RawFactValue, RawFacts};
use super::validate::unknown;
use super::vocabulary::{FactSpec, Vocab};
use crate::name::{Interner, Name};
use crate::suggest::did_you_mean;

/// The largest count a fact may hold: every whole number up to it is
/// exact in the arithmetic that compares and sums counts.
const MAX_COUNT: f64 = 9_007_199_254_740_992.0; // 2^53

/// Validates an event's `facts`; on failure, every problem found.
pub(super) fn facts(
    raw: RawFacts,
    vocab: &impl Vocab,
    names: &mut Interner,
) -> Result<Box<[(Name, FactValue)]>, Vec<String>> {
    let mut out = Vec::with_capacity(raw.0.len());
    let mut problems = Vec::new();
    for (name, value) in raw.0 {
        let Some(spec) = vocab.fact(&name) else {
            problems.push(unknown_fact(&name, vocab));
            continue;
        };
        match value_of(&name, spec, value) {
            Ok(v) => out.push((names.intern(&name), v)),
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(out.into_boxed_slice())
    } else {
        Err(problems)
    }
}

fn unknown_fact(name: &str, vocab: &impl Vocab) -> String {
    let known = vocab.fact_names();
    if known.is_empty() {
        return format!("`facts`: unknown fact `{name}`; the rulebook declares no facts");
    }
    format!("`facts`: {}", unknown("fact", name, &known))
}

/// One value, checked against what the fact takes.
fn value_of(name: &str, spec: FactSpec<'_>, value: RawFactValue) -> Result<FactValue, String> {
    match (spec, value) {
        (FactSpec::Category(values), RawFactValue::Word(w)) => {
            match values.iter().find(|v| ***v == *w) {
                Some(v) => Ok(FactValue::Word(v.clone())),
                None => {
                    let known: Vec<&str> = values.iter().map(|v| &**v).collect();
                    let hint = match did_you_mean(&w, &known) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!("its values are {}", known.join(", ")),
                    };
                    Err(format!(
                        "`facts.{name}`: unknown value `{w}` of category `{name}`; {hint}"
                    ))
                }
            }
        }
        (FactSpec::Category(values), RawFactValue::Number(n)) => {
            let known: Vec<&str> = values.iter().map(|v| &**v).collect();
            Err(format!(
                "`facts.{name}` is `{n}`, and category `{name}` takes one of {}",
                known.join(", ")
            ))
        }
        (FactSpec::Count, RawFactValue::Number(n))
            if n.fract() == 0.0 && (0.0..=MAX_COUNT).contains(&n) =>
        {
            Ok(FactValue::Number(n))
        }
        (FactSpec::Count, v) => Err(format!(
            "`facts.{name}` is {}; it is a count: a whole number, 0 or more",
            shown(&v)
        )),
        (FactSpec::Measure(unit), RawFactValue::Number(n)) if n.is_finite() && n >= 0.0 => {
            Ok(FactValue::Number(n * unit.scale()))
        }
        (FactSpec::Measure(unit), v) => Err(format!(
            "`facts.{name}` is {}; it is a number of {} (`{}`), 0 or more",
            shown(&v),
            unit.word(),
            unit.symbol()
        )),
    }
}

fn shown(v: &RawFactValue) -> String {
    match v {
        RawFactValue::Word(w) => format!("`{w}`"),
        RawFactValue::Number(n) => format!("`{n}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Unit;

    struct Facts;

    impl Vocab for Facts {
        fn act(&self, _: &str) -> Option<crate::check::ActIdx> {
            None
        }
        fn party(&self, _: &str) -> Option<crate::check::PartyIdx> {
            None
        }
        fn act_names(&self) -> Vec<&str> {
            Vec::new()
        }
        fn party_names(&self) -> Vec<&str> {
            Vec::new()
        }
        fn line_sides(&self, _: &str) -> Option<Vec<&str>> {
            None
        }
        fn line_names(&self) -> Vec<&str> {
            Vec::new()
        }
        fn zone_names(&self) -> Vec<&str> {
            Vec::new()
        }
        fn element(&self, _: &str) -> Option<bool> {
            None
        }
        fn element_names(&self) -> Vec<&str> {
            Vec::new()
        }
        fn fact(&self, name: &str) -> Option<FactSpec<'_>> {
            static FORCES: std::sync::LazyLock<Vec<Name>> =
                std::sync::LazyLock::new(|| vec!["army".into(), "police".into()]);
            match name {
                "force" => Some(FactSpec::Category(&FORCES)),
                "personnel" => Some(FactSpec::Count),
                "range" => Some(FactSpec::Measure(Unit::Kilometre)),
                _ => None,
            }
        }
        fn fact_names(&self) -> Vec<&str> {
            vec!["force", "personnel", "range"]
        }
        fn deadline_names(&self) -> Vec<&str> {
            Vec::new()
        }
        fn article_numbers(&self) -> Vec<&str> {
            Vec::new()
        }
        fn day_zone(&self) -> crate::events::DayZone<'_> {
            Err(&[])
        }
    }

    fn read(pairs: &[(&str, RawFactValue)]) -> Result<Box<[(Name, FactValue)]>, Vec<String>> {
        let raw = RawFacts(
            pairs
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect(),
        );
        facts(raw, &Facts, &mut Interner::default())
    }

    fn word(w: &str) -> RawFactValue {
        RawFactValue::Word(w.into())
    }

    #[test]
    fn declared_values_are_kept_and_measures_read_in_base_units() {
        let ok = read(&[
            ("force", word("police")),
            ("personnel", RawFactValue::Number(120.0)),
            ("range", RawFactValue::Number(24.7)),
        ])
        .unwrap();
        assert_eq!(ok[0].1, FactValue::Word("police".into()));
        assert_eq!(ok[1].1, FactValue::Number(120.0));
        assert_eq!(ok[2].1, FactValue::Number(24_700.0));
    }

    #[test]
    fn every_problem_is_named_with_its_path_and_the_nearest_name() {
        let problems = read(&[
            ("forse", word("police")),
            ("force", word("polise")),
            ("personnel", RawFactValue::Number(1.5)),
            ("range", word("far")),
        ])
        .unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("unknown fact `forse`; did you mean `force`?"));
        assert_eq!(
            problems[1],
            "`facts.force`: unknown value `polise` of category `force`; did you mean `police`?"
        );
        assert!(problems[2].contains("`facts.personnel` is `1.5`; it is a count"));
        assert!(problems[3].contains("a number of kilometres (`km`)"));
    }
}
