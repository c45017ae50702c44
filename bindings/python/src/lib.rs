//! The native half of the Python package `bodytext`: the library's `clean`, `clean_bytes`,
//! `extract` and `explain`, and a `Cleaner` with fixed options and a parallel `clean_batch`.
//!
//! Every call that runs the pipeline releases the GIL (`Python::detach`), so Python threads
//! clean in parallel; `clean_batch` spreads one batch over rayon's threads. Labels and
//! reasons reach Python as the library renders them (`Display`), never by matching on the
//! library's enums, so new labels or kinds of evidence need no change here.
// PyO3's macros generate no `unsafe` that this attribute rejects.
#![forbid(unsafe_code)]

use std::borrow::Cow;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use rayon::prelude::*;

/// Headline and body of a page, as returned by `extract`.
#[pyclass(module = "bodytext", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
struct Document {
    /// The headline (the title line that repeats or heads the body), or None. Never part of
    /// `body`.
    title: Option<String>,
    /// The article body, exactly what `clean` returns: one paragraph per line.
    body: String,
    /// The language whose stoplist was used (ISO 639-1, given or detected), or None.
    language: Option<String>,
    /// The page's type: "article", "forum", "product", "listing", "collection",
    /// "documentation" or "service" (detected, or the cleaner's `page_type`; "article" when
    /// the cleaner's `detect_page_type` is False and it gives no type).
    page_type: String,
    /// The classifier's belief in `page_type`: in (0, 1] when detected, 1 when given, 0
    /// when neither given nor detected (`detect_page_type=False`).
    page_type_probability: f32,
}

#[pymethods]
impl Document {
    fn __repr__(&self) -> String {
        format!(
            "Document(title={}, body={}, language={}, page_type={}, page_type_probability={:.3})",
            py_repr_opt(self.title.as_deref()),
            py_repr(&self.body),
            py_repr_opt(self.language.as_deref()),
            py_repr(&self.page_type),
            self.page_type_probability
        )
    }
}

impl From<bodytext::Document> for Document {
    fn from(d: bodytext::Document) -> Self {
        Document {
            title: d.title,
            body: d.body,
            language: d.language,
            page_type: d.page_type.name().to_owned(),
            page_type_probability: d.page_type_probability,
        }
    }
}

/// One block of the input (a paragraph, a list item, a table row …) with the decision
/// taken on it, as returned by `explain`.
#[pyclass(module = "bodytext", frozen, get_all, eq)]
#[derive(Clone, PartialEq)]
struct Block {
    /// The block's text, whitespace normalised.
    text: String,
    /// The final label: "body", "title", "heading", or "boilerplate:<kind>" (for example
    /// "boilerplate:navigation").
    label: String,
    /// Whether the block is part of the output of `clean`.
    kept: bool,
    /// The classifier's belief that the block is body, in [0, 1].
    score: f64,
    /// The evidence behind the label, strongest first, one sentence each.
    reasons: Vec<String>,
    /// The input lines the block was made from: (first, end), 0-based, end exclusive.
    lines: (usize, usize),
}

#[pymethods]
impl Block {
    fn __repr__(&self) -> String {
        format!(
            "Block(label={}, kept={}, score={:.3}, lines=({}, {}), text={}, reasons=[{}])",
            py_repr(&self.label),
            if self.kept { "True" } else { "False" },
            self.score,
            self.lines.0,
            self.lines.1,
            py_repr(&self.text),
            self.reasons
                .iter()
                .map(|r| py_repr(r))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

impl From<bodytext::Block> for Block {
    fn from(b: bodytext::Block) -> Self {
        Block {
            label: b.label.to_string(),
            kept: b.kept,
            score: f64::from(b.score),
            reasons: b.reasons.iter().map(ToString::to_string).collect(),
            lines: (b.lines.start, b.lines.end),
            text: b.text,
        }
    }
}

/// A Python string literal for `s` (single quotes, as `repr` writes them for plain text).
fn py_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn py_repr_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), py_repr)
}

