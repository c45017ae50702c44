//! Cleaning one page (a file, a JSON line, a WARC record) into an [`Outcome`].

use bodytext::{Cleaner, Decoded};
use serde_json::{Map, Value};

use crate::input::{self, Source};
use crate::output::{Message, Outcome};
use crate::wet;

/// `--fields`: what JSON output adds beside the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Field {
    /// The headline (`null` when none was found).
    Title,
    /// The language whose stoplist was used, given or detected (`null`: none fitted).
    Language,
    /// The encoding the input was decoded from (text files and WARC records only: JSON is
    /// UTF-8).
    Encoding,
    /// The kind of page (`article`, `forum`, `product`, `listing`, `collection`,
    /// `documentation`, `service`), with the classifier's probability in
    /// `page_type_probability`.
    PageType,
    /// None of these.
    None,
}

/// What cleaning a page needs, shared by the worker threads.
pub struct Pages<'a> {
    pub cleaner: &'a Cleaner,
    pub fields: &'a [Field],
    /// `--encoding`: the charset of text files and WARC records.
    pub encoding: Option<&'a str>,
    /// `-v`: an information line for every page.
    pub verbose: bool,
}

/// The warning for input that looks like HTML.
fn html_warning(location: &str) -> Message {
    Message::Warning(format!(
        "{location}: looks like HTML, but bodytext cleans text: convert the page to text \
         first (e.g. `w3m -dump page.html` or `lynx -dump page.html`)"
    ))
}

