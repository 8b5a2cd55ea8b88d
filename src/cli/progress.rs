//! A progress bar on standard error, for runs long enough to want one: many
//! claims or large sources, a terminal, the human format. Otherwise (a pipe,
//! CI, a machine format) it draws nothing.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// From this many claims a run shows progress…
const MANY_CLAIMS: usize = 200;
/// …or when its sources add up to this many bytes.
const LARGE_SOURCES: u64 = 4 * 1024 * 1024;

pub struct Bar {
    bar: Option<ProgressBar>,
}

impl Bar {
    /// A bar over `claims` claims, shown only when `wanted` (the human format
    /// on a terminal) and the run is large.
    pub fn new(wanted: bool, claims: usize, source_bytes: u64) -> Bar {
        if !wanted || (claims < MANY_CLAIMS && source_bytes < LARGE_SOURCES) {
            return Bar { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(claims as u64), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} claims  {wide_msg}") {
            bar.set_style(style);
        }
        Bar { bar: Some(bar) }
    }

    /// Names the claims file being checked.
    pub fn start(&self, file: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(file.to_string());
        }
    }

    pub fn advance(&self, claims: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(claims as u64);
        }
    }

    /// Clears the bar, so that only the report remains.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
