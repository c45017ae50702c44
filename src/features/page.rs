//! Blocks → page features: what the page-type forests read of a whole page. Aggregates of
//! the block features a pass computes anyway (how much of the text is prose, how long the
//! blocks are, how regular the short items are), and a few patterns of the text (prices,
//! `key: value` pairs, code, questions), none keyed to a site or a language's phrases.

use once_cell::sync::Lazy;
use regex::Regex;

use std::hash::Hasher;

use super::page_words::{CLASSES, WordMap, words_of};
use super::{Features, Summary};
use crate::segment::Segment;
use crate::text::chars;
use crate::text::links::link_text;
use crate::util::hash::FxHasher;
use crate::util::log::ln_1p_count;
use crate::util::named::named_features;

named_features!(
    /// The features of a page, by name: what the page-type forests read.
    PageFeatures,
    P,
    [
        /// ln(1 + blocks).
        log_blocks,
        /// ln(1 + words).
        log_words,
        /// ln(1 + words of the longest block).
        log_max_words,
        /// Share of the words in prose blocks (a sentence of 20 words or more).
        prose_share,
        /// Share of the blocks that are prose.
        prose_blocks,
        /// Share of the words in the largest run of prose blocks (gaps of two blocks allowed).
        main_run_share,
        /// Share of the words in the largest run of prose blocks with nothing between them.
        tight_run_share,
        /// ln(1 + mean words of a prose block): paragraphs are longer than teasers.
        log_prose_words,
        /// Word-weighted mean position of the prose, 0 (top) to 1.
        prose_center,
        /// Shares of the blocks by length: 1–3, 4–12 and 13–50 words.
        short_share,
        mid_share,
        medium_share,
        bullet_share,
        date_share,
        /// Short dated blocks (post headers, teaser dates).
        dated_header_share,
        /// Blocks holding a price (a currency sign or code next to a number).
        price_share,
        log_prices,
        /// Short `key: value` blocks (a specification table, a data sheet).
        key_value_share,
        question_share,
        /// Blocks that look like code.
        code_share,
        /// Short blocks in title case (headlines of teasers, product names).
        title_case_share,
        /// Blocks whose text occurs more than once on the page.
        repeat_share,
        keyword_share,
        kw_comments,
        kw_share,
        kw_related,
        kw_navigation,
        kw_metadata,
        /// Word-weighted mean stopword density.
        stop_density,
        digit_share,
        url_share,
        avg_word_len,
        separator_share,
        /// Blocks of two words or more whose first word opens four blocks or more.
        first_word_repeats,
        /// Blocks of the same shape (length class, ending, list marker, date) as the next.
        same_as_next,
        /// The same at the period of 2–4 blocks that fits best (title, teaser, date, …).
        same_at_period,
        /// A title-like block followed by a sentence of 10–80 words, per block.
        teaser_pairs,
        /// Coefficient of variation of the lengths of blocks of 4 words or more.
        length_spread,
        /// ln(1 + words) of the block at the 90th percentile.
        log_p90_words,
        /// Separate runs of prose, per prose block (1: every prose block stands alone).
        prose_runs,
        /// Position of the first and of the last prose block, 0 to 1 (1 without prose).
        first_prose,
        last_prose,
        /// Blocks holding a phone number.
        phone_share,
        /// Words that look like identifiers of code (`snake_case`, `camelCase`, `a.b`).
        identifier_share,
        /// Short blocks of digits (scores, sizes, counts, prices).
        numeric_share,
        /// A short block (a name) beside a short dated one: a post's header.
        author_date_pairs,
        /// Words of the first person singular ("I", "my"), of the first person plural
        /// ("we", "our") and of the second person ("you", "your"), per word: a post speaks
        /// for its author, a business for itself to its customer, a report of others.
        first_singular,
        first_plural,
        second_person,
        /// Blocks cut short with an ellipsis (teasers).
        ellipsis_share,
        /// ln(1 + dated blocks): one date heads an article, many a list of items.
        log_dates,
        /// Words of shops ("cart", "shipping"), threads ("reply", "posted"), manuals
        /// ("parameter", "install"), businesses ("services", "contact") and indexes
        /// ("results", "next"), per word (`page_words.rs`).
        shop_words,
        thread_words,
        manual_words,
        business_words,
        index_words,
        /// 1 where the page's language has all these words, ½ where it has the persons
        /// only, 0 where it has none.
        words_known,
        /// What the block forest believes of the page (`p`: its probability that a block is
        /// body). An article is one dense run of blocks it believes; a listing many items
        /// it is unsure of. Share of the words in blocks with p ≥ ½…
        body_share,
        /// …in the largest run of them (gaps of two blocks allowed)…
        body_run_share,
        /// …share of the blocks with p ≥ ½, and with ⅒ ≤ p < ½…
        body_blocks,
        unsure_blocks,
        /// …ln(1 + mean words of a block with p ≥ ½)…
        log_body_words,
        /// …separate runs of blocks with p ≥ ½ (no other block between), per such block…
        body_runs,
        /// …and the word-weighted mean p.
        mean_belief,
    ]
);

/// A block of this many words that ends like a sentence is prose.
const PROSE_WORDS: usize = 20;
/// Prose runs may skip this many other blocks (a heading, a caption, an ad).
const RUN_GAP: usize = 2;
/// A first word shared by this many blocks marks repeated items.
const FIRST_WORD_REPEATS: u32 = 4;

/// Longer words are not looked up in the word tables.
const MAX_WORD_BYTES: usize = 24;
/// First words are compared by this many letters at most.
const FIRST_WORD_CHARS: usize = 24;

/// A price: a currency sign or code beside a number. Digits, spaces and word boundaries are
/// ASCII's: the regex engine's fast automaton cannot follow Unicode word boundaries through
/// text beyond ASCII, and the slow one cost more than the rest of the page features.
/// [`count_prices`] matches it by hand; the tests hold the two together.
#[cfg(test)]
static PRICE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:[$€£¥₹₽₩₺¢](?-u:\s)?(?-u:\d)|(?-u:\d)(?-u:[\d.,])*(?-u:\s)?(?:[$€£¥₹₽₩₺]|(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|kr|zł|Kč|Ft|lei|руб)(?-u:\b)))",
    )
    .expect("price pattern compiles")
});

