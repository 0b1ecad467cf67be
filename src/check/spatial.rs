//! Spatial and temporal tests with three operands: `crosses ... from`,
//! `within ... of|after|before`, `on ... side of`.

use super::Checker;
use super::cond::{CondKind, Limit, Reference, RegionSel, Subject, TimeRef};
use super::err::{BadSide, Problem, Sort, WrongKind};
use super::fields::{Operand, Scope};
use super::rulebook::SideSel;
use super::symbols::Kind;
use crate::ast::{Dimension, Expr, Ident, Region, SExpr, SideRef, WithinRelation};
use crate::span::Spanned;

impl Checker {
    /// The tests with three operands. Kept out of `cond`, whose stack frame
    /// every level of a long `and`/`or` chain pays for.
    #[inline(never)]
    pub(super) fn three_place(&mut self, e: &SExpr, scope: &Scope) -> Option<CondKind> {
        match &e.node {
            Expr::Crosses {
                subject,
                line,
                from,
            } => self.crossing(subject, line, from.as_ref(), scope),
            Expr::Within {
                subject,
                amount,
                relation,
                reference,
            } => self.within(subject, amount, relation, reference, scope),
            Expr::OnSide {
                subject,
                side,
                line,
            } => self.on_side(subject, side, line, scope),
            _ => {
                let problem = WrongKind::Is {
                    text: e.span.text().to_owned(),
                    found: "a zone",
                    wanted: Sort::Condition,
                };
                let help = "declare it as a zone, `zone NAME = ...`, and test `place in NAME`";
                self.invalid(problem.at(&e.span, "a zone").help(help))
            }
        }
    }

    /// `trajectory crosses mdl`, `track crosses mdl from KPA side`
    pub(super) fn crossing(
        &mut self,
        subject: &SExpr,
        line: &Ident,
        from: Option<&Spanned<SideRef>>,
        scope: &Scope,
    ) -> Option<CondKind> {
        let left = self.field(subject, scope)?;
        let Operand::Path(subject, path) = left else {
            let problem = WrongKind::Tests {
                test: "crosses",
                tests: "a trajectory or a track",
                text: subject_text(subject).to_owned(),
                found: left.describe(),
            };
            let help = "write `trajectory crosses LINE` (origin to target) or `track crosses LINE`";
            return self.invalid(problem.at(&subject.span, "not a path").help(help));
        };
        let line = self.line(line)?;
        let from = match from {
            Some(s) if s.node == SideRef::Each => {
                let help = "name the side it starts from, such as `from north side`";
                return self.invalid(BadSide::FromEach.at(&s.span, "here").help(help));
            }
            Some(s) => self.side_sel(s, line)?,
            None => SideSel::Each,
        };
        Some(CondKind::Crosses {
            subject,
            path,
            line,
            from,
        })
    }

    /// `track over dmz`, `track over area of other side`
    pub(super) fn over(
        &mut self,
        subject: &SExpr,
        region: &Spanned<Region>,
        scope: &Scope,
    ) -> Option<CondKind> {
        let left = self.field(subject, scope)?;
        let Operand::Path(subject, path) = left else {
            let problem = WrongKind::Tests {
                test: "over",
                tests: "a trajectory or a track",
                text: subject_text(subject).to_owned(),
                found: left.describe(),
            };
            let help = "write `track over ZONE` or `trajectory over area of PARTY`; for a single place write `place in ZONE`";
            return self.invalid(problem.at(&subject.span, "not a path").help(help));
        };
        let region = match &region.node {
            Region::Zone(name) => {
                let (_, zone) = self
                    .symbols
                    .resolve(&name.span, &[Kind::Zone])
                    .map_err(|e| self.error(e))
                    .ok()?;
                RegionSel::Zone(zone)
            }
            Region::Area(owner) => RegionSel::Area(self.area_sel(owner, &region.span, scope)?),
        };
        Some(CondKind::Over {
            subject,
            path,
            region,
        })
    }

    /// `origin on UA side of contact`
    pub(super) fn on_side(
        &mut self,
        subject: &SExpr,
        side: &Spanned<SideRef>,
        line: &Ident,
        scope: &Scope,
    ) -> Option<CondKind> {
        let (subject, point) = self.point(subject, scope, "on ... side of")?;
        let line = self.line(line)?;
        if side.node == SideRef::Each {
            let help = "name a side: a party, a compass point, or `own`";
            return self.invalid(BadSide::OnEach.at(&side.span, "here").help(help));
        }
        let side = self.side_sel(side, line)?;
        Some(CondKind::OnSide {
            subject,
            point,
            side,
            line,
        })
    }

    /// `X within D of Y` (a distance) or `time within D after|before Y`.
    pub(super) fn within(
        &mut self,
        subject: &SExpr,
        amount: &SExpr,
        relation: &Spanned<WithinRelation>,
        reference: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        match relation.node {
            WithinRelation::Of => self.near(subject, amount, reference, scope),
            WithinRelation::After | WithinRelation::Before => {
                self.soon(subject, amount, relation, reference, scope)
            }
        }
    }

