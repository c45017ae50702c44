//! One page through the pipeline, in order: segment → language → features → stage one →
//! context → rules → labels → body. [`Page`] owns what a pass knows; settling
//! (`settle.rs`) runs later passes over what the first one kept.

use crate::decide::{self, Decided};
use crate::features::language::{self, Samples, Stops};
use crate::features::page::{BlockMarks, PageStats};
use crate::features::{self, Features, Texts};
use crate::model::page_type::{self, Guess};
use crate::model::trees::Rows;
use crate::model::{self, Models};
use crate::options::Options;
use crate::output::{self, Block};
use crate::packed::Packed;
use crate::segment::{self, Segment};
use crate::util::hash::FxHashMap;
use crate::util::to_u32;
use std::collections::hash_map::Entry;

/// How a pass runs: the options, the forests, and whether to spell out reasons (only
/// `explain` reads them, and they cost as much as the scoring itself).
#[derive(Clone, Copy)]
pub(crate) struct Run<'a> {
    pub options: &'a Options,
    pub models: Models<'a>,
    pub reasons: bool,
}

/// A page and what its passes found.
pub(crate) struct Page<'a> {
    /// The input.
    pub(crate) text: &'a str,
    pub(crate) run: Run<'a>,
    /// The stopwords of the page's language.
    pub(crate) stops: Stops,
    /// What the blocks sampled for the language added to the sample (by block index),
    /// so that later passes choose without reading them again.
    pub(crate) samples: Samples,
    /// Features of the first pass kept for settling (by block index), packed: those of the
    /// blocks likely to be read again.
    pub(crate) reuse: Vec<(usize, Packed)>,
    /// The first pass's stage-one log-odds of every block (by block index; empty unless
    /// settling), which later passes read while the blocks' text and stopwords hold.
    pub(crate) scores: Vec<f32>,
    /// Every block, labelled (for `clean`, once settling starts, only those kept).
    pub(crate) blocks: Vec<Block>,
    /// How many blocks the first pass read.
    pub(crate) read_blocks: usize,
    /// The page's type: the caller's, or the one the last pass detected.
    pub(crate) page_type: Guess,
    /// What the text of each block likely kept tells the page-type forests (empty when the
    /// type is given or not detected), read by the first pass for the later ones.
    pub(crate) marks: Marks,
}

/// The page marks of the blocks likely kept (stage-one log-odds of at least
/// [`REUSE_MIN_LOGIT`], as for `reuse`), by block index. Held through the first pass's
/// context stages: those of every block took 32 bytes a block, most of them for blocks a
/// later pass does not read; a later pass reads the others again.
#[derive(Default)]
pub(crate) struct Marks(Vec<(u32, BlockMarks)>);

impl Marks {
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The marks of block `i`, where kept.
    pub(crate) fn get(&self, i: usize) -> Option<BlockMarks> {
        let i = u32::try_from(i).ok()?;
        let at = self.0.binary_search_by_key(&i, |&(j, _)| j).ok()?;
        Some(self.0[at].1)
    }

    /// Only the marks of blocks that `number` numbers, by their new numbers.
    pub(crate) fn renumber(&mut self, number: &[Option<usize>]) {
        self.0.retain_mut(|(i, _)| match number[*i as usize] {
            Some(n) => {
                *i = to_u32(n);
                true
            }
            None => false,
        });
        self.0.shrink_to_fit();
    }
}

/// The marks a first pass reads block by block: those of the blocks likely kept (the
/// [`Marks`] it returns) and, until their last block, those of the other texts the page
/// gives more than once. Marks for every block took 32 bytes a block at the peak heap of
/// most pages (the end of stage one), most of them never read again.
#[derive(Default)]
struct Reading {
    likely: Vec<(u32, BlockMarks)>,
    /// By the first block of a text given more than once and not likely kept: how many of
    /// its blocks are still to come, and its marks.
    repeated: FxHashMap<u32, (u32, BlockMarks)>,
}

