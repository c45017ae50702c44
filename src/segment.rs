//! Text → blocks: split lines, rejoin hard-wrapped paragraphs, recognise list items.
//!
//! A block is a blank-line paragraph line, a list item, or a run of lines that a converter
//! hard-wrapped at a fixed width (lynx wraps at 80 columns, w3m at about 1,024). Each
//! non-blank input line belongs to exactly one block.

use std::ops::Range;

/// One block of the input before classification.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment {
    /// Whitespace-normalised text, bullet marker removed.
    pub text: String,
    /// Input lines (0-based, end exclusive).
    pub lines: Range<usize>,
    /// Started with a list marker.
    pub bullet: bool,
    /// A blank line (or the start of input) precedes the block.
    pub blank_before: bool,
    /// A blank line (or the end of input) follows the block.
    pub blank_after: bool,
    /// Leading indentation of the first line, in characters.
    pub indent: usize,
}

/// One physical input line.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The line without its leading and trailing whitespace.
    body: &'a str,
    /// Leading whitespace, in characters (a tab counts as one).
    indent: usize,
    /// Width of the line in characters, indentation included.
    width: usize,
}

/// Split `text` into lines on `\n`, `\r\n`, `\r`, vertical tab, form feed, NEL (U+0085),
/// LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while i < bytes.len() {
            // Eight bytes at a time past text that holds no separator's first byte.
            if let Some(w) = bytes.get(i..i + 8) {
                if !may_start_separator(u64::from_le_bytes(w.try_into().expect("8 bytes"))) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let sep_len = match b {
                b'\n' | b'\x0b' | b'\x0c' => 1,
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    }
                }
                0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9)) =>
                {
                    3
                }
                _ => 0,
            };
            if sep_len > 0 {
                let line = &text[start..i];
                i += sep_len;
                start = i;
                return Some(line);
            }
            i += 1;
        }
        done = true;
        Some(&text[start..])
    })
}

/// Whether one of the 8 bytes of `w` may start a line separator: is below 0x0E (`\n`, VT,
/// FF, `\r`) or above 0x7F (NEL, U+2028, U+2029 are not ASCII). May say yes wrongly (a
/// borrow between bytes), never no wrongly.
fn may_start_separator(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    (w.wrapping_sub(ONES * 0x0E) | w) & HIGH != 0
}

/// Characters that are invisible and carry no text: treated like whitespace at line edges.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

fn measure(raw: &str) -> Line<'_> {
    if raw.is_ascii() {
        // ASCII whitespace is `\t`, `\n`, VT, FF, `\r` and space (`char::is_whitespace`).
        let ws = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
        let bytes = raw.as_bytes();
        let indent = bytes.iter().take_while(|b| ws(b)).count();
        let end = bytes.len() - bytes[indent..].iter().rev().take_while(|b| ws(b)).count();
        return Line {
            body: &raw[indent..end],
            indent,
            width: end,
        };
    }
    let body_start = raw.trim_start_matches(is_invisible);
    // Indentation is the whitespace before the text; zero-width characters take no column.
    let indent = raw[..raw.len() - body_start.len()]
        .chars()
        .filter(|c| c.is_whitespace())
        .count();
    let body = body_start.trim_end_matches(is_invisible);
    let width = indent
        + if body.is_ascii() {
            body.len()
        } else {
            body.chars().count()
        };
    Line {
        body,
        indent,
        width,
    }
}

/// Decorative bullets that converters put before list items: dropped from the block text.
const BULLETS: &[char] = &[
    '•', '*', '·', '▪', '◦', '●', '■', '►', '▶', '○', '□', '‣', '⁃', '∙', '◆', '◇', '➢', '➤', '✓',
    '✔',
];

