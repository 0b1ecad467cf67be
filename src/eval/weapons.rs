//! Tests of the weapons an event records. A test of one weapon's field
//! (`weapon.calibre >= 100 mm`, `weapon is heavy`) holds when any weapon
//! recorded meets it; a weapon class tried on one weapon reads that weapon
//! alone; sums (`count of weapons of class heavy`) add up every weapon,
//! giving a range where a weapon's class or a count is unknown.

use super::Shown;
use super::cond::{Env, missing, no_reach, unknown};
use super::truth::Truth;
use super::verdict::{Doubt, Fact, FieldName, Step};
use crate::ast::{Sum, Unit};
use crate::check::{CmpOp, Cond, Measure, Subject};
use crate::events::{Event, Weapon};

/// A whole number that may be known only within bounds: the most is
/// `None` when nothing bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Range {
    pub least: u64,
    pub most: Option<u64>,
}

impl Range {
    pub const ZERO: Range = Range {
        least: 0,
        most: Some(0),
    };

    pub fn exactly(n: u64) -> Range {
        Range {
            least: n,
            most: Some(n),
        }
    }

    /// Anything from 0 up to `most`.
    pub fn up_to(most: Option<u64>) -> Range {
        Range { least: 0, most }
    }

    pub fn plus(self, other: Range) -> Range {
        Range {
            least: self.least.saturating_add(other.least),
            most: self.most.zip(other.most).map(|(a, b)| a.saturating_add(b)),
        }
    }

    /// Every value either may take: the least of the two lower bounds, the
    /// greater of the upper ones.
    pub fn either(self, other: Range) -> Range {
        Range {
            least: self.least.min(other.least),
            most: self.most.zip(other.most).map(|(a, b)| a.max(b)),
        }
    }

    /// Whether the value, whatever whole number it is within the range,
    /// compares so: a comparison with one bound holds surely when it holds
    /// at both ends of the range (the upper end may be unbounded).
    pub fn compare(self, op: CmpOp, bound: f64) -> Truth {
        let (low, high) = (self.least as f64, self.most.map(|m| m as f64));
        let holds_at = |v: Option<f64>| match v {
            Some(v) => op.holds(v.total_cmp(&bound)),
            // Beyond any bound.
            None => matches!(op, CmpOp::Gt | CmpOp::Ge | CmpOp::Ne),
        };
        match op {
            CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
                let (at_low, at_high) = (holds_at(Some(low)), holds_at(high));
                if at_low == at_high {
                    Truth::from(at_low)
                } else {
                    Truth::Unknown
                }
            }
            CmpOp::Eq | CmpOp::Ne => {
                let inside = low <= bound && high.is_none_or(|h| bound <= h);
                let exact = high == Some(low);
                match (inside, exact) {
                    (false, _) => Truth::from(op == CmpOp::Ne),
                    (true, true) => Truth::from(op == CmpOp::Eq),
                    (true, false) => Truth::Unknown,
                }
            }
        }
    }
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.most {
            Some(m) if m == self.least => write!(f, "{m}"),
            Some(m) => write!(f, "{}–{m}", self.least),
            None => write!(f, "≥ {}", self.least),
        }
    }
}

/// The name a weapon's field goes by: `weapon.calibre` for an event's one
/// weapon, `weapons[1].calibre` for one of several.
fn field_name(e: &Event, i: usize, field: Measure) -> FieldName {
    let several = e.weapons.as_deref().is_some_and(|w| w.len() > 1);
    if !several {
        return field.path().into();
    }
    let part = field.path().trim_start_matches("weapon.");
    FieldName::Named(format!("weapons[{i}].{part}").into())
}

fn type_name(e: &Event, i: usize) -> FieldName {
    let several = e.weapons.as_deref().is_some_and(|w| w.len() > 1);
    if several {
        FieldName::Named(format!("weapons[{i}].type").into())
    } else {
        "weapon.type".into()
    }
}

