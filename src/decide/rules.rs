//! The rules of the context pass: where the page's structure overrules the scores.
//!
//! Each rule is a small function over the page's [`Decision`], applied once, in the order
//! of [`Rule::ORDER`]; its thresholds are the constants beside it. `explain` names the rule that
//! dropped (or kept) a block as its first reason.

use std::fmt;

use super::context::set_apart;
use super::dedup::Seen;
use super::title::{find_title, is_heading, may_be_headline};
use super::{Decided, Label, Reason};
use crate::features::Summary;
use crate::features::vocab::Kind;
use crate::model::page_type::PageType;
use crate::model::{Contribution, sigmoid};
use crate::segment::Segment;
use crate::util::to_u32;

/// A decision of the context pass or of settling: the rules of [`Rule::ORDER`], and the notes the
/// labels and settling add. Its `Display` is the sentence `explain` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Rule {
    /// A page with no paragraph of prose above the bar gets a lower bar, and so does a
    /// listing or a collection.
    NoProseBar,
    /// A short block made of boilerplate phrases is boilerplate whatever its score.
    PhraseBlock,
    /// A short row of links ("Home | News | Sport").
    LinkRow,
    /// A block opening with a boilerplate label ("Read also:").
    LabelLead,
    /// Two or more dated comment headers start a comment section that runs to the end.
    CommentSection,
    /// A small group of body-like blocks away from the main body.
    Island,
    /// A page where nothing passes the bar keeps its best blocks.
    Fallback,
    /// The headline: a heading-like block shortly above the first paragraph.
    Headline,
    /// Bylines, dates and captions between the headline and the first paragraph.
    BelowHeadline,
    /// A block that repeats the headline.
    RepeatsHeadline,
    /// A deck (standfirst) under the headline, set apart from the article.
    Deck,
    /// A deck and its photo caption run together under the headline.
    DeckWithCaption,
    /// Headline-like blocks right above the headline.
    HeadlineLike,
    /// Short blocks above the headline.
    AboveHeadline,
    /// A block that repeats body text kept above it (on a forum, a shop or a list, also a
    /// short one: an item's template line).
    RepeatsBody,
    /// A block that says the same words twice.
    RepeatsItself,
    /// A page with too few body words has no body.
    TooFewWords,
    /// A block weak alone that the context stages raised above the bar (a note).
    ContextRaised,
    /// A block good alone that the context stages lowered below the bar (a note).
    ContextLowered,
    /// Settling: a line joined with the next, which a second pass reads as one paragraph.
    Rejoined,
    /// Settling: a line a second pass would run into the line before, across dropped text.
    RunsIntoLineBefore,
    /// Settling: dropped when the kept text was cleaned again.
    CleanedAgain,
}

impl Rule {
    /// The rules, in the order they are applied. The first sets the page's bar; the rules
    /// after [`Rule::Headline`] act only where a headline was found.
    pub const ORDER: [Rule; 17] = [
        Rule::NoProseBar,
        Rule::PhraseBlock,
        Rule::LinkRow,
        Rule::LabelLead,
        Rule::CommentSection,
        Rule::Island,
        Rule::Fallback,
        Rule::Headline,
        Rule::BelowHeadline,
        Rule::RepeatsHeadline,
        Rule::Deck,
        Rule::DeckWithCaption,
        Rule::HeadlineLike,
        Rule::AboveHeadline,
        Rule::RepeatsBody,
        Rule::RepeatsItself,
        Rule::TooFewWords,
    ];

    /// The notes: what the labels and settling say of a block, applied by no rule.
    const NOTES: [Rule; 5] = [
        Rule::ContextRaised,
        Rule::ContextLowered,
        Rule::Rejoined,
        Rule::RunsIntoLineBefore,
        Rule::CleanedAgain,
    ];

    /// Every rule and note, in the order of the enum: [`Rule::ORDER`], then the notes.
    pub const ALL: [Rule; 22] = {
        let mut all = [Rule::NoProseBar; 22];
        let mut i = 0;
        while i < all.len() {
            all[i] = if i < Rule::ORDER.len() {
                Rule::ORDER[i]
            } else {
                Rule::NOTES[i - Rule::ORDER.len()]
            };
            i += 1;
        }
        all
    };

