//! Reading `case.yaml` strictly: the YAML is read whole (its own errors
//! located by the YAML reader), then every key and value is checked by
//! hand, so that each problem of every expectation is reported in one
//! pass, with its own kind and where it is written, rather than the first
//! one serde meets.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_yaml::{Mapping, Value};

use super::err::{ManifestError, Problem};
use super::locate::Locator;
use super::{Expectation, Manifest, OneOrMany};
use crate::span::Source;

/// The outcome words an expectation may name.
pub const OUTCOMES: &[&str] = &[
    "violation",
    "justified",
    "no_violation",
    "inconclusive",
    "rejected",
    "outside_scope",
];

const TOP_KEYS: &[&str] = &[
    "rules",
    "events",
    "expect",
    "unidentified_rejections",
    "doctrine",
];

const ENTRY_KEYS: &[&str] = &[
    "instrument",
    "outcome",
    "party",
    "articles",
    "reason",
    "why",
    "implied_by",
    "doctrine",
];

/// Reads a manifest: what it says (when its structure can be read),
/// and every problem found in it.
pub fn read(source: &Source) -> (Option<Manifest>, Vec<ManifestError>) {
    let text = source.text();
    if let Some(problem) = beyond_bounds(source) {
        return (None, vec![problem]);
    }
    let value: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index());
            let problem = Problem::NotYaml {
                why: first_clause(&e.to_string()),
            };
            return (None, vec![err(source, at..at, problem, None)]);
        }
    };
    let mut reader = Reader {
        source,
        find: Locator::new(text),
        errors: Vec::new(),
    };
    let manifest = reader.manifest(&value);
    (manifest, reader.errors)
}

/// The largest manifest read: a manifest lists expectations, a line each.
pub const MAX_BYTES: usize = 1 << 20;

/// A manifest too large, or nested too deep for the YAML reader to read
/// in bounded time (its scanner is quadratic in the nesting of flow
/// lists and mappings: found by the events loader's linear scan first).
fn beyond_bounds(source: &Source) -> Option<ManifestError> {
    let text = source.text();
    if text.len() > MAX_BYTES {
        let problem = Problem::TooLarge { limit: MAX_BYTES };
        return Some(err(source, 0..0, problem, None));
    }
    let (line, column) = crate::events::nesting::too_deep(text)?;
    // `too_deep` counts columns in characters, from 1.
    let start = text
        .split_inclusive('\n')
        .take(line)
        .map(str::len)
        .sum::<usize>();
    let rest = &text[start..];
    let at = start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(0, |(i, _)| i);
    let limit = crate::events::nesting::MAX_FLOW_DEPTH;
    Some(err(source, at..at, Problem::TooDeep { limit }, None))
}

/// serde's message without its own `at line ...` (the diagnostic places it).
fn first_clause(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn err(source: &Source, at: Range<usize>, problem: Problem, help: Option<String>) -> ManifestError {
    super::err::at(source, at, problem, help)
}

struct Reader<'a> {
    source: &'a Source,
    find: Locator<'a>,
    errors: Vec<ManifestError>,
}

