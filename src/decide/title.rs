//! The headline, and the shape of headings.

use super::context::HEADING_MAX_WORDS;
use crate::features::Summary;
use crate::segment::Segment;

/// Whether a block is a heading: a few words, no closing stop, no list item.
pub(super) fn is_heading(seg: &Segment, f: &Summary) -> bool {
    f.words() > 0 && f.words() <= HEADING_MAX_WORDS && !f.ends_with_punct() && !seg.bullet()
}

/// Whether a block could be a headline: a few words, no closing stop, no boilerplate
/// keyword, no menu separators, no list item.
pub(super) fn may_be_headline(segment: &Segment, f: &Summary) -> bool {
    !(f.words() < 3
        || f.words() > 30
        || f.ends_with_punct()
        || f.keyword_id().is_some()
        || f.has_separators()
        || segment.bullet())
}

/// The headline: a heading-like block shortly before the first body block, preferring one
/// whose text appears again on the page (pages repeat their title).
pub(super) fn find_title(
    segments: &[Segment],
    feats: &[Summary],
    first_body: usize,
) -> Option<usize> {
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
        if f.title_case() && !segments[i].text.contains('.') {
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