impl Reading {
    /// The marks of block `first` (read before), for a later block with its text.
    fn again(&mut self, first: usize) -> Option<BlockMarks> {
        let first = u32::try_from(first).ok()?;
        if let Ok(at) = self.likely.binary_search_by_key(&first, |&(j, _)| j) {
            return Some(self.likely[at].1);
        }
        let Entry::Occupied(mut e) = self.repeated.entry(first) else {
            return None;
        };
        let (left, m) = e.get_mut();
        let m = *m;
        *left -= 1;
        if *left == 0 {
            e.remove();
            if self.repeated.is_empty() {
                // Its room goes too.
                self.repeated = FxHashMap::default();
            }
        }
        Some(m)
    }

    /// Block `i`'s marks `m`: kept where its log-odds `z` say it is likely kept, else held
    /// for the later blocks of its text (`count` blocks have it; `first` is the first).
    fn add(&mut self, i: usize, z: f32, count: u32, first: usize, m: BlockMarks) {
        if z >= REUSE_MIN_LOGIT {
            self.likely.push((to_u32(i), m));
        } else if first == i && count > 1 {
            self.repeated.insert(to_u32(i), (count - 1, m));
        }
    }

    /// The marks of the blocks likely kept.
    fn into_marks(self) -> Marks {
        let mut likely = self.likely;
        // Held through the context stages: no room left over from growing.
        likely.shrink_to_fit();
        Marks(likely)
    }
}

impl<'a> Page<'a> {
    /// The first pass over `text`: features → stage one (and page type) → context → rules
    /// → labels → blocks. Only the blocks `clean` keeps become [`Block`]s where `only_kept`
    /// (what the first pass kept of the others for later passes goes with them).
    pub(crate) fn read(text: &'a str, run: Run<'a>, only_kept: bool) -> Self {
        let segments = segment::segment(text);
        let settle = run.options.settle;
        let mut samples = Samples::default();
        let stops = language::choose_counted(
            run.options.language.as_deref(),
            &segments,
            |i| i,
            settle.then_some(&mut samples),
        );
        // Room for every block long enough to be kept: growing would leave up to as much
        // again unused while the pass runs on.
        let long = segments.iter().filter(|s| s.text.len() >= REUSE_MIN_BYTES);
        let mut reuse = Vec::with_capacity(if settle { long.count() } else { 0 });
        let hint = run.options.page_type.map(Guess::given);
        let (mut decided, page_type, marks) =
            run.decide(&segments, &stops, Earlier::none(), hint, |i, z, f, text| {
                if settle && worth_reusing(z, text) {
                    reuse.extend(Packed::pack(&f).map(|p| (i, p)));
                }
            });
        // Only settling reads them again.
        let scores = if settle {
            std::mem::take(&mut decided.stage_one)
        } else {
            Vec::new()
        };
        // Which blocks `clean` keeps, when only those become blocks.
        let kept: Option<Vec<bool>> = only_kept.then(|| {
            let kept = |(s, &l): (&Segment, &_)| output::kept(l, s.bullet, run.options);
            segments.iter().zip(&decided.labels).map(kept).collect()
        });
        let read_blocks = segments.len();
        let blocks = output::blocks(segments, decided, run.options, kept.as_deref());
        let mut page = Page {
            text,
            run,
            stops,
            samples,
            reuse,
            scores,
            read_blocks,
            blocks,
            page_type,
            marks,
        };
        if let Some(kept) = kept.filter(|_| settle) {
            page.keep_numbered(&kept);
        }
        page
    }

    /// The blocks, labelled, and the page's type.
    pub(crate) fn into_parts(self) -> (Vec<Block>, Guess) {
        (self.blocks, self.page_type)
    }
}

/// What an earlier pass over the same texts under the same stopwords found of a page's
/// segments, for a later pass to read rather than work out again.
pub(crate) struct Earlier<'e, K> {
    /// `features(i)` (asked once a segment, in order): the features computed for segment
    /// `i`'s text, where kept.
    pub features: K,
    /// The stage-one log-odds of every segment (stage one reads a block's text alone).
    pub scores: Option<&'e [f32]>,
    /// The page marks of segments (read again where `None`).
    pub marks: Option<&'e [Option<BlockMarks>]>,
}

