//! One page through the pipeline, in order: segment → language → features → stage one →
//! context → rules → labels → body. [`Page`] owns what a pass knows; settling
//! (`settle.rs`) runs later passes over what the first one kept.

use crate::decide::{self, Decided};
use crate::features::language::{self, Samples, Stops};
use crate::features::page::{BlockMarks, PageStats};
use crate::features::{self, Features, REPEATED_BYTES_PER_ENTRY, Summary, Texts};
use crate::model::page_type::{self, Guess};
use crate::model::trees::Rows;
use crate::model::{self, Models};
use crate::options::Options;
use crate::output::{self, Block, Labelled};
use crate::packed::Packed;
use crate::segment::{self, Segment};
use crate::util::held::Held;
use crate::util::to_u32;

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
    pub(crate) reuse: Vec<Packed>,
    /// The first pass's stage-one log-odds of every block (by block index; empty unless
    /// settling), which later passes read while the blocks' text and stopwords hold.
    pub(crate) scores: Vec<f32>,
    /// Every block, labelled (for `clean`, once settling starts, only those kept).
    pub(crate) blocks: Vec<Labelled<'a>>,
    /// How many blocks the first pass read.
    pub(crate) read_blocks: usize,
    /// The page's type: the caller's, or the one the last pass detected.
    pub(crate) page_type: Guess,
    /// The word counts of the blocks likely kept whose marks are not in `marks` (empty when
    /// the page's type is given or not detected), from which settling reads their marks
    /// (see [`Page::read_marks`]).
    pub(crate) words: ByBlock<u32>,
    /// What the text of each block likely kept tells the page-type forests, read when
    /// settling starts for the later passes.
    pub(crate) marks: ByBlock<BlockMarks>,
}

/// What the first pass found of the blocks likely kept (stage-one log-odds of at least
/// [`REUSE_MIN_LOGIT`], as for `reuse`), by block index, sorted.
pub(crate) struct ByBlock<T>(Vec<(u32, T)>);

impl<T> Default for ByBlock<T> {
    fn default() -> Self {
        ByBlock(Vec::new())
    }
}

impl<T: Copy> ByBlock<T> {
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What was found of block `i`, where kept.
    pub(crate) fn get(&self, i: usize) -> Option<T> {
        let i = u32::try_from(i).ok()?;
        let at = self.0.binary_search_by_key(&i, |&(j, _)| j).ok()?;
        Some(self.0[at].1)
    }

    /// Only what was found of blocks that `number` numbers, by their new numbers.
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

/// What a first pass holds of the page marks it reads block by block: until their last
/// block, the marks of texts the page gives more than once. The marks of every block took
/// 32 bytes a block at the peak heap of most pages (the end of stage one), and those of the
/// blocks likely kept 36 bytes each, most of them never read again: settling reads the
/// kept blocks' marks from their text and word count once the first pass is done.
struct Reading(Held<BlockMarks>);

impl Reading {
    /// For a page of `bytes` bytes of text: one entry per [`REPEATED_BYTES_PER_ENTRY`] bytes,
    /// as for features (a page of short lines given many times each otherwise held some 40
    /// bytes for most of its texts).
    fn for_bytes(bytes: usize) -> Reading {
        Reading(Held::with_room(bytes / REPEATED_BYTES_PER_ENTRY))
    }

    /// The marks of block `first` (read before), for a later block with its text.
    fn again(&mut self, first: usize) -> Option<BlockMarks> {
        self.0.again(u32::try_from(first).ok()?, |m| *m, |m| m)
    }

