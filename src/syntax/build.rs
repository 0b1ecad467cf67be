//! pest pairs → AST: one conversion function per grammar rule, each walking
//! only its own children. pest spans become our own [`Span`] here, so nothing
//! after this stage depends on pest.

use pest::iterators::{Pair, Pairs};

use super::err::SyntaxError;
use super::parser::Rule;
use crate::ast::*;
use crate::span::{Source, Span, Spanned};

mod expr;
mod facts;
mod time;
mod token;

type Result<T> = std::result::Result<T, SyntaxError>;

/// How deep brackets and `not` may nest in one condition, and how many
/// operators it may hold in all. Far beyond any agreement's needs, and far
/// within the stack of every later stage, which walks conditions
/// recursively.
pub const MAX_NESTING: usize = 256;
pub const MAX_OPERATORS: usize = 1000;

pub struct Builder<'s> {
    source: &'s Source,
    /// Where the text pest parsed starts in the file: a piece of a broken
    /// file is parsed alone (`recover.rs`).
    offset: usize,
    /// Brackets and `not`s open around the condition being built.
    depth: std::cell::Cell<usize>,
    /// Operators in the top-level condition being built, so far.
    operators: std::cell::Cell<usize>,
}

impl<'s> Builder<'s> {
    pub fn new(source: &'s Source) -> Self {
        Self::at(source, 0)
    }

    /// A builder for pairs parsed from the text starting at `offset`.
    pub fn at(source: &'s Source, offset: usize) -> Self {
        Builder {
            source,
            offset,
            depth: std::cell::Cell::new(0),
            operators: std::cell::Cell::new(0),
        }
    }

