//! Blocks → features: density and keyword measurements the classifier scores.

mod context;
pub(crate) mod language;
pub(crate) mod page;
mod page_words;
pub(crate) mod tokens;
pub(crate) mod vocab;

use std::collections::hash_map::Entry;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::segment::Segment;
use crate::text::chars;
use crate::text::script::{CLOSERS, is_sentence_end, unmarked_end};
use crate::util::held::Held;
use crate::util::log::ln_1p_count;
use crate::util::named::named_features;
use crate::util::to_u32;
pub(crate) use context::ContextFeatures;
pub use context::M;
use language::Stops;
pub use page::P;
use vocab::{Hit, Kind};

named_features!(
    /// The stage-one features of a block, by name (see `DESIGN.md`): what the forest of
    /// stage one reads.
    BlockFeatures,
    N,
    [
        log_words,
        stop_density,
        sentence_density,
        ends_with_punct,
        capital_share,
        digit_share,
        url_share,
        avg_word_len,
        keyword_cover,
        keyword_any,
        separator_share,
        starts_upper,
        comma_density,
        punct_share,
        words_1,
        words_2_3,
        words_4_6,
        words_7_12,
        words_13_25,
        words_26_50,
        prose,
        sentence_end_long,
        title_case_short,
        alpha_share,
        starts_lower,
        kw_navigation,
        kw_advertisement,
        kw_share,
        kw_subscription,
        kw_comments,
        kw_caption,
        kw_related,
        kw_legal,
        kw_metadata,
        kw_pagination,
        date_like,
        glued_share,
        bracketed,
        ends_with_colon,
        keyword_lead,
        lead_caps,
    ]
);

/// Features of one block.
#[derive(Debug, Clone)]
pub(crate) struct Features {
    /// The values the forest reads.
    pub v: BlockFeatures,
    /// Word count (scripts without spaces counted by Unicode word segmentation).
    pub words: usize,
    /// Vocabulary entry (`vocab::phrase`) of the first phrase of the boilerplate kind that
    /// covers the most of the block: two bytes rather than a kind and a `&str`.
    pub keyword_id: Option<u16>,
    /// Share of the block's characters covered by boilerplate phrases.
    pub keyword_cover: f32,
    /// The block is a comment's header: short and ending in "says:", "schreibt:" …
    pub comment_header: bool,
    /// The block ends like a sentence.
    pub ends_with_punct: bool,
    /// Where the block stands in the page (0 at its top, towards 1 at its foot): set each
    /// pass, read by the context stages and not by stage one, whose score then depends on
    /// the block's text alone.
    pub position: f32,
    /// How many other blocks of the page have its text (`ln(1 + n)`), as `position`.
    pub repeats: f32,
}

/// Dates and times in numeric form (`12:30`, `2024-05-01`, `1.5.2024`, `05/01/24`).
const DATE_PATTERN: &str =
    r"\b(?:\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:19|20)\d{2})\b";
static DATE: Lazy<Regex> = Lazy::new(|| Regex::new(DATE_PATTERN).expect("date pattern compiles"));
/// The same pattern with ASCII `\d` and `\b`: on ASCII text it matches exactly where the
/// Unicode one does. [`date_ascii`] matches it; the tests hold the two together.
#[cfg(test)]
static DATE_ASCII: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!("(?-u){DATE_PATTERN}")).expect("date pattern compiles"));

/// Whether [`DATE_PATTERN`] read with ASCII `\d` and `\b` (`(?-u)`) matches in `b`.
fn date_ascii(b: &[u8]) -> bool {
    let word = |i: usize| b.get(i).copied().is_some_and(regex_syntax::is_word_byte);
    date_match(b, |s| s > 0 && word(s - 1), word)
}

/// Whether [`DATE_PATTERN`] matches in `text`, which holds no digits beyond ASCII: every
/// match is then ASCII, and only its word boundaries read the characters around it (with
/// the regex's own `\w`).
fn date_unicode(text: &str) -> bool {
    let word = regex_syntax::is_word_character;
    date_match(
        text.as_bytes(),
        |s| text[..s].chars().next_back().is_some_and(word),
        |e| text[e..].chars().next().is_some_and(word),
    )
}

