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
#[cfg(test)]
use crate::text::script::{CLOSERS, is_sentence_end};
use crate::text::script::{ends_sentence, script};

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
    // The per-token work is called, not inlined (`#[inline(never)]` on `ascii_token_rest`,
    // `unicode_token` and what they call on some tokens only): the token loop stays small,
    // which measured 12 M fewer instructions on the sample of `examples/instructions.rs`.
    // Only a word of letters (most tokens) is counted inline: its call saved and restored
    // the registers of the longer paths, 6 M instructions on that sample.
    loop {
        // The token's end and its byte classes in one loop (tokens are a few bytes long).
        let mut end = start;
        let mut sum = 0u64;
        while let Some(&b) = bytes.get(end) {
            if b == b' ' {
                break;
            }
            sum = sum.wrapping_add(CLASS[usize::from(b)]);
            end += 1;
        }
        let tok = &text[start..end];
        if tok.len() > CHUNK {
            // Too long for the fields: `ascii_token` counts it byte by byte.
            sum = if tok.is_ascii() { 0 } else { NON_ASCII };
        }
        if !tok.is_empty() {
            if field(sum, NON_ASCII) == 0 {
                ascii_token(tok, stops, sum, scratch, &mut c);
            } else {
                unicode_token(tok, stops, scratch, &mut c);
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
#[inline(never)]
fn push_lowercase(out: &mut String, s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let at = out.len();
        out.push_str(&rest[..run]);
        out[at..].make_ascii_lowercase();
        let mut chars = rest[run..].chars();
        if let Some(ch) = chars.next() {
            if props(ch, chars::FOLDS) != 0 {
                out.extend(ch.to_lowercase());
            } else {
                out.push(ch);
            }
        }
        rest = chars.as_str();
    }
}

/// Each byte's classes as counts packed in fields of [`FIELD`] bits: summing the entries of
/// a token's bytes counts every class at once.
const FIELD: u32 = 10;
const DIGIT: u64 = 1;
const ALPHA: u64 = 1 << FIELD;
const UPPER: u64 = 1 << (2 * FIELD);
const COMMA: u64 = 1 << (3 * FIELD);
/// `:`, `@`, `#`: a URL-like token without one starts with `www.` or ends with `.com` or
/// `.html` (see [`is_url_like`]), which is asked without a call.
const URLISH: u64 = 1 << (4 * FIELD);
/// Bytes of characters beyond ASCII.
const NON_ASCII: u64 = 1 << (5 * FIELD);
/// Most bytes whose classes are summed, so that no field overflows.
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
        } else if matches!(c, b':' | b'@' | b'#') {
            URLISH
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The field `unit` (one of the class constants) of a sum of [`CLASS`] entries.
#[inline]
fn field(sum: u64, unit: u64) -> usize {
    ((sum >> unit.trailing_zeros()) & ((1 << FIELD) - 1)) as usize
}

/// Letters and digits among ASCII bytes.
#[inline]
fn alnum(b: u8) -> bool {
    CLASS[usize::from(b)] & (DIGIT | ALPHA) != 0
}

/// [`general_token`] for a token of ASCII characters only, given its byte classes: a word
/// of letters here (most tokens), any other token in [`ascii_token_rest`], whose call saves
/// the registers its longer path needs.
#[inline]
fn ascii_token(tok: &str, stops: &Stops, sum: u64, scratch: &mut String, c: &mut Counts) {
    let bytes = tok.as_bytes();
    let n = bytes.len();
    let lower = sum == n as u64 * ALPHA;
    if lower || (sum == n as u64 * ALPHA + UPPER && bytes[0].is_ascii_uppercase()) {
        // Letters only, lower-case but for the first one perhaps (most tokens): a cased
        // word, no sentence end, separator, URL or glued words, and nothing to trim.
        c.tokens += 1;
        c.chars += n;
        c.alnum += n;
        c.words += 1;
        c.word_chars += n;
        c.cased += 1;
        c.caps += usize::from(!lower);
        c.stop += usize::from(match stops {
            // Nothing to fold.
            Stops::List(l) if lower => l.contains(tok),
            Stops::List(l) => l.contains_ascii_folded(tok),
            Stops::Page(_) if !lower => {
                scratch.clear();
                scratch.push_str(tok);
                scratch.make_ascii_lowercase();
                stops.contains(scratch)
            }
            Stops::Page(_) => stops.contains(tok),
        });
        return;
    }
    ascii_token_rest(tok, stops, sum, scratch, c);
}

/// [`ascii_token`] for a token that is not a word of letters.
#[inline(never)]
fn ascii_token_rest(tok: &str, stops: &Stops, sum: u64, scratch: &mut String, c: &mut Counts) {
    let bytes = tok.as_bytes();
    let n = bytes.len();
    let (digits, alpha, commas, upper, urlish) = if n <= CHUNK {
        (
            field(sum, DIGIT),
            field(sum, ALPHA),
            field(sum, COMMA),
            field(sum, UPPER),
            field(sum, URLISH),
        )
    } else {
        // Counts beyond a field's reach: by byte.
        let k = |m: u64| {
            bytes
                .iter()
                .filter(|&&b| CLASS[usize::from(b)] & m != 0)
                .count()
        };
        (k(DIGIT), k(ALPHA), k(COMMA), k(UPPER), k(URLISH))
    };
    c.tokens += 1;
    c.chars += n;
    c.digits += digits;
    c.alnum += digits + alpha;
    c.punct += n - digits - alpha;
    c.commas += commas;
    let last = bytes[n - 1];
    let closer = |b: &u8| matches!(b, b'"' | b'\'' | b')');
    let end = if closer(&last) {
        bytes.iter().rposition(|b| !closer(b))
    } else {
        Some(n - 1)
    };
    if end.is_some_and(|e| matches!(bytes[e], b'.' | b'!' | b'?')) {
        c.sentence += 1;
    }
    let first_upper = usize::from(bytes[0].is_ascii_uppercase());
    if upper > first_upper && has_glued_words(tok) {
        c.glued += 1;
    }
    if n <= 2 && is_separator(tok) {
        c.seps += 1;
        return;
    }
    // Most tokens here are words with a comma or a full stop: without `:`, `@` or `#`,
    // what `is_url_like` asks is their ends.
    let url = if urlish > 0 {
        is_url_like(tok)
    } else {
        url_ends(bytes)
    };
    if url {
        c.urls += 1;
        return;
    }
    if digits + alpha == 0 {
        return;
    }
    c.words += 1;
    // Most words open and end with a letter or digit.
    let first = if alnum(bytes[0]) {
        0
    } else {
        bytes.iter().position(|&b| alnum(b)).unwrap_or(0)
    };
    let last = if alnum(last) {
        n - 1
    } else {
        bytes.iter().rposition(|&b| alnum(b)).unwrap_or(0)
    };
    let core = &tok[first..=last];
    c.word_chars += core.len();
    c.stop += usize::from(match stops {
        Stops::List(l) => l.contains_ascii_folded(core),
        Stops::Page(_) if upper > 0 => {
            scratch.clear();
            scratch.push_str(core);
            scratch.make_ascii_lowercase();
            stops.contains(scratch)
        }
        Stops::Page(_) => stops.contains(core),
    });
    if alpha > 0 {
        let b = if bytes[0].is_ascii_alphabetic() {
            bytes[0]
        } else {
            bytes
                .iter()
                .copied()
                .find(u8::is_ascii_alphabetic)
                .unwrap_or(0)
        };
        c.cased += 1;
        c.caps += usize::from(b.is_ascii_uppercase());
    }
}

/// The counts of a token holding characters beyond ASCII: what [`general_token`] counts, in
/// one pass over its characters with one property look-up each (a property test checks
/// they agree). The token is lower-cased only if it is a word with a character that
/// lower-casing changes.
#[inline(never)]
fn unicode_token(tok: &str, stops: &Stops, scratch: &mut String, c: &mut Counts) {
    c.tokens += 1;
    let (mut chars, mut digits, mut alnum, mut commas) = (0usize, 0usize, 0usize, 0usize);
    // `has_glued_words`: letters in the current run, and whether the last was lower-case.
    let (mut run, mut prev_lower, mut glued) = (0usize, false, false);
    // The case of the first letter (`UPPER`/`LOWER` bits), once one is seen.
    let mut first_letter: Option<u8> = None;
    let (mut ideo, mut thai) = (false, 0usize);
    // Bytes lower-casing adds (or removes), and whether it changes anything.
    let (mut grown, mut folds) = (0isize, false);
    for ch in tok.chars() {
        let p = props(ch, 0xff);
        chars += 1;
        if p & chars::NUMERIC != 0 {
            digits += 1;
            alnum += 1;
        } else if p & chars::ALNUM != 0 {
            alnum += 1;
        } else if ch == ',' || ch == '、' || ch == '，' {
            commas += 1;
        }
        if p & chars::UPPER != 0 && prev_lower && run >= 3 {
            glued = true;
        }
        prev_lower = p & chars::LOWER != 0;
        run = if p & chars::ALPHA != 0 { run + 1 } else { 0 };
        if p & chars::ALPHA != 0 && first_letter.is_none() {
            first_letter = Some(p & (chars::UPPER | chars::LOWER));
        }
        if p & chars::FOLDS != 0 {
            folds = true;
            if !ch.is_ascii() {
                let len: usize = ch.to_lowercase().map(char::len_utf8).sum();
                grown += len as isize - ch.len_utf8() as isize;
            }
        }
        if !ch.is_ascii() {
            let s = script(ch);
            if s.ideographic() {
                ideo = true;
            } else if s.thai_like() {
                thai += 1;
            }
        }
    }
    c.lower_len = c.lower_len.wrapping_add_signed(grown);
    c.chars += chars;
    c.digits += digits;
    c.alnum += alnum;
    c.punct += chars - alnum;
    c.commas += commas;
    if ends_sentence(tok) {
        c.sentence += 1;
    }
    if glued {
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
    let w = if ideo {
        // Han characters are about 1.5 per word; segmentation gives one per character.
        (tok.unicode_words().count() * 2).div_ceil(3).max(1)
    } else if thai > 0 {
        // Thai words average about five characters.
        thai.div_ceil(5).max(1)
    } else {
        usize::from(alnum > 0)
    };
    if w == 0 {
        return;
    }
    c.words += w;
    let ltok = if folds {
        scratch.clear();
        push_lowercase(scratch, tok);
        scratch.as_str()
    } else {
        tok
    };
    let core = ltok.trim_matches(|c: char| !is_alphanumeric(c));
    c.word_chars += core.chars().count();
    // In Chinese, Japanese and Thai a token is a phrase: count the stopwords inside it.
    c.stop += stops.count(core);
    if let Some(case) = first_letter.filter(|&case| case != 0) {
        c.cased += 1;
        c.caps += usize::from(case & chars::UPPER != 0);
    }
}

/// Counts of one token, char by char (any script): the reference [`unicode_token`] and
/// [`ascii_token`] must agree with.
#[cfg(test)]
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
#[cfg(test)]
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
#[inline(never)]
pub(crate) fn has_glued_words(tok: &str) -> bool {
    if tok.is_ascii() {
        return has_glued_words_ascii(tok.as_bytes());
    }
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

/// [`has_glued_words`] of an ASCII token, by byte: the case tests of ASCII letters are the
/// Unicode properties' there, without a table look-up a character.
fn has_glued_words_ascii(tok: &[u8]) -> bool {
    let mut run = 0usize;
    let mut prev_lower = false;
    for &b in tok {
        if b.is_ascii_uppercase() && prev_lower && run >= 3 {
            return true;
        }
        prev_lower = b.is_ascii_lowercase();
        run = if b.is_ascii_alphabetic() { run + 1 } else { 0 };
    }
    false
}

/// A URL, an address, a handle or a tag. Searched in the bytes: every pattern is ASCII, and
/// no ASCII byte occurs inside a longer character, so a byte match is a match in the text;
/// `str::contains` sets up a substring searcher that cost more than these few bytes.
#[inline(never)]
fn is_url_like(tok: &str) -> bool {
    let b = tok.as_bytes();
    if url_ends(b) || (b.len() > 1 && matches!(b[0], b'@' | b'#')) {
        return true;
    }
    // Most tokens asked about hold neither `:` nor `@` (a word ending a sentence): eight
    // bytes at a time tell so.
    if !has_colon_or_at(b) {
        return false;
    }
    // One pass for `://` and the first `@`.
    let mut at = None;
    for (i, &c) in b.iter().enumerate() {
        if c == b':' && b[i + 1..].starts_with(b"//") {
            return true;
        }
        if c == b'@' && at.is_none() {
            at = Some(i);
        }
    }
    at.is_some_and(|at| at > 0 && b[at..].contains(&b'.'))
}

/// Whether a token opens or ends as a web address does (`www.`, `.com`, `.html`): what
/// [`is_url_like`] asks of a token without `:`, `@` or `#`.
#[inline]
fn url_ends(b: &[u8]) -> bool {
    b.starts_with(b"www.") || b.ends_with(b".com") || b.ends_with(b".html")
}

/// Whether `b` holds a `:` or an `@`: a word at a time, a byte of the word being one of
/// them when it is 0 once xor-ed with it (the test for a zero byte has no false positive
/// where no byte is zero).
fn has_colon_or_at(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & (ONES * 0x80) != 0;
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        if zero_byte(x ^ (ONES * u64::from(b':'))) || zero_byte(x ^ (ONES * u64::from(b'@'))) {
            return true;
        }
    }
    words.remainder().iter().any(|&c| c == b':' || c == b'@')
}

/// [`is_url_like`] by `str`'s own searches: what the byte searches must give.
#[cfg(test)]
fn is_url_like_reference(tok: &str) -> bool {
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

    /// Tokens longer than the packed counts reach are counted byte by byte.
    #[test]
    fn long_tokens_match_reference() {
        let stops = choose(Some("en"), &[]);
        for text in [
            format!("The {}, and", "Ab1,:".repeat(400)),
            format!("{}.\") x", "https://example.com/".repeat(60)),
            format!("a {}é b", "Z".repeat(1100)),
            format!("the {} and", "z".repeat(1100)),
        ] {
            let lower: String = text.chars().flat_map(char::to_lowercase).collect();
            let mut scratch = String::new();
            assert_eq!(
                count(&text, &stops, &mut scratch),
                reference(&text, &lower, &stops)
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// The byte searches of `is_url_like` and the ASCII loop of `has_glued_words` give
        /// what `str`'s searches and the char loop give.
        #[test]
        fn byte_searches_match_str_searches(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "B", "w", "www.", "://", ":", "/", "@", "#", ".", ".com", ".html",
                    "com", "html", "x1", "é", "中", "Ab", "cD", "ǅ",
                ]),
                0..8,
            ),
            any in "\\PC{0,24}",
        ) {
            for tok in [parts.concat(), any] {
                proptest::prop_assert_eq!(
                    is_url_like(&tok),
                    is_url_like_reference(&tok),
                    "{:?}",
                    tok
                );
                proptest::prop_assert_eq!(
                    has_colon_or_at(tok.as_bytes()),
                    tok.contains(':') || tok.contains('@')
                );
                let mut run = 0usize;
                let mut prev_lower = false;
                let mut want = false;
                for c in tok.chars() {
                    if c.is_uppercase() && prev_lower && run >= 3 {
                        want = true;
                        break;
                    }
                    prev_lower = c.is_lowercase();
                    run = if c.is_alphabetic() { run + 1 } else { 0 };
                }
                proptest::prop_assert_eq!(has_glued_words(&tok), want, "{:?}", tok);
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
