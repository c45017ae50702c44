//! What later passes of settling read of a block's text features, packed: the first pass
//! keeps it, so that a later pass reads a block's text again only where it changed.
//!
//! A later pass takes a block's stage-one score from the first pass (stage one reads the
//! block's text alone): of its features it reads only what the context stages and the
//! rules read (`features::Summary`) and what the page-type statistics add up
//! (`features::page::PageStats::add`). Of those, 7 are shares and densities, 5 flags, and the
//! 5 `kw_*` kinds read are zero unless a boilerplate phrase was found: a block packs into 48
//! bytes where its [`Features`] take 192. What depends on the page (`position`, `repeats`)
//! is not packed: `features::compute_with` sets it every pass. A block is packed only where
//! unpacking gives back what later passes read bit for bit; the features they do not read
//! unpack as zero, so unpacked features are never scored by stage one.

use crate::features::{BlockFeatures, Features};
use crate::util::log::ln_1p_count;
use crate::util::to_u32;

/// What later passes read of a block's features, packed.
#[derive(Debug, Clone)]
pub(crate) struct Packed {
    /// The measured shares and densities, in [`SHARES`] order.
    shares: [f32; 7],
    words: u32,
    /// The vocabulary entry of the block's keyword; [`NO_KEYWORD`] where none.
    keyword: u16,
    /// `lead_caps` in tenths (`features::lead_caps` counts at most 12 words).
    lead_caps: u8,
    /// [`FLAGS`], bit by bit, then `comment_header`.
    flags: u8,
    /// The `kw_*` features read, in [`KINDS`] order, where any is not zero.
    kinds: Option<Box<[f32; 5]>>,
    /// The block whose features these are (by index, in 32 bits as blocks are numbered
    /// elsewhere): settling's bookkeeping, in the room the box's alignment leaves (as a
    /// pair with its index, a pack took 56 bytes).
    pub(crate) block: u32,
}

/// [`Packed::keyword`] of a block without one.
const NO_KEYWORD: u16 = u16::MAX;

/// One feature of a block's vector.
type Field = fn(&mut BlockFeatures) -> &mut f32;

/// The features stored as measured.
const SHARES: [Field; 7] = [
    |v| &mut v.keyword_cover,
    |v| &mut v.stop_density,
    |v| &mut v.capital_share,
    |v| &mut v.digit_share,
    |v| &mut v.url_share,
    |v| &mut v.avg_word_len,
    |v| &mut v.separator_share,
];

/// The features read that are 0 or 1.
const FLAGS: [Field; 4] = [
    |v| &mut v.ends_with_punct,
    |v| &mut v.keyword_any,
    |v| &mut v.date_like,
    |v| &mut v.keyword_lead,
];

/// The share of the block the kinds of boilerplate phrase read cover.
const KINDS: [Field; 5] = [
    |v| &mut v.kw_navigation,
    |v| &mut v.kw_share,
    |v| &mut v.kw_comments,
    |v| &mut v.kw_related,
    |v| &mut v.kw_metadata,
];

impl Packed {
    /// What later passes read of `f` (the features of block `block`), packed, unless it
    /// would not unpack to itself.
    pub(crate) fn pack(f: &Features, block: usize) -> Option<Packed> {
        let mut v = f.v;
        let mut shares = [0.0; 7];
        for (s, get) in shares.iter_mut().zip(SHARES) {
            *s = *get(&mut v);
        }
        let mut flags = 0u8;
        for (bit, get) in FLAGS.into_iter().enumerate() {
            flags |= u8::from(*get(&mut v) != 0.0) << bit;
        }
        flags |= u8::from(f.comment_header) << FLAGS.len();
        let mut kinds = [0.0; 5];
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
            block: to_u32(block),
        };
        unpacks_exactly(f).then_some(packed)
    }

    /// What later passes read of the features packed; the rest (and the features of the
    /// page: `position`, `repeats`) zero.
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
        // As `features::block_features` derives it.
        v.log_words = ln_1p_count(words);
        v.lead_caps = f32::from(self.lead_caps) / 10.0;
        Features {
            v,
            words,
            keyword_id: (self.keyword != NO_KEYWORD).then_some(self.keyword),
            keyword_cover: v.keyword_cover,
            comment_header: (self.flags >> FLAGS.len()) & 1 != 0,
            ends_with_punct: v.ends_with_punct != 0.0,
            position: 0.0,
            repeats: 0.0,
        }
    }
}

