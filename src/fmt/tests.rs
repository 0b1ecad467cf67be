//! The layout's rules, one by one, and its promises on every shipped
//! rulebook: the same syntax tree, the same tokens and comments, and
//! nothing more to change when formatted again.

use super::*;

/// A header in the canonical layout, to put declarations after.
const HEAD: &str = "agreement \"A\" {\n  source    \"s\"\n}\n\n";

fn fmt(text: &str) -> String {
    let out = format(&Source::new("t.truce", text)).unwrap();
    let again = format(&Source::new("t.truce", out.as_str())).unwrap();
    assert_eq!(again, out, "not idempotent");
    out
}

/// Formats declarations after [`HEAD`] and gives back what follows it.
fn body(text: &str) -> String {
    let out = fmt(&format!("{HEAD}{text}"));
    out.strip_prefix(HEAD)
        .expect("the header is canonical")
        .to_owned()
}

#[test]
fn operators_and_commas_are_spaced_brackets_hug() {
    assert_eq!(
        body("act class hostile=[ fire ,assault,raid ]\n"),
        "act class hostile = [fire, assault, raid]\n"
    );
    assert_eq!(
        body("weapon class heavy = calibre>=100 mm or ( type in [tank] )\n"),
        "weapon class heavy = calibre >= 100 mm or (type in [tank])\n"
    );
    assert_eq!(
        body("zone z  =  within   2  km of (126.6 ,37.8)\n"),
        "zone z = within 2 km of (126.6, 37.8)\n"
    );
}

#[test]
fn labels_and_element_parameters_stay_glued() {
    let text = "element ongoing(attack) \"t\" = time within 30 min after attack.time\n\
                exception e overrides article 13(a), (b) {\n  applies when true\n}\n";
    assert_eq!(body(text), text);
}

#[test]
fn header_items_and_clauses_start_at_their_columns() {
    let text = "agreement \"A\" {\nsource \"s\"\n    in force 2020-01-01 00:00 Europe/Kyiv\nparty UA \"Ukraine\"\nparty CADLR \"C\"\n}\n\
                act fire \"f\"\narticle 1 \"t\" {\nviolation when act is fire\n      responsible actor.party\n}\n";
    let want = "agreement \"A\" {\n  source    \"s\"\n  in force  2020-01-01 00:00 Europe/Kyiv\n  party     UA    \"Ukraine\"\n  party     CADLR \"C\"\n}\n\
                act fire \"f\"\narticle 1 \"t\" {\n  violation when  act is fire\n  responsible     actor.party\n}\n";
    assert_eq!(fmt(text), want);
}

#[test]
fn neighbouring_one_line_declarations_align_their_names() {
    let text = "act fire \"f\"\n// between\nact deployment \"d\"\n\nact raid \"r\"\nzone z = within 2 km of l\n";
    let want = "act fire       \"f\"\n// between\nact deployment \"d\"\n\nact raid \"r\"\nzone z = within 2 km of l\n";
    assert_eq!(body(text), want);
}

#[test]
fn a_declaration_on_several_lines_is_not_aligned() {
    let text =
        "zone a = within 2 km of l\nzone long_name = within 2 km of l\n  or within 3 km of m\n";
    assert_eq!(body(text), text);
}

#[test]
fn continuation_lines_keep_their_indentation_relative_to_their_item() {
    let text = "article 1 \"t\" {\n      violation when  act is fire\n                  and place in dmz\n  responsible     actor.party\n}\n";
    let want = "article 1 \"t\" {\n  violation when  act is fire\n              and place in dmz\n  responsible     actor.party\n}\n";
    assert_eq!(body(text), want);
    // At least two columns past the item.
    assert_eq!(
        body("zone z = within 2 km of l\nor within 3 km of m\n"),
        "zone z = within 2 km of l\n  or within 3 km of m\n"
    );
}

#[test]
fn comments_stay_on_their_lines() {
    let text = "// top\n\
        agreement \"A\" { // after the brace\n  source    \"s\" // end of line\n  // before the closing brace\n}\n\
        article 1 \"t\" // between article and body\n{\n  // before the first clause\n  violation when  act is fire // in a condition\n    // inside the condition\n    and place in dmz\n  responsible     actor.party\n        // before the brace\n}\n// at the end\n";
    let want = "// top\n\
        agreement \"A\" { // after the brace\n  source    \"s\" // end of line\n  // before the closing brace\n}\n\
        article 1 \"t\" // between article and body\n{\n  // before the first clause\n  violation when  act is fire // in a condition\n    // inside the condition\n    and place in dmz\n  responsible     actor.party\n  // before the brace\n}\n// at the end\n";
    assert_eq!(fmt(text), want);
}

#[test]
fn slashes_in_strings_are_not_comments_and_strings_are_kept_byte_for_byte() {
    let text = "act fire   \"see http://x  //  y \\\" // z\"\nact raid \"a\n   b  \"\n";
    let out = body(text);
    assert!(out.contains("\"see http://x  //  y \\\" // z\""), "{out}");
    assert!(out.contains("\"a\n   b  \""), "{out}");
}

#[test]
fn trailing_comments_of_neighbouring_lines_align() {
    let text =
        "area UA = within 6 km of (1.0, 2.0)   // one\n  or within 4 km of (1.25, 2.5) // two\n";
    let want =
        "area UA = within 6 km of (1.0, 2.0) // one\n  or within 4 km of (1.25, 2.5)     // two\n";
    assert_eq!(body(text), want);
}

