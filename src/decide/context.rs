//! Stage-one scores → context scores: every block rescored from its neighbours' scores,
//! where it stands relative to the page's mass of body text and to the densest run of good
//! blocks, and the words it shares with the page's sure boilerplate and sure body.
//!
//! A block's own score is not enough: a short line between two body paragraphs is usually
//! body, a good-looking paragraph far from the article is usually a teaser.

use super::affinity;
use crate::features::{self, ContextFeatures, M, Summary};
use crate::model::sigmoid;
use crate::model::trees::{Forest, Rows};
use crate::segment::Segment;
use crate::util::log::{ln_1p_count, ln_1p_mean};

/// Stage-one log-odds are clipped to this range: beyond it the evidence is certain enough.
const CLIP: f32 = 8.0;
/// Log-odds standing in for a neighbour past the page's edge (page edges are mostly chrome).
const EDGE: f32 = -6.0;
/// A block opening with this many title-case words (a tenth each, see
/// `features::lead_caps`) looks like a headline glued to its teaser.
const TEASER_LEAD_CAPS: f32 = 0.45;
/// A sentence of this many words that does not end is a teaser's (body paragraphs end).
const TEASER_MIN_WORDS: usize = 8;
/// Headings are short.
pub(super) const HEADING_MAX_WORDS: usize = 15;
/// Places past each edge of the page in the padded probabilities and word counts: the
/// widest window (for `window_max`) reaches 5 blocks either side.
const PAD: usize = 5;
/// Places past each edge in the padded log-odds: the neighbours read reach 2 blocks.
const ZC_PAD: usize = 2;

/// `n as f32` of a count of blocks in a window (at most 11): as a `u32` it converts in one
/// instruction, where a `usize` takes a test and a branch.
fn small(n: usize) -> f32 {
    n as u32 as f32
}

/// `values` with `pad` copies of `edge` before and after.
fn padded(pad: usize, edge: f32, values: impl ExactSizeIterator<Item = f32>) -> Vec<f32> {
    let mut v = Vec::with_capacity(values.len() + 2 * pad);
    v.extend(std::iter::repeat_n(edge, pad));
    v.extend(values);
    v.extend(std::iter::repeat_n(edge, pad));
    v
}

/// A page ready for the context stages: what they read besides the log-odds.
pub(crate) struct Staged<'a> {
    segments: &'a [Segment<'a>],
    feats: &'a [Summary],
    /// Word affinity of every block to the page's sure boilerplate and sure body, judged on
    /// stage-one beliefs.
    affinity: Vec<[f32; 2]>,
    /// Per block, what no stage's log-odds change, counted once for all the stages: the
    /// counts behind [`Window::block`]'s shares, in 3 bytes a block rather than 12.
    shares: Vec<[u8; 3]>,
}

impl<'a> Staged<'a> {
    /// Prepare the context stages of a page from its stage-one log-odds `z1`.
    pub(crate) fn new(segments: &'a [Segment<'a>], feats: &'a [Summary], z1: &[f32]) -> Self {
        // Link targets' words ("https", the site's domain) would tie every linked block
        // together: the blocks' link text is compared. The beliefs are worked out as read,
        // not held beside the affinity's own tables (where many pages peak).
        let p1 = z1.iter().map(|&v| sigmoid(v));
        // The sure blocks' words: about as many as their tokens, which size the map of
        // their counts.
        let words = (feats.iter().zip(p1.clone()))
            .filter(|&(_, p)| affinity::is_sure(p))
            .map(|(s, _)| s.words())
            .sum();
        let affinity = affinity::affinity(segments.iter().map(|s| s.link_text()), p1, words);
        Staged {
            segments,
            feats,
            affinity,
            shares: shares(segments, feats).collect(),
        }
    }

    /// Log-odds after applying the context `models` in turn, starting from `z`, with their
    /// rows written into `rows`.
    pub(crate) fn through(
        &self,
        mut z: Vec<f32>,
        models: &[Forest<'_, M>],
        rows: &mut Rows,
    ) -> Vec<f32> {
        for m in models {
            let mut blocks = self.features(z);
            // Rows are scored as they are written, in order.
            let fill = |_, row: &mut [f32; M]| *row = blocks.next().unwrap_or_default().to_array();
            z = m.logits_filled(self.feats.len(), fill, rows);
        }
        z
    }

    /// Context features of every block, from the log-odds `z` of the stage before (whose
    /// room they take), computed as they are read (scored in chunks, never all held).
    pub(crate) fn features(&self, z: Vec<f32>) -> impl Iterator<Item = ContextFeatures> + '_ {
        let window = Window::new(self, z);
        let mut before = 0.0f32;
        // Comment sections follow the article: count comment headers ("Name says:", a bare
        // date line, "Leave a reply") seen so far.
        let mut comments = 0u32;
        (0..self.feats.len()).map(move |i| {
            let shares = share_values(i, self.feats.len(), self.shares[i]);
            let f = window.block(i, before, comments, shares);
            before += window.mass(i);
            let s = &self.feats[i];
            if s.words() <= 12 && (s.comment_words() || s.date_like()) {
                comments += 1;
            }
            f
        })
    }
}

