//! `bodytext`: strip boilerplate from scraped text files, JSON Lines and WET files.
#![forbid(unsafe_code)]

mod input;
mod output;
mod wet;

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use bodytext::{Cleaner, Options, Preset};
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value};

use input::Source;
use output::{Format, Message, Outcome, Sink};

/// Strip boilerplate (menus, share buttons, footers …) from text scraped off web pages and
/// keep the article body, one paragraph per line.
///
/// With no PATH, reads stdin and writes stdout.
#[derive(Debug, Parser)]
#[command(name = "bodytext", version, after_help = EXAMPLES)]
struct Args {
    /// Input files or folders (folders are read recursively); `-` is stdin.
    paths: Vec<PathBuf>,

    /// Read more input paths from FILE, one a line (`-` for stdin).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,

    /// In folders, only read files ending in .EXT (repeat or comma-separate: txt,text).
    #[arg(long, value_name = "EXT", value_delimiter = ',')]
    ext: Vec<String>,

    /// Inputs are JSON Lines: one JSON object a line, the text in --field.
    #[arg(long, conflicts_with = "wet")]
    jsonl: bool,

    /// Inputs are WARC/WET files (gzip or not): every `conversion` record is cleaned.
    #[arg(long)]
    wet: bool,

    /// With --jsonl: the field that holds the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,

    /// The field the cleaned text is written to in JSON output [default: the --field name,
    /// replacing the text in place].
    #[arg(long, value_name = "NAME")]
    out_field: Option<String>,

    /// Write one output file per input below DIR, mirroring the input tree, instead of stdout.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Output format [default: text for text files, jsonl for --jsonl and --wet].
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Print every block of one input with its label, score and reasons.
    #[arg(long, conflicts_with_all = ["jsonl", "wet", "out"])]
    explain: bool,

    /// Precision / recall trade-off: precision, balanced or recall.
    #[arg(long, default_value = "balanced", value_parser = parse_preset)]
    preset: Preset,

    /// Drop headings inside the body.
    #[arg(long)]
    no_headings: bool,

    /// Drop list items inside the body.
    #[arg(long)]
    no_lists: bool,

    /// The pages' language (ISO 639-1, e.g. `de`) instead of detecting it.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,

    /// Worker threads [default: all cores].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    jobs: Option<usize>,

    /// No progress bar.
    #[arg(long)]
    no_progress: bool,
}

const EXAMPLES: &str = "\
Examples:
  bodytext page.txt                              clean one file to stdout
  bodytext --ext txt --out clean/ scraped/       clean a folder into clean/, same tree
  bodytext --jsonl --field text pages.jsonl      JSON Lines in, JSON Lines out
  bodytext --wet CC-MAIN-*.warc.wet.gz           one JSON line per conversion record
  bodytext --explain page.txt                    why each block was kept or dropped

Exit status: 0 when every input was read, 1 when any file, line or record failed
(the others are still written), 2 on a usage error.";

fn parse_preset(s: &str) -> Result<Preset, String> {
    s.parse::<Preset>().map_err(|e| e.to_string())
}

/// Pages processed in parallel at a time; results are written in input order after each batch.
const BATCH: usize = 256;

/// Everything one run shares.
struct Run {
    cleaner: Cleaner,
    format: Format,
    field: String,
    out_field: String,
    out: Option<PathBuf>,
    failed: bool,
    progress: Progress,
    out_paths: HashSet<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let usage = |msg: String| {
        eprintln!("bodytext: error: {msg}");
        ExitCode::from(2)
    };

    let mut options = Options::default()
        .preset(args.preset)
        .keep_headings(!args.no_headings)
        .keep_lists(!args.no_lists);
    if let Some(lang) = &args.lang {
        options = options.language(lang.to_ascii_lowercase());
    }
    let cleaner = match Cleaner::new(options) {
        Ok(c) => c,
        Err(e) => return usage(e.to_string()),
    };
    if let Some(j) = args.jobs {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(j)
            .build_global()
        {
            return usage(format!("cannot start {j} threads: {e}"));
        }
    }

