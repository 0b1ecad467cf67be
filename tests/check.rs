//! The checker reports every problem of a file in one pass.

use miette::Diagnostic;
use truce::check::err::{
    BadCounterpart, BadTime, Kind, SelfReference, TooComplex, Warning, WrongKind, WrongRole,
};
use truce::check::{CheckError, Role};
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

/// Each error of a fixture as its code, without `truce::check::`, and the
/// line it points at, in the order reported.
fn errors_of(file: &str) -> Vec<(String, usize)> {
    let (source, all) = check_errors(file);
    located(&source, all.errors.iter().map(|e| (e as _, e.offset())))
        .into_iter()
        .map(|(code, line)| (code.replace("truce::check::", ""), line))
        .collect()
}

/// The errors of a fixture, which must fail to check.
fn check_errors(file: &str) -> (Source, truce::check::CheckErrors) {
    // Named by its path, so geometry is read relative to the fixture.
    let path = format!("tests/fixtures/check/{file}");
    let text = std::fs::read_to_string(&path).unwrap();
    let source = Source::new(path, text);
    let Err(truce::RulebookError::Check(all)) = truce::compile(&source) else {
        panic!("{file} must fail to check");
    };
    (source, all)
}

/// `(code, line)` pairs as [`errors_of`] gives them.
fn expected(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    pairs.iter().map(|&(c, l)| (c.to_owned(), l)).collect()
}

#[test]
fn misspelt_names_get_suggestions_all_in_one_pass() {
    let (_, all) = check_errors("unknown-names.truce");
    let unknown: Vec<(&str, Option<&str>)> = all
        .errors
        .iter()
        .map(|e| match e {
            CheckError::UnknownName(e) => (e.name(), e.suggested()),
            other => panic!("not an unknown name: {other:?}"),
        })
        .collect();
    assert_eq!(
        unknown,
        [
            ("hostle", Some("hostile")),
            ("dzm", Some("dmz")),
            ("RUS", Some("RU")),
            ("respond_to", Some("responds_to")),
            ("prior.actor.pary", None),
            ("4", None),
        ]
    );
}

#[test]
fn kinds_are_checked() {
    // A duration for a distance; a length compared with a duration; an
    // unknown field; a length and a time compared with plain numbers; `is`
    // on a place; a zone for a line, a line for an act; a count as a
    // condition.
    let want = [
        ("unit_mismatch", 8),
        ("unit_mismatch", 11),
        ("unknown_name", 11),
        ("unit_mismatch", 14),
        ("unit_mismatch", 14),
        ("wrong_kind", 17),
        ("wrong_kind", 17),
        ("wrong_kind", 17),
        ("wrong_kind", 20),
    ];
    assert_eq!(errors_of("kinds.truce"), expected(&want));
    let (_, all) = check_errors("kinds.truce");
    assert!(all.errors.iter().any(|e| matches!(
        e,
        CheckError::WrongKind(e) if matches!(
            &e.problem,
            WrongKind::Name { name, found: Kind::Zone, wanted } if name == "band" && wanted == &[Kind::Line]
        )
    )));
}

/// Each diagnostic's code and line.
fn located<'a>(
    source: &truce::span::Source,
    all: impl IntoIterator<Item = (&'a dyn miette::Diagnostic, usize)>,
) -> Vec<(String, usize)> {
    all.into_iter()
        .map(|(d, offset)| {
            let code = d.code().map(|c| c.to_string()).unwrap_or_default();
            (code, source.line_col(offset).0)
        })
        .collect()
}

#[test]
fn shipped_rulebooks_check_cleanly() {
    for entry in std::fs::read_dir("rules").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "truce") {
            let checked = truce::load_rulebook(&path)
                .unwrap_or_else(|e| panic!("{}:\n{}", path.display(), rendered(&e)));
            let warnings = located(
                &checked.rulebook.file,
                checked.warnings.iter().map(|w| (w as _, w.offset())),
            );
            let expected: Vec<(String, usize)> = Vec::new();
            assert_eq!(warnings, expected, "{}", path.display());
        }
    }
}

