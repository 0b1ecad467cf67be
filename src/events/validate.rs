//! Raw event → validated event, against the names the rulebooks declare.
//! Every problem of an event is reported, not just the first.

use jiff::Timestamp;

use super::day::{self, DayZone};
use super::findings::finding;
use super::model::{
    Course, Effects, Event, Evidence, Extra, Grade, Grants, Inference, Link, Point, Time,
};
use super::position::{Bearing, Position};
use super::raw::{
    RawEvent, RawEvidence, RawImplied, RawImpliedPosition, RawPoint, RawPosition, RawTime,
};
use super::shared::Lists;
use super::vocabulary::Vocab;
use crate::ast::Relation;
use crate::check::Capacity;
use crate::name::Interner;
use crate::suggest::did_you_mean;

/// A validated event and the acts it implies, each an event of its own.
pub struct Validated {
    pub event: Event,
    pub implied: Vec<Event>,
}

/// Validates one event; on failure, every reason found.
pub fn validate(
    mut raw: RawEvent,
    line: u32,
    vocab: &impl Vocab,
    names: &mut Interner,
    lists: &mut Lists,
) -> Result<Validated, Vec<String>> {
    let mut problems = Vec::new();
    let mut note = |p: String| problems.push(p);
    if raw.id.trim().is_empty() {
        note("the event has an empty `id`".into());
    }
    let id = super::ids::id(std::mem::take(&mut raw.id), "id")
        .map_err(&mut note)
        .ok();
    // An id refused is reported above; the checks that read it read nothing.
    let own_id = id.as_deref().unwrap_or_default();
    let time = time(&raw.time, &vocab.day_zone()).map_err(&mut note).ok();
    let act = vocab.act(&raw.act);
    if act.is_none() {
        note(unknown("act", &raw.act, &vocab.act_names()));
    }
    let (party, unit, capacity) = match raw.actor {
        Some(a) => (a.party, a.unit, a.capacity),
        None => (None, None, None),
    };
    let party = match party.as_deref() {
        None | Some("unknown") => None,
        Some(p) => {
            let found = vocab.party(p);
            if found.is_none() {
                note(unknown("party", p, &vocab.party_names()));
            }
            found
        }
    };
    let capacity = self::capacity(capacity.as_deref(), party.is_some())
        .map_err(&mut note)
        .ok();
    let affected = raw.affected.as_deref().and_then(|id| {
        let found = vocab.party(id);
        if found.is_none() {
            note(format!(
                "`affected`: {}",
                unknown("monitor or force", id, &vocab.party_names())
            ));
        }
        found
    });
    let weapons = super::weapons::weapons(raw.weapon, raw.weapons, names)
        .map_err(|p| p.into_iter().for_each(&mut note))
        .ok()
        .flatten()
        .map(|w| lists.weapons(w));
    let facts = match raw.facts {
        Some(f) => super::facts::facts(f, vocab, names)
            .map_err(|p| p.into_iter().for_each(&mut note))
            .unwrap_or_default(),
        None => Box::default(),
    };
    let place = raw
        .place
        .and_then(|p| position("place", &p, vocab).map_err(&mut note).ok());
    let origin = raw
        .origin
        .and_then(|p| position("origin", &p, vocab).map_err(&mut note).ok());
    let target = raw
        .target
        .and_then(|p| position("target", &p, vocab).map_err(&mut note).ok());
    let track = match &raw.track {
        Some(points) => track(points).map_err(&mut note).ok(),
        None => None,
    };
    let mut evidence_problems = Vec::new();
    let evidence = lists.evidence(evidence(
        raw.evidence,
        "evidence",
        names,
        &mut evidence_problems,
    ));
    evidence_problems.into_iter().for_each(&mut note);
    let (relations, links) = relations(
        own_id,
        [
            (Relation::RespondsTo, raw.responds_to.0),
            (Relation::Corroborates, raw.corroborates.0),
            (Relation::Contradicts, raw.contradicts.0),
            (Relation::PartOf, raw.part_of.0),
            (Relation::AuthorisedBy, raw.authorised_by.0),
            (Relation::PrecededBy, raw.preceded_by.0),
            (Relation::Continues, raw.continues.0),
        ],
        names,
    )
    .map_err(&mut note)
    .unwrap_or_default();
    let findings: Vec<_> = raw
        .findings
        .into_iter()
        .enumerate()
        .filter_map(|(i, f)| {
            finding(f, &format!("findings[{i}]"), vocab, names, false)
                .map_err(&mut note)
                .ok()
        })
        .collect();
    let effects = raw.effects.map(|e| Effects {
        killed: e.killed,
        wounded: e.wounded,
        damage: e.damage.map(Into::into),
    });
    let ends = time.map(|t: Time| t.to);
    let change = raw.change.and_then(|c| {
        super::change::change(c, own_id, ends, vocab, names)
            .map_err(&mut note)
            .ok()
    });
    let has_place = place.is_some() || origin.is_some();
    let grants = raw
        .grants
        .and_then(|g| grants(g, has_place, names).map_err(&mut note).ok());
    let unit = unit.map(|u| names.intern(&u));
    let summary: Option<Box<str>> = raw.summary.map(Into::into);
    let rare = unit.is_some()
        || summary.is_some()
        || effects.is_some()
        || grants.is_some()
        || affected.is_some()
        || !findings.is_empty()
        || !links.is_empty()
        || change.is_some()
        || !facts.is_empty();
    let extra = rare.then(|| {
        Box::new(Extra {
            unit,
            summary,
            effects,
            grants,
            affected,
            findings: findings.into_boxed_slice(),
            links: links.into_boxed_slice(),
            inference: None,
            change,
            facts,
        })
    });
    let event = match (problems.is_empty(), time, act, capacity, id) {
        (true, Some(time), Some(act), Some(capacity), Some(id)) => Event {
            id: id.into(),
            line,
            order: 0,
            time,
            act,
            party,
            capacity,
            weapons,
            place,
            course: Course::of(origin, target, track),
            evidence,
            relations,
            extra,
        },
        _ => return Err(problems),
    };
    if raw.implies.len() > MAX_IMPLIED {
        return Err(vec![format!(
            "`implies` lists {} acts; an event may imply at most {MAX_IMPLIED}: record the others as events of their own",
            raw.implies.len()
        )]);
    }
    let implied = raw
        .implies
        .into_iter()
        .enumerate()
        .map(|(i, r)| implied(r, i, &event, vocab, names))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|p| vec![p])?;
    Ok(Validated { event, implied })
}

