//! `truce explain --rules FILE --events FILE EVENT_ID`: the full reasoning
//! for one event, judging that event alone.

use truce::render::{self, text::Detail};

use super::{Exit, Format, Inputs, prepare};

pub fn run(inputs: &Inputs, event: &str, format: Format) -> Exit {
    let Some(books) = super::rulebooks(inputs) else {
        return Exit::Failed;
    };
    let instruments = super::instruments(inputs, &books);
    let Some(prepared) = prepare(inputs, &instruments) else {
        return Exit::Failed;
    };
    if let Some(index) = prepared.graph.index_of(event) {
        let verdicts = prepared.judge_range(&instruments, index..index + 1);
        let out = match format {
            Format::Text => {
                let mut out: String = verdicts
                    .iter()
                    .map(|v| render::text::verdict(v, Detail::Full))
                    .collect();
                let outside = prepared.outside().iter().filter(|o| &*o.event == event);
                for o in outside {
                    out.push_str(&format!(
                        "{}  OUTSIDE SCOPE  ({})\n  {}\n",
                        render::text::clean(event),
                        o.instrument,
                        render::text::clean(&render::words::outside(o))
                    ));
                }
                out
            }
            // One rulebook: the verdict; several: a list, one per instrument.
            Format::Json if instruments.len() == 1 => render::json::verdict(&verdicts[0]),
            Format::Json => render::json::verdicts(&verdicts),
        };
        super::out_as(format, &out);
        return Exit::Ok;
    }
    let rejected = prepared
        .rejected
        .iter()
        .find(|r| r.event.as_deref() == Some(event));
    if let Some(r) = rejected {
        let clean = render::text::clean;
        outln!(
            "{}  REJECTED  {}\n  {}",
            clean(event),
            clean(&r.location),
            clean(&r.reason)
        );
        return Exit::Rejected;
    }
    errln!("error: no event `{event}` in `{}`", inputs.events.display());
    Exit::Failed
}