    let mut errors = Vec::new();
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        match input::read_list(list) {
            Ok(more) => paths.extend(more),
            Err(e) => return usage(format!("{}: {e}", list.display())),
        }
    }
    let sources = if paths.is_empty() && args.files_from.is_none() {
        vec![Source::stdin()]
    } else {
        input::collect(&paths, &args.ext, &mut errors)
    };
    let stdin_count = sources.iter().filter(|s| s.path.is_none()).count();
    let list_on_stdin = args
        .files_from
        .as_ref()
        .is_some_and(|l| l.as_os_str() == "-");
    if stdin_count + usize::from(list_on_stdin) > 1 {
        return usage("stdin (`-`) given more than once".into());
    }

    let format = args.format.unwrap_or(if args.jsonl || args.wet {
        Format::Jsonl
    } else {
        Format::Text
    });

    if args.explain {
        if sources.len() != 1 {
            return usage(format!(
                "--explain takes one input, got {}",
                sources.len() + errors.len()
            ));
        }
        return explain(&cleaner, &sources[0], format);
    }

    let many = sources.len() > 1 || args.jsonl || args.wet;
    let show_progress = many && !args.no_progress && io::stderr().is_terminal();
    let total = if args.jsonl || args.wet {
        None
    } else {
        Some(sources.len() as u64)
    };
    let mut run = Run {
        cleaner,
        format,
        out_field: args.out_field.clone().unwrap_or_else(|| args.field.clone()),
        field: args.field.clone(),
        out: args.out.clone(),
        failed: false,
        progress: Progress::new(show_progress, total),
        out_paths: HashSet::new(),
    };
    for e in errors {
        run.error(e);
    }

    let stdout = io::stdout();
    let mut stdout_sink = Sink::new(
        Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock())),
        run.format,
        &run.out_field,
    );
    let result = if args.jsonl || args.wet {
        let mut r = Ok(());
        for src in &sources {
            r = run.stream(src, args.wet, &mut stdout_sink);
            if r.is_err() {
                break;
            }
        }
        r
    } else {
        run.text_files(&sources, &mut stdout_sink)
    };
    let result = result.and_then(|()| stdout_sink.flush());
    run.progress.finish();
    match result {
        Ok(()) => {}
        // `bodytext … | head`: stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("bodytext: error: writing output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if run.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn explain(cleaner: &Cleaner, src: &Source, format: Format) -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = src.open().and_then(|mut r| r.read_to_end(&mut bytes)) {
        eprintln!("bodytext: error: {}: {e}", src.display);
        return ExitCode::FAILURE;
    }
    let (text, lossy) = input::decode(&bytes);
    if lossy {
        eprintln!(
            "bodytext: warning: {}: invalid UTF-8, decoded lossily",
            src.display
        );
    }
    let blocks = cleaner.explain(&text);
    let colour = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = io::BufWriter::new(io::stdout().lock());
    match output::write_explain(&mut out, &blocks, format, colour).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bodytext: error: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}

impl Run {
    fn error(&mut self, msg: String) {
        self.failed = true;
        self.progress.println(&format!("bodytext: error: {msg}"));
    }

