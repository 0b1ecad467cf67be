//! The articles and exceptions two versions of a rulebook hold
//! differently: added, removed, or written otherwise (their text, or
//! their declaration as a whole: condition, who answers, proof, ranks).
//! Declarations are compared as written, blanks and comments aside, so a
//! re-indented article is not a changed one.

use serde::Serialize;

use crate::check::Rulebook;
use crate::name::Name;
use crate::span::Span;

/// A provision the two rulebooks hold differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provision {
    /// The instrument, by its OLD title.
    pub instrument: Name,
    pub kind: ProvisionKind,
    /// The article's number or the exception's name.
    pub name: Name,
    pub change: ProvisionChange,
}

/// An article or an exception.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    Article,
    Exception,
}

/// How a provision differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProvisionChange {
    Added,
    Removed,
    /// Written otherwise: its quoted text, or the rest of its declaration.
    Changed {
        text: bool,
        declaration: bool,
    },
}

/// One provision as compared: its name, quoted text and declaration.
struct Written<'a> {
    name: &'a Name,
    text: Option<&'a Name>,
    declaration: String,
}

/// The provisions of each pair of instruments (OLD, NEW) that differ,
/// articles first, each in the NEW rulebook's order, then those removed.
pub fn provisions(pairs: &[(&Rulebook, &Rulebook)]) -> Vec<Provision> {
    let mut out = Vec::new();
    for (old, new) in pairs {
        compare(
            &old.title,
            ProvisionKind::Article,
            &articles_of(old),
            &articles_of(new),
            &mut out,
        );
        compare(
            &old.title,
            ProvisionKind::Exception,
            &exceptions_of(old),
            &exceptions_of(new),
            &mut out,
        );
    }
    out
}

fn articles_of(book: &Rulebook) -> Vec<Written<'_>> {
    book.articles
        .iter()
        .map(|a| Written {
            name: &a.number,
            text: Some(&a.text),
            declaration: as_written(&a.span),
        })
        .collect()
}

fn exceptions_of(book: &Rulebook) -> Vec<Written<'_>> {
    book.exceptions
        .iter()
        .map(|e| Written {
            name: &e.name,
            text: e.text.as_ref(),
            declaration: as_written(&e.span),
        })
        .collect()
}

fn compare(
    instrument: &Name,
    kind: ProvisionKind,
    old: &[Written<'_>],
    new: &[Written<'_>],
    out: &mut Vec<Provision>,
) {
    let provision = |name: &Name, change| Provision {
        instrument: instrument.clone(),
        kind,
        name: name.clone(),
        change,
    };
    for n in new {
        let change = match old.iter().find(|o| o.name == n.name) {
            None => ProvisionChange::Added,
            Some(o) => {
                let text = o.text != n.text;
                let declaration = o.declaration != n.declaration;
                if !text && !declaration {
                    continue;
                }
                ProvisionChange::Changed { text, declaration }
            }
        };
        out.push(provision(n.name, change));
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.name == o.name)) {
        out.push(provision(o.name, ProvisionChange::Removed));
    }
}

/// A declaration's text with comments dropped and every run of blanks
/// made one space, strings kept as written.
fn as_written(span: &Span) -> String {
    let mut out = String::new();
    let mut chars = span.text().chars().peekable();
    let mut blank = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                if blank && !out.is_empty() {
                    out.push(' ');
                }
                blank = false;
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        out.extend(chars.next());
                    } else if d == '"' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
                blank = true;
            }
            c if c.is_whitespace() => blank = true,
            c => {
                if blank && !out.is_empty() {
                    out.push(' ');
                }
                blank = false;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_and_comments_do_not_change_a_declaration() {
        let a = crate::span::Source::new(
            "a",
            "article 1 \"x  y\" {\n  // why\n  violation: act is fire\n}",
        );
        let b = crate::span::Source::new("b", "article 1 \"x  y\" { violation:\tact is fire }");
        let whole = |s: &crate::span::Source| as_written(&Span::new(s, 0..s.text().len()));
        assert_eq!(whole(&a), whole(&b));
        assert!(whole(&a).contains("\"x  y\""), "strings kept as written");
    }
}
