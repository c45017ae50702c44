//! Text → blocks: split lines, rejoin hard-wrapped paragraphs, recognise list items.
//!
//! A block is a blank-line paragraph line, a list item, or a run of lines that a converter
//! hard-wrapped at a fixed width (lynx wraps at 80 columns, w3m at about 1,024). Each
//! non-blank input line belongs to exactly one block.

use std::ops::Range;
mod double;
mod line;
mod text;
mod wrap;

use std::borrow::Cow;

use crate::text::lines::{is_normalized, normalized, split_lines};
use crate::util::to_u32;
use double::{Undoubled, looks_doubled};
use line::{Line, Start, bullet_marker, measure, records};
pub(crate) use text::Text;
use wrap::wrap_widths;

/// One block of the input before classification, in 24 bytes: every block of a page is
/// held through its first pass, where most pages peak (32 bytes a block were about a ninth
/// of the peak heap over the dev corpus).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Segment<'a> {
    /// Whitespace-normalised text, bullet marker removed: a slice of the input where that is
    /// what it holds (no copy of most of a page's text is held through its pass), with its
    /// link text (see [`Segment::link_text`]) and, where the block is not one line, how
    /// many lines it spans, in the same 16 bytes.
    pub text: Text<'a>,
    /// The first input line (0-based). In 32 bits, as are the text numbers (an input of
    /// four billion lines is beyond the crate).
    first_line: u32,
    /// The indentation of the first line in characters, saturated at [`MAX_INDENT`], in the
    /// low bits; [`BULLET`], [`BLANK_BEFORE`] and [`BLANK_AFTER`] above it.
    layout: u32,
}

/// [`Segment::indent`] saturates here: a line indented further is beyond any page of less
/// than 512 MiB.
const MAX_INDENT: u32 = (1 << 29) - 1;
/// [`Segment::layout`]: the block started with a list marker.
const BULLET: u32 = 1 << 29;
/// A blank line (or the start of input) precedes the block.
const BLANK_BEFORE: u32 = 1 << 30;
/// A blank line (or the end of input) follows the block.
const BLANK_AFTER: u32 = 1 << 31;

impl<'a> Segment<'a> {
    /// A block of text `text` on input lines `lines` (0-based, end exclusive), indented
    /// `indent` characters, with its list marker and blank lines around it.
    pub(crate) fn new(
        text: Cow<'a, str>,
        lines: Range<u32>,
        indent: u32,
        bullet: bool,
        blank_before: bool,
        blank_after: bool,
    ) -> Self {
        let flag = |on: bool, f: u32| if on { f } else { 0 };
        Segment {
            text: Text::spanning(text, lines.end.saturating_sub(lines.start)),
            first_line: lines.start,
            layout: indent.min(MAX_INDENT)
                | flag(bullet, BULLET)
                | flag(blank_before, BLANK_BEFORE)
                | flag(blank_after, BLANK_AFTER),
        }
    }

    /// The segment with its text owned.
    #[cfg(feature = "train")]
    pub(crate) fn into_owned(self) -> Segment<'static> {
        Segment {
            text: self.text.into_static(),
            first_line: self.first_line,
            layout: self.layout,
        }
    }

    /// Input lines (0-based, end exclusive).
    pub(crate) fn lines(&self) -> Range<u32> {
        self.first_line..self.first_line + self.text.lines()
    }

    /// Started with a list marker.
    pub(crate) fn bullet(&self) -> bool {
        self.layout & BULLET != 0
    }

    /// A blank line (or the start of input) precedes the block.
    pub(crate) fn blank_before(&self) -> bool {
        self.layout & BLANK_BEFORE != 0
    }

    /// A blank line (or the end of input) follows the block.
    pub(crate) fn blank_after(&self) -> bool {
        self.layout & BLANK_AFTER != 0
    }

    /// Leading indentation of the first line, in characters (saturated at [`MAX_INDENT`]).
    pub(crate) fn indent(&self) -> u32 {
        self.layout & MAX_INDENT
    }

    /// The text as the features read it: links by their text alone
    /// (`text::links::link_text`), worked out once, when the segment is made, for every
    /// reader of the block's words.
    pub(crate) fn link_text(&self) -> &str {
        self.text.links()
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

/// The blocks of a text known to hold one block a line (`texts`, whitespace-normalised, as
/// [`read_lines`] read them; `bullets` says which are list items): what [`segment`] gives
/// for them joined by `\n`, without reading them again. The blocks borrow the texts: a box
/// a block for owned ones would be held through the pass.
pub(crate) fn one_block_a_line<'a>(
    texts: impl ExactSizeIterator<Item = &'a str>,
    bullets: &[bool],
) -> Vec<Segment<'a>> {
    let n = texts.len();
    texts
        .zip(bullets)
        .enumerate()
        .map(|(j, (text, &bullet))| {
            let lines = to_u32(j)..to_u32(j + 1);
            Segment::new(Cow::Borrowed(text), lines, 0, bullet, j == 0, j + 1 == n)
        })
        .collect()
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
pub(crate) fn segment(text: &str) -> Vec<Segment<'_>> {
    // A byte-order mark is an encoding artefact, not text (`clean_bytes` drops it too).
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // The lines are read three times (twice for the wrap widths, once to cut blocks):
    // measured once, 16 bytes a line.
    match records(text) {
        Some(records) => cut(text, || records.iter().map(|r| r.line(text))),
        None => cut(text, || split_lines(text).map(measure)),
    }
}

