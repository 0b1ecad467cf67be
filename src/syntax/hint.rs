//! Advice for the slips drafters make most often, in the `help` of a
//! syntax error. Each hint looks at what was expected and at the text
//! around the error, never at a message's wording.

use super::expected::Expected;
use super::parser::Rule;

/// Where a parse stopped: the token met, the text around it, and what
/// would have been accepted.
pub struct Slip<'a> {
    pub expected: &'a Expected,
    /// The described expectation, as the message shows it.
    pub described: &'a str,
    /// What stands for the end of the piece parsed, in `described`.
    pub end: &'a str,
    pub token: &'a str,
    /// The file's text before the token, and from it on.
    pub before: &'a str,
    pub after: &'a str,
}

/// The advice for this slip, if one fits.
pub fn advice(slip: &Slip) -> Option<String> {
    let checks: [fn(&Slip) -> Option<String>; 6] =
        [punctuation, quotes, lists, labels, dates, words];
    checks.iter().find_map(|check| check(slip))
}

/// Comment marks, statement ends and operators of other languages.
fn punctuation(slip: &Slip) -> Option<String> {
    let after = slip.after;
    let text = match slip.token {
        "#" => "comments start with `//` and run to the end of the line",
        "/" if after.starts_with("/*") => "comments start with `//` and run to the end of the line",
        "-" if after.starts_with("--") => "comments start with `//` and run to the end of the line",
        ";" => "nothing ends with `;` in the rule language: remove it",
        "&" => "write `and`",
        "|" => "write `or`",
        "=" if slip.before.trim_end().ends_with('=') => {
            "a declaration is defined with one `=`; `==` compares two values in a condition"
        }
        "=" if wants_comparison(slip.expected) => "to compare, write `==`",
        "}" if slip.described == slip.end => "this `}` closes nothing: remove it",
        _ => return None,
    };
    Some(text.to_owned())
}

/// Quoted texts: single quotes, no quotes, or one left open.
fn quotes(slip: &Slip) -> Option<String> {
    let word = slip.token.starts_with(|c: char| c.is_alphanumeric());
    if slip.token == "'" {
        return Some("a quoted text takes double quotes: `\"...\"`".to_owned());
    }
    if slip.before.ends_with('"') && word {
        return Some(
            "is a quoted text left open before this? every `\"` needs a closing `\"`".to_owned(),
        );
    }
    let starts_line = slip.before.trim_end_matches([' ', '\t']).ends_with('\n');
    if slip.expected.wants(Rule::string) && word && slip.expected.rules.len() == 1 && !starts_line {
        return Some("put the text in double quotes: `\"...\"`".to_owned());
    }
    None
}

/// A `,` with nothing after it.
fn lists(slip: &Slip) -> Option<String> {
    (slip.before.trim_end().ends_with(',')
        && !slip.token.starts_with(|c: char| c.is_alphanumeric()))
    .then(|| "nothing follows this `,`: remove it, or add the item it promises".to_owned())
}

/// Article labels: written with a space, or not as the instrument does.
fn labels(slip: &Slip) -> Option<String> {
    let mut words = slip.before.split_whitespace().rev();
    let (label, keyword) = (words.next()?, words.next()?);
    let after_label = (keyword == "article" || keyword.ends_with(','))
        && label.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase());
    if after_label && slip.before.ends_with(char::is_whitespace) {
        let sub = leading_word(slip.after);
        if slip.token == "("
            || (!sub.is_empty() && sub.len() <= 4 && sub.chars().all(|c| c.is_ascii_lowercase()))
        {
            let sub = if slip.token == "(" { "..." } else { sub };
            return Some(format!(
                "an article label has no spaces: sub-paragraphs go in brackets, as in `{label}({sub})`"
            ));
        }
    }
    slip.expected.wants(Rule::article_label).then(|| {
        "write the label as the instrument does: numbers, and capitals for letters and Roman numerals, joined by dots (`2.1`, `B.4`, `III.2`), then sub-paragraphs in brackets (`13(a)`, `2(a)(i)`, or `(b)` alone)".to_owned()
    })
}

/// Dates and their time zones.
fn dates(slip: &Slip) -> Option<String> {
    let rules = &slip.expected.rules;
    if rules.contains(&Rule::time_zone) {
        return Some(
            "a date needs its time zone: write `2025-09-03 Europe/Kyiv` for that whole day".into(),
        );
    }
    let in_date = slip
        .expected
        .tokens
        .iter()
        .any(|t| t == "-" || t == "a digit" || t == ":");
    let condition = rules.contains(&Rule::paren);
    let date = rules.contains(&Rule::date) || rules.contains(&Rule::datetime);
    ((date && !condition) || in_date).then(|| {
        "write a date as `YYYY-MM-DD`, then the time and its zone: `2025-09-03 00:00 Europe/Kyiv`".to_owned()
    })
}

/// Names, units, keywords: a misspelt word gets a suggestion.
fn words(slip: &Slip) -> Option<String> {
    let (rules, token) = (&slip.expected.rules, slip.token);
    if rules == &[Rule::identifier] && super::err::is_keyword(token) {
        return Some(format!(
            "`{token}` is a word of the rule language; choose another name"
        ));
    }
    if rules.contains(&Rule::unit) {
        return Some(
            "give distances in `m`, `km`, `mm`, `nmi` or `ft`, durations in `min`, `h` or `d`"
                .into(),
        );
    }
    if rules.contains(&Rule::kw_together) {
        return Some(
            "name every party whose consent is needed, then `together`: `by IL and LB together`"
                .into(),
        );
    }
    if let Some(w) = crate::suggest::did_you_mean(token, &slip.expected.words()) {
        return Some(format!("did you mean `{w}`?"));
    }
    dangling(slip)
}

/// A condition whose line ends in `and`, `or` or `not` reads the next
/// line as its rest: `violation when act is fire or` then `responsible ...`.
fn dangling(slip: &Slip) -> Option<String> {
    if !slip.token.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let this_line = slip.before.rfind('\n')?;
    let earlier = &slip.before[..this_line];
    let previous = earlier[earlier.rfind('\n').map_or(0, |i| i + 1)..].trim_end();
    let last = previous.rsplit(char::is_whitespace).next()?;
    ["and", "or", "not"].contains(&last).then(|| {
        format!("the line before ends with `{last}`, so this line was read as the rest of its condition: finish that condition")
    })
}

fn wants_comparison(expected: &Expected) -> bool {
    expected.rules.contains(&Rule::op_eq)
}

fn leading_word(text: &str) -> &str {
    super::chunks::leading_word(text)
}
