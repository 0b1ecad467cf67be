//! The words for what a test computed ([`Computed`]): `86 m from line
//! `mdl` on the UNC side; zone `dmz` reaches 2.0 km`. Numbers are
//! formatted here, once, as every report shows them.

use crate::eval::{
    BandLimit, BoundSince, Computed, MeasuredFrom, Names, Note, PartyStatus, Truth, Whose,
    duration, km, span_words,
};

/// A fact's value in words: what was found of a pattern reads as a
/// phrase (`counted in pattern `barrage``), related events left out as
/// `… (3 more)`; any other value as read.
pub fn value(f: &crate::eval::Fact) -> std::borrow::Cow<'_, str> {
    match value_words(f) {
        Some(words) => words.into(),
        None => f.value.written(),
    }
}

/// A fact's value in words when they differ from the value as read.
pub fn value_words(f: &crate::eval::Fact) -> Option<String> {
    let name = &f.value;
    if let Some(words) = f.note.as_ref().and_then(value_note) {
        return Some(words);
    }
    match f.computed.as_deref() {
        Some(Computed::Counted { .. }) => Some(format!("counted in pattern `{name}`")),
        Some(Computed::PatternsNotFound) => {
            Some(format!("pattern `{name}` was not found for these events"))
        }
        Some(Computed::MayBeCounted { .. }) => Some(format!("may be counted in pattern `{name}`")),
        Some(Computed::NotCounted { .. }) => Some(format!("not counted in pattern `{name}`")),
        _ => None,
    }
}

/// The value a note stands for (related events left out, a validity, an
/// empty list),
/// if it stands for one: see [`super::worded_as_value`].
pub(super) fn value_note(n: &Note) -> Option<String> {
    let open = |t: &Option<crate::name::Name>| t.as_deref().unwrap_or("open").to_owned();
    match n {
        Note::Omitted { count } => Some(format!("… ({count} more)")),
        Note::NoneListed => Some("none".to_owned()),
        Note::Validity { from, until } => Some(format!("{} to {}", open(from), open(until))),
        _ => None,
    }
}

/// What a test computed, in words.
pub fn computed(c: &Computed) -> String {
    match c {
        Computed::Parts { parts } => joined(parts),
        Computed::Band {
            distance_m,
            line,
            whose,
            side,
            accuracy_m,
            limit,
        } => format!(
            "{} from line `{line}`{} {}{}; {}",
            km(*distance_m),
            whose_words(whose),
            side_phrase(side),
            accuracy(*accuracy_m),
            reaches(limit)
        ),
        Computed::Around {
            distance_m,
            lon,
            lat,
            accuracy_m,
            limit,
        } => format!(
            "{} from ({lon}, {lat}){}; {}",
            km(*distance_m),
            accuracy(*accuracy_m),
            reaches(limit)
        ),
        Computed::Polygon {
            inside,
            zone,
            whole,
            edge_m,
            accuracy_m,
        } => {
            let side = if *inside { "inside" } else { "outside" };
            let shape = if *whole {
                format!("zone `{zone}`")
            } else {
                format!("the polygon of zone `{zone}`")
            };
            format!(
                "{side} {shape}, {} from its edge{}",
                km(*edge_m),
                accuracy(*accuracy_m)
            )
        }
        Computed::Whoever { readings } => format!("whoever the actor: {}", joined(readings)),
        Computed::Side {
            side,
            line,
            whose,
            distance_m,
            accuracy_m,
        } => format!(
            "{} of line `{line}`{}, {} from it{}",
            side_phrase(side),
            whose_words(whose),
            km(*distance_m),
            accuracy(*accuracy_m)
        ),
        Computed::Distance {
            distance_m,
            from,
            spread_m,
            limit_m,
            reach_of,
        } => {
            let reach = reach_of
                .as_ref()
                .map_or(String::new(), |k| format!(" (the reach of `{k}`)"));
            format!(
                "{} from {}{}; limit {}{reach}",
                km(*distance_m),
                reference(from),
                accuracy(*spread_m),
                km(*limit_m)
            )
        }
        Computed::Bearing {
            min_m,
            max_m,
            held,
            readings,
        } => {
            let along = format!(
                "along the bearing, {} to {} from the observer",
                km(*min_m),
                km(*max_m)
            );
            match (held, readings.first()) {
                (Some(t), Some(first)) => format!(
                    "{along}, {} all along; nearest the observer: {}",
                    word(*t),
                    computed(&first.computed)
                ),
                _ => {
                    let parts: Vec<String> = readings
                        .iter()
                        .map(|r| format!("{}: {}", word(r.truth), computed(&r.computed)))
                        .collect();
                    format!("{along}, {}", parts.join("; "))
                }
            }
        }
        Computed::AgainstEvery { nearest } => format!(
            "against every part of the other position; nearest part: {}",
            computed(nearest)
        ),
        Computed::Crosses {
            path,
            result,
            line,
            whose,
            from,
        } => {
            let verb = match result {
                Truth::True => "crosses",
                Truth::False => "does not cross",
                Truth::Unknown => "may cross",
            };
            let from = from
                .as_ref()
                .map_or(String::new(), |s| format!(" from the {s} side"));
            format!("{path} {verb} line `{line}`{}{from}", whose_words(whose))
        }
        Computed::CrossesEvery { line, whose } => format!(
            "tested between every part of both ends, against line `{line}`{}",
            whose_words(whose)
        ),
        Computed::Bound { written } => format!("bound {written}"),
        Computed::Gap {
            least_s,
            most_s,
            after,
            other,
            limit_s,
        } => format!(
            "{} {} {other}; limit {}",
            span_words(*least_s, *most_s),
            if *after { "after" } else { "before" },
            duration(*limit_s)
        ),
        Computed::RegimeBegan { regime, written } => {
            format!("regime `{regime}` began {written}")
        }
        Computed::Statuses { parties } => {
            let each: Vec<String> = parties.iter().map(party_status).collect();
            each.join("; ")
        }
        Computed::Unreadable { outside } => {
            format!(
                "{}, so it cannot be read",
                super::unknown::unreadable(*outside)
            )
        }
        Computed::NoParty => "not established as any party's act".to_owned(),
        Computed::Counted {
            count,
            window,
            before,
            events,
        } => format!("{count} within {window} before {before}: {}", names(events)),
        Computed::PatternsNotFound => "call `truce::eval::find_patterns` before judging".to_owned(),
        Computed::MayBeCounted { events } => format!(
            "with {}, whose times or conditions are uncertain",
            names(events)
        ),
        Computed::NotCounted { before } => format!("among the events before {before}"),
        Computed::Covered {
            name,
            covered: true,
        } => format!("`{name}` is covered"),
        Computed::Covered {
            name,
            covered: false,
        } => format!("`{name}` is not covered"),
        Computed::NoneCovered { what } => format!("no {what} is covered"),
        Computed::RecordsNo { event, what } => format!("{event} records no {what}"),
        Computed::UntypedWeapon { event } => format!("{event} records a weapon of no type"),
        Computed::AllCovered { weapons } => {
            let kinds: Vec<String> = weapons.iter().map(|k| format!("`{k}`")).collect();
            let verb = if kinds.len() == 1 { "is" } else { "are" };
            format!("{} {verb} covered", kinds.join(", "))
        }
        Computed::Unknown { why } => super::doubt(why),
        Computed::Radius {
            nearest_m,
            radius_m,
        } => format!(
            "{} from the authorised place; radius {}",
            km(*nearest_m),
            km(*radius_m)
        ),
        Computed::ActTime { written } => format!("act {written}"),
    }
}

