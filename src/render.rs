//! Renderers: verdicts as text, JSON or JSON Lines, diagnostics as text. They only
//! format what the earlier stages produced.

pub mod diagnostics;
pub mod json;
pub mod jsonl;
pub mod text;
pub mod verify;
pub mod words;
