//! Scores → labels: the context pass.
//!
//! A block's own score is not enough: a short line between two body paragraphs is usually
//! body, a good-looking paragraph far from the article is usually a teaser. Stage two rescores
//! every block from its neighbours' stage-one scores, where it stands relative to the page's
//! mass of body text and to the densest run of good blocks; then short boilerplate phrases,
//! the title and headings are labelled.

use crate::block::{Block, Kind, Label, Reason};
use crate::features::{Features, idx};
use crate::options::Options;
use crate::score::{self, sigmoid};
use crate::segment::Segment;
use crate::trees::Forest;
use crate::weights;

/// Names of the context features, in order (see `DESIGN.md`).
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub const NAMES: [&str; M] = [
    "self",
    "prev",
    "next",
    "prev2",
    "next2",
    "window_mean",
    "window_max",
    "mass_before",
    "mass_after",
    "inside",
    "in_run",
    "run_distance",
    "log_words",
    "keyword_cover",
    "bullet_window",
    "heading_shape",
    "position",
    "repeats",
    "comments_above",
    "neighbour_words",
];

/// Number of context features.
pub const M: usize = 20;

/// Stage-one log-odds are clipped to this range: beyond it the evidence is certain enough.
const CLIP: f32 = 8.0;
/// Log-odds standing in for a neighbour past the page's edge (page edges are mostly chrome).
const EDGE: f32 = -6.0;
/// Blocks covered this much by boilerplate phrases are boilerplate whatever their score…
const KEYWORD_COVER: f32 = 0.5;
/// …when they are this short (a long paragraph may mention "subscribe").
const KEYWORD_MAX_WORDS: usize = 12;
/// Headings are short.
const HEADING_MAX_WORDS: usize = 15;

