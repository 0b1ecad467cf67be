//! Rulebook-level constructs: the agreement header and the declarations.

use crate::span::{Span, Spanned};

use super::{Compass, Path, Quantity, SExpr, Unit};

pub type Ident = Spanned<String>;

/// A whole rule file.
#[derive(Debug, Clone, PartialEq)]
pub struct Rulebook {
    pub agreement: Agreement,
    pub declarations: Vec<Declaration>,
    /// The headers of the agreements it imports from (set when imports are
    /// linked), so that a counterpart in one of them can be checked.
    pub imported: Vec<Agreement>,
    pub span: Span,
}

/// `agreement "Title" { ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub title: Spanned<String>,
    pub items: Vec<HeaderItem>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HeaderItem {
    Source(Spanned<String>),
    Signed(Spanned<DateTimeLit>),
    InForce(Spanned<DateTimeLit>),
    Party(PartyDecl),
    Monitor(PartyDecl),
    Group(GroupDecl),
    NonParty(NonPartyDecl),
    Mediator(PartyDecl),
}

/// `nonparty DPRK "Korean People's Army units in Russia" reached`
#[derive(Debug, Clone, PartialEq)]
pub struct NonPartyDecl {
    pub id: Ident,
    pub name: Spanned<String>,
    /// Whether the instrument's prohibitions are read as reaching its acts.
    pub reached: bool,
    pub span: Span,
}

/// `party UNC "United Nations Command"`, and monitors alike.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyDecl {
    pub id: Ident,
    pub name: Spanned<String>,
    /// The party's names in other instruments (parties only).
    pub counterparts: Vec<CounterpartDecl>,
    pub span: Span,
}

/// `as KPA in "Korean Armistice Agreement"`, `under UNC in "..."`: the
/// party's forces as another instrument names them.
#[derive(Debug, Clone, PartialEq)]
pub struct CounterpartDecl {
    pub kind: Spanned<CounterpartKind>,
    /// The other instrument's party.
    pub party: Ident,
    /// The other instrument's title, as its `agreement` header writes it.
    pub instrument: Spanned<String>,
    pub span: Span,
}

/// How a party's forces relate to another instrument's party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CounterpartKind {
    /// `as`: the same forces, under another name.
    Same,
    /// `under`: among the forces the other instrument names so, which
    /// include others besides (the UNC's include other states' forces).
    Under,
}

impl CounterpartKind {
    /// As the rule language writes it.
    pub fn word(self) -> &'static str {
        match self {
            CounterpartKind::Same => "as",
            CounterpartKind::Under => "under",
        }
    }
}

/// `group HZ "Hezbollah and other armed groups" under LB`
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDecl {
    pub id: Ident,
    pub name: Spanned<String>,
    pub under: Ident,
    pub span: Span,
}

/// A local date and time in an IANA zone, as written: `1953-07-27 22:00 Asia/Seoul`;
/// or a day without its hour, `2025-09-03 Europe/Kyiv` (`clock` is `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct DateTimeLit {
    pub date: String,
    pub clock: Option<String>,
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Declaration {
    Import(ImportDecl),
    Line(LineDecl),
    Zone(ZoneDecl),
    Area(AreaDecl),
    WeaponClass(WeaponClassDecl),
    ActClass(ActClassDecl),
    Act(ActDecl),
    Reach(ReachDecl),
    Deadline(DeadlineDecl),
    Extension(ExtensionDecl),
    Suspension(SuspensionDecl),
    Regime(RegimeDecl),
    Change(ChangeDecl),
    Standard(StandardDecl),
    Doctrine(DoctrineDecl),
    Pattern(PatternDecl),
    Imputable(ImputableDecl),
    Element(ElementDecl),
    Diligence(DiligenceDecl),
    Category(CategoryDecl),
    Quantity(QuantityDecl),
    Ceiling(CeilingDecl),
    Article(Article),
    Exception(Exception),
}

/// `category force "the kind of force" [army, police, militia, irregular]`
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryDecl {
    pub name: Ident,
    pub text: Option<Spanned<String>>,
    pub values: Vec<Ident>,
    pub span: Span,
}

/// `quantity personnel "men under arms" count`, `quantity range "firing range" in km`
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityDecl {
    pub name: Ident,
    pub text: Option<Spanned<String>>,
    /// The unit events record it in; `None`: a count, a whole number.
    pub unit: Option<Spanned<Unit>>,
    pub span: Span,
}

