//! Conditions: the one Pratt table turns operators into AST nodes.

use pest::iterators::Pair;

use super::super::err::TooDeepError;
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
            let message = format!("this condition nests more than {MAX_NESTING} levels deep");
            return Err(TooDeepError::new(&span, message).into());
        }
        if self.operators.get() > MAX_OPERATORS {
            let message = format!("this condition has more than {MAX_OPERATORS} operators");
            return Err(TooDeepError::new(&span, message).into());
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
            Rule::quantifier => self.quantifier(pair)?,
            Rule::list => Expr::List(self.list(pair)?),
            Rule::boolean => Expr::Bool(self.boolean(pair)),
            Rule::datetime => Expr::DateTime(self.datetime(pair).node),
            Rule::quantity => Expr::Quantity(self.quantity(pair).node),
            Rule::number => Expr::Number(self.number(pair)),
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
            | Rule::op_crosses
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
        Rule::op_crosses => BinOp::Crosses,
        r => unreachable!("grammar: infix operator {r:?}"),
    }
}