impl Reader<'_> {
    fn push(&mut self, at: Range<usize>, problem: Problem, help: Option<String>) {
        self.errors.push(err(self.source, at, problem, help));
    }

    fn wrong(&mut self, at: Range<usize>, key: &str, wants: &'static str, found: &Value) {
        let help = matches!(found, Value::Number(_)).then(|| {
            "YAML reads an unquoted number as a number: write it in quotes as the rulebook writes it (unquoted, `2.10` is read as 2.1)".to_owned()
        });
        let problem = Problem::WrongType {
            key: key.to_owned(),
            wants,
            found: kind_of(found),
        };
        self.push(at, problem, help);
    }

    fn unknown_key(&mut self, at: Range<usize>, key: &str, within: String, known: &[&str]) {
        let help = crate::suggest::suggestion(key, known, '`', "the keys are");
        let problem = Problem::UnknownKey {
            key: key.to_owned(),
            within,
        };
        self.push(at, problem, Some(help));
    }

    fn manifest(&mut self, value: &Value) -> Option<Manifest> {
        let Value::Mapping(top) = value else {
            self.wrong(0..0, "case.yaml", "a mapping of keys", value);
            return None;
        };
        let mut rules = None;
        let mut events = None;
        let mut expect = None;
        let mut ids_at = BTreeMap::new();
        let mut unidentified = 0;
        let mut doctrine = BTreeMap::new();
        let whole = 0..self.source.text().len();
        for (k, v) in top {
            let Some(key) = k.as_str() else {
                self.wrong(0..0, "case.yaml", "keys written as words", k);
                continue;
            };
            let at = self.find.key(whole.clone(), key);
            match key {
                "rules" => rules = self.rules(at, v),
                "events" => events = self.text(at, key, v),
                "expect" => expect = self.expect(at, v, &mut ids_at),
                "unidentified_rejections" => match v.as_u64() {
                    Some(n) => unidentified = usize::try_from(n).unwrap_or(usize::MAX),
                    None => {
                        // A count is not a label: no advice to quote it.
                        let problem = Problem::WrongType {
                            key: key.to_owned(),
                            wants: "a count",
                            found: kind_of(v),
                        };
                        let help =
                            "write how many rejections the case expects without an id: 0 or more";
                        self.push(at, problem, Some(help.to_owned()));
                    }
                },
                "doctrine" => doctrine = self.settings(at, v).unwrap_or_default(),
                _ => self.unknown_key(at, key, "the manifest".into(), TOP_KEYS),
            }
        }
        for (key, got) in [
            ("rules", rules.is_some()),
            ("events", events.is_some()),
            ("expect", expect.is_some()),
        ] {
            if !got && !top.contains_key(key) {
                let problem = Problem::MissingKey {
                    key,
                    within: "the manifest".into(),
                };
                self.push(0..0, problem, None);
            }
        }
        Some(Manifest {
            rules: rules?,
            events: events?,
            expect: expect?,
            unidentified_rejections: unidentified,
            doctrine,
            ids_at,
        })
    }

    fn text(&mut self, at: Range<usize>, key: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.wrong(at, key, "a text", v);
                None
            }
        }
    }

    fn rules(&mut self, at: Range<usize>, v: &Value) -> Option<OneOrMany<String>> {
        match v {
            Value::String(s) => Some(OneOrMany::One(s.clone())),
            Value::Sequence(items) => {
                let paths: Vec<String> = items
                    .iter()
                    .filter_map(|i| self.text(at.clone(), "rules", i))
                    .collect();
                (paths.len() == items.len()).then_some(OneOrMany::Many(paths))
            }
            _ => {
                self.wrong(at, "rules", "a path or a list of paths", v);
                None
            }
        }
    }

    /// `{who_fired_first: irrelevant}`
    fn settings(&mut self, at: Range<usize>, v: &Value) -> Option<BTreeMap<String, String>> {
        let Value::Mapping(m) = v else {
            self.wrong(at, "doctrine", "a mapping of doctrines to settings", v);
            return None;
        };
        let mut out = BTreeMap::new();
        for (name, setting) in m {
            match (name.as_str(), setting.as_str()) {
                (Some(n), Some(s)) => {
                    out.insert(n.to_owned(), s.to_owned());
                }
                _ => self.wrong(at.clone(), "doctrine", "a setting's name", setting),
            }
        }
        Some(out)
    }

    fn expect(
        &mut self,
        at: Range<usize>,
        v: &Value,
        ids_at: &mut BTreeMap<String, Range<usize>>,
    ) -> Option<BTreeMap<String, OneOrMany<Expectation>>> {
        let Value::Mapping(m) = v else {
            self.wrong(at, "expect", "a mapping of event ids", v);
            return None;
        };
        let region = at.start..self.source.text().len();
        let ids: Vec<Option<String>> = m.keys().map(id_of).collect();
        let places = self.find.entries(region, &ids);
        let mut out = BTreeMap::new();
        for ((k, v), place) in m.iter().zip(places) {
            let Some(id) = id_of(k) else {
                self.wrong(place, "expect", "event ids written as text", k);
                continue;
            };
            let key = place.start..place.start + id.len();
            ids_at.insert(id.clone(), key);
            if let Some(e) = self.entry(&id, place, v) {
                out.insert(id, e);
            }
        }
        Some(out)
    }

    fn entry(
        &mut self,
        id: &str,
        place: Range<usize>,
        v: &Value,
    ) -> Option<OneOrMany<Expectation>> {
        match v {
            Value::Mapping(m) => self.expectation(id, place, m).map(OneOrMany::One),
            Value::Sequence(items) => {
                let places = self.find.items(place.clone(), items.len());
                let mut out = Vec::new();
                for (item, at) in items.iter().zip(places) {
                    match item {
                        Value::Mapping(m) => out.extend(self.expectation(id, at, m)),
                        _ => self.wrong(at, id, "an expectation (a mapping)", item),
                    }
                }
                (out.len() == items.len()).then_some(OneOrMany::Many(out))
            }
            _ => {
                self.wrong(place, id, "an expectation or a list of them", v);
                None
            }
        }
    }

    /// One expectation, its keys and values checked, each wrong one
    /// reported.
    fn expectation(&mut self, id: &str, place: Range<usize>, m: &Mapping) -> Option<Expectation> {
        let mut e = Expectation {
            instrument: None,
            outcome: String::new(),
            party: None,
            articles: None,
            reason: None,
            why: None,
            implied_by: None,
            doctrine: BTreeMap::new(),
            place: place.clone(),
        };
        for (k, v) in m {
            let Some(key) = k.as_str() else {
                self.wrong(place.clone(), id, "keys written as words", k);
                continue;
            };
            let at = self.find.key(place.clone(), key);
            match key {
                "instrument" => e.instrument = self.text(at, key, v),
                "outcome" => e.outcome = self.text(at, key, v).unwrap_or_default(),
                "party" => e.party = self.optional(at, key, v),
                "articles" => e.articles = self.labels(at, v),
                "reason" => e.reason = self.text(at, key, v),
                "why" => e.why = self.why(at, v),
                "implied_by" => e.implied_by = self.text(at, key, v),
                "doctrine" => e.doctrine = self.settings(at, v).unwrap_or_default(),
                _ => {
                    let within = format!("the expectation for `{id}`");
                    self.unknown_key(at, key, within, ENTRY_KEYS);
                }
            }
        }
        if !m.contains_key("outcome") {
            let problem = Problem::MissingKey {
                key: "outcome",
                within: format!("the expectation for `{id}`"),
            };
            self.push(place.start..place.start, problem, None);
        } else if !e.outcome.is_empty() && !OUTCOMES.contains(&e.outcome.as_str()) {
            let at = self.find.value(place.clone(), "outcome", &e.outcome);
            let help = crate::suggest::suggestion(&e.outcome, OUTCOMES, '`', "the outcomes are");
            let problem = Problem::UnknownOutcome {
                outcome: e.outcome.clone(),
            };
            self.push(at, problem, Some(help));
        }
        // Kept even when wrong, so that its names are checked too: a
        // manifest with any problem is never compared.
        Some(e)
    }

    fn optional(&mut self, at: Range<usize>, key: &str, v: &Value) -> Option<String> {
        match v {
            Value::Null => None,
            _ => self.text(at, key, v),
        }
    }

    /// `articles: ["6", III.2]`: labels as the rulebook writes them; a
    /// number is refused rather than turned back into a label it may not
    /// have been.
    fn labels(&mut self, at: Range<usize>, v: &Value) -> Option<Vec<String>> {
        let Value::Sequence(items) = v else {
            self.wrong(at, "articles", "a list of article labels", v);
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::String(s) => out.push(s.clone()),
                _ => self.wrong(at.clone(), "articles", "article labels", item),
            }
        }
        Some(out)
    }

    /// `why: {kind: excused, articles: ["2"]}`: a summary's or a reason's
    /// data, as the JSON report writes it.
    fn why(&mut self, at: Range<usize>, v: &Value) -> Option<serde_json::Value> {
        let Value::Mapping(m) = v else {
            self.wrong(at, "why", "a mapping with a `kind`", v);
            return None;
        };
        let Some(kind) = m.get("kind").and_then(Value::as_str) else {
            let problem = Problem::MissingKey {
                key: "kind",
                within: "`why`".into(),
            };
            self.push(at, problem, None);
            return None;
        };
        if !super::why::KINDS.contains(&kind) {
            let help = crate::suggest::suggestion(kind, super::why::KINDS, '`', "the kinds are");
            let at = self.find.value(at, "kind", kind);
            let problem = Problem::UnknownWhy {
                kind: kind.to_owned(),
            };
            self.push(at, problem, Some(help));
            return None;
        }
        serde_json::to_value(v).ok()
    }
}

/// An event id: text; a number is refused (`1.10` would be read as 1.1).
fn id_of(k: &Value) -> Option<String> {
    k.as_str().map(str::to_owned)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a yes or no",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}
