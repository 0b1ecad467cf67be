//! Conditions: resolve the names in an expression and check the kind of
//! every operand, producing a [`Cond`].

use std::sync::Arc;

use super::Checker;
use super::cond::{CmpOp, Cond, CondKind, Subject};
use super::err::{CheckError, Problem, Sort, Unbound, UnitMismatch, WrongKind};
use super::rulebook::ActSet;
use super::symbols::Kind;
use crate::ast::{BinOp, Dimension, Expr, SExpr};
use crate::span::{Span, Spanned};

/// The condition as written, with line breaks folded, for explanations.
fn written(span: &Span) -> Arc<str> {
    let words: Vec<&str> = span.text().split_whitespace().collect();
    words.join(" ").into()
}

use super::fields::{Operand, Scope};

impl Checker {
    /// Checks a condition; `None` when it is wrong (the problem is recorded).
    pub(super) fn cond(&mut self, e: &SExpr, scope: &Scope) -> Option<Cond> {
        // A name alone may be an element about the judged event.
        if let Some(element) = self.element_alone(e, scope) {
            return Some(Cond {
                kind: element?,
                text: written(&e.span),
                span: e.span.clone(),
            });
        }
        let kind = match &e.node {
            Expr::Bool(b) => CondKind::Const(*b),
            Expr::Doctrine(t) => CondKind::Doctrine(self.doctrine_test(t)?),
            Expr::InScope(name) => {
                let Some(i) = scope.bindings.iter().rposition(|b| *b == name.node) else {
                    let problem = Unbound::Authorisation {
                        name: name.node.clone(),
                    };
                    let help = "name the authorisation first: `some authorised_by as permit where within scope of permit`";
                    return self.invalid(problem.at(&name.span, "not a related event").help(help));
                };
                CondKind::InScope {
                    permit: Subject(u8::try_from(i + 1).ok()?),
                }
            }
            Expr::Not(inner) => CondKind::Not(Box::new(self.cond(inner, scope)?)),
            Expr::Binary { op, lhs, rhs } => self.binary(op, lhs, rhs, scope)?,
            Expr::Some {
                relation,
                binding,
                condition,
            } => self.quantifier(relation, binding, condition.as_deref(), scope)?,
            Expr::Directed { subject, object } => {
                self.directed(subject.as_deref(), object, scope)?
            }
            Expr::InArea { subject, owner } => self.in_area(subject, owner, scope)?,
            Expr::Over { subject, region } => self.over(subject, region, scope)?,
            Expr::Holdings { party, ceiling } => {
                self.holdings_test(party.as_ref(), ceiling, scope)?
            }
            Expr::WeaponSum { .. } => {
                let problem = WrongKind::Is {
                    text: e.span.text().to_owned(),
                    found: "a count",
                    wanted: Sort::Condition,
                };
                let help =
                    "compare it with a number, such as `count of weapons of class heavy > 0`";
                return self.invalid(problem.at(&e.span, "not a condition").help(help));
            }
            Expr::Crosses { .. }
            | Expr::Within { .. }
            | Expr::OnSide { .. }
            | Expr::Buffer { .. }
            | Expr::Polygon(_)
            | Expr::Between { .. }
            | Expr::Inside(_) => self.three_place(e, scope)?,
            Expr::Path(p) => {
                let what = self
                    .operand(&Spanned::new(p.clone(), e.span.clone()), scope)
                    .ok();
                let kind = what.map_or("a value", Operand::describe);
                let problem = WrongKind::Is {
                    text: e.span.text().to_owned(),
                    found: kind,
                    wanted: Sort::Condition,
                };
                let help =
                    "test it, as in `act is fire`, `place in dmz` or `weapon.calibre >= 100 mm`";
                return self.invalid(problem.at(&e.span, "not a condition").help(help));
            }
            _ => {
                let problem = WrongKind::Is {
                    text: e.span.text().to_owned(),
                    found: "a value",
                    wanted: Sort::Condition,
                };
                return self.invalid(problem.at(&e.span, "not a condition"));
            }
        };
        Some(Cond {
            kind,
            text: written(&e.span),
            span: e.span.clone(),
        })
    }

