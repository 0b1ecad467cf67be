//! How the verdicts depend on a doctrine: the events are judged again under
//! each of its other settings, and every verdict whose outcome or party
//! would differ is listed with what it would be under each. A lawyer sees
//! which findings turn on a contested question of law, and which do not.

use std::collections::HashMap;

use serde::Serialize;

use crate::eval::{Outcome, Verdict};
use crate::name::Name;

/// What one run said of a verdict, kept to compare runs: not its
/// explanation.
#[derive(Debug, Clone)]
pub struct Seen {
    pub event: Name,
    pub instrument: Name,
    pub outcome: Outcome,
    pub party: Option<Name>,
    /// The doctrines its reasoning tested.
    pub tested: Vec<Name>,
}

impl Seen {
    pub fn of(v: &Verdict) -> Seen {
        Seen {
            event: v.event.clone(),
            instrument: v.instrument.clone(),
            outcome: v.outcome,
            party: v.party.clone(),
            tested: v.doctrines.iter().map(|d| d.doctrine.clone()).collect(),
        }
    }
}

/// How the verdicts depend on one doctrine.
#[derive(Debug, Clone, Serialize)]
pub struct Dependence {
    pub doctrine: Name,
    /// The setting the report's verdicts were judged under, and who chose it.
    pub setting: Name,
    pub set_by: crate::check::SetBy,
    /// Every setting, in the rulebook's order.
    pub settings: Vec<Name>,
    /// How many verdicts' reasoning tested the doctrine under the report's
    /// setting.
    pub tested: usize,
    /// The verdicts whose outcome or party differs under some setting, in
    /// the report's order.
    pub differ: Vec<Differs>,
}

/// A verdict that turns on the doctrine: what it is under each setting.
#[derive(Debug, Clone, Serialize)]
pub struct Differs {
    pub event: Name,
    pub instrument: Name,
    pub under: Vec<Under>,
}

/// A verdict's outcome under one setting (`None`: no verdict of this
/// instrument under it, as when the setting frees a party from it).
#[derive(Debug, Clone, Serialize)]
pub struct Under {
    pub setting: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<Name>,
}

/// A verdict's outcome and party, as a run gave it.
type Said = (Outcome, Option<Name>);
/// What a run gave, by event and instrument.
type ByVerdict = HashMap<(Name, Name), Said>;

/// The doctrine as the report's run had it.
pub struct Setting<'a> {
    pub doctrine: &'a str,
    pub setting: &'a str,
    pub set_by: crate::check::SetBy,
    pub settings: &'a [String],
}

/// Compares the report's run with a run under each other setting
/// (`others`: the setting's name and what that run saw).
pub fn compare(setting: &Setting<'_>, base: &[Seen], others: &[(String, Vec<Seen>)]) -> Dependence {
    let tested = base
        .iter()
        .filter(|s| s.tested.iter().any(|d| &**d == setting.doctrine))
        .count();
    let index = |run: &'_ [Seen]| -> ByVerdict {
        run.iter()
            .map(|s| {
                (
                    (s.event.clone(), s.instrument.clone()),
                    (s.outcome, s.party.clone()),
                )
            })
            .collect()
    };
    let others: Vec<(&str, ByVerdict)> = others
        .iter()
        .map(|(name, run)| (name.as_str(), index(run)))
        .collect();
    let mut differ = Vec::new();
    for s in base {
        let key = (s.event.clone(), s.instrument.clone());
        let mine = (s.outcome, s.party.clone());
        let theirs: Vec<(&str, Option<&Said>)> = others
            .iter()
            .map(|(name, run)| (*name, run.get(&key)))
            .collect();
        if theirs.iter().all(|(_, t)| *t == Some(&mine)) {
            continue;
        }
        let under_of = |name: &str, seen: Option<&Said>| Under {
            setting: name.into(),
            outcome: seen.map(|(o, _)| *o),
            party: seen.and_then(|(_, p)| p.clone()),
        };
        // Every setting in the rulebook's order, the report's among them.
        let under = setting
            .settings
            .iter()
            .map(|name| {
                if name == setting.setting {
                    under_of(name, Some(&mine))
                } else {
                    let seen = theirs
                        .iter()
                        .find(|(n, _)| *n == name)
                        .and_then(|(_, t)| *t);
                    under_of(name, seen)
                }
            })
            .collect();
        differ.push(Differs {
            event: s.event.clone(),
            instrument: s.instrument.clone(),
            under,
        });
    }
    Dependence {
        doctrine: setting.doctrine.into(),
        setting: setting.setting.into(),
        set_by: setting.set_by,
        settings: setting.settings.iter().map(|s| s.as_str().into()).collect(),
        tested,
        differ,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(event: &str, outcome: Outcome, party: Option<&str>, tested: bool) -> Seen {
        Seen {
            event: event.into(),
            instrument: "KAA".into(),
            outcome,
            party: party.map(Into::into),
            tested: if tested { vec!["wff".into()] } else { vec![] },
        }
    }

    #[test]
    fn lists_only_the_verdicts_that_differ_under_another_setting() {
        let settings = ["strict".to_owned(), "excused".to_owned()];
        let setting = Setting {
            doctrine: "wff",
            setting: "strict",
            set_by: crate::check::SetBy::Rulebook,
            settings: &settings,
        };
        let base = [
            seen("A", Outcome::Violation, Some("UNC"), true),
            seen("B", Outcome::Violation, Some("KPA"), true),
            seen("C", Outcome::NoViolation, None, false),
        ];
        let other = vec![
            seen("A", Outcome::Justified, Some("UNC"), true),
            seen("B", Outcome::Violation, Some("KPA"), true),
            seen("C", Outcome::NoViolation, None, false),
        ];
        let d = compare(&setting, &base, &[("excused".into(), other)]);
        assert_eq!(d.tested, 2);
        assert_eq!(d.differ.len(), 1);
        let a = &d.differ[0];
        assert_eq!(&*a.event, "A");
        let outcomes: Vec<(&str, Option<Outcome>)> =
            a.under.iter().map(|u| (&*u.setting, u.outcome)).collect();
        assert_eq!(
            outcomes,
            [
                ("strict", Some(Outcome::Violation)),
                ("excused", Some(Outcome::Justified))
            ]
        );
    }

    #[test]
    fn a_verdict_missing_under_a_setting_differs() {
        let settings = ["valid".to_owned(), "invalid".to_owned()];
        let setting = Setting {
            doctrine: "wff",
            setting: "invalid",
            set_by: crate::check::SetBy::Rulebook,
            settings: &settings,
        };
        let base = [seen("A", Outcome::Violation, Some("DPRK"), true)];
        let d = compare(&setting, &base, &[("valid".into(), vec![])]);
        assert_eq!(d.differ.len(), 1);
        assert_eq!(d.differ[0].under[0].outcome, None);
        assert_eq!(d.differ[0].under[1].outcome, Some(Outcome::Violation));
    }
}
