//! Hard-wrapped text: the width a converter wrapped at, and which lines continue a block.

use super::line::{Line, Start, bullet_marker, dash_runs_on, first_word_width, is_tiny};
use crate::features::vocab::languages_of;
use crate::text::chars;
use crate::text::script::{CLOSERS, ends_sentence};

/// The width at which the text was hard-wrapped, if it was.
///
/// A wrapped text has many lines that stop just short of one width `w` and are followed by
/// another line of the same paragraph; natural paragraphs end at widths spread evenly.
/// Narrowest wrap width considered: converters wrap at 72–80 columns or wider.
pub(super) const MIN_WRAP: usize = 60;
/// Columns of doubt about the wrap width (lines of other indentation end a little later).
pub(super) const WRAP_SLACK: usize = 3;

/// Widths counted in a wrap-width histogram (wider lines count as this wide).
const CAP: usize = 4096;

/// Widths of the lines followed by another non-blank line (paragraph-internal lines).
struct Widths {
    /// Lines by width, up to the widest line counted: a page of 20 KB rarely has lines
    /// anywhere near CAP wide, and CAP counters were most of its peak heap.
    hist: Vec<u32>,
    /// Differences of `forced`: the lines whose next line's first word would not have fit
    /// after them, were the text wrapped at a width (see [`Widths::add`]).
    forced: Vec<i32>,
    inner: u32,
}

impl Widths {
    fn new() -> Self {
        Widths {
            hist: Vec::new(),
            forced: Vec::new(),
            inner: 0,
        }
    }

    /// Counts line `p`, followed in its paragraph by a line opening with a word `next_word`
    /// characters wide. Wrapped at a width `w`, `p` ends where it does because that word did
    /// not fit: `p.width <= w < p.width + 1 + next_word + WRAP_SLACK` (the test that joins
    /// lines in `segment`). Lines laid out in columns (runs of spaces) are not wrapped prose.
    fn add(&mut self, p: &Line<'_>, next_word: usize) {
        let width = p.width.min(CAP);
        grow(&mut self.hist, width, CAP + 1);
        self.hist[width] += 1;
        self.inner += 1;
        if !p.body.contains("  ") {
            let end = (p.width + 1 + next_word + WRAP_SLACK).min(CAP + 1);
            grow(&mut self.forced, end, CAP + 2);
            self.forced[width] += 1;
            self.forced[end] -= 1;
        }
    }
}

/// Makes `v[i]` exist, `v` no longer than `max`: doubling keeps the resizes few on lines of
/// growing widths.
fn grow<T: Copy + Default>(v: &mut Vec<T>, i: usize, max: usize) {
    if i >= v.len() {
        let len = (i + 1).max(2 * v.len()).min(max);
        v.resize(len, T::default());
    }
}

/// How a text was hard-wrapped, if it was.
pub(super) struct Wraps {
    /// The wrap width of all its lines.
    all: Option<usize>,
    /// `(indentation, width)` for the commonest indentations with a width of their own.
    by_indent: Vec<(usize, usize)>,
    /// Some blank line stands between two lines of text. Without any, line breaks alone set
    /// paragraphs apart, and a line that ends a sentence is taken to end its paragraph:
    /// `clean`'s own output is such a text, and a second pass must not join its lines.
    blank_lines: bool,
    /// Many lines break off mid-sentence before a line that carries on in lower case, or
    /// (in text not hard-wrapped) fewer after a comma or a lower-case stopword: the
    /// converter broke lines at inline elements (`get_text("\n")`, some browsers' text), so
    /// such breaks are joined whatever the widths (see [`soft_break`]).
    soft_breaks: bool,
}

/// Pairs of lines that prove soft breaks (see [`Wraps::soft_breaks`]): at least this many,
/// and this share (percent) of the pairs of adjacent non-blank lines; or this share of
/// pairs whose first line [`breaks_off`]. A page's menus and lists are many of the pairs:
/// with the first test alone an article broken at its links was often read as fragments,
/// and at its lower share a thread of posts that open in lower case ran together.
const MIN_SOFT: usize = 5;
const SOFT_SHARE: usize = 20;
const BROKEN_SHARE: usize = 5;