/// `ceiling limited_forces "text" = at most 6000 personnel, 75 weapons of class tank in first_10km where act is deployment`
#[derive(Debug, Clone, PartialEq)]
pub struct CeilingDecl {
    pub name: Ident,
    pub text: Option<Spanned<String>>,
    pub limits: Vec<CeilingLimit>,
    pub zone: Ident,
    /// Which events are reports of a unit's holdings.
    pub condition: SExpr,
    pub span: Span,
}

/// `6000 personnel`, `75 weapons of class tank`
#[derive(Debug, Clone, PartialEq)]
pub struct CeilingLimit {
    pub amount: Spanned<f64>,
    pub counted: Counted,
    pub span: Span,
}

/// What a limit of a ceiling counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Counted {
    /// A quantity the rulebook declares: `personnel`.
    Quantity(Ident),
    /// Weapons, of a class or of any: `weapons of class tank`, `weapons`.
    Weapons { class: Option<Ident> },
}

/// `imputable official, civilian`
#[derive(Debug, Clone, PartialEq)]
pub struct ImputableDecl {
    pub capacities: Vec<Ident>,
    pub span: Span,
}

/// `element ongoing(attack) "text" = time within 30 min after attack.time`
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    pub name: Ident,
    /// The other event an element is about, as its definition names it.
    pub param: Option<Ident>,
    pub text: Option<Spanned<String>>,
    /// How the record decides it; without one, findings alone do.
    pub definition: Option<SExpr>,
    pub span: Span,
}

/// `diligence due_diligence "text" { knowledge when ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct DiligenceDecl {
    pub name: Ident,
    pub text: Option<Spanned<String>>,
    /// `knowledge when ...`, `means when ...`, `measures when ...`
    pub items: Vec<(Ident, SExpr)>,
    pub span: Span,
}

/// Where a geometry comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum GeometrySource {
    /// `from "file.geojson"`, relative to the rule file, optionally only the
    /// features with a given `name` property.
    GeoJson(Spanned<String>, Option<Spanned<String>>),
    /// `[(lon, lat), ...]`
    Inline(Vec<Spanned<(f64, f64)>>),
}

/// `line mdl from "korea-mdl.geojson" { KPA holds north, UNC holds south }`
#[derive(Debug, Clone, PartialEq)]
pub struct LineDecl {
    pub name: Ident,
    pub geometry: LineSource,
    pub holdings: Vec<Holding>,
    /// `extended`: its sides reach beyond its ends, along its first and
    /// last segments.
    pub extended: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LineSource {
    Drawn(GeometrySource),
    /// `contact for UA, memorandum for DPR`: (line, party) pairs.
    PerParty(Vec<(Ident, Ident)>),
    /// `edge of buffer_zone`: the boundary of a polygon zone.
    Edge(Ident),
}

/// `KPA holds north`
#[derive(Debug, Clone, PartialEq)]
pub struct Holding {
    pub party: Ident,
    pub side: Spanned<HeldSide>,
}

/// How a holding names a side of its line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HeldSide {
    /// `north`: the side towards a compass point, where the course tells.
    Compass(Compass),
    /// `left`, `right`: looking along the line as drawn.
    Hand(Hand),
    /// `side of (lon, lat)`: the side this point lies on.
    Point((f64, f64)),
}

/// Left or right, looking along a line from its first point to its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hand {
    Left,
    Right,
}

/// `zone dmz = within 2 km of mdl`: a zone expression (buffers, polygons and
/// other zones combined with `and`, `or` and `not`).
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneDecl {
    pub name: Ident,
    pub shape: SExpr,
    /// `contains (lon, lat) "label", ...`: points it must contain.
    pub contains: Vec<Contained>,
    /// Declared with `locality`: a place events may be located by, which
    /// no condition need name.
    pub locality: bool,
    pub span: Span,
}

/// `area UA = polygon from "ua-held.geojson"`: the area a party holds.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaDecl {
    pub party: Ident,
    pub shape: SExpr,
    /// `contains (lon, lat) "label", ...`: points it must contain.
    pub contains: Vec<Contained>,
    pub span: Span,
}

/// `(125.70, 37.665) "Yeonpyeong-do"`: a point a zone or area must
/// contain, with an optional label for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Contained {
    pub point: Spanned<(f64, f64)>,
    pub label: Option<Spanned<String>>,
    pub span: Span,
}

/// `reach msta_b = 24.7 km`
#[derive(Debug, Clone, PartialEq)]
pub struct ReachDecl {
    pub weapon_type: Ident,
    pub distance: Spanned<Quantity>,
    pub span: Span,
}

/// `weapon class heavy = calibre >= 100 mm`
#[derive(Debug, Clone, PartialEq)]
pub struct WeaponClassDecl {
    pub name: Ident,
    pub condition: SExpr,
    pub span: Span,
}

