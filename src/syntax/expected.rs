//! What the parser expected where it stopped, in the language's words.
//!
//! pest names the rules it tried; with error detail on (`recover.rs` turns
//! it on), it also names the literal tokens (`{`, `,`, `]`) and may have
//! got further inside a token than the rule's start (`2025/09/03` fails at
//! the `/`). Both are used, so a message never lists only part of what
//! would have been accepted.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::names::describe;
use super::parser::Rule;

/// Rules that start a condition: listed as "a condition", not one by one.
const CONDITION_START: &[Rule] = &[
    Rule::paren,
    Rule::list,
    Rule::boolean,
    Rule::path,
    Rule::path_root,
    Rule::number,
    Rule::string,
    Rule::quantity,
    Rule::date,
    Rule::datetime,
    Rule::op_not,
    Rule::kw_some,
    Rule::kw_within,
    Rule::kw_inside,
    Rule::kw_between,
    Rule::kw_polygon,
    Rule::kw_doctrine,
    Rule::kw_holdings,
    Rule::kw_directed,
    Rule::directed_test,
    Rule::sum_word,
    Rule::kw_true,
    Rule::kw_false,
];

/// Rules that continue a condition: listed as "an operator".
const OPERATOR: &[Rule] = &[
    Rule::op_and,
    Rule::op_or,
    Rule::op_is,
    Rule::op_in,
    Rule::op_crosses,
    Rule::op_before,
    Rule::op_after,
    Rule::op_overlaps,
    Rule::op_eq,
    Rule::op_ne,
    Rule::op_le,
    Rule::op_ge,
    Rule::op_lt,
    Rule::op_gt,
    Rule::kw_over,
    Rule::kw_within,
    Rule::kw_on,
    Rule::kw_directed,
];

/// Punctuation worth naming beside the rules expected: what separates or
/// closes. What opens (`(`, `[`, `"`) starts a rule already named.
const STRUCTURAL: &[&str] = &["{", "}", ",", "=", ")", "]"];

/// Where the parse stopped in the text it was given, and what would have
/// been accepted there.
#[derive(Debug)]
pub struct Expected {
    pub at: usize,
    pub rules: Vec<Rule>,
    /// Literal tokens, such as `{` or `,`, not already named by a rule.
    pub tokens: Vec<String>,
    /// Every word of the language that would have been accepted, for a
    /// did-you-mean.
    pub keywords: Vec<String>,
}

impl Expected {
    /// What `error`, from parsing `text`, says was expected.
    pub fn of(error: &Error<Rule>, text: &str) -> Self {
        let at = match error.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        let rules = match &error.variant {
            ErrorVariant::ParsingError { positives, .. } => positives.clone(),
            ErrorVariant::CustomError { .. } => Vec::new(),
        };
        let Some(attempts) = error.parse_attempts() else {
            return Expected {
                at,
                rules,
                tokens: Vec::new(),
                keywords: Vec::new(),
            };
        };
        // Further on, unless only because `!keyword` looked past a word
        // of the language (a time zone is no keyword: `2025-09-03 and`).
        let passed = text.get(at..attempts.max_position).unwrap_or("").trim();
        let further = attempts.max_position > at && !super::err::is_keyword(passed);
        let all: Vec<String> = attempts
            .expected_tokens()
            .iter()
            .filter_map(token_word)
            .collect();
        let keywords = all
            .iter()
            .filter(|t| t.chars().all(|c| c.is_ascii_alphabetic()))
            .cloned()
            .collect();
        if further {
            let tokens: Vec<String> = all.into_iter().filter(|t| t != "_").collect();
            if !tokens.is_empty() {
                return Expected {
                    at: attempts.max_position,
                    rules: Vec::new(),
                    tokens,
                    keywords,
                };
            }
            return Expected {
                at,
                rules,
                tokens: Vec::new(),
                keywords,
            };
        }
        // Where rules were expected too, only the punctuation that no
        // rule named: `{` after `article 1b`, `,` in a list.
        let tokens = all
            .into_iter()
            .filter(|t| STRUCTURAL.contains(&t.as_str()))
            .filter(|t| {
                !rules
                    .iter()
                    .any(|r| describe(*r).starts_with(&format!("`{t}")))
            })
            .collect();
        Expected {
            at,
            rules,
            tokens,
            keywords,
        }
    }

    /// "an operator such as `and`, `or` or `==`, `proof` or `}`": sorted,
    /// deduplicated; the end of the text parsed is called `end`.
    pub fn describe(&self, end: &str) -> String {
        let starts = self.rules.contains(&Rule::paren);
        let operators = self.rules.iter().filter(|r| OPERATOR.contains(r)).count() >= 4;
        let mut words: Vec<String> = self
            .rules
            .iter()
            .filter(|r| !(starts && CONDITION_START.contains(r)))
            .filter(|r| !(operators && OPERATOR.contains(r)))
            .map(|r| match r {
                Rule::EOI => end.to_owned(),
                other => describe(*other).to_owned(),
            })
            .collect();
        if starts {
            words.push("a condition".to_owned());
        }
        if operators {
            words.push("an operator such as `and`, `or`, `is`, `in` or `==`".to_owned());
        }
        words.extend(self.tokens.iter().map(|t| match t.as_str() {
            "a digit" => t.clone(),
            _ => format!("`{t}`"),
        }));
        words.sort_unstable();
        words.dedup();
        match words.as_slice() {
            [] => "something else".to_owned(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        }
    }

    /// The words of the language that were expected, for did-you-mean.
    pub fn words(&self) -> Vec<&str> {
        let named = self
            .rules
            .iter()
            .flat_map(|r| describe(*r).split('`').skip(1).step_by(2));
        named
            .chain(self.keywords.iter().map(String::as_str))
            .collect()
    }

    /// Whether a quoted text was among what was expected.
    pub fn wants(&self, rule: Rule) -> bool {
        self.rules.contains(&rule)
    }
}

/// A token as written in a message (pest does not export its token type,
/// so it is read through its display). Blank space and comment marks are
/// accepted everywhere and say nothing; ranges are characters in atomic
/// rules (`0..9` in a date).
fn token_word(token: impl std::fmt::Display) -> Option<String> {
    let token = token.to_string();
    match token.as_str() {
        "0..9" => Some("a digit".to_owned()),
        "BUILTIN_RULE" | "//" => None,
        t if t.trim().is_empty() || (t.len() == 4 && &t[1..3] == "..") => None,
        _ => Some(token),
    }
}