    pub(super) fn invalid<T>(&mut self, error: impl Into<CheckError>) -> Option<T> {
        self.error(error);
        None
    }

    fn binary(
        &mut self,
        op: &Spanned<BinOp>,
        lhs: &SExpr,
        rhs: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        match op.node {
            BinOp::And | BinOp::Or => {
                // Check both sides even if one is wrong, to report everything.
                let (l, r) = (self.cond(lhs, scope), self.cond(rhs, scope));
                let (l, r) = (Box::new(l?), Box::new(r?));
                Some(if op.node == BinOp::And {
                    CondKind::And(l, r)
                } else {
                    CondKind::Or(l, r)
                })
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => self.compare(op, lhs, rhs, scope),
            BinOp::Eq | BinOp::Ne
                if is_literal(rhs)
                    || is_literal(lhs)
                    || super::quantities::is_weapon_sum(lhs)
                    || super::quantities::is_weapon_sum(rhs)
                    || self.names_instant(lhs, scope)
                    || self.names_instant(rhs, scope) =>
            {
                self.compare(op, lhs, rhs, scope)
            }
            BinOp::Is if super::facts::known_word(rhs).is_some() => {
                let known = super::facts::known_word(rhs)?;
                self.known(lhs, op, known, scope)
            }
            BinOp::Is | BinOp::In if self.is_event_test(op, lhs, rhs, scope) => {
                self.event_test(op, lhs, rhs, scope)
            }
            BinOp::Is | BinOp::In | BinOp::Eq | BinOp::Ne => {
                let left = self.path_operand(lhs, op, scope)?;
                if matches!(left, Operand::Time(_)) && matches!(op.node, BinOp::Eq | BinOp::Ne) {
                    return self.compare_fields(op, lhs, rhs, scope);
                }
                if let (Operand::Party(l), Some(Operand::Party(r))) =
                    (left, self.bound_operand(rhs, scope))
                {
                    let kind = CondKind::SameParty { lhs: l, rhs: r };
                    return Some(match op.node {
                        BinOp::Ne => negate(kind, lhs, rhs),
                        _ => kind,
                    });
                }
                let kind = self.membership(left, op, rhs)?;
                Some(if op.node == BinOp::Ne {
                    negate(kind, lhs, rhs)
                } else {
                    kind
                })
            }
            BinOp::Before | BinOp::After => self.compare(op, lhs, rhs, scope),
            BinOp::Overlaps if !matches!(rhs.node, Expr::Path(_)) => {
                let problem = WrongKind::Overlaps {
                    text: rhs.span.text().to_owned(),
                };
                let help = "compare a time with a date with `before`, `after` or `>=`, such as `time >= 2025-01-01 00:00 UTC`";
                self.invalid(problem.at(&rhs.span, "not an event's time").help(help))
            }
            BinOp::Overlaps => self.compare_fields(op, lhs, rhs, scope),
        }
    }

    /// The left side of a test must be a path such as `act` or `place`.
    pub(super) fn path_operand(
        &mut self,
        e: &SExpr,
        op: &Spanned<BinOp>,
        scope: &Scope,
    ) -> Option<Operand> {
        if !matches!(e.node, Expr::Path(_)) {
            let problem = WrongKind::FieldOnLeft { op: op.node.word() };
            return self.invalid(problem.at(&e.span, "not a field"));
        }
        self.field(e, scope)
    }

    /// `is`, `in`, `==` and `!=` against names.
    fn membership(&mut self, left: Operand, op: &Spanned<BinOp>, rhs: &SExpr) -> Option<CondKind> {
        let names = self.names(rhs, op)?;
        match left {
            Operand::Act(subject) => {
                let mut acts = ActSet::default();
                for name in &names {
                    let (kind, index) = self
                        .symbols
                        .resolve(name, &[Kind::Act, Kind::ActClass])
                        .map_err(|e| self.error(e))
                        .ok()?;
                    self.add_acts(&mut acts, kind, index);
                }
                Some(CondKind::Act { subject, acts })
            }
            Operand::Party(subject) => {
                let parties = self.parties(&names)?;
                Some(CondKind::Actor { subject, parties })
            }
            Operand::Weapon(subject) if op.node == BinOp::Is && names.len() == 1 => {
                let (_, class) = self
                    .symbols
                    .resolve(&names[0], &[Kind::WeaponClass])
                    .map_err(|e| self.error(e))
                    .ok()?;
                Some(CondKind::WeaponClass { subject, class })
            }
            Operand::Capacity(subject) => self.capacity_test(subject, &names),
            Operand::Category(subject, category) => self.category_test(subject, category, &names),
            Operand::Affected(subject) => {
                let parties = self.parties(&names)?;
                Some(CondKind::Affected { subject, parties })
            }
            Operand::WeaponType(subject) => {
                let types = names
                    .iter()
                    .map(|n| n.text().trim_matches('"').to_owned())
                    .collect();
                Some(CondKind::WeaponType { subject, types })
            }
            Operand::Point(subject, point) if op.node == BinOp::In && names.len() == 1 => {
                let (_, zone) = self
                    .symbols
                    .resolve(&names[0], &[Kind::Zone])
                    .map_err(|e| self.error(e))
                    .ok()?;
                Some(CondKind::InZone {
                    subject,
                    point,
                    zone,
                })
            }
            other => {
                let problem = WrongKind::Operator {
                    op: op.node.word(),
                    found: other.describe(),
                };
                let help = match other {
                    Operand::Weapon(_) => "test a weapon with `weapon is CLASS`",
                    Operand::Point(..) => "test a place with `place in ZONE`",
                    Operand::Path(..) => "test a path with `trajectory crosses LINE`",
                    _ => "compare it with `<`, `<=`, `>`, `>=`, `==` or `!=`",
                };
                self.invalid(problem.at(&op.span, "this operator").help(help))
            }
        }
    }

    /// Party (or monitor, group, ...) ids by name.
    fn parties(&mut self, names: &[Span]) -> Option<Vec<u16>> {
        let mut parties = Vec::new();
        for name in names {
            let (_, index) = self
                .symbols
                .resolve(name, &[Kind::Party])
                .map_err(|e| self.error(e))
                .ok()?;
            parties.push(u16::try_from(index).ok()?);
        }
        Some(parties)
    }

    /// Adds an act, or every act of a class, to a set.
    pub(super) fn add_acts(&self, acts: &mut ActSet, kind: Kind, index: usize) {
        match kind {
            Kind::Act => acts.insert(u16::try_from(index).unwrap_or(u16::MAX)),
            Kind::ActClass => {
                if let Some(members) = self.act_class_members.get(index) {
                    acts.union(members);
                }
            }
            // Names resolved as acts are of the two kinds above.
            Kind::Party
            | Kind::WeaponClass
            | Kind::Line
            | Kind::Zone
            | Kind::Deadline
            | Kind::Regime
            | Kind::Doctrine
            | Kind::Pattern
            | Kind::Element
            | Kind::Diligence
            | Kind::Category
            | Kind::Quantity
            | Kind::Ceiling => {}
        }
    }

    /// The names on the right of a test: one name, or a list of names.
    pub(super) fn names(&mut self, rhs: &SExpr, op: &Spanned<BinOp>) -> Option<Vec<Span>> {
        let single = |e: &SExpr| match &e.node {
            Expr::Path(p) if p.segments.len() == 1 => Some(e.span.clone()),
            Expr::Text(_) => Some(e.span.clone()),
            _ => None,
        };
        let names = match &rhs.node {
            Expr::List(items) if op.node == BinOp::In => items.iter().map(single).collect(),
            _ => single(rhs).map(|s| vec![s]),
        };
        if names.is_none() {
            let problem = WrongKind::NameOnRight {
                op: op.node.word(),
                list: op.node == BinOp::In,
            };
            return self.invalid(problem.at(&rhs.span, "not a name"));
        }
        names
    }

    /// `<`, `<=`, `>`, `>=` (and `==`, `!=` against a number, length or date).
    fn compare(
        &mut self,
        op: &Spanned<BinOp>,
        lhs: &SExpr,
        rhs: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        let cmp = cmp_op(op.node);
        if let Some(kind) = self.weapon_sum_compare(op, lhs, rhs, scope, cmp) {
            return kind;
        }
        if let Some(kind) = self.deadline_compare(op, lhs, rhs, scope) {
            return kind;
        }
        let (field, literal, cmp) = if is_literal(lhs) && !is_literal(rhs) {
            (rhs, lhs, cmp.flipped())
        } else {
            (lhs, rhs, cmp)
        };
        if !is_literal(literal) {
            return self.compare_fields(op, lhs, rhs, scope);
        }
        let left = self.path_operand(field, op, scope)?;
        let value = match &literal.node {
            Expr::Number(n) => Some(*n),
            Expr::Quantity(q) => Some(q.value),
            _ => None,
        };
        if value.is_some_and(|v| !v.is_finite()) {
            let problem = super::err::OutOfRange::TooLarge {
                text: literal.span.text().to_owned(),
            };
            return self.invalid(problem.at(&literal.span, "here"));
        }
        match (left, &literal.node) {
            (Operand::Measure(subject, measure, None), Expr::Number(n)) => {
                Some(CondKind::Measure {
                    subject,
                    field: measure,
                    op: cmp,
                    value: *n,
                })
            }
            (Operand::Measure(subject, measure, Some(dim)), Expr::Quantity(q))
                if q.unit.dimension() == dim =>
            {
                Some(CondKind::Measure {
                    subject,
                    field: measure,
                    op: cmp,
                    value: q.base(),
                })
            }
            (Operand::Time(subject), Expr::DateTime(d)) => {
                let instant = self.instant(&Spanned::new(d.clone(), literal.span.clone()))?;
                Some(CondKind::Time {
                    subject,
                    op: cmp,
                    at: instant.at,
                    last: instant.last,
                    written: instant.written,
                })
            }
            (left, _) => {
                let problem = UnitMismatch::Compared {
                    text: field.span.text().to_owned(),
                    found: left.describe(),
                    literal: literal.span.text().to_owned(),
                };
                let help = match left {
                    Operand::Measure(_, _, Some(Dimension::Length)) => {
                        "compare a length with a length, such as `100 mm` or `2 km`"
                    }
                    Operand::Measure(..) => "compare a count with a plain number, such as `10`",
                    Operand::Time(_) => {
                        "compare a time with a date and time, such as `1953-07-27 22:00 Asia/Seoul`, or a day, such as `1953-07-27 Asia/Seoul`"
                    }
                    _ => "only numbers, lengths and times can be compared",
                };
                self.invalid(problem.at(&literal.span, "wrong kind").help(help))
            }
        }
    }

    /// Whether `e` is the name of a deadline or a regime (not shadowed by a
    /// related event's name).
    fn names_instant(&self, e: &SExpr, scope: &Scope) -> bool {
        let Expr::Path(p) = &e.node else {
            return false;
        };
        let name = p.segments[0].node.as_str();
        p.segments.len() == 1
            && !scope.bindings.iter().any(|b| b == name)
            && matches!(
                self.symbols.kind_of(name),
                Some(Kind::Deadline | Kind::Regime)
            )
    }

    /// `time after withdrawal`, `time >= harvest`: a time against a deadline
    /// or the start of a regime. `None` when neither side names one.
    fn deadline_compare(
        &mut self,
        op: &Spanned<BinOp>,
        lhs: &SExpr,
        rhs: &SExpr,
        scope: &Scope,
    ) -> Option<Option<CondKind>> {
        let named = |e: &SExpr| match &e.node {
            Expr::Path(p) if p.segments.len() == 1 => {
                let name = p.segments[0].node.as_str();
                let shadowed = scope.bindings.iter().any(|b| b == name);
                let kind = self.symbols.kind_of(name);
                (!shadowed && matches!(kind, Some(Kind::Deadline | Kind::Regime))).then_some(kind)
            }
            _ => None,
        };
        let cmp = cmp_op(op.node);
        let (field, name, cmp) = match (named(lhs), named(rhs)) {
            (_, Some(_)) => (lhs, rhs, cmp),
            (Some(_), None) => (rhs, lhs, cmp.flipped()),
            (None, None) => return None,
        };
        let subject = match self.path_operand(field, op, scope) {
            Some(Operand::Time(s)) => s,
            Some(other) => {
                let problem = WrongKind::Deadline {
                    text: field.span.text().to_owned(),
                    found: other.describe(),
                };
                return Some(self.invalid(problem.at(&field.span, "not a time")));
            }
            None => return Some(None),
        };
        let (kind, index) = match self
            .symbols
            .resolve(&name.span, &[Kind::Deadline, Kind::Regime])
        {
            Ok(found) => found,
            Err(e) => {
                self.error(e);
                return Some(None);
            }
        };
        Some(Some(match kind {
            Kind::Deadline => CondKind::Deadline {
                subject,
                op: cmp,
                deadline: index,
            },
            _ => CondKind::RegimeStart {
                subject,
                op: cmp,
                regime: index,
            },
        }))
    }

    /// Two times compared: `permit.time <= time`; or two measures:
    /// `weapon.rounds <= attack.weapon.rounds`.
    pub(super) fn compare_fields(
        &mut self,
        op: &Spanned<BinOp>,
        lhs: &SExpr,
        rhs: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        let (l, r) = (
            self.path_operand(lhs, op, scope),
            self.path_operand(rhs, op, scope),
        );
        match (l?, r?) {
            (Operand::Time(lhs), Operand::Time(rhs)) if op.node == BinOp::Overlaps => {
                Some(CondKind::Overlaps { lhs, rhs })
            }
            (Operand::Time(lhs), Operand::Time(rhs)) => Some(CondKind::TimeOrder {
                lhs,
                op: cmp_op(op.node),
                rhs,
            }),
            (Operand::Measure(l, lm, ld), Operand::Measure(r, rm, rd))
                if ld == rd && !matches!(op.node, BinOp::Before | BinOp::After) =>
            {
                Some(CondKind::MeasureCompare {
                    lhs: (l, lm),
                    op: cmp_op(op.node),
                    rhs: (r, rm),
                })
            }
            (l, r) => {
                // Name the side that is not a time.
                let (side, kind) = match l {
                    Operand::Time(_) => (rhs, r),
                    _ => (lhs, l),
                };
                let problem = WrongKind::Comparison {
                    text: side.span.text().to_owned(),
                    found: kind.describe(),
                };
                let help = "compare a field with a value, such as `weapon.calibre >= 100 mm`, or two times, such as `permit.time <= time`";
                self.invalid(problem.at(&op.span, "this comparison").help(help))
            }
        }
    }
}

fn is_literal(e: &SExpr) -> bool {
    matches!(
        e.node,
        Expr::Number(_) | Expr::Quantity(_) | Expr::DateTime(_)
    )
}

fn cmp_op(op: BinOp) -> CmpOp {
    match op {
        BinOp::Eq => CmpOp::Eq,
        BinOp::Ne => CmpOp::Ne,
        BinOp::Lt => CmpOp::Lt,
        BinOp::Le => CmpOp::Le,
        BinOp::Gt | BinOp::After => CmpOp::Gt,
        BinOp::Before => CmpOp::Lt,
        _ => CmpOp::Ge,
    }
}

/// `a != b` is `not (a == b)`; the inner test is explained as `a == b`.
fn negate(kind: CondKind, lhs: &SExpr, rhs: &SExpr) -> CondKind {
    let span = lhs.span.to(&rhs.span);
    let text = format!("{} == {}", written(&lhs.span), written(&rhs.span));
    CondKind::Not(Box::new(Cond {
        kind,
        text: text.into(),
        span,
    }))
}