/// How `next` carries on the sentence `last` broke off, if it does: `last` ends no sentence
/// (nor a label with a colon), and `next` opens in lower case or with a comma, semicolon or
/// closing bracket, or with any letter or digit where `last` [`breaks_off`]; at about the
/// same indentation and not as a list item. The last test only where `any_case` (not in
/// hard-wrapped text: there the width tells).
fn soft_break(last: &Line<'_>, next: &Line<'_>, any_case: bool) -> Option<Soft> {
    // The tests on `next` first: most lines open otherwise, and they cost least.
    let c = next.body.chars().next()?;
    let lower = opens_lower(c);
    // Whether `last` breaks off, where read: a cheap test that most lines fail, read before
    // the sentence ends where `next` opens in upper case, and once for both uses.
    let mut broken = None;
    let carries_on =
        lower || (any_case && chars::is_alphanumeric(c) && *broken.insert(breaks_off(last.body)));
    if next.indent.abs_diff(last.indent) > 1
        || !carries_on
        || ends_sentence(last.body)
        || last.body.trim_end_matches(CLOSERS).ends_with([':', ';'])
        || bullet_marker(next.body, next.indent).is_some()
    {
        return None;
    }
    let broken = broken.unwrap_or_else(|| any_case && breaks_off(last.body));
    Some(Soft { lower, broken })
}

/// What [`soft_break`] found of a soft break.
struct Soft {
    /// The next line opens in lower case (or with a comma, semicolon or closing bracket).
    lower: bool,
    /// The line broken off [`breaks_off`] (read only where `any_case`).
    broken: bool,
}

/// A line opening with `c` carries on a sentence: a letter in lower case, a comma, a
/// semicolon or a closing bracket.
fn opens_lower(c: char) -> bool {
    chars::is_lowercase(c) || matches!(c, ',' | ';' | ')')
}

/// `line` breaks off mid-sentence whatever the next line opens with: it ends with a comma,
/// or with a word in lower case that is a stopword of some language ("the", "of", "und"),
/// where no paragraph ends (a link to a name broken out of a sentence).
fn breaks_off(line: &str) -> bool {
    match line.as_bytes().last() {
        Some(b',') => true,
        // Every stopword ends in a letter in lower case: most lines end otherwise.
        Some(b) if b.is_ascii() && !b.is_ascii_lowercase() => false,
        Some(_) => {
            let word = line.rsplit(' ').next().unwrap_or(line);
            word.chars().next().is_some_and(chars::is_lowercase) && languages_of(word) != 0
        }
        None => false,
    }
}

impl Wraps {
    /// The lines, or those of some indentation, were wrapped narrower than [`WIDE_WRAP`]
    /// (as lynx wraps at 80 columns).
    pub(super) fn narrow(&self) -> bool {
        let narrow = |w: usize| w < WIDE_WRAP;
        self.all.is_some_and(narrow) || self.by_indent.iter().any(|&(_, w)| narrow(w))
    }

    /// The wrap width that applies to lines of indentation `indent`, if any.
    fn width_for(&self, indent: usize) -> Option<usize> {
        self.by_indent
            .iter()
            .find(|e| e.0 == indent)
            .map(|e| e.1)
            .or(self.all)
    }

    /// Whether `next` continues the block whose last line is `last`.
    pub(super) fn continues(&self, last: &Line<'_>, next: &Line<'_>, start: Start) -> bool {
        let any_case = self.all.is_none();
        if (self.soft_breaks && soft_break(last, next, any_case).is_some())
            || (is_tiny(last) && is_tiny(next))
        {
            return true;
        }
        self.width_for(start.text_indent).is_some_and(|w| {
            continues(last, next, start, w)
                && !((w >= WIDE_WRAP || !self.blank_lines) && ends_sentence(last.body))
        })
    }
}

