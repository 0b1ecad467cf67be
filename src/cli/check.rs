//! `truce check RULES...`

use std::path::PathBuf;

use super::{Exit, report, report_rulebook_error};

pub fn run(files: &[PathBuf]) -> Exit {
    let mut exit = Exit::Ok;
    for file in files {
        match truce::load_rulebook(file) {
            Ok(checked) => {
                for w in &checked.warnings {
                    report(w);
                }
                let r = &checked.rulebook;
                let areas = match r.areas.len() {
                    0 => String::new(),
                    n => format!(", {n} areas"),
                };
                outln!(
                    "{}: ok, \"{}\": {} articles, {} exceptions, {} zones{areas}, {} lines, {} acts",
                    file.display(),
                    r.title,
                    r.articles.len(),
                    r.exceptions.len(),
                    r.zones.len() - r.areas.len(),
                    r.lines.len(),
                    r.acts.len()
                );
            }
            Err(e) => {
                report_rulebook_error(&e);
                exit = Exit::Failed;
            }
        }
    }
    exit
}
