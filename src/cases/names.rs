//! A manifest's names checked against what they name: parties, article
//! labels, doctrines and their settings and instruments against the
//! case's rulebooks; event ids against the events the run judged or
//! rejected. Each unknown name is a located error with a did-you-mean.

use std::collections::BTreeSet;
use std::ops::Range;

use super::err::{ManifestError, Problem};
use super::locate::Locator;
use super::{Expectation, Manifest};
use crate::check::Rulebook;
use crate::span::Source;

/// Every name of the manifest no rulebook of the case declares.
pub fn against_rulebooks(
    source: &Source,
    manifest: &Manifest,
    books: &[&Rulebook],
) -> Vec<ManifestError> {
    let find = Locator::new(source.text());
    let mut out = Vec::new();
    let whole = 0..source.text().len();
    let doctrine_at = find.key(whole, "doctrine");
    doctrines(
        source,
        &find,
        &manifest.doctrine,
        doctrine_at,
        books,
        &mut out,
    );
    for exp in manifest.expect.values().flat_map(|e| e.items()) {
        expectation(source, &find, exp, books, &mut out);
    }
    out
}

fn expectation(
    source: &Source,
    find: &Locator<'_>,
    exp: &Expectation,
    books: &[&Rulebook],
    out: &mut Vec<ManifestError>,
) {
    let place = exp.place.clone();
    let mut unknown = |key: &str, name: &str, known: Vec<&str>, problem: Problem| {
        if !known.contains(&name) {
            let at = find.value(place.clone(), key, name);
            let help = crate::suggest::suggestion(name, &known, '`', "the rulebooks declare");
            out.push(super::err::at(source, at, problem, Some(help)));
        }
    };
    if let Some(party) = &exp.party {
        let parties = books
            .iter()
            .flat_map(|b| b.parties.iter().map(|p| &*p.id))
            .collect();
        let problem = Problem::UnknownParty {
            party: party.clone(),
        };
        unknown("party", party, parties, problem);
    }
    for article in exp.articles.iter().flatten() {
        let labels = books
            .iter()
            .flat_map(|b| b.articles.iter().map(|a| &*a.number))
            .collect();
        let problem = Problem::UnknownArticle {
            article: article.clone(),
        };
        unknown("articles", article, labels, problem);
    }
    if let Some(words) = &exp.instrument {
        let titles: Vec<&str> = books.iter().map(|b| &*b.title).collect();
        if !titles.iter().any(|t| t.contains(words.as_str())) {
            let at = find.value(place.clone(), "instrument", words);
            let problem = Problem::UnknownInstrument {
                words: words.clone(),
            };
            let help = crate::suggest::suggestion(words, &titles, '"', "the rulebooks are");
            out.push(super::err::at(source, at, problem, Some(help)));
        }
    }
    let at = find.key(place.clone(), "doctrine");
    doctrines(source, find, &exp.doctrine, at, books, out);
}

fn doctrines(
    source: &Source,
    find: &Locator<'_>,
    settings: &std::collections::BTreeMap<String, String>,
    at: Range<usize>,
    books: &[&Rulebook],
    out: &mut Vec<ManifestError>,
) {
    let declared: Vec<&crate::check::Doctrine> =
        books.iter().flat_map(|b| b.doctrines.iter()).collect();
    let region = at.start..source.text().len();
    for (name, setting) in settings {
        let named: Vec<_> = declared.iter().filter(|d| d.name == *name).collect();
        if named.is_empty() {
            let names: Vec<&str> = declared.iter().map(|d| d.name.as_str()).collect();
            let help = crate::suggest::suggestion(name, &names, '`', "the rulebooks declare");
            let problem = Problem::UnknownDoctrine {
                doctrine: name.clone(),
            };
            let at = find.key(region.clone(), name);
            out.push(super::err::at(source, at, problem, Some(help)));
            continue;
        }
        let options: Vec<&str> = named
            .iter()
            .flat_map(|d| d.options.iter().map(String::as_str))
            .collect();
        if !options.contains(&setting.as_str()) {
            let help = crate::suggest::suggestion(setting, &options, '`', "its settings are");
            let problem = Problem::UnknownSetting {
                doctrine: name.clone(),
                setting: setting.clone(),
            };
            let at = find.value(region.clone(), name, setting);
            out.push(super::err::at(source, at, problem, Some(help)));
        }
    }
}

/// Every event id the manifest expects, or names as implying another,
/// that the run neither judged nor rejected.
pub fn against_events(
    source: &Source,
    manifest: &Manifest,
    ids: &BTreeSet<&str>,
) -> Vec<ManifestError> {
    let find = Locator::new(source.text());
    let known: Vec<&str> = ids.iter().copied().collect();
    let mut out = Vec::new();
    let mut unknown = |id: &str, at: Range<usize>| {
        let help = crate::suggest::suggestion(id, &known, '`', "its events are");
        let problem = Problem::UnknownEvent {
            event: id.to_owned(),
        };
        out.push(super::err::at(source, at, problem, Some(help)));
    };
    for (id, expected) in &manifest.expect {
        if !ids.contains(id.as_str()) {
            let at = manifest.ids_at.get(id).cloned().unwrap_or(0..0);
            unknown(id, at);
        }
        for exp in expected.items() {
            if let Some(parent) = exp.implied_by.as_deref().filter(|p| !ids.contains(p)) {
                unknown(parent, find.value(exp.place.clone(), "implied_by", parent));
            }
        }
    }
    out
}
