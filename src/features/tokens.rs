//! Per-token counts of a block: the raw numbers most block features are ratios of.
//!
//! A block's text is split on its single spaces (segmentation normalised all whitespace).
//! Most tokens are ASCII, and for them one pass over the bytes with a class table gives every
//! count; a token holding any other character takes the general path, char by char with
//! Unicode properties. Both give the same counts (a property test checks it), so the
//! features, and the weights fitted on them, do not depend on which path ran.

use unicode_segmentation::UnicodeSegmentation;

use crate::features::language::Stops;
use crate::text::chars::{self, is_alphanumeric, props};
use crate::text::script::{CLOSERS, is_sentence_end, script};

/// Counts over the whitespace tokens of one block.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Counts {
    pub words: usize,
    pub tokens: usize,
    pub stop: usize,
    pub caps: usize,
    pub cased: usize,
    pub sentence: usize,
    pub urls: usize,
    pub seps: usize,
    pub commas: usize,
    pub word_chars: usize,
    pub digits: usize,
    pub alnum: usize,
    pub punct: usize,
    pub chars: usize,
    pub glued: usize,
    /// Bytes of the text lower-cased (`char::to_lowercase` may change a character's length).
    pub lower_len: usize,
}

/// Count the tokens of `text` (whitespace-normalised). Tokens are lower-cased only where
/// they are looked up: an ASCII word is folded as it is packed for the stoplist probe, and
/// only a token holding other characters is lower-cased, into `scratch`.
pub(crate) fn count(text: &str, stops: &Stops, scratch: &mut String) -> Counts {
    let mut c = Counts {
        lower_len: text.len(),
        ..Counts::default()
    };
    let bytes = text.as_bytes();
    let mut start = 0usize;
    loop {
        let end = token_end(bytes, start);
        let tok = &text[start..end];
        if !tok.is_empty() {
            let scan = Scan::of(tok.as_bytes());
            if scan.ascii {
                ascii_token(tok, stops, &scan, scratch, &mut c);
            } else {
                // Lower-casing goes char by char, so the token's lower-cased copy is the
                // lower-cased text's piece between the same spaces.
                scratch.clear();
                push_lowercase(scratch, tok);
                c.lower_len = c.lower_len + scratch.len() - tok.len();
                general_token(tok, scratch, stops, &mut c);
            }
        }
        if end >= bytes.len() {
            return c;
        }
        start = end + 1;
    }
}

