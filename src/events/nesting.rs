//! How deeply a YAML text nests flow collections (`[` and `{`), found by a
//! linear scan before the YAML parser sees the text: libyaml's scanner
//! revisits every open flow level at each token, so a text of n unclosed
//! `[` takes time quadratic in n (100,000 took 54 s). No event needs more
//! than a few levels, so past [`MAX_FLOW_DEPTH`] the text is refused.
//!
//! The scan reads YAML as far as nesting needs: quoted scalars, comments
//! and block scalars (`|`, `>`) are skipped, and in block context a bracket
//! opens a collection only where a value starts (after `- `, `key: ` or at
//! the start of a line), so `note: see [1` is text. It errs, if at all,
//! towards counting a level that is not there, which can only refuse a
//! text nested near the bound anyway.

/// The deepest nesting of flow collections an events file may use.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Where a text first opens a flow collection deeper than
/// [`MAX_FLOW_DEPTH`], as a 0-based line and a 1-based column in
/// characters; `None` when it never does.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut scan = Scan::default();
    for (line, content) in text.lines().enumerate() {
        if let Some(col) = scan.line(content) {
            return Some((line, col));
        }
    }
    None
}

/// What an open construct carries from one line to the next.
#[derive(Default)]
struct Scan {
    /// Open flow collections.
    depth: usize,
    /// Inside a quoted scalar, by its quote.
    quote: Option<char>,
    /// Inside a block scalar: the indentation its lines are deeper than.
    block_above: Option<usize>,
}

impl Scan {
    /// Scans one line; the column of a bracket that passes the bound.
    fn line(&mut self, line: &str) -> Option<usize> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(above) = self.block_above {
            if line.trim().is_empty() || indent > above {
                return None;
            }
            self.block_above = None;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        if self.quote.is_none() && self.depth == 0 {
            i = self.value_start(&chars, indent)?;
        }
        self.flow(&chars, i)
    }

    /// In block context: where this line's value starts, when it may open
    /// a flow collection or a quoted scalar; `None` when the line holds
    /// nothing that nests (a comment, a plain scalar, a block scalar's
    /// indicator, which starts the block).
    fn value_start(&mut self, chars: &[char], indent: usize) -> Option<usize> {
        let mut i = skip_spaces(chars, 0);
        // `- ` items, possibly several on one line.
        while chars.get(i) == Some(&'-') && chars.get(i + 1).is_none_or(|c| c.is_whitespace()) {
            i = skip_spaces(chars, i + 1);
        }
        if !opens_value(chars.get(i)) {
            // `key: value`: the value starts after the first `: `.
            let colon = (i..chars.len())
                .find(|&j| chars[j] == ':' && chars.get(j + 1).is_none_or(|c| c.is_whitespace()))?;
            i = skip_spaces(chars, colon + 1);
        }
        match chars.get(i) {
            Some('|' | '>') => {
                self.block_above = Some(indent);
                None
            }
            c if opens_value(c) => Some(i),
            _ => None,
        }
    }

    /// Scans flow context (or a quoted scalar) from `i` to the line's end.
    fn flow(&mut self, chars: &[char], mut i: usize) -> Option<usize> {
        while i < chars.len() {
            let c = chars[i];
            match self.quote {
                Some('\'') if c == '\'' => {
                    // `''` is a quote inside the scalar.
                    if chars.get(i + 1) == Some(&'\'') {
                        i += 1;
                    } else {
                        self.quote = None;
                    }
                }
                Some('"') if c == '\\' => i += 1,
                Some(q) if c == q => self.quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' => self.quote = Some(c),
                    '#' if i == 0 || chars[i - 1].is_whitespace() => return None,
                    '[' | '{' => {
                        self.depth += 1;
                        if self.depth > MAX_FLOW_DEPTH {
                            return Some(i + 1);
                        }
                    }
                    ']' | '}' => self.depth = self.depth.saturating_sub(1),
                    // After a quoted key, its value.
                    ':' if self.depth == 0
                        && chars.get(i + 1).is_none_or(|c| c.is_whitespace()) => {}
                    ' ' | '\t' if self.depth == 0 => {}
                    _ if self.depth == 0 => return None,
                    _ => {}
                },
            }
            i += 1;
        }
        None
    }
}

fn opens_value(c: Option<&char>) -> bool {
    matches!(c, Some('[' | '{' | '"' | '\''))
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| *c == ' ' || *c == '\t') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(n: usize) -> String {
        "[".repeat(n) + &"]".repeat(n)
    }

    #[test]
    fn events_nest_freely_up_to_the_bound() {
        let ok = format!("- id: A\n  summary: {}\n", nested(MAX_FLOW_DEPTH));
        assert_eq!(too_deep(&ok), None);
        let deep = format!("- id: A\n  summary: {}\n", nested(MAX_FLOW_DEPTH + 1));
        assert_eq!(too_deep(&deep), Some((1, 11 + MAX_FLOW_DEPTH + 1)));
    }

    #[test]
    fn nesting_spans_lines() {
        let text = format!(
            "- id: A\n  facts: {{\n{}\n  }}\n",
            "  [\n".repeat(MAX_FLOW_DEPTH)
        );
        assert_eq!(too_deep(&text), Some((MAX_FLOW_DEPTH + 1, 3)));
    }

    #[test]
    fn brackets_in_text_do_not_nest() {
        let many = "[".repeat(200);
        for text in [
            format!("- id: A\n  summary: see {many}\n"),
            format!("- id: A\n  summary: \"{many}\"\n"),
            format!("- id: A\n  summary: '{many}'' {many}'\n"),
            format!("- id: A\n  summary: |\n    {many}\n    {many}\n  act: fire\n"),
            format!("- id: A # {many}\n"),
            format!("- id: A\n  summary: [\"{many}\", '{many}'] # {many}\n"),
            format!("- id: A\n  summary: \"{many}\n    {many}\"\n"),
            format!("- id: A\n  \"summary\": x {many}\n"),
        ] {
            assert_eq!(too_deep(&text), None, "{text}");
        }
    }

    #[test]
    fn a_block_scalar_ends_where_its_indentation_does() {
        let text = format!("- id: A\n  summary: >\n    [[[\n  facts: {}\n", nested(65));
        assert_eq!(too_deep(&text), Some((3, 9 + MAX_FLOW_DEPTH + 1)));
    }

    #[test]
    fn a_quoted_key_does_not_hide_its_value() {
        let text = format!("- \"summary\": {}\n", nested(65));
        assert_eq!(too_deep(&text), Some((0, 13 + MAX_FLOW_DEPTH + 1)));
    }

    #[test]
    fn items_on_one_line_open_values_too() {
        let text = format!("- - {}\n", nested(65));
        assert_eq!(too_deep(&text), Some((0, 4 + MAX_FLOW_DEPTH + 1)));
    }
}
