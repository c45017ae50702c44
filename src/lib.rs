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
//! The pipeline runs one way: text → blocks ([`segment`](crate) stage) → features → scores →
//! labels (context pass) → body. See `DESIGN.md` for where every threshold comes from.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod affinity;
mod block;
mod chars;
mod context;
mod dedup;
mod encoding;
mod features;
mod hash;
mod lang;
mod language;
mod log;
pub mod metrics;
mod options;
mod score;
mod segment;
mod tokens;
#[cfg(feature = "train")]
#[doc(hidden)]
pub mod train;
mod trees;
mod trie;
mod vocab;
mod weights;
mod wordmap;

pub use block::{Block, Document, Kind, Label, Reason};
pub use encoding::{Decoded, EncodingSource, decode};
pub use language::languages;
pub use options::{Error, Options, Preset};

use once_cell::sync::Lazy;

use crate::context::M;
use crate::features::{Features, N};
use crate::segment::Segment;
use crate::trees::Forest;

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
        self.run(text, true)
    }

    /// The pipeline, run again on its own output until that output no longer changes, so that
    /// cleaning clean text changes nothing (a second pass sees the body without the page's
    /// chrome and may drop a block more). `reasons` says whether to spell out the evidence
    /// (only `explain` reads it, and it costs as much as the scoring itself).
    fn run(&self, text: &str, reasons: bool) -> Vec<Block> {
        run_with(
            text,
            &self.options,
            reasons,
            &weights::BLOCK,
            &weights::CONTEXT,
        )
    }

    /// The article body of `text`: the kept blocks of [`explain`](Self::explain), one per line.
    pub fn clean(&self, text: &str) -> String {
        join_kept(&self.run(text, false))
    }

    /// Headline and body of `text`, and the language used.
    pub fn extract(&self, text: &str) -> Document {
        let (blocks, language) = run_with_language(
            text,
            &self.options,
            false,
            &weights::BLOCK,
            &weights::CONTEXT,
        );
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
    pub fn language(&self, text: &str) -> Option<&'static str> {
        lang::choose(self.options.language.as_deref(), &segment::segment(text)).code()
    }
}

