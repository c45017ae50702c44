//! Scores → labels: the context pass.
//!
//! A block's own score is not enough: a short line between two body paragraphs is usually
//! body, a good-looking paragraph far from the article is usually a teaser. This pass
//! smooths uncertain blocks by their neighbours (as jusText does), finds the densest run of
//! body text, and names the title, headings and the kind of each boilerplate block.

use crate::block::{Block, Kind, Label, Reason};
use crate::features::Features;
use crate::options::Options;
use crate::score::Scored;
use crate::segment::Segment;

/// A block's class before the final label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    Uncertain,
    Bad,
}

/// Width of the uncertain band around the threshold (a reasoned guess, see `DESIGN.md`).
const BAND: f32 = 0.2;
/// Blocks covered this much by boilerplate phrases are boilerplate whatever their score…
const KEYWORD_COVER: f32 = 0.4;
/// …when they are this short (a long paragraph may mention "subscribe").
const KEYWORD_MAX_WORDS: usize = 25;
/// Headings are short.
const HEADING_MAX_WORDS: usize = 15;

pub(crate) fn decide(
    segments: Vec<Segment>,
    feats: Vec<Features>,
    scored: Vec<Scored>,
    options: &Options,
) -> Vec<Block> {
    let n = segments.len();
    let thr = options.preset.threshold();
    let mut class: Vec<Class> = (0..n)
        .map(|i| {
            let f = &feats[i];
            let p = scored[i].p;
            if f.keyword.is_some()
                && f.keyword_cover >= KEYWORD_COVER
                && f.words <= KEYWORD_MAX_WORDS
            {
                Class::Bad
            } else if p >= thr {
                Class::Good
            } else if p >= thr - BAND {
                Class::Uncertain
            } else {
                Class::Bad
            }
        })
        .collect();

    // Uncertain blocks follow their neighbours: body between body, boilerplate otherwise.
    let orig = class.clone();
    // The nearest certain class after each block, found in one backward pass (searching
    // from every uncertain block would be quadratic on a page of uncertain blocks).
    let mut next_certain: Vec<Option<Class>> = vec![None; n];
    let mut seen = None;
    for i in (0..n).rev() {
        next_certain[i] = seen;
        if orig[i] != Class::Uncertain {
            seen = Some(orig[i]);
        }
    }
    let mut prev_certain: Option<Class> = None;
    for i in 0..n {
        if orig[i] != Class::Uncertain {
            prev_certain = Some(orig[i]);
            continue;
        }
        let (prev, next) = (prev_certain.as_ref(), next_certain[i].as_ref());
        class[i] = match (prev, next) {
            (Some(Class::Good), Some(Class::Good)) => Class::Good,
            (Some(Class::Good), _) | (_, Some(Class::Good)) if scored[i].p >= thr - BAND / 2.0 => {
                Class::Good
            }
            _ => Class::Bad,
        };
    }

    let first_body = class.iter().position(|c| *c == Class::Good);
    let title = first_body.and_then(|fb| find_title(&segments, &feats, fb));

    let mut blocks = Vec::with_capacity(n);
    for (i, ((seg, f), s)) in segments.into_iter().zip(feats).zip(scored).enumerate() {
        let mut reasons = Vec::new();
        let label = if Some(i) == title {
            reasons.push(Reason::Context("headline before the body"));
            Label::Title
        } else {
            match class[i] {
                Class::Good => {
                    if orig[i] == Class::Uncertain {
                        reasons.push(Reason::Context("uncertain, taken as body from neighbours"));
                    }
                    if is_heading(&seg, &f) {
                        Label::Heading
                    } else {
                        Label::Body
                    }
                }
                _ => {
                    if let Some((kind, phrase)) = f.keyword {
                        reasons.push(Reason::Keyword { kind, phrase });
                        Label::Boilerplate(kind)
                    } else if orig[i] == Class::Uncertain {
                        reasons.push(Reason::Context(
                            "uncertain, taken as boilerplate from neighbours",
                        ));
                        Label::Boilerplate(Kind::Other)
                    } else {
                        Label::Boilerplate(Kind::Other)
                    }
                }
            }
        };
        reasons.extend(s.reasons);
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
            score: s.p,
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
    let candidates = (lo..first_body).rev().filter(|&i| {
        let f = &feats[i];
        f.words >= 3
            && f.words <= 30
            && !f.ends_with_punct
            && f.keyword.is_none()
            && !segments[i].bullet
    });
    let mut first = None;
    for i in candidates {
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