    fn report(&mut self, outcome: &Outcome) {
        for m in &outcome.messages {
            match m {
                Message::Warning(w) => self.progress.println(&format!("bodytext: warning: {w}")),
                Message::Error(e) => self.error(e.clone()),
            }
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
    fn text_files(&mut self, sources: &[Source], stdout: &mut Sink) -> io::Result<()> {
        for chunk in sources.chunks(BATCH) {
            let cleaner = &self.cleaner;
            let outcomes: Vec<Outcome> = chunk
                .par_iter()
                .map(|src| clean_file(cleaner, src))
                .collect();
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
    fn stream(&mut self, src: &Source, is_wet: bool, stdout: &mut Sink) -> io::Result<()> {
        let reader = match src.open().and_then(wet::open) {
            Ok(r) => r,
            Err(e) => {
                let msg = format!("{}: {e}", src.display);
                let mut fields = Map::new();
                fields.insert("path".into(), src.display.clone().into());
                let outcome = Outcome::failed(fields, e.to_string(), msg);
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
            );
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

    fn json_lines(
        &mut self,
        src: &Source,
        mut reader: Box<dyn BufRead>,
        sink: &mut Sink,
    ) -> io::Result<()> {
        let mut line_no = 0u64;
        let mut eof = false;
        while !eof {
            let mut batch = Vec::with_capacity(BATCH);
            while batch.len() < BATCH {
                let mut buf = Vec::new();
                match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(_) => {
                        line_no += 1;
                        if !buf.iter().all(u8::is_ascii_whitespace) {
                            batch.push((line_no, buf));
                        }
                    }
                    Err(e) => {
                        eof = true;
                        self.error(format!(
                            "{}: line {}: read error, rest of file skipped: {e}",
                            src.display,
                            line_no + 1
                        ));
                        break;
                    }
                }
            }
            let (cleaner, field) = (&self.cleaner, self.field.as_str());
            let outcomes: Vec<Outcome> = batch
                .par_iter()
                .map(|(n, raw)| clean_json_line(cleaner, field, &src.display, *n, raw))
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
            let cleaner = &self.cleaner;
            let outcomes: Vec<Outcome> = batch
                .par_iter()
                .filter_map(|r| clean_wet_record(cleaner, &src.display, r))
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

fn clean_file(cleaner: &Cleaner, src: &Source) -> Outcome {
    let mut fields = Map::new();
    if src.path.is_some() {
        fields.insert("path".into(), src.display.clone().into());
    }
    let mut bytes = Vec::new();
    if let Err(e) = src.open().and_then(|mut r| r.read_to_end(&mut bytes)) {
        let msg = format!("{}: {e}", src.display);
        return Outcome::failed(fields, e.to_string(), msg);
    }
    let (text, lossy) = input::decode(&bytes);
    let mut messages = Vec::new();
    if lossy {
        messages.push(Message::Warning(format!(
            "{}: invalid UTF-8, decoded lossily",
            src.display
        )));
    }
    cleaned(
        cleaner,
        &text,
        fields,
        messages,
        bytes.len() as u64,
        &src.display,
    )
}

/// Clean one page into an outcome. A panic inside the library fails this page only: it is
/// reported and written as an error record, and the run goes on.
fn cleaned(
    cleaner: &Cleaner,
    text: &str,
    fields: Map<String, Value>,
    mut messages: Vec<Message>,
    bytes: u64,
    location: &str,
) -> Outcome {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cleaner.clean(text))) {
        Ok(body) => Outcome {
            fields,
            body: Some(body),
            error: None,
            messages,
            bytes,
        },
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            let error = format!("internal error while cleaning: {what}");
            messages.push(Message::Error(format!("{location}: {error}")));
            Outcome {
                fields,
                body: None,
                error: Some(error),
                messages,
                bytes,
            }
        }
    }
}

fn clean_json_line(cleaner: &Cleaner, field: &str, file: &str, line: u64, raw: &[u8]) -> Outcome {
    let (text, lossy) = input::decode(raw);
    let mut messages = Vec::new();
    if lossy {
        messages.push(Message::Warning(format!(
            "{file}: line {line}: invalid UTF-8, decoded lossily"
        )));
    }
    let fail = |fields: Option<Map<String, Value>>, error: String, mut messages: Vec<Message>| {
        let fields = fields.unwrap_or_else(|| {
            let mut f = Map::new();
            f.insert("path".into(), file.into());
            f.insert("line".into(), line.into());
            f.insert("input".into(), text.trim_end().into());
            f
        });
        messages.push(Message::Error(format!("{file}: line {line}: {error}")));
        Outcome {
            fields,
            body: None,
            error: Some(error),
            messages,
            bytes: raw.len() as u64,
        }
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return fail(None, format!("malformed JSON: {e}"), messages),
    };
    let Value::Object(fields) = value else {
        return fail(None, "not a JSON object".into(), messages);
    };
    let page = match fields.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => {
            return fail(
                Some(fields),
                format!("field {field:?} is not a string"),
                messages,
            );
        }
        None => return fail(Some(fields), format!("no field {field:?}"), messages),
    };
    let location = format!("{file}: line {line}");
    cleaned(
        cleaner,
        &page,
        fields,
        messages,
        raw.len() as u64,
        &location,
    )
}

/// A conversion record becomes one outcome; other record types are skipped.
fn clean_wet_record(
    cleaner: &Cleaner,
    file: &str,
    record: &Result<wet::Record, wet::RecordError>,
) -> Option<Outcome> {
    let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.to_owned()));
    match record {
        Ok(r) => {
            if !r
                .header("WARC-Type")
                .is_some_and(|t| t.eq_ignore_ascii_case("conversion"))
            {
                return None;
            }
            let mut fields = Map::new();
            fields.insert("path".into(), file.into());
            fields.insert("WARC-Target-URI".into(), opt(r.header("WARC-Target-URI")));
            fields.insert("WARC-Record-ID".into(), opt(r.header("WARC-Record-ID")));
            let (text, lossy) = input::decode(&r.body);
            let mut messages = Vec::new();
            if lossy {
                messages.push(Message::Warning(format!(
                    "{file}: record {} {}: invalid UTF-8, decoded lossily",
                    r.number,
                    r.header("WARC-Record-ID").unwrap_or("")
                )));
            }
            let location = format!("{file}: record {}", r.number);
            Some(cleaned(
                cleaner,
                &text,
                fields,
                messages,
                r.body.len() as u64,
                &location,
            ))
        }
        Err(e) => {
            let mut fields = Map::new();
            fields.insert("path".into(), file.into());
            fields.insert("record".into(), e.number.into());
            fields.insert("WARC-Target-URI".into(), opt(e.target_uri.as_deref()));
            fields.insert("WARC-Record-ID".into(), opt(e.record_id.as_deref()));
            let id = e
                .record_id
                .as_deref()
                .map(|s| format!(" {s}"))
                .unwrap_or_default();
            let rest = if e.fatal {
                "; rest of file skipped"
            } else {
                ""
            };
            let msg = format!("{file}: record {}{id}: {}{rest}", e.number, e.message);
            Some(Outcome::failed(fields, e.message.clone(), msg))
        }
    }
}

/// Progress bar on stderr with pages/s and MB/s; hidden unless stderr is a terminal.
struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    pages: u64,
    bytes: u64,
}

impl Progress {
    fn new(show: bool, total: Option<u64>) -> Self {
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

    fn advance(&mut self, pages: u64, bytes: u64) {
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

    fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish();
        }
    }
}
