//! Coverage as versioned JSON (docs/coverage.md): the same data as the
//! table, every item with its counts, in rulebook order.

use serde::Serialize;

use super::{BookCoverage, Coverage, Share};

/// The version of this JSON; raised with any change a reader may notice.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Out<'a> {
    schema: u32,
    cases: usize,
    covered: Shares,
    rulebooks: Vec<Book<'a>>,
}

#[derive(Serialize)]
struct Book<'a> {
    #[serde(flatten)]
    book: &'a BookCoverage,
    covered: Shares,
}

/// Covered items, by kind and in all.
#[derive(Serialize)]
struct Shares {
    #[serde(skip_serializing_if = "Option::is_none")]
    articles: Option<Counted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exceptions: Option<Counted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    branches: Option<Counted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doctrines: Option<Counted>,
    all: Counted,
}

#[derive(Serialize)]
struct Counted {
    covered: usize,
    items: usize,
    /// Rounded to a tenth.
    percent: f64,
}

impl From<Share> for Counted {
    fn from(s: Share) -> Self {
        Counted {
            covered: s.covered,
            items: s.items,
            percent: (s.percent() * 10.0).round() / 10.0,
        }
    }
}

pub fn write(c: &Coverage) -> String {
    let rulebooks = c
        .rulebooks
        .iter()
        .map(|b| {
            let [articles, exceptions, branches, doctrines] = b.shares().map(|s| Some(s.into()));
            Book {
                book: b,
                covered: Shares {
                    articles,
                    exceptions,
                    branches,
                    doctrines,
                    all: b.total().into(),
                },
            }
        })
        .collect();
    let out = Out {
        schema: SCHEMA,
        cases: c.cases,
        covered: Shares {
            articles: None,
            exceptions: None,
            branches: None,
            doctrines: None,
            all: c.total().into(),
        },
        rulebooks,
    };
    let json = serde_json::to_string_pretty(&out).unwrap_or_default();
    crate::render::json::terminal_safe(&json).into_owned() + "\n"
}
