//! Did-you-mean: the nearest of the names a reader could have meant.
//!
//! Below every stage, so that the parser, the linker, the checker and the
//! event loader all suggest names the same way, and none reaches into a
//! later stage for it.

/// The help for a name not found among `candidates`: the nearest one
/// (`did you mean `X`?`), or, where none is near, the candidates listed
/// after `listed` (`its parties are `A`, `B``). `quote` is the mark names
/// are quoted with: a backtick, or `"` for titles.
pub fn suggestion(name: &str, candidates: &[&str], quote: char, listed: &str) -> String {
    match did_you_mean(name, candidates) {
        Some(best) => format!("did you mean {quote}{best}{quote}?"),
        None => {
            let names: Vec<String> = candidates
                .iter()
                .map(|c| format!("{quote}{c}{quote}"))
                .collect();
            format!("{listed} {}", names.join(", "))
        }
    }
}

/// The closest candidate, if it is close enough to be a likely slip.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // The edit distance costs the product of the lengths: names longer
    // than any a person misspells get no suggestion, and a candidate whose
    // length alone rules it out is never measured.
    const LONGEST: usize = 64;
    let length = name.chars().count();
    if length > LONGEST {
        return None;
    }
    let lower = name.to_lowercase();
    candidates
        .iter()
        .filter_map(|c| {
            let n = c.chars().count();
            let allowed = (n.max(3) / 3).max(1);
            (n <= LONGEST && n.abs_diff(length) <= allowed).then_some((allowed, *c))
        })
        .map(|(allowed, c)| {
            (
                strsim::damerau_levenshtein(&lower, &c.to_lowercase()),
                allowed,
                c,
            )
        })
        .filter(|(d, allowed, _)| d <= allowed)
        .map(|(d, _, c)| (d, c))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(did_you_mean("dzm", &["dmz", "mdl"]), Some("dmz"));
        assert_eq!(
            did_you_mean("hostle", &["hostile", "fire"]),
            Some("hostile")
        );
        assert_eq!(did_you_mean("zzz", &["dmz", "hostile"]), None);
    }

    /// A hostile name of 100,000 characters next to another is not
    /// measured: the distance would cost their product.
    #[test]
    fn very_long_names_are_not_measured() {
        let long = "a".repeat(100_000);
        let near = format!("{long}b");
        assert_eq!(did_you_mean(&near, &[&long]), None);
        // Nor is a candidate whose length alone rules it out.
        assert_eq!(did_you_mean("dmz", &["demilitarized_zone"]), None);
    }
}