/// `act class hostile = [fire, assault]`
#[derive(Debug, Clone, PartialEq)]
pub struct ActClassDecl {
    pub name: Ident,
    pub members: Vec<SExpr>,
    pub span: Span,
}

/// `act fire "discharge of any weapon"`
#[derive(Debug, Clone, PartialEq)]
pub struct ActDecl {
    pub name: Ident,
    pub description: Spanned<String>,
    pub span: Span,
}

/// `article 6 "text" { ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Its label as the instrument writes it (`6`, `13(a)`, `III.2`, `(b)`).
    pub number: Spanned<String>,
    pub text: Spanned<String>,
    pub clauses: Vec<ArticleClause>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArticleClause {
    Violation(SExpr),
    Responsible(Spanned<ResponsibleRef>),
    Proof(Ident),
    Attribution(Ident),
    Severity(Ident),
    /// `imputable official, civilian`
    Imputable(Vec<Ident>),
    /// `duty prevent`
    Duty(Ident),
    /// `diligence due_diligence [when doctrine X is Y]`
    Diligence(Ident, Option<DoctrineTest>),
}

/// Who answers, as `responsible` writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponsibleRef {
    /// `actor.party`, or a party by name.
    Path(Path),
    /// `controller of origin`: the party that controls that place.
    Controller(Spanned<Path>),
}

/// `exception name overrides article 6, 7 { "text" applies when ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub name: Ident,
    /// `overrides` excuses the act; `upholds` keeps it a breach whatever
    /// excuse another exception offers.
    pub effect: Spanned<Effect>,
    pub overrides: Vec<Spanned<String>>,
    /// `over self_defence`: the exceptions this one prevails over.
    pub over: Vec<Ident>,
    pub text: Option<Spanned<String>>,
    /// `proof preponderance`: the standard its findings and links must meet.
    pub proof: Option<Ident>,
    pub condition: SExpr,
    pub span: Span,
}

/// What an exception does when it applies; reports write it `excuses`,
/// `carves_out` or `upholds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// `overrides`: a breach, but excused: the act is justified.
    Excuses,
    /// `carves out`: the article itself does not reach the act ("unless
    /// authorised by ..."): no violation.
    CarvesOut,
    /// `upholds`: the act stays a breach, whatever excuse applies.
    Upholds,
}

impl Effect {
    /// Whether it takes the act out of the breach (excusing it or carving
    /// it out), as opposed to upholding the breach.
    pub fn relieves(self) -> bool {
        match self {
            Effect::Excuses | Effect::CarvesOut => true,
            Effect::Upholds => false,
        }
    }
}

/// `doctrine who_fired_first [response_excused, irrelevant] = response_excused "text"`
#[derive(Debug, Clone, PartialEq)]
pub struct DoctrineDecl {
    pub name: Ident,
    pub options: Vec<Ident>,
    pub default: Ident,
    pub text: Option<Spanned<String>>,
    pub span: Span,
}

/// `pattern barrage "text" = 10 within 24 h where act is fire and weapon is heavy`
#[derive(Debug, Clone, PartialEq)]
pub struct PatternDecl {
    pub name: Ident,
    pub text: Option<Spanned<String>>,
    pub count: Spanned<f64>,
    pub window: Spanned<Quantity>,
    pub condition: SExpr,
    pub span: Span,
}

/// `doctrine who_fired_first is irrelevant`
#[derive(Debug, Clone, PartialEq)]
pub struct DoctrineTest {
    pub doctrine: Ident,
    pub setting: Ident,
}

/// `deadline withdrawal = 72 h after in force`
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineDecl {
    pub name: Ident,
    pub due: Spanned<Moment>,
    pub span: Span,
}

/// An instant as a rule file writes it: an anchor, maybe with a duration after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Moment {
    pub after: Option<Spanned<Quantity>>,
    pub anchor: Spanned<Anchor>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    InForce,
    /// `day 2`: the start of that calendar day of the agreement.
    Day(f64),
    Date(DateTimeLit),
    /// A deadline or regime by name.
    Named(String),
}

/// `extend withdrawal to ... agreed ...` or `extend withdrawal by 7 d agreed ...`
#[derive(Debug, Clone, PartialEq)]
pub struct ExtensionDecl {
    pub deadline: Ident,
    pub to: Extension,
    pub agreed: Spanned<DateTimeLit>,
    /// `by IL and LB together`: who agreed it, checked against the
    /// rulebook's `change` declarations.
    pub by: Option<Spanned<Changer>>,
    pub text: Option<Spanned<String>>,
    pub span: Span,
}

