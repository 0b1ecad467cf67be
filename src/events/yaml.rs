//! YAML events files, for hand-written cases: a list of events.
//!
//! Each top-level item (`- id: ...` at the start of a line) is parsed on its
//! own, so one bad event is rejected with its line while the rest are judged.

use super::err::{LoadError, Rejection};
use super::raw::RawEvent;

/// Calls `f` for each event, in order, with the line it starts on.
pub fn read(
    name: &str,
    text: &str,
    mut f: impl FnMut(u32, Result<RawEvent, Rejection>),
) -> Result<(), LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let items = block_items(text);
    if items.is_empty() {
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
    for (line, chunk) in items {
        f(line, parse(name, line, chunk));
    }
    Ok(())
}

/// Splits a block sequence into its items: `(first line, text)`.
fn block_items(text: &str) -> Vec<(u32, &str)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.starts_with("- ") || line.trim_end() == "-" {
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

fn parse(name: &str, first_line: u32, chunk: &str) -> Result<RawEvent, Rejection> {
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
        }
    };
    let mut items: Vec<RawEvent> = serde_yaml::from_str(chunk).map_err(reject)?;
    Ok(items.remove(0))
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
