//! Where the code of a piece of rule text ends, before trailing blank
//! space and comments: one forward pass that knows quoted texts, so a
//! `//` inside quotes is text, not a comment.

/// The offset just after the last byte of `text` that is neither blank
/// space nor part of a `//` comment.
pub fn code_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut end, mut i, mut quoted) = (0, 0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            match b {
                b'"' => quoted = false,
                b'\\' => i += 1,
                _ => {}
            }
            end = (i + 1).min(bytes.len());
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if !b.is_ascii_whitespace() {
            quoted = b == b'"';
            end = i + 1;
        }
        i += 1;
    }
    // Never inside a character: the last byte counted may start one.
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::code_end;

    #[test]
    fn trailing_space_and_comments_are_not_code() {
        assert_eq!(code_end("act fire \"f\"  // note\n\n"), 12);
        assert_eq!(code_end("act fire \"a // b\"\n"), 17);
        assert_eq!(code_end("  // only\n"), 0);
        assert_eq!(code_end("x \"é"), 5);
        assert_eq!(code_end("\"\\"), 2);
    }
}