/// A phone number: eight digits or more with spaces, dots, dashes or brackets between them.
static PHONE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?-u)(?:^|[\s:])\+?\(?\d{1,4}\)?(?:[\s./-]?\(?\d{2,4}\)?){2,5}(?:$|[\s,.;])")
        .expect("phone pattern compiles")
});

/// Whether a word looks like an identifier of code: letters with `_` inside, a lower-case
/// letter followed by an upper-case one, or a dot between two letters (`os.path`).
fn identifier(word: &str) -> bool {
    // A lower-case letter before an upper-case one makes one whatever the rest; otherwise
    // only `_` and `.` can: most words have none to look at.
    let b = word.as_bytes();
    if b.windows(2)
        .any(|t| t[0].is_ascii_lowercase() && t[1].is_ascii_uppercase())
    {
        return true;
    }
    if !b.iter().any(|&c| c == b'_' || c == b'.') {
        return false;
    }
    let w = word.trim_matches(|c: char| !chars::is_alphanumeric(c) && c != '_');
    w.as_bytes().windows(3).any(|t| {
        (t[1] == b'_' && t[0].is_ascii_alphanumeric() && t[2].is_ascii_alphanumeric())
            || (t[1] == b'.' && t[0].is_ascii_lowercase() && t[2].is_ascii_lowercase())
    })
}

/// What a block contributes to the shape of the page.
#[derive(Debug, Clone, Copy)]
struct Shape {
    words: u32,
    /// The block forest's probability that the block is body.
    p: f32,
    ends: bool,
    bullet: bool,
    date: bool,
    title_like: bool,
}

impl Shape {
    /// Length class, ending, list marker and date: blocks of one kind of item share it.
    fn class(self) -> (u8, bool, bool, bool) {
        let len = match self.words {
            0..=1 => 0,
            2..=3 => 1,
            4..=6 => 2,
            7..=12 => 3,
            13..=25 => 4,
            26..=50 => 5,
            _ => 6,
        };
        (len, self.ends, self.bullet, self.date)
    }

    fn prose(self) -> bool {
        self.ends && self.words as usize >= PROSE_WORDS
    }

    /// The block forest believes it is body.
    fn believed(self) -> bool {
        self.p >= 0.5
    }
}

/// What a block's text alone tells the page features: read once, when the first pass meets
/// the block, and added again for every later pass that reads the block (settling detects
/// the page's type again on the kept text).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BlockMarks {
    /// Words of each class of the page's language (`page_words.rs`).
    word_counts: [u16; CLASSES],
    prices: u16,
    identifiers: u16,
    /// The hash of the first word (blocks of two words or more), 0 for none, in halves
    /// ([`split`]).
    first_word: [u32; 2],
    /// [`KEY_VALUE`] … bit by bit: in one byte, the marks take 32 bytes, not 36 (they are
    /// held for every block through the first pass).
    flags: u8,
}

/// [`BlockMarks::flags`]: the block reads as `key: value`.
const KEY_VALUE: u8 = 1;
/// It ends in a question mark.
const QUESTION: u8 = 2;
/// It ends in an ellipsis.
const ELLIPSIS: u8 = 4;
/// It holds a phone number.
const PHONE_NUMBER: u8 = 8;
/// It looks like code.
const CODE: u8 = 16;

fn count_u16(n: usize) -> u16 {
    n.min(usize::from(u16::MAX)) as u16
}

impl BlockMarks {
    /// The marks of a block of `words` words with text `text`, under the word classes of
    /// `words_of` (the page's language's, where it has them).
    pub(crate) fn read(text: &str, words: usize, words_of: Option<&WordMap>) -> BlockMarks {
        let mut m = BlockMarks::default();
        if let Some(map) = words_of {
            count_words(map, text, &mut m.word_counts);
        }
        let scan = Scan::of(text);
        let digits = scan.digits;
        // The patterns need digits: most blocks have none and skip them, and most with
        // digits have no currency beside them.
        if digits > 0 && may_hold_price(text.as_bytes()) {
            m.prices = count_u16(count_prices(text.as_bytes()));
        }
        m.identifiers = count_u16(scan.identifiers);
        if words >= 2
            && let Some(h) = first_word_hash(text)
        {
            m.first_word = split(h | 1);
        }
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        m.flags = flag(key_value(text, words), KEY_VALUE)
            | flag(text.ends_with('?'), QUESTION)
            | flag(text.ends_with("...") || text.ends_with('…'), ELLIPSIS)
            | flag(
                words <= 30 && digits >= 7 && PHONE.is_match(text),
                PHONE_NUMBER,
            )
            | flag(scan.code, CODE);
        m
    }

    /// Whether the marks hold `flag` ([`KEY_VALUE`] …).
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// What one pass over a block's bytes tells [`BlockMarks`]: its digits, its words that look
/// like identifiers (as [`identifier`] says of each word between spaces) and whether it
/// looks like code (as [`code_like`] says). One pass rather than one for each, and two for
/// code.
struct Scan {
    digits: usize,
    identifiers: usize,
    code: bool,
}

/// Pairs of bytes that mark code: a call, a path, an arrow, a comparison, a closing tag.
const CODE_PAIRS: [[u8; 2]; 6] = [*b"()", *b"::", *b"->", *b"=>", *b"==", *b"</"];

/// Byte classes of [`Scan::of`].
const B_DIGIT: u8 = 1;
const B_LOWER: u8 = 2;
const B_UPPER: u8 = B_LOWER << 1;
/// `_` and `.`: what an identifier without a change of case needs.
const B_JOINER: u8 = 8;
const B_BRACE: u8 = 16;
const B_SPACE: u8 = 32;
/// The first byte of a pair that marks code (one of [`CODE_PAIRS`]).
const B_PAIR: u8 = 64;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            B_DIGIT
        } else if c.is_ascii_lowercase() {
            B_LOWER
        } else if c.is_ascii_uppercase() {
            B_UPPER
        } else {
            match c {
                b'_' | b'.' => B_JOINER,
                b'{' | b'}' => B_BRACE,
                b' ' => B_SPACE,
                b'(' | b':' | b'-' | b'=' | b'<' => B_PAIR,
                _ => 0,
            }
        };
        b += 1;
    }
    t
};

