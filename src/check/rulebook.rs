//! The checked rulebook: every name resolved to an index, every kind
//! checked, every geometry loaded. Evaluation reads only this.

use geo::{MultiLineString, MultiPolygon};

use crate::ast::Compass;
use jiff::Timestamp;

use super::cond::{CapacitySet, Cond, PointField};
use crate::name::Name;
use crate::span::{Source, Span};

/// Index of a party or monitor in [`Rulebook::parties`].
pub type PartyIdx = u16;
/// Index of an act in [`Rulebook::acts`].
pub type ActIdx = u16;

#[derive(Debug)]
pub struct Rulebook {
    pub title: Name,
    /// Where the text comes from, as the `source` line says.
    pub provenance: Option<String>,
    pub file: Source,
    /// Geometry files the rulebook read, as paths from the working directory.
    pub geometry_files: Vec<(std::path::PathBuf, String)>,
    /// Rule files it imported from, as paths from the working directory.
    pub imported_files: Vec<(std::path::PathBuf, String)>,
    /// SHA-256 of the root rule file's bytes as they were read, when read
    /// from a file: a report names what was judged, not what the file
    /// holds later.
    pub sha256: Option<String>,
    pub signed: Option<Instant>,
    pub in_force: Instant,
    pub parties: Vec<Party>,
    /// Its parties' counterparts in other instruments, in header order.
    pub counterparts: Vec<Counterpart>,
    pub acts: Vec<Act>,
    pub act_classes: Vec<ActClass>,
    pub weapon_classes: Vec<WeaponClass>,
    pub lines: Vec<Line>,
    pub zones: Vec<Zone>,
    /// The area each party holds, where the rulebook gives one (`area UA =
    /// ...`): the party, and its zone by index into [`Rulebook::zones`].
    pub areas: Vec<(PartyIdx, usize)>,
    /// Maximum ranges by weapon type, in metres, sorted by type.
    pub reaches: Vec<(Name, f64)>,
    pub deadlines: Vec<Deadline>,
    /// Per-party suspensions and repudiations, in rulebook order.
    pub suspensions: Vec<Suspension>,
    /// Recommitments, in time order.
    pub regimes: Vec<Regime>,
    /// Who may change what while the agreement runs, in rulebook order.
    pub changes: Vec<ChangeRule>,
    /// The standards of proof: the built-in ones, as redefined, then others.
    pub standards: Vec<Standard>,
    /// Open questions of law, each with the setting in effect.
    pub doctrines: Vec<Doctrine>,
    /// Findings over many events.
    pub patterns: Vec<Pattern>,
    /// Tests decided from the record or, where it cannot, by findings.
    pub elements: Vec<Element>,
    /// Standards of conduct for a duty to prevent.
    pub diligences: Vec<Diligence>,
    /// Facts of the rulebook's own that events record: kinds named by a
    /// value, and numbers.
    pub categories: Vec<Category>,
    pub quantities: Vec<Quantity>,
    /// What a party may hold in a zone at any instant.
    pub ceilings: Vec<Ceiling>,
    /// The capacities in which an actor's acts are its party's own, unless
    /// an article says otherwise (`imputable`; `official` by default).
    pub imputable: CapacitySet,
    pub articles: Vec<Article>,
    pub exceptions: Vec<Exception>,
}

pub use crate::ast::Effect;

/// A question of law the rulebook leaves open: its settings, and the one in
/// effect (the rulebook's default, or one set on the command line).
#[derive(Debug, Clone)]
pub struct Doctrine {
    pub name: String,
    pub options: Vec<String>,
    pub default: usize,
    pub setting: usize,
    pub set_by: SetBy,
    pub text: Option<Name>,
}

/// `pattern barrage = 10 within 24 h where ...`: at least `count`
/// established acts by one party, each meeting `condition`, within `window`.
#[derive(Debug)]
pub struct Pattern {
    pub name: Name,
    pub text: Option<Name>,
    pub count: usize,
    pub window: jiff::SignedDuration,
    /// As written: `24 h`.
    pub window_written: String,
    pub condition: Cond,
}

