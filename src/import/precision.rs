//! The source's precision, as truce reads it: a location precision code
//! becomes a position's accuracy radius (or no position), a time precision
//! code a window of whole days around the date given, and a local time a
//! single instant in the agreement's zone (or both readings of it, where
//! the clocks went back).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{Timestamp, ToSpan};
use serde::Deserialize;

use super::err::RowProblem;

/// What a location precision code says of the coordinates: written
/// `{accuracy_m: 2000}`, `omit` or `reject`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Accuracy {
    /// The event lies within this many metres of the coordinates.
    AccuracyM(f64),
    /// The coordinates say too little to use: the event has no position,
    /// so tests that need one are unknown.
    Omit,
    /// Rows with this code are rejected.
    Reject,
}

/// What a time precision code says of the date: written `day`,
/// `{days_around: 3}`, `month`, `year` or `reject`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The day given.
    Day,
    /// This many whole days either side of the date given (a source that
    /// codes the middle of the week it knows).
    DaysAround(u16),
    /// The calendar month of the date given.
    Month,
    /// The calendar year of the date given.
    Year,
    /// Rows with this code are rejected.
    Reject,
}

/// A word (`omit`, `day`) or a map of one key to a number
/// (`{accuracy_m: 2000}`), as YAML writes a choice without tags.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Choice {
    Word(String),
    Number(std::collections::BTreeMap<String, f64>),
}

impl Choice {
    /// The word, or the key and its number.
    fn read<E: serde::de::Error>(self, expected: &'static str) -> Result<(String, Option<f64>), E> {
        match self {
            Choice::Word(w) => Ok((w, None)),
            Choice::Number(map) if map.len() == 1 => {
                let (k, v) = map.into_iter().next().expect("one entry");
                Ok((k, Some(v)))
            }
            Choice::Number(_) => Err(E::custom(format!("expected {expected}"))),
        }
    }
}

