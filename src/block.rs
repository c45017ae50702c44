//! The output of the pipeline: blocks with their label, score and reasons.

use std::fmt;
use std::ops::Range;

/// Why a block was judged boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Kind {
    /// Menus, breadcrumbs, "Skip to content", link lists.
    Navigation,
    /// "Advertisement", "Sponsored", "Scroll to continue".
    Advertisement,
    /// "Share this", "Follow us", social network names.
    Share,
    /// Newsletter sign-ups, paywall pitches, "Sign in", plans and prices.
    Subscription,
    /// Comment sections and comment forms ("Leave a Reply").
    Comments,
    /// Photo captions and credits.
    Caption,
    /// "Read also", "Related articles", "Most popular".
    Related,
    /// Copyright lines, cookie notices, terms, footers.
    Legal,
    /// Bylines, dates, tags, reading times.
    Metadata,
    /// Pagination ("Page 1 | 2 | 3", "Next »").
    Pagination,
    /// Text too short or too link-like to be body, with no more specific kind.
    Other,
}

impl Kind {
    /// A short lower-case name, as used by `explain` output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Navigation => "navigation",
            Kind::Advertisement => "advertisement",
            Kind::Share => "share",
            Kind::Subscription => "subscription",
            Kind::Comments => "comments",
            Kind::Caption => "caption",
            Kind::Related => "related",
            Kind::Legal => "legal",
            Kind::Metadata => "metadata",
            Kind::Pagination => "pagination",
            Kind::Other => "other",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The final decision for one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Label {
    /// A paragraph of the article body.
    Body,
    /// The headline of the page (never part of the body output).
    Title,
    /// A heading inside the body (kept unless `Options::keep_headings` is off).
    Heading,
    /// Anything else, with the reason it is not body.
    Boilerplate(Kind),
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Body => f.write_str("body"),
            Label::Title => f.write_str("title"),
            Label::Heading => f.write_str("heading"),
            Label::Boilerplate(k) => write!(f, "boilerplate:{k}"),
        }
    }
}

/// One piece of evidence that moved a block's score or label.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
// Reasons borrow their names and phrases from the crate's tables: deserialized, they
// borrow from input that lives as long (`'static`).
#[non_exhaustive]
pub enum Reason {
    /// A boilerplate phrase of the vocabulary was found.
    Keyword {
        /// What the phrase signals.
        kind: Kind,
        /// The phrase as listed in the vocabulary.
        #[cfg_attr(feature = "serde", serde(borrow))]
        phrase: &'static str,
    },
    /// A density feature contributed to the score.
    Feature {
        /// Feature name (see `DESIGN.md`).
        #[cfg_attr(feature = "serde", serde(borrow))]
        name: &'static str,
        /// The feature's value for this block.
        value: f32,
        /// Its contribution to the score.
        weight: f32,
    },
    /// A decision taken by the context pass.
    Context(#[cfg_attr(feature = "serde", serde(borrow))] &'static str),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Keyword { kind, phrase } => write!(f, "keyword {kind}: \"{phrase}\""),
            Reason::Feature {
                name,
                value,
                weight,
            } => write!(f, "{name}={value:.2} ({weight:+.2})"),
            Reason::Context(s) => write!(f, "context: {s}"),
        }
    }
}

/// A block of the input (a paragraph, a list item, a table row …) with the decision taken on it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
// Reasons borrow their names and phrases from the crate's tables: deserialized, they
// borrow from input that lives as long (`'static`).
#[cfg_attr(feature = "serde", serde(bound(deserialize = "'de: 'static")))]
#[non_exhaustive]
pub struct Block {
    /// The block's text, whitespace normalised (one ASCII space between words, trimmed).
    pub text: String,
    /// The input lines (0-based, end exclusive) the block was made from.
    pub lines: Range<usize>,
    /// The final label.
    pub label: Label,
    /// Whether the block is part of the output of `clean` (Body, and Heading when headings are kept).
    pub kept: bool,
    /// Classifier score: the probability-like belief that the block is body, in `[0, 1]`.
    pub score: f32,
    /// The evidence behind the label, strongest first.
    pub reasons: Vec<Reason>,
}

/// The result of [`extract`](crate::extract): headline and body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Document {
    /// The headline: the title line that repeats or heads the body. Never part of `body`.
    pub title: Option<String>,
    /// The article body, as returned by [`clean`](crate::clean).
    pub body: String,
    /// The language whose stoplist was used (ISO 639-1): the one given in
    /// [`Options::language`](crate::Options::language), else the one detected; `None` when
    /// no shipped stoplist fits the page (its own most frequent words are used instead).
    pub language: Option<String>,
    /// The encoding the input bytes were decoded from (WHATWG name: `UTF-8`,
    /// `windows-1252`, `Shift_JIS` …), for [`extract_bytes`](crate::extract_bytes); `None`
    /// for input given as text.
    pub encoding: Option<String>,
    /// How [`encoding`](Self::encoding) was chosen; `None` for input given as text.
    pub encoding_source: Option<crate::EncodingSource>,
}