/// The wrap widths of `text`: of all its lines, and of its commonest indentations (other
/// than none) where those show one of their own. Two passes over the lines at most.
pub(super) fn wrap_widths<'a, I: Iterator<Item = Line<'a>>>(lines: impl Fn() -> I) -> Wraps {
    let mut all = Widths::new();
    let (mut blank_lines, mut text_seen, mut blank_run) = (false, false, false);
    let (mut pairs, mut soft, mut broken) = (0usize, 0usize, 0usize);
    // Indentations in order of appearance, with their counts of non-blank lines.
    let mut indents: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<Line<'_>> = None;
    // A line followed by a list item ends where it does for that reason (see `continues`).
    let continued = |p: &Line<'_>, line: &Line<'_>| {
        !p.body.is_empty()
            && !line.body.is_empty()
            && bullet_marker(line.body, line.indent).is_none()
    };
    for line in lines() {
        if let Some(p) = prev.filter(|p| !p.body.is_empty() && !line.body.is_empty()) {
            pairs += 1;
            if let Some(b) = soft_break(&p, &line, true) {
                // `soft_break(&p, &line, false)` is the same but for its lower-case opening.
                soft += usize::from(b.lower);
                broken += usize::from(b.broken);
            }
            if continued(&p, &line) {
                all.add(&p, first_word_width(line.body));
            }
        }
        if line.body.is_empty() {
            blank_run = text_seen;
        } else {
            blank_lines |= blank_run;
            text_seen = true;
        }
        if line.indent > 0 && !line.body.is_empty() {
            let room = indents.len() < MAX_INDENTS * 4;
            match indents.iter_mut().find(|e| e.0 == line.indent) {
                Some(e) => e.1 += 1,
                None if room => indents.push((line.indent, 1)),
                None => {}
            }
        }
        prev = Some(line);
    }
    let width = cliff(all, blank_lines);
    // Many lines carrying on in lower case show soft breaks; so do fewer that break off
    // where no sentence ends (after a comma or a stopword), though not in hard-wrapped text,
    // where every wrapped line does that.
    let shown = |n: usize, share: usize| n >= MIN_SOFT && n * 100 >= pairs * share;
    let soft_breaks = blank_lines
        && (shown(soft, SOFT_SHARE) || (width.is_none() && shown(broken, BROKEN_SHARE)));
    let mut wraps = Wraps {
        all: width,
        by_indent: Vec::new(),
        blank_lines,
        // Not in a text without blank lines: there a line is a paragraph (`clean`'s own
        // output, whose list items have lost their markers, is such a text).
        soft_breaks,
    };
    if wraps.all.is_none() {
        return wraps;
    }
    indents.sort_by_key(|e| std::cmp::Reverse(e.1));
    indents.truncate(MAX_INDENTS);
    if indents.is_empty() {
        return wraps;
    }
    // Converters indent quotes and nested blocks on both sides, so these wrap narrower.
    let mut own: Vec<Widths> = indents.iter().map(|_| Widths::new()).collect();
    let mut prev: Option<Line<'_>> = None;
    for line in lines() {
        if let Some(p) = prev.filter(|p| continued(p, &line)) {
            if p.indent == line.indent {
                if let Some(k) = indents.iter().position(|e| e.0 == p.indent) {
                    own[k].add(&p, first_word_width(line.body));
                }
            }
        }
        prev = Some(line);
    }
    wraps.by_indent = indents
        .iter()
        .zip(own)
        .filter_map(|(&(k, _), w)| cliff(w, blank_lines).map(|w| (k, w)))
        .collect();
    wraps
}

