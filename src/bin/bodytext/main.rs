//! `bodytext`: strip boilerplate from scraped text files, JSON Lines and WET files.
#![forbid(unsafe_code)]

mod input;
mod output;
mod page;
mod progress;
mod run;
mod wet;

use std::collections::HashSet;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bodytext::{Cleaner, Options, Preset};
use clap::Parser;

use input::Source;
use output::{ExplainHeader, Format, Sink};
use page::Field;
use progress::Progress;
use run::{Run, Verbosity};

/// Strip boilerplate (menus, share buttons, footers …) from text scraped off web pages and
/// keep the article body, one paragraph per line.
///
/// With no PATH, reads stdin and writes stdout. Inputs compressed with gzip or zstd (`.gz`,
/// `.zst`) are decompressed.
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

    /// Inputs are WARC/WET files: every `conversion` record is cleaned.
    #[arg(long)]
    wet: bool,

    /// With --jsonl: the field that holds the text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    field: String,

    /// The field the cleaned text is written to in JSON output [default: the --field name,
    /// replacing the text in place].
    #[arg(long, value_name = "NAME")]
    out_field: Option<String>,

    /// What JSON output adds after the cleaned text (comma-separated; `none` for nothing).
    /// `encoding` is written for text files and WARC records, whose bytes are decoded. A
    /// field the input record already has is kept as it is.
    #[arg(
        long,
        value_enum,
        value_name = "FIELD",
        value_delimiter = ',',
        default_value = "title,language,encoding"
    )]
    fields: Vec<Field>,

    /// Write one output file per input below DIR, mirroring the input tree, instead of stdout.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    out: Option<PathBuf>,

    /// Write the output to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,

    /// Output format [default: text for text files, jsonl for --jsonl and --wet].
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Print every block of one input with its label, score and reasons, after a line with
    /// the language and encoding used.
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

    /// The pages' language (ISO 639-1, e.g. `de`) instead of detecting it; `--lang list`
    /// lists the languages bodytext knows.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,

    /// The charset of text files and WARC records (e.g. windows-1252, shift_jis) instead of
    /// detecting it; a byte-order mark still wins. JSON Lines are always UTF-8.
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,

    /// Worker threads, at least 1 [default: all cores].
    #[arg(short = 'j', long = "jobs", value_name = "N", value_parser = parse_jobs)]
    jobs: Option<usize>,

    /// No progress bar.
    #[arg(long)]
    no_progress: bool,

    /// Print errors only: no warnings, no progress bar.
    #[arg(short, long, conflicts_with = "verbose")]
    quiet: bool,

    /// Also print a line per page (paragraphs kept, language, encoding) and a summary.
    #[arg(short, long)]
    verbose: bool,
}

const EXAMPLES: &str = "\
Examples:
  bodytext page.txt                              clean one file to stdout
  bodytext a.txt b.txt -o bodies.txt             several files: a `==> NAME <==` line before each
  bodytext --ext txt --out clean/ scraped/       clean a folder into clean/, same tree
  bodytext --jsonl --field text pages.jsonl.zst  JSON Lines in, JSON Lines out
  bodytext --wet CC-MAIN-*.warc.wet.gz           one JSON line per conversion record
  bodytext --encoding windows-1252 old.txt       bytes in a legacy charset (else detected)
  bodytext --explain page.txt                    why each block was kept or dropped

Exit status: 0 when every input was read, 1 when any file, line or record failed
(the others are still written), 2 on a usage error.";

fn parse_preset(s: &str) -> Result<Preset, String> {
    s.parse::<Preset>().map_err(|e| e.to_string())
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave -j out to use all cores)".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// A usage error: printed, exit status 2.
fn usage(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("bodytext: error: {msg}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.lang.as_deref() == Some("list") {
        println!("{}", bodytext::languages().join("\n"));
        return ExitCode::SUCCESS;
    }
    let cleaner = match cleaner(&args) {
        Ok(c) => c,
        Err(e) => return usage(e),
    };
    if let Some(j) = args.jobs {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(j);
        if let Err(e) = pool.build_global() {
            return usage(format!("cannot start {j} threads: {e}"));
        }
    }
    let (sources, errors) = match sources(&args) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let format = args.format.unwrap_or(if args.jsonl || args.wet {
        Format::Jsonl
    } else {
        Format::Text
    });
    let writer = match output_writer(&args, &sources) {
        Ok(w) => w,
        Err(code) => return code,
    };
    if args.explain {
        if sources.len() != 1 {
            let n = sources.len() + errors.len();
            return usage(format!("--explain takes one input, got {n}"));
        }
        return explain(&cleaner, &args, &sources[0], format, writer);
    }
    let mut run = new_run(&args, cleaner, format, sources.len());
    for e in errors {
        run.error(e);
    }
    let code = run_all(&mut run, &args, &sources, writer);
    run.summary();
    code
}

