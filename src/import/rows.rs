//! One row → one event, or a rejection naming each problem and its column.

use jiff::civil::Date;

use super::err::{ImportError, Problem, Rejection, RowProblem};
use super::mapping::{self, Field, Mapping};
use super::out::{Actor, Effects, Event, Evidence, Fix, Time, Weapon};
use super::precision::{self, Accuracy, Span, When};
use super::table::Row;

/// Where each mapped column stands in the table's rows.
#[derive(Debug)]
pub struct Columns {
    id: usize,
    date: usize,
    end_date: Option<usize>,
    time: Option<usize>,
    actor: Option<usize>,
    event_type: usize,
    sub_event_type: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    accuracy_m: Option<usize>,
    geo_precision: Option<usize>,
    time_precision: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    killed: Option<usize>,
    weapon: Option<usize>,
    calibre_mm: Option<usize>,
    rounds: Option<usize>,
}

impl Columns {
    /// Finds each column the mapping names in the header.
    pub fn find(
        named: &mapping::Columns,
        header: &[String],
        path: &str,
    ) -> Result<Columns, ImportError> {
        let find = |key: &'static str, column: &str| {
            header
                .iter()
                .position(|h| h == column)
                .ok_or_else(|| ImportError::MissingColumn {
                    path: path.to_owned(),
                    key,
                    column: column.to_owned(),
                    available: header
                        .iter()
                        .map(|h| format!("`{h}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
        };
        let optional = |key: &'static str, column: &Option<String>| {
            column.as_deref().map(|c| find(key, c)).transpose()
        };
        Ok(Columns {
            id: find("id", &named.id)?,
            date: find("date", &named.date)?,
            end_date: optional("end_date", &named.end_date)?,
            time: optional("time", &named.time)?,
            actor: optional("actor", &named.actor)?,
            event_type: find("event_type", &named.event_type)?,
            sub_event_type: optional("sub_event_type", &named.sub_event_type)?,
            latitude: optional("latitude", &named.latitude)?,
            longitude: optional("longitude", &named.longitude)?,
            accuracy_m: optional("accuracy_m", &named.accuracy_m)?,
            geo_precision: optional("geo_precision", &named.geo_precision)?,
            time_precision: optional("time_precision", &named.time_precision)?,
            source: optional("source", &named.source)?,
            notes: optional("notes", &named.notes)?,
            killed: optional("killed", &named.killed)?,
            weapon: optional("weapon", &named.weapon)?,
            calibre_mm: optional("calibre_mm", &named.calibre_mm)?,
            rounds: optional("rounds", &named.rounds)?,
        })
    }
}

/// A row being read: its fields, and the problems found so far.
struct Reading<'a> {
    fields: &'a [String],
    mapping: &'a Mapping,
    problems: Vec<Problem>,
}

impl Reading<'_> {
    /// The field of a column, `None` when empty (or not mapped).
    fn get(&self, at: Option<usize>) -> Option<&str> {
        let value = self.fields.get(at?)?.as_str();
        (!value.is_empty()).then_some(value)
    }

    /// The field of a column the event needs.
    fn need(&mut self, at: usize, column: &str) -> Option<String> {
        let value = self.get(Some(at)).map(str::to_owned);
        if value.is_none() {
            self.problem(column, RowProblem::Empty);
        }
        value
    }

    fn problem(&mut self, column: &str, problem: RowProblem) {
        self.problems.push(Problem::at(column, problem));
    }

    /// `Ok` is kept; an `Err` is recorded at `column`.
    fn keep<T>(&mut self, column: &str, result: Result<T, RowProblem>) -> Option<T> {
        result.map_err(|p| self.problem(column, p)).ok()
    }

    /// A number in a column, within bounds.
    fn number(
        &mut self,
        at: Option<usize>,
        column: &Option<String>,
        min: f64,
        max: f64,
    ) -> Option<f64> {
        let value = self.get(at)?.to_owned();
        let column = column.as_deref().unwrap_or("");
        let n: f64 = match value.parse() {
            Ok(n) => n,
            Err(_) => {
                self.problem(column, RowProblem::NotNumber { value });
                return None;
            }
        };
        if !(n.is_finite() && (min..=max).contains(&n)) {
            self.problem(column, RowProblem::OutOfBounds { value, min, max });
            return None;
        }
        Some(n)
    }
}

