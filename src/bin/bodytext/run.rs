//! One run over the inputs: pages cleaned in parallel batches, written in input order.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead};
use std::path::PathBuf;

use bodytext::Cleaner;
use rayon::prelude::*;
use serde_json::Map;

use crate::input::{self, Source};
use crate::output::{self, Format, Message, Outcome, Sink};
use crate::page::{Field, Pages};
use crate::progress::Progress;
use crate::wet;

/// Pages processed in parallel at a time; results are written in input order after each batch.
const BATCH: usize = 256;

/// How much goes to stderr besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// `-q`: errors only.
    Quiet,
    /// Errors and warnings.
    Normal,
    /// `-v`: also a line per page and a summary.
    Verbose,
}

/// Everything one run shares.
pub struct Run {
    pub cleaner: Cleaner,
    pub format: Format,
    pub field: String,
    pub out_field: String,
    pub out: Option<PathBuf>,
    pub fields: Vec<Field>,
    pub encoding: Option<String>,
    pub verbosity: Verbosity,
    pub failed: bool,
    pub progress: Progress,
    pub out_paths: HashSet<PathBuf>,
    /// Pages with no body, and pages that failed (for the `-v` summary).
    pub empty: u64,
    pub failures: u64,
}

impl Run {
    pub fn error(&mut self, msg: String) {
        self.failed = true;
        self.progress.println(&format!("bodytext: error: {msg}"));
    }