/// A boilerplate remover with fixed options, safe to share between threads and cheap to
/// reuse: build it once, call it on many pages.
///
/// preset: "precision", "balanced" (the default) or "recall", the trade-off between
///     keeping too much and dropping too much.
/// headings: keep headings inside the body.
/// lists: keep list items inside the body.
/// language: ISO 639-1 code of the pages' language ("en", "de" …); None detects it.
/// settle: clean the output again until it no longer changes (False: one pass, about a
///     third faster, and cleaning clean text may then drop more).
/// page_type: the kind of page, when the caller knows it: "article", "forum", "product",
///     "listing", "collection", "documentation" or "service" (the names
///     `Document.page_type` returns); None detects it. The type sets the page's bar (a
///     listing's, a forum's or a manual's is lower). `extract` returns the type given,
///     with probability 1.
/// detect_page_type: where `page_type` gives none, detect the kind of page and clean it
///     as that kind (the default); False reads every page as an article, in about a
///     quarter less time, and `extract` reports "article" with probability 0.
///
/// Raises ValueError for an unknown preset or page type, or a malformed language code.
#[pyclass(module = "bodytext", frozen)]
struct Cleaner {
    inner: bodytext::Cleaner,
    /// The preset's name as given (lower-cased), for `repr` and pickling.
    preset: String,
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (
        preset = "balanced",
        headings = true,
        lists = true,
        language = None,
        settle = true,
        page_type = None,
        detect_page_type = true,
    ))]
    fn new(
        preset: &str,
        headings: bool,
        lists: bool,
        language: Option<String>,
        settle: bool,
        page_type: Option<&str>,
        detect_page_type: bool,
    ) -> PyResult<Self> {
        let parsed: bodytext::Preset = preset.parse().map_err(value_error)?;
        let mut options = bodytext::Options::default()
            .preset(parsed)
            .keep_headings(headings)
            .keep_lists(lists)
            .settle(settle)
            .detect_page_type(detect_page_type);
        if let Some(code) = language {
            options = options.language(code);
        }
        if let Some(name) = page_type {
            let kind: bodytext::PageType = name
                .parse()
                .map_err(|e: bodytext::UnknownPageType| PyValueError::new_err(e.to_string()))?;
            options = options.page_type(kind);
        }
        let inner = bodytext::Cleaner::new(options).map_err(value_error)?;
        Ok(Cleaner {
            inner,
            preset: preset.to_ascii_lowercase(),
        })
    }

    /// The article body of `text`: body paragraphs in input order, one per line,
    /// whitespace normalised, no trailing newline; "" when there is no body.
    fn clean(&self, py: Python<'_>, text: Cow<'_, str>) -> String {
        py.detach(|| self.inner.clean(&text))
    }

    /// `clean` for bytes that may not be UTF-8: a UTF-8 byte order mark is dropped and
    /// invalid sequences become U+FFFD before cleaning.
    fn clean_bytes(&self, py: Python<'_>, data: Cow<'_, [u8]>) -> String {
        py.detach(|| clean_bytes_with(&self.inner, &data))
    }

    /// Headline and body of `text`, as a Document.
    fn extract(&self, py: Python<'_>, text: Cow<'_, str>) -> Document {
        py.detach(|| self.inner.extract(&text)).into()
    }

    /// Every block of `text`, in order, with its label, score and reasons (a list of
    /// Block). `clean` is the text of the blocks whose `kept` is True, joined by "\n".
    fn explain(&self, py: Python<'_>, text: Cow<'_, str>) -> Vec<Block> {
        let blocks = py.detach(|| self.inner.explain(&text));
        blocks.into_iter().map(Block::from).collect()
    }

    /// `clean` of every text of `texts`, in the same order, cleaned in parallel with the
    /// GIL released.
    ///
    /// threads: how many threads clean the batch; None uses every core (or the
    ///     RAYON_NUM_THREADS environment variable), 1 cleans in the calling thread.
    #[pyo3(signature = (texts, threads = None))]
    fn clean_batch(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let cleaner = &self.inner;
        match threads {
            Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
            Some(1) => Ok(py.detach(|| texts.iter().map(|t| cleaner.clean(t)).collect())),
            // A pool of its own for each batch, never rayon's global one: a process forked
            // after a batch (multiprocessing, datatrove's workers) would inherit a global
            // pool without its threads, and its next batch would wait for ever.
            _ => py.detach(|| {
                let mut pool = rayon::ThreadPoolBuilder::new();
                if let Some(n) = threads {
                    pool = pool.num_threads(n);
                }
                let pool = pool
                    .build()
                    .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
                Ok(pool.install(|| texts.par_iter().map(|t| cleaner.clean(t)).collect()))
            }),
        }
    }

    /// The precision / recall preset: "precision", "balanced" or "recall".
    #[getter]
    fn preset(&self) -> &str {
        &self.preset
    }

    /// Whether headings inside the body are kept.
    #[getter]
    fn headings(&self) -> bool {
        self.inner.options().keep_headings
    }

    /// Whether list items inside the body are kept.
    #[getter]
    fn lists(&self) -> bool {
        self.inner.options().keep_lists
    }

    /// The language hint (ISO 639-1), or None when the language is detected.
    #[getter]
    fn language(&self) -> Option<&str> {
        self.inner.options().language.as_deref()
    }

    /// Whether the output is cleaned again until it no longer changes.
    #[getter]
    fn settle(&self) -> bool {
        self.inner.options().settle
    }

    /// The page type given ("article", "forum" …), or None when it is detected.
    #[getter]
    fn page_type(&self) -> Option<&'static str> {
        self.inner.options().page_type.map(bodytext::PageType::name)
    }

    /// Whether the page type is detected where none is given (False: every page is read
    /// as an article).
    #[getter]
    fn detect_page_type(&self) -> bool {
        self.inner.options().detect_page_type
    }

    fn __repr__(&self) -> String {
        let o = self.inner.options();
        let yes = |b: bool| if b { "True" } else { "False" };
        format!(
            "Cleaner(preset={}, headings={}, lists={}, language={}, settle={}, page_type={}, \
             detect_page_type={})",
            py_repr(&self.preset),
            yes(o.keep_headings),
            yes(o.keep_lists),
            py_repr_opt(o.language.as_deref()),
            yes(o.settle),
            py_repr_opt(o.page_type.map(bodytext::PageType::name)),
            yes(o.detect_page_type)
        )
    }

    /// Pickling (and `copy.deepcopy`) rebuild the cleaner from its options, so a cleaner
    /// travels to worker processes (datatrove, Spark, multiprocessing).
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let o = this.inner.options();
        let args = (
            this.preset.as_str(),
            o.keep_headings,
            o.keep_lists,
            o.language.as_deref(),
            o.settle,
            o.page_type.map(bodytext::PageType::name),
            o.detect_page_type,
        )
            .into_pyobject(py)?;
        Ok((slf.get_type().into_any(), args))
    }
}

