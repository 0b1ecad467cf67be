//! Time declarations: deadlines, extensions, suspensions and regimes.

use pest::iterators::Pair;

use super::super::parser::Rule;
use super::{Builder, Result, last};
use crate::ast::*;
use crate::span::Spanned;

impl Builder<'_> {
    pub(super) fn deadline_decl(&self, pair: Pair<'_, Rule>) -> DeadlineDecl {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_deadline
        let name = self.identifier(inner.next().expect("grammar: name"));
        let due = self.moment(inner.next().expect("grammar: moment"));
        DeadlineDecl { name, due, span }
    }

    /// `72 h after in force`, `day 2`, `2015-10-02 00:00 Europe/Kyiv`
    pub(super) fn moment(&self, pair: Pair<'_, Rule>) -> Spanned<Moment> {
        let span = self.span(&pair);
        let mut after = None;
        let mut anchor = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::quantity => after = Some(self.quantity(p)),
                Rule::anchor => anchor = Some(self.anchor(p)),
                _ => {} // kw_after
            }
        }
        let anchor = anchor.expect("grammar: anchor");
        Spanned::new(Moment { after, anchor }, span)
    }

    pub(super) fn anchor(&self, pair: Pair<'_, Rule>) -> Spanned<Anchor> {
        let span = self.span(&pair);
        let inner = last(pair.into_inner());
        let anchor = match inner.as_rule() {
            Rule::in_force_anchor => Anchor::InForce,
            Rule::day_anchor => Anchor::Day(self.number(last(inner.into_inner()))),
            Rule::datetime => Anchor::Date(self.datetime(inner).node),
            _ => Anchor::Named(inner.as_str().to_owned()),
        };
        Spanned::new(anchor, span)
    }

    pub(super) fn extension_decl(&self, pair: Pair<'_, Rule>) -> Result<ExtensionDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_extend
        let deadline = self.identifier(inner.next().expect("grammar: deadline"));
        let word = inner.next().expect("grammar: to or by");
        let value = inner.next().expect("grammar: new deadline");
        let to = match word.as_rule() {
            Rule::kw_to => Extension::To(self.moment(value)),
            _ => Extension::By(self.quantity(value)),
        };
        inner.next(); // kw_agreed
        let agreed = self.datetime(inner.next().expect("grammar: agreed"));
        let (mut by, mut text) = (None, None);
        for p in inner {
            match p.as_rule() {
                Rule::changer => by = Some(self.changer(p)),
                Rule::string => text = Some(self.string(p)?),
                _ => {} // kw_by
            }
        }
        Ok(ExtensionDecl {
            deadline,
            to,
            agreed,
            by,
            text,
            span,
        })
    }

    /// `change deadline withdrawal by IL and LB together when ... proof ... "text"`
    pub(super) fn change_decl(&self, pair: Pair<'_, Rule>) -> Result<ChangeDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_change
        let target = self.change_target(inner.next().expect("grammar: target"));
        inner.next(); // kw_by
        let by = self.changer(inner.next().expect("grammar: changer"));
        let (mut when, mut proof, mut text) = (None, None, None);
        for p in inner {
            match p.as_rule() {
                Rule::doctrine_test => when = Some(self.doctrine_test(p)),
                Rule::proof_clause => proof = Some(self.proof_clause(p)),
                Rule::string => text = Some(self.string(p)?),
                _ => {} // kw_when
            }
        }
        Ok(ChangeDecl {
            target,
            by,
            when,
            proof,
            text,
            span,
        })
    }

    /// `deadline withdrawal`, `suspension`, `repudiation of article 1.3`
    fn change_target(&self, pair: Pair<'_, Rule>) -> Spanned<ChangeTarget> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let first = inner.next().expect("grammar: target");
        let target = match first.as_rule() {
            Rule::kw_deadline => {
                ChangeTarget::Deadline(self.identifier(inner.next().expect("grammar: deadline")))
            }
            _ => ChangeTarget::Status {
                kind: self.status_kind(first),
                articles: inner
                    .find(|p| p.as_rule() == Rule::article_refs) // after kw_of
                    .map(|p| self.article_refs(p))
                    .unwrap_or_default(),
            },
        };
        Spanned::new(target, span)
    }

    /// `suspension`, `repudiation` or `resumption`
    fn status_kind(&self, pair: Pair<'_, Rule>) -> StatusKind {
        match pair.into_inner().next().map(|p| p.as_rule()) {
            Some(Rule::kw_repudiation) => StatusKind::Repudiation,
            Some(Rule::kw_resumption) => StatusKind::Resumption,
            _ => StatusKind::Suspension,
        }
    }

    /// `IL and LB together`, `each party`, or one id
    pub(super) fn changer(&self, pair: Pair<'_, Rule>) -> Spanned<Changer> {
        let span = self.span(&pair);
        let mut ids = Vec::new();
        let mut each = false;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::identifier => ids.push(self.identifier(p)),
                Rule::kw_each => each = true,
                _ => {} // op_and, kw_together, kw_party
            }
        }
        let changer = if each {
            Changer::EachParty
        } else {
            Changer::Together(ids)
        };
        Spanned::new(changer, span)
    }

    pub(super) fn suspension_decl(&self, pair: Pair<'_, Rule>) -> Result<SuspensionDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().peekable();
        let repudiation = inner.next().expect("grammar: verb").as_rule() == Rule::kw_repudiate;
        let mut articles = Vec::new();
        if inner
            .peek()
            .is_some_and(|p| p.as_rule() == Rule::article_refs)
        {
            articles = self.article_refs(inner.next().expect("peeked"));
        }
        inner.next(); // kw_for
        let party = self.identifier(inner.next().expect("grammar: party"));
        inner.next(); // kw_from
        let from = self.datetime(inner.next().expect("grammar: from"));
        let (mut until, mut text, mut when) = (None, None, None);
        for p in inner {
            match p.as_rule() {
                Rule::datetime => until = Some(self.datetime(p)),
                Rule::doctrine_test => when = Some(self.doctrine_test(p)),
                Rule::string => text = Some(self.string(p)?),
                _ => {} // kw_until
            }
        }
        Ok(SuspensionDecl {
            repudiation,
            articles,
            party,
            from,
            until,
            when,
            text,
            span,
        })
    }

    pub(super) fn regime_decl(&self, pair: Pair<'_, Rule>) -> Result<RegimeDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1); // kw_regime
        let name = self.identifier(inner.next().expect("grammar: name"));
        inner.next(); // kw_from
        let from = self.datetime(inner.next().expect("grammar: from"));
        let text = inner.next().map(|p| self.string(p)).transpose()?;
        Ok(RegimeDecl {
            name,
            from,
            text,
            span,
        })
    }
}