/// `official` by default when the party is known; a party's act of unknown
/// capacity is written `capacity: unknown`.
fn capacity(word: Option<&str>, party_known: bool) -> Result<Capacity, String> {
    match word {
        None if party_known => Ok(Capacity::Official),
        None => Ok(Capacity::Unknown),
        Some(w) => Capacity::parse(w).ok_or_else(|| {
            let known = Capacity::ALL.map(Capacity::name);
            format!("`actor.capacity`: {}", unknown("capacity", w, &known))
        }),
    }
}

/// The items of an evidence list; a bad grade is a problem, the item is dropped.
pub(super) fn evidence<List: FromIterator<Evidence>>(
    raw: Vec<RawEvidence>,
    at: &str,
    names: &mut Interner,
    problems: &mut Vec<String>,
) -> List {
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let grade = Grade::parse(&e.grade);
            if grade.is_none() {
                problems.push(format!(
                    "`{at}[{i}].grade` is `{}`; a grade is a reliability A–F and a credibility 1–6, such as `B2`",
                    e.grade
                ));
            }
            let (source, identity) =
                names.intern_derived(&e.source, super::model::source_identity);
            Some(Evidence {
                identity,
                source,
                kind: e.kind,
                grade: grade?,
                about: e.about,
                text: e.text.map(Into::into),
            })
        })
        .collect()
}

/// The most acts one event may imply. Each is judged as an event of its
/// own and carries the event's evidence: without a bound, one record could
/// multiply the work and the report without end.
const MAX_IMPLIED: usize = 16;

