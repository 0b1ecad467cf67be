//! Shared names: ids, party and act names, evidence sources. A verdict
//! quotes the same few names thousands of times; sharing them makes each
//! quotation a reference count, not a copy.

use std::sync::Arc;

/// A shared, immutable name.
pub type Name = Arc<str>;

/// A map keyed by ids, names or indices, as loading, the graph and
/// evaluation look them up a million times: hashed with foldhash, several
/// times faster than the standard SipHash on short keys. It is seeded per
/// process, which makes crafted colliding ids hard to prepare in advance,
/// but foldhash claims only minimal resistance to such attacks, weaker than
/// SipHash's: ids crafted to collide could slow a run, never change it.
/// Like the standard map's, its order is not the output's: what reaches a
/// report is sorted or kept in input order.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A set, hashed as [`FastMap`].
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// Hands out one shared copy of each distinct name, and of a name derived
/// from one (an evidence source's identity), derived once.
#[derive(Debug, Default)]
pub struct Interner {
    names: FastSet<Name>,
    derived: FastMap<Name, Name>,
}

impl Interner {
    pub fn intern(&mut self, text: &str) -> Name {
        if let Some(name) = self.names.get(text) {
            return name.clone();
        }
        let name: Name = text.into();
        self.names.insert(name.clone());
        name
    }

    /// `text` interned, and what `derive` makes of it, interned too; a text
    /// met before is not derived again (`derive` must give the same for
    /// the same text).
    pub fn intern_derived(
        &mut self,
        text: &str,
        derive: impl FnOnce(&str) -> String,
    ) -> (Name, Name) {
        let name = self.intern(text);
        if let Some(derived) = self.derived.get(&name) {
            return (name, derived.clone());
        }
        let derived = self.intern(&derive(text));
        self.derived.insert(name.clone(), derived.clone());
        (name, derived)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_name_is_derived_once_per_text() {
        let mut names = Interner::default();
        let mut calls = 0;
        let mut derive = |t: &str| {
            calls += 1;
            t.to_lowercase()
        };
        let (a, la) = names.intern_derived("UNC Post", &mut derive);
        let (b, lb) = names.intern_derived("UNC Post", &mut derive);
        let (_, lc) = names.intern_derived("unc post", &mut derive);
        assert_eq!((&*a, &*la), ("UNC Post", "unc post"));
        assert!(Arc::ptr_eq(&a, &b) && Arc::ptr_eq(&la, &lb) && Arc::ptr_eq(&la, &lc));
        assert_eq!(calls, 2);
    }

    #[test]
    fn equal_texts_share_one_allocation() {
        let mut names = Interner::default();
        let a = names.intern("UNC observation post");
        let b = names.intern("UNC observation post");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
