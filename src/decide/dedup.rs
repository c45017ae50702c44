//! Body text the page already gave: pages carry second copies of their article (a hidden
//! full-text field, a print version, a teaser list that quotes the story), which a reader
//! and the benchmarks count twice.
//!
//! Blocks are compared by their 4-word shingles (lower-cased runs of letters and digits), the
//! unit of the articles benchmark: a block most of whose shingles were kept above it adds
//! nothing.

use std::hash::Hasher;

use crate::text::chars::{self, Fold};
use crate::util::hash::FxHasher;

/// A block repeats the body above it when this share of its shingles occurred there
/// (measured on cross-validated outputs of the dev corpus: .5 to .95 all gain; .8 gains most
/// on the mixed set and costs least on inscriptis articles).
const REPEAT_SHARE: usize = 80;

/// Blocks of fewer words are not dropped as repeats on an article or a manual: short lines
/// recur there for good reasons (a step, a label, a repeated headline, which has a rule of
/// its own).
const REPEAT_MIN_WORDS: usize = 8;

/// Bits of the shingle filter per byte of text it may hold. A word (one shingle) takes some
/// six bytes, so about 24 bits per shingle: with three bits set per shingle, one never seen
/// passes about one time in 600. (Two bits per byte let a few blocks just under the repeat
/// share tip over it on the dev corpus; four change no output there.)
const BITS_PER_BYTE: usize = 4;

/// The shingles of the body kept so far, as a Bloom filter: half a byte per byte of kept
/// text, a fraction of what a hash set of the hashes takes at its peak (Σ peak heap over the
/// dev corpus fell from 4.06 to 3.83 bytes per input byte). A false repeat needs most of a
/// block's shingles to pass at once.
pub(crate) struct Seen {
    bits: Vec<u64>,
    /// `bits.len() * 64 - 1`: the bit count is a power of two.
    mask: u64,
    /// Scratch: the words and shingles of the block at hand, and the shingles sorted.
    words: Vec<u32>,
    block: Vec<u32>,
    sorted: Vec<u32>,
    /// Scratch: a bit set of the block's shingles (see [`Seen::repeats_itself`]).
    buckets: Vec<u64>,
}

impl Seen {
    /// A filter for blocks of `bytes` bytes of text in all.
    pub(crate) fn for_bytes(bytes: usize) -> Seen {
        let bits = (bytes.saturating_mul(BITS_PER_BYTE))
            .clamp(64, 1 << 32)
            .next_power_of_two();
        Seen {
            bits: vec![0; bits / 64],
            mask: bits as u64 - 1,
            // Grown from empty: room for 256 words from the start (2 KB) saved 1.2 M
            // instructions of reallocation on the sample of `examples/instructions.rs` but
            // raised the peak heap over the dev corpus from 1.87 to 1.89 B/B.
            words: Vec::new(),
            block: Vec::new(),
            sorted: Vec::new(),
            buckets: Vec::new(),
        }
    }

