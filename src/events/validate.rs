//! Raw event → validated event, against the names the rulebooks declare.
//! Every problem of an event is reported, not just the first.

use jiff::Timestamp;

use super::model::{Effects, Event, Evidence, Grade, Grants, Point, Time, Weapon};
use super::position::{Bearing, Position};
use super::raw::{RawEvent, RawPoint, RawPosition, RawTime};
use super::vocabulary::Vocab;
use crate::check::{Relation, did_you_mean};
use crate::name::Interner;

/// Validates one event; on failure, every reason found.
pub fn validate(
    raw: RawEvent,
    line: u32,
    vocab: &impl Vocab,
    names: &mut Interner,
) -> Result<Event, Vec<String>> {
    let mut problems = Vec::new();
    let mut note = |p: String| problems.push(p);
    if raw.id.trim().is_empty() {
        note("the event has an empty `id`".into());
    }
    let time = time(&raw.time).map_err(&mut note).ok();
    let act = vocab.act(&raw.act);
    if act.is_none() {
        note(unknown("act", &raw.act, &vocab.act_names()));
    }
    let (party, unit) = match raw.actor {
        Some(a) => (a.party, a.unit),
        None => (None, None),
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
    let weapon = raw.weapon.map(|w| {
        if w.calibre_mm.is_some_and(|c| !(c.is_finite() && c > 0.0)) {
            note("`weapon.calibre_mm` must be a positive number of millimetres".into());
        }
        Box::new(Weapon {
            kind: w.kind.map(|k| names.intern(&k)),
            calibre_mm: w.calibre_mm,
            rounds: w.rounds,
        })
    });
    let place = raw
        .place
        .and_then(|p| position("place", &p).map_err(&mut note).ok());
    let origin = raw
        .origin
        .and_then(|p| position("origin", &p).map_err(&mut note).ok());
    let target = raw
        .target
        .and_then(|p| position("target", &p).map_err(&mut note).ok());
    let track = match &raw.track {
        Some(points) => track(points).map_err(&mut note).ok(),
        None => None,
    };
    let evidence = raw
        .evidence
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let grade = Grade::parse(&e.grade);
            if grade.is_none() {
                note(format!(
                    "`evidence[{i}].grade` is `{}`; a grade is a reliability A–F and a credibility 1–6, such as `B2`",
                    e.grade
                ));
            }
            Some(Evidence {
                source: names.intern(&e.source),
                kind: e.kind,
                grade: grade?,
                about: e.about,
                text: e.text.map(Into::into),
            })
        })
        .collect();
    let relations = relations(
        &raw.id,
        [
            (Relation::RespondsTo, raw.responds_to.0),
            (Relation::Corroborates, raw.corroborates.0),
            (Relation::Contradicts, raw.contradicts.0),
            (Relation::PartOf, raw.part_of.0),
            (Relation::AuthorisedBy, raw.authorised_by.0),
            (Relation::PrecededBy, raw.preceded_by.0),
            (Relation::Continues, raw.continues.0),
        ],
    )
    .map_err(&mut note)
    .unwrap_or_default();
    let effects = raw.effects.map(|e| {
        Box::new(Effects {
            killed: e.killed,
            wounded: e.wounded,
            damage: e.damage.map(Into::into),
        })
    });
    let has_place = place.is_some() || origin.is_some();
    let grants = raw
        .grants
        .and_then(|g| grants(g, has_place, names).map_err(&mut note).ok());
    match (problems.is_empty(), time, act) {
        (true, Some(time), Some(act)) => Ok(Event {
            id: raw.id.into(),
            line,
            order: 0,
            time,
            act,
            party,
            unit: unit.map(|u| names.intern(&u)),
            weapon,
            place,
            origin,
            target,
            track,
            effects,
            evidence,
            relations,
            grants,
            summary: raw.summary.map(Into::into),
        }),
        _ => Err(problems),
    }
}

fn unknown(what: &str, name: &str, known: &[&str]) -> String {
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
) -> Result<Box<Grants>, String> {
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
    Ok(Box::new(Grants {
        units: intern(g.units, names),
        weapons: intern(g.weapons, names),
        radius_m: g.radius_m,
        valid_from,
        valid_until,
    }))
}

fn time(raw: &RawTime) -> Result<Time, String> {
    match raw {
        RawTime::At(at) => {
            let (at, offset) = instant(at)?;
            Ok(Time {
                from: at,
                to: at,
                offset,
            })
        }
        RawTime::Window { from, to } => {
            let (from, offset) = instant(from)?;
            let (to, _) = instant(to)?;
            if to < from {
                return Err("the time window ends before it starts".into());
            }
            Ok(Time { from, to, offset })
        }
    }
}

/// An RFC 3339 time; the offset is required, so no time is ever guessed.
fn instant(text: &str) -> Result<(Timestamp, i32), String> {
    let at: Timestamp = text.parse().map_err(|_| {
        format!("`{text}` is not an RFC 3339 time with a UTC offset, such as `2015-08-20T15:52:00+09:00`")
    })?;
    Ok((at, offset_seconds(text)))
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

/// A fix, or a bearing from an observer; never both, never neither.
fn position(field: &str, p: &RawPosition) -> Result<Position, String> {
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

fn relations(
    id: &str,
    lists: [(Relation, Vec<String>); Relation::ALL.len()],
) -> Result<Relations, String> {
    let mut out = Vec::new();
    for (relation, ids) in lists {
        for other in ids {
            if other == id {
                return Err(format!("`{}` refers to the event itself", relation.name()));
            }
            out.push((relation, other.into_boxed_str()));
        }
    }
    Ok(out.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::offset_seconds;

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