/// Whether [`DATE_PATTERN`] matches in `b` on ASCII digits, with a word character before
/// byte `s` where `word_before(s)` and at byte `e` where `word_at(e)` (both are asked at
/// character boundaries): its alternatives tried by hand at every number's first digit,
/// where a regex search cost some 1,600 instructions a block (the Unicode one, several
/// times more).
fn date_match(
    b: &[u8],
    word_before: impl Fn(usize) -> bool,
    word_at: impl Fn(usize) -> bool,
) -> bool {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let digits = |i: usize, n: usize| (i..i + n).all(digit);
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let sep = |i: usize| at(i, b'.') || at(i, b'/');
    // Every alternative ends with a digit: `\b` follows it where no word character does.
    let ends = |e: usize| !word_at(e);
    for (s, &c) in b.iter().enumerate() {
        // Every alternative opens with a digit: `\b` before it where no word character is.
        if !c.is_ascii_digit() || word_before(s) {
            continue;
        }
        // (?:19|20)\d{2}
        if (c == b'1' && at(s + 1, b'9') || c == b'2' && at(s + 1, b'0'))
            && digits(s + 2, 2)
            && ends(s + 4)
        {
            return true;
        }
        // \d{4}-\d{2}-\d{2}
        if digits(s, 4)
            && at(s + 4, b'-')
            && digits(s + 5, 2)
            && at(s + 7, b'-')
            && digits(s + 8, 2)
            && ends(s + 10)
        {
            return true;
        }
        for d1 in 1..=2 {
            if !digits(s, d1) {
                break;
            }
            let p = s + d1;
            // \d{1,2}:\d{2}
            if at(p, b':') && digits(p + 1, 2) && ends(p + 3) {
                return true;
            }
            // \d{1,2}[./]\d{1,2}[./]\d{2,4}
            if !sep(p) {
                continue;
            }
            for d2 in 1..=2 {
                if !digits(p + 1, d2) {
                    break;
                }
                let q = p + 1 + d2;
                if !sep(q) {
                    continue;
                }
                for d3 in 2..=4 {
                    if !digits(q + 1, d3) {
                        break;
                    }
                    if ends(q + 1 + d3) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// Whether `text` holds a numeric date or time.
fn has_date(text: &str) -> bool {
    if text.is_ascii() {
        return date_ascii(text.as_bytes());
    }
    let only_ascii_digits = !text
        .chars()
        .any(|c| !c.is_ascii() && chars::props(c, chars::NUMERIC) != 0);
    if only_ascii_digits {
        return date_unicode(text);
    }
    DATE.is_match(text)
}

impl BlockFeatures {
    /// The `kw_*` feature of a boilerplate kind.
    fn keyword_kind(&mut self, k: Kind) -> &mut f32 {
        match k {
            Kind::Navigation => &mut self.kw_navigation,
            Kind::Advertisement => &mut self.kw_advertisement,
            Kind::Share => &mut self.kw_share,
            Kind::Subscription => &mut self.kw_subscription,
            Kind::Comments => &mut self.kw_comments,
            Kind::Caption => &mut self.kw_caption,
            Kind::Related => &mut self.kw_related,
            Kind::Legal => &mut self.kw_legal,
            Kind::Metadata => &mut self.kw_metadata,
            Kind::Pagination | Kind::Other => &mut self.kw_pagination,
        }
    }
}

/// A comment header ("Jane Doe on 3 May 2024 at 9:12 said:") is short.
const COMMENT_HEADER_WORDS: usize = 16;

/// How much of a block the phrase scan reads, in bytes.
const PHRASE_SCAN: usize = 256;

/// What the stages after stage one read of a block's features. The full vectors are scored
/// in chunks and dropped: kept for every block, their 44 numbers were most of the memory
/// `clean` needed. Held for every block through the context stages and the rules, in 16
/// bytes: what derives from the block's index (`position`) or from its word count
/// (`log_words`) is not kept, `lead_caps` is kept in tenths, and of the shares that later
/// stages only compare with a bar, only the answer is kept, a bit each, with the other
/// flags in a byte (the three shares took 12 bytes a block, at the peak heap of most pages).
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    /// [`Features::words`], saturated (no page has four billion words in a block).
    words: u32,
    pub keyword_cover: f32,
    pub repeats: f32,
    /// [`Features::keyword_id`]; [`NO_KEYWORD`] where none.
    keyword: u16,
    /// [`FLAG_COMMENT_HEADER`] … bit by bit.
    flags: u8,
    /// `lead_caps` in tenths (`lead_caps` counts at most [`LEAD_CAPS_MAX`] words).
    lead_caps: u8,
}

/// [`Summary::keyword`] of a block without a keyword: no vocabulary entry has it (there are
/// fewer than `u16::MAX`).
const NO_KEYWORD: u16 = u16::MAX;
const FLAG_COMMENT_HEADER: u8 = 1;
const FLAG_ENDS_WITH_PUNCT: u8 = 2;
const FLAG_DATE_LIKE: u8 = 4;
const FLAG_KEYWORD_LEAD: u8 = 8;
/// `kw_comments` above [`COMMENT_WORDS`].
const FLAG_COMMENT_WORDS: u8 = 16;
/// Some separators (`separator_share` above 0).
const FLAG_SEPARATORS: u8 = 32;
/// `separator_share` of at least [`MENU_SEPARATORS`].
const FLAG_MENU_SEPARATORS: u8 = 64;
/// `capital_share` of at least [`TITLE_CASE_SHARE`].
const FLAG_TITLE_CASE: u8 = 128;

/// A short block this much covered by comment phrases counts as a comment header for the
/// context stages (`comments_above`).
const COMMENT_WORDS: f32 = 0.2;
/// Share of separator tokens (`|`, `»`, `/` …) that makes a short block a row of links.
const MENU_SEPARATORS: f32 = 0.25;
/// Share of capitalised words of a title-cased headline.
const TITLE_CASE_SHARE: f32 = 0.5;

impl Summary {
    /// The boilerplate kind that covers the most of the block, with its first phrase.
    pub fn keyword(&self) -> Option<(Kind, &'static str)> {
        self.keyword_id().map(vocab::phrase)
    }

    /// [`Features::keyword_id`].
    pub fn keyword_id(&self) -> Option<u16> {
        (self.keyword != NO_KEYWORD).then_some(self.keyword)
    }

    /// [`Features::words`].
    pub fn words(&self) -> usize {
        self.words as usize
    }

    /// The block's `log_words` feature: it derives from the word count alone.
    pub fn log_words(&self) -> f32 {
        ln_1p_count(self.words())
    }

    /// The block's `lead_caps` feature.
    pub fn lead_caps(&self) -> f32 {
        f32::from(self.lead_caps) / 10.0
    }

    /// [`Features::comment_header`].
    pub fn comment_header(&self) -> bool {
        self.flags & FLAG_COMMENT_HEADER != 0
    }

    /// [`Features::ends_with_punct`].
    pub fn ends_with_punct(&self) -> bool {
        self.flags & FLAG_ENDS_WITH_PUNCT != 0
    }

    /// The block holds a numeric date or time.
    pub fn date_like(&self) -> bool {
        self.flags & FLAG_DATE_LIKE != 0
    }

    /// The block opens with a label phrase.
    pub fn keyword_lead(&self) -> bool {
        self.flags & FLAG_KEYWORD_LEAD != 0
    }

    /// Its `kw_comments` is above [`COMMENT_WORDS`].
    pub fn comment_words(&self) -> bool {
        self.flags & FLAG_COMMENT_WORDS != 0
    }

    /// It holds separator tokens.
    pub fn has_separators(&self) -> bool {
        self.flags & FLAG_SEPARATORS != 0
    }

    /// Its separators make it a row of links, if it is short ([`MENU_SEPARATORS`]).
    pub fn menu_separators(&self) -> bool {
        self.flags & FLAG_MENU_SEPARATORS != 0
    }

    /// Its words are title-cased enough for a headline ([`TITLE_CASE_SHARE`]).
    pub fn title_case(&self) -> bool {
        self.flags & FLAG_TITLE_CASE != 0
    }

    pub fn of(f: &Features) -> Summary {
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        let s = Summary {
            words: to_u32(f.words),
            keyword_cover: f.keyword_cover,
            repeats: f.repeats,
            keyword: f.keyword_id.unwrap_or(NO_KEYWORD),
            flags: flag(f.comment_header, FLAG_COMMENT_HEADER)
                | flag(f.ends_with_punct, FLAG_ENDS_WITH_PUNCT)
                | flag(f.v.date_like > 0.0, FLAG_DATE_LIKE)
                | flag(f.v.keyword_lead > 0.0, FLAG_KEYWORD_LEAD)
                | flag(f.v.kw_comments > COMMENT_WORDS, FLAG_COMMENT_WORDS)
                | flag(f.v.separator_share > 0.0, FLAG_SEPARATORS)
                | flag(f.v.separator_share >= MENU_SEPARATORS, FLAG_MENU_SEPARATORS)
                | flag(f.v.capital_share >= TITLE_CASE_SHARE, FLAG_TITLE_CASE),
            lead_caps: (f.v.lead_caps * 10.0).round() as u8,
        };
        // Both are worked out as such from the block's text (`block_features`) and unpacked
        // so (`packed.rs`).
        debug_assert_eq!(s.log_words().to_bits(), f.v.log_words.to_bits());
        debug_assert_eq!(s.lead_caps().to_bits(), f.v.lead_caps.to_bits());
        s
    }
}

/// Features of every segment, in order, computed as they are read.
#[cfg(any(test, feature = "train"))]
pub(crate) fn compute<'a>(
    segments: &'a [Segment<'a>],
    stops: &'a Stops,
) -> impl Iterator<Item = Features> + 'a {
    compute_with(segments, stops, Texts::of(segments), |_| None)
}

/// The texts of a page's segments: how often the page gives each and where it first
/// stands. Repeats (a feature), the features kept for a repeated text and the page marks of
/// one all read this one record, 4 bytes a segment (held through stage one, where most
/// pages peak; a number a text with its count and first segment took 12 bytes a segment).
pub(crate) struct Texts {
    /// By segment: the first segment holding its text, or, for that first segment itself,
    /// [`FIRST`] with how many segments hold the text. (Segments and counts stay below
    /// 2^31: a segment takes some bytes of text and a line break.)
    at: Vec<u32>,
    /// Bytes of text of all the segments.
    bytes: usize,
}

/// [`Texts::at`] of a text's first segment.
const FIRST: u32 = 1 << 31;

impl Texts {
    /// The texts of `segments`.
    pub(crate) fn of(segments: &[Segment]) -> Texts {
        // Keyed by arbitrary page text, so a keyed hash: with the unkeyed FxHash, lines
        // that differ only in their last bytes share bucket bits and the map goes
        // quadratic (800,000 such lines: 56 s vs 5.6 s). foldhash is seeded at random as
        // std's SipHash is, and reads 16 bytes a step where SipHash reads 8 with more
        // rounds. One hash per block. Sized for every block at once: growing would hash
        // every text again.
        let mut firsts: std::collections::HashMap<&str, u32, foldhash::fast::RandomState> =
            std::collections::HashMap::with_capacity_and_hasher(segments.len(), Default::default());
        let mut at: Vec<u32> = Vec::with_capacity(segments.len());
        let mut bytes = 0;
        for (i, s) in segments.iter().enumerate() {
            bytes += s.text.len();
            match firsts.entry(&*s.text) {
                Entry::Vacant(e) => {
                    e.insert(i as u32);
                    at.push(FIRST | 1);
                }
                Entry::Occupied(e) => {
                    let first = *e.get();
                    at[first as usize] += 1;
                    at.push(first);
                }
            }
        }
        Texts { at, bytes }
    }

    /// How many segments hold the text of segment `i`.
    pub(crate) fn count(&self, i: usize) -> u32 {
        self.at[self.first(i)] & !FIRST
    }

    /// The first segment holding the text of segment `i` (`i` itself for a first one).
    pub(crate) fn first(&self, i: usize) -> usize {
        match self.at[i] {
            v if v & FIRST != 0 => i,
            first => first as usize,
        }
    }
}

/// Features of every segment, in order, computed as they are read; `texts` are the
/// segments' [`Texts`]. `known(i)` (asked once a segment, in order), where given, holds
/// features an earlier pass computed for the text of segment `i` with the same stopwords:
/// only what depends on the page is computed again.
pub(crate) fn compute_with<'a>(
    segments: &'a [Segment<'a>],
    stops: &'a Stops,
    texts: impl std::borrow::Borrow<Texts> + 'a,
    mut known: impl FnMut(usize) -> Option<Features> + 'a,
) -> impl Iterator<Item = Features> + 'a {
    let n = segments.len();
    let mut scratch = Scratch::default();
    let mut repeated = Repeated::for_bytes(texts.borrow().bytes);
    segments.iter().enumerate().map(move |(i, s)| {
        let texts = texts.borrow();
        let count = texts.count(i);
        let known = known(i);
        let first = texts.first(i);
        let mut f = repeated.get(to_u32(first), count, first == i, || {
            known.unwrap_or_else(|| block_features(s.link_text(), stops, &mut scratch))
        });
        // The rest depends on the page, not on the text alone.
        f.position = position(i, n);
        f.repeats = ln_1p_count(count as usize - 1);
        f
    })
}

