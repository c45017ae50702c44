//! Lines of the input: where they split, and whitespace normalised.

use std::borrow::Cow;

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
/// FF, `\r`), or is 0xC2 (NEL) or 0xE2 (U+2028, U+2029), so that text in other scripts
/// goes eight bytes at a time too. May say yes wrongly (a borrow between bytes), never no
/// wrongly.
pub(crate) fn may_start_separator(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let below = w.wrapping_sub(ONES * 0x0E) & !w;
    (below | zero(w ^ (ONES * 0xC2)) | zero(w ^ (ONES * 0xE2))) & HIGH != 0
}

/// Characters that are invisible and carry no text: treated like whitespace at line edges.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// `s` as [`push_normalized`] makes it: borrowed where it already is (most lines are one
/// paragraph with single spaces).
pub(crate) fn normalized(s: &str) -> Cow<'_, str> {
    if is_normalized(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    collapse(&mut out, s);
    // Without the room of the whitespace collapsed: a block's text is held through its
    // pass (a wrapped paragraph's line breaks and indentation are a few bytes a line).
    out.shrink_to_fit();
    Cow::Owned(out)
}

/// Collapse every run of Unicode whitespace into one ASCII space and trim, appending to `out`.
pub(crate) fn push_normalized(out: &mut String, s: &str) {
    if is_normalized(s) {
        // Most lines are one paragraph with single spaces: copied whole.
        if !s.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(s);
        }
        return;
    }
    collapse(out, s);
}

/// [`push_normalized`] of `s`, which is not normalised.
fn collapse(out: &mut String, s: &str) {
    let mut pending_space = !out.is_empty();
    // Runs of words with single spaces between them are copied whole: a run ends at other
    // whitespace (a line break and the next line's indentation, a doubled space).
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let ws = whitespace_at(s, i);
        if ws > 0 {
            i += ws;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            // Eight bytes at a time where they hold nothing but printable ASCII and single
            // spaces, none of them last: all of them go into the run (as the bytes below
            // would).
            if let Some(chunk) = bytes.get(i..i + 8) {
                if plain(u64::from_le_bytes(chunk.try_into().expect("8 bytes"))) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            if b == b' ' {
                if i + 1 < bytes.len() && whitespace_at(s, i + 1) == 0 {
                    i += 2;
                    continue;
                }
                break;
            }
            if may_start_whitespace(b) && whitespace_at(s, i) > 0 {
                break;
            }
            i += 1;
        }
        if pending_space {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
        pending_space = true;
    }
}

/// Whether the eight bytes of `w` are printable ASCII or spaces, with no two spaces in a
/// row and no space last. May say no wrongly (a borrow between bytes), never yes wrongly.
#[inline]
fn plain(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20 borrows into its high bit; one of 0x80 or more has it set.
    let odd = (w.wrapping_sub(ONES * 0x20) | w) & HIGH;
    // Spaces, and perhaps a `!` after one.
    let x = w ^ (ONES * 0x20);
    let spaces = x.wrapping_sub(ONES) & !x & HIGH;
    odd == 0 && spaces & (spaces << 8 | 0x80 << 56) == 0
}

/// Whether byte `b` may start a whitespace character: ASCII `\t`…`\r` and space, or the
/// lead byte of U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000.
#[inline]
fn may_start_whitespace(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The length of the whitespace character (`char::is_whitespace`) at byte `i` of `s`, or 0.
#[inline]
fn whitespace_at(s: &str, i: usize) -> usize {
    match s.as_bytes()[i] {
        b'\t'..=b'\r' | b' ' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Whether `s` is already what [`push_normalized`] makes of it: no whitespace but single
/// ASCII spaces between words.
pub(crate) fn is_normalized(s: &str) -> bool {
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
