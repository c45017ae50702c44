//! A block's text features, packed: what the first pass keeps of them for settling, so that
//! a later pass reads a block's text again only where it changed.
//!
//! Of the 41 stage-one features, 19 follow from others (the word count bins, `log_words`,
//! `prose`, `starts_lower` …) or are flags, and the 10 `kw_*` are zero unless a boilerplate
//! phrase was found: a block packs into 64 bytes where its [`Features`] take 190. What
//! depends on the page (`position`, `repeats`) is not packed: `features::compute_with` sets
//! it every pass. A block is packed only where unpacking gives back its features bit for
//! bit.

use crate::features::{BlockFeatures, Features};
use crate::util::log::ln_1p_count;

/// The features of a block's text, packed.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    /// The measured shares and densities, in [`SHARES`] order.
    shares: [f32; 12],
    words: u32,
    /// The vocabulary entry of the block's keyword; [`NO_KEYWORD`] where none.
    keyword: u16,
    /// `lead_caps` in tenths (`features::lead_caps` counts at most 12 words).
    lead_caps: u8,
    /// [`FLAGS`], bit by bit, then `comment_header`.
    flags: u8,
    /// The `kw_*` features, in [`KINDS`] order, where any is not zero.
    kinds: Option<Box<[f32; 10]>>,
}

/// [`Packed::keyword`] of a block without one.
const NO_KEYWORD: u16 = u16::MAX;

/// One feature of a block's vector.
type Field = fn(&mut BlockFeatures) -> &mut f32;

/// The features stored as measured.
const SHARES: [Field; 12] = [
    |v| &mut v.keyword_cover,
    |v| &mut v.stop_density,
    |v| &mut v.sentence_density,
    |v| &mut v.capital_share,
    |v| &mut v.digit_share,
    |v| &mut v.url_share,
    |v| &mut v.avg_word_len,
    |v| &mut v.separator_share,
    |v| &mut v.comma_density,
    |v| &mut v.punct_share,
    |v| &mut v.alpha_share,
    |v| &mut v.glued_share,
];

/// The features that are 0 or 1.
const FLAGS: [Field; 7] = [
    |v| &mut v.ends_with_punct,
    |v| &mut v.keyword_any,
    |v| &mut v.starts_upper,
    |v| &mut v.date_like,
    |v| &mut v.bracketed,
    |v| &mut v.ends_with_colon,
    |v| &mut v.keyword_lead,
];

/// The share of the block each kind of boilerplate phrase covers.
const KINDS: [Field; 10] = [
    |v| &mut v.kw_navigation,
    |v| &mut v.kw_advertisement,
    |v| &mut v.kw_share,
    |v| &mut v.kw_subscription,
    |v| &mut v.kw_comments,
    |v| &mut v.kw_caption,
    |v| &mut v.kw_related,
    |v| &mut v.kw_legal,
    |v| &mut v.kw_metadata,
    |v| &mut v.kw_pagination,
];

/// Word counts of a block (`words_1` … `words_26_50`, in order), as `features` bins them.
const WORD_BINS: [(usize, usize, Field); 6] = [
    (0, 1, |v| &mut v.words_1),
    (2, 3, |v| &mut v.words_2_3),
    (4, 6, |v| &mut v.words_4_6),
    (7, 12, |v| &mut v.words_7_12),
    (13, 25, |v| &mut v.words_13_25),
    (26, 50, |v| &mut v.words_26_50),
];

/// A block of this many words or more can be a sentence (`features::SENTENCE_WORDS`).
const SENTENCE_WORDS: usize = 8;
/// Blocks of this many words or fewer can be title case (`title_case_short`).
const TITLE_WORDS: usize = 12;

