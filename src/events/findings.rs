//! The parts of an event that record what others established: findings,
//! the evidence behind links to other events, and the acts an event
//! implies. Each is checked against the rulebook's names, so a finding
//! about a line the rulebook lacks is a located rejection, not a test that
//! silently never matches.

use super::model::{FindingTest, MonitorFinding, Object};
use super::raw::RawFinding;
use super::validate::{evidence, unknown};
use super::vocabulary::Vocab;
use crate::check::{DiligenceElement, PointField};
use crate::name::Interner;

/// The words `test:` takes besides the rulebook's elements.
const BUILT_IN: [&str; 7] = [
    "crosses",
    "in",
    "side",
    "directed_at",
    "knowledge",
    "means",
    "measures",
];

/// Validates a finding. `implied`: a finding about an act another event
/// implies, which may rest on the evidence recorded with that event.
pub(super) fn finding(
    raw: RawFinding,
    at: &str,
    vocab: &impl Vocab,
    names: &mut Interner,
    implied: bool,
) -> Result<MonitorFinding, String> {
    let test = test(&raw, at, vocab, names)?;
    let by = match raw.by.as_deref().map(str::trim) {
        Some(by) if !by.is_empty() => names.intern(by),
        _ => return Err(format!("`{at}` says not who established it: give `by`")),
    };
    let mut problems = Vec::new();
    let evidence = match (raw.evidence.is_empty(), implied) {
        (true, true) => None,
        (true, false) => {
            return Err(format!(
                "`{at}` gives no `evidence`: a finding is weighed on the evidence it rests on"
            ));
        }
        (false, _) => Some(evidence(
            raw.evidence,
            &format!("{at}.evidence"),
            names,
            &mut problems,
        )),
    };
    if let Some(first) = problems.into_iter().next() {
        return Err(first);
    }
    Ok(MonitorFinding {
        test,
        holds: raw.holds,
        by,
        evidence,
        text: raw.text.map(Into::into),
    })
}

/// What the finding says was established, its names checked.
fn test(
    raw: &RawFinding,
    at: &str,
    vocab: &impl Vocab,
    names: &mut Interner,
) -> Result<FindingTest, String> {
    let word = raw.test.as_str();
    let test = match word {
        "crosses" => {
            let line = line(raw, at, vocab)?;
            if let Some(from) = &raw.from {
                side_word(from, &line, at, "from", vocab)?;
            }
            FindingTest::Crosses {
                line: names.intern(&line),
                from: raw.from.as_deref().map(|f| names.intern(f)),
            }
        }
        "in" => {
            let Some(zone) = raw.zone.as_deref() else {
                return Err(format!("`{at}` (`in`) names no `zone`"));
            };
            if !vocab.zone_names().contains(&zone) {
                return Err(format!(
                    "`{at}.zone`: {}",
                    unknown("zone", zone, &vocab.zone_names())
                ));
            }
            FindingTest::In {
                zone: names.intern(zone),
                field: field(raw, at)?,
            }
        }
        "side" => {
            let line = line(raw, at, vocab)?;
            let Some(side) = raw.side.as_deref() else {
                return Err(format!("`{at}` (`side`) names no `side`"));
            };
            side_word(side, &line, at, "side", vocab)?;
            FindingTest::Side {
                line: names.intern(&line),
                side: names.intern(side),
                field: field(raw, at)?,
            }
        }
        "directed_at" => FindingTest::DirectedAt {
            object: object(raw, at, vocab, names)?,
        },
        other => match DiligenceElement::parse(other) {
            Some(element) => FindingTest::Diligence { element },
            None => element(raw, at, vocab, names)?,
        },
    };
    stray_keys(raw, at, word)?;
    Ok(test)
}

/// The line a finding names, declared by the rulebook.
fn line(raw: &RawFinding, at: &str, vocab: &impl Vocab) -> Result<String, String> {
    let Some(line) = raw.line.as_deref() else {
        return Err(format!("`{at}` (`{}`) names no `line`", raw.test));
    };
    if vocab.line_sides(line).is_none() {
        return Err(format!(
            "`{at}.line`: {}",
            unknown("line", line, &vocab.line_names())
        ));
    }
    Ok(line.to_owned())
}