/// What [`Earlier::none`] knows of a block's features: nothing.
type Nothing = fn(usize) -> Option<Features>;

impl Earlier<'static, Nothing> {
    /// Nothing found earlier.
    pub(crate) fn none() -> Self {
        Earlier {
            features: |_| None,
            scores: None,
            marks: None,
        }
    }
}

impl Run<'_> {
    /// Features → stage one (and page type) → context → rules → labels over `segments`
    /// under `stops`, with what an `earlier` pass found; `keep` is handed every block's
    /// features with its index, its stage-one log-odds and its text. The page's type is
    /// `page_type` where given (the caller's), else detected from the blocks (unless the
    /// options say not to). What the segments become is left to the caller (a later pass of
    /// settling only reads which are kept). The marks read of blocks likely kept are
    /// returned (none when `earlier` gave marks or no type was detected).
    pub(crate) fn decide(
        &self,
        segments: &[Segment],
        stops: &Stops,
        earlier: Earlier<'_, impl FnMut(usize) -> Option<Features>>,
        page_type: Option<Guess>,
        mut keep: impl FnMut(usize, f32, Features, &str),
    ) -> (Decided, Guess, Marks) {
        let Earlier {
            features: known,
            scores,
            marks,
        } = earlier;
        let texts = Texts::of(segments);
        let feats = features::compute_with(segments, stops, &texts, known);
        let mut stats = (page_type.is_none() && self.options.detect_page_type).then(|| {
            let mut stats = PageStats::new(stops.code());
            stats.reserve(segments.len());
            stats
        });
        let mut read = Reading::default();
        // One buffer of forest rows for stage one and the context stages: it is zeroed once.
        let mut rows = Rows::new();
        let stage_one = model::stage_one(
            self.models.block,
            feats,
            |i| texts.first(i),
            scores,
            self.reasons,
            &mut rows,
            |i, z, f| {
                if let Some(s) = stats.as_mut() {
                    let m = match marks {
                        Some(m) => m[i].unwrap_or_else(|| s.marks(&f, &segments[i])),
                        None => {
                            // The marks depend on a block's text and word count alone: a text
                            // the page gives more than once has those of its first block.
                            let first = texts.first(i);
                            let m = if first < i { read.again(first) } else { None };
                            let m = m.unwrap_or_else(|| s.marks(&f, &segments[i]));
                            read.add(i, z, texts.count(i), first, m);
                            m
                        }
                    };
                    s.add(&f, &segments[i], model::sigmoid(z), &m);
                }
                keep(i, z, f, &segments[i].text)
            },
        );
        // Not held through the context stages.
        drop(texts);
        let read = read.into_marks();
        let guess = page_type.unwrap_or_else(|| match stats {
            Some(stats) => page_type::classify(self.models.pages, &stats.finish()),
            None => Guess::undetected(),
        });
        let bar = self.options.preset.threshold(self.options.settle);
        let decided = decide::decide(
            segments,
            stage_one,
            bar,
            self.reasons,
            &self.models,
            guess.acting(),
            &mut rows,
        );
        (decided, guess, read)
    }
}

/// Stage-one log-odds below which a block's text features are not kept for settling: such a
/// block (p < 0.12) is rarely kept, so rarely read again.
const REUSE_MIN_LOGIT: f32 = -2.0;
/// Blocks shorter than this (bytes) are read again rather than their features kept (48
/// bytes a block packed, 72 with a boilerplate phrase, and up to twice that while the
/// vector grows). Measured on the dev corpus (instructions of `examples/instructions.rs`,
/// Σ peak heap / Σ bytes as `examples/throughput.rs` measures it): with 64-byte packs of
/// every stage-one feature, against 100 bytes, 60 saved 15 M of 1,834 M and added 0.09 B/B,
/// 30 saved 35 M and added 0.28, 0 saved 43 M and added 0.69, and 60 raised the peak of 10
/// MB of distinct 65-byte lines from 3.6 to 5.5 B/B. With the stage-one scores reused and
/// 48-byte packs (a later pass then computes only the short blocks' features), 60 saves
/// 7.7 M of 1,623 M and adds 0.07 B/B, 30 saves 11.8 M and adds 0.21, 0 costs 5.5 M more
/// and adds 0.52; keeping short blocks with stage-one log-odds of 0 or more saves 11 M and
/// adds 0.08.
const REUSE_MIN_BYTES: usize = 100;

