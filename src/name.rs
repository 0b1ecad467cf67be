//! Shared names: ids, party and act names, evidence sources. A verdict
//! quotes the same few names thousands of times; sharing them makes each
//! quotation a reference count, not a copy.

use std::collections::HashSet;
use std::sync::Arc;

/// A shared, immutable name.
pub type Name = Arc<str>;

/// Hands out one shared copy of each distinct name.
#[derive(Debug, Default)]
pub struct Interner(HashSet<Name>);

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
