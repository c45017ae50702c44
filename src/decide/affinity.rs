//! Word affinity: how much of a block's vocabulary the page uses only in its boilerplate.
//!
//! A paywall pitch or a newsletter blurb can read like prose ("Join hundreds of professionals
//! with Acme PRO."), but it shares its words (the brand, "join", "professionals") with the
//! page's obvious boilerplate and few with the obvious body. Body paragraphs share words with
//! other body paragraphs, or with nothing at all.

use crate::text::chars;

use crate::util::hash::{FxHashMap, FxHashSet};

/// Blocks believed boilerplate below this probability…
const SURE_BAD: f32 = 0.1;
/// …and body above this one, lend their words to the comparison.
const SURE_GOOD: f32 = 0.9;
/// Tokens shorter than this (in characters) say little about a block.
const MIN_TOKEN_CHARS: usize = 2;

/// Most entries the token counts are given room for before they are filled (under 2 MB).
const COUNTS_ROOM: usize = 1 << 16;

/// Per block: the shares of its distinct tokens found on the page only in other sure
/// boilerplate blocks, and only in other sure body blocks. `p` holds each block's probability
/// of being body.
pub(crate) fn affinity<'a>(
    texts: impl Iterator<Item = &'a str> + Clone,
    p: &[f32],
) -> Vec<[f32; 2]> {
    // The sure blocks' tokens, read again below (the others are read once): one run a
    // block, of the length in `lens`, and whether the block is sure boilerplate.
    let mut kept: Vec<u32> = Vec::new();
    let mut lens: Vec<(usize, bool)> = Vec::new();
    let mut buf: Vec<u32> = Vec::new();
    for (text, &pi) in texts.clone().zip(p) {
        let (bad, good) = (pi < SURE_BAD, pi > SURE_GOOD);
        if !bad && !good {
            continue;
        }
        distinct_tokens(text, &mut buf);
        kept.extend_from_slice(&buf);
        lens.push((buf.len(), bad));
    }
    // For each token: in how many sure-bad and sure-good blocks it occurs. Sized for all
    // the tokens read (more than the distinct ones) so that it rarely grows, up to
    // COUNTS_ROOM entries (a large page's map grows past them as it did).
    let room = kept.len().min(COUNTS_ROOM);
    let mut counts: FxHashMap<u32, (u32, u32)> =
        FxHashMap::with_capacity_and_hasher(room, Default::default());
    let mut from = 0;
    for &(len, bad) in &lens {
        for &h in &kept[from..from + len] {
            let e = counts.entry(h).or_default();
            e.0 += u32::from(bad);
            e.1 += u32::from(!bad);
        }
        from += len;
    }
    let (mut rest, mut lens) = (kept.as_slice(), lens.into_iter().map(|e| e.0));
    texts
        .zip(p)
        .map(|(text, &pi)| {
            let (own_bad, own_good) = (u32::from(pi < SURE_BAD), u32::from(pi > SURE_GOOD));
            let tokens = if own_bad + own_good == 0 {
                distinct_tokens(text, &mut buf);
                buf.as_slice()
            } else {
                let (mine, more) = rest.split_at(lens.next().unwrap_or(0));
                rest = more;
                mine
            };
            if tokens.is_empty() {
                return [0.0; 2];
            }
            // Leave the block's own contribution out.
            let (mut only_bad, mut only_good) = (0usize, 0usize);
            for h in tokens {
                let (b, g) = counts.get(h).copied().unwrap_or((0, 0));
                let (b, g) = (b - own_bad, g - own_good);
                only_bad += usize::from(b > 0 && g == 0);
                only_good += usize::from(g > 0 && b == 0);
            }
            let k = tokens.len() as f32;
            [only_bad as f32 / k, only_good as f32 / k]
        })
        .collect()
}

/// Token lists longer than this are deduplicated with a set instead of sorted.
const SORT_MAX: usize = 1024;

/// The distinct token hashes of `text` into `out`: runs of alphanumeric characters,
/// ASCII letters folded to lower case.
fn distinct_tokens(text: &str, out: &mut Vec<u32>) {
    out.clear();
    chars::words(text, chars::Fold::Ascii, |h, len| {
        if len >= MIN_TOKEN_CHARS {
            out.push(h);
        }
    });
    // Sorting would cost n log n on a megabyte paragraph; a set stays linear.
    if out.len() > SORT_MAX {
        let mut seen = FxHashSet::default();
        out.retain(|h| seen.insert(*h));
    } else {
        out.sort_unstable();
        out.dedup();
    }
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
        let a = affinity(texts.iter().copied(), &p);
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
}
