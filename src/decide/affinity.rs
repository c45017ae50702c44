//! Word affinity: how much of a block's vocabulary the page uses only in its boilerplate.
//!
//! A paywall pitch or a newsletter blurb can read like prose ("Join hundreds of professionals
//! with Acme PRO."), but it shares its words (the brand, "join", "professionals") with the
//! page's obvious boilerplate and few with the obvious body. Body paragraphs share words with
//! other body paragraphs, or with nothing at all.

use crate::text::chars;
use crate::util::to_u32;

use crate::util::hash::{FxHashMap, FxHashSet};

/// Blocks believed boilerplate below this probability…
const SURE_BAD: f32 = 0.1;
/// …and body above this one, lend their words to the comparison.
const SURE_GOOD: f32 = 0.9;
/// Tokens shorter than this (in characters) say little about a block.
const MIN_TOKEN_CHARS: usize = 2;

/// Most entries the token counts are given room for before they are filled (under 1 MB).
const COUNTS_ROOM: usize = 1 << 16;

/// What the page's sure blocks say of one token, in 4 bytes (the map sits at the peak heap
/// of many pages): how many sure boilerplate and sure body blocks hold it, each up to
/// [`Count::MAX`], and the last block that read it (its stamp, [`Stamps`]), so that a block
/// counts a token once without sorting its tokens to find the distinct ones. A share only
/// asks whether a count, less the block's own (0 or 1), is 0: counts that stop at 2 answer
/// as the exact ones do.
#[derive(Debug, Default, Clone, Copy)]
struct Count(u32);

impl Count {
    /// Where the counts stop.
    const MAX: u32 = 2;
    /// Bits of the stamp, below the two counts of 2 bits each.
    const STAMP_BITS: u32 = 28;
    const STAMP: u32 = (1 << Self::STAMP_BITS) - 1;
    /// The largest stamp.
    const LAST_STAMP: u32 = Self::STAMP;

    /// Sure boilerplate blocks holding the token, up to [`Count::MAX`].
    fn bad(self) -> u32 {
        self.0 >> (Self::STAMP_BITS + 2)
    }

    /// Sure body blocks holding it, up to [`Count::MAX`].
    fn good(self) -> u32 {
        (self.0 >> Self::STAMP_BITS) & 3
    }

    fn stamp(self) -> u32 {
        self.0 & Self::STAMP
    }

    fn set_stamp(&mut self, stamp: u32) {
        self.0 = (self.0 & !Self::STAMP) | stamp;
    }

    /// One block more: a sure boilerplate one where `bad`, a sure body one where `good`.
    fn add(&mut self, bad: bool, good: bool) {
        let bad = (self.bad() + u32::from(bad)).min(Self::MAX);
        let good = (self.good() + u32::from(good)).min(Self::MAX);
        self.0 = bad << (Self::STAMP_BITS + 2) | good << Self::STAMP_BITS | self.stamp();
    }
}

/// Token counts with the stamps that tell a block's first reading of a token from a repeat.
struct Stamps {
    counts: FxHashMap<u32, Count>,
    /// The stamp of the block being read; 0 is no block's.
    now: u32,
}

impl Stamps {
    fn with_capacity(room: usize) -> Stamps {
        Stamps {
            counts: FxHashMap::with_capacity_and_hasher(room, Default::default()),
            now: 0,
        }
    }

    /// Start reading the next block.
    fn next_block(&mut self) {
        if self.now == Count::LAST_STAMP {
            // Stamps start again from 1 (only on pages of 268 million blocks).
            self.counts.values_mut().for_each(|c| c.set_stamp(0));
            self.now = 0;
        }
        self.now += 1;
    }

    /// The count of token `h` (a new one where it had none), if the block being read meets
    /// it for the first time.
    fn first(&mut self, h: u32) -> Option<&mut Count> {
        Self::stamp(self.counts.entry(h).or_default(), self.now)
    }

    /// [`Stamps::first`] for a token already counted: `Err(())` where it has no count (the
    /// map does not grow).
    fn first_counted(&mut self, h: u32) -> Result<Option<&mut Count>, ()> {
        let now = self.now;
        self.counts
            .get_mut(&h)
            .map(|c| Self::stamp(c, now))
            .ok_or(())
    }

    /// `c`, stamped by block `now`, unless it already was.
    fn stamp(c: &mut Count, now: u32) -> Option<&mut Count> {
        (c.stamp() != now).then(|| {
            c.set_stamp(now);
            c
        })
    }
}

