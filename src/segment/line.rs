//! One physical input line: its indentation, width and list marker, and how a block opened.

use crate::text::lines::{is_invisible, split_lines};
use crate::text::script::ends_sentence;

/// One physical input line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// The line without its leading and trailing whitespace.
    pub body: &'a str,
    /// Leading whitespace, in characters (a tab counts as one).
    pub indent: usize,
    /// Width of the line in characters, indentation included.
    pub width: usize,
}

/// A line as [`measure`] found it, kept to be read again: where its body is in the text, in
/// 16 bytes rather than the 32 of a [`Line`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Record {
    start: u32,
    end: u32,
    indent: u32,
    width: u32,
}

impl Record {
    /// The line of `text` (the text the record was made from).
    pub(super) fn line(self, text: &str) -> Line<'_> {
        Line {
            body: &text[self.start as usize..self.end as usize],
            indent: self.indent as usize,
            width: self.width as usize,
        }
    }
}

/// Every line of `text` measured once, for the passes that read them (segmenting reads them
/// three times); `None` for a text of 4 GiB or more, whose offsets need more than 32 bits.
pub(super) fn records(text: &str) -> Option<Vec<Record>> {
    u32::try_from(text.len()).ok()?;
    let at = |s: &str| (s.as_ptr() as usize - text.as_ptr() as usize) as u32;
    Some(
        split_lines(text)
            .map(|raw| {
                let l = measure(raw);
                let start = at(l.body);
                Record {
                    start,
                    end: start + l.body.len() as u32,
                    indent: l.indent as u32,
                    width: l.width as u32,
                }
            })
            .collect(),
    )
}

pub(super) fn measure(raw: &str) -> Line<'_> {
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
pub(super) fn bullet_marker(body: &str, indent: usize) -> Option<(usize, bool)> {
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

/// Dashes: list markers kept as text (`- item`), and what a wrapper keeps with the word after
/// them (lynx moves `—` to the next line with it).
pub(super) const DASHES: &[char] = &['—', '–', '-'];

/// Width of what opens `body` and could not have been left on the line before: its first
/// word, or a lone dash with the word after it.
pub(super) fn first_word_width(body: &str) -> usize {
    // Most lines open with an ASCII word other than a dash: its bytes are its characters.
    let ascii_end = body
        .bytes()
        .position(|b| {
            !b.is_ascii() || matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ')
        })
        .unwrap_or(body.len());
    if body.as_bytes().get(ascii_end).is_none_or(u8::is_ascii) && !body.starts_with('-') {
        return ascii_end;
    }
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
pub(super) struct Start {
    /// Indentation of the first line.
    pub indent: usize,
    /// Indentation of the first line's text: after the marker of a list item.
    pub text_indent: usize,
    /// The first character of the first line.
    pub lead: char,
}

impl Start {
    pub(super) fn of(first: &Line<'_>, bullet: bool) -> Self {
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
pub(super) fn dash_runs_on(last: &Line<'_>, next: &Line<'_>, start: Start) -> bool {
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

pub(super) fn is_tiny(line: &Line<'_>) -> bool {
    !line.body.is_empty() && line.body.len() <= 4 * TINY && line.body.chars().count() <= TINY
}
