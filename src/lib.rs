//! Strip boilerplate from text scraped off web pages and keep the article body.
//!
//! Scrapers that turn HTML into text get everything: menus, "Subscribe to our newsletter",
//! share buttons, captions, "Read also" links, comment forms, footers. [`clean`] returns only
//! the body paragraphs, in order, one paragraph per line, with whitespace normalised. Nothing
//! is invented or reworded: every output line is a paragraph of the input.
//!
//! ```
//! let page = "Home | News | Sport\n\n\
//!     Storm closes coastal roads\n\n\
//!     Heavy rain and strong winds closed several coastal roads on Tuesday, and the \
//!     authorities asked drivers to stay at home until the storm has passed over the region.\n\n\
//!     Officials said the roads would reopen once the water had drained away and the damage \
//!     had been checked by engineers, which could take until the end of the week.\n\n\
//!     Share this article\n\
//!     © 2024 Example News. All rights reserved.";
//! let body = bodytext::clean(page);
//! assert!(body.starts_with("Heavy rain"));
//! assert!(!body.contains("Share this"));
//! assert!(!body.contains("All rights reserved"));
//! ```
//!
//! To see why each block was kept or dropped, use [`explain`]; to tune the decision, build a
//! [`Cleaner`] from [`Options`]:
//!
//! ```
//! use bodytext::{Cleaner, Label, Options, Preset};
//! let cleaner = Cleaner::new(Options::default().preset(Preset::Recall)).unwrap();
//! for block in cleaner.explain("Sign in\n\nA paragraph of text.") {
//!     println!("{:>24} {:.2} {}", block.label.to_string(), block.score, block.text);
//! }
//! ```
//!
//! The pipeline runs one way: text → blocks (segment) → language → features → stage-one
//! scores → context scores → rules → labels → body. `DESIGN.md` names the file of each
//! stage and says where every threshold comes from.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod decide;
mod encoding;
mod features;
mod languages;
mod model;
mod options;
mod output;
mod page;
mod segment;
mod settle;
mod text;
#[cfg(feature = "train")]
#[doc(hidden)]
pub mod train;
mod util;

pub use decide::{Label, Reason, Rule};
pub use encoding::{Decoded, EncodingSource, decode};
pub use features::vocab::Kind;
pub use languages::languages;
pub use model::page_type::{PageType, UnknownPageType};
pub use options::{Error, Options, Preset};
pub use output::{Block, Document};

use once_cell::sync::Lazy;

use crate::model::Models;
use crate::output::join_kept;
use crate::page::{Page, Run};

/// A reusable boilerplate remover with fixed [`Options`]. Cheap to clone, `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    options: Options,
}

impl Cleaner {
    /// Build a cleaner; fails when an option is invalid (for example a malformed language code).
    pub fn new(options: Options) -> Result<Self, Error> {
        options.validate()?;
        Ok(Cleaner { options })
    }

    /// The options this cleaner was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Every block of `text`, in order, with its label, score and reasons.
    pub fn explain(&self, text: &str) -> Vec<Block> {
        run(text, &self.options, model::SHIPPED, true)
    }

    /// The article body of `text`: the kept blocks of [`explain`](Self::explain), one per line.
    pub fn clean(&self, text: &str) -> String {
        join_kept(&run(text, &self.options, model::SHIPPED, false))
    }

    /// Headline, body and page type of `text`, and the language used.
    pub fn extract(&self, text: &str) -> Document {
        let (blocks, language, page_type) =
            run_with_language(text, &self.options, model::SHIPPED, false);
        let title = blocks
            .iter()
            .find(|b| b.label == Label::Title)
            .map(|b| b.text.clone());
        Document {
            title,
            body: join_kept(&blocks),
            language: language.map(str::to_owned),
            encoding: None,
            encoding_source: None,
            page_type: page_type.kind,
            page_type_probability: page_type.probability,
        }
    }

    /// [`clean`](Self::clean) for bytes in any encoding, decoded as [`decode`] says (a
    /// byte-order mark, else [`Options::encoding`], else UTF-8 when valid, else detected).
    pub fn clean_bytes(&self, bytes: &[u8]) -> String {
        self.clean(&decode(bytes, self.options.encoding.as_deref()).text)
    }

