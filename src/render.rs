//! Renderers: verdicts as text or JSON, diagnostics as text. They only
//! format what the earlier stages produced.

pub mod diagnostics;
pub mod import;
pub mod json;
pub mod text;
pub mod verify;
pub mod words;
