//! A progress bar on standard error for long runs, shown only when stderr
//! is a terminal: a spinner while the events are read and checked, then
//! the events judged out of all of them, with the rate. Anywhere else (a
//! file, a pipe, the tests) nothing is drawn.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// Smaller events files are judged in well under a second: no bar.
const LONG: u64 = 1 << 20;

/// The bar drawn now, if any, so that a run that stops early (a closed
/// pipe) can clear it first.
static SHOWN: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// The progress of one run; draws nothing unless [`Progress::start`] found
/// a terminal.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// Shows a spinner while `events` is read, when stderr is a terminal
    /// and the file is long (or a pipe, whose length is unknown).
    pub fn start(events: &Path) -> Progress {
        let long = std::fs::metadata(events).map_or(true, |m| !m.is_file() || m.len() >= LONG);
        if !long || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(style(LOADING));
        bar.set_message("reading and checking the events");
        bar.enable_steady_tick(Duration::from_millis(120));
        *shown() = Some(bar.clone());
        Progress(Some(bar))
    }

    /// Turns the spinner into a bar of `total` events to judge.
    pub fn judging(&self, total: usize) {
        if let Some(bar) = &self.0 {
            bar.set_style(style(JUDGING));
            bar.set_length(total as u64);
            bar.set_position(0);
            bar.reset_elapsed();
        }
    }

    /// Counts `n` more events judged.
    pub fn advance(&self, n: usize) {
        if let Some(bar) = &self.0 {
            bar.inc(n as u64);
        }
    }

    /// Runs `f` (a write to the terminal) with the bar hidden meanwhile.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.0.take().is_some() {
            clear();
        }
    }
}

/// Clears the bar drawn now, if any.
pub fn clear() {
    if let Some(bar) = shown().take() {
        bar.finish_and_clear();
    }
}

fn shown() -> std::sync::MutexGuard<'static, Option<ProgressBar>> {
    SHOWN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

const LOADING: &str = "{spinner} {msg}  {elapsed}";
const JUDGING: &str = "{bar:20} {human_pos}/{human_len} events judged, {rate}/s, {elapsed}";

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", state.per_sec());
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_are_valid() {
        for t in [LOADING, JUDGING] {
            assert!(ProgressStyle::with_template(t).is_ok(), "{t}");
        }
    }

    #[test]
    fn a_short_file_gets_no_bar_even_on_a_terminal() {
        let p = Progress::start(Path::new("Cargo.toml"));
        assert!(p.0.is_none());
        assert!(shown().is_none());
    }
}