/// Per block: the shares of its distinct tokens found on the page only in other sure
/// boilerplate blocks, and only in other sure body blocks. `p` gives each block's probability
/// of being body (read twice, not held); `room` is how many tokens the sure blocks likely
/// hold (the map of their counts is sized for half of them, their runs for all).
pub(crate) fn affinity<'a>(
    texts: impl Iterator<Item = &'a str> + Clone,
    p: impl Iterator<Item = f32> + Clone,
    room: usize,
) -> Vec<[f32; 2]> {
    // For each token: in how many sure-bad and sure-good blocks it occurs, counted as the
    // sure blocks are read. Sized for half the tokens, repeats included (`room`, from the
    // blocks' word counts: the tokens are not held to be counted first), up to COUNTS_ROOM
    // entries (a large page's map grows past them): the distinct ones are fewer, and the
    // map sits at the peak heap of many pages. Measured at `5c1b24c` over the dev corpus
    // (Σ peak heap / Σ bytes) and the sample of `examples/instructions.rs`: room for all of
    // them took 0.36 B/B more; for a quarter, 0.01 B/B less and 3 M more instructions (the
    // map grows).
    let mut stamps = Stamps::with_capacity((room / 2).min(COUNTS_ROOM));
    // The sure blocks' distinct tokens, read below without reading the blocks again: one
    // run a block, of the length in `lens`. Only the distinct ones, and in room sized
    // once: all of them, in the room they grew in, took up to three times as much.
    // (Reading the sure blocks again instead held 0.02 B/B less over the dev corpus and
    // cost 16 M instructions more on the sample of `examples/instructions.rs`.)
    let mut kept: Vec<u32> = Vec::with_capacity(room);
    let mut lens: Vec<u32> = Vec::new();
    for (text, pi) in texts.clone().zip(p.clone()) {
        if is_sure(pi) {
            stamps.next_block();
            let (bad, good) = sides(pi);
            let before = kept.len();
            tokens(text, |h| {
                if let Some(c) = stamps.first(h) {
                    c.add(bad, good);
                    kept.push(h);
                }
            });
            // A block of four billion distinct tokens is beyond the crate.
            lens.push(to_u32(kept.len() - before));
        }
    }
    kept.shrink_to_fit();
    let (mut rest, mut lens) = (kept.as_slice(), lens.into_iter());
    let mut buf = Vec::new();
    texts
        .zip(p)
        .map(|(text, pi)| {
            let mut shares = Shares::default();
            if is_sure(pi) {
                let (mine, more) = rest.split_at(lens.next().unwrap_or(0) as usize);
                rest = more;
                // Leave the block's own contribution out (every token of a sure block is
                // counted).
                let (own_bad, own_good) = sides(pi);
                for h in mine {
                    let c = stamps.counts.get(h).copied().unwrap_or_default();
                    shares.add(c.bad() - u32::from(own_bad), c.good() - u32::from(own_good));
                }
            } else {
                stamps.next_block();
                // Tokens no sure block holds are set aside and counted once each by
                // sorting (or a set): stamped, they would grow the map for nothing.
                buf.clear();
                tokens(text, |h| match stamps.first_counted(h) {
                    Ok(Some(c)) => shares.add(c.bad(), c.good()),
                    Ok(None) => {}
                    Err(()) => buf.push(h),
                });
                // They only divide the shares: shares of none stay 0 whatever they number.
                if shares.only_bad + shares.only_good > 0 {
                    for _ in 0..count_distinct(&mut buf) {
                        shares.add(0, 0);
                    }
                }
            }
            shares.get()
        })
        .collect()
}

/// Whether a block believed body with probability `p` lends its words to the comparison.
pub(super) fn is_sure(p: f32) -> bool {
    let (bad, good) = sides(p);
    bad || good
}

/// Whether a block believed body with probability `p` is sure boilerplate, and whether it
/// is sure body. Not a range test: a NaN belief is neither.
fn sides(p: f32) -> (bool, bool) {
    (p < SURE_BAD, p > SURE_GOOD)
}

/// A block's distinct tokens, counted by where else the page holds them.
#[derive(Default)]
struct Shares {
    only_bad: usize,
    only_good: usize,
    tokens: usize,
}

impl Shares {
    /// A distinct token of the block, held by `bad` other sure boilerplate blocks and by
    /// `good` other sure body blocks.
    fn add(&mut self, bad: u32, good: u32) {
        self.only_bad += usize::from(bad > 0 && good == 0);
        self.only_good += usize::from(good > 0 && bad == 0);
        self.tokens += 1;
    }

    /// The shares of tokens only in boilerplate and only in body (none of an empty block).
    fn get(&self) -> [f32; 2] {
        if self.tokens == 0 {
            return [0.0; 2];
        }
        let k = self.tokens as f32;
        [self.only_bad as f32 / k, self.only_good as f32 / k]
    }
}

/// Token lists longer than this are deduplicated with a set instead of sorted.
const SORT_MAX: usize = 1024;

/// How many distinct values `v` holds (left in any order).
fn count_distinct(v: &mut Vec<u32>) -> usize {
    // Sorting would cost n log n on a megabyte paragraph; a set stays linear.
    if v.len() > SORT_MAX {
        let mut seen = FxHashSet::default();
        v.retain(|h| seen.insert(*h));
    } else {
        v.sort_unstable();
        v.dedup();
    }
    v.len()
}

