//! Times written as days, for events dated only by day: `2025-09-03` (in
//! the time zone of the rulebook's entry into force), `2025-09-03+03:00`,
//! `2025-09-03Z` or `2025-09-03[Europe/Kyiv]`. Each is every instant of
//! that day, from its first to its last.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

/// The zone a day written without one is read in: the rulebook's, or the
/// zones of several rulebooks that disagree.
pub type DayZone<'a> = Result<&'a TimeZone, &'a [String]>;

/// A day, as the instants it spans.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Day {
    pub date: Date,
    pub first: Timestamp,
    pub last: Timestamp,
    /// The offset at its start, in seconds, to show it as written.
    pub offset: i32,
}

/// `text` read as a day; `None` when it is not written as one (it may be
/// an instant), `Some(Err)` when it is, but names no day truce can use.
pub fn parse(text: &str, zone: &DayZone<'_>) -> Option<Result<Day, String>> {
    let (date, rest) = text.split_at_checked(10)?;
    let looks_like_date = date.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !looks_like_date {
        return None;
    }
    let tz = match rest {
        "" => match zone {
            Ok(tz) => Ok((*tz).clone()),
            Err(zones) => Err(format!(
                "`{text}` gives only a day, and the rulebooks keep time in different zones ({}); give the day's zone or offset, such as `{text}[{}]`",
                zones.join(", "),
                zones.first().map_or("Europe/Kyiv", String::as_str)
            )),
        },
        "Z" | "z" => Ok(TimeZone::UTC),
        _ if rest.starts_with('[') && rest.ends_with(']') => {
            let name = &rest[1..rest.len() - 1];
            TimeZone::get(name).map_err(|_| {
                format!("`{text}` names no time zone truce knows: use an IANA name, such as `{date}[Europe/Kyiv]`")
            })
        }
        _ => match offset(rest) {
            Some(o) => Ok(TimeZone::fixed(o)),
            // Not a day: perhaps an instant, which reports its own problem.
            None => return None,
        },
    };
    Some(tz.and_then(|tz| span(text, date, &tz)))
}

/// The day `date` in `tz`.
fn span(text: &str, date: &str, tz: &TimeZone) -> Result<Day, String> {
    let date: Date = date
        .parse()
        .map_err(|_| format!("`{text}` is not a day that exists, such as `2015-08-20`"))?;
    let (first, last) = crate::check::day_span(date, tz)
        .ok_or_else(|| format!("`{text}` is beyond the dates truce can count"))?;
    Ok(Day {
        date,
        first,
        last,
        offset: tz.to_offset(first).seconds(),
    })
}

/// `+03:00`, `-05:30`: an offset as RFC 3339 writes it.
fn offset(text: &str) -> Option<Offset> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, minutes) = text[1..].split_once(':')?;
    let all_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(hours) && all_digits(minutes)) {
        return None;
    }
    let (h, m): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kyiv() -> TimeZone {
        TimeZone::get("Europe/Kyiv").unwrap()
    }

    fn day(text: &str) -> Day {
        let tz = kyiv();
        parse(text, &Ok(&tz))
            .expect("a day")
            .expect("a day that exists")
    }

    #[test]
    fn a_day_is_every_instant_of_it_in_the_rulebooks_zone() {
        let d = day("2025-09-03");
        assert_eq!(
            d.first,
            "2025-09-02T21:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            d.last,
            "2025-09-03T20:59:59.999999999Z"
                .parse::<Timestamp>()
                .unwrap()
        );
        assert_eq!(d.offset, 3 * 3600);
    }

    #[test]
    fn an_offset_or_a_zone_written_with_the_day_decides_it() {
        let at_offset = day("2025-09-03+05:00");
        assert_eq!(
            at_offset.first,
            "2025-09-02T19:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(day("2025-09-03Z").offset, 0);
        let seoul = day("2025-09-03[Asia/Seoul]");
        assert_eq!(seoul.offset, 9 * 3600);
    }

    #[test]
    fn a_day_across_a_clock_change_lasts_as_long_as_it_does_there() {
        // Kyiv put its clocks back an hour on 25 October 2015: a 25-hour day.
        let d = day("2015-10-25");
        let hours = (d.last.as_second() + 1 - d.first.as_second()) / 3600;
        assert_eq!(hours, 25);
    }

    #[test]
    fn instants_and_bad_days_are_told_apart() {
        let tz = kyiv();
        let zone: DayZone<'_> = Ok(&tz);
        assert!(parse("2025-09-03T10:00:00+03:00", &zone).is_none());
        assert!(parse("2025-09-03 10:00", &zone).is_none());
        assert!(parse("yesterday", &zone).is_none());
        assert!(parse("2023-02-30", &zone).unwrap().is_err());
        assert!(
            parse("2025-09-03[Europe/Atlantis]", &zone)
                .unwrap()
                .is_err()
        );
        let zones = ["Europe/Kyiv".to_owned(), "Europe/Moscow".to_owned()];
        let disagree: DayZone<'_> = Err(&zones);
        assert!(parse("2025-09-03", &disagree).unwrap().is_err());
        assert!(parse("2025-09-03+03:00", &disagree).unwrap().is_ok());
    }
}