impl Scan {
    fn of(text: &str) -> Scan {
        let b = text.as_bytes();
        let (mut digits, mut identifiers) = (0usize, 0usize);
        // Classes seen in the whole text, and in the word so far.
        let (mut seen, mut word) = (0u8, 0u8);
        let (mut camel, mut pair) = (false, false);
        let (mut prev, mut prev_class) = (0u8, 0u8);
        let (mut start, mut i) = (0, 0);
        while let Some(&c) = b.get(i) {
            let class = BYTE_CLASS[usize::from(c)];
            digits += usize::from(class & B_DIGIT);
            seen |= class;
            if class & B_SPACE != 0 {
                identifiers += usize::from(camel || is_joined(word, || &text[start..i]));
                (word, camel, start) = (0, false, i + 1);
            } else {
                word |= class;
                // A lower-case letter before an upper-case one (`B_UPPER` is `B_LOWER << 1`).
                camel |= (prev_class << 1) & class & B_UPPER != 0;
            }
            if prev_class & B_PAIR != 0 {
                pair |= CODE_PAIRS.contains(&[prev, c]);
            }
            (prev, prev_class) = (c, class);
            i += 1;
            if class == B_LOWER {
                // More lower-case letters (most of a text's bytes) change nothing above: no
                // digit, no class not seen, no change of case, no pair.
                while b.get(i).is_some_and(u8::is_ascii_lowercase) {
                    i += 1;
                }
                prev = b[i - 1];
            }
        }
        identifiers += usize::from(camel || is_joined(word, || &text[start..]));
        let code = seen & B_BRACE != 0 || pair || (text.ends_with(';') && seen & B_SPACE == 0);
        Scan {
            digits,
            identifiers,
            code,
        }
    }
}

/// Whether `w()`, a word of byte classes `classes` with no change from lower to upper case,
/// is an identifier by its `_` or `.` (see [`identifier`]). The word is sliced only when it
/// holds one: a slice of the text checks both ends for a character boundary.
#[inline]
fn is_joined<'t>(classes: u8, w: impl FnOnce() -> &'t str) -> bool {
    classes & B_JOINER != 0 && identifier(w())
}

/// Tokens of a block whose words are counted by class: the first ones tell the kind of
/// page as well as all of them (cross-validated page-type accuracy), at a fraction of the
/// cost on long paragraphs.
const CLASS_TOKENS: usize = 12;

/// Count the words of each class of `map` among the first [`CLASS_TOKENS`] tokens of
/// `text` into `counts`.
fn count_words(map: &WordMap, text: &str, counts: &mut [u16; CLASSES]) {
    let longest = map.longest.min(MAX_WORD_BYTES);
    // Counts add up to at most `u16::MAX` (as `saturating_add` adds, in any order).
    let add = |counts: &mut [u16; CLASSES], mask: Option<u8>| {
        if let Some(mask) = mask {
            for (k, n) in counts.iter_mut().enumerate() {
                *n = n.saturating_add(u16::from(mask >> k & 1 != 0));
            }
        }
    };
    let mut lower = String::new();
    let b = text.as_bytes();
    // The tokens between single spaces (as `split(' ')` gives them), in one pass over their
    // bytes: the runs of ASCII letters of a token are looked up as they end, folded as
    // they are packed, and their counts kept apart until the token proves ASCII
    // throughout; a token with other characters is split by `char` instead.
    let mut i = 0;
    for _ in 0..CLASS_TOKENS {
        if i > b.len() {
            break;
        }
        let (from, mut run) = (i, i);
        let mut own = [0u16; CLASSES];
        let mut ascii = true;
        loop {
            match b.get(i) {
                Some(c) if c.is_ascii_alphabetic() => i += 1,
                Some(c) if !c.is_ascii() => {
                    ascii = false;
                    i += b[i..]
                        .iter()
                        .position(|&c| c == b' ')
                        .unwrap_or(b.len() - i);
                    break;
                }
                c => {
                    if i > run && i - run <= longest {
                        add(&mut own, map.get_ascii_folded(&text[run..i]));
                    }
                    if c.is_none_or(|&c| c == b' ') {
                        break;
                    }
                    i += 1;
                    run = i;
                }
            }
        }
        let token = &text[from..i];
        i += 1;
        if ascii {
            for (n, o) in counts.iter_mut().zip(own) {
                *n = n.saturating_add(o);
            }
            continue;
        }
        for w in token.split(|c: char| !chars::is_alphabetic(c)) {
            if w.is_empty() || w.len() > longest {
                continue;
            }
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            add(counts, map.get(&lower));
        }
    }
}

/// Whether a short block is a `key: value` pair (a colon after one to four words, with a
/// value after it).
fn key_value(text: &str, words: usize) -> bool {
    if words > 12 {
        return false;
    }
    split_colon(text).is_some_and(|(key, value)| {
        let key_words = key.split(' ').count();
        (1..=4).contains(&key_words) && !value.trim().is_empty() && !key.contains(['.', '!', '?'])
    })
}

/// `text.split_once(": ")`: the colons found by a byte search, where the string search
/// sets up a searcher for every block (most blocks have no colon).
fn split_colon(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(k) = b[from..].iter().position(|&c| c == b':') {
        let at = from + k;
        if b.get(at + 1) == Some(&b' ') {
            return Some((&text[..at], &text[at + 2..]));
        }
        from = at + 1;
    }
    None
}