/// The library's options from the command line.
fn cleaner(args: &Args) -> Result<Cleaner, String> {
    let mut options = Options::default()
        .preset(args.preset)
        .keep_headings(!args.no_headings)
        .keep_lists(!args.no_lists);
    if let Some(lang) = &args.lang {
        options = options.language(lang.to_ascii_lowercase());
    }
    if let Some(label) = &args.encoding {
        options = options.encoding(label.clone());
    }
    Cleaner::new(options).map_err(|e| e.to_string())
}

/// The inputs in order, and the errors met listing folders.
fn sources(args: &Args) -> Result<(Vec<Source>, Vec<String>), String> {
    let mut errors = Vec::new();
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        let more = input::read_list(list).map_err(|e| format!("{}: {e}", list.display()))?;
        paths.extend(more);
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
        return Err("stdin (`-`) given more than once".into());
    }
    Ok((sources, errors))
}

/// Stdout, or the file of `-o` (refused when it is one of the inputs).
fn output_writer(args: &Args, sources: &[Source]) -> Result<Box<dyn Write>, ExitCode> {
    let Some(path) = &args.output else {
        return Ok(Box::new(io::BufWriter::with_capacity(
            1 << 16,
            io::stdout().lock(),
        )));
    };
    if is_an_input(path, sources) {
        return Err(usage(format!(
            "-o {}: that is an input; refusing to overwrite it",
            path.display()
        )));
    }
    match fs::File::create(path) {
        Ok(f) => Ok(Box::new(io::BufWriter::with_capacity(1 << 16, f))),
        Err(e) => {
            eprintln!("bodytext: error: {}: cannot create: {e}", path.display());
            Err(ExitCode::FAILURE)
        }
    }
}

fn is_an_input(path: &Path, sources: &[Source]) -> bool {
    let Ok(out) = fs::canonicalize(path) else {
        return false;
    };
    sources
        .iter()
        .filter_map(|s| s.path.as_ref())
        .any(|p| fs::canonicalize(p).is_ok_and(|p| p == out))
}

fn new_run(args: &Args, cleaner: Cleaner, format: Format, inputs: usize) -> Run {
    let many = inputs > 1 || args.jsonl || args.wet;
    let show_progress = many && !args.no_progress && !args.quiet && io::stderr().is_terminal();
    let total = (!args.jsonl && !args.wet).then_some(inputs as u64);
    let verbosity = if args.quiet {
        Verbosity::Quiet
    } else if args.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    Run {
        cleaner,
        format,
        out_field: args.out_field.clone().unwrap_or_else(|| args.field.clone()),
        field: args.field.clone(),
        out: args.out.clone(),
        fields: args.fields.clone(),
        encoding: args.encoding.clone(),
        verbosity,
        failed: false,
        progress: Progress::new(show_progress, total),
        out_paths: HashSet::new(),
        empty: 0,
        failures: 0,
    }
}

/// Clean every input into `writer` (or below `--out`); the exit status.
fn run_all(run: &mut Run, args: &Args, sources: &[Source], writer: Box<dyn Write>) -> ExitCode {
    // Several documents in one text stream: each is named by a header line.
    let headers = sources.len() > 1 || args.jsonl || args.wet;
    let mut sink = Sink::new(writer, run.format, &run.out_field).with_headers(headers);
    let result = if args.jsonl || args.wet {
        sources
            .iter()
            .try_for_each(|src| run.stream(src, args.wet, &mut sink))
    } else {
        run.text_files(sources, &mut sink)
    };
    let result = result.and_then(|()| sink.flush());
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

fn explain(
    cleaner: &Cleaner,
    args: &Args,
    src: &Source,
    format: Format,
    mut out: Box<dyn Write>,
) -> ExitCode {
    let bytes = match src.read_all() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("bodytext: error: {}: {e}", src.display);
            return ExitCode::FAILURE;
        }
    };
    let decoded = bodytext::decode(&bytes, args.encoding.as_deref());
    if !args.quiet {
        if decoded.lossy {
            eprintln!(
                "bodytext: warning: {}: invalid {}, decoded lossily",
                src.display, decoded.encoding
            );
        }
        if input::looks_like_html(&decoded.text) {
            eprintln!(
                "bodytext: warning: {}: looks like HTML, but bodytext cleans text: convert \
                 the page to text first (e.g. `w3m -dump page.html` or `lynx -dump page.html`)",
                src.display
            );
        }
    }
    let blocks = cleaner.explain(&decoded.text);
    // The page's type is detected by `extract` alone: one pass more, for the header.
    let doc = cleaner.extract(&decoded.text);
    let header = ExplainHeader {
        name: &src.display,
        language: doc.language.as_deref(),
        language_given: cleaner.options().language.is_some(),
        page_type: doc.page_type,
        page_type_probability: doc.page_type_probability,
        page_type_given: cleaner.options().page_type.is_some(),
        encoding: decoded.encoding,
        encoding_source: decoded.source,
    };
    let colour = args.output.is_none()
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let written = output::write_explain(&mut out, &header, &blocks, format, colour);
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bodytext: error: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}