/// The event a row stands for, or every reason it cannot be one.
pub fn event(row: &Row, at: &Columns, mapping: &Mapping) -> Result<Event, Rejection> {
    let fields = match &row.fields {
        Ok(fields) => fields,
        Err(broken) => {
            let id = broken
                .fields
                .get(at.id)
                .cloned()
                .flatten()
                .filter(|id| !id.is_empty());
            let id = id.map(|id| format!("{}{id}", mapping.id_prefix));
            return Err(Rejection::new(row.line, id, broken.problems.clone()));
        }
    };
    let named = &mapping.columns;
    let mut r = Reading {
        fields,
        mapping,
        problems: Vec::new(),
    };
    let id = r
        .need(at.id, &named.id)
        .map(|id| format!("{}{id}", mapping.id_prefix));
    if let Some(bad) = id.as_ref().filter(|id| id.chars().any(invisible)) {
        let value = bad.clone();
        r.problem(&named.id, RowProblem::BadId { value });
    }
    let when = when(&mut r, at);
    let party = party(&mut r, at);
    let act = act(&mut r, at);
    let fix = fix(&mut r, at);
    let weapon = act.as_ref().and_then(|(_, _, w)| w.clone());
    let weapon = weapon_of(&mut r, at, weapon);
    let killed = r
        .number(at.killed, &named.killed, 0.0, f64::from(u32::MAX))
        .map(|k| k as u32);
    let summary = r.get(at.notes).map(one_line);
    let evidence = evidence(&r, at);
    let (Some(id), Some(when), Some((act, field, _)), Some(party), Some(fix)) =
        (id.clone(), when, act, party, fix)
    else {
        return Err(Rejection::new(row.line, id, r.problems));
    };
    if !r.problems.is_empty() {
        return Err(Rejection::new(row.line, Some(id), r.problems));
    }
    let actor = party.map(|(party, unit)| Actor {
        party,
        unit: Some(unit),
    });
    let (mut place, mut origin, mut target) = (None, None, None);
    *match field {
        Field::Place => &mut place,
        Field::Origin => &mut origin,
        Field::Target => &mut target,
    } = fix;
    Ok(Event {
        id,
        summary,
        time: Time::of(&when, mapping.zone.as_ref()),
        act,
        actor,
        weapon,
        place,
        origin,
        target,
        effects: killed.map(|killed| Effects { killed }),
        evidence,
    })
}

/// Whether a character would make an id look like another: a control
/// character or one that shows nothing (the events loader refuses more).
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{00ad}')
}

/// Notes as one line: runs of white space as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// When the event happened: a time of day makes it an instant; else the
/// date, widened by its time precision, or up to an end date.
fn when(r: &mut Reading<'_>, at: &Columns) -> Option<When> {
    // The mapping outlives the reading: its names are borrowed, not copied.
    let m = r.mapping;
    let named = &m.columns;
    let date = r.need(at.date, &named.date)?;
    let date = r.keep(&named.date, parse_date(&date, &m.date_format))?;
    if let Some(time) = r.get(at.time).map(str::to_owned) {
        let column = named.time.as_deref().unwrap_or_default();
        return r.keep(column, precision::local(date, &time, m.zone.as_ref()));
    }
    if let Some(end) = r.get(at.end_date).map(str::to_owned) {
        let column = named.end_date.as_deref().unwrap_or_default();
        let end = r.keep(column, parse_date(&end, &m.date_format))?;
        return r.keep(column, precision::between(date, end));
    }
    let span = match at.time_precision {
        None => Span::Day,
        Some(_) => {
            let column = named.time_precision.as_deref().unwrap_or_default();
            let code = r.get(at.time_precision).unwrap_or("").to_owned();
            let span = match m.time_precision.get(&code) {
                None if code.is_empty() => Err(RowProblem::Empty),
                None => Err(RowProblem::UnknownCode {
                    value: code,
                    table: "time_precision",
                }),
                Some(Span::Reject) => Err(RowProblem::RejectedCode {
                    value: code,
                    table: "time_precision",
                }),
                Some(span) => Ok(*span),
            };
            r.keep(column, span)?
        }
    };
    r.keep(&named.date, precision::days(date, span))
}

fn parse_date(text: &str, format: &str) -> Result<Date, RowProblem> {
    jiff::fmt::strtime::parse(format, text)
        .and_then(|t| t.to_date())
        .map_err(|_| RowProblem::BadDate {
            value: text.to_owned(),
            format: format.to_owned(),
        })
}

/// The actor's party by the mapping's rules, with the name as its unit;
/// `Some(None)` when the mapping maps no actor column.
fn party(r: &mut Reading<'_>, at: &Columns) -> Option<Option<(String, String)>> {
    let Some(index) = at.actor else {
        return Some(None);
    };
    let m = r.mapping;
    let column = m.columns.actor.as_deref().unwrap_or_default();
    let name = r.need(index, column)?;
    match m.party(&name) {
        Some(party) => Some(Some((party.to_owned(), name))),
        None => {
            r.problem(column, RowProblem::UnknownActor { value: name });
            None
        }
    }
}

/// The act by the mapping's rules, the position field it puts the
/// coordinates in, and the weapon it states.
fn act(r: &mut Reading<'_>, at: &Columns) -> Option<(String, Field, Option<Weapon>)> {
    let m = r.mapping;
    let column = &m.columns.event_type;
    let event_type = r.need(at.event_type, column)?;
    let sub = r.get(at.sub_event_type).map(str::to_owned);
    let Some(rule) = m.act(&event_type, sub.as_deref()) else {
        r.problem(
            column,
            RowProblem::UnknownEventType {
                event_type,
                sub_event_type: sub,
            },
        );
        return None;
    };
    let weapon = rule.weapon.as_ref().map(|w| Weapon {
        kind: w.kind.clone(),
        calibre_mm: w.calibre_mm,
        rounds: None,
    });
    Some((
        rule.act.clone(),
        rule.position.unwrap_or(m.position),
        weapon,
    ))
}