/// Whether a block looks like code: braces, calls, paths and operators of programming
/// languages. [`Scan::of`] tells the same in its pass; this is its reference.
#[cfg(test)]
fn code_like(text: &str) -> bool {
    let b = text.as_bytes();
    // Every sign below holds one of these bytes: most blocks have none.
    if !b
        .iter()
        .any(|c| matches!(c, b'{' | b'}' | b'(' | b':' | b'-' | b'=' | b'<' | b';'))
    {
        return false;
    }
    // One pass over the pairs of bytes rather than a search for each sign (`();` holds `()`).
    b.iter().any(|&c| c == b'{' || c == b'}')
        || b.windows(2).any(|w| CODE_PAIRS.iter().any(|p| p == w))
        || (text.ends_with(';') && !text.contains(' '))
}

/// `h` as two halves, low first: the marks align to 4 bytes rather than 8, and take 36
/// bytes a block rather than 40.
fn split(h: u64) -> [u32; 2] {
    [h as u32, (h >> 32) as u32]
}

/// The hash [`split`] halved.
fn joined([low, high]: [u32; 2]) -> u64 {
    u64::from(low) | u64::from(high) << 32
}

/// The hash ([`hash_str`]) of the [`first_word`] of `text`: a word of ASCII letters (most
/// first words) is folded on the stack rather than collected into a `String`.
fn first_word_hash(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let n = b
        .iter()
        .take(FIRST_WORD_CHARS)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    // The letters stop at the cap, at the end or at an ASCII byte, which is no letter: the
    // word is these bytes.
    if n == FIRST_WORD_CHARS || b.get(n).is_none_or(u8::is_ascii) {
        if n == 0 {
            return None;
        }
        let mut buf = [0u8; FIRST_WORD_CHARS];
        buf[..n].copy_from_slice(&b[..n]);
        buf[..n].make_ascii_lowercase();
        // What hashing the word as a `str` writes.
        let mut h = FxHasher::default();
        h.write(&buf[..n]);
        h.write_u8(0xff);
        return Some(h.finish());
    }
    first_word(text).map(|w| hash_str(&w))
}

/// Byte classes of [`may_hold_price`].
const P_SIGN: u8 = 1;
/// The first letter of a currency code of `PRICE` that is ASCII throughout.
const P_CODE: u8 = 2;
/// What stands in a number before a currency code: digits, `.` and `,`.
const P_NUM: u8 = 4;
const P_SPACE: u8 = 8;

static PRICE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c == b'$' || !c.is_ascii() {
            P_SIGN
        } else if c.is_ascii_digit() || c == b'.' || c == b',' {
            P_NUM
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            P_SPACE
        } else if matches!(
            c,
            b'U' | b'E' | b'G' | b'C' | b'J' | b'A' | b'k' | b'F' | b'l'
        ) {
            P_CODE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Whether `text` may hold a `PRICE`: every match holds `$` or a character beyond ASCII
/// (the other signs, the codes `zł`, `Kč`, `руб`), or one of the other codes after a digit,
/// `.` or `,`, with or without one space between. Most blocks with digits have none, and
/// this one pass over their bytes costs less than the regex's.
fn may_hold_price(text: &[u8]) -> bool {
    let (mut prev, mut before) = (0u8, 0u8);
    for &c in text {
        let class = PRICE_CLASS[usize::from(c)];
        if class & P_SIGN != 0
            || (class & P_CODE != 0
                && (prev & P_NUM != 0 || (prev & P_SPACE != 0 && before & P_NUM != 0)))
        {
            return true;
        }
        (before, prev) = (prev, class);
    }
    false
}

/// Currency signs of `PRICE` before a number (`$5`, `¢50`).
const OPENING_SIGNS: [&str; 9] = ["$", "€", "£", "¥", "₹", "₽", "₩", "₺", "¢"];
/// Currency signs after one (`¢` is not).
const CLOSING_SIGNS: [&str; 8] = ["$", "€", "£", "¥", "₹", "₽", "₩", "₺"];
/// Currency codes after a number, each followed by an ASCII word boundary.
const CODES: [&str; 13] = [
    "USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "kr", "zł", "Kč", "Ft", "lei", "руб",
];

/// How many matches `PRICE` finds in `b` (as `find_iter` counts them: each search goes on
/// from the end of the match before), matched by hand, where the regex cost some 3,000
/// instructions a search (one a match, and one more a block).
fn count_prices(b: &[u8]) -> usize {
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // `(?-u:\s)`.
    let space = |i: usize| b.get(i).is_some_and(|&c| matches!(c, b'\t'..=b'\r' | b' '));
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
    };
    let at = |i: usize, s: &str| b.get(i..).is_some_and(|r| r.starts_with(s.as_bytes()));
    // The length of the sign or code (with `(?-u:\b)` after it) that closes a price at `i`.
    let closer = |i: usize| -> Option<usize> {
        if let Some(s) = CLOSING_SIGNS.iter().find(|s| at(i, s)) {
            return Some(s.len());
        }
        let c = CODES.iter().find(|c| at(i, c))?;
        let e = i + c.len();
        (word(e - 1) != word(e)).then_some(c.len())
    };
    // Where a match may start: a digit, `$`, or the first byte of the other signs.
    let may_open = |c: &u8| c.is_ascii_digit() || matches!(c, b'$' | 0xC2 | 0xE2);
    let (mut count, mut s) = (0, 0);
    while let Some(k) = b.get(s..).and_then(|r| r.iter().position(may_open)) {
        s += k;
        // `[$€£¥₹₽₩₺¢](?-u:\s)?(?-u:\d)`: the space taken where a digit follows it.
        if let Some(sign) = OPENING_SIGNS.iter().find(|x| at(s, x)) {
            let p = s + sign.len();
            let end = if space(p) && digit(p + 1) {
                Some(p + 2)
            } else {
                digit(p).then_some(p + 1)
            };
            match end {
                Some(e) => {
                    count += 1;
                    s = e;
                }
                None => s += 1,
            }
            continue;
        }
        if !digit(s) {
            s += 1;
            continue;
        }
        // `(?-u:\d)(?-u:[\d.,])*(?-u:\s)?(?:sign|code(?-u:\b))`: no sign or code starts
        // with a digit, `.` or `,`, so only the whole run can be followed by one.
        let mut r = s + 1;
        while digit(r) || matches!(b.get(r), Some(b'.' | b',')) {
            r += 1;
        }
        let closed = match space(r).then(|| closer(r + 1)).flatten() {
            Some(k) => Some(r + 1 + k),
            None => closer(r).map(|k| r + k),
        };
        match closed {
            Some(e) => {
                count += 1;
                s = e;
            }
            // A match starting later in the run would end the run at the same place, and
            // fail there the same way.
            None => s = r,
        }
    }
    count
}