impl Pages<'_> {
    /// A text file (or stdin), decompressed and decoded.
    pub fn file(&self, src: &Source) -> Outcome {
        let mut fields = Map::new();
        if src.path.is_some() {
            fields.insert("path".into(), src.display.clone().into());
        }
        let bytes = match src.read_all() {
            Ok(bytes) => bytes,
            Err(e) => {
                let msg = format!("{}: {e}", src.display);
                let mut o = Outcome::failed(fields, e.to_string(), msg);
                o.label = src.display.clone();
                return o;
            }
        };
        let decoded = bodytext::decode(&bytes, self.encoding);
        let mut messages = Vec::new();
        if decoded.lossy {
            messages.push(Message::Warning(format!(
                "{}: invalid {}, decoded lossily",
                src.display, decoded.encoding
            )));
        }
        if input::looks_like_html(&decoded.text) {
            messages.push(html_warning(&src.display));
        }
        let mut o = self.clean(
            &decoded.text,
            fields,
            messages,
            &src.display,
            Some(&decoded),
        );
        o.bytes = bytes.len() as u64;
        o
    }

    /// One line of a JSON Lines file: the text in field `field`.
    pub fn json_line(&self, field: &str, file: &str, line: u64, raw: &[u8]) -> Outcome {
        let (text, lossy) = input::decode(raw);
        let location = format!("{file}: line {line}");
        let mut messages = Vec::new();
        if lossy {
            messages.push(Message::Warning(format!(
                "{location}: invalid UTF-8, decoded lossily"
            )));
        }
        let fail = |fields: Option<Map<String, Value>>, error: String, mut messages: Vec<_>| {
            let fields = fields.unwrap_or_else(|| {
                let mut f = Map::new();
                f.insert("path".into(), file.into());
                f.insert("line".into(), line.into());
                f.insert("input".into(), text.trim_end().into());
                f
            });
            messages.push(Message::Error(format!("{location}: {error}")));
            Outcome {
                fields,
                error: Some(error),
                messages,
                bytes: raw.len() as u64,
                label: location.clone(),
                ..Outcome::default()
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
                let error = format!("field {field:?} is not a string");
                return fail(Some(fields), error, messages);
            }
            None => return fail(Some(fields), format!("no field {field:?}"), messages),
        };
        if input::looks_like_html(&page) {
            messages.push(html_warning(&location));
        }
        let mut o = self.clean(&page, fields, messages, &location, None);
        o.bytes = raw.len() as u64;
        o
    }

    /// A WARC record: a `conversion` record becomes one outcome; other types are skipped.
    pub fn wet_record(
        &self,
        file: &str,
        record: &Result<wet::Record, wet::RecordError>,
    ) -> Option<Outcome> {
        let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.to_owned()));
        let r = match record {
            Ok(r) => r,
            Err(e) => return Some(record_error(file, e)),
        };
        if !r
            .header("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("conversion"))
        {
            return None;
        }
        let mut fields = Map::new();
        fields.insert("path".into(), file.into());
        for name in [
            "WARC-Target-URI",
            "WARC-Record-ID",
            "WARC-Date",
            "WARC-Identified-Content-Language",
        ] {
            fields.insert(name.into(), opt(r.header(name)));
        }
        let location = format!("{file}: record {}", r.number);
        let decoded = bodytext::decode(&r.body, self.encoding);
        let mut messages = Vec::new();
        if decoded.lossy {
            messages.push(Message::Warning(format!(
                "{location} {}: invalid {}, decoded lossily",
                r.header("WARC-Record-ID").unwrap_or(""),
                decoded.encoding
            )));
        }
        let mut o = self.clean(&decoded.text, fields, messages, &location, Some(&decoded));
        o.bytes = r.body.len() as u64;
        if let Some(uri) = r.header("WARC-Target-URI") {
            o.label = uri.to_owned();
        }
        Some(o)
    }

    /// Clean one page into an outcome, with the fields `--fields` asks for. A panic inside
    /// the library fails this page only: it is reported and written as an error record, and
    /// the run goes on.
    fn clean(
        &self,
        text: &str,
        fields: Map<String, Value>,
        mut messages: Vec<Message>,
        location: &str,
        decoded: Option<&Decoded<'_>>,
    ) -> Outcome {
        let run = std::panic::AssertUnwindSafe(|| self.cleaner.extract(text));
        let doc = match std::panic::catch_unwind(run) {
            Ok(doc) => doc,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                let error = format!("internal error while cleaning: {what}");
                messages.push(Message::Error(format!("{location}: {error}")));
                return Outcome {
                    fields,
                    error: Some(error),
                    messages,
                    label: location.to_owned(),
                    ..Outcome::default()
                };
            }
        };
        let mut extra = Map::new();
        for field in self.fields {
            match field {
                Field::Title => {
                    extra.insert("title".into(), doc.title.clone().into());
                }
                Field::Language => {
                    extra.insert("language".into(), doc.language.clone().into());
                }
                Field::Encoding => {
                    if let Some(d) = decoded {
                        extra.insert("encoding".into(), d.encoding.into());
                    }
                }
                Field::PageType => {
                    extra.insert("page_type".into(), doc.page_type.to_string().into());
                    extra.insert(
                        "page_type_probability".into(),
                        ((f64::from(doc.page_type_probability) * 1000.0).round() / 1000.0).into(),
                    );
                }
                Field::None => {}
            }
        }
        if self.verbose {
            messages.push(Message::Info(describe(location, &doc, decoded)));
        }
        Outcome {
            fields,
            body: Some(doc.body),
            extra,
            label: location.to_owned(),
            messages,
            ..Outcome::default()
        }
    }
}

/// The `-v` line for a page: paragraphs kept, language, encoding.
fn describe(location: &str, doc: &bodytext::Document, decoded: Option<&Decoded<'_>>) -> String {
    let paragraphs = if doc.body.is_empty() {
        "no body".to_string()
    } else {
        format!("{} paragraphs", doc.body.lines().count())
    };
    let language = doc.language.as_deref().unwrap_or("none of the stoplists");
    let encoding = decoded
        .map(|d| format!(", encoding {} ({})", d.encoding, d.source))
        .unwrap_or_default();
    format!("{location}: {paragraphs}, language {language}{encoding}")
}

/// A WARC record that could not be read, as an error outcome.
fn record_error(file: &str, e: &wet::RecordError) -> Outcome {
    let opt = |v: Option<&str>| v.map_or(Value::Null, |s| Value::String(s.to_owned()));
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
    let mut o = Outcome::failed(fields, e.message.clone(), msg);
    o.label = e
        .target_uri
        .clone()
        .unwrap_or_else(|| format!("{file}: record {}", e.number));
    o
}
