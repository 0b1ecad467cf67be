//! One run reports every syntax error of a file: recovery resynchronises
//! at the next declaration (or header item), each message names what was
//! expected where it went wrong, and the work is bounded.

use miette::Diagnostic;
use truce::span::Source;
use truce::syntax::{MOST_REPORTED, SyntaxErrors};

use crate::rendered;

/// The syntax errors of a text that must fail to parse.
fn errors(name: &str, text: &str) -> SyntaxErrors {
    match truce::compile(&Source::new(name, text)) {
        Err(truce::RulebookError::Syntax(all)) => all,
        Err(other) => panic!("not a syntax error: {}", rendered(&other)),
        Ok(_) => panic!("{name} must fail"),
    }
}

/// Each error's code and line, in the order reported.
fn codes_and_lines(all: &SyntaxErrors) -> Vec<(String, usize)> {
    all.errors
        .iter()
        .map(|e| {
            (
                e.code().map(|c| c.to_string()).unwrap_or_default(),
                e.line(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, usize)]) -> Vec<(String, usize)> {
    expected
        .iter()
        .map(|(code, line)| (format!("truce::syntax::{code}"), *line))
        .collect()
}

#[test]
fn every_broken_declaration_is_reported_in_one_run() {
    let path = "tests/fixtures/syntax-recovery/several.truce";
    let text = std::fs::read_to_string(path).unwrap();
    let all = errors(path, &text);
    assert_eq!(
        codes_and_lines(&all),
        pairs(&[
            ("missing", 4),
            ("missing", 9),
            ("unclosed", 10),
            ("unexpected", 14),
            ("unexpected", 18),
            ("unexpected", 22),
            ("unexpected", 24),
        ])
    );
    assert_eq!(all.unreported, 0);
    insta::assert_snapshot!(rendered(&truce::RulebookError::Syntax(all)));
}

#[test]
fn checking_is_skipped_after_a_syntax_error() {
    // `fyre` is unknown, but the act that might declare it did not parse:
    // only the syntax error is reported.
    let text = "agreement \"A\" {\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party A \"a\"\n}\nact fyre\narticle 1 \"t\" { violation when act is fyre }\n";
    let all = errors("skip.truce", text);
    assert_eq!(codes_and_lines(&all), pairs(&[("missing", 5)]));
}

const HEADER: &str = "agreement \"A\" {
  in force 2025-09-03 00:00 Europe/Kyiv
  party UA \"Ukraine\"
  party RU \"Russia\"
}
act fire \"fire\"
act raid \"raid\"
line mdl = [(37.0, 48.0), (37.0, 49.0)]
";

/// Mistakes a drafter makes, each after `HEADER` (whose 8 lines come
/// first), with the code and line of the one error expected.
const MISTAKES: &[(&str, &str, &str, usize)] = &[
    (
        "missing closing brace",
        "article 1 \"t\" {\n  violation when act is fire\narticle 2 \"u\" {\n  violation when act is raid\n}",
        "unclosed",
        9,
    ),
    (
        "missing closing quote",
        "act shell \"shelling\nact mine \"mining\"",
        "unclosed",
        9,
    ),
    (
        "quantity without its unit",
        "zone dmz = within 5 of mdl",
        "unexpected",
        9,
    ),
    (
        "`=` to compare",
        "article 1 \"t\" { violation when act = fire }",
        "unexpected",
        9,
    ),
    (
        "`==` to define",
        "zone dmz == within 2 km of mdl",
        "unexpected",
        9,
    ),
    (
        "misspelt clause",
        "article 1 \"t\" {\n  violaton when act is fire\n}",
        "unexpected",
        10,
    ),
    (
        "misspelt declaration",
        "artcle 1 \"t\" { violation when act is fire }",
        "unexpected",
        9,
    ),
    (
        "misspelt effect",
        "exception e override article 1 { applies when act is fire }",
        "unexpected",
        9,
    ),
    (
        "`and` at the line's end",
        "article 1 \"t\" {\n  violation when act is fire and\n}",
        "missing",
        10,
    ),
    (
        "`or` at the line's end, then a clause",
        "article 1 \"t\" {\n  violation when act is fire or\n  responsible actor.party\n}",
        "unexpected",
        11,
    ),
    (
        "article text without quotes",
        "article 1 No fire {\n  violation when act is fire\n}",
        "unexpected",
        9,
    ),
    (
        "article without its text",
        "article 1 {\n  violation when act is fire\n}",
        "unexpected",
        9,
    ),
    (
        "act without its description",
        "act shell\narticle 1 \"t\" { violation when act is shell }",
        "missing",
        9,
    ),
    (
        "date with slashes",
        "regime r from 2025/09/03 00:00 Europe/Kyiv",
        "unexpected",
        9,
    ),
    (
        "date day first",
        "regime r from 03.09.2025 Europe/Kyiv",
        "unexpected",
        9,
    ),
    (
        "date without its zone",
        "article 1 \"t\" { violation when time < 2025-09-10 and act is fire }",
        "unexpected",
        9,
    ),
    (
        "trailing comma",
        "exception e overrides article 1, {\n  applies when act is fire\n}",
        "unexpected",
        9,
    ),
    (
        "list without commas",
        "article 1 \"t\" { violation when act in [fire raid] }",
        "unexpected",
        9,
    ),
    (
        "`#` comment",
        "# no fire\narticle 1 \"t\" { violation when act is fire }",
        "unexpected",
        9,
    ),
    (
        "`/* */` comment",
        "/* no fire */\narticle 1 \"t\" { violation when act is fire }",
        "unexpected",
        9,
    ),
    ("single quotes", "act shell 'shelling'", "unexpected", 9),
    ("`;` at the end", "act shell \"shelling\";", "unexpected", 9),
    (
        "`&&` for `and`",
        "article 1 \"t\" { violation when act is fire && act is raid }",
        "unexpected",
        9,
    ),
    (
        "label with a space",
        "exception e overrides article 1 b { applies when act is fire }",
        "unexpected",
        9,
    ),
    (
        "a `}` too many",
        "article 1 \"t\" { violation when act is fire }\n}",
        "unexpected",
        10,
    ),
    (
        "exception without `applies when`",
        "exception e overrides article 1 {\n  \"text\"\n}",
        "missing",
        10,
    ),
    (
        "keyword as a name",
        "zone in = within 2 km of mdl",
        "unexpected",
        9,
    ),
];

#[test]
fn typical_mistakes_name_what_was_expected_where_it_went_wrong() {
    let mut shown = String::new();
    for (what, snippet, code, line) in MISTAKES {
        let all = errors("mistake.truce", &format!("{HEADER}{snippet}\n"));
        assert_eq!(codes_and_lines(&all), pairs(&[(code, *line)]), "{what}");
        shown.push_str(&format!("=== {what}\n{snippet}\n\n"));
        shown.push_str(&rendered(&truce::RulebookError::Syntax(all)));
        shown.push('\n');
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn header_mistakes_are_reported_item_by_item() {
    let text = "agreement \"A\" {\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party UA\n  party RU \"Russia\n  monitor M \"m\"\n  pary X \"x\"\n  signed 2025-09-03\nact fire \"f\"\n";
    let all = errors("header.truce", text);
    assert_eq!(
        codes_and_lines(&all),
        pairs(&[
            ("unclosed", 1),
            ("missing", 3),
            ("unclosed", 4),
            ("unexpected", 6),
            ("unexpected", 7)
        ])
    );
    insta::assert_snapshot!(rendered(&truce::RulebookError::Syntax(all)));
}

#[test]
fn a_file_without_a_header_says_so_at_its_first_word() {
    let all = errors("bare.truce", "// no header\nact fire \"f\"\nact raid\n");
    assert_eq!(
        codes_and_lines(&all),
        pairs(&[("unexpected", 2), ("missing", 3)])
    );
}

#[test]
fn a_megabyte_of_broken_declarations_is_bounded() {
    // 1 MB of declarations, every other one broken: the first errors are
    // reported, the rest counted, and the run finishes.
    let mut text = String::from(HEADER);
    let mut broken = 0;
    while text.len() < 1 << 20 {
        text.push_str(&format!("act a{broken} \"fine\"\nact b{broken}\n"));
        broken += 1;
    }
    let all = errors("big.truce", &text);
    assert_eq!(all.errors.len(), MOST_REPORTED);
    assert_eq!(all.count(), broken);
    let shown = truce::render::diagnostics::syntax(&all, false);
    assert!(
        shown.ends_with(&format!(
            "{} more declaration(s) or header item(s) failed to parse\n",
            broken - MOST_REPORTED
        )),
        "{}",
        &shown[shown.len() - 200..]
    );
}

#[test]
fn hostile_texts_end_in_errors_not_hangs() {
    let big = 1 << 18;
    let texts = [
        format!("{HEADER}act x \"{}", "a".repeat(big)),
        format!("{HEADER}// {}\nact", "a".repeat(big)),
        format!("{HEADER}{}", "{".repeat(big)),
        format!("{HEADER}{}", "}\n".repeat(big / 2)),
        format!("{HEADER}{}", "article\n".repeat(big / 8)),
        format!("{HEADER}zone z = within 2 km of {}", "x".repeat(big)),
        format!("agreement \"{}", "\n  party A".repeat(big / 10)),
        "\"".repeat(big),
    ];
    for text in texts {
        let failed = truce::compile(&Source::new("hostile.truce", text)).is_err();
        assert!(failed);
    }
}