/// `element ongoing of attack "text" = time within 30 min after attack.time`:
/// a test the rulebook names, decided by its definition where the record
/// decides it and otherwise by a finding that names it.
#[derive(Debug)]
pub struct Element {
    pub name: Name,
    pub text: Option<Name>,
    /// For an element about the judged event and another (the attack a
    /// response answered): the name the other goes by in the definition.
    pub param: Option<String>,
    /// How the record decides it; `None`: by findings only.
    pub definition: Option<Cond>,
}

/// `diligence due_diligence { knowledge when ... }`: when a party that
/// must prevent an act has failed to. Each element is decided by its
/// condition where the record decides it, otherwise by a finding.
#[derive(Debug)]
pub struct Diligence {
    pub name: Name,
    pub text: Option<Name>,
    /// By [`DiligenceElement`](super::DiligenceElement) order: knowledge,
    /// means, measures; `None` where only findings decide it.
    pub elements: [Option<Cond>; 3],
}

/// `category force "the kind of force" [army, police]`: a fact events
/// record as one of its values.
#[derive(Debug)]
pub struct Category {
    pub name: Name,
    pub text: Option<Name>,
    pub values: Vec<Name>,
}

/// `quantity personnel "men under arms" count`, `quantity range "..." in km`:
/// a number events record.
#[derive(Debug)]
pub struct Quantity {
    pub name: Name,
    pub text: Option<Name>,
    /// The unit events record it in; `None`: a count, a whole number.
    pub unit: Option<crate::ast::Unit>,
}

impl Quantity {
    /// What it measures: `None` for a count.
    pub fn dimension(&self) -> Option<crate::ast::Dimension> {
        self.unit.map(crate::ast::Unit::dimension)
    }
}

/// `ceiling NAME = at most 6000 personnel, 75 weapons of class tank in ZONE
/// where CONDITION`: what one party may hold in a zone at any instant, summed
/// over the latest report of each of its units.
#[derive(Debug)]
pub struct Ceiling {
    pub name: Name,
    pub text: Option<Name>,
    pub limits: Vec<CeilingLimit>,
    /// By index into [`Rulebook::zones`].
    pub zone: usize,
    /// `place in ZONE`, the test each report's place is put to (findings of
    /// the zone count, as in any condition).
    pub inside: Cond,
    /// Which events report a unit's holdings.
    pub condition: Cond,
}

/// `6000 personnel`: at most that many of what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CeilingLimit {
    pub at_most: u64,
    pub counted: Counted,
}

/// What a limit of a ceiling counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// A quantity the rulebook declares, by index into [`Rulebook::quantities`].
    Quantity(usize),
    /// Weapons, of a class (by index into [`Rulebook::weapon_classes`]) or of any.
    Weapons { class: Option<usize> },
}

impl Rulebook {
    /// The category or quantity of that name, if the rulebook declares one.
    pub fn declared_fact(&self, name: &str) -> Option<DeclaredFact<'_>> {
        if let Some(c) = self.categories.iter().find(|c| &*c.name == name) {
            return Some(DeclaredFact::Category(c));
        }
        let q = self.quantities.iter().find(|q| &*q.name == name)?;
        Some(DeclaredFact::Quantity(q))
    }
}

/// A fact of the rulebook's own.
#[derive(Debug, Clone, Copy)]
pub enum DeclaredFact<'a> {
    Category(&'a Category),
    Quantity(&'a Quantity),
}

/// Who chose a doctrine's setting; the JSON report names it as a verdict
/// says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SetBy {
    #[serde(rename = "rulebook")]
    Rulebook,
    #[serde(rename = "command line")]
    CommandLine,
    /// A curated case's manifest (`truce test`).
    #[serde(rename = "case manifest")]
    Case,
}

/// `doctrine who_fired_first is irrelevant`, as indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoctrineTest {
    pub doctrine: usize,
    pub setting: usize,
}

impl Doctrine {
    pub fn setting_name(&self) -> &str {
        &self.options[self.setting]
    }
}