/// The `n`th act an event implies, as an event of its own: the same actor,
/// weapon and evidence, linked to the event by `implied_by`.
fn implied(
    raw: RawImplied,
    n: usize,
    parent: &Event,
    vocab: &impl Vocab,
    names: &mut Interner,
) -> Result<Event, String> {
    let at = format!("implies[{n}]");
    let act = vocab.act(&raw.act).ok_or_else(|| {
        format!(
            "`{at}.act`: {}",
            unknown("act", &raw.act, &vocab.act_names())
        )
    })?;
    if raw.because.trim().is_empty() {
        return Err(format!(
            "`{at}.because` is empty: say why the event implies the act"
        ));
    }
    let id: Box<str> = match raw.id {
        Some(id) if id.trim().is_empty() => return Err(format!("`{at}.id` is empty")),
        Some(id) => super::ids::id(id, &format!("{at}.id"))?,
        None => format!("{}/{}", parent.id, n + 1).into(),
    };
    let time = match &raw.time {
        Some(t) => time(t, &vocab.day_zone()).map_err(|e| format!("`{at}.time`: {e}"))?,
        None => parent.time,
    };
    let pick = |field: &str, p: Option<RawImpliedPosition>| -> Result<Option<Position>, String> {
        match p {
            None => Ok(None),
            Some(RawImpliedPosition::Position(p)) => {
                position(&format!("{at}.{field}"), &p, vocab).map(Some)
            }
            Some(RawImpliedPosition::Field(name)) => {
                let found = match name.as_str() {
                    "place" => parent.place.as_ref(),
                    "origin" => parent.origin(),
                    "target" => parent.target(),
                    other => {
                        return Err(format!(
                            "`{at}.{field}` is `{other}`; give a position, or `place`, `origin` or `target` of the event"
                        ));
                    }
                };
                found.cloned().map(Some).ok_or_else(|| {
                    format!("`{at}.{field}` is the event's `{name}`, and the event records none")
                })
            }
        }
    };
    let place = pick("place", raw.place)?;
    let origin = pick("origin", raw.origin)?;
    let target = pick("target", raw.target)?;
    let findings = raw
        .findings
        .into_iter()
        .enumerate()
        .map(|(i, f)| finding(f, &format!("{at}.findings[{i}]"), vocab, names, true))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Event {
        id: id.into(),
        act,
        time,
        place,
        course: Course::of(origin, target, None),
        relations: vec![(Relation::ImpliedBy, parent.id.to_string().into_boxed_str())].into(),
        extra: Some(Box::new(Extra {
            // The act is its actor's, of the same unit; the summary, the
            // effects, what an authorisation covers and the force
            // affected are the event's.
            unit: parent.unit().cloned(),
            summary: None,
            effects: None,
            grants: None,
            affected: None,
            findings: findings.into_boxed_slice(),
            links: Box::default(),
            change: None,
            inference: Some(Inference {
                parent: parent.id.clone(),
                because: raw.because.into(),
            }),
            // The act is its actor's: what the event records of them holds.
            facts: parent.facts().into(),
        })),
        ..parent.clone()
    })
}

pub(super) fn unknown(what: &str, name: &str, known: &[&str]) -> String {
    match did_you_mean(name, known) {
        Some(best) => format!("unknown {what} `{name}`; did you mean `{best}`?"),
        None => format!(
            "unknown {what} `{name}`; the rulebook declares {}",
            known.join(", ")
        ),
    }
}

