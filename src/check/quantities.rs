//! Facts a rulebook declares (categories and quantities), the conditions
//! that read them, sums over the weapons an event records, and ceilings on
//! what a party may hold in a zone.

use super::Checker;
use super::cond::{CmpOp, Cond, CondKind, PointField, Subject};
use super::err::{
    DuplicateError, Misplaced, OutOfRange, Problem, Range, Reserved, Unbound, UnitMismatch,
    UnknownNameError,
};
use super::fields::{Operand, Scope};
use super::provisions::declarations;
use super::rulebook::{Category, Ceiling, CeilingLimit, Counted, Quantity};
use super::symbols::Kind;
use crate::ast::{self, BinOp, Declaration, Expr, SExpr};
use crate::span::{Span, Spanned};

/// The fields every event has: a category or quantity may not take their
/// names, or a condition could not tell the two apart.
pub(super) const RESERVED_FIELDS: [&str; 13] = [
    "act",
    "actor",
    "affected",
    "weapon",
    "weapons",
    "place",
    "origin",
    "target",
    "trajectory",
    "track",
    "time",
    "effects",
    "facts",
];

/// The most a limit may be: far beyond any force, and exact in a float.
const MAX_LIMIT: f64 = 1e15;

impl Checker {
    /// Every category, in rulebook order.
    pub(super) fn categories(&mut self, ast: &ast::Rulebook) -> Vec<Category> {
        declarations(ast, |d| match d {
            Declaration::Category(c) if self.is_declared(&c.name) => Some(self.category(c)),
            _ => None,
        })
    }

    fn category(&mut self, c: &ast::CategoryDecl) -> Category {
        self.not_a_field(&c.name, "category");
        let mut values: Vec<&Spanned<String>> = Vec::new();
        for v in &c.values {
            if let Some(first) = values.iter().find(|f| f.node == v.node) {
                self.error(DuplicateError::new(&v.span, &first.span, "value"));
                continue;
            }
            if matches!(v.node.as_str(), "known" | "unknown") {
                let problem = Reserved::KnownValue {
                    value: v.node.clone(),
                };
                let help = format!(
                    "a condition asks whether the fact is recorded with `{} is known` or `{} is unknown`; name the value otherwise",
                    c.name.node, c.name.node
                );
                self.error(problem.at(&v.span, "here").help(help));
                continue;
            }
            values.push(v);
        }
        Category {
            name: c.name.node.as_str().into(),
            text: c.text.as_ref().map(|t| t.node.as_str().into()),
            values: values.iter().map(|v| v.node.as_str().into()).collect(),
        }
    }

    /// Every quantity, in rulebook order.
    pub(super) fn quantities(&mut self, ast: &ast::Rulebook) -> Vec<Quantity> {
        declarations(ast, |d| match d {
            Declaration::Quantity(q) if self.is_declared(&q.name) => {
                self.not_a_field(&q.name, "quantity");
                Some(Quantity {
                    name: q.name.node.as_str().into(),
                    text: q.text.as_ref().map(|t| t.node.as_str().into()),
                    unit: q.unit.as_ref().map(|u| u.node),
                })
            }
            _ => None,
        })
    }

    /// Refuses a declared fact named like a field every event has.
    fn not_a_field(&mut self, name: &Spanned<String>, what: &str) {
        if RESERVED_FIELDS.contains(&name.node.as_str()) {
            let problem = Reserved::EventField {
                name: name.node.clone(),
            };
            let help = format!("name the {what} otherwise, such as `{}_kind`", name.node);
            self.error(problem.at(&name.span, "here").help(help));
        }
    }

    /// A category or quantity of the rulebook as a field of an event.
    pub(super) fn declared_operand(&mut self, subject: Subject, name: &str) -> Option<Operand> {
        match self.symbols.kind_of(name)? {
            Kind::Category => {
                let i = self.categories.iter().position(|c| &*c.name == name)?;
                self.symbols.resolve_named(name, Kind::Category);
                Some(Operand::Category(subject, i))
            }
            Kind::Quantity => {
                let i = self.quantities.iter().position(|q| &*q.name == name)?;
                self.symbols.resolve_named(name, Kind::Quantity);
                let dimension = self.quantities[i].dimension();
                Some(Operand::Measure(
                    subject,
                    super::cond::Measure::Quantity(i),
                    dimension,
                ))
            }
            Kind::Party
            | Kind::Act
            | Kind::ActClass
            | Kind::WeaponClass
            | Kind::Line
            | Kind::Zone
            | Kind::Deadline
            | Kind::Regime
            | Kind::Doctrine
            | Kind::Pattern
            | Kind::Element
            | Kind::Diligence
            | Kind::Ceiling => None,
        }
    }

