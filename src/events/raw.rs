//! Events as observers write them (YAML or JSON Lines), before validation.
//! Unknown fields are refused so that a misspelt field is never ignored.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    #[serde(deserialize_with = "id")]
    pub id: String,
    pub time: RawTime,
    pub act: String,
    #[serde(default)]
    pub actor: Option<RawActor>,
    #[serde(default)]
    pub weapon: Option<RawWeapon>,
    /// Several weapons, each with how many there were.
    #[serde(default)]
    pub weapons: Option<Vec<RawWeapon>>,
    /// Facts the rulebook declares (categories and quantities), by name.
    #[serde(default)]
    pub facts: Option<RawFacts>,
    #[serde(default)]
    pub place: Option<RawPosition>,
    #[serde(default)]
    pub origin: Option<RawPosition>,
    #[serde(default)]
    pub target: Option<RawPosition>,
    /// The points a movement passed through, in order.
    #[serde(default)]
    pub track: Option<Vec<RawPoint>>,
    #[serde(default)]
    pub effects: Option<RawEffects>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
    #[serde(default)]
    pub responds_to: Ids,
    #[serde(default)]
    pub corroborates: Ids,
    #[serde(default)]
    pub contradicts: Ids,
    #[serde(default)]
    pub part_of: Ids,
    #[serde(default)]
    pub authorised_by: Ids,
    /// Earlier steps of a procedure the act followed.
    #[serde(default)]
    pub preceded_by: Ids,
    /// Earlier reports of the same continuing state.
    #[serde(default)]
    pub continues: Ids,
    /// For an authorisation: whom, what, where and when it covers.
    #[serde(default)]
    pub grants: Option<RawGrants>,
    /// What a monitor or investigating body established about the act.
    #[serde(default)]
    pub findings: Vec<RawFinding>,
    /// Further acts the event establishes (a unit found inside a zone
    /// entered it).
    #[serde(default)]
    pub implies: Vec<RawImplied>,
    /// The monitor or peacekeeping force the act was aimed at or hindered.
    #[serde(default)]
    pub affected: Option<String>,
    /// A change of the agreement the act makes: an extension of a
    /// deadline, a suspension, a repudiation, a resumption, or a consent
    /// to another event's change.
    #[serde(default)]
    pub change: Option<RawChange>,
    #[serde(default)]
    pub summary: Option<String>,
}

/// `{deadline: withdrawal, until: ...}`, `{suspend: all}`,
/// `{suspend: ["1.3"], effective: ...}`, `{repudiate: all}`,
/// `{resume: all}`, or `{joins: E-1}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChange {
    /// The deadline it sets anew, with `until`.
    #[serde(default)]
    pub deadline: Option<String>,
    /// The new due instant of the deadline, or the end of a suspension.
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub suspend: Option<Scope>,
    #[serde(default)]
    pub repudiate: Option<Scope>,
    #[serde(default)]
    pub resume: Option<Scope>,
    /// The event whose change this declaration consents to.
    #[serde(default)]
    pub joins: Option<String>,
    /// When it takes effect, if not when it was made.
    #[serde(default)]
    pub effective: Option<String>,
}