/// An authorisation's scope, its validity in order.
fn grants(
    g: super::raw::RawGrants,
    has_place: bool,
    names: &mut Interner,
) -> Result<Grants, String> {
    let limits = [
        g.units.is_some(),
        g.weapons.is_some(),
        g.radius_m.is_some(),
        g.valid_from.is_some(),
        g.valid_until.is_some(),
    ];
    if !limits.contains(&true) {
        return Err("`grants` limits nothing; give at least one of `units`, `weapons`, `radius_m`, `valid_from`, `valid_until`".into());
    }
    if g.radius_m.is_some_and(|r| !(r.is_finite() && r > 0.0)) {
        return Err("`grants.radius_m` must be a positive number of metres".into());
    }
    if g.radius_m.is_some() && !has_place {
        return Err(
            "`grants.radius_m` is measured from the authorisation's `place`, and it has none"
                .into(),
        );
    }
    let at = |t: Option<String>| t.map(|t| instant(&t)).transpose();
    let (valid_from, valid_until) = (at(g.valid_from)?, at(g.valid_until)?);
    if let (Some(f), Some(u)) = (valid_from, valid_until)
        && u.0 <= f.0
    {
        return Err("`grants.valid_until` is not after `grants.valid_from`".into());
    }
    let intern = |list: Option<Vec<String>>, names: &mut Interner| {
        list.map(|l| l.iter().map(|n| names.intern(n)).collect())
    };
    Ok(Grants {
        units: intern(g.units, names),
        weapons: intern(g.weapons, names),
        radius_m: g.radius_m,
        valid_from,
        valid_until,
    })
}

/// An instant, a day, or a window between two of them (a day as an end
/// stands for its first instant at the start, its last at the end).
fn time(raw: &RawTime, zone: &DayZone<'_>) -> Result<Time, String> {
    match raw {
        RawTime::At(at) => instant_or_day(at, zone),
        RawTime::Window { from, to } => {
            let (start, end) = (day::parse(from, zone), day::parse(to, zone));
            let (from, offset) = match &start {
                Some(d) => d.clone().map(|d| (d.first, d.offset))?,
                None => instant(from)?,
            };
            let to = match &end {
                Some(d) => d.clone()?.last,
                None => instant(to)?.0,
            };
            if to < from {
                return Err("the time window ends before it starts".into());
            }
            // Whole days from one to another are shown as days.
            let days = match (start, end) {
                (Some(Ok(a)), Some(Ok(b))) => {
                    u16::try_from(a.date.until(b.date).map_or(0, |s| s.get_days()) + 1).unwrap_or(0)
                }
                _ => 0,
            };
            Ok(Time {
                from,
                to,
                offset,
                days,
            })
        }
    }
}

/// An instant, or a day as every instant of it.
pub(super) fn instant_or_day(text: &str, zone: &DayZone<'_>) -> Result<Time, String> {
    if let Some(day) = day::parse(text, zone) {
        let d = day?;
        return Ok(Time {
            from: d.first,
            to: d.last,
            offset: d.offset,
            days: 1,
        });
    }
    let (at, offset) = instant(text)?;
    Ok(Time {
        from: at,
        to: at,
        offset,
        days: 0,
    })
}

/// An RFC 3339 time; the offset is required, so no time is ever guessed.
fn instant(text: &str) -> Result<(Timestamp, i32), String> {
    let refuse = || {
        format!(
            "`{text}` is not an RFC 3339 time with a UTC offset, such as `2015-08-20T15:52:00+09:00`, nor a day, such as `2015-08-20`"
        )
    };
    // The parser accepts more than RFC 3339 (`+0900`, `+09`, `+25:00`,
    // offsets with seconds, the basic format); a time it would read
    // differently from how it is written is refused.
    if !rfc3339(text) {
        return Err(refuse());
    }
    let at: Timestamp = text.parse().map_err(|_| refuse())?;
    Ok((at, offset_seconds(text)))
}