    fn near(
        &mut self,
        subject: &SExpr,
        amount: &SExpr,
        reference: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        let (subject, point) = self.point(subject, scope, "within ... of")?;
        let limit = self.limit(amount, scope);
        let reference = match &reference.node {
            Expr::Coordinate((lon, lat)) if !self.lon_lat(&reference.span, *lon, *lat) => None,
            Expr::Coordinate((lon, lat)) => Some(Reference::Coordinate {
                lon: *lon,
                lat: *lat,
            }),
            Expr::Path(p) if p.segments.len() == 1 && !is_field(&p.segments[0].node, scope) => {
                self.line(&p.segments[0]).map(Reference::Line)
            }
            _ => self
                .point(reference, scope, "within ... of")
                .map(|(s, f)| Reference::Point(s, f)),
        };
        Some(CondKind::Near {
            subject,
            point,
            limit: limit?,
            reference: reference?,
        })
    }

    /// `time within 30 min after attack.time`
    fn soon(
        &mut self,
        subject: &SExpr,
        amount: &SExpr,
        relation: &Spanned<WithinRelation>,
        reference: &SExpr,
        scope: &Scope,
    ) -> Option<CondKind> {
        let lhs = self.time_field(subject, scope);
        let rhs = match &reference.node {
            Expr::DateTime(d) => self
                .instant(&Spanned::new(d.clone(), reference.span.clone()))
                .map(|i| TimeRef::At {
                    at: i.at,
                    last: i.last,
                    written: i.written,
                }),
            _ => self.time_field(reference, scope).map(TimeRef::Event),
        };
        let seconds = match &amount.node {
            Expr::Quantity(q) if q.unit.dimension() == Dimension::Duration && q.value >= 0.0 => {
                Some(q.base())
            }
            _ => {
                let problem = WrongKind::Not {
                    text: amount.span.text().to_owned(),
                    wanted: Sort::Duration,
                };
                let help = "write a duration, such as `30 min`, `72 h` or `14 d`";
                self.invalid(problem.at(&amount.span, "here").help(help))
            }
        };
        Some(CondKind::TimeWithin {
            subject: lhs?,
            seconds: seconds?,
            after: relation.node == WithinRelation::After,
            reference: rhs?,
        })
    }

    fn limit(&mut self, amount: &SExpr, scope: &Scope) -> Option<Limit> {
        match &amount.node {
            Expr::Quantity(q) => {
                let q = Spanned::new(*q, amount.span.clone());
                self.length(&q).map(Limit::Metres)
            }
            Expr::Path(_) => match self.field(amount, scope)? {
                Operand::Measure(s, super::cond::Measure::Reach, _) => Some(Limit::Reach(s)),
                other => {
                    let problem = WrongKind::Is {
                        text: amount.span.text().to_owned(),
                        found: other.describe(),
                        wanted: Sort::Distance,
                    };
                    let help = "write a distance such as `15 km`, or `weapon.reach`";
                    self.invalid(problem.at(&amount.span, "here").help(help))
                }
            },
            _ => {
                let problem = WrongKind::Not {
                    text: amount.span.text().to_owned(),
                    wanted: Sort::Distance,
                };
                self.invalid(problem.at(&amount.span, "here"))
            }
        }
    }

    /// The field a path names, reporting an unknown one.
    pub(super) fn field(&mut self, e: &SExpr, scope: &Scope) -> Option<Operand> {
        let Expr::Path(p) = &e.node else {
            let problem = WrongKind::Not {
                text: e.span.text().to_owned(),
                wanted: Sort::Field,
            };
            return self.invalid(problem.at(&e.span, "here"));
        };
        self.operand(&Spanned::new(p.clone(), e.span.clone()), scope)
            .map_err(|err| self.error(err))
            .ok()
    }

    pub(super) fn point(
        &mut self,
        e: &SExpr,
        scope: &Scope,
        test: &'static str,
    ) -> Option<(Subject, super::cond::PointField)> {
        match self.field(e, scope)? {
            Operand::Point(s, f) => Some((s, f)),
            other => {
                let problem = WrongKind::Tests {
                    test,
                    tests: "a place",
                    text: e.span.text().to_owned(),
                    found: other.describe(),
                };
                let help = "test `place`, `origin` or `target` (or those of a related event)";
                self.invalid(problem.at(&e.span, "not a place").help(help))
            }
        }
    }

    fn time_field(&mut self, e: &SExpr, scope: &Scope) -> Option<Subject> {
        match self.field(e, scope)? {
            Operand::Time(s) => Some(s),
            other => {
                let problem = WrongKind::Is {
                    text: e.span.text().to_owned(),
                    found: other.describe(),
                    wanted: Sort::Time,
                };
                let help = "measure from the time of an event, such as `attack.time`";
                self.invalid(problem.at(&e.span, "not a time").help(help))
            }
        }
    }

    fn line(&mut self, name: &Ident) -> Option<usize> {
        self.symbols
            .resolve(&name.span, &[Kind::Line])
            .map_err(|err| self.error(err))
            .ok()
            .map(|(_, l)| l)
    }
}

fn subject_text(e: &SExpr) -> &str {
    e.span.text()
}

/// Whether a single name is a field or a bound event rather than a line.
fn is_field(name: &str, scope: &Scope) -> bool {
    super::fields::event_field(Subject::EVENT, name).is_some()
        || scope.bindings.iter().any(|b| b == name)
}