/// Whether what later passes read of `f` unpacks bit for bit: the shares and kinds are
/// stored as they are, so only what is stored otherwise or derived is checked (the tests
/// check against [`same`]).
fn unpacks_exactly(f: &Features) -> bool {
    let v = &f.v;
    let flag = |x: f32| x.to_bits() == 0 || x.to_bits() == 1.0f32.to_bits();
    flag(v.ends_with_punct)
        && flag(v.keyword_any)
        && flag(v.date_like)
        && flag(v.keyword_lead)
        && u32::try_from(f.words).is_ok()
        && f.keyword_id != Some(NO_KEYWORD)
        && v.log_words.to_bits() == ln_1p_count(f.words).to_bits()
        && (f32::from((v.lead_caps * 10.0).round() as u8) / 10.0).to_bits() == v.lead_caps.to_bits()
        && f.keyword_cover.to_bits() == v.keyword_cover.to_bits()
        && f.ends_with_punct == (v.ends_with_punct != 0.0)
}

/// Whether `a` and `b` are the same in what later passes read, bit for bit.
#[cfg(test)]
fn same(a: &Features, b: &Features) -> bool {
    let bits = |f: &Features| {
        let mut v = f.v;
        let mut bits = [0u32; SHARES.len() + FLAGS.len() + KINDS.len() + 2];
        let read = SHARES.iter().chain(&FLAGS).chain(&KINDS);
        for (b, get) in bits.iter_mut().zip(read) {
            *b = get(&mut v).to_bits();
        }
        bits[bits.len() - 2] = v.log_words.to_bits();
        bits[bits.len() - 1] = v.lead_caps.to_bits();
        bits
    };
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
    use crate::features::language::choose;
    use crate::features::page::PageStats;
    use crate::features::{Summary, compute};
    use crate::segment::segment;

    /// Every block of a page of prose, menus, captions, dates and links packs, and unpacks
    /// to what later passes read of its features: the same summary, the same page-type
    /// statistics.
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
        assert_eq!(std::mem::size_of::<Packed>(), 48);
        assert_eq!(std::mem::size_of::<Features>(), 192);
        assert_eq!(std::mem::size_of::<Summary>(), 16);
        assert_eq!(std::mem::size_of::<crate::output::Labelled>(), 56);
        assert_eq!(std::mem::size_of::<crate::features::page::BlockMarks>(), 32);
        assert!(feats.len() >= 10);
        assert!(feats.iter().any(|f| f.v.keyword_any != 0.0));
        let unpacked: Vec<Features> = feats
            .iter()
            .map(|f| {
                let mut g = Packed::pack(f, 0).expect("packs").unpack();
                assert!(same(&g, f), "{f:?}");
                (g.position, g.repeats) = (f.position, f.repeats);
                g
            })
            .collect();
        let mut stats = [PageStats::new(stops.code()), PageStats::new(stops.code())];
        for ((f, g), s) in feats.iter().zip(&unpacked).zip(&segments) {
            assert_eq!(
                format!("{:?}", Summary::of(f)),
                format!("{:?}", Summary::of(g))
            );
            for (stats, f) in stats.iter_mut().zip([f, g]) {
                let m = stats.marks(f, s);
                stats.add(f, s, 0.5, &m);
            }
        }
        let [a, b] = stats.map(|s| s.finish().to_array().map(f32::to_bits));
        assert_eq!(a, b);
    }
}