    /// Block `i`'s marks `m`, held for the later blocks of its text where there is room
    /// (`count` blocks have it; `first` is the first).
    fn add(&mut self, i: usize, (count, first): (u32, usize), m: BlockMarks) {
        if first == i {
            self.0.hold(to_u32(i), count.saturating_sub(1), || m);
        }
    }
}

impl ByBlock<u32> {
    /// The word counts of the blocks likely kept (stage-one log-odds `z`), from their
    /// `summaries`, but for those whose marks are `held` (one bit a block): worked out once
    /// stage one is done, not held while it runs. A count the summary saturates is left out
    /// (its block's marks are read again).
    fn likely(summaries: &[Summary], z: &[f32], held: &[u64]) -> Self {
        let likely = |i: &usize| {
            z[*i] >= REUSE_MIN_LOGIT
                && summaries[*i].words() < u32::MAX as usize
                && held.get(i / 64).is_none_or(|b| b >> (i % 64) & 1 == 0)
        };
        // Sized once: held through the context stages.
        let mut words = Vec::with_capacity((0..z.len()).filter(likely).count());
        words.extend(
            (0..z.len())
                .filter(likely)
                .map(|i| (to_u32(i), to_u32(summaries[i].words()))),
        );
        ByBlock(words)
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
        let long = if settle { long.count() } else { 0 };
        let mut reuse = Vec::with_capacity(long);
        // The page marks of the blocks whose features are kept: the long blocks likely kept,
        // whose marks cost most to read again (as much again as the rest of settling).
        let detect = run.options.page_type.is_none() && run.options.detect_page_type;
        let mut marks = Vec::with_capacity(if detect { long } else { 0 });
        let hint = run.options.page_type.map(Guess::given);
        let (mut decided, page_type, words) = run.decide(
            &segments,
            &stops,
            Earlier::none(),
            hint,
            |i, z, f, text, m| {
                let mut held = false;
                if settle
                    && worth_reusing(z, text)
                    && let Some(p) = Packed::pack(&f, i)
                {
                    reuse.push(p);
                    // A block of four billion words has its marks read again (as its word
                    // count is not kept).
                    if f.words < u32::MAX as usize
                        && let Some(&m) = m
                    {
                        marks.push((to_u32(i), m));
                        held = true;
                    }
                }
                if i + 1 == segments.len() {
                    // Stage one is done: the room of the blocks not likely kept goes.
                    reuse.shrink_to_fit();
                    marks.shrink_to_fit();
                }
                held
            },
        );
        // Only settling reads them again.
        let scores = if settle {
            std::mem::take(&mut decided.stage_one)
        } else {
            Vec::new()
        };
        // Which blocks `clean` keeps, when only those become blocks.
        let kept: Option<Vec<bool>> = only_kept.then(|| {
            let kept = |(s, &l): (&Segment, &_)| output::kept(l, s.bullet(), run.options);
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
            words,
            marks: ByBlock(marks),
        };
        if let Some(kept) = kept.filter(|_| settle) {
            page.keep_numbered(&kept);
        }
        page
    }

    /// The marks of the blocks likely kept (those of [`Page::words`] still among the
    /// blocks) for the later passes: those the first pass kept, the others read from their
    /// text, once, while no text has changed and only when the first pass's own vectors are
    /// gone.
    pub(crate) fn read_marks(&mut self) {
        let words = std::mem::take(&mut self.words);
        let kept = std::mem::take(&mut self.marks);
        if words.is_empty() && kept.is_empty() {
            return;
        }
        let stats = PageStats::new(self.stops.code());
        let n = self.blocks.len();
        let mut marks = Vec::with_capacity(words.0.len() + kept.0.len());
        // Two lists of distinct blocks, merged in order.
        let mut kept = kept.0.into_iter().filter(|e| (e.0 as usize) < n).peekable();
        for (i, w) in words.0 {
            while let Some(e) = kept.next_if(|e| e.0 < i) {
                marks.push(e);
            }
            let Some(b) = self.blocks.get(i as usize) else {
                continue;
            };
            marks.push((i, stats.marks_of(&b.text, w as usize)));
        }
        marks.extend(kept);
        self.marks = ByBlock(marks);
    }

    /// The blocks, labelled, and the page's type.
    pub(crate) fn into_parts(self) -> (Vec<Block>, Guess) {
        let blocks = self.blocks.into_iter().map(Labelled::into_block);
        (blocks.collect(), self.page_type)
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
    /// The page marks of blocks, and the block of each segment (read again where none).
    pub marks: Option<(&'e ByBlock<BlockMarks>, &'e [usize])>,
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
    /// features with its index, its stage-one log-odds, its text and its page marks (where
    /// the page's type is detected), and says whether it holds those marks. The page's type is
    /// `page_type` where given (the caller's), else detected from the blocks (unless the
    /// options say not to). What the segments become is left to the caller (a later pass of
    /// settling only reads which are kept). The word counts of the blocks likely kept whose
    /// marks `keep` does not hold are returned (none when `earlier` gave marks or no type
    /// was detected).
    pub(crate) fn decide(
        &self,
        segments: &[Segment],
        stops: &Stops,
        earlier: Earlier<'_, impl FnMut(usize) -> Option<Features>>,
        page_type: Option<Guess>,
        mut keep: impl FnMut(usize, f32, Features, &str, Option<&BlockMarks>) -> bool,
    ) -> (Decided, Guess, ByBlock<u32>) {
        let Earlier {
            features: known,
            scores,
            marks,
        } = earlier;
        let texts = Texts::of(segments);
        let feats = features::compute_with(segments, stops, &texts, known);
        let mut stats = (page_type.is_none() && self.options.detect_page_type).then(|| {
            let mut stats = PageStats::new(stops.code());
            stats.defer_shapes(segments.len());
            stats
        });
        let reading = stats.is_some() && marks.is_none();
        let mut read = Reading::for_bytes(segments.iter().map(|s| s.text.len()).sum());
        // The blocks whose marks `keep` holds, a bit each: their word counts are not kept.
        let mut held = vec![
            0u64;
            if reading {
                segments.len().div_ceil(64)
            } else {
                0
            }
        ];
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
                let m = stats.as_mut().map(|s| {
                    let m = match marks {
                        Some((m, block)) => {
                            m.get(block[i]).unwrap_or_else(|| s.marks(&f, &segments[i]))
                        }
                        None => {
                            // The marks depend on a block's text and word count alone: a text
                            // the page gives more than once has those of its first block.
                            let first = texts.first(i);
                            let m = if first < i { read.again(first) } else { None };
                            let m = m.unwrap_or_else(|| s.marks(&f, &segments[i]));
                            read.add(i, (texts.count(i), first), m);
                            m
                        }
                    };
                    s.add(&f, &segments[i], model::sigmoid(z), &m);
                    m
                });
                if keep(i, z, f, &segments[i].text, m.as_ref()) && reading {
                    held[i / 64] |= 1 << (i % 64);
                }
            },
        );
        // Not held through the context stages.
        drop(texts);
        drop(read);
        let words = if reading {
            ByBlock::likely(&stage_one.summaries, &stage_one.z, &held)
        } else {
            ByBlock::default()
        };
        let guess = page_type.unwrap_or_else(|| match stats {
            Some(stats) => {
                let features = stats.finish_from(&stage_one.summaries, segments);
                page_type::classify(self.models.pages, &features)
            }
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
        (decided, guess, words)
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
    output::join_kept_owned(page.blocks)
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

    /// A repeated text's marks are held until its last block.
    #[test]
    fn reading_holds_repeated_marks_until_the_last_block() {
        let m = |n: usize| BlockMarks::read(&"word ".repeat(n), n, None);
        let mut r = Reading::for_bytes(2 * REPEATED_BYTES_PER_ENTRY);
        // Texts 0 (blocks 0, 2, 3) and 1 (block 1, once).
        r.add(0, (3, 0), m(1));
        r.add(1, (1, 1), m(2));
        assert_eq!(r.again(1).map(|x| format!("{x:?}")), None);
        assert_eq!(format!("{:?}", r.again(0)), format!("{:?}", Some(m(1))));
        assert_eq!(format!("{:?}", r.again(0)), format!("{:?}", Some(m(1))));
        assert_eq!(r.0.len(), 0);
        assert!(r.again(0).is_none());
    }

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
        let kept: Vec<&str> = page.blocks.iter().map(|b| b.text.as_ref()).collect();
        assert!(kept.len() >= 5, "{kept:?}");
        let read = segment::read_lines(&kept).expect("one block a line");
        let segments = segment::one_block_a_line(kept.iter().copied(), &read.bullets);
        let (decided, _, _) = run.decide(
            &segments,
            &page.stops,
            Earlier::none(),
            None,
            |_, _, _, _, _| false,
        );
        let bits = |z: &[f32]| z.iter().map(|z| z.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&decided.stage_one), bits(&page.scores));
    }

    /// The marks settling reads of the blocks likely kept are those their own text gives.
    #[test]
    fn settling_reads_the_marks_of_each_block() {
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
        let mut page = Page::read(&text, run, false);
        let segments = segment::segment(&text);
        assert_eq!(page.blocks.len(), segments.len());
        let stats = PageStats::new(page.stops.code());
        let want: Vec<String> = features::compute(&segments, &page.stops)
            .zip(&segments)
            .map(|(f, s)| format!("{:?}", stats.marks(&f, s)))
            .collect();
        page.read_marks();
        let got: Vec<(usize, String)> = (0..segments.len())
            .filter_map(|i| page.marks.get(i).map(|m| (i, format!("{m:?}"))))
            .collect();
        assert!(!got.is_empty());
        for (i, m) in got {
            assert_eq!(m, want[i]);
        }
    }
}