/// The first word of `text`, lower-cased: its letters up to the first character that is
/// not one.
fn first_word(text: &str) -> Option<String> {
    let w: String = text
        .split(' ')
        .next()?
        .chars()
        .take_while(|&c| chars::is_alphabetic(c))
        .take(FIRST_WORD_CHARS)
        .flat_map(char::to_lowercase)
        .collect();
    (!w.is_empty()).then_some(w)
}

/// Counts and sums over the blocks of a page, fed block by block.
#[derive(Debug, Default)]
pub(crate) struct PageStats {
    /// The words of the page's language that tell kinds of pages apart, where it has them.
    words_of: Option<&'static WordMap>,
    word_counts: [usize; CLASSES],
    shapes: Vec<Shape>,
    words: f32,
    stop_words: f32,
    sums: PageFeatures,
    prices: usize,
    identifiers: usize,
    /// The hash of each block's first word, for blocks of two words or more (counted by
    /// sorting at the end: no map keyed by page text).
    firsts: Vec<u64>,
    /// Where the shapes are worked out at the end ([`PageStats::defer_shapes`]): the block
    /// forest's probability of each block added, and which are title-like, a bit each (the
    /// rest of a shape is in what stage one keeps of a block).
    deferred: Option<(Vec<f32>, Vec<u64>)>,
    /// Blocks added.
    added: usize,
}

impl PageStats {
    /// Statistics of a page in language `code` (ISO 639-1; `None` when unknown).
    pub(crate) fn new(code: Option<&str>) -> PageStats {
        PageStats {
            words_of: words_of(code),
            ..PageStats::default()
        }
    }

    /// The shapes of the `blocks` blocks to be added are worked out when the page's features
    /// are ([`PageStats::finish_from`]), not held while stage one runs: 4 bytes a block,
    /// not 12, at the end of stage one (the peak heap of many pages).
    pub(crate) fn defer_shapes(&mut self, blocks: usize) {
        self.deferred = Some((Vec::with_capacity(blocks), vec![0; blocks.div_ceil(64)]));
    }

    /// The marks of a block of the page (see [`BlockMarks::read`]), read from its text as the
    /// features read it: a link's target is no identifier, code or number of the page.
    pub(crate) fn marks(&self, f: &Features, segment: &Segment) -> BlockMarks {
        BlockMarks::read(segment.link_text(), f.words, self.words_of)
    }

    /// The marks of a block of `words` words with text `text` (see [`BlockMarks::read`]):
    /// those [`PageStats::marks`] reads of its segment.
    pub(crate) fn marks_of(&self, text: &str, words: usize) -> BlockMarks {
        BlockMarks::read(&link_text(text), words, self.words_of)
    }

    /// Add the next block: its features, its segment, the block forest's probability `p`
    /// that it is body and its marks `m` (from [`PageStats::marks`], now or in an earlier
    /// pass over the same text).
    pub(crate) fn add(&mut self, f: &Features, segment: &Segment, p: f32, m: &BlockMarks) {
        let (v, words) = (&f.v, f.words);
        let wf = words as f32;
        for (n, &c) in self.word_counts.iter_mut().zip(&m.word_counts) {
            *n += usize::from(c);
        }
        let title_like = words <= 12 && !f.ends_with_punct && v.capital_share >= 0.6;
        match &mut self.deferred {
            Some((ps, bits)) => {
                ps.push(p);
                bits[self.added / 64] |= u64::from(title_like) << (self.added % 64);
            }
            None => self.shapes.push(Shape {
                words: words.min(u32::MAX as usize) as u32,
                p,
                ends: f.ends_with_punct,
                bullet: segment.bullet(),
                date: v.date_like > 0.0,
                title_like,
            }),
        }
        self.added += 1;
        self.words += wf;
        self.stop_words += v.stop_density * wf;
        let s = &mut self.sums;
        let one = |b: bool| f32::from(u8::from(b));
        s.dated_header_share += one(v.date_like > 0.0 && words <= 12);
        self.prices += usize::from(m.prices);
        s.price_share += one(m.prices > 0);
        s.key_value_share += one(m.has(KEY_VALUE));
        s.question_share += one(m.has(QUESTION));
        s.ellipsis_share += one(m.has(ELLIPSIS));
        s.log_dates += v.date_like;
        s.phone_share += one(m.has(PHONE_NUMBER));
        self.identifiers += usize::from(m.identifiers);
        s.numeric_share += one(words <= 6 && v.digit_share >= 0.3);
        s.code_share += one(m.has(CODE));
        s.title_case_share += one(title_like && words >= 2);
        s.repeat_share += one(f.repeats > 0.0);
        s.keyword_share += v.keyword_any;
        s.kw_comments += v.kw_comments;
        s.kw_share += v.kw_share;
        s.kw_related += v.kw_related;
        s.kw_navigation += v.kw_navigation;
        s.kw_metadata += v.kw_metadata;
        s.digit_share += v.digit_share;
        s.url_share += v.url_share;
        s.avg_word_len += v.avg_word_len;
        s.separator_share += v.separator_share;
        if m.first_word != [0; 2] {
            self.firsts.push(joined(m.first_word));
        }
    }

