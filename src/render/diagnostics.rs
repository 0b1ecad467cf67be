//! Diagnostics as text: miette's graphical report, with or without colour.

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NarratableReportHandler};

/// Beyond this column or label length the graphical report would draw
/// underlines wider than the formatter allows, so a plain report is used.
const WIDEST: usize = 10_000;

/// Renders one diagnostic. Without colour it is stable enough to snapshot.
///
/// A rule file may come from the other side's negotiators: control
/// characters it carries (in a snippet, a title, a name) are escaped, and
/// colour, being made of control characters, is then given up.
pub fn render(diagnostic: &dyn Diagnostic, colour: bool) -> String {
    let plain = draw(diagnostic, false);
    if plain
        .chars()
        .any(|c| super::text::unsafe_char(c) && c != '\n')
    {
        return super::text::clean_lines(&plain).into_owned();
    }
    if colour {
        draw(diagnostic, true)
    } else {
        plain
    }
}

fn draw(diagnostic: &dyn Diagnostic, colour: bool) -> String {
    let mut out = String::new();
    let rendered = if too_wide(diagnostic) {
        NarratableReportHandler::new().render_report(&mut out, diagnostic)
    } else {
        let theme = if colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
        handler.render_report(&mut out, diagnostic)
    };
    if rendered.is_err() {
        out = diagnostic.to_string();
    }
    out
}

/// Every problem of a rulebook that failed to load, then how many there
/// were: what `truce check` prints.
pub fn rulebook(error: &crate::RulebookError, colour: bool) -> String {
    match error {
        crate::RulebookError::Check(all) => {
            let mut out: String = all.errors.iter().map(|e| render(e, colour)).collect();
            out.extend(all.warnings.iter().map(|w| render(w, colour)));
            out.push_str(&format!("{} error(s) in the rulebook\n", all.errors.len()));
            out
        }
        crate::RulebookError::Link(all) => {
            let mut out: String = all.iter().map(|e| render(e, colour)).collect();
            out.push_str(&format!(
                "{} error(s) in the rulebook's imports\n",
                all.len()
            ));
            out
        }
        crate::RulebookError::Syntax(all) => syntax(all, colour),
        other => render(other, colour),
    }
}

/// Every syntax error of a file, then how many, and how many more pieces
/// failed beyond those shown.
pub fn syntax(all: &crate::syntax::SyntaxErrors, colour: bool) -> String {
    let mut out: String = all.errors.iter().map(|e| render(e, colour)).collect();
    out.push_str(&format!("{} syntax error(s) in the rule file", all.count()));
    if all.unreported > 0 {
        out.push_str(&format!(
            "; only the first {} are shown: {} more declaration(s) or header item(s) failed to parse",
            all.errors.len(),
            all.unreported
        ));
    }
    out.push('\n');
    out
}

fn too_wide(diagnostic: &dyn Diagnostic) -> bool {
    let (Some(source), Some(mut labels)) = (diagnostic.source_code(), diagnostic.labels()) else {
        return false;
    };
    labels.any(|label| {
        let column = source
            .read_span(label.inner(), 0, 0)
            .map_or(0, |c| c.column());
        label.len() > WIDEST || column > WIDEST
    })
}

#[cfg(test)]
mod tests {
    use crate::span::Source;

    #[test]
    fn errors_far_along_a_line_render_without_panicking() {
        let text = format!(
            "agreement \"A\" {{ in force 2025-09-03 00:00 Europe/Kyiv party A \"a\" party B \"b\" }}\nact fire \"f\"\narticle 1 \"t\" {{ violation when {}act is fyre }}",
            " ".repeat(70_000)
        );
        let Err(error) = crate::compile(&Source::new("wide.truce", text)) else {
            panic!("must fail")
        };
        let crate::RulebookError::Check(all) = error else {
            panic!("a check error")
        };
        let shown = super::render(&all.errors[0], false);
        assert!(shown.contains("unknown act `fyre`"), "{shown}");
    }

    #[test]
    fn control_characters_in_a_rule_file_are_escaped_even_in_colour() {
        let text = "agreement \"T\u{1b}[2J\" {\n in force 2025-01-01 00:00 UTC\n party A \"a\"\n}\n# \u{1b}]0;x\u{7}\n";
        let Err(error) = crate::compile(&Source::new("esc.truce", text)) else {
            panic!("must fail")
        };
        for colour in [false, true] {
            let shown = super::rulebook(&error, colour);
            assert!(!shown.contains('\u{1b}'), "{shown}");
            assert!(!shown.contains('\u{7}'), "{shown}");
            assert!(shown.contains("\\u{1b}"), "{shown}");
        }
    }
}
