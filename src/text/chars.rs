//! Unicode properties of characters, as the standard library answers them, from a table of
//! the Basic Multilingual Plane filled a character at a time, the first time it is read.
//!
//! `char::is_alphanumeric` and its kin search Unicode tables for every non-ASCII character,
//! which made a German, Russian or Chinese token several times dearer than an English one.
//! The table is filled by calling those same functions, so it cannot disagree with them; a
//! character costs some hundreds of instructions once. (Filled 256 characters at a time,
//! a Chinese text paid for the thousands of characters beside the ones it holds.)

use std::sync::atomic::{AtomicU8, Ordering};

/// `char::is_alphanumeric`.
pub(crate) const ALNUM: u8 = 1;
/// `char::is_numeric`.
pub(crate) const NUMERIC: u8 = 2;
/// `char::is_alphabetic`.
pub(crate) const ALPHA: u8 = 4;
/// `char::is_uppercase`.
pub(crate) const UPPER: u8 = 8;
/// `char::is_lowercase`.
pub(crate) const LOWER: u8 = 16;

/// `char::to_lowercase` gives other than the character itself.
pub(crate) const FOLDS: u8 = 32;

/// Characters below this have their properties in the table (the Basic Multilingual Plane).
const TABLE_END: u32 = 0x10000;

/// The properties of `c`, from the fewest look-ups: `char::is_alphanumeric` is
/// `is_alphabetic || is_numeric`, and a character that is neither is no cased letter and has
/// no lower case of its own (Unicode's Uppercase, Lowercase and Changes_When_Lowercased
/// are all within Alphabetic; the test against [`props_reference`] reads every character of the
/// table).
fn compute(c: char) -> u8 {
    let alpha = c.is_alphabetic();
    let numeric = c.is_numeric();
    let mut p = 0;
    if numeric {
        p |= NUMERIC | ALNUM;
    }
    if alpha {
        p |= ALPHA | ALNUM;
        if c.is_uppercase() {
            p |= UPPER;
        }
        if c.is_lowercase() {
            p |= LOWER;
        }
        let mut lower = c.to_lowercase();
        if lower.next() != Some(c) || lower.next().is_some() {
            p |= FOLDS;
        }
    }
    p
}

/// The properties of `c`, each asked of the standard library: what [`compute`] must give.
#[cfg(test)]
fn props_reference(c: char) -> u8 {
    [
        (c.is_alphanumeric(), ALNUM),
        (c.is_numeric(), NUMERIC),
        (c.is_alphabetic(), ALPHA),
        (c.is_uppercase(), UPPER),
        (c.is_lowercase(), LOWER),
        (!c.to_lowercase().eq([c]), FOLDS),
    ]
    .iter()
    .filter(|p| p.0)
    .fold(0, |m, p| m | p.1)
}

/// A table entry's mark that it is filled (0: not yet).
const KNOWN: u8 = 128;

/// The table: each character's properties with [`KNOWN`], or 0 until first read. Threads
/// that fill an entry at once store the same value.
static TABLE: [AtomicU8; TABLE_END as usize] = [const { AtomicU8::new(0) }; TABLE_END as usize];

/// The entry of `c` (in the table), filled.
#[cold]
fn fill(c: char) -> u8 {
    let p = compute(c) | KNOWN;
    TABLE[c as usize].store(p, Ordering::Relaxed);
    p
}