/// Where block `i` of `n` stands in the page ([`Features::position`]).
pub(crate) fn position(i: usize, n: usize) -> f32 {
    i as f32 / n.max(1) as f32
}

/// Bytes of text a page has for each block's features [`Repeated`] may keep at once (and
/// for each repeated text's page marks the first pass holds).
pub(crate) const REPEATED_BYTES_PER_ENTRY: usize = 1024;

/// The features of the texts a page gives more than once (a menu at its top and at its
/// foot, "Share" under every post): they depend on the text alone, so the first block with
/// such a text keeps them for the others, until the last of them is read. At most one
/// entry (some 200 bytes) per [`REPEATED_BYTES_PER_ENTRY`] bytes of the page's text is kept
/// at once: a page of short lines each given twice, the second time after all of them, would
/// otherwise keep every block's features. Measured at `5c1b24c` on the sample of
/// `examples/instructions.rs` and over the dev corpus (Σ peak heap / Σ bytes): one entry
/// per 1,024 bytes saves 33 M instructions and adds 0.06 B/B; per 2,048 bytes 26 M and
/// 0.03; with no limit (and the map not released when empty) 46 M and 0.29.
struct Repeated(Held<Box<Features>>);

impl Repeated {
    /// For a page of `bytes` bytes of text.
    fn for_bytes(bytes: usize) -> Repeated {
        Repeated(Held::with_room(bytes / REPEATED_BYTES_PER_ENTRY))
    }

