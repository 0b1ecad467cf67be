//! How deeply a YAML text nests flow collections (`[` and `{`), found by a
//! linear scan before the YAML parser sees the text: libyaml's scanner
//! revisits every open flow level at each token, so a text of n unclosed
//! `[` takes time quadratic in n (100,000 took 54 s). No event needs more
//! than a few levels, so past [`MAX_FLOW_DEPTH`] the text is refused.
//!
//! The scan errs towards counting: every `[` and `{` counts, wherever it
//! stands (after a tag, an anchor, a `?`, inside a plain scalar), except
//! inside a quoted scalar, a comment or a block scalar's text. A quote
//! opens a scalar only where a token can start, as in YAML (`party's` in a
//! plain scalar opens nothing). Every line break YAML knows ends a line. A
//! bracket in plain text (`see [1`) is counted and never closed, so the
//! reader scans each event on its own: only an event with dozens of them
//! could be refused.

/// The deepest nesting of flow collections an events file may use.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Where a text first opens a flow collection deeper than
/// [`MAX_FLOW_DEPTH`], as a 0-based line and a 1-based column in
/// characters; `None` when it never does.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut scan = Scan::default();
    lines(text)
        .enumerate()
        .find_map(|(n, line)| scan.line(line).map(|col| (n, col)))
}

/// The lines of a text, split at every line break YAML knows: LF, CR, CR
/// LF, NEL, and the line and paragraph separators.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.char_indices().find(|&(_, c)| is_break(c)) {
            Some((i, c)) => {
                let mut next = i + c.len_utf8();
                if c == '\r' && text[next..].starts_with('\n') {
                    next += 1;
                }
                rest = Some(&text[next..]);
                Some(&text[..i])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// What an open construct carries from one line to the next.
#[derive(Default)]
struct Scan {
    /// Open flow collections.
    depth: usize,
    /// Inside a quoted scalar, by its quote.
    quote: Option<char>,
    /// Inside a block scalar's text: the column of the node that owns it;
    /// its lines are indented deeper.
    block_above: Option<usize>,
}

impl Scan {
    /// Scans one line; the column of a bracket that passes the bound.
    fn line(&mut self, line: &str) -> Option<usize> {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        if let Some(above) = self.block_above {
            if indent == chars.len() || indent > above {
                return None;
            }
            self.block_above = None;
        }
        // The column of the last key or `-` that starts a node on this line:
        // a block scalar's text is indented deeper than its owner.
        let mut owner = indent;
        // Where a key may start: after the indentation and any `- ` or `? `.
        let lead = chars
            .iter()
            .position(|c| !matches!(c, ' ' | '\t' | '-' | '?'))
            .unwrap_or(chars.len());
        let mut i = 0;
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
                    '"' | '\'' if token_starts(&chars, i) => self.quote = Some(c),
                    '#' if i == 0 || chars[i - 1].is_whitespace() => return None,
                    '[' | '{' => {
                        self.depth += 1;
                        if self.depth > MAX_FLOW_DEPTH {
                            return Some(i + 1);
                        }
                    }
                    ']' | '}' => self.depth = self.depth.saturating_sub(1),
                    '-' | '?' if self.depth == 0 && indicator(&chars, i) => owner = i,
                    '|' | '>' if self.depth == 0 && token_starts(&chars, i) => {
                        self.block_above = Some(owner);
                        return None;
                    }
                    _ if self.depth == 0 && i == lead => owner = i,
                    _ => {}
                },
            }
            i += 1;
        }
        None
    }
}

/// Whether a token may start at `i`: at the line's start, after a space,
/// or after a flow indicator.
fn token_starts(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|c| **c != ' ' && **c != '\t');
    i == 0
        || chars[i - 1] == ' '
        || chars[i - 1] == '\t'
        || matches!(
            before,
            None | Some('[' | '{' | ',' | ':' | '-' | '?' | '!' | '&')
        )
}

/// `-` or `?` followed by a space or the line's end, at a token's start.
fn indicator(chars: &[char], i: usize) -> bool {
    token_starts(chars, i) && chars.get(i + 1).is_none_or(|c| *c == ' ' || *c == '\t')
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

    /// Every way of writing a deep value that libyaml reads as nesting is
    /// counted: after a tag, an anchor, an explicit key, a plain scalar
    /// with a quote in it, at a block scalar's owner's column, and across
    /// every kind of line break.
    #[test]
    fn no_way_of_writing_deep_nesting_hides_it() {
        let deep = "[".repeat(200);
        for text in [
            format!("- id: A\n  summary: !!seq {deep}\n"),
            format!("- id: A\n  summary: &x {deep}\n"),
            format!("- ? {deep}\n"),
            format!("- id: A\n  summary: [a'b, {deep}\n"),
            format!("- id: A\n  summary: [\"a\", b\"c, {deep}\n"),
            format!("- summary: |\n  {deep}\n"),
            format!("- id: A\r  summary: {deep}\n"),
            format!("- id: A\u{2028}  summary: {deep}\n"),
            format!("- id: A\u{85}  summary: {deep}\n"),
            format!("- id: A\n  summary: see {deep}\n"),
        ] {
            assert!(too_deep(&text).is_some(), "{text:?}");
        }
    }

    #[test]
    fn brackets_in_quotes_comments_and_block_text_do_not_nest() {
        let many = "[".repeat(200);
        for text in [
            format!("- id: A\n  summary: \"{many}\"\n"),
            format!("- id: A\n  summary: '{many}'' {many}'\n"),
            format!("- id: A\n  summary: |\n    {many}\n    {many}\n  act: fire\n"),
            format!("- |\n  {many}\n- id: B\n"),
            format!("- id: A # {many}\n"),
            format!("- id: A\n  summary: [\"{many}\", '{many}'] # {many}\n"),
            format!("- id: A\n  summary: \"{many}\n    {many}\"\n"),
            format!("- id: A\n  summary: >-\n    {many}\n"),
        ] {
            assert_eq!(too_deep(&text), None, "{text:?}");
        }
    }

    #[test]
    fn a_block_scalar_ends_where_its_indentation_does() {
        let text = format!("- id: A\n  summary: >\n    [[[\n  facts: {}\n", nested(65));
        assert_eq!(too_deep(&text), Some((3, 9 + MAX_FLOW_DEPTH + 1)));
    }
}
