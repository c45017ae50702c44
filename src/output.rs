//! Labels → body: the blocks `explain` returns, the document `extract` returns, and the
//! body `clean` joins from them.

use std::borrow::Cow;
use std::ops::Range;

use crate::decide::{Decided, Label, Reason};
use crate::model::page_type::PageType;
use crate::options::Options;
use crate::segment::Segment;

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

/// The result of [`extract`](crate::extract): headline, body, language and page type.
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// The kind of page the text was scraped from: detected from the text, or the one
    /// given by [`Options::page_type`](crate::Options::page_type).
    pub page_type: PageType,
    /// The classifier's belief in [`page_type`](Self::page_type), in `(0, 1]` (the
    /// probabilities of all types sum to 1); 1 when the type was given, 0 when it was
    /// neither given nor detected ([`Options::detect_page_type`](crate::Options::detect_page_type)
    /// off: the page is read as an article).
    pub page_type_probability: f32,
}

/// A [`Block`] while its page is read: its text borrowed from the input where it is a slice
/// of it, so that the text settling and `clean` read is not copied (the blocks are held
/// through every later pass); `explain` and `extract` get [`Block`]s. In 56 bytes, not 72:
/// its lines in 32 bits, as a segment's, and its reasons (none unless asked for) without
/// room to grow.
#[derive(Debug, Clone)]
pub(crate) struct Labelled<'a> {
    pub text: Cow<'a, str>,
    pub lines: Range<u32>,
    pub label: Label,
    pub kept: bool,
    pub score: f32,
    pub reasons: Box<[Reason]>,
}

impl Labelled<'_> {
    pub(crate) fn into_block(self) -> Block {
        Block {
            text: self.text.into_owned(),
            lines: self.lines.start as usize..self.lines.end as usize,
            label: self.label,
            kept: self.kept,
            score: self.score,
            reasons: self.reasons.into_vec(),
        }
    }

    /// `reason` first among the block's reasons.
    pub(crate) fn reason_first(&mut self, reason: Reason) {
        let mut reasons = std::mem::take(&mut self.reasons).into_vec();
        reasons.insert(0, reason);
        self.reasons = reasons.into_boxed_slice();
    }
}

/// The kept blocks' text, one per line: the body.
pub(crate) fn join_kept(blocks: &[Block]) -> String {
    // Sized once (a newline at most after each): the body is not copied again as it grows.
    let room = blocks
        .iter()
        .filter(|b| b.kept)
        .map(|b| b.text.len() + 1)
        .sum();
    let mut out = String::with_capacity(room);
    for b in blocks.iter().filter(|b| b.kept) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&b.text);
    }
    out
}

/// [`join_kept`] of blocks read no more: the body takes the first kept block's text and
/// each other one is freed once joined, so that the body and every block's copy of it are
/// not held at once (where most pages that settle peak).
pub(crate) fn join_kept_owned(blocks: Vec<Labelled>) -> String {
    let kept = blocks.iter().filter(|b| b.kept);
    let len = kept.clone().map(|b| b.text.len() + 1).sum::<usize>();
    let mut out = String::new();
    for b in blocks.into_iter().filter(|b| b.kept) {
        if out.is_empty() {
            // Nothing joined yet: the block's text is the body so far.
            out = b.text.into_owned();
            // Sized once: growing would leave up to as much again unused.
            out.reserve_exact(len.saturating_sub(out.len() + 1));
            continue;
        }
        out.push('\n');
        out.push_str(&b.text);
    }
    out
}

/// Whether `clean` keeps a block labelled `label` (a list item if `bullet`).
pub(crate) fn kept(label: Label, bullet: bool, options: &Options) -> bool {
    match label {
        Label::Body => options.keep_lists || !bullet,
        Label::Heading => options.keep_headings,
        _ => false,
    }
}

/// The blocks of a pass: each segment with its label, score and reasons, and whether
/// `clean` keeps it (body, list items and headings as `options` say); where `only` is
/// given (whether `clean` keeps each segment), only the kept ones (`clean` joins no other).
pub(crate) fn blocks<'a>(
    segments: Vec<Segment<'a>>,
    decided: Decided,
    options: &Options,
    only: Option<&[bool]>,
) -> Vec<Labelled<'a>> {
    let Decided {
        labels,
        scores,
        reasons,
        ..
    } = decided;
    // Sized exactly: the blocks are held to the end of the page.
    let n = only.map_or(segments.len(), |k| k.iter().filter(|&&k| k).count());
    let mut out = Vec::with_capacity(n);
    let mut reasons = reasons.into_iter();
    for (i, ((seg, label), score)) in segments.into_iter().zip(labels).zip(scores).enumerate() {
        let reasons = reasons.next().unwrap_or_default();
        let kept = match only {
            Some(k) if !k[i] => continue,
            Some(_) => true,
            None => kept(label, seg.bullet(), options),
        };
        let lines = seg.lines();
        out.push(Labelled {
            text: seg.text.into_cow(),
            lines,
            label,
            kept,
            score,
            reasons: reasons.into_boxed_slice(),
        });
    }
    out
}
