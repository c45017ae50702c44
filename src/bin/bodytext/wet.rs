//! A small, strict-but-forgiving reader for WARC files (WET files are WARC files whose
//! `conversion` records hold the page's plain text), once decompressed (`input::decompress`).
//!
//! Why not the `warc` crate (0.4.0): after a malformed record its reader is left at an
//! unknown position, so one bad `Content-Length` turns into a cascade of bogus errors or
//! swallows the following records; its errors carry no detail ("Error parsing headers.");
//! it accepts only CRLF line endings; and `WarcReader::from_path` opens with `create(true)`,
//! creating a missing input file. This reader reports each bad record once, with its number,
//! and resynchronises on the next `WARC/` version line.

use std::io::{self, BufRead, Read};

/// Bodies larger than this are treated as malformed (protects against absurd lengths).
const MAX_BODY: u64 = 1 << 30;

/// One WARC record: its headers in order, and its body.
#[derive(Debug)]
pub struct Record {
    /// 1-based position of the record in the file.
    pub number: u64,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Record {
    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A record that could not be read.
#[derive(Debug)]
pub struct RecordError {
    /// 1-based position of the record in the file.
    pub number: u64,
    /// `WARC-Record-ID` and `WARC-Target-URI`, when the headers could be parsed.
    pub record_id: Option<String>,
    pub target_uri: Option<String>,
    pub message: String,
    /// True when reading cannot go on (I/O error, corrupt compressed data).
    pub fatal: bool,
}

/// Iterator over the records of a WARC stream.
pub struct Reader<R> {
    inner: R,
    number: u64,
    done: bool,
    /// A version line already read while resynchronising.
    pending_version: Option<String>,
}

impl<R: BufRead> Reader<R> {
    pub fn new(inner: R) -> Self {
        Reader {
            inner,
            number: 0,
            done: false,
            pending_version: None,
        }
    }

    /// Read one line (with its terminator) as bytes; `None` at end of stream.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut buf = Vec::new();
        let n = self.inner.read_until(b'\n', &mut buf)?;
        Ok(if n == 0 { None } else { Some(buf) })
    }

    /// Skip lines until one starts with `WARC/`; keep it for the next record.
    fn resync(&mut self) -> io::Result<()> {
        while let Some(line) = self.line()? {
            if line.starts_with(b"WARC/") {
                self.pending_version = Some(trim_eol(&line));
                return Ok(());
            }
        }
        Ok(())
    }

    fn fail(
        &mut self,
        headers: &[(String, String)],
        message: String,
        fatal: bool,
    ) -> Option<Result<Record, RecordError>> {
        if fatal {
            self.done = true;
        } else if let Err(e) = self.resync() {
            self.done = true;
            return Some(Err(RecordError {
                number: self.number,
                record_id: header(headers, "WARC-Record-ID").map(str::to_owned),
                target_uri: header(headers, "WARC-Target-URI").map(str::to_owned),
                message: format!("{message}; then: {}", describe_io(&e)),
                fatal: true,
            }));
        }
        Some(Err(RecordError {
            number: self.number,
            record_id: header(headers, "WARC-Record-ID").map(str::to_owned),
            target_uri: header(headers, "WARC-Target-URI").map(str::to_owned),
            message,
            fatal,
        }))
    }
}

fn trim_eol(line: &[u8]) -> String {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    String::from_utf8_lossy(&line[..end]).into_owned()
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("corrupt compressed data ({e})")
        }
        _ => e.to_string(),
    }
}

/// One step of reading a record: its value, or the error item the iterator returns.
type Step<T> = Result<T, Option<Result<Record, RecordError>>>;

impl<R: BufRead> Reader<R> {
    /// The version line, after any blank lines between records; `Err(None)` at the end.
    fn version(&mut self) -> Step<String> {
        if let Some(v) = self.pending_version.take() {
            return Ok(v);
        }
        loop {
            match self.line() {
                Err(e) => {
                    self.number += 1;
                    return Err(self.fail(&[], describe_io(&e), true));
                }
                Ok(None) => {
                    self.done = true;
                    return Err(None);
                }
                Ok(Some(line)) => {
                    let text = trim_eol(&line);
                    if !text.trim().is_empty() {
                        return Ok(text);
                    }
                }
            }
        }
    }

