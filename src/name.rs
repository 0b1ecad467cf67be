//! Shared names: ids, party and act names, evidence sources. A verdict
//! quotes the same few names thousands of times; sharing them makes each
//! quotation a reference count, not a copy.

use std::sync::Arc;

/// A shared, immutable name.
pub type Name = Arc<str>;

/// A map keyed by ids, names or indices, as loading, the graph and
/// evaluation look them up a million times: hashed with foldhash, several
/// times faster than the standard SipHash on short keys, and seeded per
/// process, as the standard map is, so crafted ids cannot be aimed at one
/// bucket. Like the standard map's, its order is not the output's: what
/// reaches a report is sorted or kept in input order.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A set, hashed as [`FastMap`].
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// Hands out one shared copy of each distinct name.
#[derive(Debug, Default)]
pub struct Interner(FastSet<Name>);

impl Interner {
    pub fn intern(&mut self, text: &str) -> Name {
        if let Some(name) = self.0.get(text) {
            return name.clone();
        }
        let name: Name = text.into();
        self.0.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_allocation() {
        let mut names = Interner::default();
        let a = names.intern("UNC observation post");
        let b = names.intern("UNC observation post");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