#[test]
fn geometry_that_looks_wrong_is_found_each_time_at_its_place() {
    let path = "tests/fixtures/check/geometry-lint.truce";
    let source = Source::new(path, std::fs::read_to_string(path).unwrap());
    let Err(truce::RulebookError::Check(all)) = truce::compile(&source) else {
        panic!("the overlap of areas must fail the check");
    };
    let errors = located(&source, all.errors.iter().map(|e| (e as _, e.offset())));
    assert_eq!(errors, [("truce::check::overlap".to_owned(), 20)]);
    let warnings = located(&source, all.warnings.iter().map(|w| (w as _, w.offset())));
    let expected = [
        ("truce::check::outside", 14),
        ("truce::check::side_conflict", 14),
        ("truce::check::swapped", 17),
        ("truce::check::outside", 18),
        ("truce::check::outside", 21),
    ];
    let expected: Vec<(String, usize)> =
        expected.iter().map(|(c, l)| (c.to_string(), *l)).collect();
    assert_eq!(warnings, expected);
}

#[test]
fn geometry_warnings_alone_do_not_fail_a_check() {
    let path = "tests/fixtures/check/geometry-lint.truce";
    let text = std::fs::read_to_string(path).unwrap();
    // RU's area moved clear of UA's: no overlap, the warnings remain.
    let text = text.replace("(38.20, 47.50), (40.00", "(38.30, 47.50), (40.00");
    let text = text.replace(
        "(40.00, 48.80), (38.20, 48.80)",
        "(40.00, 48.80), (38.30, 48.80)",
    );
    let checked = truce::compile(&Source::new(path, text)).expect("warnings do not fail");
    let codes: Vec<String> = checked
        .warnings
        .iter()
        .map(|w| miette::Diagnostic::code(w).unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 5, "{codes:?}");
    assert!(!codes.iter().any(|c| c == "truce::check::overlap"));
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
fn a_locality_is_never_unused_and_a_zone_is() {
    // A locality names a place events are located by; no condition need.
    let text = format!(
        "{HEADER}line contact = [(37.0, 48.0), (38.0, 48.5)]\nzone dmz = within 15 km of contact\nlocality town = within 3 km of (37.5, 48.2)\nzone spare = within 3 km of (37.6, 48.2)\nact fire \"fire\"\narticle 1 \"No fire in the zone.\" {{\n  violation when act is fire and origin in dmz\n}}\n"
    );
    let checked = truce::compile(&Source::new("locality.truce", text)).unwrap();
    let unused: Vec<_> = checked.warnings.iter().map(|w| &w.problem).collect();
    assert!(
        matches!(unused[..], [Warning::Unused { kind: "zone", name }] if name == "spare"),
        "{unused:?}"
    );
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
    assert!(matches!(
        &all.errors[0],
        CheckError::SelfReference(e)
            if matches!(&e.problem, SelfReference::ClassLater { class } if class == "heavy_fire")
    ));
}

#[test]
fn entry_into_force_cannot_precede_signature() {
    let text = "agreement \"A\" {\n  signed 2025-09-05 00:00 Europe/Kyiv\n  in force 2025-09-03 00:00 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";
    let error = first_error("dates.truce", text);
    let CheckError::BadTime(e) = &error else {
        panic!("{error:?}")
    };
    let BadTime::InForceBeforeSigned { in_force, signed } = &e.problem else {
        panic!("{error:?}")
    };
    assert_eq!(in_force, "2025-09-03 00:00 Europe/Kyiv");
    assert_eq!(signed, "2025-09-05 00:00 Europe/Kyiv");
}

#[test]
fn local_times_the_clocks_skip_are_refused() {
    let text = "agreement \"A\" {\n  in force 2015-03-29 03:30 Europe/Kyiv\n  party UA \"Ukraine\"\n  party RU \"Russia\"\n}\nact fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n}\n";
    let error = first_error("dst.truce", text);
    assert!(
        matches!(
            &error,
            CheckError::BadTime(e) if matches!(&e.problem, BadTime::Ambiguous { clock, .. } if clock == "03:30")
        ),
        "{error:?}"
    );
}

#[test]
fn a_monitor_cannot_be_held_responsible() {
    let text = HEADER.replace("}\n", "  monitor CW \"Monitors\"\n}\n")
        + "act fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n  responsible CW\n}\n";
    let error = first_error("m.truce", &text);
    assert!(
        matches!(
            &error,
            CheckError::WrongRole(e)
                if matches!(&e.problem, WrongRole::Responsible { name, role: Role::Monitor } if name == "CW")
        ),
        "{error:?}"
    );
}

/// The first problem the checker finds in `text`, as its message.
#[test]
fn coordinates_out_of_range_are_errors_wherever_written() {
    // Korean coordinates written latitude first put a latitude above 90.
    let text = format!(
        "{HEADER}line l = [(126.6, 37.8), (126.7, 37.9)] {{ UA holds side of (37.9, 126.6) }}\nzone z = within 2 km of (37.95, 126.68) contains (37.96, 126.68)\nact fire \"fire\"\narticle 1 \"t\" {{\n  violation when act is fire and place in z\n}}\n"
    );
    let source = Source::new("range.truce", text);
    let Err(truce::RulebookError::Check(all)) = truce::compile(&source) else {
        panic!("must fail");
    };
    let errors = located(&source, all.errors.iter().map(|e| (e as _, e.offset())));
    let expected: Vec<(String, usize)> = [6, 7, 7]
        .into_iter()
        .map(|l| ("truce::check::out_of_range".to_owned(), l))
        .collect();
    assert_eq!(errors, expected);
}

fn first_error(name: &str, text: &str) -> CheckError {
    match truce::compile(&Source::new(name, text)) {
        Err(truce::RulebookError::Check(all)) => all.errors.into_iter().next().unwrap(),
        other => panic!("{name} must fail to check, got {other:?}"),
    }
}

/// The problems of each fixture that must be reported, by code and line,
/// so that a snapshot accepted blindly cannot hide a missing error.
#[test]
fn new_checks_are_reported() {
    let expect: [(&str, &[(&str, usize)]); 9] = [
        (
            // An unknown party; a side the course leaves unclear; a side
            // held twice; holdings on a per-party line.
            "holdings.truce",
            &[
                ("unknown_name", 10),
                ("bad_side", 11),
                ("repeated", 13),
                ("bad_side", 16),
            ],
        ),
        (
            // Sides not held, not clear, `on each side`, `from each side`.
            "side-tests.truce",
            &[
                ("bad_side", 13),
                ("bad_side", 14),
                ("bad_side", 15),
                ("bad_side", 21),
                ("bad_side", 21),
                ("bad_side", 24),
            ],
        ),
        (
            "per-party-lines.truce",
            &[
                ("repeated", 10),
                ("bad_geometry", 11),
                ("unknown_name", 12),
                ("unknown_name", 12),
            ],
        ),
        (
            // Coordinates out of range; a point's side; a zone cycle; a
            // condition for a zone and a zone for a condition.
            "zones.truce",
            &[
                ("out_of_range", 10),
                ("bad_side", 11),
                ("self_reference", 12),
                ("wrong_kind", 14),
                ("wrong_kind", 17),
            ],
        ),
        ("geojson-feature.truce", &[("geojson", 8)]),
        (
            "conditions.truce",
            &[
                ("unit_mismatch", 11),
                ("wrong_kind", 14),
                ("wrong_kind", 17),
                ("wrong_kind", 20),
                ("wrong_kind", 23),
                ("wrong_kind", 23),
                ("wrong_kind", 26),
            ],
        ),
        ("reach.truce", &[("repeated", 10), ("unit_mismatch", 11)]),
        (
            "deadlines.truce",
            &[
                ("unit_mismatch", 10),
                ("bad_time", 11),
                ("bad_time", 12),
                ("self_reference", 13),
                ("unknown_name", 15),
                ("bad_time", 16),
                ("unknown_name", 17),
                ("bad_time", 18),
            ],
        ),
        (
            "suspensions.truce",
            &[("unknown_name", 13), ("wrong_role", 14), ("bad_time", 15)],
        ),
    ];
    for (file, want) in expect {
        assert_eq!(errors_of(file), expected(want), "{file}");
    }
}

/// Problems with imports, rendered as `truce check` prints them. Imported
/// files are named relative to the root rulebook as the user gave it.
#[test]
fn import_errors_render_as_snapshots() {
    let root = std::path::Path::new("tests/fixtures/imports/root.truce");
    let Err(truce::RulebookError::Link(all)) = truce::load_rulebook(root) else {
        panic!("root.truce must fail to link");
    };
    let codes: Vec<String> = all.iter().map(|e| e.code().unwrap().to_string()).collect();
    assert_eq!(
        codes,
        [
            "truce::import::cycle",
            "truce::import::outside",
            "truce::import::unknown_name",
            "truce::import::not_importable",
            "truce::import::not_importable",
            "truce::import::unreadable",
            "truce::syntax::unexpected",
        ]
    );
    let shown = truce::render::diagnostics::rulebook(&truce::RulebookError::Link(all), false);
    assert!(
        !shown.contains(env!("CARGO_MANIFEST_DIR")),
        "no absolute paths:\n{shown}"
    );
    let text = std::fs::read_to_string(root).unwrap();
    insta::with_settings!({ description => text, omit_expression => true }, {
        insta::assert_snapshot!(shown);
    });
}

#[test]
fn an_imported_zone_brings_the_line_it_is_measured_from() {
    let path = std::path::Path::new("tests/fixtures/imports/good.truce");
    let checked = truce::load_rulebook(path).unwrap_or_else(|e| panic!("{}", rendered(&e)));
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
    let book = &checked.rulebook;
    let zones: Vec<&str> = book.zones.iter().map(|z| z.name.as_str()).collect();
    let lines: Vec<&str> = book.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(zones, ["band"]);
    assert_eq!(lines, ["contact"]);
    // The zone measures from the imported line, on the sides its parties hold.
    let truce::check::ZoneExpr::Buffer { line, side, .. } = &book.zones[0].shape else {
        panic!("`band` is a band along a line: {:?}", book.zones[0].shape);
    };
    assert_eq!(*line, 0);
    assert_eq!(*side, truce::check::SideSel::Own);
    assert_eq!(book.lines[0].held.len(), 2, "UA and RU hold a side each");
}

#[test]
fn a_group_answers_through_its_party() {
    let text = HEADER.replace("}\n", "  group G \"an armed group\" under UA\n}\n")
        + "act fire \"fire\"\narticle 1 \"t\" {\n  violation when act is fire\n  responsible G\n}\n";
    let error = first_error("g.truce", &text);
    assert!(
        matches!(&error, CheckError::WrongRole(e) if matches!(&e.problem, WrongRole::GroupResponsible { name } if name == "G")),
        "{error:?}"
    );
    let text = HEADER.replace("}\n", "  group G \"an armed group\" under NOBODY\n}\n")
        + "act fire \"fire\"\n";
    let error = first_error("g2.truce", &text);
    assert!(
        matches!(&error, CheckError::WrongRole(e) if matches!(&e.problem, WrongRole::GroupUnder { name } if name == "NOBODY")),
        "{error:?}"
    );
}

#[test]
fn doctrines_and_exception_ranks_are_checked_in_one_pass() {
    // A setting listed twice, an unknown setting; two exceptions each over
    // the other, an unknown one, three in a circle.
    let want = [
        ("repeated", 9),
        ("unknown_name", 9),
        ("self_reference", 25),
        ("unknown_name", 25),
        ("self_reference", 27),
    ];
    assert_eq!(errors_of("exception-ranks.truce"), expected(&want));
    let (_, all) = check_errors("exception-ranks.truce");
    let circle = all.errors.iter().find_map(|e| match e {
        CheckError::SelfReference(e) => match &e.problem {
            SelfReference::Circle { exceptions } => Some(exceptions.clone()),
            _ => None,
        },
        _ => None,
    });
    assert_eq!(circle.unwrap(), ["c1", "c2", "c3"]);
}

#[test]
fn some_nests_three_deep_and_no_deeper() {
    let header = "agreement \"A\" {\n  in force 2025-09-03 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\nact fire \"f\"\n";
    let some = |depth: usize| -> String {
        let mut condition = "act is fire".to_owned();
        for d in (0..depth).rev() {
            condition = format!("(some responds_to as e{d} where {condition})");
        }
        format!("{header}article 1 \"t\" {{ violation when {condition} }}\n")
    };
    assert!(truce::compile(&Source::new("three.truce", some(3))).is_ok());
    let Err(truce::RulebookError::Check(all)) = truce::compile(&Source::new("four.truce", some(4)))
    else {
        panic!("four deep must be refused");
    };
    let error = &all.errors[0];
    assert!(
        matches!(error, CheckError::TooComplex(e) if matches!(e.problem, TooComplex::SomeDepth { max: 3 })),
        "{error:?}"
    );
    assert!(
        error.help().is_some(),
        "the error says how to write it instead"
    );
}

#[test]
fn an_error_in_one_declaration_does_not_cascade_into_others() {
    let text = String::new()
        + "agreement \"A\" {\n  in force 2025-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\n"
        + "act fire \"f\"\ndoctrine who [strict, lax] = strict\n"
        + "article 1 \"t\" {\n  violation when act is fire and doctrine who is lenient\n}\n"
        + "exception e overrides article 1 over f { applies when some responds_to as x where x is establishd }\n";
    let Err(truce::RulebookError::Check(all)) = truce::compile(&Source::new("c.truce", text))
    else {
        panic!("must fail");
    };
    // Article 1's own error, not "unknown article `1`" at the exception;
    // the exception's unknown rank and its misspelt test, all in one pass.
    let found: Vec<(&str, Option<&str>)> = all
        .errors
        .iter()
        .map(|e| match e {
            CheckError::UnknownName(e) => (e.name(), e.suggested()),
            CheckError::WrongKind(e) => match &e.problem {
                WrongKind::RelatedIs { text, .. } => (text.as_str(), None),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(found, [("lenient", None), ("f", Some("e")), ("x", None)]);
}

#[test]
fn counterparts_are_checked_in_one_pass() {
    let want: Vec<(&str, usize)> = (7..=14)
        .filter(|&l| l != 8)
        .map(|l| ("counterpart", l))
        .collect();
    assert_eq!(errors_of("counterparts.truce"), expected(&want));
    let (_, all) = check_errors("counterparts.truce");
    let kinds: Vec<&str> = all
        .errors
        .iter()
        .map(|e| match e {
            CheckError::Counterpart(e) => match &e.problem {
                BadCounterpart::Two { .. } => "two",
                BadCounterpart::Shared { .. } => "shared",
                BadCounterpart::OwnName { .. } => "own name",
                BadCounterpart::NotAParty { .. } => "not a party",
                BadCounterpart::NoSuchParty { .. } => "no such party",
                BadCounterpart::SameInstrument { .. } => "same instrument",
                BadCounterpart::NameTaken { .. } => "name taken",
                BadCounterpart::UnknownParty { .. } => "unknown party",
            },
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "two",
            "shared",
            "own name",
            "not a party",
            "no such party",
            "same instrument",
            "name taken"
        ]
    );
}

#[test]
fn an_imported_lines_sides_go_to_the_counterparts_parties() {
    let cma = truce::load_rulebook(std::path::Path::new("rules/cma-2018.truce"))
        .unwrap()
        .rulebook;
    let mdl = cma.lines.iter().find(|l| l.name == "mdl").unwrap();
    let mut held: Vec<(&str, String)> = mdl
        .held
        .iter()
        .map(|(p, side)| (&*cma.parties[usize::from(*p)].id, format!("{side:?}")))
        .collect();
    held.sort();
    // The KAA's `KPA holds north, UNC holds south`, in the CMA's parties.
    assert_eq!(held.len(), 2, "{held:?}");
    assert_eq!(held[0].0, "DPRK");
    assert_eq!(held[1].0, "ROK");
    assert_ne!(held[0].1, held[1].1);
    let counterparts: Vec<(&str, &str, &str)> = cma
        .counterparts
        .iter()
        .map(|c| {
            (
                &*cma.parties[usize::from(c.party)].id,
                c.kind.word(),
                &*c.other,
            )
        })
        .collect();
    assert_eq!(
        counterparts,
        [("ROK", "under", "UNC"), ("DPRK", "as", "KPA")]
    );
}

#[test]
fn changes_by_someone_the_rulebook_does_not_allow_are_located_errors() {
    use miette::Diagnostic;
    let path = "tests/fixtures/check/changes.truce";
    let text = std::fs::read_to_string(path).unwrap();
    let Err(truce::RulebookError::Check(all)) = truce::compile(&Source::new(path, text.clone()))
    else {
        panic!("changes.truce must fail to check");
    };
    // One error per wrong line, each located on the name at fault.
    let lines: Vec<usize> = all
        .errors
        .iter()
        .map(|e| {
            let label = e.labels().unwrap().next().unwrap();
            text[..label.offset()].lines().count()
        })
        .collect();
    assert_eq!(lines, [18, 20, 21, 22, 23, 25, 26]);
    let codes: Vec<String> = all
        .errors
        .iter()
        .map(|e| e.code().unwrap().to_string())
        .collect();
    assert_eq!(codes[0], "truce::check::unknown_name");
    assert_eq!(codes[5], "truce::check::wrong_role");
}

#[test]
fn a_zone_doubling_past_the_bound_is_refused_once_where_it_passes_it() {
    // z13 passes 4,096 parts; the zones after it, and the area, are not
    // reported again.
    let errors = errors_of("zone-doubling.truce");
    assert_eq!(errors.len(), 1, "{errors:#?}");
}

#[test]
fn a_zone_chain_past_the_depth_bound_is_refused_once() {
    // z64 is the first zone 65 deep; those after it are not reported again.
    let errors = errors_of("zone-deep.truce");
    assert_eq!(errors.len(), 1, "{errors:#?}");
}

/// Each file imported twice by the one before: a file reached by many
/// paths is read and linked once (it was once per path: 2^40 here).
#[test]
fn a_file_imported_along_many_paths_is_linked_once() {
    let dir = std::env::temp_dir().join(format!("truce-diamond-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let last = 40;
    for i in 0..=last {
        let head = format!(
            "agreement \"T{i}\" {{\n  in force 2020-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}}\n"
        );
        let body = if i == last {
            "act fire \"f\"\n".to_owned()
        } else {
            let next = i + 1;
            format!("import fire from \"f{next}.truce\"\nimport fire from \"f{next}.truce\"\n")
        };
        std::fs::write(dir.join(format!("f{i}.truce")), head + &body).unwrap();
    }
    let checked = truce::load_rulebook(&dir.join("f0.truce")).unwrap();
    assert_eq!(checked.rulebook.acts.len(), 1);
}

/// n exceptions of alternating effect on one article, none ranked: one
/// warning per upholding exception (it was one per pair: n²/4), each
/// naming its counterparts up to a bound.
#[test]
fn unranked_exceptions_warn_once_per_upholding_exception() {
    let mut text = String::from(
        "agreement \"T\" {\n  in force 2020-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\n\
         act fire \"f\"\narticle 1 \"x\" {\n  violation when act is fire\n  responsible actor.party\n}\n",
    );
    let n = 400;
    for i in 0..n {
        let effect = if i % 2 == 0 { "overrides" } else { "upholds" };
        text += &format!("exception e{i} {effect} article 1 {{ applies when true }}\n");
    }
    let checked = truce::compile(&Source::new("unranked.truce", text)).unwrap();
    let codes: Vec<String> = checked
        .warnings
        .iter()
        .filter_map(|w| w.code().map(|c| c.to_string()))
        .collect();
    assert_eq!(codes.len(), n / 2);
    assert!(codes.iter().all(|c| c == "truce::check::unranked"));
}

/// Every diagnostic of a file shares the file's text: a file with many
/// errors held one copy of itself per error (a 260 KB file, 5 GB).
#[test]
fn diagnostics_share_their_file() {
    let text = String::from(
        "agreement \"T\" {\n  in force 2020-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\n",
    ) + &"act fire \"f\"\n".repeat(51);
    let source = Source::new("dup.truce", text);
    let Err(truce::RulebookError::Check(all)) = truce::compile(&source) else {
        panic!("duplicates must fail to check");
    };
    assert_eq!(all.errors.len(), 50);
    for e in &all.errors {
        let shared = e.source_code().unwrap();
        let read = shared.read_span(&(0, 1).into(), 0, 0).unwrap();
        assert!(std::ptr::eq(read.data().as_ptr(), source.text().as_ptr()));
    }
}

/// A polygon with no ground inside is an error; one whose edges cross, a
/// warning; a square, neither.
#[test]
fn degenerate_polygons_are_found() {
    let path = "tests/fixtures/check/degenerate-polygons.truce";
    let text = std::fs::read_to_string(path).unwrap();
    let Err(truce::RulebookError::Check(all)) = truce::compile(&Source::new(path, text)) else {
        panic!("degenerate polygons must fail to check");
    };
    let codes = |d: &mut dyn Iterator<Item = &dyn Diagnostic>| -> Vec<String> {
        d.map(|e| e.code().unwrap().to_string()).collect()
    };
    assert_eq!(
        codes(&mut all.errors.iter().map(|e| e as &dyn Diagnostic)),
        ["truce::check::degenerate", "truce::check::degenerate"]
    );
    assert_eq!(
        codes(&mut all.warnings.iter().map(|w| w as &dyn Diagnostic)),
        ["truce::check::self_crossing"]
    );
}

/// A nested `some` is answered once per binding of the events it reads,
/// so what it reads must be complete: here the inner test reads the outer
/// event through `over area of attack.actor.party`.
#[test]
fn a_nested_some_reads_the_outer_event_through_an_area() {
    use truce::check::CondKind;
    let text = "agreement \"T\" {\n  in force 2020-01-01 00:00 UTC\n  party A \"a\"\n  party B \"b\"\n}\n\
        zone west = polygon [(30.0, 40.0), (31.0, 40.0), (31.0, 41.0), (30.0, 41.0)]\n\
        zone east = polygon [(32.0, 40.0), (33.0, 40.0), (33.0, 41.0), (32.0, 41.0)]\n\
        area A = west\narea B = east\nact fire \"f\"\n\
        article 1 \"x\" { violation when act is fire responsible actor.party }\n\
        exception e overrides article 1 {\n  applies when some responds_to as attack where\n    (some preceded_by as prior where prior.track over area of attack.actor.party)\n}\n";
    let checked = truce::compile(&Source::new("reads.truce", text)).unwrap();
    let outer = &checked.rulebook.exceptions[0].condition;
    let CondKind::Some {
        condition: Some(body),
        ..
    } = &outer.kind
    else {
        panic!("{outer:?}");
    };
    let CondKind::Some { reads, .. } = &body.kind else {
        panic!("{body:?}");
    };
    assert!(reads.contains(1), "the inner test reads `attack`");
}
