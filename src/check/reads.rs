//! Which events a condition reads: the judged event and the events bound by
//! enclosing `some`s. A `some` nested in another is tried for every pair of
//! related events; knowing which outer events its test reads lets the
//! evaluator answer it once per distinct binding of those, not once per
//! pair (three nested `some`s over 200 events each were 8 million tests).

use super::cond::{
    AreaSel, Cond, CondKind, Limit, ObjectSel, Reference, RegionSel, Subject, TimeRef,
};

/// A set of [`Subject`]s, bit `n` for `Subject(n)`. Nesting is bounded far
/// below 64, so every subject has a bit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reads(pub u64);

impl Reads {
    fn of(subjects: &[Subject]) -> Reads {
        Reads(subjects.iter().fold(0, |m, s| m | 1u64 << s.0.min(63)))
    }

    fn and(self, other: Reads) -> Reads {
        Reads(self.0 | other.0)
    }

    pub fn contains(self, s: usize) -> bool {
        s < 64 && self.0 & (1 << s) != 0
    }
}

impl Cond {
    /// Every subject the condition reads, its nested `some`s' included.
    pub fn reads(&self) -> Reads {
        let of = Reads::of;
        match &self.kind {
            CondKind::Const(_) | CondKind::Doctrine(_) => Reads::default(),
            // A ceiling is counted for the actor's party or a named one,
            // at the judged event's time.
            CondKind::Holdings { .. } => of(&[Subject::EVENT]),
            CondKind::Not(c) => c.reads(),
            CondKind::And(a, b) | CondKind::Or(a, b) => a.reads().and(b.reads()),
            CondKind::Some { condition, .. } => {
                // Related events are those of the judged event.
                let body = condition.as_ref().map_or(Reads::default(), |c| c.reads());
                body.and(of(&[Subject::EVENT]))
            }
            CondKind::Act { subject, .. }
            | CondKind::Actor { subject, .. }
            | CondKind::WeaponClass { subject, .. }
            | CondKind::WeaponType { subject, .. }
            | CondKind::Category { subject, .. }
            | CondKind::WeaponSum { subject, .. }
            | CondKind::Measure { subject, .. }
            | CondKind::Time { subject, .. }
            | CondKind::Deadline { subject, .. }
            | CondKind::RegimeStart { subject, .. }
            | CondKind::InZone { subject, .. }
            | CondKind::Crosses { subject, .. }
            | CondKind::OnSide { subject, .. }
            | CondKind::Established { subject }
            | CondKind::InPattern { subject, .. }
            | CondKind::Capacity { subject, .. }
            | CondKind::Affected { subject, .. }
            | CondKind::Known { subject, .. } => of(&[*subject]),
            CondKind::Over {
                subject, region, ..
            } => of(&[*subject]).and(match region {
                RegionSel::Zone(_) => Reads::default(),
                RegionSel::Area(owner) => area_reads(*owner),
            }),
            CondKind::MeasureCompare { lhs, rhs, .. } => of(&[lhs.0, rhs.0]),
            CondKind::SameParty { lhs, rhs }
            | CondKind::TimeOrder { lhs, rhs, .. }
            | CondKind::Overlaps { lhs, rhs } => of(&[*lhs, *rhs]),
            CondKind::Near {
                subject,
                limit,
                reference,
                ..
            } => of(&[*subject])
                .and(limit_reads(*limit))
                .and(reference_reads(*reference)),
            CondKind::TimeWithin {
                subject, reference, ..
            } => of(&[*subject]).and(match reference {
                TimeRef::Event(s) => of(&[*s]),
                TimeRef::At { .. } => Reads::default(),
            }),
            CondKind::InScope { permit } => of(&[Subject::EVENT, *permit]),
            CondKind::Directed { subject, object } => of(&[*subject]).and(match object {
                ObjectSel::PartyOf(s) => of(&[*s]),
                ObjectSel::OtherSide | ObjectSel::OwnArea | ObjectSel::Intruder => Reads::default(),
                ObjectSel::Party(_) => Reads::default(),
            }),
            CondKind::InArea { subject, owner, .. } => of(&[*subject]).and(area_reads(*owner)),
            // An element is about the judged event, and another when named.
            CondKind::Element { about, .. } => {
                of(&[Subject::EVENT]).and(about.map_or(Reads::default(), |s| of(&[s])))
            }
        }
    }
}

fn area_reads(owner: AreaSel) -> Reads {
    match owner {
        AreaSel::PartyOf(s) => Reads::of(&[s]),
        AreaSel::OtherSide | AreaSel::Party(_) => Reads::default(),
    }
}

fn limit_reads(limit: Limit) -> Reads {
    match limit {
        Limit::Metres(_) => Reads::default(),
        Limit::Reach(s) => Reads::of(&[s]),
    }
}

fn reference_reads(reference: Reference) -> Reads {
    match reference {
        Reference::Point(s, _) => Reads::of(&[s]),
        Reference::Line(_) | Reference::Coordinate { .. } => Reads::default(),
    }
}
