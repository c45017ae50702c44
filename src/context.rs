//! Scores → labels: the context pass.
//!
//! A block's own score is not enough: a short line between two body paragraphs is usually
//! body, a good-looking paragraph far from the article is usually a teaser. Stage two rescores
//! every block from its neighbours' stage-one scores, where it stands relative to the page's
//! mass of body text and to the densest run of good blocks; then short boilerplate phrases,
//! the title and headings are labelled.

use crate::affinity;
use crate::block::{Block, Kind, Label, Reason};
use crate::dedup::Seen;
use crate::features::Summary;
use crate::log::{ln_1p_count, ln_1p_mean};
use crate::options::Options;
use crate::score::{StageOne, sigmoid};
use crate::segment::Segment;
use crate::trees::Forest;

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
    "layout_match",
    "from_run_start",
    "to_run_end",
    "boilerplate_affinity",
    "body_affinity",
    "lead_caps",
    "title_case_window",
    "unterminated_window",
];

/// Number of context features.
pub const M: usize = 28;

/// Stage-one log-odds are clipped to this range: beyond it the evidence is certain enough.
const CLIP: f32 = 8.0;
/// Log-odds standing in for a neighbour past the page's edge (page edges are mostly chrome).
const EDGE: f32 = -6.0;
/// Blocks covered this much by boilerplate phrases are boilerplate whatever their score…
const KEYWORD_COVER: f32 = 0.5;
/// …when they are this short (a long paragraph may mention "subscribe").
const KEYWORD_MAX_WORDS: usize = 12;
/// Comment headers that make a comment section.
const MIN_COMMENT_HEADERS: usize = 2;
/// Share of separator tokens (`|`, `»`, `/` …) that makes a short block a row of links.
const MENU_SEPARATORS: f32 = 0.25;
/// Above the headline a block needs this many words to be body (5: drops "Log in"-style
/// lines; 20 cost mixed lynx80 word F1 .002 on the dev corpus).
const ABOVE_TITLE_MIN_WORDS: usize = 5;
/// A deck under the headline is one sentence or two.
const DECK_MAX_WORDS: usize = 40;
/// Headings are short.
const HEADING_MAX_WORDS: usize = 15;
/// A block opening with this many title-case words (a tenth each, see
/// `features::lead_caps`) looks like a headline glued to its teaser.
const TEASER_LEAD_CAPS: f32 = 0.45;
/// A sentence of this many words that does not end is a teaser's (body paragraphs end).
const TEASER_MIN_WORDS: usize = 8;
/// A body has at least this many words (cross-validated outputs of the mixed set, whose
/// gold is empty for pages with no main content: 10 to 30 all gain, 15 most).
const MIN_BODY_WORDS: usize = 15;

/// A page ready for the context stages: what they read besides the log-odds.
pub(crate) struct Staged<'a> {
    segments: &'a [Segment],
    feats: &'a [Summary],
    /// Word affinity of every block to the page's sure boilerplate and sure body, judged on
    /// stage-one beliefs.
    affinity: Vec<[f32; 2]>,
}

impl<'a> Staged<'a> {
    /// Prepare the context stages of a page from its stage-one log-odds `z1`.
    pub(crate) fn new(segments: &'a [Segment], feats: &'a [Summary], z1: &[f32]) -> Self {
        let p1: Vec<f32> = z1.iter().map(|&v| sigmoid(v)).collect();
        let affinity = affinity::affinity(segments.iter().map(|s| s.text.as_str()), &p1);
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
            z = m.logits(self.features(&z));
        }
        z
    }

    /// Context features of every block, from the log-odds `z` of the stage before, computed
    /// as they are read (scored in chunks, never all held).
    pub(crate) fn features(&self, z: &[f32]) -> impl Iterator<Item = [f32; M]> + '_ {
        features(self.segments, self.feats, z, &self.affinity)
    }
}

