//! Text placed in HTML or SVG: escaped, and without the characters no
//! reader should be shown (controls, direction overrides), whichever
//! renderer writes the markup.

use std::fmt::Write;

/// `text` as markup character data or an attribute value (quoted with
/// `"` or `'`): `& < > " '` escaped, controls and bidirectional
/// overrides written as visible code points, so hostile input can neither
/// break the markup nor reorder what a reader sees.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped as [`escape`] does.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Characters that must not reach a reader as themselves: controls
/// (but newline and tab) and the bidirectional embeddings, overrides and
/// isolates that could reorder the text around them.
fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">Tom's & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;"
        );
    }

    #[test]
    fn controls_and_overrides_are_shown_as_code_points() {
        assert_eq!(escape("a\u{1b}[31mb\u{202e}c"), "a\\u{001b}[31mb\\u{202e}c");
        assert_eq!(escape("line\nnext\tcell"), "line\nnext\tcell");
    }
}
