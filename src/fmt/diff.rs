//! What `truce fmt --check` shows of a file that would change: the first
//! lines that differ, as data; the CLI words them.

/// How many lines of each side a hunk shows at most.
const SHOWN: usize = 6;

/// The lines that differ, from the first that does to the last before the
/// lines both texts end with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// The 1-based line of the file where they start.
    pub line: usize,
    /// The file's lines there (at most [`SHOWN`]).
    pub removed: Vec<String>,
    /// The formatted lines in their place (at most [`SHOWN`]).
    pub added: Vec<String>,
    /// Whether more lines differ than are shown.
    pub more: bool,
}

/// The first differing lines of two texts, or `None` if they are equal.
pub fn first_hunk(old: &str, new: &str) -> Option<Hunk> {
    if old == new {
        return None;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (old.split('\n').collect(), new.split('\n').collect());
    let same_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rest = a.len().min(b.len()) - same_start;
    let same_end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    let removed = &a[same_start..a.len() - same_end];
    let added = &b[same_start..b.len() - same_end];
    let shown = |lines: &[&str]| lines.iter().take(SHOWN).map(|l| (*l).to_owned()).collect();
    Some(Hunk {
        line: same_start + 1,
        removed: shown(removed),
        added: shown(added),
        more: removed.len() > SHOWN || added.len() > SHOWN,
    })
}
