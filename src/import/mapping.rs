//! The mapping file: which column holds what, which actor names are which
//! party, which event types are which act, and what the source's precision
//! codes mean. Read whole (it is small), checked before any row is read.

use std::collections::BTreeMap;
use std::fmt;

use jiff::tz::TimeZone;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::err::MappingError;
use super::precision::{Accuracy, MAX_DAYS_AROUND, Span};
use crate::events::{About, EvidenceKind};

/// The largest mapping file read.
pub const MAX_MAPPING_BYTES: usize = 1024 * 1024;
/// The most party rules, and the most act rules, a mapping may give.
const MAX_RULES: usize = 4096;
/// The longest pattern of a rule, in bytes.
const MAX_PATTERN: usize = 256;

/// A checked mapping.
#[derive(Debug)]
pub struct Mapping {
    /// The mapping file, as named, for messages.
    pub path: String,
    /// Its text, to point at a name in it.
    text: String,
    /// The zone dates and local times are read in; `None` leaves a date to
    /// the agreement's zone, and refuses a local time without an offset.
    pub zone: Option<TimeZone>,
    pub delimiter: u8,
    pub columns: Columns,
    pub date_format: String,
    pub id_prefix: String,
    /// Where the coordinates go unless an act rule says otherwise.
    pub position: Field,
    pub evidence: Option<EvidenceSpec>,
    pub parties: Vec<PartyRule>,
    pub acts: Vec<ActRule>,
    pub geo_precision: BTreeMap<String, Accuracy>,
    pub time_precision: BTreeMap<String, Span>,
}

/// Which column of the table holds each field (by its header).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub id: String,
    pub date: String,
    #[serde(default)]
    pub end_date: Option<String>,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub actor: Option<String>,
    pub event_type: String,
    #[serde(default)]
    pub sub_event_type: Option<String>,
    #[serde(default)]
    pub latitude: Option<String>,
    #[serde(default)]
    pub longitude: Option<String>,
    #[serde(default)]
    pub accuracy_m: Option<String>,
    #[serde(default)]
    pub geo_precision: Option<String>,
    #[serde(default)]
    pub time_precision: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub killed: Option<String>,
    #[serde(default)]
    pub weapon: Option<String>,
    #[serde(default)]
    pub calibre_mm: Option<String>,
    #[serde(default)]
    pub rounds: Option<String>,
}

/// A position field of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    #[default]
    Place,
    Origin,
    Target,
}

/// The evidence a row's source stands for.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSpec {
    pub kind: EvidenceKind,
    pub grade: String,
    #[serde(default)]
    pub about: About,
}

/// Actor names matching `actor` (exactly, or with `*` standing for any
/// text) are the party `party` (`unknown` for an actor of no party).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyRule {
    pub actor: String,
    pub party: String,
}

/// Rows whose event type (and sub-event type, when given) match are the
/// act `act`, with the weapon when given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActRule {
    #[serde(default)]
    pub event_type: Option<String>,
    #[serde(default)]
    pub sub_event_type: Option<String>,
    pub act: String,
    #[serde(default)]
    pub position: Option<Field>,
    #[serde(default)]
    pub weapon: Option<WeaponSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeaponSpec {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub calibre_mm: Option<f64>,
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    #[serde(default)]
    zone: Option<String>,
    #[serde(default)]
    delimiter: Option<char>,
    columns: Columns,
    #[serde(default)]
    date_format: Option<String>,
    #[serde(default)]
    id_prefix: Option<String>,
    #[serde(default)]
    position: Field,
    #[serde(default)]
    evidence: Option<EvidenceSpec>,
    #[serde(default)]
    parties: Vec<PartyRule>,
    acts: Vec<ActRule>,
    #[serde(default)]
    geo_precision: BTreeMap<Code, Accuracy>,
    #[serde(default)]
    time_precision: BTreeMap<Code, Span>,
}

/// A precision code as a key: `1` or `"1"` alike.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Code(String);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CodeVisitor;
        impl Visitor<'_> for CodeVisitor {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a precision code, such as `1`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Code, E> {
                Ok(Code(v.trim().to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
        }
        d.deserialize_any(CodeVisitor)
    }
}

impl Mapping {
    /// Reads and checks a mapping file.
    pub fn load(path: &std::path::Path) -> Result<Mapping, MappingError> {
        use std::io::Read;
        let name = path.display().to_string();
        let read_error = |e: std::io::Error| MappingError::Read {
            path: name.clone(),
            reason: e.to_string(),
        };
        let mut text = String::new();
        std::fs::File::open(path)
            .map_err(read_error)?
            .take(MAX_MAPPING_BYTES as u64 + 1)
            .read_to_string(&mut text)
            .map_err(read_error)?;
        if text.len() > MAX_MAPPING_BYTES {
            return Err(MappingError::TooLarge {
                path: name,
                limit_kib: MAX_MAPPING_BYTES / 1024,
            });
        }
        Mapping::parse(&name, &text)
    }