    /// The features of the next block, whose text (by its first block, `id`) the page gives
    /// `count` times and which is its `first` block or not: held from the text's first
    /// block, or worked out by `compute` (and held, for a first block, while there is room).
    /// Boxed: the map's room for entries it does not hold, and its old table while it
    /// grows, take a pointer each rather than a block's features.
    fn get(
        &mut self,
        id: u32,
        count: u32,
        first: bool,
        compute: impl FnOnce() -> Features,
    ) -> Features {
        if count == 1 {
            return compute();
        }
        if let Some(f) = self.0.again(id, |f| (**f).clone(), |f| *f) {
            return f;
        }
        let f = compute();
        if first {
            self.0.hold(id, count - 1, || Box::new(f.clone()));
        }
        f
    }
}

/// Buffers the features of one block are computed in, kept from block to block.
#[derive(Default)]
struct Scratch {
    /// The start of the block lower-cased: what the phrase scan reads.
    lower: String,
    /// One token lower-cased.
    token: String,
    hits: Vec<Hit>,
}

/// Bytes lower-cased beyond [`PHRASE_SCAN`]: room for the phrase scan to find its cut at a
/// character boundary and for `keyword_lead` to read the character after a phrase.
const LEAD_ROOM: usize = 8;

/// The first `min` bytes (or more, to the end of a character) of `s` lower-cased into
/// `out`: ASCII runs in bulk, other characters by `char::to_lowercase`. Lower-casing goes
/// char by char, so this is the start of the whole text lower-cased.
fn lowercase_into(out: &mut String, s: &str, min: usize) {
    out.clear();
    let mut rest = s;
    while !rest.is_empty() && out.len() < min {
        let want = (min - out.len()).min(rest.len());
        // `is_ascii` reads a word at a time: most starts of blocks are ASCII throughout.
        let head = &rest.as_bytes()[..want];
        let run = if head.is_ascii() {
            want
        } else {
            head.iter().position(|b| !b.is_ascii()).unwrap_or(want)
        };
        let at = out.len();
        out.push_str(&rest[..run]);
        out[at..].make_ascii_lowercase();
        rest = &rest[run..];
        if run < want {
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                if chars::props(c, chars::FOLDS) != 0 {
                    out.extend(c.to_lowercase());
                } else {
                    out.push(c);
                }
                rest = chars.as_str();
            }
        }
    }
}

