//! `truce explain --rules FILE --events FILE EVENT_ID`

use truce::render::{self, text::Detail};

use super::{Exit, Format, Inputs, adjudicate};

pub fn run(inputs: &Inputs, event: &str, format: Format) -> Exit {
    let Some(a) = adjudicate(inputs) else {
        return Exit::Failed;
    };
    if let Some(v) = a.verdicts.iter().find(|v| &*v.event == event) {
        let out = match format {
            Format::Text => render::text::verdict(v, Detail::Full),
            Format::Json => render::json::verdict(v),
        };
        super::out(&out);
        return Exit::Ok;
    }
    if let Some(r) = a
        .rejected
        .iter()
        .find(|r| r.event.as_deref() == Some(event))
    {
        outln!("{event}  REJECTED  {}\n  {}", r.location, r.reason);
        return Exit::Rejected;
    }
    errln!("error: no event `{event}` in `{}`", inputs.events.display());
    Exit::Failed
}
