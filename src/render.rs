//! Renderers: verdicts as text, JSON or JSON Lines, the report for people
//! as HTML or Markdown, diagnostics as text. They only format what the
//! earlier stages produced.

pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod dot;
pub mod figure;
pub mod graph_svg;
pub mod html;
pub mod import;
pub mod json;
pub mod jsonl;
pub mod lint;
pub mod map;
pub mod markdown;
pub mod markup;
pub mod text;
pub mod verify;
pub mod whatif;
pub mod witness;
pub mod words;