#[test]
fn blank_lines_collapse_and_trailing_space_goes() {
    let text = "\n\n// c   \n\n\n\nact fire \"f\"   \t\n\n\n";
    assert_eq!(body(text), "// c\n\nact fire \"f\"\n");
    let text = "article 1 \"t\" {\n\n  violation when  act is fire\n\n}\n";
    assert_eq!(
        body(text),
        "article 1 \"t\" {\n  violation when  act is fire\n}\n"
    );
}

#[test]
fn tabs_and_crlf_become_spaces_and_lf() {
    let text = format!(
        "{}act\tfire \"f\"\r\narticle 1 \"t\" {{\r\n\tviolation when act is fire\r\n}}\r\n",
        HEAD.replace('\n', "\r\n")
    );
    assert_eq!(
        fmt(&text),
        format!("{HEAD}act fire \"f\"\narticle 1 \"t\" {{\n  violation when  act is fire\n}}\n")
    );
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_error() {
    let err = format(&Source::new("t.truce", "agreement \"A\" {\n}\nact fire\n")).unwrap_err();
    assert!(matches!(err, FmtError::Syntax(_)), "{err:?}");
}

/// A proposed clause (`truce diff --add`) has no header: it is laid out
/// as the same declarations in a rulebook would be.
#[test]
fn a_clause_file_is_laid_out_like_a_rulebook_s_declarations() {
    let clause = "// Proposed.\nexception light overrides article 12 {\n\"Light.\"\n    applies when  weapon.rounds<=20\n}\n";
    assert_eq!(
        fmt(clause),
        "// Proposed.\nexception light overrides article 12 {\n  \"Light.\"\n  applies when weapon.rounds <= 20\n}\n"
    );
    // Neither a rulebook nor a clause file: the rulebook's error, which
    // names the header a rule file starts with.
    let err = format(&Source::new("t.truce", "act fire\n")).unwrap_err();
    let FmtError::Syntax(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.line(), 1);
}

#[test]
fn a_very_long_name_is_not_aligned_and_parts_its_neighbours() {
    let long = "n".repeat(200);
    let text = format!("act a \"x\"\nact {long} \"y\"\nact bb \"z\"\n");
    assert_eq!(body(&text), text);
}

#[test]
fn deep_brackets_format_in_bounded_work() {
    // The parser recurses: on a wide stack, as the CLI runs.
    let run = std::thread::Builder::new().stack_size(256 << 20).spawn(|| {
        let depth = 250;
        let cond = format!("{}act is fire{}", "(".repeat(depth), ")".repeat(depth));
        let out = body(&format!(
            "article 1 \"t\" {{\n  violation when  {cond}\n}}\n"
        ));
        assert!(out.contains(&cond));
    });
    run.unwrap().join().unwrap();
}

/// Every shipped rulebook: same tree, same tokens (comments included),
/// and stable. `format` checks the first two itself; checked here again
/// without it, so a bug in that check cannot hide one in the layout.
#[test]
fn shipped_rulebooks_keep_their_tree_tokens_and_comments() {
    let mut seen = 0;
    for entry in std::fs::read_dir("rules").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "truce") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let before = Source::new(path.display().to_string(), text.as_str());
        let out = fmt(&text);
        let after = Source::new(path.display().to_string(), out.as_str());
        let (a, b) = (
            parse_rulebook(&before).unwrap(),
            parse_rulebook(&after).unwrap(),
        );
        assert_eq!(a, b, "{}", path.display());
        assert_eq!(words(&text), words(&out), "{}", path.display());
        let comments = |t: &str| t.lines().filter(|l| l.contains("//")).count();
        assert_eq!(comments(&text), comments(&out), "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} rulebooks");
}

#[test]
fn the_first_hunk_shows_where_the_texts_part() {
    let hunk = first_hunk("a\nb\nc\nd\n", "a\nB\nc\nd\n").unwrap();
    assert_eq!(hunk.line, 2);
    assert_eq!(hunk.removed, ["b"]);
    assert_eq!(hunk.added, ["B"]);
    assert!(!hunk.more);
    assert_eq!(first_hunk("x\n", "x\n"), None);
}

#[test]
fn a_comment_glued_to_a_time_zone_is_refused_not_moved() {
    let text = "agreement \"A\" {\n  in force  2020-01-01 00:00 Europe/Kyiv//c\n}\n";
    let err = format(&Source::new("t.truce", text)).unwrap_err();
    assert!(
        matches!(&err, FmtError::Unsafe(e) if e.what == Unsafe::OtherTree),
        "{err:?}"
    );
}

#[test]
fn the_formatter_code_is_documented() {
    use miette::Diagnostic;
    let documented = include_str!("../../docs/diagnostics.md");
    let error = UnsafeError {
        file: String::new(),
        what: Unsafe::NotParsed,
    };
    let code = error.code().unwrap().to_string();
    assert_eq!(code, "truce::fmt::unsafe_layout");
    assert!(documented.contains(&format!("| `{code}` |")));
}

/// A long run of comment lines is laid out in one pass (each looking for
/// the code after it would take quadratic time).
#[test]
fn a_long_run_of_comments_is_laid_out_in_linear_time() {
    let text = format!("{HEAD}{}act fire \"f\"\n", "// c\n".repeat(100_000));
    let started = std::time::Instant::now();
    assert_eq!(fmt(&text), text);
    assert!(started.elapsed().as_secs() < 60);
}
