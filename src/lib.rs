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

mod cleaner;
mod decide;
mod encoding;
mod features;
mod languages;
mod model;
mod options;
mod output;
mod packed;
mod page;
mod segment;
mod settle;
mod text;
#[cfg(feature = "train")]
#[doc(hidden)]
pub mod train;
mod util;

pub use cleaner::Cleaner;
pub use decide::{Label, Reason, Rule};
pub use encoding::{Decoded, EncodingSource, decode};
pub use features::vocab::Kind;
pub use languages::languages;
pub use model::page_type::{PageType, UnknownPageType};
pub use options::{Error, Options, Preset};
pub use output::{Block, Document};

use once_cell::sync::Lazy;

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