    /// The page's features, the shapes deferred ([`PageStats::defer_shapes`]) worked out
    /// from the blocks' `summaries` and `segments` (as [`PageStats::add`] was given them).
    pub(crate) fn finish_from(
        mut self,
        summaries: &[Summary],
        segments: &[Segment],
    ) -> PageFeatures {
        if let Some((ps, bits)) = self.deferred.take() {
            self.shapes = (ps.into_iter().enumerate())
                .map(|(i, p)| Shape {
                    // Saturated as `add` saturates it.
                    words: summaries[i].words() as u32,
                    p,
                    ends: summaries[i].ends_with_punct(),
                    bullet: segments[i].bullet(),
                    date: summaries[i].date_like(),
                    title_like: bits[i / 64] >> (i % 64) & 1 != 0,
                })
                .collect();
        }
        self.finish()
    }

    /// The page's features.
    pub(crate) fn finish(self) -> PageFeatures {
        let n = self.shapes.len();
        let nf = n.max(1) as f32;
        let words = self.words.max(1.0);
        let mut f = self.sums;
        per_block(&mut f, nf);
        let share = |pred: &dyn Fn(&Shape) -> bool| {
            self.shapes.iter().filter(|s| pred(s)).count() as f32 / nf
        };
        f.log_blocks = ln_1p_count(n);
        f.log_words = self.words.ln_1p();
        f.log_max_words = ln_1p_count(
            self.shapes
                .iter()
                .map(|s| s.words as usize)
                .max()
                .unwrap_or(0),
        );
        f.short_share = share(&|s| s.words <= 3);
        f.mid_share = share(&|s| (4..=12).contains(&s.words));
        f.medium_share = share(&|s| (13..=50).contains(&s.words));
        f.bullet_share = share(&|s| s.bullet);
        f.date_share = share(&|s| s.date);
        f.prose_blocks = share(&|s| s.prose());
        f.log_dates = self.sums.log_dates.ln_1p();
        f.log_prices = ln_1p_count(self.prices);
        f.stop_density = self.stop_words / words;
        let (prose, run, center) = prose_mass(&self.shapes, RUN_GAP);
        f.tight_run_share = prose_mass(&self.shapes, 0).1 / words;
        f.log_prose_words = (prose / (f.prose_blocks * nf).max(1.0)).ln_1p();
        f.prose_share = prose / words;
        f.main_run_share = run / words;
        f.prose_center = center;
        f.first_word_repeats = repeated(self.firsts) as f32 / nf;
        let (next, period) = regularity(&self.shapes);
        f.same_as_next = next;
        f.same_at_period = period;
        f.teaser_pairs = self
            .shapes
            .windows(2)
            .filter(|w| w[0].title_like && w[1].ends && (10..=80).contains(&w[1].words))
            .count() as f32
            / nf;
        f.length_spread = spread(&self.shapes);
        f.identifier_share = self.identifiers as f32 / words;
        f.log_p90_words = p90_words(&self.shapes);
        let (runs, first, last) = prose_places(&self.shapes);
        f.prose_runs = runs;
        f.first_prose = first;
        f.last_prose = last;
        f.author_date_pairs = author_date_pairs(&self.shapes);
        let [i, we, you, shop, thread, manual, business, index] =
            self.word_counts.map(|c| c as f32 / words);
        (f.first_singular, f.first_plural, f.second_person) = (i, we, you);
        (f.shop_words, f.thread_words, f.manual_words) = (shop, thread, manual);
        (f.business_words, f.index_words) = (business, index);
        f.words_known = self.words_of.map_or(0.0, |m| m.known);
        belief(&mut f, &self.shapes, words);
        f
    }
}

/// The features of what the block forest believes (`body_share` … `mean_belief`), over
/// pages of `words` words.
fn belief(f: &mut PageFeatures, shapes: &[Shape], words: f32) {
    let nf = shapes.len().max(1) as f32;
    let (mut body, mut run, mut best, mut gap) = (0.0f32, 0.0f32, 0.0f32, usize::MAX);
    let (mut believed, mut unsure, mut runs, mut mass) = (0usize, 0usize, 0usize, 0.0f32);
    for s in shapes {
        let w = s.words as f32;
        mass += w * s.p;
        if !s.believed() {
            unsure += usize::from(s.p >= 0.1);
            gap = gap.saturating_add(1);
            if gap > RUN_GAP {
                run = 0.0;
            }
            continue;
        }
        runs += usize::from(gap != 0);
        believed += 1;
        body += w;
        run += w;
        best = best.max(run);
        gap = 0;
    }
    f.body_share = body / words;
    f.body_run_share = best / words;
    f.body_blocks = believed as f32 / nf;
    f.unsure_blocks = unsure as f32 / nf;
    f.log_body_words = (body / believed.max(1) as f32).ln_1p();
    f.body_runs = runs as f32 / believed.max(1) as f32;
    f.mean_belief = mass / words;
}

/// The sums of [`PageStats::add`] that are counts of blocks, divided by the `n` blocks.
fn per_block(f: &mut PageFeatures, n: f32) {
    for x in [
        &mut f.dated_header_share,
        &mut f.price_share,
        &mut f.key_value_share,
        &mut f.question_share,
        &mut f.code_share,
        &mut f.title_case_share,
        &mut f.repeat_share,
        &mut f.keyword_share,
        &mut f.kw_comments,
        &mut f.kw_share,
        &mut f.kw_related,
        &mut f.kw_navigation,
        &mut f.kw_metadata,
        &mut f.digit_share,
        &mut f.url_share,
        &mut f.avg_word_len,
        &mut f.separator_share,
        &mut f.phone_share,
        &mut f.numeric_share,
        &mut f.ellipsis_share,
    ] {
        *x /= n;
    }
}

/// Words in prose blocks, words of the largest run of them (runs may skip `max_gap` other
/// blocks), and their word-weighted mean position (0 to 1).
fn prose_mass(shapes: &[Shape], max_gap: usize) -> (f32, f32, f32) {
    let n = shapes.len().max(1) as f32;
    let (mut all, mut at) = (0.0f32, 0.0f32);
    let (mut run, mut best, mut gap) = (0.0f32, 0.0f32, usize::MAX);
    for (i, s) in shapes.iter().enumerate() {
        if !s.prose() {
            gap = gap.saturating_add(1);
            if gap > max_gap {
                run = 0.0;
            }
            continue;
        }
        let w = s.words as f32;
        all += w;
        at += w * i as f32 / n;
        run += w;
        best = best.max(run);
        gap = 0;
    }
    let center = if all > 0.0 { at / all } else { 0.5 };
    (all, best, center)
}

