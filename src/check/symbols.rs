//! The one table of declared names: parties, acts, classes, lines, zones.
//!
//! One namespace for all of them, so a zone cannot share a name with a line
//! and a misplaced name gets a precise message (`mdl` is a line, not a zone).

use std::collections::HashMap;

use super::err::{CheckError, DuplicateError, Problem, UnknownNameError, WrongKind};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Party,
    Act,
    ActClass,
    WeaponClass,
    Line,
    Zone,
    Deadline,
    Regime,
    Doctrine,
    Pattern,
    Element,
    Diligence,
    Category,
    Quantity,
    Ceiling,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Party => "party",
            Kind::Act => "act",
            Kind::ActClass => "act class",
            Kind::WeaponClass => "weapon class",
            Kind::Line => "line",
            Kind::Zone => "zone",
            Kind::Deadline => "deadline",
            Kind::Regime => "regime",
            Kind::Doctrine => "doctrine",
            Kind::Pattern => "pattern",
            Kind::Element => "element",
            Kind::Diligence => "diligence",
            Kind::Category => "category",
            Kind::Quantity => "quantity",
            Kind::Ceiling => "ceiling",
        }
    }

    fn declare_hint(self) -> &'static str {
        match self {
            Kind::Party => "declare it in the agreement header: `party ID \"Name\"`",
            Kind::Act => "declare it: `act NAME \"what the act is\"`",
            Kind::ActClass => "declare it: `act class NAME = [act, ...]`",
            Kind::WeaponClass => "declare it: `weapon class NAME = <condition>`",
            Kind::Line => "declare it: `line NAME from \"file.geojson\"`",
            Kind::Zone => "declare it: `zone NAME = within 2 km of LINE`",
            Kind::Deadline => "declare it: `deadline NAME = 72 h after in force`",
            Kind::Regime => "declare it: `regime NAME from 2020-07-27 00:01 Europe/Kyiv`",
            Kind::Pattern => "declare it: `pattern NAME = 10 within 24 h where act is fire`",
            Kind::Element => {
                "declare it: `element NAME \"what it means\" = <condition>`, or `element NAME(other) ...` for one about another event"
            }
            Kind::Diligence => {
                "declare it: `diligence NAME \"text\" { knowledge when ... means when ... measures when ... }`"
            }
            Kind::Doctrine => {
                "declare it: `doctrine NAME [setting, other] = setting \"the question it settles\"`"
            }
            Kind::Category => "declare it: `category NAME \"what it tells\" [value, other]`",
            Kind::Quantity => {
                "declare it: `quantity NAME \"what it counts\" count`, or `... in km` for a measure"
            }
            Kind::Ceiling => {
                "declare it: `ceiling NAME \"text\" = at most 6000 personnel in ZONE where act is deployment`"
            }
        }
    }
}

#[derive(Debug)]
struct Entry {
    kind: Kind,
    index: usize,
    span: Span,
    used: bool,
}

#[derive(Debug, Default)]
pub struct Symbols {
    entries: HashMap<String, Entry>,
    counts: HashMap<&'static str, usize>,
}

impl Symbols {
    /// Declares a name; returns its index within its kind, or reports a duplicate.
    pub fn declare(&mut self, span: &Span, kind: Kind) -> Result<usize, CheckError> {
        let name = span.text().to_owned();
        if let Some(first) = self.entries.get(&name) {
            let error = DuplicateError::new(span, &first.span, kind.word());
            return Err(match first.kind == kind {
                true => error,
                false => error.of_another_kind(first.kind.word()),
            }
            .into());
        }
        let count = self.counts.entry(kind.word()).or_default();
        let index = *count;
        *count += 1;
        let entry = Entry {
            kind,
            index,
            span: span.clone(),
            used: false,
        };
        self.entries.insert(name, entry);
        Ok(index)
    }

    /// Looks up a name of one of the `wanted` kinds, marking it used.
    pub fn resolve(&mut self, span: &Span, wanted: &[Kind]) -> Result<(Kind, usize), CheckError> {
        let name = span.text();
        match self.entries.get_mut(name) {
            Some(e) if wanted.contains(&e.kind) => {
                e.used = true;
                Ok((e.kind, e.index))
            }
            Some(e) => {
                let label = format!("{} is needed here", a_kind(wanted[0]));
                let problem = WrongKind::Name {
                    name: name.to_owned(),
                    found: e.kind,
                    wanted: wanted.to_vec(),
                };
                Err(problem.at(span, label).into())
            }
            None => {
                let candidates: Vec<&str> = self
                    .entries
                    .iter()
                    .filter(|(_, e)| wanted.contains(&e.kind))
                    .map(|(n, _)| n.as_str())
                    .collect();
                let mut candidates = candidates;
                candidates.sort_unstable();
                let what = wanted[0].word();
                Err(UnknownNameError::new(span, what, &candidates, wanted[0].declare_hint()).into())
            }
        }
    }

    /// Marks a declared name used, when it was found some other way.
    pub fn resolve_named(&mut self, name: &str, kind: Kind) -> Option<usize> {
        let e = self.entries.get_mut(name).filter(|e| e.kind == kind)?;
        e.used = true;
        Some(e.index)
    }

    /// The name declared with a kind and index, if any.
    pub fn name_of(&self, kind: Kind, index: usize) -> Option<String> {
        self.entries
            .iter()
            .find(|(_, e)| e.kind == kind && e.index == index)
            .map(|(n, _)| n.clone())
    }

    /// The kind of a declared name, without marking it used.
    pub fn kind_of(&self, name: &str) -> Option<Kind> {
        self.entries.get(name).map(|e| e.kind)
    }

    /// Declared names never used anywhere, with their kind, in source order.
    pub fn unused(&self) -> Vec<(Kind, &Span)> {
        let mut out: Vec<(Kind, &Span)> = self
            .entries
            .values()
            // Parties, acts and regimes matter without being named in a
            // condition: events use them, regimes restart the ceasefire, and
            // patterns are findings of their own; events record categories
            // and quantities, validated whether or not a condition reads them.
            .filter(|e| {
                !e.used
                    && !matches!(
                        e.kind,
                        Kind::Party
                            | Kind::Act
                            | Kind::Regime
                            | Kind::Pattern
                            | Kind::Category
                            | Kind::Quantity
                    )
            })
            .map(|e| (e.kind, &e.span))
            .collect();
        out.sort_by_key(|(_, s)| s.range.start);
        out
    }
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Act | Kind::ActClass | Kind::Element => "an",
        Kind::Party
        | Kind::WeaponClass
        | Kind::Line
        | Kind::Zone
        | Kind::Deadline
        | Kind::Regime
        | Kind::Doctrine
        | Kind::Pattern
        | Kind::Diligence
        | Kind::Category
        | Kind::Quantity
        | Kind::Ceiling => "a",
    }
}

/// "a zone"
pub(super) fn a_kind(kind: Kind) -> String {
    format!("{} {}", article(kind), kind.word())
}

/// "a zone", "an act or an act class"
pub(super) fn kinds(kinds: &[Kind]) -> String {
    let words: Vec<String> = kinds.iter().map(|k| a_kind(*k)).collect();
    words.join(" or ")
}
