//! Writing results: plain text or JSON Lines, and the `--explain` listing.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use bodytext::{Block, Label};
use serde_json::{Map, Value};

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The body, one paragraph per line. With several documents, each starts with a line
    /// `==> NAME <==` (`(empty)` or `(failed)` after it when there is no body), and an
    /// empty line comes before every header but the first.
    Text,
    /// One JSON object per document.
    Jsonl,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Jsonl => "jsonl",
        }
    }
}

/// What processing one page produced. Written in input order.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Fields of the JSON record besides the cleaned text: pass-through fields of a JSON
    /// line, or `path` / WARC headers.
    pub fields: Map<String, Value>,
    /// The cleaned text; `None` when the page failed.
    pub body: Option<String>,
    /// Fields written after the cleaned text in JSON output (title, language, encoding, as
    /// `--fields` chooses); a field the input record already has is not replaced.
    pub extra: Map<String, Value>,
    /// The document's name in the header lines of text output and in messages.
    pub label: String,
    /// The error that made the page fail: written as field `error` in JSON output.
    pub error: Option<String>,
    /// Lines for stderr, in order: warnings, and the error line.
    pub messages: Vec<Message>,
    /// Input bytes, for the progress bar.
    pub bytes: u64,
}

#[derive(Debug)]
pub enum Message {
    /// Shown with `-v` only.
    Info(String),
    /// Hidden by `-q`.
    Warning(String),
    Error(String),
}

impl Outcome {
    pub fn failed(fields: Map<String, Value>, error: String, message: String) -> Self {
        Outcome {
            fields,
            error: Some(error),
            messages: vec![Message::Error(message)],
            ..Outcome::default()
        }
    }
}

/// A destination for outcomes: stdout or one output file.
pub struct Sink<'a> {
    writer: Box<dyn Write + 'a>,
    format: Format,
    out_field: String,
    /// Text format: a `==> NAME <==` line before each document.
    headers: bool,
    documents: u64,
}

impl<'a> Sink<'a> {
    pub fn new(writer: Box<dyn Write + 'a>, format: Format, out_field: &str) -> Self {
        Sink {
            writer,
            format,
            out_field: out_field.to_owned(),
            headers: false,
            documents: 0,
        }
    }

    /// Text format: name each document in a header line (for output of several).
    pub fn with_headers(mut self, yes: bool) -> Self {
        self.headers = yes;
        self
    }

    /// Write one outcome. In text format a failed page writes only its header, if any
    /// (its error is on stderr); in JSON Lines it writes its fields with `error`.
    pub fn write(&mut self, outcome: &Outcome) -> io::Result<()> {
        match self.format {
            Format::Text => self.write_text(outcome)?,
            Format::Jsonl => {
                let mut record = outcome.fields.clone();
                if let Some(body) = &outcome.body {
                    record.insert(self.out_field.clone(), Value::String(body.clone()));
                }
                for (k, v) in &outcome.extra {
                    if !record.contains_key(k) {
                        record.insert(k.clone(), v.clone());
                    }
                }
                if let Some(error) = &outcome.error {
                    record.insert("error".into(), Value::String(error.clone()));
                }
                serde_json::to_writer(&mut self.writer, &Value::Object(record))?;
                self.writer.write_all(b"\n")?;
            }
        }
        self.documents += 1;
        Ok(())
    }

    fn write_text(&mut self, outcome: &Outcome) -> io::Result<()> {
        if !self.headers {
            let Some(body) = &outcome.body else {
                return Ok(());
            };
            if self.documents > 0 {
                self.writer.write_all(b"\n")?;
            }
            if !body.is_empty() {
                writeln!(self.writer, "{body}")?;
            }
            return Ok(());
        }
        if self.documents > 0 {
            self.writer.write_all(b"\n")?;
        }
        let name = outcome.label.replace(['\n', '\r'], " ");
        match outcome.body.as_deref() {
            None => writeln!(self.writer, "==> {name} <== (failed)"),
            Some("") => writeln!(self.writer, "==> {name} <== (empty)"),
            Some(body) => writeln!(self.writer, "==> {name} <==\n{body}"),
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Output path below `out` for an input at `rel`: `.gz` or `.zst` is dropped, and `.txt` /
/// `.jsonl` is appended when the name does not already end with the format's extension.
pub fn out_path(out: &Path, rel: &Path, format: Format) -> PathBuf {
    let mut name = rel.as_os_str().to_string_lossy().into_owned();
    if let Some(stripped) = name.strip_suffix(".gz").or(name.strip_suffix(".zst")) {
        name.truncate(stripped.len());
    }
    let ext = format.extension();
    if !name.ends_with(&format!(".{ext}")) {
        name.push('.');
        name.push_str(ext);
    }
    out.join(name)
}

const RESET: &str = "\x1b[0m";

fn colour(label: Label, kept: bool) -> &'static str {
    match label {
        Label::Title => "\x1b[1;36m",
        _ if kept => "\x1b[32m",
        _ => "\x1b[2;31m",
    }
}

/// What `--explain` says about the input as a whole.
pub struct ExplainHeader<'a> {
    pub name: &'a str,
    pub language: Option<&'a str>,
    /// Whether the language was given (`--lang`) rather than detected.
    pub language_given: bool,
    pub page_type: bodytext::PageType,
    pub page_type_probability: f32,
    /// Whether the page type was given rather than detected.
    pub page_type_given: bool,
    pub encoding: &'a str,
    pub encoding_source: bodytext::EncodingSource,
}

impl ExplainHeader<'_> {
    /// Text format: one `#` line. JSON Lines: an object before the blocks' objects.
    fn write(&self, w: &mut dyn Write, format: Format) -> io::Result<()> {
        let how = if self.language_given {
            "given"
        } else {
            "detected"
        };
        match format {
            Format::Text => {
                let language = match self.language {
                    Some(l) => format!("{l} ({how})"),
                    None => "none of the stoplists (the page's own frequent words)".into(),
                };
                let page_type = if self.page_type_given {
                    format!("{} (given)", self.page_type)
                } else {
                    format!(
                        "{} (detected, p {:.2})",
                        self.page_type, self.page_type_probability
                    )
                };
                writeln!(
                    w,
                    "# {}: language {language}, encoding {} ({}), page type {page_type}",
                    self.name, self.encoding, self.encoding_source
                )
            }
            Format::Jsonl => {
                let v = serde_json::json!({
                    "input": self.name,
                    "language": self.language,
                    "language_source": if self.language.is_some() { Some(how) } else { None },
                    "encoding": self.encoding,
                    "encoding_source": self.encoding_source.name(),
                    "page_type": self.page_type.name(),
                    "page_type_probability": self.page_type_probability,
                    "page_type_source": if self.page_type_given { "given" } else { "detected" },
                });
                serde_json::to_writer(&mut *w, &v)?;
                writeln!(w)
            }
        }
    }
}