    /// What the rule says of a block, as `explain` shows it.
    pub fn description(self) -> &'static str {
        match self {
            Rule::NoProseBar => "under the lower bar of a page without prose or of a listing",
            Rule::PhraseBlock => "short block made of boilerplate phrases",
            Rule::LinkRow => "a row of links (\"Home | News | Sport\")",
            Rule::LabelLead => "opens with a boilerplate label (\"Read also:\")",
            Rule::CommentSection => "in the comment section",
            Rule::Island => "small group of body-like blocks away from the body",
            Rule::Fallback => "best block of a page with no clear body",
            Rule::Headline => "headline before the body",
            Rule::BelowHeadline => "between the headline and the first paragraph",
            Rule::RepeatsHeadline => "repeats the headline",
            Rule::Deck => "a deck under the headline, apart from the article",
            Rule::DeckWithCaption => "a deck and caption under the headline, run together",
            Rule::HeadlineLike => "a headline-like block above the headline",
            Rule::AboveHeadline => "short block above the headline",
            Rule::RepeatsBody => "repeats body text kept above it",
            Rule::RepeatsItself => "repeats itself",
            Rule::TooFewWords => "too few words for an article body",
            Rule::ContextRaised => "weak alone, body in context",
            Rule::ContextLowered => "good alone, boilerplate in context",
            Rule::Rejoined => "joined with the next line: read again, a wrapped paragraph",
            Rule::RunsIntoLineBefore => "dropped: cleaned again, it would run into the line before",
            Rule::CleanedAgain => "dropped when the kept text was cleaned again",
        }
    }

    /// Apply the rule to the page. Notes and settling's decisions change nothing here.
    pub(crate) fn apply(self, d: &mut Decision<'_>) {
        match self {
            Rule::NoProseBar => d.set_bar(),
            Rule::PhraseBlock => d.overrule_each(self, |_, f| {
                f.keyword_id().is_some()
                    && f.keyword_cover >= KEYWORD_COVER
                    && f.words() <= KEYWORD_MAX_WORDS
            }),
            Rule::LinkRow => d.overrule_each(self, |_, f| {
                f.menu_separators() && f.words() <= KEYWORD_MAX_WORDS
            }),
            Rule::LabelLead => d.overrule_each(self, |_, f| f.keyword_lead()),
            Rule::CommentSection => d.comment_section(),
            Rule::Island => d.islands(),
            Rule::Fallback => d.fallback(),
            Rule::Headline => d.headline(),
            Rule::BelowHeadline => d.below_headline(),
            Rule::RepeatsHeadline => d.repeats_headline(),
            Rule::Deck => d.deck(),
            Rule::DeckWithCaption => d.deck_with_caption(),
            Rule::HeadlineLike => d.headline_like(),
            Rule::AboveHeadline => d.above_headline(),
            Rule::RepeatsBody => d.repeats_body(),
            Rule::RepeatsItself => {
                for k in 0..d.repeats_itself.len() {
                    d.drop(d.repeats_itself[k] as usize, self);
                }
            }
            Rule::TooFewWords => d.too_few_words(),
            Rule::ContextRaised
            | Rule::ContextLowered
            | Rule::Rejoined
            | Rule::RunsIntoLineBefore
            | Rule::CleanedAgain => {}
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// A page has prose when its blocks above the bar that end with a stop and hold this many
/// words or more…
const SENTENCE_WORDS: usize = 10;
/// …hold this many words in all…
const PROSE_WORDS: usize = 60;
/// …and a page without has its bar lowered this much (cross-validated at `1c5a194` against
/// .1 and .15: mixed +.007 to +.011 in the sum of three renderers, listings and collections
/// most; articles −.002 to −.006, see `BENCHMARKS.md`).
const NO_PROSE_RELIEF: f32 = 0.2;
/// A listing has its bar lowered this much whatever its prose, and a collection
/// [`COLLECTION_RELIEF`]: their content is a run of teasers, item names and short
/// descriptions that the forests, fitted mostly on articles, believe less than paragraphs.
/// The types act as `clean` detects them (since `9692008`) or as given
/// (`Options::page_type`). Cross-validated with the same forests (two draws, seeds 0 / 1),
/// every rendering given the type that page-type forests fitted without the page detect,
/// against the prose rule alone: the sums of the three renderers' F1 moved mixed +.019 /
/// +.021 (listing +.043 / +.045, collection +.037 / +.033 in the mean of the renderers),
/// articles +.013 / +.005, snippets −.002 / −.001. On seed 0, .25 and .35 did less (mixed
/// +.015 and +.020 where .3 gave +.021, on the code before the merge of `2852e96`), .38
/// less again.
const LIST_RELIEF: f32 = 0.3;
/// …and a listing without prose this much: a run of teasers and nothing else. Against .3
/// at `527632a` (the folds' block forests and page-type forests of the cross-validated
/// figures in `BENCHMARKS.md`, seeds 0 / 1, forums, documentation and service pages
/// relieved as [`type_relief`] says): listing +.0078 / +.0101 in the mean of the
/// renderers. Alone on seed 0, .4 without prose gave listing +.0078, .35 whatever the prose
/// +.0044.
const LIST_NO_PROSE_RELIEF: f32 = 0.4;
/// A collection has its bar lowered this much whatever its prose: less than a listing, its
/// items' names and prices being closer to the shop around them. Against .3 as
/// [`LIST_NO_PROSE_RELIEF`]: collection +.0066 / +.0078. Alone on seed 0, .25 gave
/// collection +.0062, .2 +.0017.
const COLLECTION_RELIEF: f32 = 0.25;
/// No page's bar is lowered below this (`Preset::Recall` on a listing).
const MIN_BAR: f32 = 0.05;
/// Blocks covered this much by boilerplate phrases are boilerplate whatever their score…
const KEYWORD_COVER: f32 = 0.5;
/// …when they are this short (a long paragraph may mention "subscribe").
const KEYWORD_MAX_WORDS: usize = 12;
/// Comment headers that make a comment section.
const MIN_COMMENT_HEADERS: usize = 2;
/// Non-body blocks that may separate two parts of one body (a heading, an ad, a caption).
const ISLAND_GAP: usize = 4;
/// A group of body blocks this much smaller than the largest one, and away from it, is a
/// teaser or a pitch rather than part of the article (a reasoned guess, see `DESIGN.md`).
const ISLAND_SHARE: f32 = 0.1;
/// Whether [`Rule::RepeatsBody`] drops short blocks too on a page of type `t`: on a forum,
/// a shop or a list the short lines that come again are each item's template (a post's
/// signature, "Add to cart", a rank), the first copy being enough. Against blocks of eight
/// words or more only, cross-validated at `6b0d581` (the folds' block and page-type forests
/// of the figures in `BENCHMARKS.md`, seeds 0 / 1): sum of the nine F1 figures +.0062 /
/// +.0040, mixed +.0015 to +.0032 on each renderer, every one of these types +.0025 to
/// +.0076 in the mean of the renderers, snippets −.0011 to +.0006. Documentation lost .005
/// on seed 0 (its steps and labels recur), articles gained nothing beyond noise.
fn short_repeats(t: PageType) -> bool {
    !matches!(t, PageType::Article | PageType::Documentation)
}
/// Smallest score for the fallback body of a page where no block passes the bar…
const FALLBACK_MIN: f32 = 0.2;
/// …which keeps the blocks scoring at least this share of the best one.
const FALLBACK_SHARE: f32 = 0.8;
/// A deck under the headline is one sentence or two.
const DECK_MAX_WORDS: usize = 40;
/// Above the headline a block needs this many words to be body (5: drops "Log in"-style
/// lines; 20 cost mixed lynx80 word F1 .002 on the dev corpus).
const ABOVE_TITLE_MIN_WORDS: usize = 5;
/// A body has at least this many words (cross-validated outputs of the mixed set, whose
/// gold is empty for pages with no main content: 10 to 30 all gain, 15 most).
const MIN_BODY_WORDS: usize = 15;

/// The bar of a page, from the preset's: lower by [`type_relief`] of its type, the first
/// figure when the page has prose, the second when it has none (a listing, a shop or a
/// forum page whose content is short items the model believes less).
fn page_bar(preset: f32, p: &[f32], feats: &[Summary], page_type: PageType) -> f32 {
    let (with_prose, without) = type_relief(page_type);
    if with_prose == without {
        return (preset - with_prose).max(MIN_BAR);
    }
    let prose: usize = p
        .iter()
        .zip(feats)
        .filter(|(p, f)| **p >= preset && f.ends_with_punct() && f.words() >= SENTENCE_WORDS)
        .map(|(_, f)| f.words())
        .sum();
    let relief = if prose >= PROSE_WORDS {
        with_prose
    } else {
        without
    };
    (preset - relief).max(MIN_BAR)
}

/// How much lower than the preset's the bar of a page of type `t` is: with prose, without.
/// `t` is the type the rules act on (`Guess::acting`). Articles and products: only when
/// the page has no prose, [`NO_PROSE_RELIEF`]. Forums, documentation and service pages:
/// that much whatever their prose, their posts, steps and terms being short blocks the
/// forests believe less than an article's paragraphs. Against the prose rule at `527632a`
/// (the folds' forests of the cross-validated figures in `BENCHMARKS.md`, seeds 0 / 1, each
/// type alone): forum +.0193 / +.0190, documentation +.0183 / +.0155, service +.0131 /
/// +.0149 in the mean of the renderers; on seed 0 a relief of .1 for pages with prose did
/// less for each, .3 less for forums and documentation. Products gain nothing both draws
/// agree on: a bar raised by .1 or .2 cost them .019 to .027 on seed 0; lowered by .1 with
/// prose, +.0045 on seed 0 and −.0006 on seed 1.
fn type_relief(t: PageType) -> (f32, f32) {
    match t {
        PageType::Article | PageType::Product => (0.0, NO_PROSE_RELIEF),
        PageType::Forum | PageType::Documentation | PageType::Service => {
            (NO_PROSE_RELIEF, NO_PROSE_RELIEF)
        }
        PageType::Listing => (LIST_RELIEF, LIST_NO_PROSE_RELIEF),
        PageType::Collection => (COLLECTION_RELIEF, COLLECTION_RELIEF),
    }
}

/// What the rules know and decide of a page: each block's context score and whether it is
/// body so far, and the rule that overruled a good score.
pub(crate) struct Decision<'a> {
    segments: &'a [Segment<'a>],
    feats: &'a [Summary],
    /// The context stages' belief that each block is body.
    p: Vec<f32>,
    /// The preset's bar, and the page's (lower on a page without prose).
    preset: f32,
    bar: f32,
    /// Body so far.
    good: Vec<bool>,
    /// The rule that dropped a block the bar let through.
    overruled: Vec<Option<Rule>>,
    /// Kept by [`Rule::Fallback`], in order (few blocks are: a list, not a flag a block,
    /// in the rules' room, where many pages peak).
    fallback: Vec<u32>,
    /// The first body block that is no heading.
    first_body: Option<usize>,
    /// The headline.
    title: Option<usize>,
    /// Blocks [`Rule::RepeatsBody`] found to repeat themselves, in order (few: a list too).
    repeats_itself: Vec<u32>,
    /// The page's type.
    page_type: PageType,
}