    /// Reads and checks a mapping's text; `name` is used in messages.
    pub fn parse(name: &str, text: &str) -> Result<Mapping, MappingError> {
        let raw: RawMapping = serde_yaml::from_str(text).map_err(|e| MappingError::Yaml {
            path: name.to_owned(),
            reason: e.to_string(),
            at: e
                .location()
                .map(|l| miette::SourceSpan::from((l.index().min(text.len()), 0))),
            source_code: miette::NamedSource::new(name, text.to_owned()),
        })?;
        Mapping::checked(name, text, raw)
    }

    fn checked(name: &str, text: &str, raw: RawMapping) -> Result<Mapping, MappingError> {
        let invalid = |at: &str, reason: String| MappingError::Invalid {
            path: name.to_owned(),
            at: at.to_owned(),
            reason,
        };
        let zone = match &raw.zone {
            None => None,
            Some(z) => Some(TimeZone::get(z).map_err(|_| MappingError::Zone {
                path: name.to_owned(),
                zone: z.clone(),
            })?),
        };
        let delimiter = match raw.delimiter {
            None => b',',
            Some(c) if c.is_ascii() && !c.is_ascii_alphanumeric() && c != '"' && c != '\n' => {
                c as u8
            }
            Some(c) => {
                return Err(invalid(
                    "delimiter",
                    format!(
                        "`{}` cannot separate fields; use `,`, `;` or a tab",
                        c.escape_default()
                    ),
                ));
            }
        };
        if raw.columns.source.is_some() && raw.evidence.is_none() {
            return Err(invalid(
                "evidence",
                "`columns.source` is given, so `evidence` must say its `kind` and `grade`".into(),
            ));
        }
        if let Some(e) = &raw.evidence {
            check_grade(&e.grade).map_err(|r| invalid("evidence.grade", r))?;
        }
        check_rules(&raw).map_err(|(at, reason)| invalid(&at, reason))?;
        check_precision(&raw).map_err(|(at, reason)| invalid(&at, reason))?;
        Ok(Mapping {
            path: name.to_owned(),
            text: text.to_owned(),
            zone,
            delimiter,
            columns: raw.columns,
            date_format: raw.date_format.unwrap_or_else(|| "%Y-%m-%d".into()),
            id_prefix: raw.id_prefix.unwrap_or_default(),
            position: raw.position,
            evidence: raw.evidence,
            parties: raw.parties,
            acts: raw.acts,
            geo_precision: raw
                .geo_precision
                .into_iter()
                .map(|(c, a)| (c.0, a))
                .collect(),
            time_precision: raw
                .time_precision
                .into_iter()
                .map(|(c, s)| (c.0, s))
                .collect(),
        })
    }

    /// The zone to read dates in when the mapping names none: the
    /// agreement's. A mapping's own zone stands.
    pub fn default_zone(&mut self, zone: &TimeZone) {
        if self.zone.is_none() {
            self.zone = Some(zone.clone());
        }
    }

    /// Checks that every party and act the mapping names is among those
    /// the rulebook declares (`unknown` is always a party).
    pub fn check_names(&self, parties: &[&str], acts: &[&str]) -> Result<(), MappingError> {
        let unknown = |at: String, kind, name: &str, declared: &[&str]| MappingError::Unknown {
            path: self.path.clone(),
            at,
            kind,
            name: name.to_owned(),
            declared: declared.join(", "),
            span: self.find(if kind == "party" { "party" } else { "act" }, name),
            source_code: miette::NamedSource::new(&self.path, self.text.clone()),
        };
        for (i, rule) in self.parties.iter().enumerate() {
            if rule.party != "unknown" && !parties.contains(&rule.party.as_str()) {
                return Err(unknown(
                    format!("parties[{i}].party"),
                    "party",
                    &rule.party,
                    parties,
                ));
            }
        }
        for (i, rule) in self.acts.iter().enumerate() {
            if !acts.contains(&rule.act.as_str()) {
                return Err(unknown(format!("acts[{i}].act"), "act", &rule.act, acts));
            }
        }
        Ok(())
    }

