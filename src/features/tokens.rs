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
}

/// Count the tokens of `text` (whitespace-normalised) given `lower`, its lower-cased copy.
pub(crate) fn count(text: &str, lower: &str, stops: &Stops) -> Counts {
    let mut c = Counts::default();
    let bytes = text.as_bytes();
    let (mut start, mut lpos) = (0usize, 0usize);
    loop {
        // The next token, whether it is ASCII, and its byte classes, in one byte loop
        // (tokens are too short for `memchr` to pay).
        let mut end = start;
        let mut high = 0u8;
        let mut scan = Scan::default();
        while let Some(&b) = bytes.get(end) {
            if b == b' ' {
                break;
            }
            high |= b;
            let k = CLASS[usize::from(b & 0x7f)];
            scan.digits += usize::from(k & DIGIT);
            scan.alpha += usize::from((k & ALPHA) >> 1);
            scan.commas += usize::from((k & COMMA) >> 3);
            scan.upper_inside |= end > start && k & UPPER != 0;
            scan.seen |= k;
            end += 1;
        }
        let tok = &text[start..end];
        // Lower-casing keeps the spaces, so the token's lower-cased copy is the next
        // space-delimited piece of `lower`; an ASCII token's copy has the same length.
        let ascii = high < 0x80;
        let llen = if ascii {
            tok.len()
        } else {
            lower[lpos..].find(' ').unwrap_or(lower.len() - lpos)
        };
        let ltok = &lower[lpos..lpos + llen];
        if !tok.is_empty() {
            if ascii {
                ascii_token(tok, ltok, stops, &scan, &mut c);
            } else {
                general_token(tok, ltok, stops, &mut c);
            }
        }
        if end >= bytes.len() {
            return c;
        }
        start = end + 1;
        lpos = (lpos + llen + 1).min(lower.len());
    }
}

const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
const COMMA: u8 = 8;
/// `:`, `@`, `.`, `#`: every URL-like token holds one (see [`is_url_like`]).
const URLISH: u8 = 16;

/// Classes of the ASCII bytes.
static CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
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

/// Byte classes of an ASCII token, counted while finding its end.
#[derive(Default)]
struct Scan {
    digits: usize,
    alpha: usize,
    commas: usize,
    /// Union of the classes.
    seen: u8,
    /// An upper-case letter after the first byte: the only way words can be glued.
    upper_inside: bool,
}

/// [`general_token`] for a token of ASCII characters only, given its byte classes.
fn ascii_token(tok: &str, ltok: &str, stops: &Stops, scan: &Scan, c: &mut Counts) {
    let bytes = tok.as_bytes();
    let &Scan {
        digits,
        alpha,
        commas,
        seen,
        upper_inside,
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
    if seen & URLISH != 0 && is_url_like(tok) {
        c.urls += 1;
        return;
    }
    if digits + alpha == 0 {
        return;
    }
    c.words += 1;
    let lb = ltok.as_bytes();
    let first = lb.iter().position(u8::is_ascii_alphanumeric).unwrap_or(0);
    let last = lb.iter().rposition(u8::is_ascii_alphanumeric).unwrap_or(0);
    let core = &ltok[first..=last];
    c.word_chars += core.len();
    c.stop += usize::from(stops.contains(core));
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
        let mut c = Counts::default();
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
            let stops = choose(Some("en"), &[]);
            proptest::prop_assert_eq!(count(&text, &lower, &stops), reference(&text, &lower, &stops));
        }
    }

    #[test]
    fn glued_words() {
        assert!(has_glued_words("OptionsThe"));
        assert!(!has_glued_words("iPhone"));
        assert!(!has_glued_words("McDonald"));
    }
}
