//! A broken rule file parsed piece by piece, so one run reports every
//! syntax error: the header (item by item when it fails whole), then each
//! declaration alone (`chunks.rs` cuts them). A piece that fails costs
//! only itself; the pieces that parse are still built, so their own
//! problems (a bad escape, a condition too deep) are reported too.
//!
//! Work is bounded: the file is cut in one pass, each piece is parsed
//! once, and errors beyond [`MOST_REPORTED`](super::errors::MOST_REPORTED)
//! are counted, not built.

use super::build::Builder;
use super::chunks::{self, Chunk, Open};
use super::err::SyntaxError;
use super::errors::SyntaxErrors;
use super::parser::{self, Rule};
use super::trivia::code_end;
use crate::span::Source;

/// What the end of a piece stands for, in messages.
const NEXT_DECLARATION: &str = "a new line starting the next declaration";
const NEXT_ITEM: &str = "a new line starting the next header item";

/// Every syntax error of a file whose whole parse failed.
pub fn every_error(source: &Source, first: SyntaxError) -> SyntaxErrors {
    // Error detail names the literal tokens expected (`{`, `,`). It is a
    // switch for the whole process, left on once a broken file is met, so
    // every message about this file and any later one is the same
    // whichever thread parses what: parses are then a little slower.
    pest::set_error_detail(true);
    let mut found = SyntaxErrors::new();
    let pieces = chunks::split(source.text(), chunks::declaration_words(), false);
    let (header, declarations) = pieces.split_first().expect("the header piece");
    let mut first = Some(first);
    if code_end(&source.text()[header.range.clone()]) == 0 {
        // No header at all: the whole parse says so at the first word.
        found.push(in_detail(source, first.take()));
    } else {
        agreement(source, header, &mut found);
    }
    for piece in declarations {
        // Beyond the errors reported, a failure is only counted: not worded.
        if found.full() && parser::piece_fails(Rule::declaration_only, source, piece) {
            found.count_more();
            continue;
        }
        let result = parser::parse_piece(Rule::declaration_only, source, piece, NEXT_DECLARATION)
            .map(|pair| Builder::at(source, piece.range.start).declaration_only(pair));
        record(result.and_then(|built| built.map(drop)), &mut found);
    }
    if found.is_empty() {
        // The pieces all parse, though the whole did not: the whole's error stands.
        found.push(in_detail(source, first.take()));
    }
    found.sorted()
}

/// The whole file's error, parsed again now that pest tracks detail (as
/// for the pieces, so that its wording does not depend on what was parsed
/// before in the process).
fn in_detail(source: &Source, first: Option<SyntaxError>) -> SyntaxError {
    let again = parser::parse(Rule::rulebook, source).err();
    again.or(first).expect("the whole file failed to parse")
}

fn record(result: Result<(), SyntaxError>, found: &mut SyntaxErrors) {
    if let Err(e) = result {
        found.push(e);
    }
}

/// The agreement header: whole if it parses, else item by item.
fn agreement(source: &Source, piece: &Chunk, found: &mut SyntaxErrors) {
    let whole = parser::parse_piece(Rule::agreement_only, source, piece, NEXT_DECLARATION)
        .and_then(|pair| Builder::at(source, piece.range.start).agreement_only(pair));
    let Err(error) = whole else { return };
    let before = found.count();
    header_items(source, piece, found);
    if found.count() == before {
        found.push(error);
    }
}

/// `agreement "T" {`, then each item alone, then the closing `}`.
fn header_items(source: &Source, piece: &Chunk, found: &mut SyntaxErrors) {
    let text = &source.text()[piece.range.clone()];
    let Some(brace) = chunks::first_brace(text) else {
        return;
    };
    let base = piece.range.start;
    let opening = Chunk {
        range: base..base + brace + 1,
        open: None,
    };
    let title = parser::parse_piece(Rule::agreement_open, source, &opening, "the header's items")
        .and_then(|pair| Builder::at(source, base).agreement_open(pair));
    record(title.map(drop), found);
    let body = &text[brace + 1..];
    let body_base = base + brace + 1;
    let mut items = chunks::split(body, chunks::HEADER, true);
    // The header's `}` is in its last item, if anywhere.
    let last = items.last_mut().expect("a split yields a piece");
    let close = chunks::unmatched_close(&body[last.range.clone()]).map(|at| last.range.start + at);
    if let Some(at) = close {
        last.range.end = at;
        last.open = None;
    }
    for item in items {
        let item = Chunk {
            range: body_base + item.range.start..body_base + item.range.end,
            open: item.open.map(|o| Open {
                at: body_base + o.at,
                mark: o.mark,
            }),
        };
        if code_end(&source.text()[item.range.clone()]) == 0 {
            continue;
        }
        let result = parser::parse_piece(Rule::header_item_only, source, &item, NEXT_ITEM)
            .map(|pair| Builder::at(source, item.range.start).header_item_only(pair));
        record(result.and_then(|built| built.map(drop)), found);
    }
    match close {
        None => {
            let end = base + code_end(text);
            let open = Open {
                at: base + brace,
                mark: '{',
            };
            found.push(SyntaxError::unclosed(source, open, end, NEXT_DECLARATION));
        }
        Some(at) => {
            // Anything between the header's `}` and the first declaration.
            let rest = Chunk {
                range: body_base + at + 1..piece.range.end,
                open: None,
            };
            if code_end(&source.text()[rest.range.clone()]) > 0 {
                let result =
                    parser::parse_piece(Rule::declaration_only, source, &rest, NEXT_DECLARATION);
                record(result.map(drop), found);
            }
        }
    }
}
