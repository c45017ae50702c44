//! The progress bar on stderr, and the lines printed around it.

use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

/// Progress bar on stderr with pages/s and MB/s; hidden unless stderr is a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    pages: u64,
    bytes: u64,
}

impl Progress {
    pub fn new(show: bool, total: Option<u64>) -> Self {
        let bar = show.then(|| {
            let (bar, template) = match total {
                Some(n) => (
                    ProgressBar::new(n),
                    "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} pages ({msg})",
                ),
                None => (
                    ProgressBar::no_length(),
                    "{spinner} [{elapsed_precise}] {pos} pages ({msg})",
                ),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            pages: 0,
            bytes: 0,
        }
    }

    pub fn advance(&mut self, pages: u64, bytes: u64) {
        self.pages += pages;
        self.bytes += bytes;
        if let Some(bar) = &self.bar {
            bar.inc(pages);
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{:.0} pages/s, {:.1} MB/s",
                self.pages as f64 / secs,
                self.bytes as f64 / 1e6 / secs
            ));
        }
    }

    /// Pages, input bytes and seconds since the start.
    pub fn totals(&self) -> (u64, u64, f64) {
        (self.pages, self.bytes, self.start.elapsed().as_secs_f64())
    }

    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }
}
