//! YAML events files, for hand-written cases: a list of events.
//!
//! Each top-level item (`- id: ...` at the start of a line) is parsed on its
//! own, so one bad event is rejected with its line while the rest are judged.

use super::err::{LoadError, Rejection};
use super::nesting::{MAX_FLOW_DEPTH, too_deep};
use super::raw::RawEvent;

/// Calls `f` for each event, in order, with the line it starts on.
pub fn read(
    name: &str,
    text: &str,
    mut f: impl FnMut(u32, Result<RawEvent, Rejection>),
) -> Result<(), LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let items = block_items(text);
    // Anchors may be shared across events; such a file is read whole.
    if items.is_empty() || has_anchor(text) {
        // Found before any YAML parsing, which is quadratic in the nesting.
        if let Some((line, column)) = too_deep(text) {
            return Err(LoadError::TooDeep {
                path: name.to_owned(),
                limit: MAX_FLOW_DEPTH,
                line: line + 1,
                column,
            });
        }
        return read_whole(name, text, f);
    }
    // Anything before the first item other than comments would be ignored:
    // refuse it rather than lose it.
    let preamble = &text[..text.len() - items.iter().map(|(_, t)| t.len()).sum::<usize>()];
    let stray = preamble
        .lines()
        .map(str::trim)
        .find(|l| !(l.is_empty() || l.starts_with('#') || *l == "---"));
    if let Some(line) = stray {
        return Err(LoadError::NotAList {
            path: name.to_owned(),
            reason: format!("`{line}` comes before the first event"),
        });
    }
    let parsed: Vec<_> = items
        .iter()
        .map(|&(line, chunk)| match too_deep(chunk) {
            Some(at) => (line, Err(nested_too_deep(name, line, at))),
            None => (line, parse(name, line, chunk)),
        })
        .collect();
    // A chunk that is not YAML on its own may be part of a text spanning
    // items (a quoted line that starts with `- `): then the file is read
    // whole, if it reads whole.
    let broken = parsed.iter().any(|(_, r)| {
        r.as_ref()
            .is_err_and(|e| e.reason.starts_with("not valid YAML"))
    });
    if broken
        && too_deep(text).is_none()
        && serde_yaml::from_str::<Vec<serde_yaml::Value>>(text).is_ok()
    {
        return read_whole(name, text, f);
    }
    for (line, result) in parsed {
        match result {
            Ok(events) => events.into_iter().for_each(|e| f(line, Ok(e))),
            Err(rejection) => f(line, Err(rejection)),
        }
    }
    Ok(())
}

/// Whether the text defines a YAML anchor (`&name`) outside quotes, roughly:
/// enough to choose the whole-file reader, which resolves them.
fn has_anchor(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.split(" #").next().unwrap_or(l);
        // An anchor opens a value: only `- `, `: `, `[`, `{` or `,` come
        // before it, so `R &D team` is text, not an anchor.
        l.match_indices('&').any(|(i, _)| {
            let before = l[..i].trim_end();
            let opens = before.is_empty() || before.ends_with([':', '-', '[', '{', ',']);
            let after = l[i + 1..].chars().next();
            opens && after.is_some_and(|c| c.is_alphanumeric())
        })
    })
}

/// Splits a block sequence into its items: `(first line, text)`.
fn block_items(text: &str) -> Vec<(u32, &str)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        // `-` then a space, tab or line end starts an item; `---` does not.
        let mut chars = line.chars();
        let dash = chars.next() == Some('-') && chars.next().is_none_or(char::is_whitespace);
        if dash {
            starts.push((i as u32 + 1, offset));
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).map(|s| s.1).chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&(line, start), end)| (line, &text[start..end]))
        .collect()
}

/// Parses one item; a chunk may hold several when items share a line.
fn parse(name: &str, first_line: u32, chunk: &str) -> Result<Vec<RawEvent>, Rejection> {
    let reject = |e: serde_yaml::Error| {
        let location = match e.location() {
            Some(l) => format!(
                "{name}:{}:{}",
                first_line as usize + l.line() - 1,
                l.column()
            ),
            None => format!("{name}:{first_line}"),
        };
        Rejection {
            event: id_of(chunk),
            location,
            reason: strip_position(&e.to_string()),
            line: first_line,
            order: 0,
            implied: false,
        }
    };
    serde_yaml::from_str(chunk).map_err(reject)
}

/// An item that nests flow collections past the bound, at `(line, column)`
/// of the item.
fn nested_too_deep(name: &str, first_line: u32, (line, col): (usize, usize)) -> Rejection {
    Rejection {
        event: None,
        location: format!("{name}:{}:{col}", first_line as usize + line),
        reason: too_deep_reason(),
        line: first_line,
        order: 0,
        implied: false,
    }
}

fn too_deep_reason() -> String {
    format!("lists and maps (`[`, `{{`) nest more than {MAX_FLOW_DEPTH} deep")
}

/// Files that are not a block list (say, a flow list `[...]`): parsed whole,
/// then item by item.
fn read_whole(
    name: &str,
    text: &str,
    mut f: impl FnMut(u32, Result<RawEvent, Rejection>),
) -> Result<(), LoadError> {
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(());
    }
    let values: Vec<serde_yaml::Value> =
        serde_yaml::from_str(text).map_err(|e| LoadError::NotAList {
            path: name.to_owned(),
            reason: e.to_string(),
        })?;
    for (i, value) in values.into_iter().enumerate() {
        let id = value.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        let result = serde_yaml::from_value(value).map_err(|e| Rejection {
            event: id,
            location: format!("{name}: item {}", i + 1),
            reason: super::err::plain(&e.to_string()),
            line: 1,
            order: 0,
            implied: false,
        });
        f(1, result);
    }
    Ok(())
}

/// The `id` of an item that failed to parse, if it can be read at all.
fn id_of(chunk: &str) -> Option<String> {
    let values: Vec<serde_yaml::Value> = serde_yaml::from_str(chunk).ok()?;
    values.first()?.get("id")?.as_str().map(str::to_owned)
}

/// serde_yaml appends " at line L column C"; the location says it already.
fn strip_position(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    if message.starts_with('.') {
        super::err::plain(message)
    } else {
        format!("not valid YAML: {message}")
    }
}

#[cfg(test)]
mod tests {
    use super::block_items;

    #[test]
    fn splits_top_level_items_only() {
        let text = "# header\n- id: a\n  evidence:\n    - x\n- id: b\n";
        let items = block_items(text);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].0, 2);
        assert_eq!(items[1], (5, "- id: b\n"));
    }
}
