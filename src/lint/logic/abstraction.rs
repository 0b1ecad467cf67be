//! A checked condition → a formula over atoms. Every test the lint can
//! relate to others becomes atoms the theory ([`super::theory`]) ties
//! together; every other test is an opaque atom, a free boolean. The
//! formula is true in every world where evaluation finds the condition
//! true, so what the solver proves impossible is impossible.

use crate::check::{
    Capacity, CmpOp, Cond, CondKind, Limit, PointField, Reference, Rulebook, Subject, ZoneExpr,
};

use super::atom::{Atom, Quantity};
use super::formula::{Atoms, Formula};

/// How deep zones may refer to zones before the lint stops expanding them
/// (the checker refuses cycles; this bounds a hostile chain).
const ZONE_DEPTH: usize = 32;

pub struct Abstraction<'a> {
    pub rulebook: &'a Rulebook,
    pub atoms: &'a mut Atoms,
}

impl Abstraction<'_> {
    /// The formula of a whole condition.
    pub fn cond(&mut self, c: &Cond) -> Formula {
        match &c.kind {
            CondKind::Not(a) => Formula::not(self.cond(a)),
            CondKind::And(a, b) => Formula::And(vec![self.cond(a), self.cond(b)]),
            CondKind::Or(a, b) => Formula::Or(vec![self.cond(a), self.cond(b)]),
            _ => self.leaf(c),
        }
    }

    /// The formula of a test that is not `and`, `or` or `not`.
    pub fn leaf(&mut self, c: &Cond) -> Formula {
        match &c.kind {
            CondKind::Const(b) => Formula::Const(*b),
            CondKind::Not(_) | CondKind::And(..) | CondKind::Or(..) => self.cond(c),
            CondKind::Act { subject, acts } if *subject == Subject::EVENT => {
                let n = self.rulebook.acts.len();
                let parts = (0..n)
                    .filter_map(|i| u16::try_from(i).ok())
                    .filter(|i| acts.contains(*i))
                    .map(|i| self.atom(Atom::Act(i)))
                    .collect();
                Formula::any(parts)
            }
            CondKind::Actor { subject, parties } if *subject == Subject::EVENT => {
                let n = self.rulebook.parties.len();
                let parts = (0..n)
                    .filter_map(|i| u16::try_from(i).ok())
                    .filter(|p| {
                        parties.contains(p)
                            || parties.contains(&crate::eval::answering(self.rulebook, *p))
                    })
                    .map(|p| self.atom(Atom::Party(p)))
                    .collect();
                Formula::any(parts)
            }
            CondKind::WeaponClass { subject, class } if *subject == Subject::EVENT => {
                self.atom(Atom::WeaponClass(*class))
            }
            CondKind::WeaponType { subject, types } if *subject == Subject::EVENT => {
                let parts = types
                    .iter()
                    .map(|t| self.atom(Atom::WeaponType(t.as_str().into())))
                    .collect();
                Formula::any(parts)
            }
            CondKind::Category {
                subject,
                category,
                values,
            } if *subject == Subject::EVENT => {
                let parts = values
                    .iter()
                    .map(|v| {
                        self.atom(Atom::Category {
                            category: *category,
                            value: v.clone(),
                        })
                    })
                    .collect();
                Formula::any(parts)
            }
            CondKind::WeaponSum {
                subject,
                sum,
                class,
                op,
                value,
            } if *subject == Subject::EVENT => {
                let q = Quantity::Sum {
                    sum: *sum,
                    class: *class,
                };
                self.compare(q, *op, *value, *value)
            }
            CondKind::Measure {
                subject,
                field,
                op,
                value,
            } if *subject == Subject::EVENT => match field.of_weapon() {
                true => self.atom(Atom::WeaponTest {
                    measure: *field,
                    op: *op,
                    value: *value,
                }),
                false => self.compare(Quantity::Measure(*field), *op, *value, *value),
            },
            CondKind::Time {
                subject,
                op,
                at,
                last,
                ..
            } if *subject == Subject::EVENT => self.time(*op, *at, *last, c),
            CondKind::InZone {
                subject,
                point,
                zone,
            } if *subject == Subject::EVENT => self.zone(*point, *zone, ZONE_DEPTH),
            CondKind::Near {
                subject,
                point,
                limit: Limit::Metres(m),
                reference: Reference::Line(line),
            } if *subject == Subject::EVENT => self.atom(Atom::Bound {
                quantity: Quantity::Distance {
                    point: *point,
                    line: *line,
                },
                strict: false,
                value: *m,
            }),
            CondKind::Doctrine(t) => self.atom(Atom::Doctrine {
                doctrine: t.doctrine,
                setting: t.setting,
            }),
            CondKind::Capacity {
                subject,
                capacities,
            } if *subject == Subject::EVENT => {
                let parts = capacities
                    .members()
                    .map(|c: Capacity| self.atom(Atom::Capacity(c)))
                    .collect();
                Formula::any(parts)
            }
            CondKind::Affected { subject, parties } if *subject == Subject::EVENT => {
                let parts = parties
                    .iter()
                    .map(|p| self.atom(Atom::Affected(*p)))
                    .collect();
                Formula::any(parts)
            }
            CondKind::Known {
                subject,
                field,
                known,
            } if *subject == Subject::EVENT => {
                let f = self.atom(Atom::Known(*field));
                if *known { f } else { Formula::not(f) }
            }
            // Tests of related events, of paths, sides, areas, deadlines,
            // elements and the rest: free booleans, named by their text.
            CondKind::Act { .. }
            | CondKind::Actor { .. }
            | CondKind::WeaponClass { .. }
            | CondKind::WeaponType { .. }
            | CondKind::Category { .. }
            | CondKind::WeaponSum { .. }
            | CondKind::Holdings { .. }
            | CondKind::Measure { .. }
            | CondKind::MeasureCompare { .. }
            | CondKind::SameParty { .. }
            | CondKind::Time { .. }
            | CondKind::Deadline { .. }
            | CondKind::RegimeStart { .. }
            | CondKind::TimeOrder { .. }
            | CondKind::InZone { .. }
            | CondKind::Crosses { .. }
            | CondKind::OnSide { .. }
            | CondKind::Near { .. }
            | CondKind::TimeWithin { .. }
            | CondKind::Overlaps { .. }
            | CondKind::InScope { .. }
            | CondKind::Established { .. }
            | CondKind::InPattern { .. }
            | CondKind::Some { .. }
            | CondKind::Capacity { .. }
            | CondKind::Affected { .. }
            | CondKind::Known { .. }
            | CondKind::Directed { .. }
            | CondKind::Over { .. }
            | CondKind::InArea { .. }
            | CondKind::Element { .. } => self.atom(Atom::Opaque {
                text: c.text.to_string(),
            }),
        }
    }

    fn atom(&mut self, atom: Atom) -> Formula {
        Formula::Atom(self.atoms.intern(atom))
    }

    fn bound(&mut self, quantity: Quantity, strict: bool, value: f64) -> Formula {
        self.atom(Atom::Bound {
            quantity,
            strict,
            value,
        })
    }

    /// `x OP v` as bounds of `x`: `x > v` is `not x <= v`. A bound known
    /// only as a range (a day, from `at` to `last`) is below from `at` and
    /// at most from `last`: evaluation decides such a comparison only where
    /// these agree with it.
    fn compare(&mut self, q: Quantity, op: CmpOp, at: f64, last: f64) -> Formula {
        match op {
            CmpOp::Lt => self.bound(q, true, at),
            CmpOp::Le => self.bound(q, false, last),
            CmpOp::Gt => Formula::not(self.bound(q, false, last)),
            CmpOp::Ge => Formula::not(self.bound(q, true, at)),
            CmpOp::Eq => Formula::And(vec![
                Formula::not(self.bound(q, true, at)),
                self.bound(q, false, last),
            ]),
            CmpOp::Ne => Formula::not(self.compare(q, CmpOp::Eq, at, last)),
        }
    }

    fn time(&mut self, op: CmpOp, at: jiff::Timestamp, last: jiff::Timestamp, c: &Cond) -> Formula {
        let seconds = |t: jiff::Timestamp| t.as_nanosecond() as f64 / 1e9;
        match op {
            // Equal to a day is asked of every instant of it: opaque.
            CmpOp::Eq | CmpOp::Ne if at != last => self.atom(Atom::Opaque {
                text: c.text.to_string(),
            }),
            _ => self.compare(Quantity::Time, op, seconds(at), seconds(last)),
        }
    }

    /// `point in zone`: bands along lines are bounds of the distance to the
    /// line, so nested bands nest; polygons and discs are opaque pieces.
    fn zone(&mut self, point: PointField, zone: usize, depth: usize) -> Formula {
        let mut piece = 0;
        let shape = &self.rulebook.zones[zone].shape;
        self.zone_expr(point, zone, shape, &mut piece, depth)
    }

    fn zone_expr(
        &mut self,
        point: PointField,
        zone: usize,
        e: &ZoneExpr,
        piece: &mut usize,
        depth: usize,
    ) -> Formula {
        match e {
            ZoneExpr::Buffer { line, metres, side } => {
                let q = Quantity::Band {
                    point,
                    line: *line,
                    side: *side,
                };
                self.bound(q, false, *metres)
            }
            ZoneExpr::Around { .. } | ZoneExpr::Polygon(..) => {
                *piece += 1;
                self.atom(Atom::InShape {
                    point,
                    zone,
                    piece: *piece,
                })
            }
            ZoneExpr::Zone(i) if depth > 0 => self.zone(point, *i, depth - 1),
            ZoneExpr::Zone(i) => self.atom(Atom::InShape {
                point,
                zone: *i,
                piece: 0,
            }),
            ZoneExpr::And(a, b) => Formula::And(vec![
                self.zone_expr(point, zone, a, piece, depth),
                self.zone_expr(point, zone, b, piece, depth),
            ]),
            ZoneExpr::Or(a, b) => Formula::Or(vec![
                self.zone_expr(point, zone, a, piece, depth),
                self.zone_expr(point, zone, b, piece, depth),
            ]),
            ZoneExpr::Not(a) => Formula::not(self.zone_expr(point, zone, a, piece, depth)),
        }
    }
}