impl Packed {
    /// `f` packed, unless it would not unpack to itself (the features of the page are not
    /// packed: unpacked, they are zero, and every pass sets them).
    pub(crate) fn pack(f: &Features) -> Option<Packed> {
        let mut v = f.v;
        let mut shares = [0.0; 12];
        for (s, get) in shares.iter_mut().zip(SHARES) {
            *s = *get(&mut v);
        }
        let mut flags = 0u8;
        for (bit, get) in FLAGS.into_iter().enumerate() {
            flags |= u8::from(*get(&mut v) != 0.0) << bit;
        }
        flags |= u8::from(f.comment_header) << FLAGS.len();
        let mut kinds = [0.0; 10];
        for (k, get) in kinds.iter_mut().zip(KINDS) {
            *k = *get(&mut v);
        }
        let packed = Packed {
            shares,
            words: u32::try_from(f.words).ok()?,
            keyword: f.keyword_id.unwrap_or(NO_KEYWORD),
            lead_caps: (v.lead_caps * 10.0).round() as u8,
            flags,
            kinds: kinds.iter().any(|&k| k != 0.0).then(|| Box::new(kinds)),
        };
        same(&packed.unpack(), f).then_some(packed)
    }

    /// The features packed, with those of the page (`position`, `repeats`) zero.
    pub(crate) fn unpack(&self) -> Features {
        let mut v = BlockFeatures::default();
        for (&s, get) in self.shares.iter().zip(SHARES) {
            *get(&mut v) = s;
        }
        for (bit, get) in FLAGS.into_iter().enumerate() {
            *get(&mut v) = f32::from((self.flags >> bit) & 1);
        }
        if let Some(kinds) = &self.kinds {
            for (&k, get) in kinds.iter().zip(KINDS) {
                *get(&mut v) = k;
            }
        }
        let words = self.words as usize;
        for (lo, hi, get) in WORD_BINS {
            *get(&mut v) = f32::from(u8::from(words >= lo && words <= hi));
        }
        // As `features::block_features` derives them.
        v.log_words = ln_1p_count(words);
        v.prose = v.stop_density * (v.log_words / 3.0).min(1.5);
        let ends = v.ends_with_punct != 0.0;
        v.sentence_end_long = f32::from(u8::from(ends && words >= SENTENCE_WORDS));
        v.title_case_short = v.capital_share * f32::from(u8::from(words <= TITLE_WORDS));
        v.starts_lower = 1.0 - v.starts_upper;
        v.lead_caps = f32::from(self.lead_caps) / 10.0;
        Features {
            v,
            words,
            keyword_id: (self.keyword != NO_KEYWORD).then_some(self.keyword),
            keyword_cover: v.keyword_cover,
            comment_header: (self.flags >> FLAGS.len()) & 1 != 0,
            ends_with_punct: ends,
            position: 0.0,
            repeats: 0.0,
        }
    }
}

/// Whether `a` and `b` are the same features, bit for bit.
fn same(a: &Features, b: &Features) -> bool {
    let bits = |f: &Features| f.v.to_array().map(f32::to_bits);
    bits(a) == bits(b)
        && a.words == b.words
        && a.keyword_id == b.keyword_id
        && a.keyword_cover.to_bits() == b.keyword_cover.to_bits()
        && a.comment_header == b.comment_header
        && a.ends_with_punct == b.ends_with_punct
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::compute;
    use crate::features::language::choose;
    use crate::segment::segment;

    /// Every block of a page of prose, menus, captions, dates and links packs, and unpacks
    /// to its features (those of the page aside).
    #[test]
    fn blocks_pack_and_unpack_to_themselves() {
        let page = "Home | News | Sport | Weather\n\n\
            Council Votes To Close The Bridge\n\n\
            The city council said on Monday that the old bridge would be closed for repairs \
            until the end of the month, and that drivers should use the ring road.\n\n\
            Photo: Jane Doe / Reuters\n\n\
            Posted on 12.05.2024 at 12:30\n\n\
            Share this article on Facebook Twitter\n\n\
            Read also: [The new bridge](https://example.com/bridge) opens in May\n\n\
            Jane Doe says:\n\n\
            [Comments (12)]\n\n\
            © 2024 Example News. All rights reserved.\n\n\
            北京市政府周二宣布，将在今年年底前完成全市老旧小区的改造工作，惠及数十万居民。";
        let segments = segment(page);
        let stops = choose(None, &segments);
        let feats: Vec<Features> = compute(&segments, &stops).collect();
        assert_eq!(std::mem::size_of::<Packed>(), 64);
        assert!(feats.len() >= 10);
        assert!(feats.iter().any(|f| f.v.keyword_any != 0.0));
        for f in &feats {
            let packed = Packed::pack(f).expect("packs");
            assert!(same(&packed.unpack(), f), "{f:?}");
        }
    }
}