/// Calls `f` with the hash of each token of `text` in order (repeats included): runs of
/// alphanumeric characters, ASCII letters folded to lower case.
fn tokens(text: &str, mut f: impl FnMut(u32)) {
    chars::words(text, chars::Fold::Ascii, |h, len| {
        if len >= MIN_TOKEN_CHARS {
            f(h);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pitch_shares_words_with_boilerplate_only() {
        let texts = [
            "Subscribe to Acme PRO today and join the professionals.",
            "The minister said on Tuesday that the talks had failed.",
            "The talks will resume next week, the minister said.",
            "Join hundreds of professionals with Acme PRO.",
        ];
        let p = [0.01, 0.99, 0.98, 0.6];
        let a = affinity(texts.iter().copied(), p.iter().copied(), 0);
        assert!(a[3][0] > 0.5, "{:?}", a[3]);
        assert_eq!(a[3][1], 0.0);
        assert!(a[2][1] > 0.3, "{:?}", a[2]);
        assert_eq!(a[2][0], 0.0);
    }

    #[test]
    fn tokens_fold_ascii_case_and_skip_single_letters() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        distinct_tokens("Join a PRO", &mut a);
        distinct_tokens("join pro pro", &mut b);
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
    }

    /// The distinct token hashes of `text`, sorted: what the stamps must find.
    fn distinct_tokens(text: &str, out: &mut Vec<u32>) {
        out.clear();
        tokens(text, |h| out.push(h));
        out.sort_unstable();
        out.dedup();
    }

    /// [`affinity`] with every block's tokens sorted to find the distinct ones.
    fn reference(texts: &[String], p: &[f32]) -> Vec<[f32; 2]> {
        let mut counts: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
        let mut buf = Vec::new();
        for (text, &pi) in texts.iter().zip(p) {
            if is_sure(pi) {
                distinct_tokens(text, &mut buf);
                for &h in &buf {
                    let e = counts.entry(h).or_default();
                    e.0 += u32::from(pi < SURE_BAD);
                    e.1 += u32::from(pi > SURE_GOOD);
                }
            }
        }
        texts
            .iter()
            .zip(p)
            .map(|(text, &pi)| {
                let (own_bad, own_good) = (u32::from(pi < SURE_BAD), u32::from(pi > SURE_GOOD));
                distinct_tokens(text, &mut buf);
                let mut shares = Shares::default();
                for h in &buf {
                    let (b, g) = counts.get(h).copied().unwrap_or((0, 0));
                    shares.add(b - own_bad, g - own_good);
                }
                shares.get()
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Stamps find the same distinct tokens as sorting, so the shares are the same.
        #[test]
        fn stamps_agree_with_sorting(
            blocks in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            "join", "Join", "PRO", "pro", "a", "the", "Über", "über", "x1",
                            "minister", "talks", " ", ", ", "—", "中文",
                        ]),
                        0..16,
                    ),
                    proptest::sample::select(vec![0.01f32, 0.05, 0.1, 0.5, 0.9, 0.95, 0.99]),
                ),
                0..12,
            ),
        ) {
            let texts: Vec<String> = blocks.iter().map(|(w, _)| w.join(" ")).collect();
            let p: Vec<f32> = blocks.iter().map(|b| b.1).collect();
            let got = affinity(texts.iter().map(String::as_str), p.iter().copied(), 8);
            let want = reference(&texts, &p);
            let bits = |v: &[[f32; 2]]| {
                v.iter().map(|a| a.map(f32::to_bits)).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(bits(&got), bits(&want));
        }
    }

    #[test]
    fn counts_past_255_agree_with_sorting() {
        let mut texts: Vec<String> = (0..600)
            .map(|i| format!("menu home news item{}", i % 7))
            .collect();
        texts.push("menu home story".into());
        texts.push("home story".into());
        let mut p: Vec<f32> = (0..600)
            .map(|i| if i % 3 == 0 { 0.99 } else { 0.01 })
            .collect();
        p.extend([0.5, 0.99]);
        let got = affinity(texts.iter().map(String::as_str), p.iter().copied(), 8);
        assert_eq!(got, reference(&texts, &p));
    }

    #[test]
    fn stamps_start_again_when_they_run_out() {
        let mut stamps = Stamps::with_capacity(4);
        stamps.next_block();
        assert!(stamps.first(7).is_some());
        assert!(stamps.first(7).is_none());
        stamps.now = Count::LAST_STAMP - 1;
        stamps.next_block();
        assert!(stamps.first(7).is_some());
        stamps.next_block();
        assert_eq!(stamps.now, 1);
        assert!(stamps.first(7).is_some());
        assert!(stamps.first(7).is_none());
    }
}