/// A block of this many words or more can be a sentence (`sentence_end_long`); a shorter one
/// is a menu item or a headline.
const SENTENCE_WORDS: usize = 8;

/// Longest title-case run counted at the start of a block.
const LEAD_CAPS_MAX: usize = 12;

/// Capitalised words at the start of `text`, counted until a lower-case word that is not a
/// short function word standing alone ("of", "in", "the"): a headline in title case glued
/// to its teaser ("Council Votes To Close The Bridge The council voted …") opens with a long
/// run, a sentence with a name or two ("Dr. Jane Doe of the city council said") with a short
/// one. Numbers neither count nor end the run. A block opening in a script without case
/// gives 1, as a sentence does (`starts_upper` reads such a block as upper-case too).
fn lead_caps(text: &str) -> usize {
    let (mut n, mut lower_before) = (0, false);
    for tok in text.split(' ') {
        let Some(c) = tok.chars().find(|&c| chars::is_alphabetic(c)) else {
            continue;
        };
        let (upper, lower) = (chars::is_uppercase(c), chars::is_lowercase(c));
        if n == 0 && !upper && !lower {
            return 1;
        }
        if upper {
            n += 1;
            lower_before = false;
            if n >= LEAD_CAPS_MAX {
                break;
            }
        } else if lower && n > 0 && !lower_before && tok.chars().count() <= 3 {
            lower_before = true;
        } else {
            break;
        }
    }
    n
}

