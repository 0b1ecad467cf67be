//! The checker reports every problem of a file in one pass.

use truce::span::Source;

use crate::rendered;

#[test]
fn check_errors_render_as_snapshots() {
    insta::glob!("fixtures/check/*.truce", |path| {
        let (text, shown) = crate::failure(path, "check", |e| {
            matches!(e, truce::RulebookError::Check(_))
        });
        insta::with_settings!({ description => text, omit_expression => true }, {
            insta::assert_snapshot!(shown);
        });
    });
}

fn errors_of(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(format!("tests/fixtures/check/{file}")).unwrap();
    let Err(truce::RulebookError::Check(all)) = truce::compile(&Source::new(file, text)) else {
        panic!("{file} must fail to check");
    };
    all.errors
        .iter()
        .map(|e| format!("{e} / {}", help(e)))
        .collect()
}

fn help(e: &dyn miette::Diagnostic) -> String {
    e.help().map(|h| h.to_string()).unwrap_or_default()
}

#[test]
fn misspelt_names_get_suggestions_all_in_one_pass() {
    let errors = errors_of("unknown-names.truce");
    let expect = [
        ("unknown act `hostle`", "did you mean `hostile`?"),
        ("unknown zone `dzm`", "did you mean `dmz`?"),
        ("unknown party `RUS`", "did you mean `RU`?"),
        (
            "unknown relation `respond_to`",
            "did you mean `responds_to`?",
        ),
        ("unknown field `prior.actor.pary`", ""),
        ("unknown article `4`", ""),
    ];
    assert_eq!(errors.len(), expect.len(), "{errors:#?}");
    for (message, suggestion) in expect {
        let hit = errors.iter().find(|e| e.starts_with(message));
        assert!(
            hit.is_some_and(|e| e.contains(suggestion)),
            "missing `{message}` with `{suggestion}` in {errors:#?}"
        );
    }
}

#[test]
fn kinds_are_checked() {
    let errors = errors_of("kinds.truce");
    let joined = errors.join("\n");
    for needle in [
        "`2 h` is a duration, but a distance is needed here",
        "`calibre` is a length, and cannot be compared with `3 h`",
        "unknown field `range`",
        "`weapon.calibre` is a length, and cannot be compared with `100`",
        "`time` is a time, and cannot be compared with `5`",
        "`is` cannot be applied to a place",
        "`band` is a zone, not a line",
        "`contact` is a line, not an act or an act class",
        "`weapon.rounds` is a count, not a condition",
    ] {
        assert!(joined.contains(needle), "missing `{needle}` in:\n{joined}");
    }
}

#[test]
fn shipped_rulebooks_check_cleanly() {
    for entry in std::fs::read_dir("rules").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "truce") {
            let checked = truce::load_rulebook(&path)
                .unwrap_or_else(|e| panic!("{}:\n{}", path.display(), rendered(&e)));
            assert!(
                checked.warnings.is_empty(),
                "{}: {:?}",
                path.display(),
                checked.warnings
            );
        }
    }
}

const HEADER: &str = "agreement \"A\" {\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\n";

#[test]
fn unused_declarations_warn_but_check() {
    let text = format!(
        "{HEADER}line contact = [(37.0, 48.0), (38.0, 48.5)]\nzone dmz = within 15 km of contact\nzone band = within 40 km of contact\nact fire \"fire\"\narticle 1 \"No fire in the zone.\" {{\n  violation when act is fire and origin in dmz\n}}\n"
    );
    let checked =
        truce::compile(&Source::new("unused.truce", text)).expect("warnings do not fail a check");
    let shown: Vec<String> = checked
        .warnings
        .iter()
        .map(|w| truce::render::diagnostics::render(w, false))
        .collect();
    assert_eq!(checked.warnings.len(), 1, "{shown:?}");
    insta::assert_snapshot!(shown.join("\n"));
}

#[test]
fn act_classes_must_be_declared_before_use() {
    let text = format!(
        "{HEADER}act fire \"fire\"\nact class hostile = [fire, heavy_fire]\nact class heavy_fire = [fire]\narticle 1 \"t\" {{\n  violation when act is hostile\n}}\n"
    );
    let Err(truce::RulebookError::Check(all)) = truce::compile(&Source::new("order.truce", text))
    else {
        panic!("must fail")
    };
    assert_eq!(all.errors.len(), 1);
    assert_eq!(
        all.errors[0].to_string(),
        "act class `heavy_fire` is used before it is declared"
    );
}

#[test]
fn entry_into_force_cannot_precede_signature() {
    let text = "agreement \"A\" {\n  signed 2025-09-05 00:00 Europe/Kyiv\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";
    assert_eq!(
        first_error("dates.truce", text),
        "the agreement enters into force (2025-09-03 00:00 Europe/Kyiv) before it is signed (2025-09-05 00:00 Europe/Kyiv)"
    );
}

#[test]
fn local_times_the_clocks_skip_are_refused() {
    let text = "agreement \"A\" {\n  in force 2015-03-29 03:30 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";
    assert_eq!(
        first_error("dst.truce", text),
        "`2015-03-29 03:30` does not name one instant in `Europe/Kyiv`"
    );
}

#[test]
fn a_monitor_cannot_be_held_responsible() {
    let text = HEADER.replace("}\n", "  monitor CW \"Monitors\"\n}\n")
        + "act fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n  responsible CW\n}\n";
    assert_eq!(
        first_error("m.truce", &text),
        "`CW` is a monitor, and only a party can be held responsible"
    );
}

/// The first problem the checker finds in `text`, as its message.
fn first_error(name: &str, text: &str) -> String {
    match truce::compile(&Source::new(name, text)) {
        Err(truce::RulebookError::Check(all)) => all.errors[0].to_string(),
        other => panic!("{name} must fail to check, got {other:?}"),
    }
}
