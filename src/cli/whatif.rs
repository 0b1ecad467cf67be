//! `truce explain --what-if`: one event (or, with `--all`, every event of
//! the file) judged again under each account of what is disputed.

use truce::render;

use super::{Exit, Format, Inputs, prepare};

/// `event` `None`: the whole file (`--all`).
pub fn run(inputs: &Inputs, event: Option<&str>, format: Format) -> Exit {
    let Some(books) = super::rulebooks(inputs) else {
        return Exit::Failed;
    };
    if books.len() > 1 {
        errln!("error: `--what-if` judges under one rulebook; give `--rules` once");
        return Exit::Failed;
    }
    let instruments = super::instruments(inputs, &books);
    let Some(prepared) = prepare(inputs, &instruments) else {
        return Exit::Failed;
    };
    let rulebook = &books[0];
    let Some(event) = event else {
        let file = truce::whatif::file(rulebook, &prepared.graph);
        let out = match format {
            Format::Text => render::whatif::file_text(&file),
            Format::Json => render::whatif::file_json(&file),
        };
        super::out_as(format, &out);
        return if prepared.rejected.is_empty() {
            Exit::Ok
        } else {
            Exit::Rejected
        };
    };
    let Some(index) = prepared.graph.index_of(event) else {
        // Rejected or absent: `explain` says which.
        return super::explain::run(inputs, event, format);
    };
    let w = truce::whatif::event(rulebook, &prepared.graph, index);
    let out = match format {
        Format::Text => render::whatif::text(&w),
        Format::Json => render::whatif::json(&w),
    };
    super::out_as(format, &out);
    Exit::Ok
}
