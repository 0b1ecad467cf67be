//! Conditions: the one Pratt table turns operators into AST nodes.

use pest::iterators::Pair;

use super::super::err::{Bound, TooDeepError};
use super::super::parser::{PRATT, Rule};
use super::{Builder, MAX_NESTING, MAX_OPERATORS, Result, last};
use crate::ast::*;
use crate::span::Spanned;

impl Builder<'_> {
    /// Counts before building, so a pathological condition is refused
    /// before any deep tree exists.
    pub(super) fn expr(&self, pair: Pair<'_, Rule>) -> Result<SExpr> {
        let span = self.span(&pair);
        if self.depth.get() == 0 {
            self.operators.set(0);
        }
        let (mut nots, mut operators) = (0, 0);
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::op_not => nots += 1,
                r if binop_rule(r) => operators += 1,
                _ => {}
            }
        }
        self.operators.set(self.operators.get() + operators);
        if self.depth.get() + nots > MAX_NESTING {
            let bound = Bound::Nesting(MAX_NESTING);
            return Err(TooDeepError::new(&span, bound).into());
        }
        if self.operators.get() > MAX_OPERATORS {
            let bound = Bound::Operators(MAX_OPERATORS);
            return Err(TooDeepError::new(&span, bound).into());
        }
        self.depth.set(self.depth.get() + 1 + nots);
        let built = self.pratt(pair);
        self.depth.set(self.depth.get() - 1 - nots);
        built
    }

    /// The one precedence table at work: operators to AST nodes.
    pub(super) fn pratt(&self, pair: Pair<'_, Rule>) -> Result<SExpr> {
        PRATT
            .map_primary(|p| self.primary(p))
            .map_prefix(|op, rhs| {
                let rhs = rhs?;
                let span = self.span(&op).to(&rhs.span);
                Ok(Spanned::new(Expr::Not(Box::new(rhs)), span))
            })
            .map_infix(|lhs, op, rhs| {
                let (lhs, rhs) = (lhs?, rhs?);
                let span = lhs.span.to(&rhs.span);
                let op = Spanned::new(binop(op.as_rule()), self.span(&op));
                let (lhs, rhs) = (Box::new(lhs), Box::new(rhs));
                Ok(Spanned::new(Expr::Binary { op, lhs, rhs }, span))
            })
            .parse(pair.into_inner())
    }

    pub(super) fn primary(&self, pair: Pair<'_, Rule>) -> Result<SExpr> {
        let span = self.span(&pair);
        let node = match pair.as_rule() {
            Rule::paren => return self.paren(pair),
            Rule::holdings_test => self.holdings_test(pair),
            Rule::weapon_sum => self.weapon_sum(pair),
            Rule::directed_test => self.directed_test(pair),
            Rule::doctrine_test => Expr::Doctrine(self.doctrine_test(pair)),
            Rule::scope_test => Expr::InScope(self.identifier(last(pair.into_inner()))),
            Rule::crossing => self.crossing(pair),
            Rule::within_test => self.within_test(pair)?,
            Rule::side_test => self.side_test(pair),
            Rule::area_test => self.area_test(pair),
            Rule::over_test => self.over_test(pair),
            Rule::buffer_zone => self.buffer_zone(pair)?,
            Rule::polygon_zone => Expr::Polygon(self.polygon_zone(pair)?),
            Rule::between_zone => self.between_zone(pair),
            Rule::inside_zone => Expr::Inside(self.identifier(last(pair.into_inner()))),
            Rule::quantifier => self.quantifier(pair)?,
            Rule::list => Expr::List(self.list(pair)?),
            Rule::boolean => Expr::Bool(self.boolean(pair)),
            Rule::datetime => Expr::DateTime(self.datetime(pair).node),
            Rule::quantity => Expr::Quantity(self.quantity(pair).node),
            Rule::number => Expr::Number(self.number(pair)),
            Rule::coordinate => Expr::Coordinate(self.coordinate(pair).node),
            Rule::string => Expr::Text(self.string(pair)?.node),
            Rule::identifier => Expr::Path(Path {
                segments: vec![self.identifier(pair)],
            }),
            Rule::path => Expr::Path(self.path(pair).node),
            r => unreachable!("grammar: primary {r:?}"),
        };
        Ok(Spanned::new(node, span))
    }

    /// A bracketed condition keeps its brackets in its span, so the text
    /// quoted in explanations reads as written.
    pub(super) fn paren(&self, pair: Pair<'_, Rule>) -> Result<SExpr> {
        let span = self.span(&pair);
        let inner = self.expr(last(pair.into_inner()))?;
        Ok(Spanned::new(inner.node, span))
    }

    pub(super) fn quantifier(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut inner = pair.into_inner().skip(1); // kw_some
        let relation = self.identifier(inner.next().expect("grammar: relation"));
        inner.next(); // kw_as
        let binding = self.identifier(inner.next().expect("grammar: binding"));
        let condition = match inner.nth(1) {
            Some(p) => Some(Box::new(self.expr(p)?)), // after kw_where
            None => None,
        };
        Ok(Expr::Some {
            relation,
            binding,
            condition,
        })
    }

    /// `directed at other side`, `attack directed at actor.party`
    pub(super) fn directed_test(&self, pair: Pair<'_, Rule>) -> Expr {
        let mut subject = None;
        let mut object = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::path => subject = Some(Box::new(self.path_expr(p))),
                Rule::directed_object => object = Some(self.directed_object(p)),
                _ => {} // kw_directed, kw_at
            }
        }
        Expr::Directed {
            subject,
            object: object.expect("grammar: object"),
        }
    }

    /// `other side`, `own area`, `intruder` or a party
    fn directed_object(&self, pair: Pair<'_, Rule>) -> Spanned<DirectedObject> {
        let span = self.span(&pair);
        let first = pair.into_inner().next().expect("grammar: object");
        let object = match first.as_rule() {
            Rule::kw_other => DirectedObject::OtherSide,
            Rule::kw_own => DirectedObject::OwnArea,
            Rule::kw_intruder => DirectedObject::Intruder,
            _ => DirectedObject::Party(self.path(first).node),
        };
        Spanned::new(object, span)
    }

    /// `track crosses mdl from KPA side`
    pub(super) fn crossing(&self, pair: Pair<'_, Rule>) -> Expr {
        let mut inner = pair.into_inner();
        let subject = self.path_expr(inner.next().expect("grammar: subject"));
        inner.next(); // op_crosses
        let line = self.identifier(inner.next().expect("grammar: line"));
        let from = inner.nth(1).map(|p| self.side_ref(p)); // after kw_from
        Expr::Crosses {
            subject: Box::new(subject),
            line,
            from,
        }
    }

    /// `origin within 15 km of contact`, `time within 30 min after attack.time`
    pub(super) fn within_test(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut inner = pair.into_inner();
        let subject = self.path_expr(inner.next().expect("grammar: subject"));
        inner.next(); // kw_within
        let amount = self.primary(inner.next().expect("grammar: amount"))?;
        let word = inner.next().expect("grammar: of, after or before");
        let relation = match word.as_rule() {
            Rule::kw_of => WithinRelation::Of,
            Rule::kw_after => WithinRelation::After,
            _ => WithinRelation::Before,
        };
        let relation = Spanned::new(relation, self.span(&word));
        let reference = self.primary(inner.next().expect("grammar: reference"))?;
        Ok(Expr::Within {
            subject: Box::new(subject),
            amount: Box::new(amount),
            relation,
            reference: Box::new(reference),
        })
    }

    /// `origin on UA side of contact`
    pub(super) fn side_test(&self, pair: Pair<'_, Rule>) -> Expr {
        let mut inner = pair.into_inner();
        let subject = self.path_expr(inner.next().expect("grammar: subject"));
        let side = self.side_ref(inner.nth(1).expect("grammar: side")); // after kw_on
        let line = self.identifier(last(inner)); // after kw_side kw_of
        Expr::OnSide {
            subject: Box::new(subject),
            side,
            line,
        }
    }

    /// `target in area of other side`
    pub(super) fn area_test(&self, pair: Pair<'_, Rule>) -> Expr {
        let mut inner = pair.into_inner();
        let subject = self.path_expr(inner.next().expect("grammar: subject"));
        let owner = self.area_owner(last(inner)); // after op_in kw_area kw_of
        Expr::InArea {
            subject: Box::new(subject),
            owner,
        }
    }

    /// `track over dmz`, `track over area of other side`
    pub(super) fn over_test(&self, pair: Pair<'_, Rule>) -> Expr {
        let mut inner = pair.into_inner();
        let subject = self.path_expr(inner.next().expect("grammar: subject"));
        let region = last(inner); // after kw_over
        let span = self.span(&region);
        let region = match region.as_rule() {
            Rule::area_of => Region::Area(self.area_owner(last(region.into_inner())).node),
            _ => Region::Zone(self.identifier(region)),
        };
        Expr::Over {
            subject: Box::new(subject),
            region: Spanned::new(region, span),
        }
    }

    /// `other side` or a party
    fn area_owner(&self, pair: Pair<'_, Rule>) -> Spanned<AreaOwner> {
        let span = self.span(&pair);
        let first = pair.into_inner().next().expect("grammar: owner");
        let owner = match first.as_rule() {
            Rule::kw_other => AreaOwner::OtherSide,
            _ => AreaOwner::Party(self.path(first).node),
        };
        Spanned::new(owner, span)
    }

    /// `within 15 km of contact on UA side`
    pub(super) fn buffer_zone(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut inner = pair.into_inner().skip(1); // kw_within
        let distance = self.quantity(inner.next().expect("grammar: distance"));
        inner.next(); // kw_of
        let reference = self.primary(inner.next().expect("grammar: line or point"))?;
        let side = inner.next().map(|p| self.on_side(p));
        Ok(Expr::Buffer {
            distance,
            reference: Box::new(reference),
            side,
        })
    }

    /// `between withdrawal_ua and withdrawal_ru`
    pub(super) fn between_zone(&self, pair: Pair<'_, Rule>) -> Expr {
        let mut lines = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::identifier)
            .map(|p| self.identifier(p));
        let first = lines.next().expect("grammar: first line");
        let second = lines.next().expect("grammar: second line");
        Expr::Between { first, second }
    }

    /// `on UA side`
    pub(super) fn on_side(&self, pair: Pair<'_, Rule>) -> Spanned<SideRef> {
        self.side_ref(pair.into_inner().nth(1).expect("grammar: side")) // after kw_on
    }

    /// `each`, `own`, `north`, `UA`
    pub(super) fn side_ref(&self, pair: Pair<'_, Rule>) -> Spanned<SideRef> {
        let span = self.span(&pair);
        let word = last(pair.into_inner());
        let side = match word.as_rule() {
            Rule::kw_each => SideRef::Each,
            Rule::kw_own => SideRef::Own,
            Rule::compass => SideRef::Compass(self.compass(word).node),
            _ => SideRef::Party(word.as_str().to_owned()),
        };
        Spanned::new(side, span)
    }

    fn path_expr(&self, pair: Pair<'_, Rule>) -> SExpr {
        let path = self.path(pair);
        Spanned::new(Expr::Path(path.node), path.span)
    }

    /// `[a, b]`: the items of a list.
    pub(super) fn list(&self, pair: Pair<'_, Rule>) -> Result<Vec<SExpr>> {
        pair.into_inner().map(|p| self.primary(p)).collect()
    }

    pub(super) fn boolean(&self, pair: Pair<'_, Rule>) -> bool {
        last(pair.into_inner()).as_rule() == Rule::kw_true
    }

    pub(super) fn path(&self, pair: Pair<'_, Rule>) -> Spanned<Path> {
        let span = self.span(&pair);
        let segments = pair
            .into_inner()
            .map(|p| Spanned::new(p.as_str().to_owned(), self.span(&p)))
            .collect();
        Spanned::new(Path { segments }, span)
    }
}

fn binop_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::op_and
            | Rule::op_or
            | Rule::op_eq
            | Rule::op_ne
            | Rule::op_lt
            | Rule::op_le
            | Rule::op_gt
            | Rule::op_ge
            | Rule::op_is
            | Rule::op_in
            | Rule::op_before
            | Rule::op_after
            | Rule::op_overlaps
    )
}

fn binop(rule: Rule) -> BinOp {
    match rule {
        Rule::op_and => BinOp::And,
        Rule::op_or => BinOp::Or,
        Rule::op_eq => BinOp::Eq,
        Rule::op_ne => BinOp::Ne,
        Rule::op_lt => BinOp::Lt,
        Rule::op_le => BinOp::Le,
        Rule::op_gt => BinOp::Gt,
        Rule::op_ge => BinOp::Ge,
        Rule::op_is => BinOp::Is,
        Rule::op_in => BinOp::In,
        Rule::op_before => BinOp::Before,
        Rule::op_after => BinOp::After,
        Rule::op_overlaps => BinOp::Overlaps,
        r => unreachable!("grammar: infix operator {r:?}"),
    }
}