/// Per block, what no stage's log-odds change: the shares of list items within 2 blocks
/// (itself included), of title-case teaser leads and of unterminated teaser sentences
/// within 3 (itself left out).
/// Per block, the counts of the shares (see [`share_values`]): list items within 2 blocks
/// (itself included), title-case teaser leads and unterminated teaser sentences within 3
/// (itself left out).
fn shares<'s>(segments: &'s [Segment], feats: &'s [Summary]) -> impl Iterator<Item = [u8; 3]> + 's {
    let n = feats.len();
    let title_case = |j: usize| feats[j].lead_caps() >= TEASER_LEAD_CAPS;
    let unterminated =
        |j: usize| feats[j].words() >= TEASER_MIN_WORDS && !feats[j].ends_with_punct();
    let bullets = near(n, 2, move |j| segments[j].bullet());
    let teasers = near(n, 3, title_case).zip(near(n, 3, unterminated));
    // At most 5 and 6 blocks: a byte each.
    let byte = |count: u32| count as u8;
    bullets
        .zip(teasers)
        .enumerate()
        .map(move |(i, (bullets, (title, unterm)))| {
            // The teaser shares leave the block itself out.
            [
                byte(bullets),
                byte(title - u32::from(title_case(i))),
                byte(unterm - u32::from(unterminated(i))),
            ]
        })
}

/// Block `i`'s shares (of `n`) of list items within 2 blocks (itself included), of
/// title-case teaser leads and of unterminated teaser sentences within 3 (itself left
/// out), from their `counts`.
fn share_values(i: usize, n: usize, counts: [u8; 3]) -> [f32; 3] {
    let (bl, bh) = (i.saturating_sub(2), (i + 2).min(n - 1));
    let (lo, hi) = (i.saturating_sub(3), (i + 3).min(n - 1));
    let others = |count: u8| u32::from(count) as f32 / small((hi - lo).max(1));
    [
        u32::from(counts[0]) as f32 / small(bh - bl + 1),
        others(counts[1]),
        others(counts[2]),
    ]
}

/// For each of `n` blocks in turn, how many blocks within `reach` of it (itself included)
/// `hit` holds for: a count slid along the page, no table of counts held.
fn near(n: usize, reach: usize, hit: impl Fn(usize) -> bool) -> impl Iterator<Item = u32> {
    let mut count: u32 = (0..reach.min(n)).map(|j| u32::from(hit(j))).sum();
    (0..n).map(move |i| {
        if i + reach < n {
            count += u32::from(hit(i + reach));
        }
        if i > reach {
            count -= u32::from(hit(i - reach - 1));
        }
        count
    })
}

