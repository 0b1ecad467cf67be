//! Renderers: verdicts as text or JSON, diagnostics as text. They only
//! format what the earlier stages produced.

pub mod diagnostics;
pub mod dot;
pub mod figure;
pub mod graph_svg;
pub mod json;
pub mod map;
pub mod markup;
pub mod text;
pub mod verify;
pub mod words;