fn worth_reusing(z: f32, text: &str) -> bool {
    z >= REUSE_MIN_LOGIT && text.len() >= REUSE_MIN_BYTES
}

/// The body of `text` (the kept blocks, one a line) with the forests `models`, settled as
/// `options` say.
pub(crate) fn clean(text: &str, options: &Options, models: Models<'_>) -> String {
    let run = Run {
        options,
        models,
        reasons: false,
    };
    // Only kept blocks are read again and joined: the others never become blocks, so that
    // the later passes' peak heap is that of the body.
    let mut page = Page::read(text, run, true);
    if options.settle {
        page.settle();
    }
    output::join_kept(&page.blocks)
}

/// The pipeline over `text` with the forests `models`, settled as `options` say; `reasons`
/// says whether to spell out the evidence.
pub(crate) fn run(text: &str, options: &Options, models: Models<'_>, reasons: bool) -> Vec<Block> {
    run_with_language(text, options, models, reasons).0
}

/// [`run`], the language of the stoplist its first pass used (`None`: the page's own
/// most frequent words) and the page's type (the caller's, or the one detected on the
/// text the last pass read).
pub(crate) fn run_with_language(
    text: &str,
    options: &Options,
    models: Models<'_>,
    reasons: bool,
) -> (Vec<Block>, Option<&'static str>, Guess) {
    let mut page = Page::read(
        text,
        Run {
            options,
            models,
            reasons,
        },
        false,
    );
    let language = page.stops.code();
    if options.settle {
        page.settle();
    }
    let (blocks, page_type) = page.into_parts();
    (blocks, language, page_type)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::language::choose;

    /// The first pass's stage-one scores of the blocks it keeps are those a pass over the
    /// kept texts alone computes: what settling takes them for.
    #[test]
    fn first_pass_scores_hold_for_the_kept_texts() {
        let text = include_str!("../tests/fixtures/listing.txt");
        let options = Options::default();
        let run = Run {
            options: &options,
            models: model::SHIPPED,
            reasons: false,
        };
        let page = Page::read(text, run, true);
        let kept: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(kept.len() >= 5, "{kept:?}");
        let read = segment::read_lines(&kept).expect("one block a line");
        let segments = segment::one_block_a_line(kept.iter().copied(), &read.bullets);
        let (decided, _, _) = run.decide(
            &segments,
            &page.stops,
            Earlier::none(),
            None,
            |_, _, _, _| {},
        );
        let bits = |z: &[f32]| z.iter().map(|z| z.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&decided.stage_one), bits(&page.scores));
    }

    /// Marks reused for a repeated text are those its own block would get.
    #[test]
    fn repeated_texts_get_their_own_marks() {
        let lines = [
            "Home",
            "Price: $12.99",
            "The council voted on Tuesday to close the bridge for repairs.",
            "Call 0123 456 789",
            "Reply",
            "We shop, you shop: buy now?",
        ];
        let text: Vec<&str> = (0..120).map(|k| lines[(k * k + k / 7) % 6]).collect();
        let text = text.join("\n\n");
        let options = Options::default();
        let run = Run {
            options: &options,
            models: model::SHIPPED,
            reasons: false,
        };
        let segments = segment::segment(&text);
        let stops = choose(Some("en"), &segments);
        let (_, _, read) = run.decide(&segments, &stops, Earlier::none(), None, |_, _, _, _| {});
        let stats = PageStats::new(stops.code());
        let want: Vec<String> = features::compute(&segments, &stops)
            .zip(&segments)
            .map(|(f, s)| format!("{:?}", stats.marks(&f, s)))
            .collect();
        let got: Vec<(usize, String)> = (0..segments.len())
            .filter_map(|i| read.get(i).map(|m| (i, format!("{m:?}"))))
            .collect();
        assert!(!got.is_empty());
        for (i, m) in got {
            assert_eq!(m, want[i]);
        }
    }
}