/// How many of `hashes` occur [`FIRST_WORD_REPEATS`] times or more.
fn repeated(mut hashes: Vec<u64>) -> usize {
    hashes.sort_unstable();
    hashes
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= FIRST_WORD_REPEATS as usize)
        .map(<[u64]>::len)
        .sum()
}

fn hash_str(w: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<crate::util::hash::FxHasher>::default().hash_one(w)
}

/// ln(1 + words) of the block at the 90th percentile.
fn p90_words(shapes: &[Shape]) -> f32 {
    let mut w: Vec<u32> = shapes.iter().map(|s| s.words).collect();
    if w.is_empty() {
        return 0.0;
    }
    // The value at that place of the sorted counts, without sorting the rest.
    let k = (w.len() - 1) * 9 / 10;
    ln_1p_count(*w.select_nth_unstable(k).1 as usize)
}

/// Runs of prose blocks (no other block between them) per prose block, and the positions
/// of the first and the last prose block (0 to 1; 1 when there is none).
fn prose_places(shapes: &[Shape]) -> (f32, f32, f32) {
    let n = shapes.len().max(1) as f32;
    let prose: Vec<usize> = (0..shapes.len()).filter(|&i| shapes[i].prose()).collect();
    let (Some(&first), Some(&last)) = (prose.first(), prose.last()) else {
        return (0.0, 1.0, 1.0);
    };
    let runs = 1 + prose.windows(2).filter(|w| w[1] > w[0] + 1).count();
    (
        runs as f32 / prose.len() as f32,
        first as f32 / n,
        last as f32 / n,
    )
}

/// Short blocks (1–4 words, no date) beside a short dated block, per block: the headers
/// of posts ("jane_doe" over "3 May 2024, 12:30").
fn author_date_pairs(shapes: &[Shape]) -> f32 {
    let name = |s: &Shape| (1..=4).contains(&s.words) && !s.date && !s.ends;
    let dated = |s: &Shape| s.date && s.words <= 12;
    let pairs = shapes
        .windows(2)
        .filter(|w| (name(&w[0]) && dated(&w[1])) || (dated(&w[0]) && name(&w[1])))
        .count();
    pairs as f32 / shapes.len().max(1) as f32
}

/// Share of blocks of the same shape as the next one, and the best share at a period of
/// 2 to 4 blocks.
fn regularity(shapes: &[Shape]) -> (f32, f32) {
    // Each block's class, worked out once for the four periods.
    let classes: Vec<(u8, bool, bool, bool)> = shapes.iter().map(|s| s.class()).collect();
    let at = |p: usize| {
        if classes.len() <= p {
            return 0.0;
        }
        let same = classes
            .iter()
            .zip(&classes[p..])
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / (classes.len() - p) as f32
    };
    let period = (2..=4).map(at).fold(0.0f32, f32::max);
    (at(1), period)
}