/// The properties of `c` in `mask`, as a set of the bits above; beyond the table only the
/// properties asked for are looked up.
#[inline]
pub(crate) fn props(c: char, mask: u8) -> u8 {
    if let Some(cell) = TABLE.get(c as usize) {
        let p = match cell.load(Ordering::Relaxed) {
            0 => fill(c),
            p => p,
        };
        return p & mask & !KNOWN;
    }
    let mut p = 0;
    if mask & ALNUM != 0 && c.is_alphanumeric() {
        p |= ALNUM;
    }
    if mask & NUMERIC != 0 && c.is_numeric() {
        p |= NUMERIC;
    }
    if mask & ALPHA != 0 && c.is_alphabetic() {
        p |= ALPHA;
    }
    if mask & UPPER != 0 && c.is_uppercase() {
        p |= UPPER;
    }
    if mask & LOWER != 0 && c.is_lowercase() {
        p |= LOWER;
    }
    if mask & FOLDS != 0 && !c.to_lowercase().eq([c]) {
        p |= FOLDS;
    }
    p
}

/// `char::is_alphanumeric`.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    props(c, ALNUM) != 0
}

/// `char::is_alphabetic`.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        props(c, ALPHA) != 0
    }
}

/// `char::is_uppercase`.
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        props(c, UPPER) != 0
    }
}

/// `char::is_lowercase`.
#[inline]
pub(crate) fn is_lowercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        props(c, LOWER) != 0
    }
}

/// [`WORD_BYTE`]'s mark of a byte that starts or continues a character of 2–4 bytes.
const NON_ASCII: u8 = 0x80;

/// By byte: ASCII letters and digits, letters lower-cased; 0 for every other ASCII byte;
/// [`NON_ASCII`] for the bytes of longer characters, which are decoded.
static WORD_BYTE: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The tokens of `text` between single spaces, as `text.split(' ')` gives them, each with
/// whether it is ASCII: one pass over the bytes finds both, where `split` and `is_ascii`
/// cost a call each (tokens are a few bytes long).
pub(crate) fn spaced(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let b = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        if from > b.len() {
            return None;
        }
        let (mut end, mut high) = (from, 0u8);
        while let Some(&c) = b.get(end).filter(|&&c| c != b' ') {
            high |= c;
            end += 1;
        }
        let token = &text[from..end];
        from = end + 1;
        Some((token, high.is_ascii()))
    })
}

/// How [`words`] folds case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// ASCII letters only; other characters hash as they are.
    Ascii,
    /// Every letter, by `char::to_lowercase`.
    Unicode,
}

/// One step of the word hash: a character (or a code point of its lower case) mixed in.
#[inline]
fn step(h: u32, x: u32) -> u32 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x9E37_79B9)
}