/// What the context features of a page read, computed once from the log-odds of the stage
/// before.
struct Window<'a> {
    staged: &'a Staged<'a>,
    /// Log-odds, clipped, with [`EDGE`] for the [`ZC_PAD`] places past each edge.
    zc: Vec<f32>,
    /// Probabilities, with 0 for the [`PAD`] places past each edge.
    p: Vec<f32>,
    /// Word counts, with −1 for the [`PAD`] places past each edge.
    words: Vec<f32>,
    /// The body mass of all blocks (see [`Window::mass`]), at least 1.
    total: f32,
    /// The densest run of good blocks (first and last block).
    run: (usize, usize),
    /// The same as `f32`, converted once.
    run_f32: (f32, f32),
    /// The layout holding most of the likely body mass.
    body_layout: (bool, usize),
}

impl<'a> Window<'a> {
    /// The window over log-odds `z`, clipped and padded in their own room.
    fn new(staged: &'a Staged<'a>, z: Vec<f32>) -> Self {
        let (segments, feats) = (staged.segments, staged.feats);
        let n = feats.len();
        let p = padded(PAD, 0.0, z.iter().map(|&v| sigmoid(v)));
        let mut zc = z;
        zc.iter_mut().for_each(|v| *v = v.clamp(-CLIP, CLIP));
        zc.reserve_exact(2 * ZC_PAD);
        zc.splice(0..0, [EDGE; ZC_PAD]);
        zc.extend([EDGE; ZC_PAD]);
        let words = padded(PAD, -1.0, feats.iter().map(|f| f.words() as f32));
        let (pn, wn) = (&p[PAD..PAD + n], &words[PAD..PAD + n]);
        let total: f32 = (0..n).map(|i| wn[i] * pn[i]).sum::<f32>().max(1.0);
        // The densest run of good blocks: maximum-sum subarray of (p - ½)·words.
        let run = best_run(pn, wn);
        let body_layout = body_layout(segments, pn, |i| wn[i] * pn[i]);
        Window {
            staged,
            zc,
            p,
            words,
            total,
            run,
            run_f32: (run.0 as f32, run.1 as f32),
            body_layout,
        }
    }

    /// Block `i`'s body mass: its words weighted by belief, worked out where read rather
    /// than held for every block (sums of it give the mass before and after a block).
    #[inline]
    fn mass(&self, i: usize) -> f32 {
        self.words[PAD + i] * self.p[PAD + i]
    }