/// Coefficient of variation of the word counts of blocks of 4 words or more.
fn spread(shapes: &[Shape]) -> f32 {
    let w: Vec<f32> = shapes
        .iter()
        .filter(|s| s.words >= 4)
        .map(|s| s.words as f32)
        .collect();
    if w.len() < 2 {
        return 0.0;
    }
    let mean = w.iter().sum::<f32>() / w.len() as f32;
    let var = w.iter().map(|x| (x - mean) * (x - mean)).sum::<f32>() / w.len() as f32;
    (var.sqrt() / mean).min(10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{compute, language::choose};
    use crate::segment::segment;

    fn page(text: &str) -> PageFeatures {
        let s = segment(text);
        let stops = choose(Some("en"), &s);
        let mut stats = PageStats::new(stops.code());
        for (f, seg) in compute(&s, &stops).zip(&s) {
            let m = stats.marks(&f, seg);
            stats.add(&f, seg, 0.5, &m);
        }
        stats.finish()
    }

    /// Shapes worked out at the end are those added block by block.
    #[test]
    fn deferred_shapes_agree() {
        let text = "Home | News | Sport\n\nThe Council Votes Today\n\nThe council voted on \
                    Tuesday to close the bridge for repairs, officials said.\n\n• Posted \
                    12.05.2024\n\nShare this\n\nRead More About It\n\nA second \
                    paragraph of the story ends here.";
        let s = segment(text);
        let stops = choose(Some("en"), &s);
        let (mut held, mut deferred) = (PageStats::new(stops.code()), PageStats::new(stops.code()));
        deferred.defer_shapes(s.len());
        let mut summaries = Vec::new();
        let p = |i: usize| (i as f32 * 0.37).fract();
        for (i, (f, seg)) in compute(&s, &stops).zip(&s).enumerate() {
            let m = held.marks(&f, seg);
            held.add(&f, seg, p(i), &m);
            deferred.add(&f, seg, p(i), &m);
            summaries.push(Summary::of(&f));
        }
        let bits = |f: PageFeatures| f.to_array().map(f32::to_bits);
        assert_eq!(
            bits(held.finish()),
            bits(deferred.finish_from(&summaries, &s))
        );
    }

    /// [`Scan::of`] on `t` says what the functions it stands for say.
    fn scan_agrees(t: &str) {
        let scan = Scan::of(t);
        let digits = t.bytes().filter(u8::is_ascii_digit).count();
        assert_eq!(scan.digits, digits, "{t:?}");
        let identifiers = t.split(' ').filter(|w| identifier(w)).count();
        assert_eq!(scan.identifiers, identifiers, "{t:?}");
        assert_eq!(scan.code, code_like(t), "{t:?}");
    }

    #[test]
    fn pairs_of_code_open_with_a_pair_byte() {
        for [first, _] in CODE_PAIRS {
            assert_eq!(BYTE_CLASS[usize::from(first)], B_PAIR, "{}", first as char);
        }
    }

    #[test]
    fn one_scan_says_what_each_reference_says() {
        let texts = [
            "",
            " ",
            "  two  spaces ",
            "The council met on Tuesday.",
            "let x = f(a) -> b;",
            "fn main() {",
            "a::b",
            "x=>y and a==b",
            "</div>",
            "i++;",
            "call me maybe;",
            "os.path.join and snake_case but not e.g. or U.S.",
            "camelCase iPhone eBay ABC aB_ _a a_ .x x. ._",
            "tel. 030 1234 5678, fax 030-1234-5679",
            "Überall: naïveÉtat café_bar (ok) – «x»",
            "ends with;",
            "(",
            ")(",
            "-",
            "->",
            "< /",
        ];
        for t in texts {
            scan_agrees(t);
        }
    }

    #[test]
    fn one_scan_agrees_on_random_texts() {
        // Texts of the bytes the scan tells apart, drawn by a fixed xorshift.
        let alphabet: Vec<char> = " aZ9_.{}():-=<>/;é".chars().collect();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 12) as usize;
            let t: String = (0..len)
                .map(|k| alphabet[(x >> (4 * k + 5)) as usize % alphabet.len()])
                .collect();
            scan_agrees(&t);
        }
    }

    #[test]
    fn prices_and_specifications() {
        let f = page("Blue kettle\n\n€ 24.99\n\nCapacity: 1.7 litres\n\nPower: 2200 W\n");
        assert!(f.price_share > 0.2, "{f:?}");
        assert!(f.key_value_share >= 0.5, "{f:?}");
    }

    #[test]
    fn prose_and_regular_items() {
        let paragraph = "The council met on Tuesday and voted to repair the old bridge over the \
                         river before the winter storms, which last year closed it for a month.";
        let article = page(&format!("{paragraph}\n\n{paragraph}\n\n{paragraph}\n"));
        assert!(article.prose_share > 0.99 && article.main_run_share > 0.99);
        let items: String = (0..8)
            .map(|i| {
                format!("Red Toaster Model {i}\n\nA toaster for two slices of bread, in red, with a tray for the crumbs.\n\n")
            })
            .collect();
        let listing = page(&items);
        assert_eq!(listing.prose_share, 0.0);
        assert!(
            listing.same_at_period > 0.9 && listing.teaser_pairs > 0.4,
            "{listing:?}"
        );
    }

    /// [`count_words`] as it split ASCII tokens before its byte loop: its reference.
    fn count_words_by_char(map: &WordMap, text: &str) -> [u16; CLASSES] {
        let mut counts = [0u16; CLASSES];
        let longest = map.longest.min(MAX_WORD_BYTES);
        for token in text.split(' ').take(CLASS_TOKENS) {
            let ascii = token.is_ascii();
            for w in token.split(|c: char| !c.is_alphabetic()) {
                if w.is_empty() || w.len() > longest {
                    continue;
                }
                let mask = if ascii {
                    map.get_ascii_folded(w)
                } else {
                    map.get(&w.chars().flat_map(char::to_lowercase).collect::<String>())
                };
                for (k, n) in counts.iter_mut().enumerate() {
                    *n += u16::from(mask.is_some_and(|m| m >> k & 1 != 0));
                }
            }
        }
        counts
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The fast paths of the marks say what their references say.
        #[test]
        fn marks_fast_paths_agree(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Shop", "cart", "I", "we", "You", "our", "price", " ", "  ", ".", ",", "-",
                    "1", "24", "9.99", "$", "€", "USD", "EUR", "lei", "kr", "Ft", "zł", "Kč",
                    "руб", "CHF", "JPY", "CAD", "AUD", "GBP", "Über", "ß", "É", "\t", "\u{a0}",
                    "x", "_", "中", "reply", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                ]),
                0..20,
            ),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(
                first_word_hash(&text),
                first_word(&text).map(|w| hash_str(&w))
            );
            if !may_hold_price(text.as_bytes()) {
                proptest::prop_assert!(!PRICE.is_match(&text), "{:?}", text);
            }
            let map = words_of(Some("en")).expect("English word classes");
            let mut counts = [0u16; CLASSES];
            count_words(map, &text, &mut counts);
            proptest::prop_assert_eq!(counts, count_words_by_char(map, &text));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Prices counted by hand are the pattern's matches.
        #[test]
        fn prices_count_as_the_pattern_finds(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "$", "€", "£", "¥", "₹", "₽", "₩", "₺", "¢", "1", "23", "4.5", "6,7", ".",
                    ",", " ", "\t", "\n", "USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD",
                    "kr", "zł", "Kč", "Ft", "lei", "руб", "US", "k", "a", "_", "é", "x1", "Z",
                    "l", "K", "\u{a0}",
                ]),
                0..16,
            ),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(
                count_prices(text.as_bytes()),
                PRICE.find_iter(&text).count(),
                "{:?}", text
            );
        }
    }

    #[test]
    fn colons_split_as_split_once_says() {
        for t in [
            "a: b",
            "a:b: c",
            ":",
            ": ",
            "a:",
            "no colon",
            "x::y: z",
            "é: ü",
            "a:\u{a0}b",
        ] {
            assert_eq!(split_colon(t), t.split_once(": "), "{t:?}");
        }
    }

    #[test]
    fn code_and_first_words() {
        assert!(code_like("let x = f(a) -> b;"));
        assert!(code_like("fn main() {"));
        assert!(!code_like("The council met on Tuesday."));
        assert_eq!(first_word("Reply to this"), Some("reply".into()));
        assert_eq!(first_word("12 items"), None);
        assert!(key_value("Weight: 2 kg", 3));
        for t in ["€ 24.99", "24,99 €", "12 USD", "from $5"] {
            assert!(PRICE.is_match(t), "{t}");
        }
        assert!(!PRICE.is_match("24 items, 5 USDA"));
        assert!(PHONE.is_match("Call: 321-336-8092"));
        assert!(!key_value(
            "He said: the council met on Tuesday and voted to repair the old bridge.",
            14
        ));
    }
}