impl<'de> Deserialize<'de> for Accuracy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const EXPECTED: &str = "`{accuracy_m: METRES}`, `omit` or `reject`";
        match Choice::deserialize(d)?.read(EXPECTED)? {
            (k, Some(m)) if k == "accuracy_m" => Ok(Accuracy::AccuracyM(m)),
            (w, None) if w == "omit" => Ok(Accuracy::Omit),
            (w, None) if w == "reject" => Ok(Accuracy::Reject),
            (other, _) => Err(serde::de::Error::custom(format!(
                "`{other}`: expected {EXPECTED}"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const EXPECTED: &str = "`day`, `{days_around: DAYS}`, `month`, `year` or `reject`";
        let days = |n: f64| {
            (n.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(&n)).then_some(n as u16)
        };
        match Choice::deserialize(d)?.read(EXPECTED)? {
            (k, Some(n)) if k == "days_around" => days(n).map(Span::DaysAround).ok_or_else(|| {
                serde::de::Error::custom("`days_around` is a whole number of days, 0 or more")
            }),
            (w, None) if w == "day" => Ok(Span::Day),
            (w, None) if w == "month" => Ok(Span::Month),
            (w, None) if w == "year" => Ok(Span::Year),
            (w, None) if w == "reject" => Ok(Span::Reject),
            (other, _) => Err(serde::de::Error::custom(format!(
                "`{other}`: expected {EXPECTED}"
            ))),
        }
    }
}

/// The most days a `days_around` may reach either side.
pub const MAX_DAYS_AROUND: u16 = 366;

/// When a row's event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Every instant of the days from `first` to `last` (one day when they
    /// are equal), in the mapping's zone or, without one, the agreement's.
    Days { first: Date, last: Date },
    /// One instant, shown at its offset.
    At(Timestamp, Offset),
    /// Either of two instants: a local time the clocks showed twice.
    Either {
        earlier: (Timestamp, Offset),
        later: (Timestamp, Offset),
    },
}

/// The days a date stands for under a time precision.
pub fn days(date: Date, span: Span) -> Result<When, RowProblem> {
    let out_of_range = || RowProblem::OutOfRange {
        value: date.to_string(),
    };
    let (first, last) = match span {
        Span::Day => (date, date),
        Span::DaysAround(n) => {
            let n = i64::from(n);
            let first = date.checked_sub(n.days()).map_err(|_| out_of_range())?;
            let last = date.checked_add(n.days()).map_err(|_| out_of_range())?;
            (first, last)
        }
        Span::Month => (date.first_of_month(), date.last_of_month()),
        Span::Year => (date.first_of_year(), date.last_of_year()),
        // The caller rejects the row before asking.
        Span::Reject => (date, date),
    };
    Ok(When::Days { first, last })
}

/// Whole days from one date to another.
pub fn between(start: Date, end: Date) -> Result<When, RowProblem> {
    if end < start {
        return Err(RowProblem::EndsBeforeStart {
            start: start.to_string(),
            end: end.to_string(),
        });
    }
    Ok(When::Days {
        first: start,
        last: end,
    })
}

/// A date and a time of day (`14:30`, `14:30:00`, optionally followed by
/// `Z` or an offset `+02:00`) as an instant: at the offset written, or else
/// in `zone`. A local time the zone skipped is refused; one it showed twice
/// is either instant.
pub fn local(date: Date, text: &str, zone: Option<&TimeZone>) -> Result<When, RowProblem> {
    let bad = || RowProblem::BadTime {
        value: text.to_owned(),
    };
    let (clock, offset) = split_offset(text).ok_or_else(bad)?;
    let time: Time = clock.parse().map_err(|_| bad())?;
    let at = DateTime::from_parts(date, time);
    let out_of_range = || RowProblem::OutOfRange {
        value: text.to_owned(),
    };
    let instant = |o: Offset| {
        o.to_timestamp(at)
            .map(|t| (t, o))
            .map_err(|_| out_of_range())
    };
    if let Some(o) = offset {
        let (t, o) = instant(o)?;
        return Ok(When::At(t, o));
    }
    let Some(tz) = zone else {
        return Err(RowProblem::NoZone {
            value: text.to_owned(),
        });
    };
    match tz.to_ambiguous_timestamp(at).offset() {
        AmbiguousOffset::Unambiguous { offset } => {
            let (t, o) = instant(offset)?;
            Ok(When::At(t, o))
        }
        AmbiguousOffset::Gap { .. } => Err(RowProblem::SkippedTime {
            value: format!("{date} {clock}"),
            zone: tz.iana_name().unwrap_or("UTC").to_owned(),
        }),
        AmbiguousOffset::Fold { before, after } => Ok(When::Either {
            earlier: instant(before)?,
            later: instant(after)?,
        }),
    }
}

/// `14:30+02:00` → (`14:30`, +02:00); `14:30Z` → UTC; `14:30` → no offset.
/// `None` when what follows the clock is not an offset.
fn split_offset(text: &str) -> Option<(&str, Option<Offset>)> {
    if let Some(clock) = text.strip_suffix(['Z', 'z']) {
        return Some((clock, Some(Offset::UTC)));
    }
    let Some(at) = text.find(['+', '-']) else {
        return Some((text, None));
    };
    let (clock, offset) = text.split_at(at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let (hours, minutes) = offset[1..].split_once(':')?;
    let two = |s: &str| (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then_some(());
    two(hours)?;
    two(minutes)?;
    let (h, m): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    let o = Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()?;
    Some((clock, Some(o)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn seoul() -> TimeZone {
        TimeZone::get("Asia/Seoul").unwrap()
    }

    fn days_of(w: When) -> (Date, Date) {
        match w {
            When::Days { first, last } => (first, last),
            other => panic!("not days: {other:?}"),
        }
    }

    #[test]
    fn time_precision_widens_the_date_to_whole_days() {
        let d = date(2024, 2, 14);
        assert_eq!(days_of(days(d, Span::Day).unwrap()), (d, d));
        assert_eq!(
            days_of(days(d, Span::DaysAround(3)).unwrap()),
            (date(2024, 2, 11), date(2024, 2, 17))
        );
        // A leap year's February, whole.
        assert_eq!(
            days_of(days(d, Span::Month).unwrap()),
            (date(2024, 2, 1), date(2024, 2, 29))
        );
        assert_eq!(
            days_of(days(d, Span::Year).unwrap()),
            (date(2024, 1, 1), date(2024, 12, 31))
        );
    }

    #[test]
    fn an_end_before_the_start_is_refused() {
        assert!(between(date(2024, 1, 2), date(2024, 1, 2)).is_ok());
        assert!(matches!(
            between(date(2024, 1, 2), date(2024, 1, 1)),
            Err(RowProblem::EndsBeforeStart { .. })
        ));
    }

    #[test]
    fn a_local_time_is_read_in_the_zone_and_an_offset_wins() {
        let tz = seoul();
        let d = date(2024, 12, 2);
        let When::At(t, o) = local(d, "14:30", Some(&tz)).unwrap() else {
            panic!("an instant")
        };
        assert_eq!(t, "2024-12-02T05:30:00Z".parse::<Timestamp>().unwrap());
        assert_eq!(o.seconds(), 9 * 3600);
        let When::At(t, o) = local(d, "14:30:15+02:00", Some(&tz)).unwrap() else {
            panic!("an instant")
        };
        assert_eq!(t, "2024-12-02T12:30:15Z".parse::<Timestamp>().unwrap());
        assert_eq!(o.seconds(), 2 * 3600);
        assert!(matches!(local(d, "14:30Z", None), Ok(When::At(_, _))));
        assert!(matches!(
            local(d, "14:30", None),
            Err(RowProblem::NoZone { .. })
        ));
        for bad in ["2pm", "14:30+2", "14:30+24:00", "25:00", ""] {
            assert!(
                matches!(local(d, bad, Some(&tz)), Err(RowProblem::BadTime { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn clock_changes_skip_a_local_time_and_repeat_another() {
        let kyiv = TimeZone::get("Europe/Kyiv").unwrap();
        // 29 March 2015: Kyiv's clocks went from 03:00 to 04:00.
        assert!(matches!(
            local(date(2015, 3, 29), "03:30", Some(&kyiv)),
            Err(RowProblem::SkippedTime { .. })
        ));
        // 25 October 2015: from 04:00 back to 03:00; 03:30 came twice.
        let When::Either { earlier, later } =
            local(date(2015, 10, 25), "03:30", Some(&kyiv)).unwrap()
        else {
            panic!("both readings")
        };
        assert_eq!(later.0.as_second() - earlier.0.as_second(), 3600);
        assert_eq!(
            (earlier.1.seconds(), later.1.seconds()),
            (3 * 3600, 2 * 3600)
        );
    }
}
