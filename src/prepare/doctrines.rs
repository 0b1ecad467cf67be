//! The doctrine settings a run is asked for (`--doctrine NAME=SETTING`),
//! set in the rulebooks that declare them.

use crate::check;

/// Sets doctrines, `(name, setting)`, in every rulebook that declares
/// them. Each doctrine must be declared by at least one of the rulebooks,
/// and the setting must be one of its settings.
pub fn set_doctrines(
    books: &mut [check::Rulebook],
    settings: &[(String, String)],
    by: check::SetBy,
) -> Result<(), String> {
    for (i, (name, setting)) in settings.iter().enumerate() {
        if let Some((_, other)) = settings[..i].iter().find(|(n, _)| n == name) {
            return Err(format!(
                "doctrine `{name}` is set twice, to `{other}` and to `{setting}`; set it once"
            ));
        }
        let mut found = false;
        for book in books.iter_mut() {
            found |= book.set_doctrine(name, setting, by)?;
        }
        if !found {
            let mut declared: Vec<&str> = books
                .iter()
                .flat_map(|b| b.doctrines.iter().map(|d| d.name.as_str()))
                .collect();
            declared.sort_unstable();
            declared.dedup();
            let known = if declared.is_empty() {
                "the rulebooks declare no doctrine".to_owned()
            } else {
                format!(
                    "the rulebooks declare {}",
                    declared
                        .iter()
                        .map(|d| format!("`{d}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return Err(format!("no rulebook declares doctrine `{name}`; {known}"));
        }
    }
    Ok(())
}

/// Reads `NAME=SETTING`, as `--doctrine` takes it.
pub fn parse_doctrine(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((n, s)) if !n.trim().is_empty() && !s.trim().is_empty() => {
            Ok((n.trim().to_owned(), s.trim().to_owned()))
        }
        _ => Err(format!(
            "`{text}` is not a doctrine setting; write `NAME=SETTING`, such as `who_fired_first=irrelevant`"
        )),
    }
}
