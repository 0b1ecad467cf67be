//! One small rulebook per finding: a true positive and a near miss each.

use super::finding::Kind;

const HEAD: &str = "agreement \"A\" {\n  in force 2015-02-15 00:00 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\nact assault \"assault\"\nact statement \"statement\"\nact class hostile = [fire, assault]\ncategory unit_kind \"the force\" [army, police, militia]\ndoctrine first [excused, irrelevant] = excused \"who fired first\"\n";

/// Each finding's short code and line, `!` after the code when allowed.
fn lint(body: &str) -> Vec<(String, usize)> {
    let text = format!("{HEAD}{body}");
    let path = format!("{}/rules/lint-test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path, text);
    let checked = match crate::compile(&source) {
        Ok(c) => c,
        Err(e) => panic!("{}", crate::render::diagnostics::render(&e, false)),
    };
    super::lint(&checked.rulebook)
        .iter()
        .map(|f| {
            let mark = if f.allowed.is_some() { "!" } else { "" };
            let line = source.line_col(f.span.range.start).0;
            (
                format!("{}{mark}", f.kind.short_code()),
                line.saturating_sub(11),
            )
        })
        .collect()
}

fn kinds(body: &str) -> Vec<Kind> {
    let text = format!("{HEAD}{body}");
    let path = format!("{}/rules/lint-test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path, text);
    let checked = crate::compile(&source).unwrap_or_else(|_| panic!("compiles"));
    super::lint(&checked.rulebook)
        .into_iter()
        .map(|f| f.kind)
        .collect()
}

fn codes(body: &str) -> Vec<String> {
    lint(body).into_iter().map(|(c, _)| c).collect()
}

/// Reaches both hostile acts and names the statement, so nothing else is found.
const BASE: &str = "article 9 \"any\" {\n  violation when (act is hostile and unit_kind is army) or (act is statement and doctrine first is irrelevant)\n}\n";

#[test]
fn a_clean_rulebook_has_no_findings() {
    assert_eq!(codes(BASE), Vec::<String>::new());
}

#[test]
fn two_exclusive_acts_make_an_article_unsatisfiable() {
    let found = lint(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire and act is assault\n}}\n"
    ));
    assert_eq!(found, [("unsatisfiable".into(), 5)]);
    // Near miss: either act is fine.
    let near = codes(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire or act is assault\n}}\n"
    ));
    assert!(near.is_empty(), "{near:?}");
}

#[test]
fn ordered_bounds_exclude_each_other() {
    let unsat = codes(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire and effects.killed < 5 and effects.killed > 10\n}}\n"
    ));
    assert_eq!(unsat, ["unsatisfiable"]);
    let near = codes(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire and effects.killed > 5 and effects.killed < 10\n}}\n"
    ));
    assert!(near.is_empty(), "{near:?}");
}

#[test]
fn weapons_are_asked_apart_so_their_tests_never_exclude_each_other() {
    // A large weapon and a small one meet both halves.
    let found = codes(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire and weapon.calibre >= 100 mm and weapon.calibre < 100 mm\n}}\n"
    ));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_part_implied_by_the_rest_is_always_true() {
    let found = lint(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when effects.killed < 5 and effects.killed < 10 and act is fire\n}}\n"
    ));
    assert_eq!(found, [("always_true".into(), 5)]);
    let near = codes(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when effects.killed < 10 and effects.wounded < 5 and act is fire\n}}\n"
    ));
    assert!(near.is_empty(), "{near:?}");
}

#[test]
fn a_part_excluded_by_the_rest_is_always_false() {
    let found = kinds(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire and (unit_kind is army or (unit_kind is police and unit_kind is army))\n}}\n"
    ));
    assert!(
        found.iter().any(|k| matches!(k, Kind::PartAlwaysFalse)),
        "{found:?}"
    );
    let near = codes(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire and (unit_kind is army or (unit_kind is police and doctrine first is irrelevant))\n}}\n"
    ));
    assert!(near.is_empty(), "{near:?}");
}

#[test]
fn an_or_part_implied_by_the_other_is_shadowed() {
    let found = kinds(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is hostile or act is fire\n}}\n"
    ));
    assert!(
        matches!(found.as_slice(), [Kind::Shadowed { by }] if by.text() == "act is hostile"),
        "{found:?}"
    );
    let near = codes(&format!(
        "{BASE}article 1 \"t\" {{\n  violation when act is fire or act is statement\n}}\n"
    ));
    assert!(near.is_empty(), "{near:?}");
}

const EXCEPTIONS: &str = "article 1 \"t\" {\n  violation when act is hostile\n}\n";