/// What a suspension, repudiation or resumption covers: `all` (the whole
/// agreement) or a list of article numbers.
#[derive(Debug)]
pub enum Scope {
    All,
    Articles(Vec<String>),
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ScopeVisitor;
        impl<'de> Visitor<'de> for ScopeVisitor {
            type Value = Scope;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`all`, or a list of article numbers in quotes, such as `[\"1.3\"]`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scope, E> {
                match v {
                    "all" => Ok(Scope::All),
                    other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scope, A::Error> {
                let mut numbers = Vec::new();
                while let Some(ArticleNumber(n)) = seq.next_element()? {
                    numbers.push(n);
                }
                Ok(Scope::Articles(numbers))
            }
        }
        d.deserialize_any(ScopeVisitor)
    }
}

/// An article number: text, or a whole number (`6`); a decimal such as
/// `1.3` must be quoted, since `1.10` would be read as `1.1`.
struct ArticleNumber(String);

impl<'de> Deserialize<'de> for ArticleNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl<'de> Visitor<'de> for NumberVisitor {
            type Value = ArticleNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an article number in quotes, such as `\"1.3\"`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ArticleNumber, E> {
                Ok(ArticleNumber(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ArticleNumber, E> {
                Ok(ArticleNumber(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ArticleNumber, E> {
                Ok(ArticleNumber(v.to_string()))
            }
        }
        d.deserialize_any(NumberVisitor)
    }
}

/// A finding: a test of the rule language that a monitor or an
/// investigating body established (or established did not hold), on its
/// own evidence.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFinding {
    /// `crosses`, `in`, `side`, `directed_at`, `knowledge`, `means`,
    /// `measures`, or an element the rulebook declares.
    pub test: String,
    #[serde(default)]
    pub line: Option<String>,
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(default)]
    pub side: Option<String>,
    /// For `crosses`: the side the crossing started from.
    #[serde(default)]
    pub from: Option<String>,
    /// For `in` and `side`: `place` (the default), `origin` or `target`.
    #[serde(default)]
    pub field: Option<String>,
    /// For `directed_at`: a party, `own_area` or `intruder`.
    #[serde(default)]
    pub object: Option<String>,
    /// For an element about another event (the attack a response
    /// answered): that event's id.
    #[serde(default)]
    pub of: Option<String>,
    /// `false` when the body established that the test does not hold.
    #[serde(default = "yes")]
    pub holds: bool,
    /// Who established it: `UNC Special Investigation Team`.
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
    #[serde(default, alias = "says")]
    pub text: Option<String>,
}

fn yes() -> bool {
    true
}

/// An act an event implies, judged as an event of its own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImplied {
    pub act: String,
    /// The inference, in words: why the event implies the act.
    pub because: String,
    /// Its id; `PARENT/N` (the Nth act the event implies) when left out.
    #[serde(default)]
    pub id: Option<String>,
    /// When it happened; the implying event's time when left out.
    #[serde(default)]
    pub time: Option<RawTime>,
    #[serde(default)]
    pub place: Option<RawImpliedPosition>,
    #[serde(default)]
    pub origin: Option<RawImpliedPosition>,
    #[serde(default)]
    pub target: Option<RawImpliedPosition>,
    #[serde(default)]
    pub findings: Vec<RawFinding>,
}

/// A position of an implied act: its own, or one of the implying event's
/// (`place`, `origin` or `target`), by name.
#[derive(Debug)]
pub enum RawImpliedPosition {
    Field(String),
    Position(Box<RawPosition>),
}

impl<'de> Deserialize<'de> for RawImpliedPosition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PositionVisitor;
        impl<'de> Visitor<'de> for PositionVisitor {
            type Value = RawImpliedPosition;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a position `{lat, lon}`, or `place`, `origin` or `target` of the implying event")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawImpliedPosition::Field(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let position =
                    RawPosition::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawImpliedPosition::Position(Box::new(position)))
            }
        }
        d.deserialize_any(PositionVisitor)
    }
}

/// The scope of an authorisation; a part left out does not limit it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrants {
    /// The units it covers.
    #[serde(default)]
    pub units: Option<Vec<String>>,
    /// The weapon types they may carry or use.
    #[serde(default)]
    pub weapons: Option<Vec<String>>,
    /// How far from the authorisation's `place` it reaches, in metres.
    #[serde(default)]
    pub radius_m: Option<f64>,
    /// When it takes effect and when it lapses (RFC 3339).
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    #[serde(default)]
    pub party: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    /// `official`, `defector`, `deserter`, `civilian`, `private` or `unknown`.
    #[serde(default)]
    pub capacity: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeapon {
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub calibre_mm: Option<f64>,
    #[serde(default)]
    pub rounds: Option<u32>,
    /// How many weapons of this kind; one when left out.
    #[serde(default)]
    pub count: Option<u32>,
}

/// `facts: {force: police, personnel: 120}`, in the order written.
#[derive(Debug, Default)]
pub struct RawFacts(pub Vec<(String, RawFactValue)>);

/// A value of a declared fact: a category's value, or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum RawFactValue {
    Word(String),
    Number(f64),
}

impl<'de> Deserialize<'de> for RawFactValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl Visitor<'_> for ValueVisitor {
            type Value = RawFactValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value's name, such as `police`, or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(RawFactValue::Word(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawFactValue::Number(v as f64))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(RawFactValue::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(RawFactValue::Number(v))
            }
        }
        d.deserialize_any(ValueVisitor)
    }
}

impl<'de> Deserialize<'de> for RawFacts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FactsVisitor;
        impl<'de> Visitor<'de> for FactsVisitor {
            type Value = RawFacts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("facts by name, such as `{force: police, personnel: 120}`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFacts, A::Error> {
                let mut facts: Vec<(String, RawFactValue)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if facts.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("`{key}` is given twice")));
                    }
                    let value = map.next_value()?;
                    facts.push((key, value));
                }
                Ok(RawFacts(facts))
            }
        }
        d.deserialize_map(FactsVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPoint {
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub accuracy_m: Option<f64>,
}

/// A fix `{lat, lon, accuracy_m}`, or a bearing from an observer
/// `{observer: {lat, lon}, bearing_deg, bearing_spread_deg, min_range_m, max_range_m}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPosition {
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub accuracy_m: Option<f64>,
    #[serde(default)]
    pub observer: Option<RawPoint>,
    #[serde(default)]
    pub bearing_deg: Option<f64>,
    #[serde(default)]
    pub bearing_spread_deg: Option<f64>,
    #[serde(default)]
    pub min_range_m: Option<f64>,
    #[serde(default)]
    pub max_range_m: Option<f64>,
    /// A zone or locality of the rulebook the event lies in.
    #[serde(default)]
    pub area: Option<String>,
    /// An MGRS grid square: `37U DP 07 32`.
    #[serde(default)]
    pub grid: Option<String>,
    /// A box of latitudes and longitudes.
    #[serde(default, rename = "box")]
    pub bbox: Option<RawBox>,
    /// A side of the line `of`: a party holding it, or a compass word.
    #[serde(default)]
    pub side: Option<String>,
    #[serde(default)]
    pub of: Option<String>,
    /// How far from the line the side reaches.
    #[serde(default)]
    pub within_m: Option<f64>,
}