    /// The names of the facts the rulebook declares, for suggestions.
    pub(super) fn declared_names(&self) -> Vec<&str> {
        let categories = self.categories.iter().map(|c| &*c.name);
        categories
            .chain(self.quantities.iter().map(|q| &*q.name))
            .collect()
    }

    /// `force is police`, `force in [police, militia]`: each value must be
    /// one the category declares.
    pub(super) fn category_test(
        &mut self,
        subject: Subject,
        category: usize,
        names: &[Span],
    ) -> Option<CondKind> {
        let declared: Vec<&str> = self.categories[category]
            .values
            .iter()
            .map(|v| &**v)
            .collect();
        let mut values = Vec::new();
        let mut unknown = Vec::new();
        for name in names {
            let word = name.text().trim_matches('"');
            match self.categories[category]
                .values
                .iter()
                .find(|v| &***v == word)
            {
                Some(v) => values.push(v.clone()),
                None => {
                    let hint = format!(
                        "category `{}` has the values {}",
                        self.categories[category].name,
                        declared.join(", ")
                    );
                    unknown.push(UnknownNameError::new(name, "value", &declared, &hint));
                }
            }
        }
        let ok = unknown.is_empty();
        unknown.into_iter().for_each(|e| self.error(e));
        ok.then_some(CondKind::Category {
            subject,
            category,
            values,
        })
    }

    /// `count of weapons of class heavy > 0`; `None` when neither side is
    /// a sum over weapons.
    pub(super) fn weapon_sum_compare(
        &mut self,
        op: &Spanned<BinOp>,
        lhs: &SExpr,
        rhs: &SExpr,
        scope: &Scope,
        cmp: CmpOp,
    ) -> Option<Option<CondKind>> {
        let (sum, other, cmp) = if is_weapon_sum(lhs) {
            (lhs, rhs, cmp)
        } else if is_weapon_sum(rhs) {
            (rhs, lhs, cmp.flipped())
        } else {
            return None;
        };
        let Expr::WeaponSum {
            sum: kind,
            event,
            class,
        } = &sum.node
        else {
            return None;
        };
        let value = match other.node {
            Expr::Number(n) if n.is_finite() => n,
            _ => {
                let problem = UnitMismatch::Count {
                    text: sum.span.text().to_owned(),
                };
                let help =
                    "compare it with a number, such as `count of weapons of class heavy > 0`";
                return Some(self.invalid(problem.at(&op.span, "this comparison").help(help)));
            }
        };
        let subject = match event {
            None => Subject::EVENT,
            Some(name) => match scope.bindings.iter().rposition(|b| *b == name.node) {
                Some(i) => Subject(u8::try_from(i + 1).ok()?),
                None => {
                    let problem = Unbound::Related {
                        name: name.node.clone(),
                    };
                    let help = "write `count of weapons` for the judged event, or name the related event first: `some responds_to as attack where count of attack.weapons > 2`";
                    return Some(
                        self.invalid(problem.at(&name.span, "not a related event").help(help)),
                    );
                }
            },
        };
        let class = match class {
            None => None,
            Some(c) => match self.symbols.resolve(&c.span, &[Kind::WeaponClass]) {
                Ok((_, i)) => Some(i),
                Err(e) => {
                    self.error(e);
                    return Some(None);
                }
            },
        };
        Some(Some(CondKind::WeaponSum {
            subject,
            sum: *kind,
            class,
            op: cmp,
            value,
        }))
    }

    /// `holdings exceed limited_forces`, `holdings of SY exceed ...`
    pub(super) fn holdings_test(
        &mut self,
        party: Option<&Spanned<String>>,
        ceiling: &Spanned<String>,
        scope: &Scope,
    ) -> Option<CondKind> {
        if let Some(found) = scope.found_first() {
            let problem = Misplaced::HoldingsFoundFirst { found };
            let help = "holdings are counted from the same reports that patterns and ceilings are found in, before any event is judged: test them in an article or exception";
            return self.invalid(problem.at(&ceiling.span, "here").help(help));
        }
        let party = match party {
            None => None,
            Some(p) => {
                let (_, i) = self
                    .symbols
                    .resolve(&p.span, &[Kind::Party])
                    .map_err(|e| self.error(e))
                    .ok()?;
                Some(u16::try_from(i).ok()?)
            }
        };
        let (_, ceiling) = self
            .symbols
            .resolve(&ceiling.span, &[Kind::Ceiling])
            .map_err(|e| self.error(e))
            .ok()?;
        Some(CondKind::Holdings { party, ceiling })
    }