impl Rulebook {
    /// The standard of proof of that name (`preponderance` is always there).
    pub fn standard(&self, name: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| &*s.name == name)
    }

    /// Whether a doctrine test holds under the settings in effect.
    pub fn holds(&self, t: DoctrineTest) -> bool {
        self.doctrines[t.doctrine].setting == t.setting
    }

    /// Puts every doctrine back to the rulebook's default.
    pub fn reset_doctrines(&mut self) {
        for d in &mut self.doctrines {
            d.setting = d.default;
            d.set_by = SetBy::Rulebook;
        }
    }

    /// Sets a doctrine, from the command line or a case. `Ok(false)` when the rulebook
    /// declares no doctrine of that name; an error for a setting it lacks.
    pub fn set_doctrine(&mut self, name: &str, setting: &str, by: SetBy) -> Result<bool, String> {
        let Some(d) = self.doctrines.iter_mut().find(|d| d.name == name) else {
            return Ok(false);
        };
        match d.options.iter().position(|o| o == setting) {
            Some(i) => {
                d.setting = i;
                d.set_by = by;
                Ok(true)
            }
            None => Err(format!(
                "doctrine `{name}` has no setting `{setting}`; its settings are {}",
                d.options
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// An instant written in the rulebook, kept with its wording for
/// explanations: exact (`1953-07-27 22:00 Asia/Seoul`), or known only to
/// the day (`2025-09-03 Europe/Kyiv`), when it may be any instant of that
/// day in that zone, from its first to its last.
#[derive(Debug, Clone)]
pub struct Instant {
    /// The instant, or the first it may be: the start of its day.
    pub at: Timestamp,
    /// The last instant it may be: `at` itself when exact, the last
    /// nanosecond before the next day when known only to the day.
    pub last: Timestamp,
    /// As written: `1953-07-27 22:00 Asia/Seoul`, `2025-09-03 Europe/Kyiv`.
    pub written: String,
    /// The zone it was written in: calendar days are counted there.
    pub tz: jiff::tz::TimeZone,
}

impl Instant {
    /// An exact instant.
    pub fn exact(at: Timestamp, written: String, tz: jiff::tz::TimeZone) -> Instant {
        Instant {
            at,
            last: at,
            written,
            tz,
        }
    }

    /// Whether only its day is known, not its hour.
    pub fn is_day(&self) -> bool {
        self.at != self.last
    }

    /// Whether it has surely come by `t`: `Some(true)` when even its
    /// latest possible instant is no later than `t`, `Some(false)` when
    /// even its earliest is after `t`, `None` when `t` falls within its day.
    pub fn passed_by(&self, t: Timestamp) -> Option<bool> {
        if self.last <= t {
            Some(true)
        } else if t < self.at {
            Some(false)
        } else {
            None
        }
    }
}

/// A deadline and every extension of it, in the order they were agreed.
#[derive(Debug)]
pub struct Deadline {
    pub name: String,
    pub schedule: Vec<Due>,
}

/// One due instant of a deadline: the original, or an extension agreed later.
#[derive(Debug, Clone)]
pub struct Due {
    pub at: Instant,
    /// How it was set: `72 h after entry into force`.
    pub how: String,
    /// When an extension was agreed; `None` for the original deadline.
    pub agreed: Option<Instant>,
    /// For an extension: the rulebook's text for it.
    pub text: Option<Name>,
    /// For an extension that names who agreed it: the `change`
    /// declarations that allow them (it has effect when one of them does,
    /// under its doctrine setting). Empty: the rulebook vouches for it.
    pub rules: Vec<usize>,
}

impl Deadline {
    /// The due instant in force at `t`: the latest extension surely
    /// agreed by then (one agreed on a day known without its hour counts
    /// from the end of that day).
    pub fn due_at(&self, t: Timestamp) -> &Due {
        self.schedule
            .iter()
            .rev()
            .find(|d| d.agreed.as_ref().is_none_or(|a| a.last <= t))
            .unwrap_or(&self.schedule[0])
    }
}

/// A party's suspension or repudiation of the agreement, or of some articles.
#[derive(Debug)]
pub struct Suspension {
    pub party: PartyIdx,
    /// Indices into [`Rulebook::articles`]; empty for the whole agreement.
    pub articles: Vec<usize>,
    pub repudiation: bool,
    pub from: Instant,
    pub until: Option<Instant>,
    /// Given effect only under this doctrine setting.
    pub when: Option<DoctrineTest>,
    pub text: Option<Name>,
    /// The `change` declarations that allow the party to make it (it has
    /// effect when one of them does, under its doctrine setting). Empty
    /// when the rulebook declares none for this kind of change.
    pub rules: Vec<usize>,
}

impl Suspension {
    /// Whether it bears on the whole agreement (`article` is `None`), or on
    /// that article: a suspension of the whole covers every article.
    pub fn covers(&self, article: Option<usize>) -> bool {
        match article {
            None => self.articles.is_empty(),
            Some(a) => self.articles.is_empty() || self.articles.contains(&a),
        }
    }

    /// Whether the rulebook's doctrine settings give it effect.
    pub fn effective(&self, rulebook: &Rulebook) -> bool {
        self.when.is_none_or(|t| rulebook.holds(t)) && rulebook.any_allows(&self.rules)
    }

    /// The doctrine that denies it effect, if one does.
    pub fn denied_by(&self, rulebook: &Rulebook) -> Option<DoctrineTest> {
        match self.when.filter(|t| !rulebook.holds(*t)) {
            Some(t) => Some(t),
            None => rulebook.denying(&self.rules),
        }
    }

    /// The doctrines its effect depends on.
    pub fn doctrines<'r>(&'r self, rulebook: &'r Rulebook) -> impl Iterator<Item = usize> + 'r {
        let rules = self.rules.iter().filter_map(|r| rulebook.changes[*r].when);
        self.when.into_iter().chain(rules).map(|t| t.doctrine)
    }

    pub fn kind(&self) -> StatusKind {
        if self.repudiation {
            StatusKind::Repudiation
        } else {
            StatusKind::Suspension
        }
    }

    pub fn word(&self) -> &'static str {
        if self.repudiation {
            "repudiated"
        } else {
            "suspended"
        }
    }
}

pub use crate::ast::StatusKind;

/// `change deadline withdrawal by IL and LB together`: who may change what
/// while the agreement runs. A change recorded as an event takes effect
/// only when a declaration of this kind allows it.
#[derive(Debug)]
pub struct ChangeRule {
    pub target: ChangeTarget,
    pub by: Changer,
    /// Allowed only under this doctrine setting.
    pub when: Option<DoctrineTest>,
    /// The standard each consent must meet, by index into
    /// [`Rulebook::standards`].
    pub proof: usize,
    pub text: Option<Name>,
}

/// What may be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeTarget {
    /// A deadline, by index into [`Rulebook::deadlines`].
    Deadline(usize),
    /// A party's own obligations: all of them (`articles` empty), or those
    /// of some articles (indices into [`Rulebook::articles`]).
    Status {
        kind: StatusKind,
        articles: Vec<usize>,
    },
}

/// Who may make a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changer {
    /// Any party, alone, for itself.
    EachParty,
    /// Every one of these (one, or several together) must consent.
    Together(Vec<PartyIdx>),
}

impl ChangeTarget {
    /// Whether a rule about `self` reaches a change of `other`: the same
    /// deadline, or the same kind of change to articles the rule names (a
    /// rule naming none reaches all).
    pub fn reaches(&self, other: &ChangeTarget) -> bool {
        match (self, other) {
            (ChangeTarget::Deadline(a), ChangeTarget::Deadline(b)) => a == b,
            (
                ChangeTarget::Status { kind, articles },
                ChangeTarget::Status {
                    kind: k,
                    articles: wanted,
                },
            ) => {
                kind == k
                    && (articles.is_empty()
                        || (!wanted.is_empty() && wanted.iter().all(|a| articles.contains(a))))
            }
            (ChangeTarget::Deadline(_) | ChangeTarget::Status { .. }, _) => false,
        }
    }

    /// Whether it is the same kind of change as `other`, whatever its scope.
    pub fn same_kind(&self, other: &ChangeTarget) -> bool {
        match (self, other) {
            (ChangeTarget::Deadline(a), ChangeTarget::Deadline(b)) => a == b,
            (ChangeTarget::Status { kind, .. }, ChangeTarget::Status { kind: k, .. }) => kind == k,
            (ChangeTarget::Deadline(_) | ChangeTarget::Status { .. }, _) => false,
        }
    }
}

impl ChangeRule {
    /// Whether it lets `by` (every one of them consenting) make it;
    /// `is_party` tells parties from monitors and mediators.
    pub fn allows(&self, by: &[PartyIdx], is_party: impl Fn(PartyIdx) -> bool) -> bool {
        match &self.by {
            Changer::EachParty => !by.is_empty() && by.iter().all(|p| is_party(*p)),
            Changer::Together(needed) => needed.iter().all(|p| by.contains(p)),
        }
    }
}

impl Rulebook {
    /// Whether one of these rules has effect under the doctrine settings
    /// (true when there are none: the rulebook vouches for the change).
    pub fn any_allows(&self, rules: &[usize]) -> bool {
        rules.is_empty()
            || rules
                .iter()
                .any(|r| self.changes[*r].when.is_none_or(|t| self.holds(t)))
    }

    /// The doctrine setting that denies these rules effect, when every one
    /// of them is denied.
    pub fn denying(&self, rules: &[usize]) -> Option<DoctrineTest> {
        if self.any_allows(rules) {
            return None;
        }
        rules.iter().find_map(|r| self.changes[*r].when)
    }
}

/// A recommitment that starts the ceasefire anew.
#[derive(Debug)]
pub struct Regime {
    pub name: String,
    pub from: Instant,
    pub text: Option<Name>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Party,
    Monitor,
    /// An armed group or other actor that is not a party; the party it is
    /// declared under answers for its acts.
    Group,
    /// An actor no party answers for (a third state's forces, a group under
    /// no party); `reached`: the instrument's prohibitions are read as
    /// reaching its acts, so a breach is reported as inconsistent with the
    /// agreement, not as a party's violation.
    NonParty {
        reached: bool,
    },
    /// A mediator or guarantor: its statements and decisions are context.
    Mediator,
}

impl Role {
    /// Bound by the agreement: a party, or a group through its party.
    pub fn is_bound(self) -> bool {
        match self {
            Role::Party | Role::Group => true,
            Role::Monitor | Role::NonParty { .. } | Role::Mediator => false,
        }
    }

    /// A body whose acts are context for others' (monitors, mediators).
    pub fn is_observer(self) -> bool {
        match self {
            Role::Monitor | Role::Mediator => true,
            Role::Party | Role::Group | Role::NonParty { .. } => false,
        }
    }
}

#[derive(Debug)]
pub struct Party {
    pub id: Name,
    pub name: String,
    pub role: Role,
    /// For a group: the party that answers for its acts.
    pub under: Option<PartyIdx>,
}

/// `party ROK "..." under UNC in "Korean Armistice Agreement"`: a party's
/// forces as another instrument names them.
#[derive(Debug, Clone)]
pub struct Counterpart {
    pub party: PartyIdx,
    pub kind: crate::ast::CounterpartKind,
    /// The other instrument's party.
    pub other: Name,
    /// The other instrument's title.
    pub instrument: Name,
    /// The declaration (`as KPA in "..."`), the other party's name and the
    /// title in it, for diagnostics that need the other instrument.
    pub span: Span,
    pub other_at: Span,
    pub instrument_at: Span,
}

#[derive(Debug)]
pub struct Act {
    pub name: Name,
    pub description: String,
}

/// A set of acts, as a bit set over [`ActIdx`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActSet(Vec<u64>);

impl ActSet {
    pub fn insert(&mut self, act: ActIdx) {
        let (word, bit) = (usize::from(act) / 64, act % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    pub fn union(&mut self, other: &ActSet) {
        for (i, w) in other.0.iter().enumerate() {
            if self.0.len() <= i {
                self.0.push(0);
            }
            self.0[i] |= w;
        }
    }

    pub fn contains(&self, act: ActIdx) -> bool {
        let (word, bit) = (usize::from(act) / 64, act % 64);
        self.0.get(word).is_some_and(|w| w & (1 << bit) != 0)
    }
}

#[derive(Debug)]
pub struct ActClass {
    pub name: String,
    pub members: ActSet,
}

/// A weapon class: a condition over one weapon.
#[derive(Debug)]
pub struct WeaponClass {
    pub name: String,
    pub condition: Cond,
}

#[derive(Debug)]
pub struct Line {
    pub name: String,
    pub shape: LineShape,
    /// Where the geometry came from: a file name, `inline`, or `per party`.
    pub origin: String,
    /// The side of the line each party holds.
    pub held: Vec<(PartyIdx, Side)>,
    /// The side that lies towards north, south, east and west, where the
    /// line's general course makes that clear.
    pub compass: [Option<Side>; 4],
    /// `extended`: its sides reach beyond its ends, along its first and last
    /// segments, so a position beyond an end still has a side.
    pub extended: bool,
    /// A spatial index of a drawn line's segments, for long lines.
    pub index: Option<super::index::SegmentIndex>,
    /// Where a drawn line's geometry is written (its file, or its list of
    /// points), for diagnostics about it.
    pub geometry_span: Option<Span>,
    /// The holdings as written, for diagnostics (`held` is what evaluation reads).
    pub holdings: Vec<HoldingAt>,
}

/// `UA holds side of (38.405, 48.150)`, as written: its party and side,
/// where it is written, and the reference point that names the side.
#[derive(Debug, Clone)]
pub struct HoldingAt {
    pub party: PartyIdx,
    pub side: Side,
    pub span: Span,
    pub point: Option<(f64, f64)>,
}

#[derive(Debug)]
pub enum LineShape {
    Drawn(MultiLineString),
    /// Each party measures from its own line (indices into [`Rulebook::lines`]).
    PerParty(Vec<(PartyIdx, usize)>),
}

/// A side of a line, looking along it from its first point to its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// Which side of a line a zone or a test means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideSel {
    Each,
    /// The side held by the party of the event's actor.
    Own,
    Compass(Compass),
    /// The side held by a party.
    Party(PartyIdx),
}

#[derive(Debug)]
pub struct Zone {
    pub name: String,
    pub shape: ZoneExpr,
    /// Its name as declared (for a party's area, the party as `area`
    /// names it), for diagnostics.
    pub span: Span,
    /// Points the rulebook says it contains (`contains (lon, lat) "label"`).
    pub contains: Vec<ContainedPoint>,
    /// For a zone made of several polygons: which combinations of them
    /// the ground holds, so a position on a border they share is decided
    /// on the zone as a whole (see `overlay.rs`).
    pub overlay: Option<Box<Overlay>>,
}

/// A point a zone must contain: `(125.70, 37.665) "Yeonpyeong-do"`.
#[derive(Debug, Clone)]
pub struct ContainedPoint {
    pub lon: f64,
    pub lat: f64,
    /// The point as written: `(125.70, 37.665)`.
    pub written: String,
    pub label: Option<String>,
    pub span: Span,
}

/// The faces of the overlay of a zone's polygons.
#[derive(Debug)]
pub struct Overlay {
    /// The polygons, each as (the zone whose own expression holds it, its
    /// number there, counting left to right).
    pub polygons: Vec<(usize, u16)>,
    /// The ground in exactly the polygons of each mask (bit `i` for
    /// `polygons[i]`), for every mask whose ground is not empty.
    pub faces: Vec<(u8, MultiPolygon)>,
    /// The ground in at least one of them.
    pub union: MultiPolygon,
}

/// A zone as the rulebook builds it: bands along lines, discs, polygons, and
/// other zones combined. Membership combines in three-valued logic, so an
/// uncertain position stays unknown through every combination.
#[derive(Debug)]
pub enum ZoneExpr {
    /// Within `metres` of a line, on one side or both.
    Buffer {
        line: usize,
        metres: f64,
        side: SideSel,
    },
    /// Within `metres` of a point; `span` is the point as written.
    Around {
        lon: f64,
        lat: f64,
        metres: f64,
        span: Span,
    },
    /// Polygons, and where they are written (a file, or a list of points).
    Polygon(MultiPolygon, Span),
    /// Another zone, by index into [`Rulebook::zones`].
    Zone(usize),
    And(Box<ZoneExpr>, Box<ZoneExpr>),
    Or(Box<ZoneExpr>, Box<ZoneExpr>),
    Not(Box<ZoneExpr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub const NAMES: [&str; 3] = ["low", "medium", "high"];

    pub fn parse(name: &str) -> Option<Severity> {
        Some(match name {
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A standard of proof: how much evidence a finding needs, as named and
/// documented thresholds over graded evidence that a rulebook can redefine.
#[derive(Debug, Clone)]
pub struct Standard {
    pub name: Name,
    /// Met when any alternative is: `count` independent sources, each graded
    /// `reliability`/`credibility` or better.
    pub bars: Vec<Bar>,
}

/// `2 at C3`: two independent sources graded C3 or better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub count: usize,
    pub reliability: char,
    pub credibility: u8,
}

impl Standard {
    /// The standards every rulebook has unless it redefines them.
    pub fn builtins() -> Vec<Standard> {
        let bar = |count, reliability, credibility| Bar {
            count,
            reliability,
            credibility,
        };
        vec![
            Standard {
                name: "preponderance".into(),
                bars: vec![bar(1, 'C', 3)],
            },
            Standard {
                name: "clear_and_convincing".into(),
                bars: vec![bar(1, 'B', 2), bar(2, 'C', 3)],
            },
            Standard {
                name: "beyond_reasonable_doubt".into(),
                bars: vec![bar(1, 'A', 1), bar(2, 'B', 2)],
            },
        ]
    }
}

/// Who answers for a violation of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Responsible {
    /// The party of the actor (the default).
    ActorParty,
    /// A named party, whoever acted.
    Party(PartyIdx),
    /// The party that controls the place an act came from, happened in or
    /// was aimed at: it must prevent acts from its area.
    Controller(PointField),
}

#[derive(Debug)]
pub struct Article {
    /// Its label as the instrument writes it, quoted verbatim in verdicts.
    pub number: Name,
    /// Shared by every finding that quotes it.
    pub text: Name,
    pub violation: Cond,
    pub responsible: Responsible,
    /// Indices into [`Rulebook::standards`]: for occurrence, and for
    /// attribution to the responsible party.
    pub proof: usize,
    pub attribution: usize,
    pub severity: Severity,
    /// The capacities in which the actor's act is its party's own.
    pub imputable: CapacitySet,
    /// `duty prevent`: the actor's party also answers, for failing to
    /// prevent it, for an act of its people that is not its own.
    pub duty_prevent: bool,
    /// The standard of conduct a duty to prevent is judged by, by index
    /// into [`Rulebook::diligences`], and the doctrine setting under which
    /// it is (always, without one); otherwise the party answers for the act
    /// as such.
    pub diligence: Option<(usize, Option<DoctrineTest>)>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Exception {
    pub name: Name,
    pub text: Option<Name>,
    pub effect: Effect,
    /// Indices into [`Rulebook::articles`].
    pub overrides: Vec<usize>,
    /// Indices into [`Rulebook::exceptions`] of those it prevails over.
    pub over: Vec<usize>,
    /// The standard its findings and links must meet, by index into
    /// [`Rulebook::standards`].
    pub proof: usize,
    pub condition: Cond,
    pub span: Span,
}

impl Line {
    pub fn drawn(&self) -> Option<&MultiLineString> {
        match &self.shape {
            LineShape::Drawn(g) => Some(g),
            LineShape::PerParty(_) => None,
        }
    }

    /// The side held by a party, if it holds one.
    pub fn held_by(&self, party: PartyIdx) -> Option<Side> {
        self.held.iter().find(|(p, _)| *p == party).map(|(_, s)| *s)
    }

    /// The side towards a compass point, if the line's course makes it clear.
    pub fn towards(&self, compass: Compass) -> Option<Side> {
        self.compass[compass as usize]
    }
}

impl Rulebook {
    /// The maximum range declared for a weapon type, in metres.
    pub fn reach(&self, weapon_type: &str) -> Option<f64> {
        self.reaches
            .binary_search_by(|(t, _)| (**t).cmp(weapon_type))
            .ok()
            .map(|i| self.reaches[i].1)
    }

    pub fn party(&self, id: &str) -> Option<PartyIdx> {
        self.parties
            .iter()
            .position(|p| &*p.id == id)
            .and_then(|i| PartyIdx::try_from(i).ok())
    }

    pub fn act(&self, name: &str) -> Option<ActIdx> {
        self.acts
            .iter()
            .position(|a| &*a.name == name)
            .and_then(|i| ActIdx::try_from(i).ok())
    }
}