/// Context features of every block, from stage-one log-odds `z`.
pub(crate) fn features(segments: &[Segment], feats: &[Features], z: &[f32]) -> Vec<[f32; M]> {
    let n = feats.len();
    let zc: Vec<f32> = z.iter().map(|v| v.clamp(-CLIP, CLIP)).collect();
    let p: Vec<f32> = z.iter().map(|&v| sigmoid(v)).collect();
    let words: Vec<f32> = feats.iter().map(|f| f.words as f32).collect();
    let at = |i: isize| -> f32 {
        if i < 0 || i as usize >= n {
            EDGE
        } else {
            zc[i as usize]
        }
    };
    // Body mass: words weighted by belief; prefix sums give mass before and after a block.
    let mass: Vec<f32> = (0..n).map(|i| words[i] * p[i]).collect();
    let total: f32 = mass.iter().sum::<f32>().max(1.0);
    // The densest run of good blocks: maximum-sum subarray of (p - ½)·words.
    let (run_lo, run_hi) = best_run(&p, &words);
    let mut before = 0.0f32;
    // Comment sections follow the article: count comment headers ("Name says:", a bare
    // date line, "Leave a reply") seen so far.
    let mut comments = 0u32;
    (0..n)
        .map(|i| {
            let ii = i as isize;
            let lo = i.saturating_sub(3);
            let hi = (i + 3).min(n - 1);
            let (mut num, mut den) = (0.0, 0.0);
            for j in (lo..=hi).filter(|&j| j != i) {
                num += p[j] * (words[j] + 1.0);
                den += words[j] + 1.0;
            }
            let window_mean = if den > 0.0 { num / den } else { 0.0 };
            let window_max = (i.saturating_sub(5)..=(i + 5).min(n - 1))
                .filter(|&j| j != i)
                .map(|j| p[j])
                .fold(0.0f32, f32::max);
            let mass_before = before / total;
            let mass_after = ((total - before - mass[i]) / total).max(0.0);
            before += mass[i];
            // Blocks from the densest run (0 inside it).
            let dist = run_lo.saturating_sub(i) + i.saturating_sub(run_hi);
            let bl = i.saturating_sub(2);
            let bh = (i + 2).min(n - 1);
            let bullets =
                (bl..=bh).filter(|&j| segments[j].bullet).count() as f32 / (bh - bl + 1) as f32;
            let f = &feats[i];
            let comments_above = (comments as f32).ln_1p();
            if f.words <= 12 && (f.v[idx::KW_COMMENTS] > 0.2 || f.v[idx::DATE_LIKE] > 0.0) {
                comments += 1;
            }
            let nb: Vec<f32> = (bl..=bh).filter(|&j| j != i).map(|j| words[j]).collect();
            let neighbour_words = (nb.iter().sum::<f32>() / nb.len().max(1) as f32).ln_1p();
            let heading_shape = f.words > 0
                && f.words <= HEADING_MAX_WORDS
                && !f.ends_with_punct
                && (i + 1 < n && p[i + 1] > 0.5);
            [
                zc[i],
                at(ii - 1),
                at(ii + 1),
                at(ii - 2),
                at(ii + 2),
                window_mean,
                window_max,
                mass_before,
                mass_after,
                2.0 * mass_before.min(mass_after),
                f32::from(u8::from(dist == 0)),
                (dist as f32).ln_1p(),
                f.v[idx::LOG_WORDS],
                f.keyword_cover,
                bullets,
                f32::from(u8::from(heading_shape)),
                f.v[idx::POSITION],
                f.v[idx::REPEATS],
                comments_above,
                neighbour_words,
            ]
        })
        .collect()
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

/// Stage-two log-odds of every block under model `m`.
pub(crate) fn logits_with(m: &Forest<'_, M>, ctx: &[[f32; M]]) -> Vec<f32> {
    ctx.iter().map(|x| m.logit(x)).collect()
}

/// Decide the final label of every block.
pub(crate) fn decide(
    segments: Vec<Segment>,
    feats: Vec<Features>,
    options: &Options,
    with_reasons: bool,
) -> Vec<Block> {
    let n = segments.len();
    let z1 = score::logits(&feats);
    let mut z = z1.clone();
    for m in &weights::CONTEXT {
        z = logits_with(m, &features(&segments, &feats, &z));
    }
    let p2: Vec<f32> = z.into_iter().map(sigmoid).collect();
    let thr = options.preset.threshold();
    let good: Vec<bool> = (0..n)
        .map(|i| {
            let f = &feats[i];
            let phrase = f.keyword.is_some()
                && f.keyword_cover >= KEYWORD_COVER
                && f.words <= KEYWORD_MAX_WORDS;
            p2[i] >= thr && !phrase
        })
        .collect();

    let first_body = (0..n).position(|i| good[i] && !is_heading(&segments[i], &feats[i]));
    let title = first_body.and_then(|fb| find_title(&segments, &feats, fb));

    let mut blocks = Vec::with_capacity(n);
    for (i, (seg, f)) in segments.into_iter().zip(feats).enumerate() {
        let mut reasons = Vec::new();
        let p1 = sigmoid(z1[i]);
        let label = if Some(i) == title {
            reasons.push(Reason::Context("headline before the body"));
            Label::Title
        } else if good[i] {
            if p1 < thr {
                reasons.push(Reason::Context("weak alone, body in context"));
            }
            if is_heading(&seg, &f) {
                Label::Heading
            } else {
                Label::Body
            }
        } else {
            if p1 >= thr {
                reasons.push(Reason::Context("good alone, boilerplate in context"));
            }
            match f.keyword {
                Some((kind, phrase)) => {
                    reasons.push(Reason::Keyword { kind, phrase });
                    Label::Boilerplate(kind)
                }
                None => Label::Boilerplate(Kind::Other),
            }
        };
        if with_reasons {
            reasons.extend(score::reasons(&f));
        } else {
            reasons.clear();
        }
        let kept = match label {
            Label::Body => options.keep_lists || !seg.bullet,
            Label::Heading => options.keep_headings,
            _ => false,
        };
        blocks.push(Block {
            text: seg.text,
            lines: seg.lines,
            label,
            kept,
            score: p2[i],
            reasons,
        });
    }
    blocks
}

fn is_heading(seg: &Segment, f: &Features) -> bool {
    f.words > 0 && f.words <= HEADING_MAX_WORDS && !f.ends_with_punct && !seg.bullet
}

/// The headline: a heading-like block shortly before the first body block, preferring one
/// whose text appears again on the page (pages repeat their title).
fn find_title(segments: &[Segment], feats: &[Features], first_body: usize) -> Option<usize> {
    let lo = first_body.saturating_sub(8);
    let mut first = None;
    for i in (lo..first_body).rev() {
        let f = &feats[i];
        if f.words < 3
            || f.words > 30
            || f.ends_with_punct
            || f.keyword.is_some()
            || f.v[idx::SEPARATORS] > 0.0
            || segments[i].bullet
        {
            continue;
        }
        first.get_or_insert(i);
        if segments
            .iter()
            .filter(|s| s.text == segments[i].text)
            .count()
            > 1
        {
            return Some(i);
        }
    }
    first
}
