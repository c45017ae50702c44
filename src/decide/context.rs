//! Stage-one scores → context scores: every block rescored from its neighbours' scores,
//! where it stands relative to the page's mass of body text and to the densest run of good
//! blocks, and the words it shares with the page's sure boilerplate and sure body.
//!
//! A block's own score is not enough: a short line between two body paragraphs is usually
//! body, a good-looking paragraph far from the article is usually a teaser.

use super::affinity;
use crate::features::{self, ContextFeatures, M, Summary};
use crate::model::sigmoid;
use crate::model::trees::Forest;
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

/// A page ready for the context stages: what they read besides the log-odds.
pub(crate) struct Staged<'a> {
    segments: &'a [Segment<'a>],
    feats: &'a [Summary],
    /// Word affinity of every block to the page's sure boilerplate and sure body, judged on
    /// stage-one beliefs.
    affinity: Vec<[f32; 2]>,
}

impl<'a> Staged<'a> {
    /// Prepare the context stages of a page from its stage-one log-odds `z1`.
    pub(crate) fn new(segments: &'a [Segment<'a>], feats: &'a [Summary], z1: &[f32]) -> Self {
        let p1: Vec<f32> = z1.iter().map(|&v| sigmoid(v)).collect();
        // Link targets' words ("https", the site's domain) would tie every linked block
        // together: the blocks' link text is compared.
        let affinity = affinity::affinity(segments.iter().map(|s| s.link_text()), &p1);
        Staged {
            segments,
            feats,
            affinity,
        }
    }

    /// Log-odds after applying the context `models` in turn, starting from `z1`.
    pub(crate) fn through(&self, z1: &[f32], models: &[Forest<'_, M>]) -> Vec<f32> {
        let mut z = z1.to_vec();
        for m in models {
            z = m.logits(self.features(&z).map(|f| f.to_array()));
        }
        z
    }

    /// Context features of every block, from the log-odds `z` of the stage before, computed
    /// as they are read (scored in chunks, never all held).
    pub(crate) fn features(&self, z: &[f32]) -> impl Iterator<Item = ContextFeatures> + '_ {
        let window = Window::new(self.segments, self.feats, z, &self.affinity);
        let mut before = 0.0f32;
        // Comment sections follow the article: count comment headers ("Name says:", a bare
        // date line, "Leave a reply") seen so far.
        let mut comments = 0u32;
        (0..self.feats.len()).map(move |i| {
            let f = window.block(i, before, comments);
            before += window.mass[i];
            let s = &self.feats[i];
            if s.words() <= 12 && (s.kw_comments > 0.2 || s.date_like()) {
                comments += 1;
            }
            f
        })
    }
}

/// What the context features of a page read, computed once from the log-odds of the stage
/// before.
struct Window<'a> {
    segments: &'a [Segment<'a>],
    feats: &'a [Summary],
    affinity: &'a [[f32; 2]],
    /// Log-odds, clipped.
    zc: Vec<f32>,
    /// Probabilities.
    p: Vec<f32>,
    words: Vec<f32>,
    /// Body mass: words weighted by belief.
    mass: Vec<f32>,
    total: f32,
    /// The densest run of good blocks (first and last block).
    run: (usize, usize),
    /// The layout holding most of the likely body mass.
    body_layout: (bool, usize),
    /// Prefix counts (entry `j`: among blocks `0..j`) of list items, of title-case teaser
    /// leads and of unterminated teaser sentences: a window's count is one subtraction.
    bullets: Vec<u32>,
    title_case: Vec<u32>,
    unterminated: Vec<u32>,
}

/// Prefix counts of the blocks for which `hit` holds: entry `j` counts blocks `0..j`.
fn prefix_counts(n: usize, hit: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut counts = Vec::with_capacity(n + 1);
    let mut c = 0u32;
    counts.push(c);
    for j in 0..n {
        c += u32::from(hit(j));
        counts.push(c);
    }
    counts
}