    /// [`extract`](Self::extract) for bytes in any encoding (see
    /// [`clean_bytes`](Self::clean_bytes)); the encoding used is in the [`Document`].
    pub fn extract_bytes(&self, bytes: &[u8]) -> Document {
        let decoded = decode(bytes, self.options.encoding.as_deref());
        let mut doc = self.extract(&decoded.text);
        doc.encoding = Some(decoded.encoding.to_owned());
        doc.encoding_source = Some(decoded.source);
        doc
    }

    /// The language whose stoplist cleaning `text` uses (ISO 639-1): the option when given,
    /// else the one detected; `None` when no shipped stoplist fits. [`extract`](Self::extract)
    /// reports it too, without the extra pass over the text this makes.
    ///
    /// ```
    /// use bodytext::{Cleaner, Options};
    /// let text = "Die Stadt hat am Montag den neuen Park eröffnet, und viele Familien kamen \
    ///     mit ihren Kindern, um die Wiesen und den Spielplatz zu sehen.";
    /// assert_eq!(Cleaner::default().language(text), Some("de"));
    /// let given = Cleaner::new(Options::default().language("nl")).unwrap();
    /// assert_eq!(given.language(text), Some("nl"));
    /// ```
    pub fn language(&self, text: &str) -> Option<&'static str> {
        let segments = segment::segment(text);
        features::language::choose(self.options.language.as_deref(), &segments).code()
    }
}

/// The pipeline over `text` with the forests `models`, settled as `options` say; `reasons`
/// says whether to spell out the evidence.
pub(crate) fn run(text: &str, options: &Options, models: Models<'_>, reasons: bool) -> Vec<Block> {
    run_with_language(text, options, models, reasons).0
}

/// [`run`], the language of the stoplist its first pass used (`None`: the page's own
/// most frequent words) and the page's type.
fn run_with_language(
    text: &str,
    options: &Options,
    models: Models<'_>,
    reasons: bool,
) -> (Vec<Block>, Option<&'static str>, model::page_type::Guess) {
    let mut page = Page::read(
        text,
        Run {
            options,
            models,
            reasons,
        },
    );
    let language = page.stops.code();
    if options.settle {
        page.settle();
    }
    let (blocks, page_type) = page.into_parts();
    (blocks, language, page_type)
}

static DEFAULT: Lazy<Cleaner> = Lazy::new(Cleaner::default);

/// The article body of `text` with default [`Options`]: body paragraphs in input order, one
/// per line, whitespace normalised, no trailing newline; empty when there is no body.
///
/// ```
/// assert_eq!(bodytext::clean(""), "");
/// ```
pub fn clean(text: &str) -> String {
    DEFAULT.clean(text)
}

/// [`clean`] for bytes that may not be UTF-8, with default [`Options`]: a byte-order mark is
/// dropped and decides the encoding; else valid UTF-8 is read as such; else the encoding is
/// detected (feature `encoding`, on by default; without it invalid sequences become U+FFFD).
/// See [`decode`], and [`Options::encoding`] to give the charset.
///
/// ```
/// assert_eq!(bodytext::clean_bytes(b"\xEF\xBB\xBF"), "");
/// ```
pub fn clean_bytes(bytes: &[u8]) -> String {
    DEFAULT.clean_bytes(bytes)
}

/// [`extract`] for bytes that may not be UTF-8 (see [`clean_bytes`]), with default
/// [`Options`]; the [`Document`] tells which encoding was used.
pub fn extract_bytes(bytes: &[u8]) -> Document {
    DEFAULT.extract_bytes(bytes)
}

/// Every block of `text` with its label, score and reasons, with default [`Options`].
/// [`clean`] is exactly the blocks whose `kept` is true, joined by `\n`.
pub fn explain(text: &str) -> Vec<Block> {
    DEFAULT.explain(text)
}

/// Headline, body and page type of `text`, with default [`Options`].
///
/// ```
/// let doc = bodytext::extract("Home | News\n\nA paragraph of text.");
/// println!("a page of type {} ({:.2})", doc.page_type, doc.page_type_probability);
/// assert!(doc.page_type_probability > 0.0 && doc.page_type_probability <= 1.0);
/// ```
pub fn extract(text: &str) -> Document {
    DEFAULT.extract(text)
}

// The README's examples decode legacy charsets: feature `encoding`.
#[cfg(all(doctest, feature = "encoding"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