/// If the line starts with a list marker, the marker length in bytes (including the space
/// after it) and whether the marker is decoration to drop (`•`) rather than text (`1.`, `-`).
fn bullet_marker(body: &str, indent: usize) -> Option<(usize, bool)> {
    let mut chars = body.char_indices();
    let (_, c) = chars.next()?;
    let after = |n: usize| -> Option<usize> {
        // A marker is followed by whitespace; return the byte offset where the item text
        // starts (after any zero-width characters, which a line's text never starts with).
        let rest = &body[n..];
        let spaced = rest.trim_start();
        let trimmed = spaced.trim_start_matches(is_invisible);
        if spaced.len() < rest.len() && !trimmed.is_empty() {
            Some(body.len() - trimmed.len())
        } else {
            None
        }
    };
    if BULLETS.contains(&c) {
        return after(c.len_utf8()).map(|n| (n, true));
    }
    match c {
        // `+` and `o` are lynx's bullets for nested lists; `o` is also a word in several
        // languages, so only an indented one counts.
        '+' => after(1).map(|n| (n, true)),
        'o' if indent >= 4 => after(1).map(|n| (n, true)),
        c if DASHES.contains(&c) => after(c.len_utf8()).map(|n| (n, false)),
        '0'..='9' => {
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 3 {
                return None;
            }
            match body.as_bytes().get(digits) {
                Some(b'.') | Some(b')') => after(digits + 1).map(|n| (n, false)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Collapse every run of Unicode whitespace into one ASCII space and trim, appending to `out`.
pub(crate) fn push_normalized(out: &mut String, s: &str) {
    let mut pending_space = !out.is_empty();
    if is_normalized(s) {
        // Most lines are one paragraph with single spaces: copied whole.
        if !s.is_empty() {
            if pending_space {
                out.push(' ');
            }
            out.push_str(s);
        }
        return;
    }
    for word in s.split(char::is_whitespace) {
        if word.is_empty() {
            continue;
        }
        if pending_space {
            out.push(' ');
        }
        out.push_str(word);
        pending_space = true;
    }
}

/// Whether `s` is already what [`push_normalized`] makes of it: no whitespace but single
/// ASCII spaces between words.
fn is_normalized(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time where they hold no control byte, no non-ASCII byte and no
        // two spaces in a row (the tests flag a superset; a flagged word is checked bytewise).
        if let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            let odd = (w.wrapping_sub(ONES * 0x20) | w) & HIGH;
            let x = w ^ (ONES * 0x20);
            let spaces = x.wrapping_sub(ONES) & !x & HIGH;
            let space_before = if i > 0 && bytes[i - 1] == b' ' {
                0x80
            } else {
                0
            };
            if odd == 0 && spaces & (spaces << 8 | space_before) == 0 {
                i += 8;
                continue;
            }
        }
        match bytes[i] {
            b' ' if i > 0 && bytes[i - 1] == b' ' => return false,
            b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => return false,
            // Lead bytes of the other whitespace characters (U+0085, U+00A0, U+1680,
            // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
            0xC2 | 0xE1 | 0xE2 | 0xE3 if s[i..].starts_with(char::is_whitespace) => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// The width at which the text was hard-wrapped, if it was.
///
/// A wrapped text has many lines that stop just short of one width `w` and are followed by
/// another line of the same paragraph; natural paragraphs end at widths spread evenly.
/// Narrowest wrap width considered: converters wrap at 72–80 columns or wider.
const MIN_WRAP: usize = 60;
/// Columns of doubt about the wrap width (lines of other indentation end a little later).
const WRAP_SLACK: usize = 3;

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
struct Wraps {
    /// The wrap width of all its lines.
    all: Option<usize>,
    /// `(indentation, width)` for the commonest indentations with a width of their own.
    by_indent: Vec<(usize, usize)>,
    /// Some blank line stands between two lines of text. Without any, line breaks alone set
    /// paragraphs apart, and a line that ends a sentence is taken to end its paragraph:
    /// `clean`'s own output is such a text, and a second pass must not join its lines.
    blank_lines: bool,
    /// Many lines break off mid-sentence before a line that carries on in lower case: the
    /// converter broke lines at inline elements (`get_text("\n")`, some browsers' text), so
    /// such breaks are joined whatever the widths.
    soft_breaks: bool,
}

/// Pairs of lines that prove soft breaks (see [`Wraps::soft_breaks`]): at least this many,
/// and this share (percent) of the pairs of adjacent non-blank lines.
const MIN_SOFT: usize = 5;
const SOFT_SHARE: usize = 20;

/// `next` carries on the sentence `last` broke off: `last` ends no sentence (nor a label
/// with a colon), and `next` opens in lower case or with a comma, semicolon or closing
/// bracket, at about the same indentation and not as a list item.
fn soft_break(last: &Line<'_>, next: &Line<'_>) -> bool {
    let body = last.body.trim_end_matches(['"', '”', '’', '\'', ')', '»']);
    !ends_sentence(last.body)
        && !body.ends_with([':', ';', ','])
        && next.indent.abs_diff(last.indent) <= 1
        && next
            .body
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ')'))
        && bullet_marker(next.body, next.indent).is_none()
}

impl Wraps {
    /// The wrap width that applies to lines of indentation `indent`, if any.
    fn width_for(&self, indent: usize) -> Option<usize> {
        self.by_indent
            .iter()
            .find(|e| e.0 == indent)
            .map(|e| e.1)
            .or(self.all)
    }

    /// Whether `next` continues the block whose last line is `last`.
    fn continues(&self, last: &Line<'_>, next: &Line<'_>, start: Start) -> bool {
        if (self.soft_breaks && soft_break(last, next)) || (is_tiny(last) && is_tiny(next)) {
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
fn wrap_widths<'a, I: Iterator<Item = Line<'a>>>(lines: impl Fn() -> I) -> Wraps {
    let mut all = Widths::new();
    let (mut blank_lines, mut text_seen, mut blank_run) = (false, false, false);
    let (mut pairs, mut soft) = (0usize, 0usize);
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
            soft += usize::from(soft_break(&p, &line));
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
    let mut wraps = Wraps {
        all: cliff(&all, blank_lines),
        by_indent: Vec::new(),
        blank_lines,
        // Not in a text without blank lines: there a line is a paragraph (`clean`'s own
        // output, whose list items have lost their markers, is such a text).
        soft_breaks: blank_lines && soft >= MIN_SOFT && soft * 100 >= pairs * SOFT_SHARE,
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
        .zip(&own)
        .filter_map(|(&(k, _), w)| cliff(w, blank_lines).map(|w| (k, w)))
        .collect();
    wraps
}

/// The wrap width shown by a histogram of paragraph-internal line widths, if any, in a text
/// with or without `blank_lines` between its lines.
fn cliff(widths: &Widths, blank_lines: bool) -> Option<usize> {
    let (hist, inner) = (&widths.hist, widths.inner);
    if inner < 3 {
        return None;
    }
    // Cumulative counts from the top make window sums O(1); none are above the histogram.
    let mut cumulative = vec![0u32; hist.len() + 1];
    for w in (0..hist.len()).rev() {
        cumulative[w] = cumulative[w + 1] + hist[w];
    }
    let above = |w: usize| cumulative.get(w).copied().unwrap_or(0);
    // The wrap width is a cliff: many lines end just below it and almost none just above
    // (unbreakable words such as long URLs may stick out a little).
    let band_of = |w: usize| (w / 5).clamp(12, 30);
    let mut best: Option<(usize, i64, bool)> = None;
    // Lines forced at width `w`: a running sum of the differences.
    let mut forced: i32 = widths.forced.iter().take(MIN_WRAP).sum();
    for (w, &count) in hist.iter().enumerate().take(CAP - 30).skip(MIN_WRAP) {
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

fn ends_sentence(body: &str) -> bool {
    body.trim_end_matches(['"', '”', '’', '\'', ')', '»'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// Dashes: list markers kept as text (`- item`), and what a wrapper keeps with the word after
/// them (lynx moves `—` to the next line with it).
const DASHES: &[char] = &['—', '–', '-'];

/// Width of what opens `body` and could not have been left on the line before: its first
/// word, or a lone dash with the word after it.
fn first_word_width(body: &str) -> usize {
    let mut words = body.split(char::is_whitespace);
    let first = words.next().map_or(0, |w| w.chars().count());
    match body.chars().next() {
        Some(c) if first == 1 && DASHES.contains(&c) => {
            first + words.next().map_or(0, |w| 1 + w.chars().count())
        }
        _ => first,
    }
}

/// How a block opened, which decides where its wrapped lines may continue.
#[derive(Clone, Copy)]
struct Start {
    /// Indentation of the first line.
    indent: usize,
    /// Indentation of the first line's text: after the marker of a list item.
    text_indent: usize,
    /// The first character of the first line.
    lead: char,
}

impl Start {
    fn of(first: &Line<'_>, bullet: bool) -> Self {
        let text_indent = if bullet {
            let marker = &first.body[..bullet_marker(first.body, first.indent).map_or(0, |m| m.0)];
            first.indent + marker.chars().count()
        } else {
            first.indent
        };
        Start {
            indent: first.indent,
            text_indent,
            lead: first.body.chars().next().unwrap_or(' '),
        }
    }
}

/// A dash that opens `next` carries on the paragraph `last` broke off rather than opening
/// a list item (`rival` / `— was wrong`): `last` runs on (no sentence end, no colon
/// introducing a list), the word after the dash is in lower case (an item opens in upper
/// case), and the block is not itself an item led by that dash.
fn dash_runs_on(last: &Line<'_>, next: &Line<'_>, start: Start) -> bool {
    let mut chars = next.body.chars();
    chars
        .next()
        .is_some_and(|c| DASHES.contains(&c) && c != start.lead)
        && chars
            .find(|c| !c.is_whitespace())
            .is_some_and(char::is_lowercase)
        && !ends_sentence(last.body)
        && !last.body.ends_with(':')
}

/// Lines of one or two characters (a page number, a table cell, a letter of an index, a
/// lone bullet): a run of them is read as one block, as a row of links would be. Alone,
/// none can be told from its neighbours, and a block per line would make a page of such
/// lines cost a block's work for every two bytes.
const TINY: usize = 2;

fn is_tiny(line: &Line<'_>) -> bool {
    !line.body.is_empty() && line.body.len() <= 4 * TINY && line.body.chars().count() <= TINY
}

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

/// Whether [`segment`] cuts `texts` joined by `\n` into exactly one block per line, each
/// with its line's text; if so, which of them it reads as list items ([`read_lines`] with no
/// join; the tests check it against `segment`).
#[cfg(test)]
pub(crate) fn one_block_per_line(texts: &[&str]) -> Option<Vec<bool>> {
    let read = read_lines(texts)?;
    (!read.joins.contains(&true) && !read.strips.iter().any(|&n| n > 0)).then_some(read.bullets)
}

/// How [`segment`] reads `texts` joined by `\n`: which lines it reads as list items, how
/// many bytes of decoration (a bullet such as `*`) it drops from the start of each, and
/// which lines it joins to the next as a wrapped paragraph. `None` when some line would
/// otherwise not keep its text. `texts` are blocks of an earlier pass (whitespace-normalised,
/// non-empty): settling cleans them again without joining and cutting them anew, and joins,
/// strips or stops where `segment` would read them otherwise.
pub(crate) fn read_lines(texts: &[&str]) -> Option<LinesRead> {
    let mut lines = Vec::with_capacity(texts.len());
    let mut bullets = Vec::with_capacity(texts.len());
    let mut strips = Vec::with_capacity(texts.len());
    for (j, t) in texts.iter().enumerate() {
        debug_assert!(is_normalized(t));
        // `segment` drops a byte-order mark before the first line.
        if j == 0 && t.starts_with('\u{FEFF}') {
            return None;
        }
        let line = measure(t);
        // A blank line makes no block, and trimmed edges (zero-width characters) change
        // the text.
        if line.body.is_empty() || line.body.len() != t.len() {
            return None;
        }
        let marker = bullet_marker(t, 0);
        bullets.push(marker.is_some());
        // A decorative marker would be dropped from the text.
        strips.push(marker.filter(|m| m.1).map_or(0, |m| m.0));
        lines.push(line);
    }
    let wraps = wrap_widths(|| lines.iter().copied());
    // `segment` reads a line on from the first line of its block.
    let mut joins = Vec::with_capacity(lines.len());
    let mut first = 0;
    for j in 0..lines.len() {
        let start = Start::of(&lines[first], bullets[first]);
        let join = lines
            .get(j + 1)
            .is_some_and(|next| wraps.continues(&lines[j], next, start));
        joins.push(join);
        if !join {
            first = j + 1;
        }
    }
    Some(LinesRead {
        bullets,
        strips,
        joins,
    })
}

/// What [`read_lines`] found.
pub(crate) struct LinesRead {
    /// Lines read as list items.
    pub bullets: Vec<bool>,
    /// Bytes of decoration dropped from the start of each line (0 for most).
    pub strips: Vec<usize>,
    /// Lines joined to the next.
    pub joins: Vec<bool>,
}

/// Cut `text` into blocks.
pub(crate) fn segment(text: &str) -> Vec<Segment> {
    // A byte-order mark is an encoding artefact, not text (`clean_bytes` drops it too).
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Two passes over the lines (one for the wrap width, one to cut blocks) rather than a
    // vector of them: measuring a line again costs less than holding 32 bytes per line.
    let wraps = wrap_widths(|| split_lines(text).map(measure));
    // Every `Line::body` is a slice of `text`: its byte offset there.
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let mut lines = split_lines(text).map(measure).peekable();
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    let mut blank_before = true;
    while let Some(line) = lines.next() {
        if line.body.is_empty() {
            blank_before = true;
            if let Some(last) = out.last_mut() {
                last.blank_after = true;
            }
            i += 1;
            continue;
        }
        let (text_start, bullet) = match bullet_marker(line.body, line.indent) {
            Some((n, drop)) => (if drop { n } else { 0 }, true),
            None => (0, false),
        };
        // Byte range of the block's text in the input: from the first line's text (after a
        // dropped marker) to the end of the last line's body.
        let first = offset(line.body) + text_start;
        let start = i;
        let opened = Start::of(&line, bullet);
        let mut last = line;
        i += 1;
        while let Some(&next) = lines.peek() {
            if !wraps.continues(&last, &next, opened) {
                break;
            }
            last = next;
            lines.next();
            i += 1;
        }
        // Normalising the whole span, not line bodies one by one, keeps the invisible
        // characters (U+200B …) a wrapped line ends or starts with: the block stays a
        // paragraph of the input with only whitespace collapsed.
        let end = offset(last.body) + last.body.len();
        let mut block = String::with_capacity(end - first);
        push_normalized(&mut block, &text[first..end]);
        out.push(Segment {
            text: block,
            lines: start..i,
            bullet,
            blank_before,
            blank_after: lines.peek().is_none(),
            indent: line.indent,
        });
        blank_before = false;
    }
    out.retain(|s| !s.text.is_empty());
    // Later stages hold the blocks to the end; the doubling growth left up to half unused.
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        segment(t).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn line_endings() {
        let v: Vec<&str> = split_lines("a\r\nb\rc\nd\u{2028}e\u{2029}f\u{85}g").collect();
        assert_eq!(v, ["a", "b", "c", "d", "e", "f", "g"]);
    }

    #[test]
    fn whitespace_is_normalised() {
        assert_eq!(texts("  a\u{a0}\u{2003} b\t c  \n"), ["a b c"]);
    }

    #[test]
    fn bullets_are_items() {
        let s = segment("Intro line\n  • first item\n  * second item\n  1. third item\n");
        assert_eq!(s.len(), 4);
        assert_eq!(s[1].text, "first item");
        assert!(s[1].bullet);
        assert_eq!(s[3].text, "1. third item");
        assert!(s[3].bullet && !s[0].bullet);
    }

    #[test]
    fn zero_width_characters_after_a_bullet_are_not_text() {
        // A second reading of the item would trim them from the start of its line.
        assert_eq!(
            texts("  • \u{200D}Chile: Carménère from the Central Valley.\u{200D}\n"),
            ["Chile: Carménère from the Central Valley."]
        );
        assert_eq!(texts("• \u{200B}\n"), ["•"]);
    }

    #[test]
    fn runs_of_tiny_lines_are_one_block() {
        let s = segment("Pages\n1\n2\n3\n»\nThe text of the article goes on here.\n");
        let t: Vec<&str> = s.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            t,
            ["Pages", "1 2 3 »", "The text of the article goes on here."]
        );
        assert_eq!(s[1].lines, 1..5);
        // One tiny line alone stays a block of its own.
        assert_eq!(texts("A\n\nB\n"), ["A", "B"]);
        // `read_lines` reads them as `segment` does.
        let read = read_lines(&["1", "2", "Next"]).unwrap();
        assert_eq!(read.joins, [true, false, false]);
    }

    #[test]
    fn read_lines_strips_markers_segment_drops() {
        let read = read_lines(&["* — Only with the assistant.", "Plain line."]).unwrap();
        assert_eq!(read.strips, [2, 0]);
        assert_eq!(read.bullets, [true, false]);
    }

    /// `text` as lynx renders a paragraph: indented by 3, hard-wrapped at `width` columns,
    /// followed by a blank line.
    fn hard_wrap(text: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line = String::from("   ");
        for w in text.split_whitespace() {
            if line.len() + 1 + w.len() > width && !line.trim().is_empty() {
                out.push_str(&line);
                out.push('\n');
                line = String::from("   ");
            }
            if !line.trim().is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
        out.push_str(&line);
        out.push_str("\n\n");
        out
    }

    #[test]
    fn lynx_wrapping_is_undone() {
        let para = "The quick brown fox jumps over the lazy dog and keeps running through the forest until night falls. ";
        let long = para.repeat(4);
        // Wrap at 60 columns with an indent of 3, like lynx.
        let wrapped = hard_wrap(&long, 60).repeat(3);
        let blocks = texts(&wrapped);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(blocks[0], long.trim());
    }

    /// A few wrapped paragraphs under a long menu whose lines end just short of the
    /// wrapped ones (lynx's rendering of many pages): the next-word test proves the width.
    #[test]
    fn wrapping_under_a_long_menu_is_undone() {
        let mut page = String::new();
        let menu = "News Sport Business Culture Travel Science Health Opinion Weather Video";
        for i in 0..40 {
            // Items of 36 to 55 characters, cut at a word.
            let cut = menu[..36 + (i * 7) % 20].rfind(' ').unwrap_or(0);
            page.push_str(&format!("   * {i} {}\n", &menu[..cut]));
        }
        page.push('\n');
        let para = "Officials said on Monday that the new bridge across the river would open \
                    to traffic next spring, two years later than planned, after the \
                    contractor found cracks in two of its supports during an inspection.";
        page.push_str(&hard_wrap(para, 76).repeat(3));
        let blocks = texts(&page);
        assert_eq!(blocks.len(), 43, "{blocks:?}");
        assert!(blocks[40..].iter().all(|b| b == para), "{blocks:?}");
    }

    /// `clean`'s own output: one paragraph a line, no blank lines, where a few lines end
    /// near one width by chance. A second pass must not join them.
    #[test]
    fn one_paragraph_a_line_stays_apart() {
        let lines = [
            "Council votes to close the old bridge over the river for repairs in May",
            "A new ring road around the north of the town opens two years late",
            "In pictures: the first snow of the winter falls on the hills and the lakes",
            "A spokesman for the council says the closure was planned in the spring",
            "Shops in the old town fear they will lose customers to the city centre",
            "An inspection of the bridge finds cracks in two of its main supports",
            "Short line.",
            "Another short line",
        ];
        let text = lines.join("\n");
        assert_eq!(texts(&text), lines);
        assert_eq!(one_block_per_line(&lines), Some(vec![false; lines.len()]));
    }

    /// Wrapped text without blank lines is still joined where the next word proves the
    /// width; a line that ends a sentence ends its paragraph there.
    #[test]
    fn wrapping_without_blank_lines_is_undone() {
        let para = "Officials said on Monday that the new bridge across the river would open \
                    to traffic next spring, two years later than planned, after the \
                    contractor found cracks in two of its supports during an inspection";
        let page = hard_wrap(para, 70).replace("\n\n", "\n").repeat(4);
        let blocks = texts(&page);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(blocks.iter().all(|b| b == para), "{blocks:?}");
        let page = hard_wrap(&format!("{para}."), 70)
            .replace("\n\n", "\n")
            .repeat(4);
        let blocks = texts(&page);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert!(
            blocks.iter().all(|b| *b == format!("{para}.")),
            "{blocks:?}"
        );
    }

    /// Numbered items wrapped under their text (lynx): the number keeps its place in the
    /// text, and the continuation lines are indented past it.
    #[test]
    fn wrapped_numbered_items_are_joined() {
        let item = "The state attorney general is investigating the company amid layoffs, and \
                    the company said it had been contacted by her office, which will look at \
                    what its founder and former chief executive did in the years before.";
        let mut page = String::new();
        for k in 1..=4 {
            // Wrapped at 76 columns: "    1. " opens the first line, seven spaces the rest.
            let mut line = format!("    {k}.");
            for w in item.split(' ') {
                if line.len() + 1 + w.len() > 76 {
                    page.push_str(&line);
                    page.push('\n');
                    line = String::from("      ");
                }
                line.push(' ');
                line.push_str(w);
            }
            page.push_str(&line);
            page.push('\n');
        }
        let want: Vec<String> = (1..=4).map(|k| format!("{k}. {item}")).collect();
        assert_eq!(texts(&page), want);
    }

    /// A line followed by a list item is not part of a wrapped paragraph, whatever its width.
    #[test]
    fn list_items_are_not_continuations() {
        let page = "   The council published the list of roads that will be closed for repairs\n   \
                    - Bridge Street\n   - Mill Lane\n";
        assert_eq!(
            texts(page),
            [
                "The council published the list of roads that will be closed for repairs",
                "- Bridge Street",
                "- Mill Lane"
            ]
        );
    }

    /// Lynx carries a dash over to the next line with the word after it; a line that opens
    /// with a dash there goes on with the paragraph, and so does the continuation of a
    /// paragraph that opens with a dash (a reply in an interview), written under the dash.
    #[test]
    fn dashes_in_wrapped_paragraphs_are_joined() {
        let para = "Officials said on Monday that the new bridge across the river would open \
                    to traffic next spring, two years later than planned, after the \
                    contractor found cracks in two of its supports during an inspection.";
        let mut page = hard_wrap(para, 76).repeat(3);
        // Lynx moved the dash to the next line, with the word after it.
        page.push_str(
            "   The council said the work would take two years and cost more than planned\n   \
             — about twice what the engineers had said when the bridge was first built.\n\n",
        );
        // Its second line opens in upper case: no soft break, only the wrap joins it.
        let reply = "— Yes. Officials told us on Monday that the new bridge across the river \
                     Thames will open in May. Traffic will cross it from June. Engineers found \
                     cracks in two of its supports. Repairs take time.";
        page.push_str(&hard_wrap(reply, 76));
        let blocks = texts(&page);
        assert_eq!(
            blocks[3],
            "The council said the work would take two years and cost more than planned \
             — about twice what the engineers had said when the bridge was first built."
        );
        assert_eq!(blocks[..3], [para, para, para]);
        assert_eq!(blocks[4..], [reply]);
    }

    /// Items led by a dash stay apart, even under a wrapped line that runs on.
    #[test]
    fn dash_items_after_a_wrapped_line_stay_apart() {
        let para = "Officials said on Monday that the new bridge across the river would open to \
                    traffic next spring after the contractor found cracks in two of its supports \
                    and the roads that will be closed for the repairs are";
        let mut page = hard_wrap(para, 76).repeat(3);
        page.push_str("   - Bridge Street\n   - Mill Lane\n   — Station Road\n");
        let blocks = texts(&page);
        assert_eq!(
            blocks[3..],
            ["- Bridge Street", "- Mill Lane", "— Station Road"]
        );
    }

    /// Text broken at inline elements (a line break before and after every link): where many
    /// lines break off mid-sentence before one that carries on in lower case, the breaks
    /// are joined; in a page of ordinary lines they are not.
    #[test]
    fn soft_breaks_are_joined() {
        let para = "The council said on Tuesday that\nthe old bridge\nwould close for repairs, and \
                    that drivers\nshould use\nthe northern ring road until\nthe work is done.";
        let page = format!("Home\nNews\n\n{para}\n\n{para}\n\nContact\n");
        let joined = para.replace('\n', " ");
        assert_eq!(
            texts(&page),
            ["Home", "News", joined.as_str(), joined.as_str(), "Contact"]
        );
        // A few such lines in an ordinary page stay apart.
        let page = "Opening hours\nmonday to friday\n\nThe museum is closed on holidays.\n\n\
                    Tickets\nadults and children\n\nGroups must book ahead.\n\nContact";
        assert_eq!(texts(page).len(), 7);
    }

    #[test]
    fn unwrapped_lines_stay_apart() {
        let t = "First paragraph is a sentence.\nSecond paragraph is another one.\n\nThird.";
        assert_eq!(texts(t).len(), 3);
    }

    /// Reference splitter: char by char, the separators `split_lines` documents.
    fn ref_split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let end = match c {
                '\r' if it.peek().is_some_and(|&(_, n)| n == '\n') => {
                    it.next();
                    i + 2
                }
                '\r' | '\n' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                    i + c.len_utf8()
                }
                _ => continue,
            };
            out.push(&text[start..i]);
            start = end;
        }
        out.push(&text[start..]);
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The byte-level fast path agrees with the char-level reference.
        #[test]
        fn split_lines_matches_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "é", " ", "\n", "\r", "\r\n", "\n\r", "\u{b}", "\u{c}", "\u{85}",
                    "\u{2028}", "\u{2029}", "\u{2027}", "\u{202a}", "\u{c2}", "\u{e2}", "中",
                ]),
                0..40,
            ),
            tail in ".{0,20}",
        ) {
            let text = parts.concat() + &tail;
            let fast: Vec<&str> = split_lines(&text).collect();
            proptest::prop_assert_eq!(fast, ref_split(&text));
        }
    }

    #[test]
    fn normalized_agrees_with_push_normalized() {
        let mut cases: Vec<String> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b"))
            .collect();
        cases.extend(
            [
                "", " ", "a", "a b", " a", "a ", "a  b", "a\u{85}", "\u{3000}",
            ]
            .map(String::from),
        );
        for c in cases {
            let mut out = String::new();
            push_normalized(&mut out, &c);
            // Reference: the char-by-char collapse.
            let want = c
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(out, want, "{c:?}");
            assert_eq!(is_normalized(&c), want == c, "{c:?}");
        }
    }

    #[test]
    fn ascii_measure_matches_chars() {
        for raw in [
            "",
            " ",
            "\t a b \x0b",
            "  x",
            "x  ",
            "\x1c x \x1f",
            "\r\x0c",
        ] {
            let l = measure(raw);
            let body = raw.trim_matches(char::is_whitespace);
            let indent = raw.len() - raw.trim_start_matches(char::is_whitespace).len();
            assert_eq!(
                (l.body, l.indent, l.width),
                (body, indent, indent + body.len())
            );
        }
    }

    #[test]
    fn separator_filter_misses_nothing() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b'a'; 8];
                w[at] = b;
                let may = may_start_separator(u64::from_le_bytes(w));
                assert!(may || (0x0E..0x80).contains(&b), "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn doubled_space_found_at_every_offset() {
        for k in 1..20 {
            for gap in ["  ", " \t", " \u{a0}", "\u{3000}"] {
                let t = format!("{}{gap}{}", "a".repeat(k), "a!".repeat(12));
                assert!(!is_normalized(&t), "{t:?}");
            }
            assert!(is_normalized(&format!(
                "{} {}",
                "a".repeat(k),
                "! ".repeat(12).trim()
            )));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// The eight-bytes-at-a-time check agrees with collapsing char by char.
        #[test]
        fn normalized_check_matches_collapse(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    " ", "  ", "a", "bb", "!", "!!", "\t", "\n", "\u{1f}", "\u{a0}", "é",
                    "\u{3000}", "\u{2028}", "\u{200b}", "中", "~", "\u{7f}",
                ]),
                0..40,
            ),
        ) {
            let text = parts.concat();
            let want = text.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(is_normalized(&text), want == text);
        }
    }

    #[test]
    fn lines_of_a_wrapped_paragraph_are_not_one_block_each() {
        let para = "The quick brown fox jumps over the lazy dog and keeps running through the \
                    forest until night falls. "
            .repeat(6);
        let mut lines = vec![String::new()];
        for w in para.split_whitespace() {
            let line = lines.last_mut().expect("a line");
            if line.len() + 1 + w.len() > 64 {
                lines.push(w.to_string());
            } else {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
        }
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        assert!(segment(&lines.join("\n")).len() < lines.len());
        assert_eq!(one_block_per_line(&refs), None);
        // Paragraphs of one line each stay apart.
        let sentences = [
            "The council met on Tuesday.",
            "It voted to close the old bridge over the river for repairs until spring.",
            "Drivers should use the ring road.",
            "Work starts next week and the contractor expects to finish before the end of March.",
        ];
        assert_eq!(segment(&sentences.join("\n")).len(), sentences.len());
        assert!(one_block_per_line(&sentences).is_some());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// `one_block_per_line` says what cutting the lines joined by `\n` gives: one block
        /// per line, with its text, list-item flag, no blank line between and no indentation.
        #[test]
        fn one_block_per_line_matches_segment(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "", "", "", "• ", "* ", "- ", "1. ", "o ", "\u{200B}", "\u{FEFF}", "+ ",
                    ]),
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            "the", "a", "wrapped", "paragraph", "of", "text.", "ends", "é",
                            "中文", "-", "\u{200B}", "x", "longer-word",
                        ]),
                        1..24,
                    ),
                ),
                1..40,
            ),
            // A paragraph hard-wrapped at this width (none below 60), inserted at `at`.
            wrap_at in 0usize..120,
            at in 0usize..40,
            para in proptest::collection::vec(
                proptest::sample::select(vec!["word", "of", "a", "wrapped", "text.", "é"]),
                0..120,
            ),
        ) {
            let mut texts: Vec<String> = lines
                .iter()
                .map(|(head, words)| {
                    let mut t = String::new();
                    push_normalized(&mut t, &format!("{head}{}", words.join(" ")));
                    t
                })
                .filter(|t| !t.is_empty())
                .collect();
            if wrap_at >= MIN_WRAP {
                let mut wrapped = vec![String::new()];
                for w in para {
                    let line = wrapped.last_mut().expect("a line");
                    if !line.is_empty() && line.chars().count() + 1 + w.len() > wrap_at {
                        wrapped.push(w.to_string());
                    } else {
                        if !line.is_empty() {
                            line.push(' ');
                        }
                        line.push_str(w);
                    }
                }
                wrapped.retain(|l| !l.is_empty());
                let at = at.min(texts.len());
                texts.splice(at..at, wrapped);
            }
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let cut = segment(&texts.join("\n"));
            let n = texts.len();
            let same = cut.len() == n && cut.iter().zip(&texts).all(|(s, t)| &s.text == t);
            match one_block_per_line(&refs) {
                Some(bullets) => {
                    proptest::prop_assert!(same);
                    for (j, s) in cut.iter().enumerate() {
                        proptest::prop_assert_eq!(s.bullet, bullets[j]);
                        proptest::prop_assert_eq!(s.lines.clone(), j..j + 1);
                        proptest::prop_assert_eq!(
                            (s.blank_before, s.blank_after, s.indent),
                            (j == 0, j + 1 == n, 0)
                        );
                    }
                }
                None => proptest::prop_assert!(!same),
            }
            // Where every line keeps its text, `read_lines` says which lines `segment` joins.
            if let Some(LinesRead { joins, .. }) = read_lines(&refs) {
                let mut groups = Vec::new();
                let mut start = 0;
                for (j, &join) in joins.iter().enumerate() {
                    if !join {
                        groups.push(start..j + 1);
                        start = j + 1;
                    }
                }
                let ranges: Vec<_> = cut.iter().map(|s| s.lines.clone()).collect();
                proptest::prop_assert_eq!(ranges, groups);
            }
        }
    }

    #[test]
    fn zero_width_only_line_is_blank() {
        let s = segment("a\n\u{200B}\u{FEFF}\nb");
        assert_eq!(s.len(), 2);
        assert!(s[1].blank_before);
    }
}