/// `s` lower-cased (`char::to_lowercase`) onto `out`; the table of `text::chars` says which
/// characters change, so most need no case look-up.
fn push_lowercase(out: &mut String, s: &str) {
    for ch in s.chars() {
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else if props(ch, chars::FOLDS) != 0 {
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The end of the token that starts at `start`: the next space, or the end of the text.
/// Eight bytes at a time (the lowest flagged byte of the zero-byte test is always a space).
fn token_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while let Some(w) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes")) ^ (ONES * u64::from(b' '));
        let spaces = x.wrapping_sub(ONES) & !x & HIGH;
        if spaces != 0 {
            return i + (spaces.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| b == b' ')
        .unwrap_or(bytes.len() - i)
}

/// Each byte's classes as counts packed in fields of [`FIELD`] bits: summing the entries of
/// a token's bytes counts every class at once.
const FIELD: u32 = 10;
const DIGIT: u64 = 1;
const ALPHA: u64 = 1 << FIELD;
const UPPER: u64 = 1 << (2 * FIELD);
const COMMA: u64 = 1 << (3 * FIELD);
/// `:`, `@`, `.`, `#`: every URL-like token holds one (see [`is_url_like`]).
const URLISH: u64 = 1 << (4 * FIELD);
/// Bytes of characters beyond ASCII.
const NON_ASCII: u64 = 1 << (5 * FIELD);
/// Bytes summed before the fields are read out, so none overflows.
const CHUNK: usize = (1 << FIELD) - 1;

static CLASS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            NON_ASCII
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            ALPHA | UPPER
        } else if c.is_ascii_lowercase() {
            ALPHA
        } else if c == b',' {
            COMMA
        } else if matches!(c, b':' | b'@' | b'.' | b'#') {
            URLISH
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Byte classes of a token.
struct Scan {
    digits: usize,
    alpha: usize,
    commas: usize,
    /// Holds one of `:`, `@`, `.`, `#`.
    urlish: bool,
    /// An upper-case letter after the first byte: the only way words can be glued.
    upper_inside: bool,
    /// Some upper-case letter.
    upper: bool,
    ascii: bool,
}

impl Scan {
    fn of(tok: &[u8]) -> Scan {
        let field = |sum: u64, unit: u64| ((sum / unit) & ((1 << FIELD) - 1)) as usize;
        let (mut digits, mut alpha, mut commas, mut upper, mut urlish, mut high) =
            (0, 0, 0, 0, 0, 0);
        for chunk in tok.chunks(CHUNK) {
            let sum: u64 = chunk.iter().map(|&b| CLASS[usize::from(b)]).sum();
            digits += field(sum, DIGIT);
            alpha += field(sum, ALPHA);
            upper += field(sum, UPPER);
            commas += field(sum, COMMA);
            urlish += field(sum, URLISH);
            high += field(sum, NON_ASCII);
        }
        let first_upper = usize::from(tok.first().is_some_and(u8::is_ascii_uppercase));
        Scan {
            digits,
            alpha,
            commas,
            urlish: urlish > 0,
            upper_inside: upper > first_upper,
            upper: upper > 0,
            ascii: high == 0,
        }
    }
}

/// [`general_token`] for a token of ASCII characters only, given its byte classes.
fn ascii_token(tok: &str, stops: &Stops, scan: &Scan, scratch: &mut String, c: &mut Counts) {
    let bytes = tok.as_bytes();
    let &Scan {
        digits,
        alpha,
        commas,
        urlish,
        upper_inside,
        upper,
        ..
    } = scan;
    c.tokens += 1;
    c.chars += bytes.len();
    c.digits += digits;
    c.alnum += digits + alpha;
    c.punct += bytes.len() - digits - alpha;
    c.commas += commas;
    let closers = bytes
        .iter()
        .rev()
        .take_while(|b| matches!(b, b'"' | b'\'' | b')'))
        .count();
    if bytes.len() > closers && matches!(bytes[bytes.len() - closers - 1], b'.' | b'!' | b'?') {
        c.sentence += 1;
    }
    if upper_inside && has_glued_words(tok) {
        c.glued += 1;
    }
    if bytes.len() <= 2 && is_separator(tok) {
        c.seps += 1;
        return;
    }
    if urlish && is_url_like(tok) {
        c.urls += 1;
        return;
    }
    if digits + alpha == 0 {
        return;
    }
    c.words += 1;
    let first = bytes
        .iter()
        .position(u8::is_ascii_alphanumeric)
        .unwrap_or(0);
    let last = bytes
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .unwrap_or(0);
    let core = &tok[first..=last];
    c.word_chars += core.len();
    c.stop += usize::from(match stops {
        Stops::List(l) => l.contains_ascii_folded(core.as_bytes()),
        Stops::Page(_) if upper => {
            scratch.clear();
            scratch.push_str(core);
            scratch.make_ascii_lowercase();
            stops.contains(scratch)
        }
        Stops::Page(_) => stops.contains(core),
    });
    if let Some(&b) = bytes.iter().find(|b| b.is_ascii_alphabetic()) {
        c.cased += 1;
        c.caps += usize::from(b.is_ascii_uppercase());
    }
}

/// Counts of one token, char by char (any script).
fn general_token(tok: &str, ltok: &str, stops: &Stops, c: &mut Counts) {
    c.tokens += 1;
    for ch in tok.chars() {
        c.chars += 1;
        if ch.is_ascii_digit() || (!ch.is_ascii() && props(ch, chars::NUMERIC) != 0) {
            c.digits += 1;
            c.alnum += 1;
        } else if is_alphanumeric(ch) {
            c.alnum += 1;
        } else {
            c.punct += 1;
            if ch == ',' || ch == '、' || ch == '，' {
                c.commas += 1;
            }
        }
    }
    if tok.chars().next_back().is_some_and(is_sentence_end)
        || tok.trim_end_matches(CLOSERS).ends_with(is_sentence_end)
    {
        c.sentence += 1;
    }
    if has_glued_words(tok) {
        c.glued += 1;
    }
    if is_separator(tok) {
        c.seps += 1;
        return;
    }
    if is_url_like(tok) {
        c.urls += 1;
        return;
    }
    let w = token_words(tok);
    if w == 0 {
        return;
    }
    c.words += w;
    let core = ltok.trim_matches(|c: char| !is_alphanumeric(c));
    c.word_chars += core.chars().count();
    // In Chinese, Japanese and Thai a token is a phrase: count the stopwords inside it.
    c.stop += stops.count(core);
    if let Some(ch) = tok.chars().find(|&c| props(c, chars::ALPHA) != 0) {
        let p = props(ch, chars::UPPER | chars::LOWER);
        if p != 0 {
            c.cased += 1;
            if p & chars::UPPER != 0 {
                c.caps += 1;
            }
        }
    }
}

/// Words in one whitespace-free token.
fn token_words(tok: &str) -> usize {
    if tok.is_ascii() {
        return usize::from(tok.bytes().any(|b| b.is_ascii_alphanumeric()));
    }
    let mut ideo = false;
    let mut thai_chars = 0usize;
    for c in tok.chars() {
        let s = script(c);
        if s.ideographic() {
            ideo = true;
        } else if s.thai_like() {
            thai_chars += 1;
        }
    }
    if ideo {
        // Han characters are about 1.5 per word; segmentation gives one per character.
        (tok.unicode_words().count() * 2).div_ceil(3).max(1)
    } else if thai_chars > 0 {
        // Thai words average about five characters.
        thai_chars.div_ceil(5).max(1)
    } else {
        usize::from(tok.chars().any(is_alphanumeric))
    }
}

/// Two words run together by a converter (`HeadlineThe teaser`): a lower-case letter
/// followed by an upper-case one after at least three letters (not `iPhone`, `McDonald`).
pub(crate) fn has_glued_words(tok: &str) -> bool {
    let mut run = 0usize;
    let mut prev_lower = false;
    for c in tok.chars() {
        let p = props(c, chars::UPPER | chars::LOWER | chars::ALPHA);
        if p & chars::UPPER != 0 && prev_lower && run >= 3 {
            return true;
        }
        prev_lower = p & chars::LOWER != 0;
        run = if p & chars::ALPHA != 0 { run + 1 } else { 0 };
    }
    false
}

fn is_url_like(tok: &str) -> bool {
    tok.contains("://")
        || tok.starts_with("www.")
        || (tok.len() > 1 && (tok.starts_with('@') || tok.starts_with('#')))
        || tok
            .find('@')
            .is_some_and(|at| at > 0 && tok[at..].contains('.'))
        || tok.ends_with(".com")
        || tok.ends_with(".html")
}

fn is_separator(tok: &str) -> bool {
    matches!(
        tok,
        "|" | "·" | "•" | "»" | "›" | ">" | "/" | "-" | "–" | "—" | "::" | "«" | "<"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::language::choose;

    /// Every token through the general path: the reference the ASCII path must equal.
    fn reference(text: &str, lower: &str, stops: &Stops) -> Counts {
        let mut c = Counts {
            lower_len: lower.len(),
            ..Counts::default()
        };
        for (tok, ltok) in text.split(' ').zip(lower.split(' ')) {
            if !tok.is_empty() {
                general_token(tok, ltok, stops, &mut c);
            }
        }
        c
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// The ASCII fast path counts exactly what the char-by-char path counts.
        #[test]
        fn fast_path_matches_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "The", "the", "and", "AND", "x", "Z", "Be", "0", "2024", "12:30", " ",
                    ",", ".", "!", "?", "\"", "'", ")", "(", "|", "-", "/", "::", ">", "<", "@",
                    "#", "www.", "://", ".com", ".html", "_", "HeadlineThe", "iPhone", "é",
                    "Ä", "中", "»", "”", "·", "\u{301}", "İ", "ǅ", "²", "…", "。", "ß",
                ]),
                0..30,
            ),
        ) {
            let text = parts.concat();
            let text = text.split(' ').filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
            let lower: String = text.chars().flat_map(char::to_lowercase).collect();
            let mut scratch = String::new();
            for stops in [choose(Some("en"), &[]), Stops::Page(["the", "and", "é", "über"].into_iter().map(String::from).collect())] {
                proptest::prop_assert_eq!(
                    count(&text, &stops, &mut scratch),
                    reference(&text, &lower, &stops)
                );
            }
        }
    }

    #[test]
    fn glued_words() {
        assert!(has_glued_words("OptionsThe"));
        assert!(!has_glued_words("iPhone"));
        assert!(!has_glued_words("McDonald"));
    }
}