    /// The bits of a shingle (from two mixed 64-bit values).
    fn slots(&self, s: u32) -> [u64; 3] {
        let mix = |v: u64| {
            let x = v.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            (x ^ (x >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9)
        };
        let (a, b) = (mix(u64::from(s)), mix(u64::from(s) | 1 << 40));
        [a & self.mask, (a >> 32) & self.mask, (b >> 32) & self.mask]
    }

    fn contains(&self, s: u32) -> bool {
        self.slots(s)
            .iter()
            .all(|&b| self.bits[(b / 64) as usize] & 1 << (b % 64) != 0)
    }

    fn insert(&mut self, s: u32) {
        for b in self.slots(s) {
            self.bits[(b / 64) as usize] |= 1 << (b % 64);
        }
    }

    /// Read `text` (a block's link text, `Segment::link_text`): the block that [`Seen::repeats_above`], [`Seen::add`] and
    /// [`Seen::repeats_itself`] then ask about (words and shingles are computed once).
    pub(crate) fn read(&mut self, text: &str) {
        self.words.clear();
        words(text, &mut self.words);
        self.block.clear();
        self.block.extend(self.words.windows(4).map(shingle));
        // A block of one to three words is one shorter shingle, as the benchmarks count it.
        if (1..4).contains(&self.words.len()) {
            self.block.push(shingle(&self.words));
        }
    }

    /// Whether the block read last mostly repeats the text added before: never a block of
    /// fewer than [`REPEAT_MIN_WORDS`] words unless `short` (a page of items, where a short
    /// line given again is the template of the next item, not a line of the body).
    pub(crate) fn repeats_above(&self, short: bool) -> bool {
        let min = if short { 1 } else { REPEAT_MIN_WORDS };
        if self.words.len() < min {
            return false;
        }
        // The fewest shingles seen before that make a repeat: `old * 100 >= len * SHARE`.
        // The walk stops once the answer is known: most blocks are new text, and after a
        // fifth of their shingles have missed, no repeat.
        let need = (self.block.len() * REPEAT_SHARE).div_ceil(100);
        let (mut old, mut misses_left) = (0, self.block.len() - need);
        for &s in &self.block {
            if self.contains(s) {
                old += 1;
                if old >= need {
                    return true;
                }
            } else if misses_left == 0 {
                return false;
            } else {
                misses_left -= 1;
            }
        }
        old >= need
    }

    /// Add the shingles of the block read last.
    pub(crate) fn add(&mut self) {
        let block = std::mem::take(&mut self.block);
        for &s in &block {
            self.insert(s);
        }
        self.block = block;
    }

    /// Whether `text` mostly repeats the text added before; when it does not, its shingles
    /// are added.
    #[cfg(test)]
    fn repeats(&mut self, text: &str) -> bool {
        self.read(text);
        let repeats = self.repeats_above(false);
        if !repeats {
            self.add();
        }
        repeats
    }

    /// Whether most of the block read last says the same words twice (see
    /// [`SELF_REPEAT_SHARE`]).
    pub(crate) fn repeats_itself(&mut self) -> bool {
        if self.words.len() < SELF_REPEAT_MIN_WORDS {
            return false;
        }
        // Occurrences of shingles that occur twice are at most twice the shingles that find
        // their bucket of a bit set already taken: where even that bound falls short of the
        // share, no sort is needed (most blocks say nothing twice).
        let log = (8 * self.block.len())
            .next_power_of_two()
            .trailing_zeros()
            .clamp(6, 20);
        self.buckets.clear();
        self.buckets.resize(1 << (log - 6), 0);
        let mut hits = 0;
        for &sh in &self.block {
            let b = (sh.wrapping_mul(0x9E37_79B9) >> (32 - log)) as usize;
            let (word, bit) = (b / 64, 1u64 << (b % 64));
            hits += usize::from(self.buckets[word] & bit != 0);
            self.buckets[word] |= bit;
        }
        if 2 * hits * 100 < self.block.len() * SELF_REPEAT_SHARE {
            return false;
        }
        self.sorted.clear();
        self.sorted.extend_from_slice(&self.block);
        self.sorted.sort_unstable();
        // Occurrences of shingles that occur more than once, all of them counted.
        let mut twice = 0;
        for run in self.sorted.chunk_by(|a, b| a == b) {
            if run.len() > 1 {
                twice += run.len();
            }
        }
        twice * 100 >= self.sorted.len() * SELF_REPEAT_SHARE
    }
}

/// A block repeats itself when this share (percent) of its shingles occur in it more than
/// once: a teaser whose converter wrote its title twice (the link and the image's alt text),
/// a row of identical cells. Measured on cross-validated outputs of the dev corpus, dropping
/// such lines gained .004 of articles F1 on w3m and lynx80 and left mixed level.
const SELF_REPEAT_SHARE: usize = 30;

/// Blocks of fewer words are never taken to repeat themselves.
const SELF_REPEAT_MIN_WORDS: usize = 6;

/// The hash of four consecutive words.
fn shingle(w: &[u32]) -> u32 {
    let mut h = FxHasher::default();
    for &x in w {
        h.write_u32(x);
    }
    // The high bits of a multiplicative hash are its best mixed.
    (h.finish() >> 32) as u32
}

/// Hashes of the lower-cased words (runs of letters and digits) of `text`, pushed to `out`.
fn words(text: &str, out: &mut Vec<u32>) {
    chars::words(text, Fold::Unicode, |h, _| out.push(h));
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARA: &str = "The council voted on Tuesday to close the bridge for repairs, \
                        which are expected to take two weeks.";

    #[test]
    fn a_second_copy_repeats() {
        let mut s = Seen::for_bytes(1000);
        assert!(!s.repeats(PARA));
        assert!(s.repeats(PARA));
        // Case and punctuation do not hide a copy.
        assert!(s.repeats(&PARA.to_uppercase().replace(',', "")));
    }

    #[test]
    fn a_copy_joining_two_paragraphs_repeats() {
        let other = "Drivers are asked to use the northern ring road until the work is done.";
        let mut s = Seen::for_bytes(1000);
        assert!(!s.repeats(PARA));
        assert!(!s.repeats(other));
        assert!(s.repeats(&format!("{PARA} {other}")));
    }

    #[test]
    fn new_text_and_short_lines_do_not() {
        let mut s = Seen::for_bytes(1000);
        assert!(!s.repeats(PARA));
        assert!(
            !s.repeats(
                "A spokesman said the closure had been planned since the spring inspection."
            )
        );
        assert!(!s.repeats("Read more"));
        assert!(!s.repeats("Read more"));
        // A paragraph that quotes a few words of an earlier one is new text.
        assert!(!s.repeats(
            "Residents said the council voted on Tuesday without asking them, and many \
             plan to attend the next public meeting in protest."
        ));
    }

    /// On a page of items a short line given again repeats; a new short line, or one that
    /// only shares a word with the text above, does not.
    #[test]
    fn short_lines_repeat_where_asked() {
        let mut s = Seen::for_bytes(1000);
        for (text, want) in [
            ("Nightcore forever!", false),
            (PARA, false),
            ("Nightcore forever!", true),
            ("Top", false),
            ("Top", true),
            ("Nightcore", false),
        ] {
            s.read(text);
            assert_eq!(s.repeats_above(true), want, "{text}");
            if !want {
                s.add();
            }
        }
    }

    #[test]
    fn a_title_written_twice_repeats_itself() {
        let mut seen = Seen::for_bytes(1000);
        let mut repeats_itself = |text: &str| {
            seen.read(text);
            seen.repeats_itself()
        };
        assert!(repeats_itself(
            "Storm closes the coastal road for a week Storm closes the coastal road for a week"
        ));
        assert!(!repeats_itself(PARA));
        assert!(!repeats_itself("yes yes yes"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The bound that spares the sort never changes the answer.
        #[test]
        fn repeats_itself_as_sorting_says(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["storm", "road", "week", "the", "a", "closes"]),
                0..80,
            ),
        ) {
            let text = words.join(" ");
            let mut seen = Seen::for_bytes(1000);
            seen.read(&text);
            let mut sorted = seen.block.clone();
            sorted.sort_unstable();
            let twice: usize = sorted
                .chunk_by(|a, b| a == b)
                .filter(|run| run.len() > 1)
                .map(<[u32]>::len)
                .sum();
            let want = seen.words.len() >= SELF_REPEAT_MIN_WORDS
                && twice * 100 >= sorted.len() * SELF_REPEAT_SHARE;
            proptest::prop_assert_eq!(seen.repeats_itself(), want);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Stopping early gives the answer of counting every shingle.
        #[test]
        fn repeats_above_as_counting_says(
            blocks in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec!["storm", "road", "week", "the", "a", "closes"]),
                    0..24,
                ),
                1..8,
            ),
            short in proptest::bool::ANY,
        ) {
            let mut seen = Seen::for_bytes(64);
            for words in &blocks {
                seen.read(&words.join(" "));
                let old = seen.block.iter().filter(|&&s| seen.contains(s)).count();
                let min = if short { 1 } else { REPEAT_MIN_WORDS };
                let want = seen.words.len() >= min
                    && old * 100 >= seen.block.len() * REPEAT_SHARE;
                proptest::prop_assert_eq!(seen.repeats_above(short), want);
                seen.add();
            }
        }
    }

    #[test]
    fn words_are_lowercased_runs_of_letters_and_digits() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        words("Straße, 2024 — Über-all!", &mut a);
        words("straße 2024 über all", &mut b);
        assert_eq!(a, b);
        assert_eq!(a.len(), 4);
    }
}