#[test]
fn opposite_exceptions_that_can_meet_overlap_with_a_model() {
    let text = format!(
        "{BASE}{EXCEPTIONS}exception answer overrides article 1 {{\n  applies when act is fire\n}}\nexception ordered upholds article 1 {{\n  applies when unit_kind is army\n}}\n"
    );
    let path = format!("{}/rules/lint-test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path, format!("{HEAD}{text}"));
    let checked = crate::compile(&source).unwrap_or_else(|_| panic!("compiles"));
    let found = super::lint(&checked.rulebook);
    let overlap: Vec<_> = found
        .iter()
        .filter(|f| matches!(f.kind, Kind::Overlap { .. }))
        .collect();
    assert_eq!(overlap.len(), 1, "{found:?}");
    let model = overlap[0].model.as_ref().expect("a model");
    let fire = checked
        .rulebook
        .acts
        .iter()
        .position(|a| &*a.name == "fire");
    assert_eq!(model.act().map(usize::from), fire);
    // Near miss: they exclude each other, so they never meet.
    let near = codes(&format!(
        "{BASE}{EXCEPTIONS}exception answer overrides article 1 {{\n  applies when act is fire\n}}\nexception ordered upholds article 1 {{\n  applies when act is assault\n}}\n"
    ));
    assert!(!near.contains(&"overlap".to_owned()), "{near:?}");
}

#[test]
fn an_exception_that_never_meets_its_article_is_unsatisfiable() {
    let found = kinds(&format!(
        "{BASE}{EXCEPTIONS}exception talk overrides article 1 {{\n  applies when act is statement\n}}\n"
    ));
    assert!(
        matches!(found.as_slice(), [Kind::NeverWithArticle { .. }]),
        "{found:?}"
    );
}

#[test]
fn an_exception_inside_another_of_the_same_effect_is_redundant() {
    let found = kinds(&format!(
        "{BASE}{EXCEPTIONS}exception wide overrides article 1 {{\n  applies when unit_kind is army\n}}\nexception narrow overrides article 1 {{\n  applies when unit_kind is army and act is fire\n}}\n"
    ));
    assert!(
        found.iter().any(|k| matches!(k, Kind::Redundant { .. })),
        "{found:?}"
    );
    // Near miss: one excuses, the other carves out.
    let near = kinds(&format!(
        "{BASE}{EXCEPTIONS}exception wide carves out article 1 {{\n  applies when unit_kind is army\n}}\nexception narrow overrides article 1 {{\n  applies when unit_kind is army and act is fire\n}}\n"
    ));
    assert!(
        !near.iter().any(|k| matches!(k, Kind::Redundant { .. })),
        "{near:?}"
    );
}

#[test]
fn a_hostile_act_no_article_reaches_is_a_gap() {
    let found = lint("article 1 \"t\" {\n  violation when act in [fire, statement]\n}\n");
    // On the line of `act assault`, in the head.
    assert_eq!(
        found.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["gap"]
    );
    let near = codes(
        "article 1 \"t\" {\n  violation when (act is fire or act is assault) and unit_kind is army\n}\n",
    );
    assert_eq!(near, ["unused"]);
}

#[test]
fn an_act_no_condition_names_is_unused() {
    let found = codes("article 1 \"t\" {\n  violation when act is hostile\n}\n");
    assert_eq!(found, ["unused"]);
}

#[test]
fn a_pragma_with_a_reason_allows_and_one_without_is_a_finding() {
    let allowed = "article 1 \"t\" {\n  violation when act is hostile\n}\n";
    let text = HEAD.replace(
        "act statement",
        "// lint: allow(unused) reason: recorded, never judged\nact statement",
    );
    let path = format!("{}/rules/lint-test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path.clone(), format!("{text}{allowed}"));
    let checked = crate::compile(&source).unwrap_or_else(|_| panic!("compiles"));
    let found = super::lint(&checked.rulebook);
    assert_eq!(found.len(), 1);
    assert!(found[0].allowed.is_some());
    let bare = HEAD.replace("act statement", "// lint: allow(unused)\nact statement");
    let source = crate::span::Source::new(path.clone(), format!("{bare}{allowed}"));
    let checked = crate::compile(&source).unwrap_or_else(|_| panic!("compiles"));
    let kinds: Vec<Kind> = super::lint(&checked.rulebook)
        .into_iter()
        .map(|f| f.kind)
        .collect();
    assert!(kinds.contains(&Kind::PragmaWithoutReason), "{kinds:?}");
    assert!(kinds.iter().any(|k| matches!(k, Kind::UnusedAct { .. })));
    let stray = format!("{HEAD}// lint: allow(gap) reason: none here\n{allowed}");
    let source = crate::span::Source::new(path, stray);
    let checked = crate::compile(&source).unwrap_or_else(|_| panic!("compiles"));
    let kinds: Vec<Kind> = super::lint(&checked.rulebook)
        .into_iter()
        .map(|f| f.kind)
        .collect();
    assert!(kinds.contains(&Kind::PragmaAllowsNothing), "{kinds:?}");
}

#[test]
fn a_spent_budget_leaves_questions_not_decided_never_dropped() {
    let text = format!("{HEAD}{BASE}");
    let path = format!("{}/rules/lint-test.truce", env!("CARGO_MANIFEST_DIR"));
    let source = crate::span::Source::new(path, text);
    let checked = crate::compile(&source).unwrap_or_else(|_| panic!("compiles"));
    let (found, left) = super::lint_within(&checked.rulebook, 0);
    assert_eq!(left, 0);
    assert!(
        found
            .iter()
            .all(|f| matches!(f.kind, Kind::NotDecided { .. })),
        "{found:?}"
    );
    assert!(!found.is_empty());
}

#[test]
fn the_shipped_rulebooks_need_a_small_part_of_the_budget() {
    for entry in std::fs::read_dir("rules").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "truce") {
            let checked = crate::load_rulebook(&path).unwrap();
            let (found, left) = super::lint_within(&checked.rulebook, super::BUDGET);
            let spent = super::BUDGET - left;
            assert!(spent < super::BUDGET / 10, "{}: {spent}", path.display());
            assert!(
                !found
                    .iter()
                    .any(|f| matches!(f.kind, Kind::NotDecided { .. })),
                "{}",
                path.display()
            );
        }
    }
}
