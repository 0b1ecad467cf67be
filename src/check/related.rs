//! Conditions about related events: `some RELATION as NAME where ...`, and
//! tests of a bound event as a whole (`attack is established`, `attack in
//! PATTERN`), and fields of two events compared (`attack.actor.party`).

use super::Checker;
use super::cond::{CondKind, Relation, Subject};
use super::err::{
    Misplaced, Problem, Reserved, TooComplex, UnknownNameError, WrongKind, did_you_mean,
};
use super::fields::{Operand, Scope, event_field};
use super::symbols::Kind;
use crate::ast::{BinOp, Expr, SExpr};
use crate::span::Spanned;

/// How deep `some` may nest inside `some`.
const MAX_SOME_NESTING: usize = 3;

impl Checker {
    /// Whether `lhs is|in rhs` tests a bound event as a whole:
    /// `attack is established`, `attack in barrage`.
    pub(super) fn is_event_test(
        &self,
        op: &Spanned<BinOp>,
        lhs: &SExpr,
        rhs: &SExpr,
        scope: &Scope,
    ) -> bool {
        self.bound_event(lhs, scope).is_some() && (op.node == BinOp::In || bare_word(rhs).is_some())
    }

    /// `attack is established`, `attack in barrage`.
    pub(super) fn event_test(
        &mut self,
        op: &Spanned<BinOp>,
        lhs: &SExpr,
        rhs: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        let subject = self.bound_event(lhs, scope)?;
        match bare_word(rhs) {
            _ if op.node == BinOp::In => {}
            Some("established") => return Some(CondKind::Established { subject }),
            Some(word) if self.elements.iter().any(|(n, _)| n == word) => {
                return self.element_about(subject, rhs, scope);
            }
            _ => {
                let problem = WrongKind::RelatedIs {
                    text: lhs.span.text().to_owned(),
                    elements: !self.elements.is_empty(),
                };
                let mut words = vec!["established"];
                words.extend(self.elements.iter().map(|(n, _)| n.as_str()));
                let help = match did_you_mean(rhs.span.text(), &words) {
                    Some(word) => format!("did you mean `{word}`?"),
                    None => format!(
                        "to test one of its fields, name it: `{}.actor is PARTY`",
                        lhs.span.text()
                    ),
                };
                return self.invalid(problem.at(&rhs.span, "here").help(help));
            }
        }
        if let Some(found) = scope.found_first() {
            let problem = Misplaced::PatternFoundFirst { found };
            let help = "patterns and ceilings are found all at once, before any event is judged: test the pattern in an article or exception";
            return self.invalid(problem.at(&op.span, "here").help(help));
        }
        let names = self.names(rhs, op)?;
        let (_, pattern) = self
            .symbols
            .resolve(&names[0], &[Kind::Pattern])
            .map_err(|e| self.error(e))
            .ok()?;
        let pattern = self.pattern_index(pattern)?;
        Some(CondKind::InPattern { subject, pattern })
    }

    /// `attack`: a related event named by `some`, as a whole.
    pub(super) fn bound_event(&self, e: &SExpr, scope: &Scope) -> Option<Subject> {
        let Expr::Path(p) = &e.node else {
            return None;
        };
        let [only] = p.segments.as_slice() else {
            return None;
        };
        let i = scope.bindings.iter().rposition(|b| *b == only.node)?;
        Some(Subject(u8::try_from(i + 1).ok()?))
    }

    /// The operand a path names when it reads a field of an event (a
    /// related one, or `actor.party`), not a plain name such as `UNC`.
    pub(super) fn bound_operand(&mut self, e: &SExpr, scope: &Scope) -> Option<Operand> {
        let Expr::Path(p) = &e.node else {
            return None;
        };
        let root = p.segments[0].node.as_str();
        let bound = scope.bindings.iter().any(|b| b == root);
        if !bound && p.segments.len() == 1 && root != "actor" {
            return None;
        }
        self.operand(&Spanned::new(p.clone(), e.span.clone()), scope)
            .ok()
    }

    pub(super) fn quantifier(
        &mut self,
        relation: &Spanned<String>,
        binding: &Spanned<String>,
        condition: Option<&SExpr>,
        scope: &Scope,
    ) -> Option<CondKind> {
        // Each level multiplies the work by the number of related events.
        if scope.bindings.len() >= MAX_SOME_NESTING {
            let problem = TooComplex::SomeDepth {
                max: MAX_SOME_NESTING,
            };
            let help = "a `where` runs to the end of the condition: put a `some` in brackets when other tests follow it, `(some responds_to as attack where ...) and ...`; or test the inner relation in its own exception";
            return self.invalid(problem.at(&relation.span, "too deep").help(help));
        }
        let rel = Relation::parse(&relation.node);
        if rel.is_none() {
            let names = Relation::ALL.map(Relation::name);
            self.error(UnknownNameError::new(
                &relation.span,
                "relation",
                &names,
                "relations are responds_to, corroborates, contradicts, part_of, authorised_by, preceded_by and continues",
            ));
        }
        let root = binding.node.as_str();
        if scope.bindings.iter().any(|b| b == root)
            || event_field(Subject::EVENT, root).is_some()
            || super::quantities::RESERVED_FIELDS.contains(&root)
            || self.declared_names().contains(&root)
        {
            let problem = Reserved::Taken {
                name: root.to_owned(),
            };
            self.error(
                problem
                    .at(&binding.span, "choose another name")
                    .help("name the related event, such as `attack` or `permit`"),
            );
            return None;
        }
        let mut inner = scope.clone();
        inner.bindings.push(binding.node.clone());
        let condition = match condition {
            Some(c) => Some(Box::new(self.cond(c, &inner)?)),
            None => None,
        };
        let reads = condition.as_ref().map_or(Default::default(), |c| c.reads());
        Some(CondKind::Some {
            relation: rel?,
            binding: binding.node.clone(),
            condition,
            reads,
        })
    }
}

/// The bare word `e` is, if it is one: `established`.
fn bare_word(e: &SExpr) -> Option<&str> {
    match &e.node {
        Expr::Path(p) if p.segments.len() == 1 => Some(p.segments[0].node.as_str()),
        _ => None,
    }
}
