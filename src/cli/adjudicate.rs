//! `truce adjudicate --rules FILE --events FILE [--format text|json]`

use truce::render;

use super::{Exit, Format, Inputs, adjudicate};

pub fn run(inputs: &Inputs, format: Format) -> Exit {
    let Some(a) = adjudicate(inputs) else {
        return Exit::Failed;
    };
    let out = match format {
        Format::Text => render::text::report(&a),
        Format::Json => render::json::report(&a),
    };
    super::out(&out);
    if a.rejected.is_empty() {
        Exit::Ok
    } else {
        Exit::Rejected
    }
}
