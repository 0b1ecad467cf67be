//! Weapon and evidence lists, each distinct one held once. Records repeat
//! them (the same gun, the same post's observation graded the same): a
//! million records of a few kinds of fire need a few lists, not a million
//! of 50 to 60 bytes each, and a copy of an event (an act it implies, an
//! instrument's projection of it) shares its lists too.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use super::model::{Evidence, Weapon};

/// The lists met so far while loading a file.
#[derive(Debug, Default)]
pub(super) struct Lists {
    weapons: Pool<Weapon>,
    evidence: Pool<Evidence>,
}

impl Lists {
    /// `weapons` as held, or held from now on.
    pub(super) fn weapons(&mut self, weapons: Vec<Weapon>) -> Arc<[Weapon]> {
        self.weapons.share(weapons)
    }

    /// `evidence` as held, or held from now on; a list with an item's own
    /// text is not looked up, as an observer's words rarely repeat and
    /// holding them would only grow the table.
    pub(super) fn evidence(&mut self, evidence: Vec<Evidence>) -> Arc<[Evidence]> {
        if evidence.iter().any(|e| e.text.is_some()) {
            return evidence.into();
        }
        self.evidence.share(evidence)
    }
}

/// What a pool compares: every field, a number by its bits (so a list is
/// shared only with one that reads the same everywhere).
trait Item {
    fn feed(&self, state: &mut impl Hasher);
    fn same(&self, other: &Self) -> bool;
}

impl Item for Weapon {
    fn feed(&self, state: &mut impl Hasher) {
        self.kind.hash(state);
        self.calibre_mm.map(f64::to_bits).hash(state);
        self.rounds.hash(state);
        self.count.hash(state);
    }

    fn same(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.calibre_mm.map(f64::to_bits) == other.calibre_mm.map(f64::to_bits)
            && self.rounds == other.rounds
            && self.count == other.count
    }
}

impl Item for Evidence {
    fn feed(&self, state: &mut impl Hasher) {
        self.source.hash(state);
        self.kind.hash(state);
        (self.grade.reliability, self.grade.credibility).hash(state);
        self.about.hash(state);
        self.text.hash(state);
    }

    fn same(&self, other: &Self) -> bool {
        self.source == other.source
            && self.identity == other.identity
            && self.kind == other.kind
            && self.grade == other.grade
            && self.about == other.about
            && self.text == other.text
    }
}

#[derive(Debug)]
struct Pool<T> {
    table: HashTable<Arc<[T]>>,
    hasher: foldhash::fast::RandomState,
}

// Derived, it would ask `T: Default`, which an empty pool does not need.
impl<T> Default for Pool<T> {
    fn default() -> Self {
        Pool {
            table: HashTable::new(),
            hasher: foldhash::fast::RandomState::default(),
        }
    }
}

impl<T: Item> Pool<T> {
    fn share(&mut self, items: Vec<T>) -> Arc<[T]> {
        let hasher = &self.hasher;
        let hash = |list: &[T]| {
            let mut state = hasher.build_hasher();
            state.write_usize(list.len());
            list.iter().for_each(|item| item.feed(&mut state));
            state.finish()
        };
        let same = |a: &[T], b: &[T]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(y));
        match self
            .table
            .entry(hash(&items), |held| same(held, &items), |held| hash(held))
        {
            Entry::Occupied(held) => held.get().clone(),
            Entry::Vacant(slot) => slot.insert(items.into()).get().clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{About, EvidenceKind, Grade};

    fn gun(calibre: f64) -> Weapon {
        Weapon {
            kind: Some("howitzer".into()),
            calibre_mm: Some(calibre),
            rounds: None,
            count: 1,
        }
    }

    fn seen(source: &str, text: Option<&str>) -> Evidence {
        Evidence {
            source: source.into(),
            identity: source.into(),
            kind: EvidenceKind::Observation,
            grade: Grade {
                reliability: b'A',
                credibility: 1,
            },
            about: About::default(),
            text: text.map(Into::into),
        }
    }

    #[test]
    fn the_same_list_is_held_once_and_a_different_one_apart() {
        let mut lists = Lists::default();
        let first = lists.weapons(vec![gun(122.0)]);
        let again = lists.weapons(vec![gun(122.0)]);
        let other = lists.weapons(vec![gun(152.0)]);
        let two = lists.weapons(vec![gun(122.0), gun(122.0)]);
        assert!(Arc::ptr_eq(&first, &again));
        assert!(!Arc::ptr_eq(&first, &other));
        assert!(!Arc::ptr_eq(&first, &two));
        assert_eq!(other[0].calibre_mm, Some(152.0));
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn evidence_is_shared_unless_an_item_has_words_of_its_own() {
        let mut lists = Lists::default();
        let a = lists.evidence(vec![seen("post 1", None)]);
        let b = lists.evidence(vec![seen("post 1", None)]);
        let c = lists.evidence(vec![seen("post 2", None)]);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        let said = lists.evidence(vec![seen("post 1", Some("three rounds"))]);
        let again = lists.evidence(vec![seen("post 1", Some("three rounds"))]);
        assert!(!Arc::ptr_eq(&said, &again));
        assert_eq!(again[0].text.as_deref(), Some("three rounds"));
    }
}