    /// The pair's span, without trailing whitespace: pest skips the
    /// whitespace before an optional part that then matches nothing
    /// (`within 2 km of l` followed by a new line), and that whitespace is
    /// not part of what was written.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let start = self.offset + s.start();
        let end = start + s.as_str().trim_end().len();
        Span::new(self.source, start..end)
    }

    // --- entry points ----------------------------------------------------

    /// The whole rulebook, with every declaration's problems (a bad
    /// escape, a condition too deep), not only the first one's.
    pub fn rulebook_all(
        &self,
        pair: Pair<'_, Rule>,
    ) -> std::result::Result<Rulebook, Vec<SyntaxError>> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let mut errors = Vec::new();
        let agreement = self.agreement(inner.next().expect("grammar: agreement"));
        let mut declarations = Vec::new();
        for p in inner.filter(|p| p.as_rule() != Rule::EOI) {
            match self.declaration(p) {
                Ok(d) => declarations.push(d),
                Err(e) => errors.push(e),
            }
        }
        match agreement {
            Ok(agreement) if errors.is_empty() => Ok(Rulebook {
                agreement,
                declarations,
                imported: Vec::new(),
                span,
            }),
            Ok(_) => Err(errors),
            Err(e) => {
                errors.insert(0, e);
                Err(errors)
            }
        }
    }

    /// Declarations with no header: a clause proposed for a rulebook.
    pub fn clauses(&self, pair: Pair<'_, Rule>) -> Result<Vec<Declaration>> {
        pair.into_inner()
            .filter(|p| p.as_rule() != Rule::EOI)
            .map(|p| self.declaration(p))
            .collect()
    }

    pub fn condition(&self, pair: Pair<'_, Rule>) -> Result<SExpr> {
        self.expr(pair.into_inner().next().expect("grammar: expr"))
    }

    /// One declaration parsed alone (`declaration_only`).
    pub fn declaration_only(&self, pair: Pair<'_, Rule>) -> Result<Declaration> {
        self.declaration(pair.into_inner().next().expect("grammar: declaration"))
    }

    /// One header item parsed alone (`header_item_only`).
    pub fn header_item_only(&self, pair: Pair<'_, Rule>) -> Result<HeaderItem> {
        self.header_item(pair.into_inner().next().expect("grammar: header item"))
    }

    /// The header parsed alone (`agreement_only`).
    pub fn agreement_only(&self, pair: Pair<'_, Rule>) -> Result<Agreement> {
        self.agreement(pair.into_inner().next().expect("grammar: agreement"))
    }

    /// `agreement "Title" {` parsed alone (`agreement_open`): its title.
    pub fn agreement_open(&self, pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
        let mut inner = pair.into_inner().skip(1); // kw_agreement
        self.string(inner.next().expect("grammar: title"))
    }

    // --- header ------------------------------------------------------------

    fn agreement(&self, pair: Pair<'_, Rule>) -> Result<Agreement> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_agreement
        let title = self.string(inner.next().expect("grammar: title"))?;
        let items = inner.map(|p| self.header_item(p)).collect::<Result<_>>()?;
        Ok(Agreement { title, items, span })
    }

    fn header_item(&self, pair: Pair<'_, Rule>) -> Result<HeaderItem> {
        Ok(match pair.as_rule() {
            Rule::source_item => HeaderItem::Source(self.source_item(pair)?),
            Rule::signed_item => HeaderItem::Signed(self.signed_item(pair)),
            Rule::in_force_item => HeaderItem::InForce(self.in_force_item(pair)),
            Rule::party_decl => HeaderItem::Party(self.party_decl(pair)?),
            Rule::monitor_decl => HeaderItem::Monitor(self.monitor_decl(pair)?),
            Rule::group_decl => HeaderItem::Group(self.group_decl(pair)?),
            Rule::nonparty_decl => HeaderItem::NonParty(self.nonparty_decl(pair)?),
            Rule::mediator_decl => HeaderItem::Mediator(self.mediator_decl(pair)?),
            r => unreachable!("grammar: header item {r:?}"),
        })
    }

    fn source_item(&self, pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
        self.string(last(pair.into_inner()))
    }

    fn signed_item(&self, pair: Pair<'_, Rule>) -> Spanned<DateTimeLit> {
        self.datetime(last(pair.into_inner()))
    }

    fn in_force_item(&self, pair: Pair<'_, Rule>) -> Spanned<DateTimeLit> {
        self.datetime(last(pair.into_inner()))
    }

    fn party_decl(&self, pair: Pair<'_, Rule>) -> Result<PartyDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1);
        let id = self.identifier(inner.next().expect("grammar: id"));
        let name = self.string(inner.next().expect("grammar: name"))?;
        let counterparts = inner.map(|p| self.counterpart(p)).collect::<Result<_>>()?;
        Ok(PartyDecl {
            id,
            name,
            counterparts,
            span,
        })
    }

    /// `as KPA in "Korean Armistice Agreement"`, `under UNC in "..."`
    fn counterpart(&self, pair: Pair<'_, Rule>) -> Result<CounterpartDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let kind = self.counterpart_kind(inner.next().expect("grammar: as or under"));
        let party = self.identifier(inner.next().expect("grammar: party"));
        let instrument = self.string(inner.last().expect("grammar: title"))?; // after kw_in
        Ok(CounterpartDecl {
            kind,
            party,
            instrument,
            span,
        })
    }

    /// `as` or `under`
    fn counterpart_kind(&self, pair: Pair<'_, Rule>) -> Spanned<CounterpartKind> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::kw_as => CounterpartKind::Same,
            Rule::kw_under => CounterpartKind::Under,
            r => unreachable!("grammar: counterpart kind {r:?}"),
        };
        Spanned::new(kind, span)
    }

    fn group_decl(&self, pair: Pair<'_, Rule>) -> Result<GroupDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_group
        let id = self.identifier(inner.next().expect("grammar: id"));
        let name = self.string(inner.next().expect("grammar: name"))?;
        let under = self.identifier(inner.last().expect("grammar: under")); // after kw_under
        Ok(GroupDecl {
            id,
            name,
            under,
            span,
        })
    }

    /// A monitor is declared like a party; the checker gives it its role.
    fn monitor_decl(&self, pair: Pair<'_, Rule>) -> Result<PartyDecl> {
        self.party_decl(pair)
    }

    /// A mediator too.
    fn mediator_decl(&self, pair: Pair<'_, Rule>) -> Result<PartyDecl> {
        self.party_decl(pair)
    }

    fn nonparty_decl(&self, pair: Pair<'_, Rule>) -> Result<NonPartyDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_nonparty
        let id = self.identifier(inner.next().expect("grammar: id"));
        let name = self.string(inner.next().expect("grammar: name"))?;
        let reached = inner.next().is_some(); // kw_reached
        Ok(NonPartyDecl {
            id,
            name,
            reached,
            span,
        })
    }

    // --- declarations --------------------------------------------------------

    fn declaration(&self, pair: Pair<'_, Rule>) -> Result<Declaration> {
        Ok(match pair.as_rule() {
            Rule::import_decl => Declaration::Import(self.import_decl(pair)?),
            Rule::line_decl => Declaration::Line(self.line_decl(pair)?),
            Rule::zone_decl => Declaration::Zone(self.zone_decl(pair)?),
            Rule::area_decl => Declaration::Area(self.area_decl(pair)?),
            Rule::weapon_class_decl => Declaration::WeaponClass(self.weapon_class_decl(pair)?),
            Rule::act_class_decl => Declaration::ActClass(self.act_class_decl(pair)?),
            Rule::act_decl => Declaration::Act(self.act_decl(pair)?),
            Rule::reach_decl => Declaration::Reach(self.reach_decl(pair)?),
            Rule::deadline_decl => Declaration::Deadline(self.deadline_decl(pair)),
            Rule::extension_decl => Declaration::Extension(self.extension_decl(pair)?),
            Rule::suspension_decl => Declaration::Suspension(self.suspension_decl(pair)?),
            Rule::regime_decl => Declaration::Regime(self.regime_decl(pair)?),
            Rule::change_decl => Declaration::Change(self.change_decl(pair)?),
            Rule::standard_decl => Declaration::Standard(self.standard_decl(pair)),
            Rule::doctrine_decl => Declaration::Doctrine(self.doctrine_decl(pair)?),
            Rule::pattern_decl => Declaration::Pattern(self.pattern_decl(pair)?),
            Rule::imputable_decl => Declaration::Imputable(self.imputable_decl(pair)),
            Rule::element_decl => Declaration::Element(self.element_decl(pair)?),
            Rule::diligence_decl => Declaration::Diligence(self.diligence_decl(pair)?),
            Rule::category_decl => Declaration::Category(self.category_decl(pair)?),
            Rule::quantity_decl => Declaration::Quantity(self.quantity_decl(pair)?),
            Rule::ceiling_decl => Declaration::Ceiling(self.ceiling_decl(pair)?),
            Rule::article => Declaration::Article(self.article(pair)?),
            Rule::exception => Declaration::Exception(self.exception(pair)?),
            r => unreachable!("grammar: declaration {r:?}"),
        })
    }

    fn imputable_decl(&self, pair: Pair<'_, Rule>) -> ImputableDecl {
        let span = self.span(&pair);
        let capacities = self.capacities(last(pair.into_inner())); // after kw_imputable
        ImputableDecl { capacities, span }
    }

    fn capacities(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        pair.into_inner().map(|p| self.identifier(p)).collect()
    }

    fn element_decl(&self, pair: Pair<'_, Rule>) -> Result<ElementDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_element
        let name = self.identifier(inner.next().expect("grammar: name"));
        let (mut param, mut text, mut definition) = (None, None, None);
        for p in inner {
            match p.as_rule() {
                Rule::element_param => param = Some(self.element_param(p)),
                Rule::string => text = Some(self.string(p)?),
                Rule::expr => definition = Some(self.expr(p)?),
                r => unreachable!("grammar: element part {r:?}"),
            }
        }
        Ok(ElementDecl {
            name,
            param,
            text,
            definition,
            span,
        })
    }

    fn element_param(&self, pair: Pair<'_, Rule>) -> Ident {
        self.identifier(last(pair.into_inner()))
    }

    fn diligence_decl(&self, pair: Pair<'_, Rule>) -> Result<DiligenceDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_diligence
        let name = self.identifier(inner.next().expect("grammar: name"));
        let (mut text, mut items) = (None, Vec::new());
        for p in inner {
            match p.as_rule() {
                Rule::string => text = Some(self.string(p)?),
                Rule::diligence_item => items.push(self.diligence_item(p)?),
                r => unreachable!("grammar: diligence part {r:?}"),
            }
        }
        Ok(DiligenceDecl {
            name,
            text,
            items,
            span,
        })
    }

    fn diligence_item(&self, pair: Pair<'_, Rule>) -> Result<(Ident, SExpr)> {
        let mut inner = pair.into_inner();
        let element = self.identifier(inner.next().expect("grammar: element"));
        let condition = self.expr(last(inner))?; // after kw_when
        Ok((element, condition))
    }

    fn import_decl(&self, pair: Pair<'_, Rule>) -> Result<ImportDecl> {
        let span = self.span(&pair);
        let mut names = Vec::new();
        let mut file = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::identifier => names.push(self.identifier(p)),
                Rule::string => file = Some(self.string(p)?),
                _ => {} // kw_import, kw_from
            }
        }
        let file = file.expect("grammar: file");
        Ok(ImportDecl { names, file, span })
    }

    fn line_decl(&self, pair: Pair<'_, Rule>) -> Result<LineDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1);
        let name = self.identifier(inner.next().expect("grammar: name"));
        let source = inner.next().expect("grammar: geometry");
        let geometry = match source.as_rule() {
            Rule::reference_lines => LineSource::PerParty(self.reference_lines(source)),
            Rule::zone_edge => LineSource::Edge(self.identifier(last(source.into_inner()))),
            _ => LineSource::Drawn(self.geometry_source(source)?),
        };
        let (mut holdings, mut extended) = (Vec::new(), false);
        for p in inner {
            match p.as_rule() {
                Rule::holdings => holdings = self.holdings(p),
                Rule::kw_extended => extended = true,
                r => unreachable!("grammar: line {r:?}"),
            }
        }
        Ok(LineDecl {
            name,
            geometry,
            holdings,
            extended,
            span,
        })
    }

    fn reference_lines(&self, pair: Pair<'_, Rule>) -> Vec<(Ident, Ident)> {
        pair.into_inner().map(|p| self.reference_line(p)).collect()
    }

    fn reference_line(&self, pair: Pair<'_, Rule>) -> (Ident, Ident) {
        let mut inner = pair.into_inner();
        let line = self.identifier(inner.next().expect("grammar: line"));
        let party = self.identifier(last(inner)); // after kw_for
        (line, party)
    }

    fn holdings(&self, pair: Pair<'_, Rule>) -> Vec<Holding> {
        pair.into_inner().map(|p| self.holding(p)).collect()
    }

    fn holding(&self, pair: Pair<'_, Rule>) -> Holding {
        let mut inner = pair.into_inner();
        let party = self.identifier(inner.next().expect("grammar: party"));
        let side = self.held_side(last(inner)); // after kw_holds
        Holding { party, side }
    }

    fn held_side(&self, pair: Pair<'_, Rule>) -> Spanned<HeldSide> {
        let span = self.span(&pair);
        let side = pair.into_inner().next().expect("grammar: a side");
        let held = match side.as_rule() {
            Rule::compass => HeldSide::Compass(self.compass(side).node),
            Rule::hand => HeldSide::Hand(self.hand(side)),
            Rule::point_side => HeldSide::Point(self.point_side(side).node),
            r => unreachable!("grammar: held side {r:?}"),
        };
        Spanned::new(held, span)
    }

    fn hand(&self, pair: Pair<'_, Rule>) -> Hand {
        match pair.as_str() {
            "left" => Hand::Left,
            "right" => Hand::Right,
            other => unreachable!("grammar: hand {other}"),
        }
    }

    fn point_side(&self, pair: Pair<'_, Rule>) -> Spanned<(f64, f64)> {
        self.coordinate(last(pair.into_inner())) // after kw_side kw_of
    }

    fn compass(&self, pair: Pair<'_, Rule>) -> Spanned<Compass> {
        let compass = Compass::parse(pair.as_str()).expect("grammar: compass words");
        Spanned::new(compass, self.span(&pair))
    }

    fn geometry_source(&self, pair: Pair<'_, Rule>) -> Result<GeometrySource> {
        Ok(match pair.as_rule() {
            Rule::geojson_ref => {
                let (file, feature) = self.geojson_ref(pair)?;
                GeometrySource::GeoJson(file, feature)
            }
            Rule::coordinates => GeometrySource::Inline(self.coordinates(pair)),
            r => unreachable!("grammar: geometry {r:?}"),
        })
    }

    fn geojson_ref(
        &self,
        pair: Pair<'_, Rule>,
    ) -> Result<(Spanned<String>, Option<Spanned<String>>)> {
        let mut strings = pair.into_inner().filter(|p| p.as_rule() == Rule::string);
        let file = self.string(strings.next().expect("grammar: file"))?;
        let feature = strings.next().map(|p| self.string(p)).transpose()?;
        Ok((file, feature))
    }

    fn coordinates(&self, pair: Pair<'_, Rule>) -> Vec<Spanned<(f64, f64)>> {
        pair.into_inner().map(|p| self.coordinate(p)).collect()
    }

    pub(super) fn coordinate(&self, pair: Pair<'_, Rule>) -> Spanned<(f64, f64)> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let lon = self.number(inner.next().expect("grammar: lon"));
        let lat = self.number(inner.next().expect("grammar: lat"));
        Spanned::new((lon, lat), span)
    }

    fn area_decl(&self, pair: Pair<'_, Rule>) -> Result<AreaDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_area
        let party = self.identifier(inner.next().expect("grammar: party"));
        let shape = self.expr(inner.next().expect("grammar: area"))?;
        let contains = inner.next().map(|p| self.contained_points(p)).transpose()?;
        Ok(AreaDecl {
            party,
            shape,
            contains: contains.unwrap_or_default(),
            span,
        })
    }

    fn zone_decl(&self, pair: Pair<'_, Rule>) -> Result<ZoneDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let locality = inner.next().expect("grammar: keyword").as_rule() == Rule::kw_locality;
        let name = self.identifier(inner.next().expect("grammar: name"));
        let shape = self.expr(inner.next().expect("grammar: zone"))?;
        let contains = inner.next().map(|p| self.contained_points(p)).transpose()?;
        Ok(ZoneDecl {
            name,
            shape,
            locality,
            contains: contains.unwrap_or_default(),
            span,
        })
    }

    fn contained_points(&self, pair: Pair<'_, Rule>) -> Result<Vec<Contained>> {
        pair.into_inner()
            .skip(1) // kw_contains
            .map(|p| self.contained_point(p))
            .collect()
    }

    fn contained_point(&self, pair: Pair<'_, Rule>) -> Result<Contained> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let point = self.coordinate(inner.next().expect("grammar: point"));
        let label = inner.next().map(|p| self.string(p)).transpose()?;
        Ok(Contained { point, label, span })
    }

    fn reach_decl(&self, pair: Pair<'_, Rule>) -> Result<ReachDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_reach
        let kind = inner.next().expect("grammar: weapon type");
        let weapon_type = match kind.as_rule() {
            Rule::string => self.string(kind)?,
            _ => self.identifier(kind),
        };
        let distance = self.quantity(inner.next_back().expect("grammar: distance"));
        Ok(ReachDecl {
            weapon_type,
            distance,
            span,
        })
    }

    pub(super) fn polygon_zone(&self, pair: Pair<'_, Rule>) -> Result<GeometrySource> {
        self.geometry_source(last(pair.into_inner()))
    }

    fn weapon_class_decl(&self, pair: Pair<'_, Rule>) -> Result<WeaponClassDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(2); // kw_weapon kw_class
        let name = self.identifier(inner.next().expect("grammar: name"));
        let condition = self.expr(inner.next().expect("grammar: condition"))?;
        Ok(WeaponClassDecl {
            name,
            condition,
            span,
        })
    }

    fn act_class_decl(&self, pair: Pair<'_, Rule>) -> Result<ActClassDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(2); // kw_act kw_class
        let name = self.identifier(inner.next().expect("grammar: name"));
        let members = self.list(inner.next().expect("grammar: list"))?;
        Ok(ActClassDecl {
            name,
            members,
            span,
        })
    }

    fn act_decl(&self, pair: Pair<'_, Rule>) -> Result<ActDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1);
        let name = self.identifier(inner.next().expect("grammar: name"));
        let description = self.string(inner.next().expect("grammar: description"))?;
        Ok(ActDecl {
            name,
            description,
            span,
        })
    }

    fn article(&self, pair: Pair<'_, Rule>) -> Result<Article> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1);
        let number = self.article_label(inner.next().expect("grammar: number"));
        let text = self.string(inner.next().expect("grammar: text"))?;
        let clauses = inner
            .map(|p| self.article_clause(p))
            .collect::<Result<_>>()?;
        Ok(Article {
            number,
            text,
            clauses,
            span,
        })
    }

    fn article_clause(&self, pair: Pair<'_, Rule>) -> Result<ArticleClause> {
        Ok(match pair.as_rule() {
            Rule::violation_clause => ArticleClause::Violation(self.violation_clause(pair)?),
            Rule::responsible_clause => ArticleClause::Responsible(self.responsible_clause(pair)),
            Rule::proof_clause => ArticleClause::Proof(self.proof_clause(pair)),
            Rule::attribution_clause => ArticleClause::Attribution(self.attribution_clause(pair)),
            Rule::severity_clause => ArticleClause::Severity(self.severity_clause(pair)),
            Rule::imputable_clause => ArticleClause::Imputable(self.imputable_clause(pair)),
            Rule::duty_clause => ArticleClause::Duty(self.duty_clause(pair)),
            Rule::diligence_clause => {
                let (name, when) = self.diligence_clause(pair);
                ArticleClause::Diligence(name, when)
            }
            r => unreachable!("grammar: article clause {r:?}"),
        })
    }

    fn violation_clause(&self, pair: Pair<'_, Rule>) -> Result<SExpr> {
        self.expr(last(pair.into_inner()))
    }

    fn responsible_clause(&self, pair: Pair<'_, Rule>) -> Spanned<ResponsibleRef> {
        let who = last(pair.into_inner()); // after kw_responsible
        let span = self.span(&who);
        let node = match who.as_rule() {
            Rule::controller => ResponsibleRef::Controller(self.controller(who)),
            _ => ResponsibleRef::Path(self.path(who).node),
        };
        Spanned::new(node, span)
    }

    /// `controller of origin`
    fn controller(&self, pair: Pair<'_, Rule>) -> Spanned<Path> {
        self.path(last(pair.into_inner())) // after kw_controller kw_of
    }

    fn imputable_clause(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        self.capacities(last(pair.into_inner()))
    }

    fn duty_clause(&self, pair: Pair<'_, Rule>) -> Ident {
        self.identifier(last(pair.into_inner()))
    }

    fn diligence_clause(&self, pair: Pair<'_, Rule>) -> (Ident, Option<DoctrineTest>) {
        let mut inner = pair.into_inner().skip(1); // kw_diligence
        let name = self.identifier(inner.next().expect("grammar: name"));
        let when = inner.nth(1).map(|p| self.doctrine_test(p)); // after kw_when
        (name, when)
    }

    pub(super) fn proof_clause(&self, pair: Pair<'_, Rule>) -> Ident {
        self.identifier(last(pair.into_inner()))
    }

    fn attribution_clause(&self, pair: Pair<'_, Rule>) -> Ident {
        self.identifier(last(pair.into_inner()))
    }

    fn standard_decl(&self, pair: Pair<'_, Rule>) -> StandardDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_standard
        let name = self.identifier(inner.next().expect("grammar: name"));
        let bars = inner
            .filter(|p| p.as_rule() == Rule::bar)
            .map(|p| self.bar(p))
            .collect();
        StandardDecl { name, bars, span }
    }

    fn doctrine_decl(&self, pair: Pair<'_, Rule>) -> Result<DoctrineDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_doctrine
        let name = self.identifier(inner.next().expect("grammar: name"));
        let options = inner.next().expect("grammar: options").into_inner();
        let options = options.map(|p| self.identifier(p)).collect();
        let default = self.identifier(inner.next().expect("grammar: default"));
        let text = inner.next().map(|p| self.string(p)).transpose()?;
        Ok(DoctrineDecl {
            name,
            options,
            default,
            text,
            span,
        })
    }

    fn pattern_decl(&self, pair: Pair<'_, Rule>) -> Result<PatternDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1).peekable(); // kw_pattern
        let name = self.identifier(inner.next().expect("grammar: name"));
        let text = match inner.peek().map(|p| p.as_rule()) {
            Some(Rule::string) => Some(self.string(inner.next().expect("peeked"))?),
            _ => None,
        };
        let count = inner.next().expect("grammar: count");
        let count = Spanned::new(self.number(count.clone()), self.span(&count));
        inner.next(); // kw_within
        let window = self.quantity(inner.next().expect("grammar: window"));
        let condition = self.expr(inner.last().expect("grammar: condition"))?; // after kw_where
        Ok(PatternDecl {
            name,
            text,
            count,
            window,
            condition,
            span,
        })
    }

    /// `doctrine who_fired_first is irrelevant`
    pub(super) fn doctrine_test(&self, pair: Pair<'_, Rule>) -> DoctrineTest {
        let mut inner = pair.into_inner().skip(1); // kw_doctrine
        let doctrine = self.identifier(inner.next().expect("grammar: doctrine"));
        let setting = self.identifier(inner.nth(1).expect("grammar: setting")); // after op_is
        DoctrineTest { doctrine, setting }
    }

    fn bar(&self, pair: Pair<'_, Rule>) -> (Spanned<f64>, Spanned<String>) {
        let mut inner = pair.into_inner();
        let count = inner.next().expect("grammar: count");
        let count = Spanned::new(self.number(count.clone()), self.span(&count));
        let grade = last(inner); // after kw_at
        let grade = Spanned::new(grade.as_str().to_owned(), self.span(&grade));
        (count, grade)
    }

    fn severity_clause(&self, pair: Pair<'_, Rule>) -> Ident {
        self.identifier(last(pair.into_inner()))
    }

    fn exception(&self, pair: Pair<'_, Rule>) -> Result<Exception> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1);
        let name = self.identifier(inner.next().expect("grammar: name"));
        let effect = self.exception_effect(inner.next().expect("grammar: effect"));
        let overrides = self.article_refs(inner.next().expect("grammar: refs"));
        let (mut text, mut condition, mut over, mut proof) = (None, None, Vec::new(), None);
        for p in inner {
            match p.as_rule() {
                Rule::exception_ranks => {
                    over = p.into_inner().skip(1).map(|i| self.identifier(i)).collect();
                }
                Rule::string => text = Some(self.string(p)?),
                Rule::proof_clause => proof = Some(self.proof_clause(p)),
                Rule::applies_clause => condition = Some(self.applies_clause(p)?),
                r => unreachable!("grammar: exception part {r:?}"),
            }
        }
        Ok(Exception {
            name,
            effect,
            overrides,
            over,
            text,
            proof,
            condition: condition.expect("grammar: applies clause"),
            span,
        })
    }

    /// `overrides`, `carves out` or `upholds`
    fn exception_effect(&self, pair: Pair<'_, Rule>) -> Spanned<Effect> {
        let span = self.span(&pair);
        let effect = match pair.into_inner().next().map(|p| p.as_rule()) {
            Some(Rule::kw_upholds) => Effect::Upholds,
            Some(Rule::kw_carves) => Effect::CarvesOut,
            _ => Effect::Excuses,
        };
        Spanned::new(effect, span)
    }

    pub(super) fn article_refs(&self, pair: Pair<'_, Rule>) -> Vec<Spanned<String>> {
        pair.into_inner()
            .skip(1)
            .map(|p| self.article_label(p))
            .collect()
    }

    fn applies_clause(&self, pair: Pair<'_, Rule>) -> Result<SExpr> {
        self.expr(last(pair.into_inner()))
    }
}

/// The last child of a pair: the value after its keywords.
pub(super) fn last<'i>(pairs: Pairs<'i, Rule>) -> Pair<'i, Rule> {
    pairs.last().expect("grammar: rule has children")
}