    /// Every ceiling, in rulebook order.
    pub(super) fn ceilings(&mut self, ast: &ast::Rulebook) -> Vec<Ceiling> {
        declarations(ast, |d| match d {
            Declaration::Ceiling(c) if self.is_declared(&c.name) => self.ceiling(c),
            _ => None,
        })
    }

    fn ceiling(&mut self, c: &ast::CeilingDecl) -> Option<Ceiling> {
        let limits: Vec<Option<CeilingLimit>> =
            c.limits.iter().map(|l| self.ceiling_limit(l)).collect();
        let zone = self
            .symbols
            .resolve(&c.zone.span, &[Kind::Zone])
            .map_err(|e| self.error(e))
            .ok()
            .map(|(_, i)| i);
        let scope = Scope {
            in_ceiling: true,
            ..Scope::default()
        };
        let condition = self.cond(&c.condition, &scope);
        let limits: Option<Vec<CeilingLimit>> = limits.into_iter().collect();
        let zone = zone?;
        let inside = Cond {
            kind: CondKind::InZone {
                subject: Subject::EVENT,
                point: PointField::Place,
                zone,
            },
            text: format!("place in {}", c.zone.node).into(),
            span: c.zone.span.clone(),
        };
        Some(Ceiling {
            name: c.name.node.as_str().into(),
            text: c.text.as_ref().map(|t| t.node.as_str().into()),
            limits: limits?,
            zone,
            inside,
            condition: condition?,
        })
    }

    /// `6000 personnel`: a whole number of a count quantity, or of weapons.
    fn ceiling_limit(&mut self, l: &ast::CeilingLimit) -> Option<CeilingLimit> {
        let n = l.amount.node;
        let amount_ok = n.fract() == 0.0 && (0.0..=MAX_LIMIT).contains(&n);
        if !amount_ok {
            let problem = OutOfRange::Not {
                text: l.amount.span.text().to_owned(),
                what: Range::CeilingAmount,
            };
            let help = "a ceiling counts whole men or weapons, 0 or more: `at most 6000 personnel`";
            self.error(problem.at(&l.amount.span, "here").help(help));
        }
        let counted = match &l.counted {
            ast::Counted::Weapons { class: None } => Some(Counted::Weapons { class: None }),
            ast::Counted::Weapons { class: Some(c) } => self
                .symbols
                .resolve(&c.span, &[Kind::WeaponClass])
                .map_err(|e| self.error(e))
                .ok()
                .map(|(_, i)| Counted::Weapons { class: Some(i) }),
            ast::Counted::Quantity(q) => self.counted_quantity(q),
        };
        let counted = counted?;
        amount_ok.then_some(CeilingLimit {
            at_most: n as u64,
            counted,
        })
    }

    /// A quantity a ceiling may sum: one that counts.
    fn counted_quantity(&mut self, q: &Spanned<String>) -> Option<Counted> {
        let (_, _) = self
            .symbols
            .resolve(&q.span, &[Kind::Quantity])
            .map_err(|e| self.error(e))
            .ok()?;
        let i = self.quantities.iter().position(|d| *d.name == q.node)?;
        if let Some(unit) = self.quantities[i].unit {
            let problem = UnitMismatch::Ceiling {
                name: q.node.clone(),
                found: unit.dimension(),
            };
            let help =
                "limit a quantity declared with `count`, or weapons: `75 weapons of class tank`";
            return self.invalid(problem.at(&q.span, "here").help(help));
        }
        Some(Counted::Quantity(i))
    }
}

impl Scope {
    /// What is found before any event is judged, if this condition is part
    /// of one: such conditions cannot test what depends on those findings.
    pub(super) fn found_first(&self) -> Option<&'static str> {
        if self.in_pattern {
            Some("a pattern")
        } else if self.in_ceiling {
            Some("a ceiling")
        } else {
            None
        }
    }
}

/// Whether an expression is a sum over weapons.
pub(super) fn is_weapon_sum(e: &SExpr) -> bool {
    matches!(e.node, Expr::WeaponSum { .. })
}