/// The pipeline with the given forests (`weights::*` ship; training fits others), settled as
/// `options` say.
pub(crate) fn run_with(
    text: &str,
    options: &Options,
    reasons: bool,
    block: &Forest<'_, N>,
    stages: &[Forest<'_, M>],
) -> Vec<Block> {
    run_with_language(text, options, reasons, block, stages).0
}

/// [`run_with`], and the language of the stoplist its first pass used (`None`: the page's
/// own most frequent words).
pub(crate) fn run_with_language(
    text: &str,
    options: &Options,
    reasons: bool,
    block: &Forest<'_, N>,
    stages: &[Forest<'_, M>],
) -> (Vec<Block>, Option<&'static str>) {
    let segments = segment::segment(text);
    let stops = lang::choose(options.language.as_deref(), &segments);
    // Settling reads the kept blocks again: the features of their text are kept for it.
    // Boxed: growing the vector then moves 16 bytes an entry, not 200.
    let mut reuse: Vec<(usize, Box<Features>)> = Vec::new();
    let feats = features::compute(&segments, &stops, &[]);
    let stage_one = score::stage_one(block, feats, reasons, |i, z, f| {
        if options.settle && worth_reusing(z, &segments[i].text) {
            reuse.push((i, Box::new(f)));
        }
    });
    let mut blocks = context::decide(segments, stage_one, options, reasons, stages);
    if options.settle {
        settle(text, &mut blocks, &stops, &reuse, options, block, stages);
    }
    (blocks, stops.code())
}

/// Stage-one log-odds below which a block's text features are not kept for settling: such a
/// block (p < 0.12) is rarely kept, so rarely read again.
const REUSE_MIN_LOGIT: f32 = -2.0;
/// Blocks shorter than this (bytes) are read again rather than their features kept (about
/// 200 bytes a block). Measured on the dev corpus: with both bounds, settling saves 89 % of
/// the instructions that keeping every block's features saves, and the peak heap grows by
/// 0.35 bytes per input byte instead of 3.1 (`examples/throughput.rs` measures the peak).
const REUSE_MIN_BYTES: usize = 100;

fn worth_reusing(z: f32, text: &str) -> bool {
    z >= REUSE_MIN_LOGIT && text.len() >= REUSE_MIN_BYTES
}

/// Run the pipeline again on the kept blocks of `blocks` (their text, one block per line: the
/// body without the page's chrome, where a second look may drop a block more) until no block
/// is dropped, [`MAX_PASSES`] passes in all at most; blocks a later pass drops are
/// relabelled. This is what cleaning `join_kept(blocks)` again does, without joining and
/// cutting it anew, and with the features of the first pass (`reuse`, by block index, under
/// stopwords `stops`) where the text and the stopwords are the same.
#[allow(clippy::too_many_arguments)]
fn settle(
    text: &str,
    blocks: &mut Vec<Block>,
    stops: &lang::Stops,
    reuse: &[(usize, Box<Features>)],
    options: &Options,
    block: &Forest<'_, N>,
    stages: &[Forest<'_, M>],
) {
    // Features in `reuse` hold until blocks are joined or their text changes.
    let mut rewritten = false;
    let mut budget = SETTLE_BUDGET_TIMES * text.len() + SETTLE_BUDGET_FLOOR;
    for _ in 1..MAX_PASSES {
        let kept: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].kept).collect();
        let bytes: usize = kept.iter().map(|&i| blocks[i].text.len()).sum();
        if kept.is_empty() || bytes > budget {
            break;
        }
        budget -= bytes;
        // The output has one block per line; should the pipeline read it otherwise (lines
        // rejoined as a wrapped paragraph), its blocks no longer map onto these.
        let texts: Vec<&str> = kept.iter().map(|&i| blocks[i].text.as_str()).collect();
        let Some(segment::LinesRead {
            bullets,
            strips,
            joins,
        }) = segment::read_lines(&texts)
        else {
            break;
        };
        drop(texts);
        if strips.iter().any(|&n| n > 0) {
            // A list marker the first pass kept as text (one of two, `• * note`) would go:
            // it goes now.
            for (&i, &n) in kept.iter().zip(&strips) {
                blocks[i].text.drain(..n);
            }
            rewritten = true;
            continue;
        }
        if joins.contains(&true) {
            // Read again, the output is a wrapped paragraph where the first pass saw lines
            // (its lines thinned out, the wrap width shows): join them as the next pass
            // would, where they stand next to each other in the input too (elsewhere the
            // output is left as it is).
            if join_blocks(text, blocks, &kept, &joins) {
                rewritten = true;
                continue;
            }
            // Lines with dropped text between them: joined, they would not be a paragraph
            // of the input, and left apart, a second pass would join them. The line that
            // would be run into the one before goes, so the output reads as it is.
            for (j, _) in joins.iter().enumerate().filter(|(_, j)| **j) {
                let b = &mut blocks[kept[j + 1]];
                let label = b.label;
                drop_block(
                    b,
                    label,
                    "dropped: cleaned again, it would run into the line before",
                );
            }
            continue;
        }
        let n = kept.len();
        let segments: Vec<Segment> = kept
            .iter()
            .zip(bullets)
            .enumerate()
            .map(|(j, (&i, bullet))| Segment {
                // Lent to this pass and given back below.
                text: std::mem::take(&mut blocks[i].text),
                lines: j..j + 1,
                bullet,
                blank_before: j == 0,
                blank_after: j + 1 == n,
                indent: 0,
            })
            .collect();
        let again_stops = lang::choose(options.language.as_deref(), &segments);
        let known: Vec<Option<&Features>> = if again_stops.same(stops) && !rewritten {
            let mut r = reuse.iter().peekable();
            kept.iter()
                .map(|&i| {
                    while r.next_if(|e| e.0 < i).is_some() {}
                    r.peek().filter(|e| e.0 == i).map(|e| &*e.1)
                })
                .collect()
        } else {
            Vec::new()
        };
        let feats = features::compute(&segments, &again_stops, &known);
        let stage_one = score::stage_one(block, feats, false, |_, _, _| {});
        drop(known);
        let again = context::decide(segments, stage_one, options, false, stages);
        let mut changed = false;
        for (b, &i) in again.into_iter().zip(&kept) {
            let dropped = &mut blocks[i];
            dropped.text = b.text;
            if !b.kept {
                drop_block(
                    dropped,
                    b.label,
                    "dropped when the kept text was cleaned again",
                );
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Drop a block a later pass of settling would not keep: labelled with `label`'s kind of
/// boilerplate (or `Other`, when `label` is not boilerplate), `why` first among its reasons.
fn drop_block(block: &mut Block, label: Label, why: &'static str) {
    block.kept = false;
    block.label = match label {
        Label::Boilerplate(kind) => Label::Boilerplate(kind),
        _ => Label::Boilerplate(Kind::Other),
    };
    block.reasons.insert(0, Reason::Context(why));
}

/// Join kept blocks `kept[j]` and `kept[j + 1]` of `blocks` wherever `joins[j]` and they
/// are neighbouring blocks of adjacent lines of `text` that hold nothing but their text (no
/// list marker dropped, no zero-width character at the seam): the joined text is then a
/// paragraph of the input. Whether any were joined.
fn join_blocks(text: &str, blocks: &mut Vec<Block>, kept: &[usize], joins: &[bool]) -> bool {
    let mut joins: Vec<bool> = (0..joins.len())
        .map(|j| {
            joins[j] && {
                let (a, b) = (kept[j], kept[j + 1]);
                b == a + 1 && blocks[a].lines.end == blocks[b].lines.start
            }
        })
        .collect();
    if !joins.contains(&true) {
        return false;
    }
    // The input lines at the seams, read only here and in the order of the joins: the
    // blocks, and so the seams' line numbers, increase with `j`.
    let mut seams = (0..joins.len())
        .filter(|&j| joins[j])
        .map(|j| blocks[kept[j + 1]].lines.start)
        .peekable();
    let mut raw: Vec<(usize, &str, &str)> = Vec::new();
    let mut prev = "";
    for (n, line) in segment::split_lines(text).enumerate() {
        if seams.next_if_eq(&n).is_some() {
            raw.push((n, prev, line));
        }
        if seams.peek().is_none() {
            break;
        }
        prev = line;
    }
    let mut raw = raw.into_iter();
    let mut seam = String::new();
    for j in 0..joins.len() {
        if !joins[j] {
            continue;
        }
        let (a, b) = (&blocks[kept[j]], &blocks[kept[j + 1]]);
        let Some((_, last, first)) = raw.next().filter(|r| r.0 == b.lines.start) else {
            joins[j] = false;
            continue;
        };
        seam.clear();
        segment::push_normalized(&mut seam, last);
        let ends = a.text.ends_with(seam.as_str());
        seam.clear();
        segment::push_normalized(&mut seam, first);
        joins[j] = ends && b.text.starts_with(seam.as_str());
    }
    if !joins.contains(&true) {
        return false;
    }
    let mut into: Option<usize> = None;
    let mut gone = vec![false; blocks.len()];
    for (j, &i) in kept.iter().enumerate() {
        if let Some(t) = into {
            let (head, tail) = blocks.split_at_mut(i);
            let (first, next) = (&mut head[t], &mut tail[0]);
            first.text.push(' ');
            first.text.push_str(&next.text);
            first.lines.end = next.lines.end;
            first.score = first.score.max(next.score);
            if next.label == Label::Body {
                first.label = Label::Body;
            }
            gone[i] = true;
        }
        into = if joins[j] { into.or(Some(i)) } else { None };
        if let Some(t) = into.filter(|&t| t == i) {
            blocks[t].reasons.insert(
                0,
                Reason::Context("joined with the next line: read again, a wrapped paragraph"),
            );
        }
    }
    let mut k = 0;
    blocks.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    true
}

/// Passes of the pipeline at most. Three settle nearly every page of the dev corpus, but a
/// few (a comment thread peeled off a few blocks a pass) need more, and a cap that comes
/// first leaves `clean(clean(t)) != clean(t)`. Of the 6,861 corpus inputs, those whose
/// second `clean` drops blocks without rejoining lines: 111 with a cap of 4, 21 with 12
/// (session 4); 6 with 12 once headline-like blocks above the headline went in one pass.
/// Each pass reads only the text the one before kept, and the cap keeps time linear on
/// hostile input.
const MAX_PASSES: usize = 12;

/// Later passes read at most this many times the input's bytes in all, beyond
/// [`SETTLE_BUDGET_FLOOR`]: a long page whose body sits on the bar (a hostile or generated
/// text) can shed a few blocks a pass for all of [`MAX_PASSES`], which made 10 MB of RTL
/// text with bidi controls cost 6.7× the corpus per byte; with the budget it stops after
/// two passes. Pages of the dev corpus never reach it (`clean` is byte-identical on all of
/// them with and without).
const SETTLE_BUDGET_TIMES: usize = 2;
/// Bytes later passes may always read, so that settling on pages of ordinary size is
/// never cut short (and `clean(clean(t)) == clean(t)` holds there as before).
const SETTLE_BUDGET_FLOOR: usize = 1 << 20;

pub(crate) fn join_kept(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks.iter().filter(|b| b.kept) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&b.text);
    }
    out
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

/// Headline and body of `text`, with default [`Options`].
pub fn extract(text: &str) -> Document {
    DEFAULT.extract(text)
}

// The README's examples decode legacy charsets: feature `encoding`.
#[cfg(all(doctest, feature = "encoding"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