/// Whether `text` has RFC 3339's shape: `YYYY-MM-DDTHH:MM:SS[.frac]`, then
/// `Z` or `±HH:MM` with hours to 23 and minutes to 59, and optionally a
/// zone name in brackets (RFC 9557).
fn rfc3339(text: &str) -> bool {
    let text = match text.find('[') {
        Some(at) if text.ends_with(']') => &text[..at],
        Some(_) => return false,
        None => text,
    };
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(digits(0..4)
        && at(4, b"-")
        && digits(5..7)
        && at(7, b"-")
        && digits(8..10)
        && at(10, b"Tt ")
        && digits(11..13)
        && at(13, b":")
        && digits(14..16)
        && at(16, b":")
        && digits(17..19))
    {
        return false;
    }
    let mut i = 19;
    if at(i, b".") {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match &b[i..] {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let hh = [*h1, *h2];
            let mm = [*m1, *m2];
            let two = |d: [u8; 2]| {
                d.iter()
                    .all(u8::is_ascii_digit)
                    .then(|| (d[0] - b'0') * 10 + (d[1] - b'0'))
            };
            matches!((two(hh), two(mm)), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// The offset as written: `Z`, `+09:00` or `-05:30`.
fn offset_seconds(text: &str) -> i32 {
    // `…-05:00[America/Port-au-Prince]`: the zone name is not the offset.
    let text = text.split('[').next().unwrap_or(text);
    let Some(t) = text.find(['T', 't', ' ']) else {
        return 0;
    };
    let tail = &text[t..];
    let Some(sign_at) = tail.rfind(['+', '-']) else {
        return 0;
    };
    let sign = if tail.as_bytes()[sign_at] == b'-' {
        -1
    } else {
        1
    };
    let digits: String = tail[sign_at + 1..]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let hours: i32 = digits.get(0..2).and_then(|h| h.parse().ok()).unwrap_or(0);
    let minutes: i32 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
    sign * (hours * 3600 + minutes * 60)
}

fn point(field: &str, p: &RawPoint) -> Result<Point, String> {
    if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
        return Err(format!(
            "`{field}` ({}, {}) is not a latitude (-90 to 90) and longitude (-180 to 180)",
            p.lat, p.lon
        ));
    }
    let accuracy = p.accuracy_m.unwrap_or(0.0);
    if !(accuracy.is_finite() && accuracy >= 0.0) {
        return Err(format!(
            "`{field}.accuracy_m` must be a distance in metres, 0 or more"
        ));
    }
    Ok(Point {
        lat: p.lat,
        lon: p.lon,
        accuracy,
    })
}

/// A fix, a bearing from an observer, or an area; one of them.
fn position(field: &str, p: &RawPosition, vocab: &impl Vocab) -> Result<Position, String> {
    if super::area::is_area(p) {
        return super::area::area(field, p, vocab);
    }
    let bearing_fields = p.bearing_deg.is_some()
        || p.bearing_spread_deg.is_some()
        || p.min_range_m.is_some()
        || p.max_range_m.is_some();
    match (p.lat, p.lon, &p.observer) {
        (Some(lat), Some(lon), None) if !bearing_fields => point(
            field,
            &RawPoint {
                lat,
                lon,
                accuracy_m: p.accuracy_m,
            },
        )
        .map(Position::Fix),
        (None, None, Some(observer)) if p.accuracy_m.is_none() => bearing(field, observer, p),
        (_, _, Some(_)) => Err(format!(
            "`{field}` gives both a position and an observer; give `lat` and `lon`, or an `observer` with a `bearing_deg`"
        )),
        (None, None, None) if bearing_fields => Err(format!(
            "`{field}` gives a bearing but no `observer` to take it from"
        )),
        _ if bearing_fields => Err(format!(
            "`{field}.bearing_deg` needs an `observer`; `lat` and `lon` give a fix"
        )),
        _ => Err(format!("`{field}` needs both `lat` and `lon`")),
    }
}

fn bearing(field: &str, observer: &RawPoint, p: &RawPosition) -> Result<Position, String> {
    let observer = point(&format!("{field}.observer"), observer)?;
    let degrees = p
        .bearing_deg
        .ok_or_else(|| format!("`{field}` gives an `observer` but no `bearing_deg`"))?;
    if !(degrees.is_finite() && (0.0..360.0).contains(&degrees)) {
        return Err(format!(
            "`{field}.bearing_deg` must be degrees clockwise from north, 0 to less than 360"
        ));
    }
    let spread = p.bearing_spread_deg.unwrap_or(0.0);
    if !(spread.is_finite() && (0.0..90.0).contains(&spread)) {
        return Err(format!(
            "`{field}.bearing_spread_deg` must be 0 or more and under 90 degrees"
        ));
    }
    let min_m = p.min_range_m.unwrap_or(0.0);
    let max_m = p.max_range_m.unwrap_or(crate::events::DEFAULT_MAX_RANGE_M);
    if !(min_m.is_finite() && max_m.is_finite() && 0.0 <= min_m && min_m < max_m && max_m <= 1e6) {
        return Err(format!(
            "`{field}`: the range must satisfy 0 ≤ `min_range_m` < `max_range_m` ≤ 1000 km"
        ));
    }
    Ok(Position::Bearing(Box::new(Bearing {
        observer,
        degrees,
        spread,
        min_m,
        max_m,
    })))
}

/// `track: [{lat, lon}, ...]`: the points a movement passed, in order.
fn track(raw: &[RawPoint]) -> Result<Box<[Point]>, String> {
    if raw.len() < 2 {
        return Err("`track` needs at least two points".into());
    }
    let points = raw
        .iter()
        .enumerate()
        .map(|(i, p)| point(&format!("track[{i}]"), p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(points.into_boxed_slice())
}

type Relations = Box<[(Relation, Box<str>)]>;

/// The relations, and what those recorded with their own evidence rest on.
fn relations(
    id: &str,
    lists: [(Relation, Vec<super::raw::RawLink>); Relation::ALL.len() - 1],
    names: &mut Interner,
) -> Result<(Relations, Vec<(u16, Link)>), String> {
    let mut out = Vec::new();
    let mut links = Vec::new();
    let mut problems = Vec::new();
    for (relation, ids) in lists {
        for (k, link) in ids.into_iter().enumerate() {
            let at = format!("{}[{k}]", relation.name());
            let target = super::ids::id(link.event, &at)?;
            if *target == *id {
                return Err(format!("`{}` refers to the event itself", relation.name()));
            }
            if link.by.is_some() || !link.evidence.is_empty() {
                let at = format!("{}[{k}].evidence", relation.name());
                let evidence = evidence(link.evidence, &at, names, &mut problems);
                let n = u16::try_from(out.len()).map_err(|_| "too many relations".to_owned())?;
                let by = link.by.as_deref().map(|b| names.intern(b));
                links.push((n, Link { by, evidence }));
            }
            out.push((relation, target));
        }
    }
    match problems.into_iter().next() {
        Some(p) => Err(p),
        None => Ok((out.into_boxed_slice(), links)),
    }
}

#[cfg(test)]
mod tests {
    use super::{instant, offset_seconds, rfc3339};

    /// Only RFC 3339's shape is read: offsets past 23:59, with seconds, or
    /// without their colon, and the basic format, are refused rather than
    /// read as some other time.
    #[test]
    fn times_are_read_only_in_rfc_3339s_shape() {
        for ok in [
            "2016-01-01T00:00:00Z",
            "2016-01-01T00:00:00+09:00",
            "2016-01-01t00:00:00.250-05:30",
            "2016-01-01 00:00:00+23:59",
            "2016-01-01T00:00:00-05:00[America/Port-au-Prince]",
        ] {
            assert!(rfc3339(ok), "{ok}");
            assert!(instant(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2016-01-01T00:00:00+25:00",
            "2016-01-01T00:00:00+24:00",
            "2016-01-01T00:00:00+09:60",
            "2016-01-01T00:00:00+25:59:59",
            "2016-01-01T00:00:00+09:00:30",
            "2016-01-01T00:00:00+0900",
            "2016-01-01T00:00:00+09",
            "20160101T000000Z",
            "2016-01-01T00:00:00.Z",
            "2016-01-01T00:00:00+09:00[Asia/Seoul",
            "2016-01-01T00:00",
        ] {
            assert!(!rfc3339(bad), "{bad}");
            assert!(instant(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn offsets_are_read_as_written() {
        assert_eq!(offset_seconds("2015-08-20T15:52:00+09:00"), 9 * 3600);
        assert_eq!(offset_seconds("2015-08-20T15:52:00Z"), 0);
        assert_eq!(
            offset_seconds("2015-08-20T15:52:00-05:30"),
            -(5 * 3600 + 1800)
        );
    }
}