/// `{south, west, north, east}`: a box from its south-west corner to its
/// north-east corner, in decimal degrees.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffects {
    #[serde(default)]
    pub killed: Option<u32>,
    #[serde(default)]
    pub wounded: Option<u32>,
    #[serde(default)]
    pub damage: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    pub source: String,
    pub kind: EvidenceKind,
    pub grade: String,
    /// `occurrence`, `attribution` or `both` (the default).
    #[serde(default)]
    pub about: About,
    #[serde(default, alias = "says")]
    pub text: Option<String>,
}

/// What a piece of evidence bears on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum About {
    Occurrence,
    Attribution,
    #[default]
    Both,
}

/// How a piece of evidence was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Observation,
    Sensor,
    Investigation,
    PartyClaim,
    Admission,
}

impl EvidenceKind {
    /// As the event format writes it: `party_claim`.
    pub fn name(self) -> &'static str {
        match self {
            EvidenceKind::Observation => "observation",
            EvidenceKind::Sensor => "sensor",
            EvidenceKind::Investigation => "investigation",
            EvidenceKind::PartyClaim => "party_claim",
            EvidenceKind::Admission => "admission",
        }
    }
}

/// `2015-08-20T15:52:00+09:00`, or a window `{from: ..., to: ...}`.
#[derive(Debug)]
pub enum RawTime {
    At(String),
    Window { from: String, to: String },
}

impl<'de> Deserialize<'de> for RawTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl<'de> Visitor<'de> for TimeVisitor {
            type Value = RawTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an RFC 3339 time with an offset, or a window {from, to}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTime, E> {
                Ok(RawTime::At(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTime, A::Error> {
                let (mut from, mut to) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "from" => from = Some(map.next_value()?),
                        "to" => to = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, &["from", "to"])),
                    }
                }
                let from = from.ok_or_else(|| de::Error::missing_field("from"))?;
                let to = to.ok_or_else(|| de::Error::missing_field("to"))?;
                Ok(RawTime::Window { from, to })
            }
        }
        d.deserialize_any(TimeVisitor)
    }
}

/// One event id or a list of them; each id may come with who asserts the
/// link and on what evidence: `{event: E-1, by: ..., evidence: [...]}`.
#[derive(Debug, Default)]
pub struct Ids(pub Vec<RawLink>);

/// A link to another event, with what it rests on when recorded.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub event: String,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

impl RawLink {
    fn bare(id: String) -> RawLink {
        RawLink {
            event: id,
            by: None,
            evidence: Vec::new(),
        }
    }
}

/// An id, or a link with its evidence.
struct LinkItem(RawLink);

impl<'de> Deserialize<'de> for LinkItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LinkVisitor;
        impl<'de> Visitor<'de> for LinkVisitor {
            type Value = LinkItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event id, or `{event: ID, by: ..., evidence: [...]}`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LinkItem, E> {
                Ok(LinkItem(RawLink::bare(v.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<LinkItem, A::Error> {
                let link = RawLink::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(LinkItem(link))
            }
        }
        d.deserialize_any(LinkVisitor)
    }
}

impl<'de> Deserialize<'de> for Ids {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IdsVisitor;
        impl<'de> Visitor<'de> for IdsVisitor {
            type Value = Ids;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event id or a list of event ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ids, E> {
                Ok(Ids(vec![RawLink::bare(v.to_owned())]))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Ids, A::Error> {
                let link = RawLink::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Ids(vec![link]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ids, A::Error> {
                let mut ids = Vec::new();
                while let Some(LinkItem(link)) = seq.next_element()? {
                    ids.push(link);
                }
                Ok(Ids(ids))
            }
        }
        d.deserialize_any(IdsVisitor)
    }
}

/// An event's `id`: text as written, never null. A YAML plain scalar is
/// read as its text (`0x1F`, `3.10` and `true` stay as written), but an
/// unquoted `~` or `null`, or an empty value, is no id: YAML reads it as
/// a string when asked for one, so the id is first asked for as an option.
/// `id: "~"`, quoted, is the id `~`.
fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct IdVisitor;
    impl<'de> Visitor<'de> for IdVisitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an id: text, such as `K-1`")
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            String::deserialize(d)
        }
        fn visit_none<E: de::Error>(self) -> Result<String, E> {
            Err(E::custom(
                "null; give the event an id (quote it, `\"~\"`, to use that text)",
            ))
        }
        fn visit_unit<E: de::Error>(self) -> Result<String, E> {
            self.visit_none()
        }
    }
    d.deserialize_option(IdVisitor)
}