/// `E-1, E-2 and 3 more`.
fn names(n: &Names) -> String {
    let named: Vec<&str> = n.named.iter().map(|e| &**e).collect();
    match n.more {
        0 => named.join(", "),
        more => format!("{} and {more} more", named.join(", ")),
    }
}

/// `in force for RU since …`, `suspended for UA since …`, or both ways
/// where it is open.
fn party_status(s: &PartyStatus) -> String {
    match s {
        PartyStatus::Bound { bound } => bound_since(bound),
        PartyStatus::NotYet { party } => format!("not yet in force for {party}"),
        PartyStatus::Suspended { change } => super::suspension(change),
        PartyStatus::Maybe { bound, change } => {
            format!("{}, or {}", bound_since(bound), super::suspension(change))
        }
        PartyStatus::MaybeNotYet { bound } => format!(
            "not yet in force for {}, or {}",
            bound.party,
            bound_since(bound)
        ),
    }
}

fn bound_since(b: &BoundSince) -> String {
    let how = match (&b.regime, &b.resumed_by) {
        (Some(name), _) => format!(" (regime `{name}`)"),
        (None, Some(e)) => format!(" (resumed, declared by {e})"),
        (None, None) => String::new(),
    };
    let denied = b.denied.as_ref().map_or(String::new(), |d| {
        let what = if d.repudiation {
            "repudiation"
        } else {
            "suspension"
        };
        format!(
            " (its {what} of {} has no effect: doctrine `{}` is `{}`)",
            d.since, d.doctrine, d.setting
        )
    });
    format!("in force for {} since {}{how}{denied}", b.party, b.since)
}

fn joined(parts: &[Computed]) -> String {
    let words: Vec<String> = parts.iter().map(computed).collect();
    words.join("; ")
}

/// ` (UA's reference line under `contact`)`, or nothing.
fn whose_words(whose: &Option<Whose>) -> String {
    whose.as_ref().map_or(String::new(), |w| {
        format!(" ({}'s reference line under `{}`)", w.party, w.under)
    })
}

/// `on the KPA side`, or `beyond its end` for a point on neither side.
fn side_phrase(side: &Option<crate::name::Name>) -> String {
    match side {
        Some(s) => format!("on the {s} side"),
        None => "beyond its end".to_owned(),
    }
}

/// ` (± 1.2 km)`, or nothing for an exact position.
fn accuracy(metres: f64) -> String {
    if metres > 0.0 {
        format!(" (± {})", km(metres))
    } else {
        String::new()
    }
}

/// `zone `dmz` reaches 2.0 km`, or for a part of a combined zone `limit
/// 15.0 km (in zone `x`)`.
fn reaches(l: &BandLimit) -> String {
    let side = l
        .side
        .as_ref()
        .map_or(String::new(), |s| format!(" on the {s} side"));
    if l.whole {
        format!("zone `{}` reaches {}{side}", l.zone, km(l.metres))
    } else {
        format!("limit {}{side} (in zone `{}`)", km(l.metres), l.zone)
    }
}

fn reference(r: &MeasuredFrom) -> String {
    match r {
        MeasuredFrom::Line { line, whose } => format!("line `{line}`{}", whose_words(whose)),
        MeasuredFrom::Point { field, event } => format!("the {field} of {event}"),
        MeasuredFrom::Coordinate { lon, lat } => format!("({lon}, {lat})"),
    }
}

fn word(t: Truth) -> &'static str {
    match t {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Unknown => "undecided",
    }
}
