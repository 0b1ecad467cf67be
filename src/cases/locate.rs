//! Where a manifest writes a key or a value. The YAML reader keeps no
//! positions of what it read, so once the text is known to be valid YAML
//! each key is found again in the text, within the part of it that holds
//! the value read (an expectation within its event's entry): a diagnostic
//! then points at the very key or value at fault.

use std::ops::Range;

pub struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator { text }
    }

    /// Where `key:` is written within `region`: preferably first on its
    /// line (a block mapping), else after `{`, `,` or `- ` (a flow one);
    /// the region's start when it cannot be found.
    pub fn key(&self, region: Range<usize>, key: &str) -> Range<usize> {
        self.key_at(region.clone(), key)
            .map_or(region.start..region.start, |i| i..i + key.len())
    }

    fn key_at(&self, region: Range<usize>, key: &str) -> Option<usize> {
        let part = self.text.get(region.clone())?;
        let hits: Vec<usize> = part
            .match_indices(key)
            .map(|(i, _)| i)
            .filter(|&i| is_key_end(&part[i + key.len()..]))
            .filter(|&i| opens_key(&part[..i]))
            .collect();
        let first_on_line = hits
            .iter()
            .find(|&&i| part[..i].rsplit('\n').next().is_some_and(only_indent));
        first_on_line.or(hits.first()).map(|&i| region.start + i)
    }

    /// The value `value` written after `key:` within `region`, or the key.
    pub fn value(&self, region: Range<usize>, key: &str, value: &str) -> Range<usize> {
        let at = self.key(region.clone(), key);
        let rest = self.text.get(at.end..region.end).unwrap_or("");
        match rest.find(value) {
            Some(i) if !value.is_empty() => at.end + i..at.end + i + value.len(),
            _ => at,
        }
    }

    /// Each entry of the `expect` mapping, from its id to the next entry
    /// (or the end of the block): `ids` in the order read.
    pub fn entries(&self, region: Range<usize>, ids: &[Option<String>]) -> Vec<Range<usize>> {
        let end = self.block_end(region.start);
        let block = region.start..end;
        let starts: Vec<usize> = ids
            .iter()
            .map(|id| {
                id.as_deref()
                    .and_then(|id| self.key_at(block.clone(), id))
                    .unwrap_or(block.start)
            })
            .collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        starts
            .iter()
            .map(|&s| {
                let next = sorted.iter().find(|&&n| n > s).copied().unwrap_or(end);
                s..next
            })
            .collect()
    }

    /// The `n` items of a list written within `entry`, each from its `- `
    /// to the next; the whole entry for each when they cannot be told
    /// apart (a flow list).
    pub fn items(&self, entry: Range<usize>, n: usize) -> Vec<Range<usize>> {
        let part = self.text.get(entry.clone()).unwrap_or("");
        let mut starts: Vec<usize> = Vec::new();
        let mut offset = 0;
        for line in part.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with("- ") || trimmed.trim_end() == "-" {
                starts.push(entry.start + offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        if starts.len() != n {
            return vec![entry; n];
        }
        let ends = starts.iter().skip(1).copied().chain([entry.end]);
        starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
    }

    /// Where the block that starts at `from` ends: at the next line written
    /// at the start of a line (a key of the manifest), or the text's end.
    fn block_end(&self, from: usize) -> usize {
        let rest = &self.text[from..];
        let first_newline = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let mut offset = first_newline;
        for line in rest[first_newline..].split_inclusive('\n') {
            let starts_key = line
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '#');
            if starts_key {
                return from + offset;
            }
            offset += line.len();
        }
        self.text.len()
    }
}

/// What may follow a key: optional spaces or a closing quote, then `:`
/// and a space or the end of the line.
fn is_key_end(rest: &str) -> bool {
    let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let rest = rest.trim_start_matches(' ');
    rest.strip_prefix(':')
        .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\n', '\r', '\t']))
}

/// What may come before a key: a line's indentation, `{`, `,` or `- `,
/// and an opening quote.
fn opens_key(before: &str) -> bool {
    let before = before.strip_suffix(['"', '\'']).unwrap_or(before);
    let last = before.trim_end_matches([' ', '\t']);
    last.is_empty() || last.ends_with(['\n', '{', ',', '-'])
}

fn only_indent(s: &str) -> bool {
    let s = s.trim_start_matches([' ', '\t']);
    s.is_empty() || s == "- " || s == "-" || s.ends_with('{')
}

#[cfg(test)]
mod tests {
    use super::Locator;

    const TEXT: &str = "rules: r.truce\nevents: e.yaml\nexpect:\n  E-1: {outcome: violation, implied_by: E-2}\n  E-2:\n    - {outcome: violation}\n    - {outcome: nope}\ndoctrine: {}\n";

    #[test]
    fn keys_entries_and_items_are_found_where_written() {
        let find = Locator::new(TEXT);
        let all = 0..TEXT.len();
        assert_eq!(&TEXT[find.key(all.clone(), "expect")], "expect");
        let ids = [Some("E-1".to_owned()), Some("E-2".to_owned())];
        let expect = find.key(all, "expect");
        let entries = find.entries(expect.start..TEXT.len(), &ids);
        // `E-2` as the value of `implied_by` is not the entry.
        assert!(TEXT[entries[1].clone()].starts_with("E-2:\n"));
        assert!(TEXT[entries[1].clone()].ends_with("nope}\n"));
        let items = find.items(entries[1].clone(), 2);
        let at = find.value(items[1].clone(), "outcome", "nope");
        assert_eq!(&TEXT[at], "nope");
        assert_eq!(TEXT[..items[1].start].lines().count(), 7);
    }
}