/// Find the boilerplate phrases of `lower` (the start of the block lower-cased, at least
/// [`PHRASE_SCAN`] bytes of it or all, of `lower_len` bytes in all) into `hits`; the entry
/// of the kind that covers the most of the block, and the share of the block they cover.
fn scan_phrases(lower: &str, lower_len: usize, hits: &mut Vec<Hit>) -> (Option<u16>, f32) {
    // Boilerplate phrases stand in short blocks or open long ones ("Read also: …"); the
    // scan stops at a word boundary after PHRASE_SCAN bytes so long paragraphs cost little.
    let scan = if lower_len <= PHRASE_SCAN {
        lower
    } else {
        let mut end = PHRASE_SCAN;
        while !lower.is_char_boundary(end) {
            end -= 1;
        }
        let cut = lower[..end].rfind(' ').unwrap_or(0);
        &lower[..cut]
    };
    vocab::find_phrases(scan, hits);
    // Share of the block the phrases cover, and the kind that covers most.
    let mut covered = 0usize;
    let mut last_end = 0usize;
    let mut by_kind: Vec<(Kind, usize, u16)> = Vec::new();
    for h in hits.iter() {
        let start = h.start.max(last_end);
        if h.end > start {
            covered += h.end - start;
            last_end = h.end;
        }
        match by_kind.iter_mut().find(|e| e.0 == h.kind) {
            Some(e) => e.1 += h.end - h.start,
            None => by_kind.push((h.kind, h.end - h.start, h.id)),
        }
    }
    let keyword = by_kind.iter().max_by_key(|e| e.1).map(|e| e.2);
    let keyword_cover = (covered as f32 / lower_len.max(1) as f32).min(1.0);
    (keyword, keyword_cover)
}

/// Whether a block of `words` words ends like a sentence (or a clause: `:`, `;`).
fn ends_like_sentence(text: &str, words: usize) -> bool {
    text.trim_end_matches(CLOSERS)
        .chars()
        .next_back()
        .is_some_and(|c| {
            is_sentence_end(c)
                || c == ':'
                || c == ';'
                || (unmarked_end(c) && words >= SENTENCE_WORDS)
        })
}

/// Whether a block opens with a capital or a digit (or a letter of a script without case).
fn starts_upper(text: &str) -> bool {
    text.chars()
        .find(|&c| chars::is_alphanumeric(c))
        .is_some_and(|c| {
            let p = chars::props(c, chars::UPPER | chars::NUMERIC | chars::LOWER);
            p & (chars::UPPER | chars::NUMERIC) != 0 || p & chars::LOWER == 0
        })
}

/// Whether a separator (`:`, `|`, `»` …) follows the phrase that ends at byte `end` of the
/// lower-cased text, of which `lower` holds the start (`whole`: all of it).
fn separator_after(lower: &str, whole: bool, text: &str, end: usize) -> bool {
    let after = lower[end..].trim_start();
    if after.is_empty() && !whole {
        let mut all = String::new();
        lowercase_into(&mut all, text, usize::MAX);
        return separator_after(&all, true, text, end);
    }
    after.starts_with([':', '|', '»', '›', '>', '-', '–'])
}