/// Context features of every block, from stage-one log-odds `z`, computed as they are read
/// (scored in chunks, never all held).
fn features<'a>(
    segments: &'a [Segment],
    feats: &'a [Summary],
    z: &[f32],
    affinity: &'a [[f32; 2]],
) -> impl Iterator<Item = [f32; M]> + 'a {
    let n = feats.len();
    let zc: Vec<f32> = z.iter().map(|v| v.clamp(-CLIP, CLIP)).collect();
    let p: Vec<f32> = z.iter().map(|&v| sigmoid(v)).collect();
    let words: Vec<f32> = feats.iter().map(|f| f.words as f32).collect();
    // Body mass: words weighted by belief; prefix sums give mass before and after a block.
    let mass: Vec<f32> = (0..n).map(|i| words[i] * p[i]).collect();
    let total: f32 = mass.iter().sum::<f32>().max(1.0);
    // The densest run of good blocks: maximum-sum subarray of (p - ½)·words.
    let (run_lo, run_hi) = best_run(&p, &words);
    // Body paragraphs of one page share their layout (blank lines around them, indentation):
    // the layout holding most of the likely body mass.
    let mut layouts: Vec<((bool, usize), f32)> = Vec::new();
    for i in 0..n {
        if p[i] > 0.5 {
            let l = layout(&segments[i]);
            match layouts.iter_mut().find(|e| e.0 == l) {
                Some(e) => e.1 += mass[i],
                None => layouts.push((l, mass[i])),
            }
        }
    }
    let body_layout = layouts
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|e| e.0);
    let body_layout = body_layout.unwrap_or((true, 0));
    let mut before = 0.0f32;
    // Comment sections follow the article: count comment headers ("Name says:", a bare
    // date line, "Leave a reply") seen so far.
    let mut comments = 0u32;
    (0..n).map(move |i| {
        let at = |i: isize| -> f32 {
            if i < 0 || i as usize >= n {
                EDGE
            } else {
                zc[i as usize]
            }
        };
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
        let comments_above = ln_1p_count(comments as usize);
        if f.words <= 12 && (f.kw_comments > 0.2 || f.date_like) {
            comments += 1;
        }
        let (nb_sum, nb_len) = (bl..=bh)
            .filter(|&j| j != i)
            .fold((0.0f32, 0usize), |(s, k), j| (s + words[j], k + 1));
        let neighbour_words = ln_1p_mean(nb_sum, nb_len.max(1));
        // A list of teasers: neighbours that open with a title-case headline, or that run
        // on for a sentence without ending it (a story's first line, cut short).
        let share = |teaser: &dyn Fn(&Summary) -> bool| {
            (lo..=hi).filter(|&j| j != i && teaser(&feats[j])).count() as f32
                / (hi - lo).max(1) as f32
        };
        let title_case = share(&|f| f.lead_caps >= TEASER_LEAD_CAPS);
        let unterminated = share(&|f| f.words >= TEASER_MIN_WORDS && !f.ends_with_punct);
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
            ln_1p_count(dist),
            f.log_words,
            f.keyword_cover,
            bullets,
            f32::from(u8::from(heading_shape)),
            f.position,
            f.repeats,
            comments_above,
            neighbour_words,
            f32::from(u8::from(layout(&segments[i]) == body_layout)),
            // Decks, captions and pitches sit at the edges of the article.
            (i as f32 - run_lo as f32).clamp(-1.0, 3.0),
            (run_hi as f32 - i as f32).clamp(-1.0, 3.0),
            affinity[i][0],
            affinity[i][1],
            f.lead_caps,
            title_case,
            unterminated,
        ]
    })
}

/// A page has prose when its blocks above the threshold that end with a stop and hold this
/// many words or more…
const SENTENCE_WORDS: usize = 10;
/// …hold this many words in all…
const PROSE_WORDS: usize = 60;
/// …and a page without has its threshold lowered this much (cross-validated in session 6
/// against .1 and .15: mixed +.007 to +.011 in the sum of three renderers, listings and
/// collections most; articles −.002 to −.006, see `BENCHMARKS.md`).
const NO_PROSE_RELIEF: f32 = 0.2;

/// The threshold for a page, from the preset's: a page with no paragraph of prose above it
/// is a listing, a shop or a forum page, whose content is short items the model believes
/// less, and gets a lower bar.
fn page_threshold(preset: f32, p: &[f32], feats: &[Summary]) -> f32 {
    let prose: usize = p
        .iter()
        .zip(feats)
        .filter(|(p, f)| **p >= preset && f.ends_with_punct && f.words >= SENTENCE_WORDS)
        .map(|(_, f)| f.words)
        .sum();
    if prose >= PROSE_WORDS {
        preset
    } else {
        preset - NO_PROSE_RELIEF
    }
}

/// Smallest score for the fallback body of a page where no block passes the threshold…
const FALLBACK_MIN: f32 = 0.2;
/// …which keeps the blocks scoring at least this share of the best one.
const FALLBACK_SHARE: f32 = 0.8;