fn value_error(e: bodytext::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// The library's `clean_bytes` with any cleaner: the BOM dropped, lossy UTF-8 decoding.
fn clean_bytes_with(cleaner: &bodytext::Cleaner, data: &[u8]) -> String {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    cleaner.clean(&String::from_utf8_lossy(data))
}

/// The article body of `text` with the default options: body paragraphs in input order,
/// one per line, whitespace normalised, no trailing newline; "" when there is no body.
#[pyfunction]
fn clean(py: Python<'_>, text: Cow<'_, str>) -> String {
    py.detach(|| bodytext::clean(&text))
}

/// `clean` for bytes that may not be UTF-8: a UTF-8 byte order mark is dropped and invalid
/// sequences become U+FFFD before cleaning.
#[pyfunction]
fn clean_bytes(py: Python<'_>, data: Cow<'_, [u8]>) -> String {
    py.detach(|| bodytext::clean_bytes(&data))
}

/// Headline and body of `text` with the default options, as a Document.
#[pyfunction]
fn extract(py: Python<'_>, text: Cow<'_, str>) -> Document {
    py.detach(|| bodytext::extract(&text)).into()
}

/// Every block of `text` with the default options, in order, with its label, score and
/// reasons (a list of Block). `clean` is the text of the blocks whose `kept` is True,
/// joined by "\n".
#[pyfunction]
fn explain(py: Python<'_>, text: Cow<'_, str>) -> Vec<Block> {
    let blocks = py.detach(|| bodytext::explain(&text));
    blocks.into_iter().map(Block::from).collect()
}

/// Strip boilerplate (menus, ads, share buttons, footers, comment forms) from text scraped
/// off web pages and keep the article body.
#[pymodule]
fn _bodytext(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(clean_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_class::<Cleaner>()?;
    m.add_class::<Document>()?;
    m.add_class::<Block>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
