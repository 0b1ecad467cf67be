//! The pest parser generated from `grammar/truce.pest`, and the one
//! precedence table for conditions.

use std::ops::Range;
use std::sync::LazyLock;

use pest::Parser;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest_derive::Parser;

use super::chunks::Chunk;
use super::err::SyntaxError;
use crate::span::Source;

#[derive(Parser)]
#[grammar = "../grammar/truce.pest"]
pub struct TruceParser;

/// Condition operators, loosest first.
pub static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        // `a or b`
        .op(Op::infix(Rule::op_or, Assoc::Left))
        // `a and b`
        .op(Op::infix(Rule::op_and, Assoc::Left))
        // `not place in dmz` reads as `not (place in dmz)`
        .op(Op::prefix(Rule::op_not))
        // comparisons and tests bind tightest: `weapon.calibre >= 100 mm`
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_is, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_before, Assoc::Left)
            | Op::infix(Rule::op_after, Assoc::Left)
            | Op::infix(Rule::op_overlaps, Assoc::Left))
});

/// Runs the generated parser from `rule` and returns its single top pair.
pub fn parse(rule: Rule, source: &Source) -> Result<Pair<'_, Rule>, SyntaxError> {
    guard_depth(source, &(0..source.text().len()))?;
    let mut pairs =
        TruceParser::parse(rule, source.text()).map_err(|e| SyntaxError::from_pest(e, source))?;
    Ok(pairs.next().expect("an entry rule yields exactly one pair"))
}

/// Runs the generated parser from `rule` over one piece of the source
/// alone; positions in its pairs count from the piece's start.
pub fn parse_piece<'s>(
    rule: Rule,
    source: &'s Source,
    piece: &Chunk,
    end: &str,
) -> Result<Pair<'s, Rule>, SyntaxError> {
    guard_depth(source, &piece.range)?;
    let text = &source.text()[piece.range.clone()];
    let mut pairs = TruceParser::parse(rule, text)
        .map_err(|e| SyntaxError::from_pest_in(e, source, piece, end))?;
    Ok(pairs.next().expect("an entry rule yields exactly one pair"))
}

/// Whether `piece` fails to parse from `rule`, without wording why.
pub fn piece_fails(rule: Rule, source: &Source, piece: &Chunk) -> bool {
    let text = &source.text()[piece.range.clone()];
    guard_depth(source, &piece.range).is_err() || TruceParser::parse(rule, text).is_err()
}

/// Refuses brackets nested beyond any condition's limit before pest
/// descends into them: its recursion would otherwise follow the text.
fn guard_depth(source: &Source, range: &Range<usize>) -> Result<(), SyntaxError> {
    let text = &source.text().as_bytes()[..range.end];
    let (mut depth, mut i) = (0usize, range.start);
    while i < text.len() {
        match text[i] {
            b'"' => {
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if text.get(i + 1) == Some(&b'/') => {
                while i < text.len() && text[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > super::build::MAX_NESTING {
                    let span = crate::span::Span::new(source, i..i + 1);
                    let bound = super::err::Bound::Nesting(super::build::MAX_NESTING);
                    return Err(super::err::TooDeepError::new(&span, bound).into());
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}