/// Non-body blocks that may separate two parts of one body (a heading, an ad, a caption).
const ISLAND_GAP: usize = 4;
/// A group of body blocks this much smaller than the largest one, and away from it, is a
/// teaser or a pitch rather than part of the article (a reasoned guess, see `DESIGN.md`).
const ISLAND_SHARE: f32 = 0.1;

/// Drop small groups of good blocks that stand apart from the main body.
fn drop_islands(good: &mut [bool], feats: &[Summary], why: &mut [Option<&'static str>]) {
    // Groups of good blocks separated by more than ISLAND_GAP other blocks.
    let mut groups: Vec<(usize, usize, f32)> = Vec::new();
    let mut gap = usize::MAX;
    for i in 0..good.len() {
        if !good[i] {
            gap = gap.saturating_add(1);
            continue;
        }
        let w = feats[i].words as f32;
        match groups.last_mut() {
            Some(g) if gap <= ISLAND_GAP => {
                g.1 = i;
                g.2 += w;
            }
            _ => groups.push((i, i, w)),
        }
        gap = 0;
    }
    let Some(main) = groups.iter().map(|g| g.2).max_by(f32::total_cmp) else {
        return;
    };
    for &(lo, hi, mass) in &groups {
        if mass < ISLAND_SHARE * main {
            for i in lo..=hi {
                if good[i] {
                    good[i] = false;
                    why[i] = Some("small group of body-like blocks away from the body");
                }
            }
        }
    }
}

/// What a converter's layout says of a block: set off by blank lines, and its indentation.
fn layout(s: &Segment) -> (bool, usize) {
    (set_apart(s), s.indent)
}

/// Whether blank lines stand before and after the block.
fn set_apart(s: &Segment) -> bool {
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

/// Decide the final label of every block.
pub(crate) fn decide(
    segments: Vec<Segment>,
    stage_one: StageOne,
    options: &Options,
    with_reasons: bool,
    stages: &[Forest<'_, M>],
) -> Vec<Block> {
    let n = segments.len();
    let StageOne {
        summaries: feats,
        z: z1,
        reasons: mut reasons1,
    } = stage_one;
    let z = Staged::new(&segments, &feats, &z1).through(&z1, stages);
    let p2: Vec<f32> = z.into_iter().map(sigmoid).collect();
    let preset_thr = options.preset.threshold(options.settle);
    let thr = page_threshold(preset_thr, &p2, &feats);
    // Why a block that scored well is still dropped.
    let mut overruled: Vec<Option<&'static str>> = vec![None; n];
    let mut good: Vec<bool> = (0..n)
        .map(|i| {
            let f = &feats[i];
            if p2[i] < thr {
                return false;
            }
            if f.keyword_id.is_some()
                && f.keyword_cover >= KEYWORD_COVER
                && f.words <= KEYWORD_MAX_WORDS
            {
                overruled[i] = Some("short block made of boilerplate phrases");
                false
            } else if f.separators >= MENU_SEPARATORS && f.words <= KEYWORD_MAX_WORDS {
                overruled[i] = Some("a row of links (\"Home | News | Sport\")");
                false
            } else if f.keyword_lead {
                overruled[i] = Some("opens with a boilerplate label (\"Read also:\")");
                false
            } else {
                true
            }
        })
        .collect();
    // A comment section: two or more dated comment headers ("Jane on 3 May 2024 said:", or
    // "Jane says:" over a date line); it runs to the end. Undated "Bob said:" lines head
    // quotes in forum posts, which are the content of a forum page.
    let dated = |i: usize| feats[i].date_like;
    let headers: Vec<usize> = (0..n)
        .filter(|&i| feats[i].comment_header && (dated(i) || (i + 1 < n && dated(i + 1))))
        .collect();
    if headers.len() >= MIN_COMMENT_HEADERS {
        for i in headers[0]..n {
            if good[i] {
                good[i] = false;
                overruled[i] = Some("in the comment section");
            }
        }
    }
    drop_islands(&mut good, &feats, &mut overruled);
    // A page has a body if anything on it reads like one: with nothing above the threshold,
    // the best-scoring blocks no rule overruled still make the body (a short news item
    // among its page chrome; a one-paragraph post above its comments).
    let mut fallback = vec![false; n];
    if !good.iter().any(|g| *g) {
        let best = (0..n)
            .filter(|&i| overruled[i].is_none())
            .map(|i| p2[i])
            .fold(0.0f32, f32::max);
        if best >= FALLBACK_MIN {
            for i in 0..n {
                if p2[i] >= best * FALLBACK_SHARE && overruled[i].is_none() {
                    good[i] = true;
                    fallback[i] = true;
                }
            }
        }
    }

    let first_body = (0..n).position(|i| good[i] && !is_heading(&segments[i], &feats[i]));
    let title = first_body.and_then(|fb| find_title(&segments, &feats, fb));
    // A title is only looked for above a first paragraph.
    if let (Some(t), Some(fb)) = (title, first_body) {
        // Between the headline and the first paragraph stand bylines, dates and captions.
        for i in t + 1..fb {
            if good[i] {
                good[i] = false;
                overruled[i] = Some("between the headline and the first paragraph");
            }
        }
        // Pages repeat their headline (the breadcrumb, the share box); it is never body.
        for i in 0..n {
            if good[i] && i != t && segments[i].text == segments[t].text {
                good[i] = false;
                overruled[i] = Some("repeats the headline");
            }
        }
        // A deck (standfirst) stands alone under the headline, set apart from the article by
        // an ad, a photo or its caption: a short first paragraph with chrome before the next.
        if let Some(j) = (fb + 1..n).find(|&j| good[j])
            && j > fb + 1
            && feats[fb].words <= DECK_MAX_WORDS
            && feats[j].words > feats[fb].words
        {
            good[fb] = false;
            overruled[fb] = Some("a deck under the headline, apart from the article");
        }
        // A deck and its photo caption run together under the headline, on lines with no
        // blank line between them, where the article's paragraphs stand apart.
        let mut end = fb;
        while end + 1 < n && good[end + 1] && !segments[end].blank_after {
            end += 1;
        }
        let words: usize = (fb..=end).map(|i| feats[i].words).sum();
        let (mut apart, mut all) = (0usize, 0usize);
        for i in (end + 1..n).filter(|&i| good[i]) {
            all += feats[i].words;
            if set_apart(&segments[i]) {
                apart += feats[i].words;
            }
        }
        if end > fb && words <= DECK_MAX_WORDS && all > words && apart * 5 >= all * 4 {
            for i in fb..=end {
                good[i] = false;
                overruled[i] = Some("a deck and caption under the headline, run together");
            }
        }
        // Headline-like blocks right above the headline (teasers of other pages, a kicker):
        // with the headline gone, a second reading would take the nearest for the headline,
        // and the next reading the one above it.
        for i in (0..t).rev() {
            if !good[i] {
                continue;
            }
            if !may_be_headline(&segments[i], &feats[i]) {
                break;
            }
            good[i] = false;
            overruled[i] = Some("a headline-like block above the headline");
        }
        // Above the headline stands the page's chrome: only real paragraphs are body there.
        for i in 0..t {
            if good[i] && feats[i].words < ABOVE_TITLE_MIN_WORDS {
                good[i] = false;
                overruled[i] = Some("short block above the headline");
            }
        }
    }

    // A block that repeats body text kept above it adds nothing: a second copy of the
    // story (a hidden full text, a print version) or a teaser quoting it.
    let kept_bytes = (0..n)
        .filter(|&i| good[i])
        .map(|i| segments[i].text.len())
        .sum();
    let mut seen = Seen::for_bytes(kept_bytes);
    for i in 0..n {
        if !good[i] {
            continue;
        }
        seen.read(&segments[i].text);
        if Some(i) != title {
            if seen.repeats_above() {
                good[i] = false;
                overruled[i] = Some("repeats body text kept above it");
                continue;
            }
            seen.add();
        }
        if seen.repeats_itself() {
            // A teaser whose title the converter wrote twice (link and alt text).
            good[i] = false;
            overruled[i] = Some("repeats itself");
        }
    }

    // A few words are no article: what is left of a page with no body (a shop's filters, a
    // sign-in wall, a page the converter could not read) is not passed off as one.
    let body_words: usize = (0..n).filter(|&i| good[i]).map(|i| feats[i].words).sum();
    if body_words < MIN_BODY_WORDS {
        for i in 0..n {
            if good[i] {
                good[i] = false;
                overruled[i] = Some("too few words for an article body");
            }
        }
    }

    // Labels first, so that the per-block evidence is freed before the blocks are built.
    let mut labels: Vec<Label> = Vec::with_capacity(n);
    let mut all_reasons: Vec<Vec<Reason>> = Vec::new();
    for (i, (seg, f)) in segments.iter().zip(&feats).enumerate() {
        let mut reasons = Vec::new();
        let p1 = sigmoid(z1[i]);
        let label = if Some(i) == title {
            reasons.push(Reason::Context("headline before the body"));
            Label::Title
        } else if good[i] {
            if fallback[i] {
                reasons.push(Reason::Context("best block of a page with no clear body"));
            } else if p2[i] < preset_thr {
                reasons.push(Reason::Context(
                    "under the lower bar of a page without prose",
                ));
            } else if p1 < thr {
                reasons.push(Reason::Context("weak alone, body in context"));
            }
            if is_heading(seg, f) {
                Label::Heading
            } else {
                Label::Body
            }
        } else {
            if let Some(why) = overruled[i] {
                reasons.push(Reason::Context(why));
            } else if p1 >= thr {
                reasons.push(Reason::Context("good alone, boilerplate in context"));
            }
            match f.keyword() {
                Some((kind, phrase)) => {
                    reasons.push(Reason::Keyword { kind, phrase });
                    Label::Boilerplate(kind)
                }
                None => Label::Boilerplate(Kind::Other),
            }
        };
        labels.push(label);
        if with_reasons {
            reasons.extend(std::mem::take(&mut reasons1[i]));
            all_reasons.push(reasons);
        }
    }
    drop((feats, z1, reasons1, overruled, good, fallback));
    let mut all_reasons = all_reasons.into_iter();
    let mut blocks = Vec::with_capacity(n);
    for (i, seg) in segments.into_iter().enumerate() {
        let label = labels[i];
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
            reasons: all_reasons.next().unwrap_or_default(),
        });
    }
    blocks
}

fn is_heading(seg: &Segment, f: &Summary) -> bool {
    f.words > 0 && f.words <= HEADING_MAX_WORDS && !f.ends_with_punct && !seg.bullet
}

/// Whether a block could be a headline: a few words, no closing stop, no boilerplate
/// keyword, no menu separators, no list item.
fn may_be_headline(segment: &Segment, f: &Summary) -> bool {
    !(f.words < 3
        || f.words > 30
        || f.ends_with_punct
        || f.keyword_id.is_some()
        || f.separators > 0.0
        || segment.bullet)
}

/// The headline: a heading-like block shortly before the first body block, preferring one
/// whose text appears again on the page (pages repeat their title).
fn find_title(segments: &[Segment], feats: &[Summary], first_body: usize) -> Option<usize> {
    let lo = first_body.saturating_sub(8);
    let (mut nearest, mut headline) = (None, None);
    for i in (lo..first_body).rev() {
        let f = &feats[i];
        if !may_be_headline(&segments[i], f) {
            continue;
        }
        nearest.get_or_insert(i);
        // Headlines are title-cased or at least free of sentence stops, unlike a caption
        // ("Jane Doe.(Photo: Agency)") that may stand between headline and body.
        if f.capital_share >= 0.5 && !segments[i].text.contains('.') {
            headline.get_or_insert(i);
        }
        if segments
            .iter()
            .filter(|s| s.text == segments[i].text)
            .count()
            > 1
        {
            return Some(i);
        }
    }
    headline.or(nearest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{features, lang, segment};

    fn summaries(text: &str) -> Vec<Summary> {
        let segments = segment::segment(text);
        let stops = lang::choose(None, &segments);
        features::compute(&segments, &stops, &[])
            .map(|f| Summary::of(&f))
            .collect()
    }

    #[test]
    fn a_page_without_prose_gets_a_lower_bar() {
        let listing = summaries("Blue kettle, 1.7 litres\n\nRed toaster for two slices\n");
        assert_eq!(
            page_threshold(0.4, &[0.9, 0.35], &listing),
            0.4 - NO_PROSE_RELIEF
        );
        let paragraph = "The council met on Tuesday and voted to repair the old bridge over the \
                         river before the winter storms, which last year closed it for a month \
                         and cut the town in two, so that children could not reach the school \
                         and shops on the far bank lost most of their trade.";
        let article = summaries(&format!(
            "{paragraph}\n\n{paragraph}\n\nRed toaster for two slices\n"
        ));
        assert!(article[0].words + article[1].words >= PROSE_WORDS);
        assert_eq!(page_threshold(0.4, &[0.9, 0.9, 0.35], &article), 0.4);
        // Prose the model does not believe does not count, nor does one short paragraph.
        let bar = 0.4 - NO_PROSE_RELIEF;
        assert_eq!(page_threshold(0.4, &[0.3, 0.3, 0.35], &article), bar);
        assert_eq!(page_threshold(0.4, &[0.9, 0.3, 0.35], &article), bar);
    }
}