/// A word naming a side of `line`: a party that holds one, or a compass
/// point its course makes clear.
fn side_word(
    word: &str,
    line: &str,
    at: &str,
    key: &str,
    vocab: &impl Vocab,
) -> Result<(), String> {
    let sides = vocab.line_sides(line).unwrap_or_default();
    if sides.is_empty() {
        return Err(format!(
            "`{at}.{key}`: line `{line}` is drawn differently for each party and has no sides of its own; name a drawn line"
        ));
    }
    if sides.contains(&word) {
        return Ok(());
    }
    Err(format!(
        "`{at}.{key}`: `{word}` names no side of line `{line}`; its sides are {}",
        sides.join(", ")
    ))
}

/// `field: place|origin|target`, `place` when left out.
fn field(raw: &RawFinding, at: &str) -> Result<PointField, String> {
    match raw.field.as_deref() {
        None | Some("place") => Ok(PointField::Place),
        Some("origin") => Ok(PointField::Origin),
        Some("target") => Ok(PointField::Target),
        Some(other) => Err(format!(
            "`{at}.field` is `{other}`; a finding is about the `place`, `origin` or `target`"
        )),
    }
}

/// `object: PARTY | own_area | intruder`
fn object(
    raw: &RawFinding,
    at: &str,
    vocab: &impl Vocab,
    names: &mut Interner,
) -> Result<Object, String> {
    let Some(object) = raw.object.as_deref() else {
        return Err(format!(
            "`{at}` (`directed_at`) names no `object`: a party, `own_area` or `intruder`"
        ));
    };
    Ok(match object {
        "own_area" => Object::OwnArea,
        "intruder" => Object::Intruder,
        party if vocab.party(party).is_some() => Object::Party(names.intern(party)),
        other => {
            let mut known = vocab.party_names();
            known.extend(["own_area", "intruder"]);
            return Err(format!(
                "`{at}.object`: {}",
                unknown("object", other, &known)
            ));
        }
    })
}

/// An element the rulebook declares; one about another event needs `of`.
fn element(
    raw: &RawFinding,
    at: &str,
    vocab: &impl Vocab,
    names: &mut Interner,
) -> Result<FindingTest, String> {
    let word = raw.test.as_str();
    let Some(about_other) = vocab.element(word) else {
        let mut known: Vec<&str> = BUILT_IN.to_vec();
        known.extend(vocab.element_names());
        return Err(format!("`{at}.test`: {}", unknown("test", word, &known)));
    };
    match (&raw.of, about_other) {
        (None, true) => Err(format!(
            "`{at}`: element `{word}` is about another event too; name it with `of`"
        )),
        (Some(_), false) => Err(format!(
            "`{at}`: element `{word}` is about this event alone; leave out `of`"
        )),
        (of, _) => {
            // `of` names an event: compared as ids are.
            let of = match of {
                Some(o) => Some(super::ids::id(o.clone(), &format!("{at}.of"))?),
                None => None,
            };
            Ok(FindingTest::Element {
                name: names.intern(word),
                of: of.as_deref().map(|o| names.intern(o)),
            })
        }
    }
}

/// Keys that belong to another kind of test are refused, not ignored.
fn stray_keys(raw: &RawFinding, at: &str, word: &str) -> Result<(), String> {
    let given = [
        ("line", raw.line.is_some()),
        ("zone", raw.zone.is_some()),
        ("side", raw.side.is_some()),
        ("from", raw.from.is_some()),
        ("field", raw.field.is_some()),
        ("object", raw.object.is_some()),
        ("of", raw.of.is_some()),
    ];
    let allowed: &[&str] = match word {
        "crosses" => &["line", "from"],
        "in" => &["zone", "field"],
        "side" => &["line", "side", "field"],
        "directed_at" => &["object"],
        "knowledge" | "means" | "measures" => &[],
        _ => &["of"],
    };
    match given.iter().find(|(k, g)| *g && !allowed.contains(k)) {
        Some((key, _)) => Err(format!(
            "`{at}.{key}` does not belong to a finding of test `{word}`"
        )),
        None => Ok(()),
    }
}