    /// Named fields up to the blank line; a line starting with space or tab continues the
    /// previous field.
    fn headers(&mut self) -> Step<Vec<(String, String)>> {
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let line = match self.line() {
                Err(e) => return Err(self.fail(&headers, describe_io(&e), true)),
                Ok(None) => {
                    let msg = "end of file inside the headers".into();
                    return Err(self.fail(&headers, msg, true));
                }
                Ok(Some(line)) => line,
            };
            let text = trim_eol(&line);
            if text.is_empty() {
                return Ok(headers);
            }
            if text.starts_with([' ', '\t']) {
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                    continue;
                }
            }
            if text.starts_with("WARC/") {
                // A new record starts where this one's blank line should be.
                self.pending_version = Some(text);
                let msg = "headers not ended by a blank line".into();
                return Err(self.fail(&headers, msg, false));
            }
            match text.split_once(':') {
                Some((name, value)) if !name.trim().is_empty() => {
                    headers.push((name.trim().to_owned(), value.trim().to_owned()));
                }
                _ => {
                    let shown: String = text.chars().take(40).collect();
                    let msg = format!("malformed header line {shown:?}");
                    return Err(self.fail(&headers, msg, false));
                }
            }
        }
    }

    /// The body's length from `Content-Length`.
    fn length(&mut self, headers: &[(String, String)]) -> Step<u64> {
        let value = header(headers, "Content-Length");
        let msg = match value.map(|v| v.parse::<u64>()) {
            None => "no Content-Length header".to_string(),
            Some(Err(_)) => format!("invalid Content-Length {:?}", value.unwrap_or_default()),
            Some(Ok(n)) if n > MAX_BODY => {
                format!("Content-Length {n} is larger than the limit of {MAX_BODY} bytes")
            }
            Some(Ok(n)) => return Ok(n),
        };
        Err(self.fail(headers, msg, false))
    }

    /// The body, and the two line endings after it (CRLF CRLF; LF LF is tolerated).
    /// Anything else means the Content-Length was wrong, so the body cannot be trusted.
    fn body(&mut self, headers: &[(String, String)], length: u64) -> Step<Vec<u8>> {
        let mut body = Vec::new();
        match (&mut self.inner).take(length).read_to_end(&mut body) {
            Err(e) => return Err(self.fail(headers, describe_io(&e), true)),
            Ok(n) if (n as u64) < length => {
                let msg =
                    format!("truncated record: Content-Length {length}, but only {n} bytes left");
                return Err(self.fail(headers, msg, true));
            }
            Ok(_) => {}
        }
        for _ in 0..2 {
            match self.inner.fill_buf() {
                Err(e) => return Err(self.fail(headers, describe_io(&e), true)),
                Ok([]) => break, // end of file right after the body: accept
                Ok(buf) => {
                    let eol = if buf.starts_with(b"\r\n") {
                        2
                    } else if buf.starts_with(b"\n") || buf == b"\r" {
                        1
                    } else {
                        let msg =
                            format!("record does not end where its Content-Length ({length}) says");
                        return Err(self.fail(headers, msg, false));
                    };
                    self.inner.consume(eol);
                }
            }
        }
        Ok(body)
    }

    fn record(&mut self) -> Step<Record> {
        let version = self.version()?;
        self.number += 1;
        if !version.starts_with("WARC/") {
            let shown: String = version.chars().take(40).collect();
            let msg = format!("expected a WARC/1.x version line, found {shown:?}");
            return Err(self.fail(&[], msg, false));
        }
        let headers = self.headers()?;
        let length = self.length(&headers)?;
        let body = self.body(&headers, length)?;
        Ok(Record {
            number: self.number,
            headers,
            body,
        })
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.record() {
            Ok(r) => Some(Ok(r)),
            Err(item) => item,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, id: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    fn read(data: &[u8]) -> Vec<Result<Record, RecordError>> {
        Reader::new(data).collect()
    }

    #[test]
    fn reads_records_in_order() {
        let data = record("warcinfo", "a", "x: y") + &record("conversion", "b", "Hello\nworld");
        let recs = read(data.as_bytes());
        assert_eq!(recs.len(), 2);
        let b = recs[1].as_ref().unwrap();
        assert_eq!(b.number, 2);
        assert_eq!(b.header("warc-record-id"), Some("<b>"));
        assert_eq!(b.body, b"Hello\nworld");
    }

    #[test]
    fn bad_length_is_reported_once_and_reader_resyncs() {
        let bad = "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <bad>\r\nContent-Length: 3\r\n\r\nlonger body\r\n\r\n";
        let data = record("conversion", "a", "one") + bad + &record("conversion", "c", "three");
        let recs = read(data.as_bytes());
        assert_eq!(recs.len(), 3);
        assert!(recs[0].is_ok());
        let e = recs[1].as_ref().unwrap_err();
        assert_eq!((e.number, e.record_id.as_deref()), (2, Some("<bad>")));
        assert!(!e.fatal);
        let c = recs[2].as_ref().unwrap();
        assert_eq!((c.number, c.body.as_slice()), (3, b"three".as_slice()));
    }

    #[test]
    fn truncated_record_is_fatal() {
        let data = "WARC/1.0\r\nContent-Length: 100\r\n\r\nshort";
        let recs = read(data.as_bytes());
        assert_eq!(recs.len(), 1);
        assert!(recs[0].as_ref().unwrap_err().fatal);
    }

    #[test]
    fn lf_only_files_are_read() {
        let data = "WARC/1.0\nWARC-Type: conversion\nContent-Length: 2\n\nhi\n\n";
        let recs = read(data.as_bytes());
        assert_eq!(recs[0].as_ref().unwrap().body, b"hi");
    }
}
