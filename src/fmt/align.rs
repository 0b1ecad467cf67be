//! Columns: a header item's or an article clause's value at a fixed column,
//! the names of one-line declarations of a kind aligned on neighbouring
//! lines (`act fire       "..."` over `act deployment "..."`), and the
//! comments that end neighbouring lines aligned. Each is bounded, so a
//! hostile file with a very long name cannot make every line long.

use std::collections::HashMap;

use super::layout::Laid;
use super::lex::Kind;
use super::marks::{Marks, Named};

/// A name ending past this column is not aligned with its neighbours.
const NAME_LIMIT: usize = 40;
/// Comments ending lines whose code ends past this column are not aligned.
const COMMENT_LIMIT: usize = 100;

pub(super) fn columns(text: &str, laid: &mut [Laid], marks: &Marks) {
    let first: HashMap<usize, usize> = laid
        .iter()
        .enumerate()
        .map(|(i, l)| (l.line.tokens[0].start, i))
        .collect();
    pads(text, laid, marks, &first);
    names(text, laid, marks, &first);
    comments(text, laid);
}

/// The column where each token of a line starts, up to the first token
/// that holds a line break (a string written over several lines).
fn starts(text: &str, l: &Laid) -> Vec<usize> {
    let mut out = Vec::with_capacity(l.gaps.len());
    let mut col = l.indent;
    for (i, t) in l.line.tokens.iter().enumerate() {
        if i > 0 {
            col += l.gaps[i];
        }
        out.push(col);
        let written = &text[t.start..t.end];
        if written.contains('\n') {
            break;
        }
        col += written.chars().count();
    }
    out
}

/// The column after a token, if it is known.
fn end(text: &str, l: &Laid, starts: &[usize], k: usize) -> Option<usize> {
    let t = l.line.tokens[k];
    let written = &text[t.start..t.end];
    (k < starts.len() && !written.contains('\n')).then(|| starts[k] + written.chars().count())
}

/// The index of the token that starts at `offset`, on a line.
fn token(l: &Laid, offset: usize) -> Option<usize> {
    l.line.tokens.iter().position(|t| t.start == offset)
}

/// Values at a fixed column from their item's start, where the item
/// starts its line and the value is on it.
fn pads(text: &str, laid: &mut [Laid], marks: &Marks, first: &HashMap<usize, usize>) {
    for pad in &marks.pads {
        let Some(&i) = first.get(&pad.head) else {
            continue;
        };
        let l = &laid[i];
        let Some(k) = token(l, pad.value).filter(|&k| k > 0) else {
            continue;
        };
        let cols = starts(text, l);
        let Some(before) = end(text, l, &cols, k - 1) else {
            continue;
        };
        let want = l.indent + pad.column;
        laid[i].gaps[k] = want.saturating_sub(before).max(1);
    }
}

/// A one-line item whose name can be aligned: its line, the token after
/// its name, and the column where the name ends.
struct Candidate {
    kind: &'static str,
    line: usize,
    after: usize,
    name_end: usize,
}

fn candidate(
    text: &str,
    laid: &[Laid],
    first: &HashMap<usize, usize>,
    n: &Named,
) -> Option<Candidate> {
    let &line = first.get(&n.head)?;
    let l = &laid[line];
    let last = l.line.tokens.iter().rfind(|t| t.kind != Kind::Comment)?;
    if last.end != n.end {
        return None; // the item goes on below
    }
    let k = token(l, n.name)?;
    let after = k + 1;
    // Padding is added only where a space was written (never inside
    // `ongoing(attack)`).
    if after >= l.line.tokens.len()
        || l.line.tokens[after].kind == Kind::Comment
        || l.gaps[after] == 0
    {
        return None;
    }
    let cols = starts(text, l);
    let name_end = end(text, l, &cols, k).filter(|&c| c <= NAME_LIMIT + l.indent)?;
    Some(Candidate {
        kind: n.kind,
        line,
        after,
        name_end,
    })
}

/// Names of one kind on neighbouring lines (comment lines between them
/// allowed, not blank lines or other code) end at one column.
fn names(text: &str, laid: &mut [Laid], marks: &Marks, first: &HashMap<usize, usize>) {
    let mut found: Vec<Candidate> = marks
        .named
        .iter()
        .filter_map(|n| candidate(text, laid, first, n))
        .collect();
    found.sort_by_key(|c| c.line);
    let mut block: Vec<&Candidate> = Vec::new();
    for c in &found {
        if let Some(prev) = block.last()
            && !neighbours(laid, prev, c)
        {
            align_names(laid, &block);
            block.clear();
        }
        block.push(c);
    }
    align_names(laid, &block);
}

fn neighbours(laid: &[Laid], a: &Candidate, b: &Candidate) -> bool {
    a.kind == b.kind
        && laid[a.line].indent == laid[b.line].indent
        && (a.line + 1..=b.line).all(|i| !laid[i].blank_before)
        && (a.line + 1..b.line).all(|i| laid[i].line.is_comment())
}

fn align_names(laid: &mut [Laid], block: &[&Candidate]) {
    let Some(widest) = block.iter().map(|c| c.name_end).max() else {
        return;
    };
    for c in block {
        laid[c.line].gaps[c.after] = widest + 1 - c.name_end;
    }
}

/// Comments that end neighbouring lines start at one column, a space
/// after the longest of those lines' code.
fn comments(text: &str, laid: &mut [Laid]) {
    let mut block: Vec<(usize, usize)> = Vec::new();
    for i in 0..laid.len() {
        let code_end = trailing(text, &laid[i]);
        match code_end {
            Some(c) if block.is_empty() || !laid[i].blank_before => block.push((i, c)),
            Some(c) => {
                align_comments(laid, &block);
                block = vec![(i, c)];
            }
            None => {
                align_comments(laid, &block);
                block.clear();
            }
        }
    }
    align_comments(laid, &block);
}

/// Where the code ends on a line that ends with a comment.
fn trailing(text: &str, l: &Laid) -> Option<usize> {
    let n = l.line.tokens.len();
    if n < 2 || l.line.tokens[n - 1].kind != Kind::Comment {
        return None;
    }
    let cols = starts(text, l);
    end(text, l, &cols, n - 2).filter(|&c| c <= COMMENT_LIMIT)
}

fn align_comments(laid: &mut [Laid], block: &[(usize, usize)]) {
    let Some(widest) = block.iter().map(|&(_, c)| c).max() else {
        return;
    };
    for &(i, c) in block {
        let last = laid[i].gaps.len() - 1;
        laid[i].gaps[last] = widest + 1 - c;
    }
}