/// `change deadline withdrawal by IL and LB together`: who may change what.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeDecl {
    pub target: Spanned<ChangeTarget>,
    pub by: Spanned<Changer>,
    /// `when doctrine X is Y`: allowed only under that setting.
    pub when: Option<DoctrineTest>,
    /// `proof preponderance`: the standard each consent must meet.
    pub proof: Option<Ident>,
    pub text: Option<Spanned<String>>,
    pub span: Span,
}

/// What a `change` declaration lets be changed.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeTarget {
    /// `deadline withdrawal`
    Deadline(Ident),
    /// `suspension`, `repudiation of article 1.3`, `resumption`: a party's
    /// own obligations, all of them or those of some articles.
    Status {
        kind: StatusKind,
        articles: Vec<Spanned<String>>,
    },
}

/// What a party may do with its own obligations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    Suspension,
    Repudiation,
    /// A recommitment: it lifts the party's earlier suspensions and
    /// repudiations.
    Resumption,
}

impl StatusKind {
    /// As the rule language writes it.
    pub fn word(self) -> &'static str {
        match self {
            StatusKind::Suspension => "suspension",
            StatusKind::Repudiation => "repudiation",
            StatusKind::Resumption => "resumption",
        }
    }
}

/// Who may make a change, or who made one.
#[derive(Debug, Clone, PartialEq)]
pub enum Changer {
    /// `each party`: any party, alone, for itself.
    EachParty,
    /// One id, or several `together`: every one of them must consent.
    Together(Vec<Ident>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Extension {
    To(Spanned<Moment>),
    By(Spanned<Quantity>),
}

/// `suspend article 1.3 for ROK from ... until ... "text"`, or `repudiate ...`
#[derive(Debug, Clone, PartialEq)]
pub struct SuspensionDecl {
    pub repudiation: bool,
    /// Empty: the whole agreement.
    pub articles: Vec<Spanned<String>>,
    pub party: Ident,
    pub from: Spanned<DateTimeLit>,
    pub until: Option<Spanned<DateTimeLit>>,
    /// `when doctrine unilateral_repudiation is valid`: given effect only then.
    pub when: Option<DoctrineTest>,
    pub text: Option<Spanned<String>>,
    pub span: Span,
}

/// `regime harvest from 2020-07-27 00:01 Europe/Kyiv "text"`
#[derive(Debug, Clone, PartialEq)]
pub struct RegimeDecl {
    pub name: Ident,
    pub from: Spanned<DateTimeLit>,
    pub text: Option<Spanned<String>>,
    pub span: Span,
}

/// `import mdl, dmz from "kaa.truce"`
#[derive(Debug, Clone, PartialEq)]
pub struct ImportDecl {
    pub names: Vec<Ident>,
    pub file: Spanned<String>,
    pub span: Span,
}

impl Declaration {
    /// The name a declaration introduces, if it introduces one.
    pub fn name(&self) -> Option<&Ident> {
        match self {
            Declaration::Line(d) => Some(&d.name),
            Declaration::Zone(d) => Some(&d.name),
            Declaration::WeaponClass(d) => Some(&d.name),
            Declaration::ActClass(d) => Some(&d.name),
            Declaration::Act(d) => Some(&d.name),
            Declaration::Reach(d) => Some(&d.weapon_type),
            Declaration::Deadline(d) => Some(&d.name),
            Declaration::Regime(d) => Some(&d.name),
            Declaration::Standard(d) => Some(&d.name),
            Declaration::Doctrine(d) => Some(&d.name),
            Declaration::Pattern(d) => Some(&d.name),
            Declaration::Element(d) => Some(&d.name),
            Declaration::Diligence(d) => Some(&d.name),
            Declaration::Category(d) => Some(&d.name),
            Declaration::Quantity(d) => Some(&d.name),
            Declaration::Ceiling(d) => Some(&d.name),
            Declaration::Exception(d) => Some(&d.name),
            Declaration::Import(_)
            | Declaration::Area(_)
            | Declaration::Extension(_)
            | Declaration::Change(_)
            | Declaration::Suspension(_)
            | Declaration::Imputable(_)
            | Declaration::Article(_) => None,
        }
    }
}

/// `standard clear_and_convincing = 1 at B2 or 2 at C3`
#[derive(Debug, Clone, PartialEq)]
pub struct StandardDecl {
    pub name: Ident,
    /// Each alternative: how many independent sources, at what grade or better.
    pub bars: Vec<(Spanned<f64>, Spanned<String>)>,
    pub span: Span,
}
