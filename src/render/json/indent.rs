//! serde_json's pretty layout (two spaces a level), starting some levels
//! in: a verdict inside the report's `verdicts` list is written at its
//! depth directly, rather than pretty-printed at the margin and re-indented
//! line by line afterwards.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// `value` pretty-printed as if it stood `level` levels deep, appended to
/// `out`: the same bytes as `serde_json::to_string_pretty` with every line
/// after the first indented by `level` times two spaces.
pub fn pretty_at<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T, level: usize) {
    let mut serializer = serde_json::Serializer::with_formatter(out, Nested::at(level));
    value
        .serialize(&mut serializer)
        .expect("report parts serialise");
}

/// The pretty formatter's rules with a starting depth.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn at(level: usize) -> Nested {
        Nested {
            level,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::pretty_at;

    fn at(value: &serde_json::Value, level: usize) -> String {
        let mut out = Vec::new();
        pretty_at(&mut out, value, level);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn is_serde_json_pretty_indented_by_level() {
        let value = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, [[]]],
            "d": {"e": "f\ng"},
            "h": null
        });
        let plain = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(at(&value, 0), plain);
        for level in 1..4 {
            let pad = "  ".repeat(level);
            assert_eq!(at(&value, level), plain.replace('\n', &format!("\n{pad}")));
        }
    }
}