    /// Where `key: name` is first written outside a comment (bare or
    /// quoted), to point at it; `None` when it is written otherwise.
    fn find(&self, key: &str, name: &str) -> Option<miette::SourceSpan> {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let code = line.split(" #").next().unwrap_or(line);
            if !code.trim_start().starts_with('#') {
                for quote in ["", "\"", "'"] {
                    let written = format!("{key}: {quote}{name}{quote}");
                    let Some(at) = code.find(&written) else {
                        continue;
                    };
                    let end = at + written.len();
                    let bounded = code[end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                    if bounded {
                        let start = offset + at + key.len() + 2 + quote.len();
                        return Some((start, name.len()).into());
                    }
                }
            }
            offset += line.len();
        }
        None
    }

    /// The party an actor name is, by the first rule that matches it.
    pub fn party(&self, actor: &str) -> Option<&str> {
        let rule = self.parties.iter().find(|r| matches(&r.actor, actor))?;
        Some(&rule.party)
    }

    /// The first act rule whose types match.
    pub fn act(&self, event_type: &str, sub_event_type: Option<&str>) -> Option<&ActRule> {
        self.acts.iter().find(|r| {
            r.event_type
                .as_deref()
                .is_none_or(|p| matches(p, event_type))
                && r.sub_event_type
                    .as_deref()
                    .is_none_or(|p| matches(p, sub_event_type.unwrap_or("")))
        })
    }
}

/// A grade as the event format writes it: a reliability A–F, a credibility 1–6.
fn check_grade(grade: &str) -> Result<(), String> {
    match grade.as_bytes() {
        [b'A'..=b'F', b'1'..=b'6'] => Ok(()),
        _ => Err(format!(
            "`{grade}` is not a grade: a reliability A–F and a credibility 1–6, such as `C3`"
        )),
    }
}

type Invalid = (String, String);

fn check_rules(raw: &RawMapping) -> Result<(), Invalid> {
    if raw.acts.is_empty() {
        return Err(("acts".into(), "give at least one act rule".into()));
    }
    for (list, n) in [("parties", raw.parties.len()), ("acts", raw.acts.len())] {
        if n > MAX_RULES {
            return Err((list.into(), format!("{n} rules; at most {MAX_RULES}")));
        }
    }
    let patterns = raw
        .parties
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("parties[{i}].actor"), Some(&r.actor)))
        .chain(raw.acts.iter().enumerate().flat_map(|(i, r)| {
            [
                (format!("acts[{i}].event_type"), r.event_type.as_ref()),
                (
                    format!("acts[{i}].sub_event_type"),
                    r.sub_event_type.as_ref(),
                ),
            ]
        }));
    for (at, pattern) in patterns {
        match pattern {
            Some(p) if p.is_empty() => return Err((at, "an empty pattern matches nothing".into())),
            Some(p) if p.len() > MAX_PATTERN => {
                return Err((
                    at,
                    format!("a pattern of {} bytes; at most {MAX_PATTERN}", p.len()),
                ));
            }
            _ => {}
        }
    }
    for (i, r) in raw.acts.iter().enumerate() {
        if let Some(c) = r.weapon.as_ref().and_then(|w| w.calibre_mm)
            && !(c.is_finite() && c > 0.0)
        {
            return Err((
                format!("acts[{i}].weapon.calibre_mm"),
                "a calibre is a positive number of millimetres".into(),
            ));
        }
    }
    Ok(())
}

fn check_precision(raw: &RawMapping) -> Result<(), Invalid> {
    for (code, accuracy) in &raw.geo_precision {
        if let Accuracy::AccuracyM(m) = accuracy
            && !(m.is_finite() && *m >= 0.0)
        {
            return Err((
                format!("geo_precision.{}", code.0),
                "an accuracy is a number of metres, 0 or more".into(),
            ));
        }
    }
    for (code, span) in &raw.time_precision {
        if let Span::DaysAround(n) = span
            && *n > MAX_DAYS_AROUND
        {
            return Err((
                format!("time_precision.{}", code.0),
                format!("{n} days around; at most {MAX_DAYS_AROUND}"),
            ));
        }
    }
    let needs = [
        (
            "geo_precision",
            raw.columns.geo_precision.is_some(),
            raw.geo_precision.is_empty(),
        ),
        (
            "time_precision",
            raw.columns.time_precision.is_some(),
            raw.time_precision.is_empty(),
        ),
    ];
    for (table, column, empty) in needs {
        if column && empty {
            return Err((
                table.into(),
                format!("`columns.{table}` is given, so `{table}` must say what each code means"),
            ));
        }
    }
    Ok(())
}

