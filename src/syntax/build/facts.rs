//! Facts a rulebook declares (categories and quantities) and the ceilings
//! that sum them, as written.

use pest::iterators::Pair;

use super::super::parser::Rule;
use super::{Builder, Result, last};
use crate::ast::*;
use crate::span::Spanned;

impl Builder<'_> {
    /// `category force "text" [army, police]`
    pub(super) fn category_decl(&self, pair: Pair<'_, Rule>) -> Result<CategoryDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_category
        let name = self.identifier(inner.next().expect("grammar: name"));
        let (mut text, mut values) = (None, Vec::new());
        for p in inner {
            match p.as_rule() {
                Rule::string => text = Some(self.string(p)?),
                Rule::category_values => values = self.category_values(p),
                r => unreachable!("grammar: category part {r:?}"),
            }
        }
        Ok(CategoryDecl {
            name,
            text,
            values,
            span,
        })
    }

    /// `[army, police]`
    fn category_values(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        pair.into_inner().map(|p| self.identifier(p)).collect()
    }

    /// `quantity personnel "text" count`, `quantity range "text" in km`
    pub(super) fn quantity_decl(&self, pair: Pair<'_, Rule>) -> Result<QuantityDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_quantity
        let name = self.identifier(inner.next().expect("grammar: name"));
        let (mut text, mut unit) = (None, None);
        for p in inner {
            match p.as_rule() {
                Rule::string => text = Some(self.string(p)?),
                Rule::quantity_kind => unit = self.quantity_kind(p),
                r => unreachable!("grammar: quantity part {r:?}"),
            }
        }
        Ok(QuantityDecl {
            name,
            text,
            unit,
            span,
        })
    }

    /// `count` (`None`), or `in km`
    fn quantity_kind(&self, pair: Pair<'_, Rule>) -> Option<Spanned<Unit>> {
        let word = last(pair.into_inner());
        match word.as_rule() {
            Rule::unit => Some(Spanned::new(self.unit(word.clone()), self.span(&word))),
            _ => None, // kw_count
        }
    }

    /// `ceiling NAME "text" = at most LIMITS in ZONE where CONDITION`
    pub(super) fn ceiling_decl(&self, pair: Pair<'_, Rule>) -> Result<CeilingDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_ceiling
        let name = self.identifier(inner.next().expect("grammar: name"));
        let (mut text, mut limits, mut zone, mut condition) = (None, Vec::new(), None, None);
        for p in inner {
            match p.as_rule() {
                Rule::string => text = Some(self.string(p)?),
                Rule::ceiling_limit => limits.push(self.ceiling_limit(p)),
                Rule::identifier => zone = Some(self.identifier(p)),
                Rule::expr => condition = Some(self.expr(p)?),
                _ => {} // kw_at, kw_most, kw_in, kw_where
            }
        }
        Ok(CeilingDecl {
            name,
            text,
            limits,
            zone: zone.expect("grammar: zone"),
            condition: condition.expect("grammar: condition"),
            span,
        })
    }

    /// `6000 personnel`, `75 weapons of class tank`
    fn ceiling_limit(&self, pair: Pair<'_, Rule>) -> CeilingLimit {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let amount = inner.next().expect("grammar: amount");
        let amount = Spanned::new(self.number(amount.clone()), self.span(&amount));
        let what = inner.next().expect("grammar: what is counted");
        let counted = match what.as_rule() {
            Rule::weapons_counted => Counted::Weapons {
                class: self.weapons_counted(what),
            },
            _ => Counted::Quantity(self.identifier(what)),
        };
        CeilingLimit {
            amount,
            counted,
            span,
        }
    }

    /// `weapons of class tank`: the class, if one is named.
    fn weapons_counted(&self, pair: Pair<'_, Rule>) -> Option<Ident> {
        pair.into_inner()
            .find(|p| p.as_rule() == Rule::identifier)
            .map(|p| self.identifier(p))
    }

    /// `count of weapons of class heavy`, `rounds of attack.weapons`
    pub(super) fn weapon_sum(&self, pair: Pair<'_, Rule>) -> Expr {
        let (mut sum, mut event, mut class) = (Sum::Count, None, None);
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::sum_word if p.as_str() == "rounds" => sum = Sum::Rounds,
                Rule::weapons_ref => event = self.weapons_ref(p),
                Rule::identifier => class = Some(self.identifier(p)),
                _ => {} // sum_word `count`, kw_of, kw_class
            }
        }
        Expr::WeaponSum { sum, event, class }
    }

    /// `attack.weapons`: the related event named, if one is.
    fn weapons_ref(&self, pair: Pair<'_, Rule>) -> Option<Ident> {
        pair.into_inner()
            .find(|p| p.as_rule() == Rule::path_root)
            .map(|p| self.identifier(p))
    }

    /// `holdings of SY exceed limited_forces`
    pub(super) fn holdings_test(&self, pair: Pair<'_, Rule>) -> Expr {
        let names: Vec<Ident> = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::identifier)
            .map(|p| self.identifier(p))
            .collect();
        let (party, ceiling) = match names.as_slice() {
            [ceiling] => (None, ceiling.clone()),
            [party, ceiling] => (Some(party.clone()), ceiling.clone()),
            _ => unreachable!("grammar: holdings names"),
        };
        Expr::Holdings { party, ceiling }
    }
}