    /// The context features of block `i`, with `before` the body mass above it,
    /// `comments` the comment headers seen above it and `shares` its shares of list items,
    /// teaser leads and unterminated sentences nearby. Inlined, the features go straight
    /// to the forest's row, never built apart and copied.
    #[inline]
    fn block(&self, i: usize, before: f32, comments: u32, shares: [f32; 3]) -> ContextFeatures {
        let Staged {
            segments,
            feats,
            affinity,
            ..
        } = self.staged;
        // Block `i` and its neighbours in the padded vectors: the places past the page's
        // edges hold values that add nothing to the sums (p = 0, words + 1 = 0) and nothing
        // to the maximum (p = 0; every p is +0 or more, never NaN), so the windows need no
        // bounds and their sums take the same values in the same order.
        let p: &[f32; 2 * PAD + 1] = self.p[i..i + 2 * PAD + 1].try_into().expect("padded");
        let w: &[f32; 2 * PAD + 1] = self.words[i..i + 2 * PAD + 1].try_into().expect("padded");
        let zc: &[f32; 2 * ZC_PAD + 1] = self.zc[i..i + 2 * ZC_PAD + 1].try_into().expect("padded");
        let (mut num, mut den) = (0.0f32, 0.0f32);
        for j in [PAD - 3, PAD - 2, PAD - 1, PAD + 1, PAD + 2, PAD + 3] {
            num += p[j] * (w[j] + 1.0);
            den += w[j] + 1.0;
        }
        // `f32::max` from +0 of values never −0: a comparison is the same (NaN is passed over
        // either way).
        let mut window_max = 0.0f32;
        for j in (0..2 * PAD + 1).filter(|&j| j != PAD) {
            if p[j] > window_max {
                window_max = p[j];
            }
        }
        // Words of the two blocks either side (none past the edges).
        let nb_sum = [PAD - 2, PAD - 1, PAD + 1, PAD + 2]
            .iter()
            .fold(0.0f32, |s, &j| s + w[j].max(0.0));
        let mass_before = before / self.total;
        let mass_after = ((self.total - before - self.mass(i)) / self.total).max(0.0);
        let (run_lo, run_hi) = self.run;
        // Blocks from the densest run (0 inside it).
        let dist = run_lo.saturating_sub(i) + i.saturating_sub(run_hi);
        let f = &feats[i];
        let nb_len = (i + 2).min(feats.len() - 1) - i.saturating_sub(2);
        let [bullet_window, title_case_window, unterminated_window] = shares;
        // Past the last block p is 0.
        let heading_shape = f.words() > 0
            && f.words() <= HEADING_MAX_WORDS
            && !f.ends_with_punct()
            && p[PAD + 1] > 0.5;
        ContextFeatures {
            own: zc[ZC_PAD],
            prev: zc[ZC_PAD - 1],
            next: zc[ZC_PAD + 1],
            prev2: zc[ZC_PAD - 2],
            next2: zc[ZC_PAD + 2],
            window_mean: if den > 0.0 { num / den } else { 0.0 },
            window_max,
            mass_before,
            mass_after,
            inside: 2.0 * mass_before.min(mass_after),
            in_run: f32::from(u8::from(dist == 0)),
            run_distance: ln_1p_count(dist),
            log_words: f.log_words(),
            keyword_cover: f.keyword_cover,
            bullet_window,
            heading_shape: f32::from(u8::from(heading_shape)),
            position: features::position(i, feats.len()),
            repeats: f.repeats,
            comments_above: ln_1p_count(comments as usize),
            neighbour_words: ln_1p_mean(nb_sum, nb_len.max(1)),
            layout_match: f32::from(u8::from(layout(&segments[i]) == self.body_layout)),
            // Decks, captions and pitches sit at the edges of the article.
            from_run_start: (i as f32 - self.run_f32.0).clamp(-1.0, 3.0),
            to_run_end: (self.run_f32.1 - i as f32).clamp(-1.0, 3.0),
            boilerplate_affinity: affinity[i][0],
            body_affinity: affinity[i][1],
            lead_caps: f.lead_caps(),
            // A list of teasers: neighbours that open with a title-case headline, or that
            // run on for a sentence without ending it (a story's first line, cut short).
            title_case_window,
            unterminated_window,
            bullet: f32::from(u8::from(segments[i].bullet())),
            isolated: f32::from(u8::from(set_apart(&segments[i]))),
        }
    }
}

/// Body paragraphs of one page share their layout (blank lines around them, indentation):
/// the layout holding most of the likely body mass.
fn body_layout(segments: &[Segment], p: &[f32], mass: impl Fn(usize) -> f32) -> (bool, usize) {
    let mut layouts: Vec<((bool, usize), f32)> = Vec::new();
    for i in 0..p.len() {
        if p[i] > 0.5 {
            let l = layout(&segments[i]);
            match layouts.iter_mut().find(|e| e.0 == l) {
                Some(e) => e.1 += mass(i),
                None => layouts.push((l, mass(i))),
            }
        }
    }
    layouts
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or((true, 0), |e| e.0)
}

/// What a converter's layout says of a block: set off by blank lines, and its indentation.
fn layout(s: &Segment) -> (bool, usize) {
    (set_apart(s), s.indent() as usize)
}

/// Whether blank lines stand before and after the block.
pub(super) fn set_apart(s: &Segment) -> bool {
    s.blank_before() && s.blank_after()
}

/// The maximum-sum run of `(p − ½)·(words + 1)` (Kadane); `(0, 0)` for an empty page.
fn best_run(p: &[f32], words: &[f32]) -> (usize, usize) {
    let (mut best, mut best_lo, mut best_hi) = (f32::MIN, 0, 0);
    let (mut cur, mut lo) = (0.0f32, 0);
    for i in 0..p.len() {
        if cur <= 0.0 {
            cur = 0.0;
            lo = i;
        }
        cur += (p[i] - 0.5) * (words[i] + 1.0);
        if cur > best {
            (best, best_lo, best_hi) = (cur, lo, i);
        }
    }
    (best_lo, best_hi)
}
