//! Which inputs to read: paths given on the command line, folders walked recursively, stdin.

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};

/// One input file (or stdin).
#[derive(Debug, Clone)]
pub struct Source {
    /// `None` is stdin.
    pub path: Option<PathBuf>,
    /// The name shown in messages and in the `path` field of JSON output.
    pub display: String,
    /// Where its output goes below `--out DIR`: the path relative to the folder given on the
    /// command line, or the path of a file given directly without its root, `.` and `..`.
    pub rel: PathBuf,
}

impl Source {
    pub fn stdin() -> Self {
        Source {
            path: None,
            display: "<stdin>".into(),
            rel: PathBuf::from("stdin"),
        }
    }

    /// Open for reading (stdin or the file).
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        match &self.path {
            None => Ok(Box::new(io::stdin())),
            Some(p) => Ok(Box::new(fs::File::open(p)?)),
        }
    }

    /// All its bytes, decompressed when they are gzip or zstd.
    pub fn read_all(&self) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        decompress(self.open()?)?.read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

/// Whether `name` ends in `.EXT` for one of `exts` (case-insensitive); true when `exts` is
/// empty. Multi-part extensions such as `wet.gz` work.
pub fn ext_matches(name: &str, exts: &[String]) -> bool {
    exts.is_empty()
        || exts.iter().any(|e| {
            let e = e.trim_start_matches('.');
            name.len() > e.len()
                && name.as_bytes()[name.len() - e.len() - 1] == b'.'
                && name[name.len() - e.len()..].eq_ignore_ascii_case(e)
        })
}

/// Expand the command-line paths into files, in the order given; folders are walked
/// recursively in name order, keeping files that match `exts`. Symbolic links to files are
/// followed, links to folders are not (no cycles). Paths that do not exist are kept: reading
/// them fails later, in order, with a clear message. Folder errors go to `errors`.
pub fn collect(paths: &[PathBuf], exts: &[String], errors: &mut Vec<String>) -> Vec<Source> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::stdin());
        } else if p.is_dir() {
            walk(p, p, exts, &mut out, errors);
        } else {
            // The path as given, less any root, `.` and `..` parts, so that it stays below
            // `--out DIR`: `../corpus/a/w3m.txt` → `corpus/a/w3m.txt`.
            let rel: PathBuf = p
                .components()
                .filter(|c| matches!(c, Component::Normal(_)))
                .collect();
            out.push(Source {
                path: Some(p.clone()),
                display: p.display().to_string(),
                rel,
            });
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, exts: &[String], out: &mut Vec<Source>, errors: &mut Vec<String>) {
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd.collect::<Result<Vec<_>, _>>(),
        Err(e) => Err(e),
    };
    let mut entries = match entries {
        Ok(v) => v,
        Err(e) => {
            errors.push(format!("{}: cannot read folder: {e}", dir.display()));
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(ft) = entry.file_type() else {
            errors.push(format!("{}: cannot read file type", path.display()));
            continue;
        };
        if ft.is_dir() {
            walk(root, &path, exts, out, errors);
            continue;
        }
        if ft.is_symlink() && !path.is_file() {
            continue;
        }
        if ext_matches(&entry.file_name().to_string_lossy(), exts) {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            out.push(Source {
                display: path.display().to_string(),
                path: Some(path),
                rel,
            });
        }
    }
}

/// Read a list of paths, one a line (`-` reads the list from stdin). Blank lines are skipped.
pub fn read_list(list: &Path) -> io::Result<Vec<PathBuf>> {
    let reader: Box<dyn BufRead> = if list.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(fs::File::open(list)?))
    };
    let mut out = Vec::new();
    for line in reader.lines() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            out.push(PathBuf::from(line));
        }
    }
    Ok(out)
}

/// Open a stream, decompressing it when it starts with the magic bytes of gzip or zstd.
/// Multi-member gzip (one member per record, as Common Crawl writes them) and multi-frame
/// zstd are read as one stream.
pub fn decompress<R: Read + 'static>(inner: R) -> io::Result<Box<dyn BufRead>> {
    const GZIP: &[u8] = &[0x1f, 0x8b];
    const ZSTD: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
    let mut buffered = BufReader::with_capacity(1 << 16, inner);
    let magic = buffered.fill_buf()?;
    if magic.starts_with(GZIP) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )))
    } else if magic.starts_with(ZSTD) {
        let decoder = zstd::stream::read::Decoder::with_buffer(buffered)?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, decoder)))
    } else {
        Ok(Box::new(buffered))
    }
}

/// Whether `text` looks like HTML rather than text: it starts with `<!doctype` or `<html`
/// (after spaces and a byte-order mark), or its first 64 KiB hold at least five tags and
/// twice as many bytes inside tags as visible ones outside. Text renderings can quote
/// markup (MathML, code): of the 6,444 inputs of the dev corpus, 2 have more bytes inside
/// tags than outside (1.3 and 1.1 times as many), none twice as many.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let starts = |p: &str| {
        head.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if starts("<!doctype") || starts("<html") {
        return true;
    }
    let sample = &text.as_bytes()[..text.len().min(1 << 16)];
    let (mut tags, mut in_tags, mut visible) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < sample.len() {
        let b = sample[i];
        let opens = b == b'<'
            && sample
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!'));
        if opens {
            let end = sample.len().min(i + MAX_TAG);
            if let Some(len) = sample[i..end].iter().position(|&c| c == b'>') {
                tags += 1;
                in_tags += len + 1;
                i += len + 1;
                continue;
            }
        }
        visible += usize::from(!b.is_ascii_whitespace());
        i += 1;
    }
    tags >= 5 && in_tags > 2 * visible
}

/// Bytes a tag may span (a `<` with no `>` this close is text).
const MAX_TAG: usize = 1024;

/// Decode bytes as UTF-8, dropping a byte-order mark; invalid sequences become U+FFFD. The
/// flag tells whether any were replaced.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let lossy = matches!(text, Cow::Owned(_));
    (text, lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions() {
        let txt = vec!["txt".to_string()];
        assert!(ext_matches("w3m.txt", &txt));
        assert!(ext_matches("A.TXT", &txt));
        assert!(!ext_matches("txt", &txt));
        assert!(!ext_matches("a.text", &txt));
        assert!(ext_matches("x.warc.wet.gz", &["wet.gz".to_string()]));
        assert!(ext_matches("anything", &[]));
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html("\u{feff}\n<!DOCTYPE html><p>x"));
        assert!(looks_like_html("<html lang=en>"));
        let tags = "<div class=\"a\"><span>Home</span> <a href=\"/news\">News</a></div>\n";
        assert!(looks_like_html(&tags.repeat(3)));
        assert!(!looks_like_html(
            "Prices: 3 < 4 and 5 > 2.\n\nA <b>bold</b> claim."
        ));
        assert!(!looks_like_html(
            &"A paragraph of text, with <em>some</em> markup. ".repeat(5)
        ));
    }

    #[test]
    fn decoding_is_lossy_and_flags_it() {
        assert_eq!(decode(b"\xEF\xBB\xBFok"), (Cow::Borrowed("ok"), false));
        let (t, lossy) = decode(b"a\xffb");
        assert_eq!((t.as_ref(), lossy), ("a\u{FFFD}b", true));
    }
}