/// Whether `text` matches `pattern`: exactly, with `*` standing for any
/// text (none included). Linear in the text for each star, so bounded by
/// the pattern's and the field's lengths.
pub fn matches(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    // The last star seen, and where in the text it was last tried.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "columns: {id: id, date: date, event_type: type}\nacts:\n  - {act: fire}\n";

    #[test]
    fn patterns_match_exactly_or_with_stars() {
        assert!(matches("Hezbollah", "Hezbollah"));
        assert!(!matches("Hezbollah", "hezbollah"));
        assert!(matches(
            "Military Forces of Israel*",
            "Military Forces of Israel (2022-)"
        ));
        assert!(matches("*Israel*", "Military Forces of Israel (2022-)"));
        assert!(!matches("*Lebanon", "Military Forces of Israel (2022-)"));
        assert!(matches("*", ""));
        assert!(matches("a*b*c", "aXbYbc"));
        assert!(!matches("a*b*c", "aXbYb"));
    }

    #[test]
    fn the_first_matching_rule_decides() {
        let text = "columns: {id: id, date: date, event_type: type}\nparties:\n  - {actor: 'Hezbollah', party: HZ}\n  - {actor: '*', party: unknown}\nacts:\n  - {event_type: Battles, act: raid}\n  - {event_type: 'Explosions*', sub_event_type: 'Air/drone strike', act: strike}\n  - {event_type: 'Explosions*', act: fire}\n";
        let m = Mapping::parse("m.yaml", text).unwrap();
        assert_eq!(m.party("Hezbollah"), Some("HZ"));
        assert_eq!(m.party("Civilians (Lebanon)"), Some("unknown"));
        let act = |t, s| m.act(t, s).map(|r| r.act.as_str());
        assert_eq!(
            act("Explosions/Remote violence", Some("Air/drone strike")),
            Some("strike")
        );
        assert_eq!(
            act("Explosions/Remote violence", Some("Grenade")),
            Some("fire")
        );
        assert_eq!(act("Protests", None), None);
    }

    #[test]
    fn precision_tables_read_codes_as_numbers_or_text() {
        let text = format!(
            "{MINIMAL}geo_precision: {{1: {{accuracy_m: 2000}}, '2': omit, 3: reject}}\ntime_precision: {{1: day, 2: {{days_around: 3}}, 3: month}}\n"
        );
        let m = Mapping::parse("m.yaml", &text).unwrap();
        assert_eq!(m.geo_precision["1"], Accuracy::AccuracyM(2000.0));
        assert_eq!(m.geo_precision["2"], Accuracy::Omit);
        assert_eq!(m.time_precision["2"], Span::DaysAround(3));
    }

    #[test]
    fn bad_mappings_are_refused_with_where() {
        let invalid_at = |text: &str| match Mapping::parse("m.yaml", text) {
            Err(MappingError::Invalid { at, .. }) => at,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            invalid_at(&format!(
                "{MINIMAL}time_precision: {{1: {{days_around: 400}}}}\n"
            )),
            "time_precision.1"
        );
        assert_eq!(
            invalid_at(&format!(
                "{MINIMAL}geo_precision: {{1: {{accuracy_m: -5}}}}\n"
            )),
            "geo_precision.1"
        );
        assert_eq!(
            invalid_at(&format!(
                "{MINIMAL}evidence: {{kind: observation, grade: B7}}\n"
            )),
            "evidence.grade"
        );
        assert_eq!(
            invalid_at(
                "columns: {id: id, date: date, event_type: type, source: src}\nacts: [{act: fire}]\n"
            ),
            "evidence"
        );
        assert!(matches!(
            Mapping::parse("m.yaml", &format!("{MINIMAL}zone: Asia/Atlantis\n")),
            Err(MappingError::Zone { .. })
        ));
        assert!(matches!(
            Mapping::parse("m.yaml", &format!("{MINIMAL}colums: {{}}\n")),
            Err(MappingError::Yaml { at: Some(_), .. })
        ));
    }

    #[test]
    fn names_are_checked_against_the_rulebook() {
        let text = "columns: {id: id, date: date, event_type: type}\nparties: [{actor: x, party: IL}, {actor: y, party: unknown}]\nacts: [{act: fire}, {act: shelling}]\n";
        let m = Mapping::parse("m.yaml", text).unwrap();
        match m.check_names(&["IL", "LB"], &["fire", "strike"]) {
            Err(MappingError::Unknown { at, name, span, .. }) => {
                assert_eq!((at.as_str(), name.as_str()), ("acts[1].act", "shelling"));
                let span = span.expect("the name is found in the text");
                assert_eq!(&text[span.offset()..span.offset() + span.len()], "shelling");
            }
            other => panic!("{other:?}"),
        }
        assert!(m.check_names(&["IL"], &["fire", "shelling"]).is_ok());
    }
}