/// The weapon the act rule states, with what the row's own columns say
/// (they win where both speak).
fn weapon_of(r: &mut Reading<'_>, at: &Columns, stated: Option<Weapon>) -> Option<Weapon> {
    let m = r.mapping;
    let named = &m.columns;
    let kind = r.get(at.weapon).map(str::to_owned);
    let calibre = r.number(
        at.calibre_mm,
        &named.calibre_mm,
        f64::MIN_POSITIVE,
        10_000.0,
    );
    let rounds = r
        .number(at.rounds, &named.rounds, 0.0, f64::from(u32::MAX))
        .map(|n| n as u32);
    let mut weapon = match (stated, kind) {
        (_, Some(kind)) => Weapon {
            kind,
            calibre_mm: None,
            rounds: None,
        },
        (Some(w), None) => w,
        // A calibre or a count of rounds with no weapon type is still a
        // weapon the record describes.
        (None, None) if calibre.is_some() || rounds.is_some() => Weapon {
            kind: "unknown".into(),
            calibre_mm: None,
            rounds: None,
        },
        (None, None) => return None,
    };
    weapon.calibre_mm = calibre.or(weapon.calibre_mm);
    weapon.rounds = rounds.or(weapon.rounds);
    Some(weapon)
}

/// The coordinates with the accuracy their precision gives: `Some(None)`
/// for no position (none given, or a code the mapping omits).
fn fix(r: &mut Reading<'_>, at: &Columns) -> Option<Option<Fix>> {
    let m = r.mapping;
    let named = &m.columns;
    let (lat_text, lon_text) = (r.get(at.latitude).is_some(), r.get(at.longitude).is_some());
    let lat = r.number(at.latitude, &named.latitude, -90.0, 90.0);
    let lon = r.number(at.longitude, &named.longitude, -180.0, 180.0);
    if lat_text != lon_text {
        r.problems.push(Problem::row(RowProblem::HalfPosition));
        return None;
    }
    if !lat_text {
        return Some(None);
    }
    let (lat, lon) = (lat?, lon?);
    let mut accuracy_m = r.number(at.accuracy_m, &named.accuracy_m, 0.0, 1.0e7);
    if at.geo_precision.is_some() {
        let column = named.geo_precision.as_deref().unwrap_or_default();
        let code = r.get(at.geo_precision).unwrap_or("").to_owned();
        let accuracy = match m.geo_precision.get(&code) {
            None if code.is_empty() => Err(RowProblem::Empty),
            None => Err(RowProblem::UnknownCode {
                value: code,
                table: "geo_precision",
            }),
            Some(Accuracy::Reject) => Err(RowProblem::RejectedCode {
                value: code,
                table: "geo_precision",
            }),
            Some(a) => Ok(*a),
        };
        match r.keep(column, accuracy)? {
            Accuracy::Omit => return Some(None),
            // The larger of the two, where the row also gives metres.
            Accuracy::AccuracyM(m) => accuracy_m = Some(accuracy_m.map_or(m, |a| a.max(m))),
            Accuracy::Reject => return None,
        }
    }
    Some(Some(Fix {
        lat,
        lon,
        accuracy_m,
    }))
}

/// The row's source as one piece of evidence (a source column that lists
/// several outlets is one source: they often repeat one another).
fn evidence(r: &Reading<'_>, at: &Columns) -> Vec<Evidence> {
    let (Some(source), Some(spec)) = (r.get(at.source), r.mapping.evidence.as_ref()) else {
        return Vec::new();
    };
    vec![Evidence {
        source: one_line(source),
        kind: spec.kind,
        grade: spec.grade.clone(),
        about: spec.about,
    }]
}

#[cfg(test)]
mod tests {
    use super::parse_date;
    use jiff::civil::date;

    #[test]
    fn dates_are_read_in_the_mappings_format() {
        let d = date(2024, 12, 2);
        assert_eq!(parse_date("2024-12-02", "%Y-%m-%d"), Ok(d));
        assert_eq!(parse_date("02 December 2024", "%d %B %Y"), Ok(d));
        assert_eq!(parse_date("02.12.2024", "%d.%m.%Y"), Ok(d));
        // Some GED files write a midnight after the date: it is not read.
        assert_eq!(
            parse_date("2024-12-02 00:00:00.000", "%Y-%m-%d %H:%M:%S%.f"),
            Ok(d)
        );
        assert!(parse_date("2024-02-30", "%Y-%m-%d").is_err());
        assert!(parse_date("02/12/2024", "%Y-%m-%d").is_err());
    }
}
