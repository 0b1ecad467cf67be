//! The canonical layout of lines of tokens: indentation by braces, one
//! space between tokens (none inside brackets or before a comma), blank
//! lines collapsed; the columns are aligned by `align.rs`. Only whitespace
//! changes: the tokens, comments included, come out in the order they went
//! in, each on the line it was on.

use super::align;
use super::lex::{Kind, Line, Token};
use super::marks::Marks;

/// Indentation per level of braces.
pub(super) const INDENT: usize = 2;
/// A continuation line is indented at least this far past its item.
pub(super) const CONTINUATION: usize = 2;

/// A line as it will be written: its indentation and the spaces before
/// each token (the first's is unused).
#[derive(Debug, Clone)]
pub(super) struct Laid<'a> {
    pub line: &'a Line,
    pub indent: usize,
    pub gaps: Vec<usize>,
    /// Whether a blank line is written before it.
    pub blank_before: bool,
}

pub(super) fn layout(text: &str, lines: &[Line], marks: &Marks) -> String {
    let indents = indentation(lines, marks);
    let mut laid: Vec<Laid> = lines
        .iter()
        .zip(indents)
        .enumerate()
        .map(|(i, (line, indent))| Laid {
            line,
            indent,
            gaps: gaps(line),
            blank_before: blank_before(lines, i),
        })
        .collect();
    align::columns(text, &mut laid, marks);
    render(text, &laid)
}

/// The spaces between two tokens of a line: brackets hug what they hold,
/// a comma follows what it ends and a space follows it, braces and
/// operators stand apart; elsewhere a space where the author wrote one.
/// Never a space inside an article label (`13(a)`) or a name and its
/// bracket (`ongoing(attack)`), where none was written.
fn gap(before: Token, token: Token, spaced: bool) -> usize {
    match (before.kind, token.kind) {
        (_, Kind::Comment) => 1,
        (Kind::Open(b'{'), Kind::Close(b'}')) => 0,
        (Kind::Open(b'{'), _) | (_, Kind::Open(b'{') | Kind::Close(b'}')) => 1,
        (Kind::Open(_), _) | (_, Kind::Close(_) | Kind::Comma) => 0,
        (Kind::Comma | Kind::Op, _) | (_, Kind::Op) => 1,
        (Kind::Word | Kind::Str | Kind::Comment | Kind::Close(_), _) => usize::from(spaced),
    }
}

fn gaps(line: &Line) -> Vec<usize> {
    let mut out = vec![0];
    for i in 1..line.tokens.len() {
        out.push(gap(line.tokens[i - 1], line.tokens[i], line.spaced[i]));
    }
    out
}

/// At most one blank line, and none at the start of the file, after an
/// opening brace or before a closing one.
fn blank_before(lines: &[Line], i: usize) -> bool {
    let line = &lines[i];
    let after_open = i
        .checked_sub(1)
        .and_then(|p| lines[p].tokens.last())
        .is_none_or(|t| t.kind == Kind::Open(b'{'));
    let closes = line.tokens[0].kind == Kind::Close(b'}');
    line.blanks_before > 0 && !after_open && !closes
}

/// The item a line continues: its indentation as written and as laid out.
#[derive(Debug, Clone, Copy)]
struct Head {
    written: usize,
    laid: usize,
}

impl Head {
    /// A continuation line keeps its indentation relative to its item,
    /// and is indented at least [`CONTINUATION`] past it.
    fn continued(self, written: usize) -> usize {
        self.laid + written.saturating_sub(self.written).max(CONTINUATION)
    }
}

/// Each line's indentation. Code lines first: an item's first line by its
/// depth in braces, a closing brace as the line that opened it, a
/// continuation relative to its item. Then each comment line: as the
/// code line after it when that starts an item or closes a brace, else
/// as a continuation.
fn indentation(lines: &[Line], marks: &Marks) -> Vec<usize> {
    let mut depth = 0usize;
    let mut head: Option<Head> = None;
    let mut out = vec![0; lines.len()];
    let mut context = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        context.push((depth, head));
        let first = line.tokens[0];
        let laid = INDENT * depth;
        out[i] = if line.is_comment() {
            0
        } else if first.kind == Kind::Close(b'}') {
            let laid = INDENT * depth.saturating_sub(1);
            head = Some(Head {
                written: line.indent,
                laid,
            });
            laid
        } else if marks.heads.contains(&first.start) {
            head = Some(Head {
                written: line.indent,
                laid,
            });
            laid
        } else if first.kind == Kind::Open(b'{') {
            head.map_or(laid, |h| h.laid)
        } else {
            head.map_or(laid, |h| h.continued(line.indent))
        };
        depth = braces(depth, &line.tokens);
    }
    // Backwards, so each comment line knows the code line after it.
    let mut next = None;
    for i in (0..lines.len()).rev() {
        if !lines[i].is_comment() {
            next = Some(i);
            continue;
        }
        let (depth, head) = context[i];
        out[i] = match next {
            None => INDENT * depth,
            Some(j) if starts_item(&lines[j], marks) => out[j] + closing(&lines[j]),
            Some(_) => head.map_or(INDENT * depth, |h| h.continued(lines[i].indent)),
        };
    }
    out
}

/// Whether a line starts an item, closes a brace or opens one.
fn starts_item(line: &Line, marks: &Marks) -> bool {
    let first = line.tokens[0];
    marks.heads.contains(&first.start) || matches!(first.kind, Kind::Close(b'}') | Kind::Open(b'{'))
}

/// A comment before a closing brace is indented as the lines inside it.
fn closing(line: &Line) -> usize {
    if line.tokens[0].kind == Kind::Close(b'}') {
        INDENT
    } else {
        0
    }
}

/// The depth in braces after a line's tokens.
fn braces(mut depth: usize, tokens: &[Token]) -> usize {
    for t in tokens {
        match t.kind {
            Kind::Open(b'{') => depth += 1,
            Kind::Close(b'}') => depth = depth.saturating_sub(1),
            Kind::Word | Kind::Str | Kind::Comment | Kind::Open(_) | Kind::Close(_) => {}
            Kind::Comma | Kind::Op => {}
        }
    }
    depth
}

fn render(text: &str, laid: &[Laid]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for l in laid {
        if l.blank_before {
            out.push('\n');
        }
        push_spaces(&mut out, l.indent);
        for (t, &gap) in l.line.tokens.iter().zip(&l.gaps) {
            if t.start != l.line.tokens[0].start {
                push_spaces(&mut out, gap);
            }
            out.push_str(&text[t.start..t.end]);
        }
        out.push('\n');
    }
    out
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}