/// The blocks of `text`, whose lines `lines` gives (as often as asked).
fn cut<'a, I: Iterator<Item = Line<'a>>>(text: &'a str, lines: impl Fn() -> I) -> Vec<Segment<'a>> {
    if looks_doubled(lines()) {
        // Read closer, a double-spaced text's lines show whether they were hard-wrapped
        // narrow: only then do its lone blank lines break lines rather than paragraphs. Text
        // of one paragraph a line, a blank line between each, reads the same either way,
        // and read closer its long lines can show a wide wrap that runs a heading into a
        // rule above it.
        let undoubled = || Undoubled::new(lines());
        let wraps = wrap_widths(|| undoubled().map(|(line, _)| line));
        if wraps.narrow() {
            return cut_by(text, undoubled, &wraps);
        }
    }
    cut_by(text, || lines().map(|line| (line, 0)), &wrap_widths(&lines))
}

/// The blocks of `text`, whose lines `lines` gives, each with the number of input lines
/// left out just before it (see [`Undoubled`]), hard-wrapped as `wraps` says.
fn cut_by<'a, I: Iterator<Item = (Line<'a>, u32)>>(
    text: &'a str,
    lines: impl Fn() -> I,
    wraps: &wrap::Wraps,
) -> Vec<Segment<'a>> {
    // Every `Line::body` is a slice of `text`: its byte offset there.
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let mut lines = lines().peekable();
    let mut out: Vec<Segment<'a>> = Vec::new();
    let mut i = 0;
    let mut blank_before = true;
    while let Some((line, left_out)) = lines.next() {
        // A line left out goes with the block after it.
        i += left_out as usize;
        if line.body.is_empty() {
            blank_before = true;
            if let Some(last) = out.last_mut() {
                last.layout |= BLANK_AFTER;
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
        let start = i - left_out as usize;
        let opened = Start::of(&line, bullet);
        let mut last = line;
        i += 1;
        while let Some(&(next, left_out)) = lines.peek() {
            if !wraps.continues(&last, &next, opened) {
                break;
            }
            last = next;
            lines.next();
            i += 1 + left_out as usize;
        }
        // Normalising the whole span, not line bodies one by one, keeps the invisible
        // characters (U+200B …) a wrapped line ends or starts with: the block stays a
        // paragraph of the input with only whitespace collapsed.
        let end = offset(last.body) + last.body.len();
        let block = normalized(&text[first..end]);
        out.push(Segment::new(
            block,
            to_u32(start)..to_u32(i),
            to_u32(line.indent),
            bullet,
            blank_before,
            lines.peek().is_none(),
        ));
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
    use crate::text::lines::may_start_separator;
    use crate::text::lines::push_normalized;
    use wrap::MIN_WRAP;

    /// `words` hard-wrapped at `width` columns, a line each.
    fn wrap(words: &[&str], width: usize) -> Vec<String> {
        let mut wrapped = vec![String::new()];
        for w in words {
            let line = wrapped.last_mut().expect("a line");
            if !line.is_empty() && line.chars().count() + 1 + w.len() > width {
                wrapped.push(w.to_string());
            } else {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
        }
        wrapped.retain(|l| !l.is_empty());
        wrapped
    }

    fn texts(t: &str) -> Vec<String> {
        segment(t)
            .into_iter()
            .map(|s| s.text.into_cow().into_owned())
            .collect()
    }

    #[test]
    fn segment_size() {
        assert_eq!(std::mem::size_of::<Segment>(), 24);
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
        assert!(s[1].bullet());
        assert_eq!(s[3].text, "1. third item");
        assert!(s[3].bullet() && !s[0].bullet());
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
        let t: Vec<&str> = s.iter().map(|b| &*b.text).collect();
        assert_eq!(
            t,
            ["Pages", "1 2 3 »", "The text of the article goes on here."]
        );
        assert_eq!(s[1].lines(), 1..5);
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

    #[test]
    fn double_spaced_wrapping_is_undone() {
        let para = "The quick brown fox jumps over the lazy dog and keeps running through the forest until night falls. ";
        let long = para.repeat(4);
        let wrapped = hard_wrap(&long, 76).repeat(3);
        // Every line break counted twice, as `\r\r\n` line endings are.
        let doubled = wrapped.replace('\n', "\r\r\n");
        let blocks = segment(&doubled);
        let got: Vec<&str> = blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(got, vec![long.trim(); 3]);
        // Input lines, lone blank lines between them included: each paragraph of six
        // lines takes eleven, and three blank lines set it apart from the next.
        assert_eq!(blocks[0].lines(), 0..11);
        assert_eq!(blocks[1].lines(), 14..25);
        assert!(blocks[1].blank_before() && !blocks[0].bullet());
        // Text of one paragraph a line, a blank line between each, keeps its blocks.
        let lines = "A line of its own that ends here.\n\n".repeat(12);
        assert_eq!(texts(&lines).len(), 12);
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

    /// Broken at links, a sentence also breaks before words in upper case (names): after a
    /// comma or a stopword in lower case, where no paragraph ends, the break is joined too.
    #[test]
    fn soft_breaks_before_names_are_joined() {
        let para = "Officials in\nSanta Fe\nsaid on Tuesday that the cat had travelled to\n\
                    Portland,\nOregon, with a member of the shelter.";
        let page = format!("Home\nNews\n\n{para}\n\n{para}\n\nContact\n");
        let joined = para.replace('\n', " ");
        assert_eq!(
            texts(&page),
            ["Home", "News", joined.as_str(), joined.as_str(), "Contact"]
        );
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
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Paragraphs hard-wrapped as lynx wraps them give the same blocks with every line
        /// break counted twice (a blank line after every line), where they are lines enough
        /// to show it.
        #[test]
        fn doubled_line_breaks_give_the_same_blocks(
            paragraphs in proptest::collection::vec(
                proptest::collection::vec("[a-z]{2,9}", 60..120),
                3..6,
            ),
            width in 64usize..100,
        ) {
            let text: String = paragraphs
                .iter()
                .map(|words| hard_wrap(&words.join(" "), width))
                .collect();
            let doubled = text.replace('\n', "\n\n");
            proptest::prop_assert_eq!(texts(&doubled), texts(&text));
        }
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Whitespace collapses as the char-by-char reference collapses it.
        #[test]
        fn push_normalized_matches_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "é", "中", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}",
                    "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}", "\u{200b}", "\u{2028}",
                    "\u{202f}", "\u{205f}", "\u{3000}", "\u{3001}", "\u{1c}", "\u{e2}\u{80}",
                    // Runs of printable ASCII for the eight-byte steps (`!` follows a space
                    // in the borrow of their space test).
                    "words", "!", "~", "ab cd", "x y!",
                ]),
                0..30,
            ),
            before in proptest::sample::select(vec!["", "x"]),
        ) {
            let text = parts.concat();
            let mut out = String::from(before);
            push_normalized(&mut out, &text);
            let words: Vec<&str> = before
                .split(char::is_whitespace)
                .chain(text.split(char::is_whitespace))
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(out, words.join(" "));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The ASCII fast path of `first_word_width` agrees with the char-by-char reading.
        #[test]
        fn first_word_width_matches_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Bc", "1", "-", "—", "–", " ", "\t", "\u{b}", "\u{a0}", "\u{3000}",
                    "é", "中", ".", "\u{1c}",
                ]),
                0..12,
            ),
        ) {
            let body = parts.concat();
            let mut words = body.split(char::is_whitespace);
            let first = words.next().map_or(0, |w| w.chars().count());
            let want = match body.chars().next() {
                Some(c) if first == 1 && line::DASHES.contains(&c) => {
                    first + words.next().map_or(0, |w| 1 + w.chars().count())
                }
                _ => first,
            };
            proptest::prop_assert_eq!(line::first_word_width(&body), want);
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
                assert!(
                    may || !(b < 0x0E || b == 0xC2 || b == 0xE2),
                    "{b:#x} at {at}"
                );
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
                let wrapped = wrap(&para, wrap_at);
                let at = at.min(texts.len());
                texts.splice(at..at, wrapped);
            }
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let joined = texts.join("\n");
            let cut = segment(&joined);
            let same = cut.len() == texts.len() && cut.iter().zip(&texts).all(|(s, t)| s.text == t.as_str());
            match one_block_per_line(&refs) {
                Some(bullets) => {
                    let read = one_block_a_line(texts.iter().map(String::as_str), &bullets);
                    proptest::prop_assert_eq!(&cut, &read);
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
                let ranges: Vec<_> = cut
                    .iter()
                    .map(|s| s.lines().start as usize..s.lines().end as usize)
                    .collect();
                proptest::prop_assert_eq!(ranges, groups);
            }
        }
    }

    #[test]
    fn zero_width_only_line_is_blank() {
        let s = segment("a\n\u{200B}\u{FEFF}\nb");
        assert_eq!(s.len(), 2);
        assert!(s[1].blank_before());
    }
}
