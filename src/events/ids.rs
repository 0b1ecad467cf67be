//! Event ids as truce compares them: in Unicode's composed form (NFC), so
//! that `café` typed with a combining accent and `café` typed with `é`
//! are one id, and never holding a character that shows nothing or moves
//! the cursor, so that no two ids that look the same are different.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::model::is_invisible;

/// An id as written, checked and composed; the problem, worded, when it
/// holds a control or invisible character. `what` names the field.
pub fn id(text: String, what: &str) -> Result<Box<str>, String> {
    if let Some((i, c)) = text
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() || is_invisible(c))
    {
        return Err(format!(
            "`{what}` holds an invisible or control character (U+{:04X}, character {} of the id): two ids that look alike must be one id; write it without",
            c as u32,
            i + 1
        ));
    }
    // Spaces: only the plain one, and never at the ends, where no one sees it.
    if text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace)
        || text.chars().any(|c| c.is_whitespace() && c != ' ')
    {
        return Err(format!(
            "`{what}` starts or ends with a space, or holds a space other than the plain one (a no-break space, a tab): two ids that look alike must be one id; write it without"
        ));
    }
    Ok(match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.into_boxed_str(),
        IsNormalized::No | IsNormalized::Maybe => text.nfc().collect::<String>().into_boxed_str(),
    })
}

#[cfg(test)]
mod tests {
    use super::id;

    #[test]
    fn ids_are_composed_and_refuse_what_does_not_show() {
        assert_eq!(&*id("caf\u{65}\u{301}".into(), "id").unwrap(), "caf\u{e9}");
        assert_eq!(&*id("K-1".into(), "id").unwrap(), "K-1");
        for hidden in [
            "K\u{200b}-1",
            "K-1\u{feff}",
            "K\u{1b}[31m-1",
            "\u{202e}1-K",
            "K\u{ad}-1",
        ] {
            assert!(id(hidden.into(), "id").is_err(), "{hidden:?}");
        }
    }
}