/// Calls `f(hash, chars)` for each word of `text` in order: a run of alphanumeric characters,
/// its case folded as `fold` says, hashed to 32 bits, with its length in characters.
pub(crate) fn words(text: &str, fold: Fold, mut f: impl FnMut(u32, usize)) {
    let (mut h, mut len) = (0u32, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let folded = WORD_BYTE[usize::from(bytes[i])];
        // An ASCII letter or digit (most of a text's bytes) asks one comparison.
        if folded.wrapping_sub(1) < NON_ASCII - 1 {
            h = step(h, u32::from(folded));
            len += 1;
            i += 1;
            continue;
        }
        let word_char = if folded == 0 {
            i += 1;
            false
        } else {
            // A character of 2–4 bytes, decoded.
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            let p = props(c, ALNUM | FOLDS);
            let alnum = p & ALNUM != 0;
            if alnum {
                h = match fold {
                    // A character lower-casing leaves as it is (most beyond ASCII) asks no
                    // search of the case tables.
                    Fold::Unicode if p & FOLDS != 0 => {
                        c.to_lowercase().fold(h, |h, l| step(h, l as u32))
                    }
                    _ => step(h, c as u32),
                };
            }
            alnum
        };
        if word_char {
            len += 1;
        } else if len > 0 {
            f(h, len);
            (h, len) = (0, 0);
        }
    }
    if len > 0 {
        f(h, len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_the_standard_library() {
        for u in (0..TABLE_END + 0x100).chain([0x1F600, 0x10FFFF]) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(props(c, 0xff), props_reference(c), "{u:#x}");
                for bit in [ALNUM, NUMERIC, ALPHA, UPPER, LOWER, FOLDS] {
                    assert_eq!(props(c, bit), props_reference(c) & bit, "{u:#x}");
                }
            }
        }
        // Beyond the table, where `props` asks the standard library itself.
        for c in ('\u{10000}'..='\u{10FFFF}').step_by(7) {
            assert_eq!(compute(c), props_reference(c), "{:#x}", c as u32);
        }
        for u in (0..0x3000).chain([0x1F130, 0x1D400, 0x10400, 0x10428]) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{u:#x}");
                assert_eq!(is_uppercase(c), c.is_uppercase(), "{u:#x}");
                assert_eq!(is_lowercase(c), c.is_lowercase(), "{u:#x}");
            }
        }
        assert_eq!(props('Ä', 0xff), ALNUM | ALPHA | UPPER | FOLDS);
        assert_eq!(props('ä', 0xff), ALNUM | ALPHA | LOWER);
        assert_eq!(props('٣', 0xff), ALNUM | NUMERIC);
    }

    fn all_words(text: &str, fold: Fold) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        words(text, fold, |h, n| out.push((h, n)));
        out
    }

    /// The hashes [`words`] gives, char by char: what its byte loop must reproduce (the
    /// dedup filter's bits depend on the values).
    fn reference(text: &str, fold: Fold) -> Vec<(u32, usize)> {
        let step = |h: u32, x: u32| (h.rotate_left(5) ^ x).wrapping_mul(0x9E37_79B9);
        let (mut out, mut h, mut len) = (Vec::new(), 0u32, 0usize);
        for c in text.chars() {
            if is_alphanumeric(c) {
                h = match (fold, c.is_ascii()) {
                    (_, true) => step(h, u32::from(c.to_ascii_lowercase())),
                    (Fold::Ascii, false) => step(h, c as u32),
                    (Fold::Unicode, false) => c.to_lowercase().fold(h, |h, l| step(h, l as u32)),
                };
                len += 1;
            } else if len > 0 {
                out.push((h, len));
                (h, len) = (0, 0);
            }
        }
        if len > 0 {
            out.push((h, len));
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        #[test]
        fn words_match_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", "0", " ", ",", "-", "_", "é", "É", "ß", "İ", "中", "٣", "\u{301}",
                    "—", "\u{a0}", "Ω", "x1", "\u{1F600}",
                ]),
                0..24,
            ),
        ) {
            let text = parts.concat();
            for fold in [Fold::Ascii, Fold::Unicode] {
                proptest::prop_assert_eq!(all_words(&text, fold), reference(&text, fold));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any text, not only the chosen pieces above.
        #[test]
        fn words_match_reference_on_any_text(text in "([A-Za-z0-9 .,_-]|\\PC){0,80}") {
            for fold in [Fold::Ascii, Fold::Unicode] {
                proptest::prop_assert_eq!(all_words(&text, fold), reference(&text, fold));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn spaced_is_split_on_spaces(text in "([a-z ,.]|\\PC){0,40}") {
            let got: Vec<(&str, bool)> = spaced(&text).collect();
            let want: Vec<(&str, bool)> = text.split(' ').map(|t| (t, t.is_ascii())).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let w = all_words("Über-all, 2024 — a", Fold::Ascii);
        assert_eq!(w.iter().map(|e| e.1).collect::<Vec<_>>(), [4, 3, 4, 1]);
        // ASCII case folds either way; other letters only with `Fold::Unicode`.
        assert_eq!(all_words("ALL", Fold::Ascii), all_words("all", Fold::Ascii));
        assert_ne!(
            all_words("ÜBER", Fold::Ascii),
            all_words("über", Fold::Ascii)
        );
        assert_eq!(
            all_words("ÜBER", Fold::Unicode),
            all_words("über", Fold::Unicode)
        );
        assert!(all_words(" — ,", Fold::Unicode).is_empty());
    }
}