/// The `--explain` listing: a header line on the input (language and encoding), then one
/// block per paragraph with its line range, label, score, whether it is kept, its text, and
/// its reasons on the next line.
pub fn write_explain(
    w: &mut dyn Write,
    header: &ExplainHeader<'_>,
    blocks: &[Block],
    format: Format,
    colour_on: bool,
) -> io::Result<()> {
    header.write(w, format)?;
    for b in blocks {
        let reasons: Vec<String> = b.reasons.iter().map(|r| r.to_string()).collect();
        match format {
            Format::Jsonl => {
                let v = serde_json::json!({
                    "lines": [b.lines.start + 1, b.lines.end],
                    "label": b.label.to_string(),
                    "kept": b.kept,
                    "score": (b.score as f64 * 1000.0).round() / 1000.0,
                    "reasons": reasons,
                    "text": b.text,
                });
                serde_json::to_writer(&mut *w, &v)?;
                writeln!(w)?;
            }
            Format::Text => {
                let mark = if b.kept { '+' } else { '-' };
                let lines = format!("{}-{}", b.lines.start + 1, b.lines.end);
                let head = format!("{mark} {:<24} {:.2}", b.label.to_string(), b.score);
                if colour_on {
                    writeln!(
                        w,
                        "{lines:>9} {}{head}{RESET}  {}",
                        colour(b.label, b.kept),
                        b.text
                    )?;
                    if !reasons.is_empty() {
                        writeln!(w, "{:>9}   \x1b[2m{}{RESET}", "", reasons.join("; "))?;
                    }
                } else {
                    writeln!(w, "{lines:>9} {head}  {}", b.text)?;
                    if !reasons.is_empty() {
                        writeln!(w, "{:>9}   {}", "", reasons.join("; "))?;
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        let out = Path::new("o");
        assert_eq!(
            out_path(out, Path::new("a/w3m.txt"), Format::Text),
            Path::new("o/a/w3m.txt")
        );
        assert_eq!(
            out_path(out, Path::new("a/w3m.txt"), Format::Jsonl),
            Path::new("o/a/w3m.txt.jsonl")
        );
        assert_eq!(
            out_path(out, Path::new("x.warc.wet.gz"), Format::Jsonl),
            Path::new("o/x.warc.wet.jsonl")
        );
        assert_eq!(
            out_path(out, Path::new("p.jsonl.zst"), Format::Jsonl),
            Path::new("o/p.jsonl")
        );
    }

    #[test]
    fn text_format_separates_documents_by_an_empty_line() {
        let mut buf = Vec::new();
        {
            let mut sink = Sink::new(Box::new(&mut buf), Format::Text, "text");
            for body in ["a\nb", "c"] {
                let o = Outcome {
                    body: Some(body.into()),
                    ..Outcome::default()
                };
                sink.write(&o).unwrap();
            }
            sink.flush().unwrap();
        }
        assert_eq!(buf, b"a\nb\n\nc\n");
    }

    #[test]
    fn headers_name_every_document_and_show_empty_and_failed_ones() {
        let mut buf = Vec::new();
        {
            let mut sink = Sink::new(Box::new(&mut buf), Format::Text, "text").with_headers(true);
            for (label, body) in [("a", Some("x\ny")), ("b", Some("")), ("c", None)] {
                let o = Outcome {
                    label: label.into(),
                    body: body.map(str::to_owned),
                    ..Outcome::default()
                };
                sink.write(&o).unwrap();
            }
            sink.flush().unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "==> a <==\nx\ny\n\n==> b <== (empty)\n\n==> c <== (failed)\n"
        );
    }
}