impl Env<'_> {
    /// The weapons a test reads of an event, and the position of the first:
    /// the one a weapon class is being tried on, or every weapon recorded.
    /// `None` when the record says nothing of weapons.
    pub(super) fn weapons_read<'e>(
        &self,
        subject: Subject,
        e: &'e Event,
    ) -> Option<(usize, &'e [Weapon])> {
        let all = e.weapons.as_deref()?;
        Some(match self.weapon.filter(|_| subject == Subject::EVENT) {
            Some(i) => (i, all.get(i..=i).unwrap_or_default()),
            None => (0, all),
        })
    }

    /// `weapon.type in [mlrs, tank]`: any weapon of those types.
    pub(super) fn weapon_type(&self, cond: &Cond, subject: Subject, types: &[String]) -> Step {
        let e = self.event(subject);
        let Some((first, read)) = self.weapons_read(subject, e) else {
            return missing(cond, e, "weapon.type");
        };
        let mut truth = Truth::False;
        let (mut facts, mut why) = (Vec::new(), None);
        for (i, w) in (first..).zip(read) {
            match w.kind.as_deref() {
                Some(kind) => {
                    facts.push(self.fact(e, type_name(e, i), kind, None));
                    if types.iter().any(|t| t == kind) {
                        truth = Truth::True;
                        break;
                    }
                }
                None => {
                    truth = truth.or(Truth::Unknown);
                    why.get_or_insert_with(|| Doubt::Missing {
                        event: e.id.clone(),
                        field: type_name(e, i),
                    });
                }
            }
        }
        let mut step = Step::leaf(cond.text.clone(), truth, facts);
        step.doubt = why.filter(|_| truth == Truth::Unknown);
        step
    }

    /// `weapon is heavy`: the class tried on each weapon in turn, until one
    /// is of it.
    pub(super) fn weapon_class(&mut self, cond: &Cond, subject: Subject, class: usize) -> Step {
        let graph = self.graph;
        let e = &graph.events[self.subjects[usize::from(subject.0)]];
        let Some((first, read)) = self.weapons_read(subject, e) else {
            return missing(cond, e, "weapon");
        };
        let mut step = Step::leaf(cond.text.clone(), Truth::False, Vec::new());
        for i in first..first + read.len() {
            let class_step = self.class_of(subject, i, class);
            step.result = step.result.or(class_step.result);
            step.steps.push(class_step);
            if step.result == Truth::True {
                break;
            }
        }
        step
    }

    /// A weapon class tried on weapon `i` of an event: its condition reads
    /// that weapon, and no other.
    pub(super) fn class_of(&mut self, subject: Subject, i: usize, class: usize) -> Step {
        let index = self.subjects[usize::from(subject.0)];
        let saved = std::mem::replace(&mut self.subjects, vec![index]);
        let focus = self.weapon.replace(i);
        let step = self.eval(&self.rulebook.weapon_classes[class].condition);
        self.subjects = saved;
        self.weapon = focus;
        step
    }

    /// `weapon.calibre >= 100 mm`: any weapon whose measure meets it.
    pub(super) fn weapon_measure(
        &self,
        cond: &Cond,
        subject: Subject,
        field: Measure,
        op: CmpOp,
        bound: f64,
    ) -> Step {
        let e = self.event(subject);
        let Some((first, read)) = self.weapons_read(subject, e) else {
            return missing(cond, e, field.path());
        };
        let mut truth = Truth::False;
        let (mut facts, mut why) = (Vec::new(), None);
        for (i, w) in (first..).zip(read) {
            match self.weapon_value(cond, e, i, w, field) {
                Ok((value, fact)) => {
                    facts.push(fact);
                    if op.holds(self.order(field, value, bound)) {
                        truth = Truth::True;
                        break;
                    }
                }
                Err(step) => {
                    truth = truth.or(Truth::Unknown);
                    why = why.or(step.doubt);
                }
            }
        }
        let mut step = Step::leaf(cond.text.clone(), truth, facts);
        step.doubt = why.filter(|_| truth == Truth::Unknown);
        step
    }

    /// One weapon's measure in base units, with the fact that shows it.
    pub(super) fn weapon_value(
        &self,
        cond: &Cond,
        e: &Event,
        i: usize,
        w: &Weapon,
        field: Measure,
    ) -> Result<(f64, Fact), Step> {
        let name = field_name(e, i, field);
        let absent = || {
            let field = name.clone();
            unknown(
                cond,
                Doubt::Missing {
                    event: e.id.clone(),
                    field,
                },
            )
        };
        let (value, shown) = match field {
            // The same arithmetic as `100 mm` in a rule, so equal values compare equal.
            Measure::Calibre => {
                let mm = w.calibre_mm.ok_or_else(absent)?;
                (mm * Unit::Millimetre.scale(), Shown::Millimetres(mm))
            }
            Measure::Rounds => {
                let n = w.rounds.ok_or_else(absent)?;
                (f64::from(n), Shown::Number(f64::from(n)))
            }
            Measure::Reach => {
                let Some(kind) = w.kind.as_deref() else {
                    return Err(missing(cond, e, type_name(e, i)));
                };
                let reach = self
                    .rulebook
                    .reach(kind)
                    .ok_or_else(|| no_reach(cond, e, kind))?;
                (reach, super::spatial::space::km(reach).into())
            }
            Measure::Killed | Measure::Wounded | Measure::Quantity(_) => {
                unreachable!("a measure of the weapon")
            }
        };
        Ok((value, self.fact(e, name, shown, None)))
    }

    /// The one weapon a comparison of two events' measures reads; unknown
    /// when the event records several, as it cannot tell which.
    pub(super) fn one_weapon<'e>(
        &self,
        cond: &Cond,
        subject: Subject,
        e: &'e Event,
        field: Measure,
    ) -> Result<(usize, &'e Weapon), Step> {
        match self.weapons_read(subject, e) {
            None | Some((_, [])) => Err(missing(cond, e, field.path())),
            Some((i, [one])) => Ok((i, one)),
            Some((_, several)) => Err(unknown(
                cond,
                Doubt::SeveralWeapons {
                    event: e.id.clone(),
                    count: several.len(),
                    field: field.path(),
                },
            )),
        }
    }

    /// `count of weapons of class heavy > 0`, `rounds of weapons <= 6`:
    /// the sum of every weapon's count or rounds, of the class where one is
    /// named; a range where a class or a number is unknown.
    pub(super) fn weapon_sum(
        &mut self,
        cond: &Cond,
        subject: Subject,
        sum: Sum,
        class: Option<usize>,
        op: CmpOp,
        value: f64,
    ) -> Step {
        let graph = self.graph;
        let e = &graph.events[self.subjects[usize::from(subject.0)]];
        let Some((first, read)) = self.weapons_read(subject, e) else {
            return missing(cond, e, "weapons");
        };
        let mut total = Range::ZERO;
        let mut steps = Vec::new();
        for (i, w) in (first..).zip(read) {
            let counted = match sum {
                Sum::Count => Some(u64::from(w.count)),
                Sum::Rounds => w.rounds.map(u64::from),
            };
            let member = match class {
                None => Truth::True,
                Some(c) => {
                    let step = self.class_of(subject, i, c);
                    let member = step.result;
                    steps.push(step);
                    member
                }
            };
            let adds = match (member, counted) {
                (Truth::False, _) => Range::ZERO,
                (Truth::True, Some(n)) => Range::exactly(n),
                (Truth::Unknown, Some(n)) => Range::up_to(Some(n)),
                (Truth::True | Truth::Unknown, None) => Range::up_to(None),
            };
            total = total.plus(adds);
        }
        let truth = total.compare(op, value);
        let fact = Fact {
            event: e.id.clone(),
            field: FieldName::Fixed(match sum {
                Sum::Count => "count of weapons",
                Sum::Rounds => "rounds of weapons",
            }),
            value: total.to_string().into(),
            computed: None,
            note: None,
        };
        let mut step = Step::leaf(cond.text.clone(), truth, vec![fact]);
        step.steps = steps;
        step.related = Some(super::verdict::Related::Summed);
        if truth == Truth::Unknown {
            let no_rounds = sum == Sum::Rounds && read.iter().any(|w| w.rounds.is_none());
            let event = e.id.clone();
            step.doubt = Some(if no_rounds {
                Doubt::RoundsMissing { event }
            } else {
                Doubt::ClassUnknown { event }
            });
        }
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_decides_a_comparison_only_when_every_value_in_it_agrees() {
        let r = Range {
            least: 70,
            most: Some(80),
        };
        assert_eq!(r.compare(CmpOp::Gt, 75.0), Truth::Unknown);
        assert_eq!(r.compare(CmpOp::Gt, 69.0), Truth::True);
        assert_eq!(r.compare(CmpOp::Le, 80.0), Truth::True);
        assert_eq!(r.compare(CmpOp::Eq, 90.0), Truth::False);
        assert_eq!(r.compare(CmpOp::Eq, 75.0), Truth::Unknown);
        let open = Range::up_to(None).plus(Range::exactly(5));
        assert_eq!(open.compare(CmpOp::Gt, 4.0), Truth::True);
        assert_eq!(open.compare(CmpOp::Gt, 5.0), Truth::Unknown);
        assert_eq!(open.compare(CmpOp::Lt, 5.0), Truth::False);
        assert_eq!(Range::exactly(3).compare(CmpOp::Ne, 3.0), Truth::False);
    }

    #[test]
    fn ranges_add_and_widen() {
        let a = Range::exactly(40).plus(Range::up_to(Some(12)));
        assert_eq!(
            a,
            Range {
                least: 40,
                most: Some(52)
            }
        );
        assert_eq!(
            a.either(Range::ZERO),
            Range {
                least: 0,
                most: Some(52)
            }
        );
        assert_eq!(a.plus(Range::up_to(None)).most, None);
        assert_eq!(a.to_string(), "40–52");
        assert_eq!(Range::exactly(7).to_string(), "7");
        assert_eq!(Range::up_to(None).to_string(), "≥ 0");
    }
}
