//! Tokens: names, numbers, quantities, dates and quoted texts.

use pest::iterators::Pair;

use super::super::err::BadEscapeError;
use super::super::parser::Rule;
use super::{Builder, Result, last};
use crate::ast::*;
use crate::span::{Span, Spanned};

impl Builder<'_> {
    pub(super) fn identifier(&self, pair: Pair<'_, Rule>) -> Ident {
        Spanned::new(pair.as_str().to_owned(), self.span(&pair))
    }

    /// A label is kept as written: `III.2` is referred to as `III.2`.
    pub(super) fn article_label(&self, pair: Pair<'_, Rule>) -> Spanned<String> {
        Spanned::new(pair.as_str().to_owned(), self.span(&pair))
    }

    pub(super) fn quantity(&self, pair: Pair<'_, Rule>) -> Spanned<Quantity> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let value = self.number(inner.next().expect("grammar: number"));
        let unit = self.unit(inner.next().expect("grammar: unit"));
        Spanned::new(Quantity { value, unit }, span)
    }

    pub(super) fn unit(&self, pair: Pair<'_, Rule>) -> Unit {
        Unit::parse(pair.as_str()).expect("grammar: unit words match Unit::parse")
    }

    pub(super) fn number(&self, pair: Pair<'_, Rule>) -> f64 {
        pair.as_str()
            .parse()
            .expect("grammar: digits with an optional sign and fraction")
    }

    pub(super) fn datetime(&self, pair: Pair<'_, Rule>) -> Spanned<DateTimeLit> {
        let span = self.span(&pair);
        let (mut date, mut clock, mut zone) = (String::new(), None, String::new());
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::date => date = part.as_str().to_owned(),
                Rule::clock => clock = Some(part.as_str().to_owned()),
                _ => zone = part.as_str().to_owned(), // time_zone
            }
        }
        Spanned::new(DateTimeLit { date, clock, zone }, span)
    }

    pub(super) fn string(&self, pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
        let span = self.span(&pair);
        let inner = last(pair.into_inner());
        let text = self.string_inner(&inner)?;
        Ok(Spanned::new(text, span))
    }

    /// Resolves escapes and folds each line break, with the indentation
    /// around it, into one space, so long article texts can be wrapped.
    pub(super) fn string_inner(&self, pair: &Pair<'_, Rule>) -> Result<String> {
        let raw = pair.as_str();
        let base = self.offset + pair.as_span().start();
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('u') => {
                        let end = raw[i..].find('}').map_or(raw.len(), |e| i + e + 1);
                        let span = Span::new(self.source, base + i..base + end);
                        let hex = &raw[i + 3..end - 1];
                        let ch = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                        out.push(ch.ok_or_else(|| BadEscapeError::new(&span))?);
                        while chars.next_if(|(j, _)| *j < end).is_some() {}
                    }
                    Some(other) => out.push(other),
                    None => {}
                },
                '\n' | '\r' => {
                    while out.ends_with([' ', '\t']) {
                        out.pop();
                    }
                    while chars.next_if(|(_, w)| w.is_whitespace()).is_some() {}
                    out.push(' ');
                }
                _ => out.push(c),
            }
        }
        Ok(out)
    }
}