fn block_features(text: &str, stops: &Stops, scratch: &mut Scratch) -> Features {
    let c = tokens::count(text, stops, &mut scratch.token);
    let words = c.words;
    lowercase_into(&mut scratch.lower, text, PHRASE_SCAN + LEAD_ROOM);
    let (lower, hits) = (scratch.lower.as_str(), &mut scratch.hits);
    let whole = lower.len() == c.lower_len;
    let (keyword, keyword_cover) = scan_phrases(lower, c.lower_len, hits);
    let ends = ends_like_sentence(text, words);
    let starts_upper = starts_upper(text);
    let wf = words.max(1) as f32;
    let log_words = ln_1p_count(words);
    let stop_density = c.stop as f32 / wf;
    let capital_share = if c.cased > 0 {
        c.caps as f32 / c.cased as f32
    } else {
        0.0
    };
    let bin = |lo: usize, hi: usize| f32::from(u8::from(words >= lo && words <= hi));
    let mut v = BlockFeatures {
        log_words,
        stop_density,
        sentence_density: (c.sentence as f32 / wf * 10.0).min(3.0),
        ends_with_punct: f32::from(u8::from(ends)),
        capital_share,
        digit_share: c.digits as f32 / c.alnum.max(1) as f32,
        url_share: c.urls as f32 / c.tokens.max(1) as f32,
        avg_word_len: (c.word_chars as f32 / wf).min(20.0) / 10.0,
        keyword_cover,
        keyword_any: f32::from(u8::from(!hits.is_empty())),
        separator_share: c.seps as f32 / c.tokens.max(1) as f32,
        starts_upper: f32::from(u8::from(starts_upper)),
        comma_density: (c.commas as f32 / wf * 10.0).min(3.0),
        punct_share: c.punct as f32 / c.chars.max(1) as f32,
        words_1: bin(0, 1),
        words_2_3: bin(2, 3),
        words_4_6: bin(4, 6),
        words_7_12: bin(7, 12),
        words_13_25: bin(13, 25),
        words_26_50: bin(26, 50),
        // Prose: many stopwords in a long block (the product the jusText thresholds encode).
        prose: stop_density * (log_words / 3.0).min(1.5),
        sentence_end_long: f32::from(u8::from(ends && words >= SENTENCE_WORDS)),
        title_case_short: capital_share * f32::from(u8::from(words <= 12)),
        alpha_share: (c.alnum - c.digits) as f32 / c.chars.max(1) as f32,
        starts_lower: f32::from(u8::from(!starts_upper)),
        date_like: f32::from(u8::from(c.digits > 0 && words <= 30 && has_date(text))),
        glued_share: c.glued as f32 / c.tokens.max(1) as f32,
        bracketed: f32::from(u8::from(text.starts_with('[') && text.ends_with(']'))),
        ends_with_colon: f32::from(u8::from(text.ends_with(':'))),
        // A phrase that opens the block and is followed by a colon or a separator labels
        // what follows: "Read also: …", "Share: …", "Tags: …".
        keyword_lead: f32::from(u8::from(hits.iter().any(|h| {
            h.start == 0 && (h.phrase.ends_with(':') || separator_after(lower, whole, text, h.end))
        }))),
        lead_caps: lead_caps(text) as f32 / 10.0,
        ..BlockFeatures::default()
    };
    for h in hits.iter() {
        let k = v.keyword_kind(h.kind);
        *k = (*k + (h.end - h.start) as f32 / c.lower_len.max(1) as f32).min(1.0);
    }
    let comment_header = words <= COMMENT_HEADER_WORDS
        && hits
            .iter()
            .any(|h| h.kind == Kind::Comments && h.phrase.ends_with(':') && h.end == c.lower_len);
    Features {
        v,
        words,
        keyword_id: keyword,
        keyword_cover,
        comment_header,
        ends_with_punct: ends,
        // Set by `compute_with`.
        position: 0.0,
        repeats: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use crate::text::links::link_text;
    use language::choose;

    fn feats(t: &str) -> Vec<Features> {
        let s = segment(t);
        compute(&s, &choose(Some("en"), &s)).collect()
    }

    /// Every block's features worked out from its own text, as without [`Repeated`].
    fn one_by_one(segments: &[Segment], stops: &Stops) -> Vec<Features> {
        let mut scratch = Scratch::default();
        let n = segments.len().max(1);
        segments
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut f = block_features(s.link_text(), stops, &mut scratch);
                let count = segments.iter().filter(|o| o.text == s.text).count();
                f.position = i as f32 / n as f32;
                f.repeats = ln_1p_count(count - 1);
                f
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Features kept for a repeated text are those its own block would get.
        #[test]
        fn repeated_texts_get_their_own_features(
            picks in proptest::collection::vec(0usize..12, 1..400),
            blank in proptest::bool::ANY,
        ) {
            let lines = [
                "Home", "News", "Share this article", "Reply", "* Sport",
                "The council voted on Tuesday to close the bridge for repairs.",
                "Sign in to comment", "12:30", "[image]", "Read more »",
                "Drivers are asked to use the northern ring road until the work is done, \
                 which the council expects to take two weeks.",
                "Follow us on Twitter",
            ];
            let text: Vec<&str> = picks.iter().map(|&k| lines[k]).collect();
            let text = text.join(if blank { "\n\n" } else { "\n" });
            let segments = segment(&text);
            let stops = choose(Some("en"), &segments);
            let got: Vec<Features> = compute(&segments, &stops).collect();
            let want = one_by_one(&segments, &stops);
            proptest::prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                proptest::prop_assert_eq!(g.v.to_array().map(f32::to_bits), w.v.to_array().map(f32::to_bits));
                proptest::prop_assert_eq!(
                    (g.words, g.keyword_id, g.keyword_cover.to_bits(), g.comment_header, g.ends_with_punct),
                    (w.words, w.keyword_id, w.keyword_cover.to_bits(), w.comment_header, w.ends_with_punct)
                );
                proptest::prop_assert_eq!(
                    (g.position.to_bits(), g.repeats.to_bits()),
                    (w.position.to_bits(), w.repeats.to_bits())
                );
            }
        }
    }

    #[test]
    fn repeated_keeps_a_first_text_until_its_last_block() {
        let mut r = Repeated::for_bytes(3 * REPEATED_BYTES_PER_ENTRY);
        let f = |words| Features {
            words,
            ..feats("One two three.").remove(0)
        };
        // Texts 0 (three times), 1 (once), 2 (twice), in the order 0 1 0 2 2 0.
        assert_eq!(r.get(0, 3, true, || f(10)).words, 10);
        assert_eq!(r.get(1, 1, true, || f(11)).words, 11);
        assert_eq!(r.get(0, 3, false, || unreachable!()).words, 10);
        assert_eq!(r.get(2, 2, true, || f(12)).words, 12);
        assert_eq!(r.0.len(), 2);
        assert_eq!(r.get(2, 2, false, || unreachable!()).words, 12);
        assert_eq!(r.get(0, 3, false, || unreachable!()).words, 10);
        assert_eq!(r.0.len(), 0);
        // No room: every block is worked out.
        let mut r = Repeated::for_bytes(REPEATED_BYTES_PER_ENTRY - 1);
        assert_eq!(r.get(0, 2, true, || f(1)).words, 1);
        assert_eq!(r.get(0, 2, false, || f(2)).words, 2);
    }

    #[test]
    fn chinese_counts_words() {
        let f =
            feats("北京市政府周二宣布，将在今年年底前完成全市老旧小区的改造工作，惠及数十万居民。");
        assert!(f[0].words > 15, "{}", f[0].words);
    }

    #[test]
    fn prose_has_stopwords_and_punctuation() {
        let f =
            feats("The city said that the road will be closed for two weeks while it is repaired.");
        assert!(f[0].v.stop_density > 0.3);
        assert!(f[0].ends_with_punct);
        assert_eq!(f[0].keyword_id, None);
    }

    #[test]
    fn keyword_cover_of_short_boilerplate() {
        let f = feats("Share this article");
        assert_eq!(
            f[0].keyword_id.map(|k| vocab::phrase(k).0),
            Some(Kind::Share)
        );
        assert!(f[0].keyword_cover > 0.9);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// On ASCII text the ASCII date pattern matches exactly where the Unicode one does.
        #[test]
        fn ascii_date_pattern_agrees(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "1", "12", "2024", "19", "20", ":", "-", ".", "/", " ", "a", "_", "x1", "05",
                ]),
                0..12,
            ),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(DATE_ASCII.is_match(&text), DATE.is_match(&text));
            proptest::prop_assert_eq!(date_ascii(text.as_bytes()), DATE_ASCII.is_match(&text));
        }

        /// The hand-made match is the ASCII pattern's, on any text of its bytes.
        #[test]
        fn date_ascii_is_the_pattern_on_any_text(text in "[0-9:./a_ é-]{0,30}") {
            proptest::prop_assert_eq!(date_ascii(text.as_bytes()), DATE_ASCII.is_match(&text), "{:?}", text);
        }

        /// The hand-made match is the ASCII pattern's, on any text.
        #[test]
        fn date_ascii_is_the_pattern(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "1", "9", "0", "2", "19", "20", "12", "2024", "05", ":", "-", ".", "/",
                    " ", "a", "Z", "_", "é", "\u{663}", "x1", "1999", "2000-01-01",
                ]),
                0..14,
            ),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(date_ascii(text.as_bytes()), DATE_ASCII.is_match(&text), "{:?}", text);
        }

        /// On any text `has_date` says what the Unicode pattern says.
        #[test]
        fn has_date_agrees_with_unicode_pattern(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "1", "12", "2024", "19", "20", ":", "-", ".", "/", " ", "a", "_", "05", "é",
                    "中", "\u{301}", "\u{663}", "\u{6f1}\u{6f2}", "²", "½", "Ⅻ", "\u{200d}",
                    "\u{ff11}", "—", "’", "\u{a0}",
                ]),
                0..12,
            ),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(has_date(&text), DATE.is_match(&text));
        }
    }

    #[test]
    fn markdown_links_are_read_as_their_text() {
        assert_eq!(
            link_text("The council [voted](https://example.com/vote) on Tuesday."),
            "The council voted on Tuesday."
        );
        assert_eq!(
            link_text(
                "![A bridge](/img/b.jpg \"Photo\") See [Bridge (river)](https://w.org/B_(r))"
            ),
            "A bridge See Bridge (river)"
        );
        assert_eq!(link_text("[](https://example.com) Home"), "Home");
        assert_eq!(
            link_text("[12]Home [13]News and the [14]council voted, it said.[3]"),
            "Home News and the council voted, it said.[3]"
        );
        assert_eq!(
            link_text("plain [text] (not a link)"),
            "plain [text] (not a link)"
        );
        let with = feats(
            "Read [the full report](https://example.com/report) on the closure of the bridge.",
        );
        let without = feats("Read the full report on the closure of the bridge.");
        assert_eq!(with[0].v, without[0].v);
    }

    #[test]
    fn title_case_leads() {
        assert_eq!(
            lead_caps("Council Votes To Close The Bridge Over The River The council voted"),
            10
        );
        assert_eq!(
            lead_caps("Dr. Jane Doe of the city council said on Monday"),
            3,
            "two short lower-case words in a row end the run"
        );
        assert_eq!(
            lead_caps("Police: 2 In Custody After Death Of a Student"),
            7
        );
        assert_eq!(lead_caps("the road is closed"), 0);
        assert_eq!(lead_caps("北京市政府周二宣布"), 1);
        assert_eq!(lead_caps(""), 0);
    }

    #[test]
    fn urls_and_handles() {
        let f = feats("Follow @example on https://example.com #news");
        assert!(f[0].v.url_share > 0.4);
    }
}
