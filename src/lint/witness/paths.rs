//! A condition wanted true or false → the ways of meeting it: each a list
//! of tests, each wanted true or false (a disjunctive normal form, bounded
//! in size). A test the search cannot build an event for kills the way,
//! and says why.

use crate::check::{Cond, CondKind, Rulebook, Subject};

use super::Unsupported;

/// At most this many ways of meeting a goal are kept.
pub const MAX_WAYS: usize = 256;

/// One test, wanted true or false.
#[derive(Debug, Clone, Copy)]
pub struct Lit<'r> {
    pub cond: &'r Cond,
    pub want: bool,
}

/// The tests of one way of meeting a goal, all wanted at once.
pub type Way<'r> = Vec<Lit<'r>>;

/// Why ways were dropped: what the search lacks, or a constant, doctrine
/// or finite contradiction.
#[derive(Debug, Default, Clone)]
pub struct Dropped {
    /// The first thing the search could not build, if any.
    pub unsupported: Option<Unsupported>,
    /// A way fell to a false constant (exact: nothing could meet it).
    pub contradicted: bool,
}

impl Dropped {
    fn lack(&mut self, what: Unsupported) {
        self.unsupported.get_or_insert(what);
    }
}

/// The ways of making `cond` come out `want`.
pub fn ways<'r>(
    rulebook: &'r Rulebook,
    cond: &'r Cond,
    want: bool,
    dropped: &mut Dropped,
) -> Vec<Way<'r>> {
    let lit = || vec![vec![Lit { cond, want }]];
    match &cond.kind {
        CondKind::Const(b) => {
            if *b == want {
                vec![Vec::new()]
            } else {
                dropped.contradicted = true;
                Vec::new()
            }
        }
        CondKind::Not(a) => ways(rulebook, a, !want, dropped),
        CondKind::And(a, b) if want => both(rulebook, a, b, true, dropped),
        CondKind::Or(a, b) if !want => both(rulebook, a, b, false, dropped),
        CondKind::And(a, b) | CondKind::Or(a, b) => {
            let mut out = ways(rulebook, a, want, dropped);
            out.extend(ways(rulebook, b, want, dropped));
            out.truncate(MAX_WAYS);
            out
        }
        // A class is its own condition on the weapon: its parts give the
        // weapon's type and calibre. The literal itself is kept too.
        CondKind::WeaponClass { subject, class } if *subject == Subject::EVENT => {
            let class = &rulebook.weapon_classes[*class].condition;
            let inner = ways(rulebook, class, want, dropped);
            inner
                .into_iter()
                .map(|mut w| {
                    w.push(Lit { cond, want });
                    w
                })
                .collect()
        }
        CondKind::Element {
            element,
            about: None,
        } => match &rulebook.elements[*element].definition {
            Some(def) => ways(rulebook, def, want, dropped),
            None => {
                dropped.lack(Unsupported::FindingOnly);
                Vec::new()
            }
        },
        CondKind::Doctrine(test) => {
            let holds = rulebook.doctrines[test.doctrine].setting == test.setting;
            if holds == want {
                vec![Vec::new()]
            } else {
                dropped.lack(Unsupported::Doctrine);
                Vec::new()
            }
        }
        // No related event is recorded: `some` is false.
        CondKind::Some { .. } if !want => vec![Vec::new()],
        CondKind::Some { .. }
        | CondKind::Element { about: Some(_), .. }
        | CondKind::MeasureCompare { .. }
        | CondKind::SameParty { .. }
        | CondKind::TimeOrder { .. }
        | CondKind::Overlaps { .. }
        | CondKind::InScope { .. }
        | CondKind::Established { .. } => {
            dropped.lack(Unsupported::Relations);
            Vec::new()
        }
        CondKind::InPattern { .. } if want => {
            dropped.lack(Unsupported::Pattern);
            Vec::new()
        }
        CondKind::Holdings { .. } if want => {
            dropped.lack(Unsupported::Holdings);
            Vec::new()
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
        | CondKind::Near { subject, .. }
        | CondKind::TimeWithin { subject, .. }
        | CondKind::Capacity { subject, .. }
        | CondKind::Affected { subject, .. }
        | CondKind::Known { subject, .. }
        | CondKind::Directed { subject, .. }
        | CondKind::Over { subject, .. }
        | CondKind::InArea { subject, .. }
            if *subject != Subject::EVENT =>
        {
            dropped.lack(Unsupported::Relations);
            Vec::new()
        }
        CondKind::InPattern { .. }
        | CondKind::Holdings { .. }
        | CondKind::Act { .. }
        | CondKind::Actor { .. }
        | CondKind::WeaponClass { .. }
        | CondKind::WeaponType { .. }
        | CondKind::Category { .. }
        | CondKind::WeaponSum { .. }
        | CondKind::Measure { .. }
        | CondKind::Time { .. }
        | CondKind::Deadline { .. }
        | CondKind::RegimeStart { .. }
        | CondKind::InZone { .. }
        | CondKind::Crosses { .. }
        | CondKind::OnSide { .. }
        | CondKind::Near { .. }
        | CondKind::TimeWithin { .. }
        | CondKind::Capacity { .. }
        | CondKind::Affected { .. }
        | CondKind::Known { .. }
        | CondKind::Directed { .. }
        | CondKind::Over { .. }
        | CondKind::InArea { .. } => lit(),
    }
}

/// Both parts wanted `want` at once: every way of one with every way of
/// the other.
fn both<'r>(
    rulebook: &'r Rulebook,
    a: &'r Cond,
    b: &'r Cond,
    want: bool,
    dropped: &mut Dropped,
) -> Vec<Way<'r>> {
    let left = ways(rulebook, a, want, dropped);
    if left.is_empty() {
        return left;
    }
    let right = ways(rulebook, b, want, dropped);
    conjoin(&left, &right)
}

/// Every way of `left` with every way of `right`, at most [`MAX_WAYS`].
pub fn conjoin<'r>(left: &[Way<'r>], right: &[Way<'r>]) -> Vec<Way<'r>> {
    let mut out = Vec::new();
    for l in left {
        for r in right {
            if out.len() == MAX_WAYS {
                return out;
            }
            let mut w = l.clone();
            w.extend_from_slice(r);
            out.push(w);
        }
    }
    out
}