impl<'a> Window<'a> {
    fn new(
        segments: &'a [Segment<'a>],
        feats: &'a [Summary],
        z: &[f32],
        affinity: &'a [[f32; 2]],
    ) -> Self {
        let n = feats.len();
        let zc: Vec<f32> = z.iter().map(|v| v.clamp(-CLIP, CLIP)).collect();
        let p: Vec<f32> = z.iter().map(|&v| sigmoid(v)).collect();
        let words: Vec<f32> = feats.iter().map(|f| f.words() as f32).collect();
        // Prefix sums of the mass give the mass before and after a block.
        let mass: Vec<f32> = (0..n).map(|i| words[i] * p[i]).collect();
        let total: f32 = mass.iter().sum::<f32>().max(1.0);
        // The densest run of good blocks: maximum-sum subarray of (p - ½)·words.
        let run = best_run(&p, &words);
        let body_layout = body_layout(segments, &p, &mass);
        let bullets = prefix_counts(n, |j| segments[j].bullet);
        let title_case = prefix_counts(n, |j| feats[j].lead_caps >= TEASER_LEAD_CAPS);
        let unterminated = prefix_counts(n, |j| {
            feats[j].words() >= TEASER_MIN_WORDS && !feats[j].ends_with_punct()
        });
        Window {
            segments,
            feats,
            affinity,
            zc,
            p,
            words,
            mass,
            total,
            run,
            body_layout,
            bullets,
            title_case,
            unterminated,
        }
    }

    /// Clipped log-odds of block `i`, [`EDGE`] past the page's edges.
    fn at(&self, i: isize) -> f32 {
        if i < 0 || i as usize >= self.zc.len() {
            EDGE
        } else {
            self.zc[i as usize]
        }
    }

    /// Share of the blocks within 3 of `i` (not `i`) counted in `counts` (prefix counts).
    fn share(&self, i: usize, counts: &[u32]) -> f32 {
        let n = self.feats.len();
        let (lo, hi) = (i.saturating_sub(3), (i + 3).min(n - 1));
        let own = counts[i + 1] - counts[i];
        (counts[hi + 1] - counts[lo] - own) as f32 / (hi - lo).max(1) as f32
    }

    /// The context features of block `i`, with `before` the body mass above it and
    /// `comments` the comment headers seen above it.
    fn block(&self, i: usize, before: f32, comments: u32) -> ContextFeatures {
        let (n, p, words) = (self.feats.len(), &self.p, &self.words);
        let ii = i as isize;
        let lo = i.saturating_sub(3);
        let hi = (i + 3).min(n - 1);
        // The neighbours are two ranges, before and after `i`, summed in order: a filter
        // skipping `i` cost more than the sums.
        let (mut num, mut den) = (0.0, 0.0);
        for (&pj, &wj) in p[lo..i].iter().zip(&words[lo..i]) {
            num += pj * (wj + 1.0);
            den += wj + 1.0;
        }
        for (&pj, &wj) in p[i + 1..=hi].iter().zip(&words[i + 1..=hi]) {
            num += pj * (wj + 1.0);
            den += wj + 1.0;
        }
        let (mlo, mhi) = (i.saturating_sub(5), (i + 5).min(n - 1));
        let window_max = p[mlo..i]
            .iter()
            .chain(&p[i + 1..=mhi])
            .fold(0.0f32, |m, &v| m.max(v));
        let mass_before = before / self.total;
        let mass_after = ((self.total - before - self.mass[i]) / self.total).max(0.0);
        let (run_lo, run_hi) = self.run;
        // Blocks from the densest run (0 inside it).
        let dist = run_lo.saturating_sub(i) + i.saturating_sub(run_hi);
        let bl = i.saturating_sub(2);
        let bh = (i + 2).min(n - 1);
        let bullets = (self.bullets[bh + 1] - self.bullets[bl]) as f32 / (bh - bl + 1) as f32;
        let f = &self.feats[i];
        let nb_sum = words[bl..i]
            .iter()
            .chain(&words[i + 1..=bh])
            .fold(0.0f32, |s, &w| s + w);
        let nb_len = bh - bl;
        let heading_shape = f.words() > 0
            && f.words() <= HEADING_MAX_WORDS
            && !f.ends_with_punct()
            && (i + 1 < n && p[i + 1] > 0.5);
        ContextFeatures {
            own: self.zc[i],
            prev: self.at(ii - 1),
            next: self.at(ii + 1),
            prev2: self.at(ii - 2),
            next2: self.at(ii + 2),
            window_mean: if den > 0.0 { num / den } else { 0.0 },
            window_max,
            mass_before,
            mass_after,
            inside: 2.0 * mass_before.min(mass_after),
            in_run: f32::from(u8::from(dist == 0)),
            run_distance: ln_1p_count(dist),
            log_words: f.log_words,
            keyword_cover: f.keyword_cover,
            bullet_window: bullets,
            heading_shape: f32::from(u8::from(heading_shape)),
            position: features::position(i, n),
            repeats: f.repeats,
            comments_above: ln_1p_count(comments as usize),
            neighbour_words: ln_1p_mean(nb_sum, nb_len.max(1)),
            layout_match: f32::from(u8::from(layout(&self.segments[i]) == self.body_layout)),
            // Decks, captions and pitches sit at the edges of the article.
            from_run_start: (i as f32 - run_lo as f32).clamp(-1.0, 3.0),
            to_run_end: (run_hi as f32 - i as f32).clamp(-1.0, 3.0),
            boilerplate_affinity: self.affinity[i][0],
            body_affinity: self.affinity[i][1],
            lead_caps: f.lead_caps,
            // A list of teasers: neighbours that open with a title-case headline, or that
            // run on for a sentence without ending it (a story's first line, cut short).
            title_case_window: self.share(i, &self.title_case),
            unterminated_window: self.share(i, &self.unterminated),
            bullet: f32::from(u8::from(self.segments[i].bullet)),
            isolated: f32::from(u8::from(set_apart(&self.segments[i]))),
        }
    }
}

/// Body paragraphs of one page share their layout (blank lines around them, indentation):
/// the layout holding most of the likely body mass.
fn body_layout(segments: &[Segment], p: &[f32], mass: &[f32]) -> (bool, usize) {
    let mut layouts: Vec<((bool, usize), f32)> = Vec::new();
    for i in 0..p.len() {
        if p[i] > 0.5 {
            let l = layout(&segments[i]);
            match layouts.iter_mut().find(|e| e.0 == l) {
                Some(e) => e.1 += mass[i],
                None => layouts.push((l, mass[i])),
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
    (set_apart(s), s.indent as usize)
}

/// Whether blank lines stand before and after the block.
pub(super) fn set_apart(s: &Segment) -> bool {
    s.blank_before && s.blank_after
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
