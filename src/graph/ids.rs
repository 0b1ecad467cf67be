//! Each id's first event: a table of event indices hashed by the id's
//! text, four bytes a slot where a map from the text would hold
//! twenty-four. One is built for the passes that check the events and one
//! kept with the graph, so a million events need about 10 MB of index
//! each time, not 50 MB of map per pass.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

use crate::events::Event;

/// Indices into the events it was built from, which every lookup is given.
#[derive(Debug, Default)]
pub(super) struct Ids {
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl Ids {
    /// The first of `events` with each id.
    pub(super) fn of(events: &[Event]) -> Self {
        let hasher = foldhash::fast::RandomState::default();
        let mut table = HashTable::with_capacity(events.len());
        let id = |j: &u32| &*events[*j as usize].id;
        for (i, e) in events.iter().enumerate() {
            let hash = hasher.hash_one(&*e.id);
            if let Entry::Vacant(slot) =
                table.entry(hash, |j| id(j) == &*e.id, |j| hasher.hash_one(id(j)))
            {
                // Loading numbers records with `u32`, and a record implies
                // at most a few acts: the memory for four billion events
                // runs out long before an index would.
                slot.insert(u32::try_from(i).expect("fewer than 2^32 events"));
            }
        }
        Ids { table, hasher }
    }

    /// The index of the first of `events` (those it was built from) with `id`.
    pub(super) fn first(&self, events: &[Event], id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.table
            .find(hash, |&j| &*events[j as usize].id == id)
            .map(|&j| j as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(ids: &[&str]) -> Vec<Event> {
        let text: String = ids
            .iter()
            .map(|id| format!("{{\"id\":\"{id}\",\"time\":\"2025-01-01T00:00:00Z\",\"act\":\"fire\",\"actor\":{{\"party\":\"A\"}}}}\n"))
            .collect();
        let rules = "agreement \"t\" { in force 2025-01-01 00:00 UTC party A \"a\" party B \"b\" }\nact fire \"f\"\n";
        let rulebook = crate::compile(&crate::span::Source::new("t.truce", rules))
            .unwrap()
            .rulebook;
        crate::events::load_str(
            "e.jsonl",
            &text,
            crate::events::Format::JsonLines,
            &rulebook,
        )
        .unwrap()
        .events
    }

    #[test]
    fn the_first_event_of_each_id_is_found() {
        let events = events(&["a", "b", "a", "c"]);
        let ids = Ids::of(&events);
        assert_eq!(ids.first(&events, "a"), Some(0));
        assert_eq!(ids.first(&events, "b"), Some(1));
        assert_eq!(ids.first(&events, "c"), Some(3));
        assert_eq!(ids.first(&events, "d"), None);
    }
}