    fn pages(&self) -> Pages<'_> {
        Pages {
            cleaner: &self.cleaner,
            fields: &self.fields,
            encoding: self.encoding.as_deref(),
            verbose: self.verbosity == Verbosity::Verbose,
        }
    }

    fn report(&mut self, outcome: &Outcome) {
        match &outcome.body {
            Some(b) if b.is_empty() => self.empty += 1,
            Some(_) => {}
            None => self.failures += 1,
        }
        for m in &outcome.messages {
            match m {
                Message::Info(i) if self.verbosity == Verbosity::Verbose => {
                    self.progress.println(&format!("bodytext: {i}"));
                }
                Message::Info(_) => {}
                Message::Warning(w) if self.verbosity > Verbosity::Quiet => {
                    self.progress.println(&format!("bodytext: warning: {w}"));
                }
                Message::Warning(_) => {}
                Message::Error(e) => self.error(e.clone()),
            }
        }
    }

    /// The `-v` summary line.
    pub fn summary(&self) {
        if self.verbosity == Verbosity::Verbose {
            let (pages, bytes, secs) = self.progress.totals();
            self.progress.println(&format!(
                "bodytext: {pages} pages ({} with no body, {} failed), {:.1} MB in {secs:.2} s",
                self.empty,
                self.failures,
                bytes as f64 / 1e6
            ));
        }
    }

    /// Open the output file for `src` below `--out`; `None` (after an error line) when it
    /// cannot be created or would overwrite the input or an earlier output.
    fn create_out(&mut self, src: &Source) -> Option<fs::File> {
        let out = self.out.as_ref()?;
        let path = output::out_path(out, &src.rel, self.format);
        if !self.out_paths.insert(path.clone()) {
            self.error(format!(
                "{}: output {} was already written for an earlier input; skipped",
                src.display,
                path.display()
            ));
            return None;
        }
        if let Some(parent) = path.parent() {
            if let Err(e) = fs::create_dir_all(parent) {
                self.error(format!("{}: cannot create folder: {e}", parent.display()));
                return None;
            }
        }
        if let (Some(inp), Ok(outp)) = (&src.path, fs::canonicalize(&path)) {
            if fs::canonicalize(inp).is_ok_and(|i| i == outp) {
                self.error(format!(
                    "{}: output would overwrite the input; skipped",
                    src.display
                ));
                return None;
            }
        }
        match fs::File::create(&path) {
            Ok(f) => Some(f),
            Err(e) => {
                self.error(format!("{}: cannot create: {e}", path.display()));
                None
            }
        }
    }

    /// Plain text files: one page per file, cleaned in parallel, written in order.
    pub fn text_files(&mut self, sources: &[Source], stdout: &mut Sink) -> io::Result<()> {
        for chunk in sources.chunks(BATCH) {
            let pages = self.pages();
            let outcomes: Vec<Outcome> = chunk.par_iter().map(|src| pages.file(src)).collect();
            for (src, outcome) in chunk.iter().zip(&outcomes) {
                self.report(outcome);
                self.progress.advance(1, outcome.bytes);
                if self.out.is_none() {
                    stdout.write(outcome)?;
                    continue;
                }
                if outcome.body.is_none() && self.format == Format::Text {
                    continue; // nothing to write; the error is on stderr
                }
                let Some(file) = self.create_out(src) else {
                    continue;
                };
                let mut sink = Sink::new(
                    Box::new(io::BufWriter::new(file)),
                    self.format,
                    &self.out_field,
                );
                if let Err(e) = sink.write(outcome).and_then(|()| sink.flush()) {
                    self.error(format!("{}: writing output: {e}", src.display));
                }
            }
            stdout.flush()?;
        }
        Ok(())
    }

    /// A JSON Lines or WARC/WET file: many pages, read in batches, cleaned in parallel.
    pub fn stream(&mut self, src: &Source, is_wet: bool, stdout: &mut Sink) -> io::Result<()> {
        let reader = match src.open().and_then(input::decompress) {
            Ok(r) => r,
            Err(e) => {
                let msg = format!("{}: {e}", src.display);
                let mut fields = Map::new();
                fields.insert("path".into(), src.display.clone().into());
                let mut outcome = Outcome::failed(fields, e.to_string(), msg);
                outcome.label = src.display.clone();
                self.report(&outcome);
                if self.out.is_none() {
                    stdout.write(&outcome)?;
                }
                return Ok(());
            }
        };
        let mut file_sink;
        let sink: &mut Sink = if self.out.is_some() {
            let Some(file) = self.create_out(src) else {
                return Ok(());
            };
            file_sink = Sink::new(
                Box::new(io::BufWriter::with_capacity(1 << 16, file)),
                self.format,
                &self.out_field,
            )
            .with_headers(true);
            &mut file_sink
        } else {
            stdout
        };
        let written = if is_wet {
            self.wet_records(src, reader, sink)
        } else {
            self.json_lines(src, reader, sink)
        };
        let written = written.and_then(|()| sink.flush());
        match written {
            Err(e) if self.out.is_some() => {
                self.error(format!("{}: writing output: {e}", src.display));
                Ok(())
            }
            other => other,
        }
    }

    /// Up to [`BATCH`] non-blank lines of `reader`, numbered from `*line_no + 1`; `eof` is
    /// set at the end of the input or after a read error (reported).
    fn read_lines(
        &mut self,
        src: &Source,
        reader: &mut dyn BufRead,
        line_no: &mut u64,
        eof: &mut bool,
    ) -> Vec<(u64, Vec<u8>)> {
        let mut batch = Vec::with_capacity(BATCH);
        while batch.len() < BATCH {
            let mut buf = Vec::new();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    *eof = true;
                    break;
                }
                Ok(_) => {
                    *line_no += 1;
                    if !buf.iter().all(u8::is_ascii_whitespace) {
                        batch.push((*line_no, buf));
                    }
                }
                Err(e) => {
                    *eof = true;
                    self.error(format!(
                        "{}: line {}: read error, rest of file skipped: {e}",
                        src.display,
                        *line_no + 1
                    ));
                    break;
                }
            }
        }
        batch
    }

    fn json_lines(
        &mut self,
        src: &Source,
        mut reader: Box<dyn BufRead>,
        sink: &mut Sink,
    ) -> io::Result<()> {
        let (mut line_no, mut eof) = (0u64, false);
        while !eof {
            let batch = self.read_lines(src, &mut reader, &mut line_no, &mut eof);
            let (pages, field) = (self.pages(), self.field.as_str());
            let outcomes: Vec<Outcome> = batch
                .par_iter()
                .map(|(n, raw)| pages.json_line(field, &src.display, *n, raw))
                .collect();
            self.write_batch(&outcomes, sink)?;
        }
        Ok(())
    }

    fn wet_records(
        &mut self,
        src: &Source,
        reader: Box<dyn BufRead>,
        sink: &mut Sink,
    ) -> io::Result<()> {
        let mut records = wet::Reader::new(reader).peekable();
        while records.peek().is_some() {
            let batch: Vec<_> = records.by_ref().take(BATCH).collect();
            let pages = self.pages();
            let outcomes: Vec<Outcome> = batch
                .par_iter()
                .filter_map(|r| pages.wet_record(&src.display, r))
                .collect();
            self.write_batch(&outcomes, sink)?;
        }
        Ok(())
    }

    fn write_batch(&mut self, outcomes: &[Outcome], sink: &mut Sink) -> io::Result<()> {
        for outcome in outcomes {
            self.report(outcome);
            self.progress.advance(1, outcome.bytes);
            sink.write(outcome)?;
        }
        sink.flush()
    }
}