impl<'a> Decision<'a> {
    /// A page with context scores `p`, under the preset's bar `preset`.
    pub(crate) fn new(
        segments: &'a [Segment<'a>],
        feats: &'a [Summary],
        p: Vec<f32>,
        preset: f32,
        page_type: PageType,
    ) -> Self {
        let n = feats.len();
        Decision {
            segments,
            feats,
            p,
            preset,
            bar: preset,
            good: vec![false; n],
            overruled: vec![None; n],
            fallback: Vec::new(),
            first_body: None,
            title: None,
            repeats_itself: Vec::new(),
            page_type,
        }
    }

    /// Drop block `i` if it is body so far, naming `rule`.
    fn drop(&mut self, i: usize, rule: Rule) {
        if self.good[i] {
            self.good[i] = false;
            self.overruled[i] = Some(rule);
        }
    }

    /// Drop block `i` whether or not it is body so far, naming `rule` (a later rule's
    /// reason replaces an earlier one's).
    fn force_drop(&mut self, i: usize, rule: Rule) {
        self.good[i] = false;
        self.overruled[i] = Some(rule);
    }

    /// [`Rule::NoProseBar`]: the page's bar, and the blocks that pass it.
    fn set_bar(&mut self) {
        self.bar = page_bar(self.preset, &self.p, self.feats, self.page_type);
        for (g, &p) in self.good.iter_mut().zip(&self.p) {
            *g = p >= self.bar;
        }
    }

    /// Drop every body block for which `hit` holds.
    fn overrule_each(&mut self, rule: Rule, hit: impl Fn(&Segment, &Summary) -> bool) {
        for i in 0..self.good.len() {
            if self.good[i] && hit(&self.segments[i], &self.feats[i]) {
                self.drop(i, rule);
            }
        }
    }

    /// [`Rule::CommentSection`]: two or more dated comment headers ("Jane on 3 May 2024
    /// said:", or "Jane says:" over a date line) start a section that runs to the end.
    /// Undated "Bob said:" lines head quotes in forum posts, the content of a forum page.
    fn comment_section(&mut self) {
        let (feats, n) = (self.feats, self.feats.len());
        let dated = |i: usize| feats[i].date_like();
        let headers: Vec<usize> = (0..n)
            .filter(|&i| feats[i].comment_header() && (dated(i) || (i + 1 < n && dated(i + 1))))
            .collect();
        if headers.len() >= MIN_COMMENT_HEADERS {
            for i in headers[0]..n {
                self.drop(i, Rule::CommentSection);
            }
        }
    }

    /// [`Rule::Island`]: drop small groups of good blocks that stand apart from the main
    /// body.
    fn islands(&mut self) {
        // Groups of good blocks separated by more than ISLAND_GAP other blocks.
        let mut groups: Vec<(usize, usize, f32)> = Vec::new();
        let mut gap = usize::MAX;
        for i in 0..self.good.len() {
            if !self.good[i] {
                gap = gap.saturating_add(1);
                continue;
            }
            let w = self.feats[i].words() as f32;
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
                    self.drop(i, Rule::Island);
                }
            }
        }
    }

    /// [`Rule::Fallback`]: a page has a body if anything on it reads like one. With nothing
    /// above the bar, the best-scoring blocks no rule overruled still make the body (a short
    /// news item among its page chrome; a one-paragraph post above its comments).
    fn fallback(&mut self) {
        if self.good.contains(&true) {
            return;
        }
        let n = self.good.len();
        let best = (0..n)
            .filter(|&i| self.overruled[i].is_none())
            .map(|i| self.p[i])
            .fold(0.0f32, f32::max);
        if best >= FALLBACK_MIN {
            for i in 0..n {
                if self.p[i] >= best * FALLBACK_SHARE && self.overruled[i].is_none() {
                    self.good[i] = true;
                    self.fallback.push(to_u32(i));
                }
            }
        }
    }

    /// [`Rule::Headline`]: the first paragraph, and the headline above it.
    fn headline(&mut self) {
        let (segments, feats) = (self.segments, self.feats);
        self.first_body =
            (0..self.good.len()).position(|i| self.good[i] && !is_heading(&segments[i], &feats[i]));
        self.title = self
            .first_body
            .and_then(|fb| find_title(segments, feats, fb));
    }

    /// The headline and the first paragraph, where a headline was found.
    fn headed(&self) -> Option<(usize, usize)> {
        self.title.zip(self.first_body)
    }

    /// [`Rule::BelowHeadline`]: between the headline and the first paragraph stand bylines,
    /// dates and captions.
    fn below_headline(&mut self) {
        if let Some((t, fb)) = self.headed() {
            for i in t + 1..fb {
                self.drop(i, Rule::BelowHeadline);
            }
        }
    }

    /// [`Rule::RepeatsHeadline`]: pages repeat their headline (the breadcrumb, the share
    /// box); it is never body.
    fn repeats_headline(&mut self) {
        if let Some((t, _)) = self.headed() {
            let segments = self.segments;
            for i in 0..self.good.len() {
                if i != t && segments[i].text == segments[t].text {
                    self.drop(i, Rule::RepeatsHeadline);
                }
            }
        }
    }

    /// [`Rule::Deck`]: a deck (standfirst) stands alone under the headline, set apart from
    /// the article by an ad, a photo or its caption: a short first paragraph with chrome
    /// before the next.
    fn deck(&mut self) {
        let Some((_, fb)) = self.headed() else { return };
        let (feats, n) = (self.feats, self.feats.len());
        if let Some(j) = (fb + 1..n).find(|&j| self.good[j])
            && j > fb + 1
            && feats[fb].words() <= DECK_MAX_WORDS
            && feats[j].words() > feats[fb].words()
        {
            self.force_drop(fb, Rule::Deck);
        }
    }

    /// [`Rule::DeckWithCaption`]: a deck and its photo caption run together under the
    /// headline, on lines with no blank line between them, where the article's paragraphs
    /// stand apart. The run is the first paragraph with the lines glued to it: the good
    /// blocks after it, and the blocks between the headline and it (a deck the scores
    /// already dropped leaves its caption behind as the first paragraph).
    fn deck_with_caption(&mut self) {
        let Some((t, fb)) = self.headed() else { return };
        let (segments, feats, n) = (self.segments, self.feats, self.feats.len());
        let mut start = fb;
        while start > t + 1 && !segments[start - 1].blank_after() {
            start -= 1;
        }
        let mut end = fb;
        while end + 1 < n && self.good[end + 1] && !segments[end].blank_after() {
            end += 1;
        }
        let words: usize = (start..=end).map(|i| feats[i].words()).sum();
        let (mut apart, mut all) = (0usize, 0usize);
        for i in (end + 1..n).filter(|&i| self.good[i]) {
            all += feats[i].words();
            if set_apart(&segments[i]) {
                apart += feats[i].words();
            }
        }
        if end > start && words <= DECK_MAX_WORDS && all > words && apart * 5 >= all * 4 {
            for i in start..=end {
                self.force_drop(i, Rule::DeckWithCaption);
            }
        }
    }

    /// [`Rule::HeadlineLike`]: headline-like blocks right above the headline (teasers of
    /// other pages, a kicker). With the headline gone, a second reading would take the
    /// nearest for the headline, and the next reading the one above it.
    fn headline_like(&mut self) {
        let Some((t, _)) = self.headed() else { return };
        for i in (0..t).rev() {
            if !self.good[i] {
                continue;
            }
            if !may_be_headline(&self.segments[i], &self.feats[i]) {
                break;
            }
            self.drop(i, Rule::HeadlineLike);
        }
    }

    /// [`Rule::AboveHeadline`]: above the headline stands the page's chrome; only real
    /// paragraphs are body there.
    fn above_headline(&mut self) {
        let Some((t, _)) = self.headed() else { return };
        for i in 0..t {
            if self.feats[i].words() < ABOVE_TITLE_MIN_WORDS {
                self.drop(i, Rule::AboveHeadline);
            }
        }
    }

    /// [`Rule::RepeatsBody`]: a block that repeats body text kept above it adds nothing (a
    /// second copy of the story, a print version, a teaser quoting it). The same walk notes
    /// the blocks that repeat themselves, for [`Rule::RepeatsItself`]: a teaser whose title
    /// the converter wrote twice (link and alt text).
    fn repeats_body(&mut self) {
        let n = self.good.len();
        let kept_bytes = (0..n)
            .filter(|&i| self.good[i])
            .map(|i| self.segments[i].text.len())
            .sum();
        let mut seen = Seen::for_bytes(kept_bytes);
        let short = short_repeats(self.page_type);
        // No block below the last is asked whether it repeats the ones above.
        let last = (0..n).rev().find(|&i| self.good[i]);
        for i in 0..n {
            if !self.good[i] {
                continue;
            }
            // A copy may link other words than the first, or none: its link text is read.
            seen.read(self.segments[i].link_text());
            if Some(i) != self.title {
                if seen.repeats_above(short) {
                    self.drop(i, Rule::RepeatsBody);
                    continue;
                }
                if Some(i) != last {
                    seen.add();
                }
            }
            if seen.repeats_itself() {
                self.repeats_itself.push(to_u32(i));
            }
        }
    }

    /// [`Rule::TooFewWords`]: a few words are no article. What is left of a page with no
    /// body (a shop's filters, a sign-in wall, a page the converter could not read) is not
    /// passed off as one.
    fn too_few_words(&mut self) {
        let n = self.good.len();
        let words: usize = (0..n)
            .filter(|&i| self.good[i])
            .map(|i| self.feats[i].words())
            .sum();
        if words < MIN_BODY_WORDS {
            for i in 0..n {
                self.drop(i, Rule::TooFewWords);
            }
        }
    }

    /// The labels, with the reasons (when asked for): the rule that decided first, then the
    /// vocabulary's phrase, then the strongest stage-one features (`contributions`); stage
    /// one's log-odds `z1` go with them (settling reads them again).
    pub(crate) fn labels(
        self,
        z1: Vec<f32>,
        contributions: Vec<Vec<Contribution>>,
        with_reasons: bool,
    ) -> Decided {
        let n = self.good.len();
        let mut labels = Vec::with_capacity(n);
        let mut reasons = Vec::new();
        let mut contributions = contributions.into_iter();
        for (i, &z) in z1.iter().enumerate().take(n) {
            let (label, rule) = self.label(i, sigmoid(z));
            labels.push(label);
            if with_reasons {
                let mut r: Vec<Reason> = rule.map(Reason::Rule).into_iter().collect();
                if let Label::Boilerplate(_) = label
                    && let Some((kind, phrase)) = self.feats[i].keyword()
                {
                    r.push(Reason::Keyword { kind, phrase });
                }
                r.extend(
                    contributions
                        .next()
                        .unwrap_or_default()
                        .into_iter()
                        .map(Reason::from),
                );
                reasons.push(r);
            }
        }
        Decided {
            labels,
            scores: self.p,
            reasons,
            stage_one: z1,
        }
    }

    /// The label of block `i`, whose stage-one belief is `p1`, and the rule to name first.
    fn label(&self, i: usize, p1: f32) -> (Label, Option<Rule>) {
        let (seg, f) = (&self.segments[i], &self.feats[i]);
        if Some(i) == self.title {
            return (Label::Title, Some(Rule::Headline));
        }
        if self.good[i] {
            let rule = if self.fallback.binary_search(&to_u32(i)).is_ok() {
                Some(Rule::Fallback)
            } else if self.p[i] < self.preset {
                Some(Rule::NoProseBar)
            } else if p1 < self.bar {
                Some(Rule::ContextRaised)
            } else {
                None
            };
            let label = if is_heading(seg, f) {
                Label::Heading
            } else {
                Label::Body
            };
            return (label, rule);
        }
        let rule = self.overruled[i].or((p1 >= self.bar).then_some(Rule::ContextLowered));
        let kind = f.keyword().map_or(Kind::Other, |(kind, _)| kind);
        (Label::Boilerplate(kind), rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{self, language};
    use crate::segment;

    fn summaries(text: &str) -> Vec<Summary> {
        let segments = segment::segment(text);
        let stops = language::choose(None, &segments);
        features::compute(&segments, &stops)
            .map(|f| Summary::of(&f))
            .collect()
    }

    #[test]
    fn a_page_without_prose_gets_a_lower_bar() {
        let listing = summaries("Blue kettle, 1.7 litres\n\nRed toaster for two slices\n");
        assert_eq!(
            page_bar(0.4, &[0.9, 0.35], &listing, PageType::Article),
            0.4 - NO_PROSE_RELIEF
        );
        let paragraph = "The council met on Tuesday and voted to repair the old bridge over the \
                         river before the winter storms, which last year closed it for a month \
                         and cut the town in two, so that children could not reach the school \
                         and shops on the far bank lost most of their trade.";
        let article = summaries(&format!(
            "{paragraph}\n\n{paragraph}\n\nRed toaster for two slices\n"
        ));
        assert!(article[0].words() + article[1].words() >= PROSE_WORDS);
        assert_eq!(
            page_bar(0.4, &[0.9, 0.9, 0.35], &article, PageType::Article),
            0.4
        );
        // Prose the model does not believe does not count, nor does one short paragraph.
        let bar = 0.4 - NO_PROSE_RELIEF;
        assert_eq!(
            page_bar(0.4, &[0.3, 0.3, 0.35], &article, PageType::Article),
            bar
        );
        assert_eq!(
            page_bar(0.4, &[0.9, 0.3, 0.35], &article, PageType::Article),
            bar
        );
    }

    #[test]
    fn every_type_but_articles_and_products_gets_a_lower_bar_whatever_its_prose() {
        let paragraph = "The council met on Tuesday and voted to repair the old bridge over the \
                         river before the winter storms, which last year closed it for a month \
                         and cut the town in two, so that children could not reach the school.";
        let page = summaries(&format!("{paragraph}\n\n{paragraph}\n"));
        let p = [0.9, 0.9];
        let bar = |t| page_bar(0.4, &p, &page, t);
        assert_eq!(bar(PageType::Article), 0.4);
        assert_eq!(bar(PageType::Product), 0.4);
        for t in [PageType::Forum, PageType::Documentation, PageType::Service] {
            assert_eq!(bar(t), 0.4 - NO_PROSE_RELIEF);
        }
        assert_eq!(bar(PageType::Listing), 0.4 - LIST_RELIEF);
        assert_eq!(bar(PageType::Collection), 0.4 - COLLECTION_RELIEF);
        assert_eq!(page_bar(0.3, &p, &page, PageType::Listing), MIN_BAR);
        // A listing without prose: lower again.
        let items = summaries("Blue kettle, 1.7 litres\n\nRed toaster for two slices\n");
        assert_eq!(
            page_bar(0.45, &[0.9, 0.35], &items, PageType::Listing),
            (0.45 - LIST_NO_PROSE_RELIEF).max(MIN_BAR)
        );
    }

    #[test]
    fn a_page_with_nothing_above_the_bar_keeps_its_best_blocks() {
        let comment = "That is the third time this year that the bridge has been closed, and \
                       every time the council tells us that it will be the last, but nothing \
                       ever changes in this town.";
        let page = format!(
            "Skip to main content\n\nThe old bridge is closed to cars until Friday, but \
             walkers and cyclists can still cross it as usual.\n\nMark Jones on 14 May 2024 \
             said:\n\n{comment}\n\nSarah Lee on 15 May 2024 said:\n\n{comment}\n"
        );
        let segments = segment::segment(&page);
        let feats = summaries(&page);
        let decide = |p: Vec<f32>| {
            let mut d = Decision::new(&segments, &feats, p, 0.4, PageType::Article);
            for rule in Rule::ORDER {
                rule.apply(&mut d);
            }
            d
        };
        // The comments pass the bar and go with the comment section; of the rest nothing
        // reaches the bar, and the best block (.3) is the body.
        let d = decide(vec![0.1, 0.3, 0.5, 0.9, 0.5, 0.9]);
        assert_eq!(d.good, [false, true, false, false, false, false]);
        assert_eq!(d.label(1, 0.3), (Label::Body, Some(Rule::Fallback)));
        // Below .2 the page has no body.
        let d = decide(vec![0.1, 0.15, 0.5, 0.9, 0.5, 0.9]);
        assert!(!d.good.contains(&true));
    }

    #[test]
    fn every_rule_has_a_distinct_description() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            assert!(seen.insert(rule.description()), "{rule:?}");
        }
        assert!(Rule::ORDER.iter().all(|r| Rule::ALL.contains(r)));
    }
}