/// The wrap width shown by a histogram of paragraph-internal line widths, if any, in a text
/// with or without `blank_lines` between its lines.
fn cliff(mut widths: Widths, blank_lines: bool) -> Option<usize> {
    let inner = widths.inner;
    if inner < 3 {
        return None;
    }
    // Cumulative counts from the top make window sums O(1); none are above the histogram.
    // They take the histogram's own room (its counts are their differences): a text of
    // long lines (settling reads one paragraph a line) held both, up to 16 KB each.
    let len = widths.hist.len();
    let mut cumulative = std::mem::take(&mut widths.hist);
    cumulative.reserve_exact(1);
    cumulative.push(0);
    for w in (0..len).rev() {
        cumulative[w] += cumulative[w + 1];
    }
    let above = |w: usize| cumulative.get(w).copied().unwrap_or(0);
    // The wrap width is a cliff: many lines end just below it and almost none just above
    // (unbreakable words such as long URLs may stick out a little).
    let band_of = |w: usize| (w / 5).clamp(12, 30);
    let mut best: Option<(usize, i64, bool)> = None;
    // Lines forced at width `w`: a running sum of the differences.
    let mut forced: i32 = widths.forced.iter().take(MIN_WRAP).sum();
    for w in MIN_WRAP..len.min(CAP - 30) {
        let count = above(w) - above(w + 1);
        forced += widths.forced.get(w).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        let band = band_of(w);
        let near = above(w - band) - above(w + 1);
        let just_over = above(w + 1) - above(w + 1 + band);
        // Wrapped lines pile up just below the width; natural line lengths thin out.
        let below = above(w.saturating_sub(2 * band)) - above(w - band);
        let score = near as i64 - 4 * just_over as i64;
        // Text wrapped at `w` has few lines far wider; text of one paragraph a line (such
        // as `clean`'s own output, where a few unjoined lines end near some width) has many.
        let far_over = above(w + 1 + band);
        // Or, where many short lines (menus) stand just below the band, nearly every line
        // in it ends because the next word would not fit.
        let proven = near >= MIN_FORCED && forced.max(0) as u32 * 10 >= near * FORCED_TENTHS;
        // Without blank lines, line breaks alone set paragraphs apart, and lines of one
        // paragraph each pile up by chance (`clean`'s own output, a list of teasers): only
        // the next-word test proves a width there.
        let piled = proven || (blank_lines && near > 2 * below);
        if near >= MIN_NEAR
            && just_over * 10 <= near
            && far_over <= near
            && piled
            && best.is_none_or(|(_, s, _)| score > s)
        {
            best = Some((w, score, proven));
        }
    }
    let (w, _, proven) = best?;
    let band = band_of(w);
    let near = above(w - band) - above(w + 1);
    // Narrow wraps must hold a good share of the paragraph-internal lines (unless the next
    // words prove them: a short wrapped story under a long menu); for very wide wraps
    // (w3m's 1,024 columns) a few lines already prove it.
    if (w < WIDE_WRAP && near * 10 < inner && near < 10 && !proven) || near < 2 {
        return None;
    }
    Some(w)
}

/// Lines that must end near a width to prove it. Three happen by chance in short texts such
/// as `clean`'s own output (a second pass then rejoins output lines: 32 of the 372 articles
/// inputs; 12 with 6), but 6 cost cross-validated F1 (articles +.008, snippets −.006,
/// mixed −.013 summed over the three renderers), so 3 it is.
const MIN_NEAR: u32 = 3;

/// Lines near a width that prove it by the next word alone (without piling up above the
/// shorter lines), and the tenths of them that must end because the next word did not fit:
/// on the dev corpus the median share is .97 for lynx's wrapped text and .33–.40 for
/// unwrapped w3m and inscriptis text.
const MIN_FORCED: u32 = 5;
const FORCED_TENTHS: u32 = 9;

/// Indentations whose own wrap width is looked for.
const MAX_INDENTS: usize = 3;

/// Wraps this wide are proven by few lines, and text that was never wrapped (one paragraph a
/// line, such as `clean`'s own output) can look alike: there a line that ends a sentence
/// also ends its paragraph.
const WIDE_WRAP: usize = 200;

/// Whether `next` continues the block whose last line is `last`, hard-wrapped at width `w`.
/// A continuation starts under the text of the first line or, for an item whose marker is
/// part of the paragraph (a quote opened by a dash, a literal `*`), under the marker.
fn continues(last: &Line<'_>, next: &Line<'_>, start: Start, w: usize) -> bool {
    if next.body.is_empty()
        || last.width + 1 + first_word_width(next.body) + WRAP_SLACK <= w
        || last.width * 5 < w * 3
        || last.width > w + WRAP_SLACK
    {
        return false;
    }
    let marker = bullet_marker(next.body, next.indent).is_some();
    let under_text = next.indent.abs_diff(start.text_indent) <= 1;
    let under_marker = start.text_indent != start.indent && next.indent == start.indent;
    if marker {
        under_text && (next.indent > start.text_indent || dash_runs_on(last, next, start))
    } else {
        under_text || under_marker
    }
}
