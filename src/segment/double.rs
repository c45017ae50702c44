//! Double-spaced text: a blank line after every line, so that a lone blank line breaks a
//! line and a run of them breaks a paragraph. Line endings counted twice (`\r\r\n`, CRLF
//! read as two breaks) and converters that set every `<br>` apart write it; a hard-wrapped
//! paragraph then falls apart into one block a line.

use super::line::Line;
use std::iter::Peekable;

/// Lone blank lines between lines of text that show a text double-spaced: at least this
/// many ...
const MIN_LONE: usize = 8;
/// ... and at most one in this many of the gaps between lines of text of an even count of
/// blank lines (none among them): doubling turns `n` blank lines into `2n + 1`.
const EVEN_PER_LONE: usize = 100;

/// Whether `lines` look double-spaced: nearly every two lines of text stand an odd number
/// of blank lines apart, most of them one. Text of one paragraph a line with a blank line
/// between each looks alike; the caller tells the two apart by whether the lines, read
/// closer, show a wrap width.
pub(super) fn looks_doubled<'a>(lines: impl Iterator<Item = Line<'a>>) -> bool {
    let (mut lone, mut even) = (0usize, 0usize);
    // Blank lines since the last line of text (none before the first).
    let mut run: Option<usize> = None;
    for line in lines {
        if !line.body.is_empty() {
            match run {
                Some(1) => lone += 1,
                Some(n) if n % 2 == 0 => even += 1,
                _ => {}
            }
            run = Some(0);
        } else if let Some(n) = run.as_mut() {
            *n += 1;
        }
    }
    lone >= MIN_LONE && even * EVEN_PER_LONE <= lone
}

/// The lines of a double-spaced text with each lone blank line between two lines of text
/// left out, each line with the number of lines left out just before it (0 or 1). A run of
/// blank lines stays.
pub(super) struct Undoubled<'a, I: Iterator<Item = Line<'a>>> {
    lines: Peekable<I>,
    /// The last line yielded holds text.
    after_text: bool,
}

impl<'a, I: Iterator<Item = Line<'a>>> Undoubled<'a, I> {
    pub(super) fn new(lines: I) -> Self {
        Undoubled {
            lines: lines.peekable(),
            after_text: false,
        }
    }
}

impl<'a, I: Iterator<Item = Line<'a>>> Iterator for Undoubled<'a, I> {
    type Item = (Line<'a>, u32);

    fn next(&mut self) -> Option<Self::Item> {
        let line = self.lines.next()?;
        if line.body.is_empty() && self.after_text {
            if let Some(next) = self.lines.next_if(|n| !n.body.is_empty()) {
                return Some((next, 1));
            }
        }
        self.after_text = !line.body.is_empty();
        Some((line, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::line::measure;
    use crate::text::lines::split_lines;

    fn lines(t: &str) -> impl Iterator<Item = Line<'_>> {
        split_lines(t).map(measure)
    }

    #[test]
    fn odd_runs_of_blank_lines_look_doubled() {
        let doubled = "a\n\nb\n\nc\n\n\n\nd\n\ne\n\nf\n\ng\n\nh\n\ni\n\nj\n";
        assert!(looks_doubled(lines(doubled)));
        // One pair of adjacent lines in nine gaps is too many.
        assert!(!looks_doubled(lines(&doubled.replacen("\n\n", "\n", 1))));
        // So is a run of two blank lines.
        assert!(!looks_doubled(lines(
            &doubled.replacen("\n\n", "\n\n\n", 1)
        )));
        // Too few lines tell nothing.
        assert!(!looks_doubled(lines("a\n\nb\n\nc\n")));
    }

    #[test]
    fn lone_blank_lines_are_left_out() {
        let got: Vec<(&str, u32)> = Undoubled::new(lines("\na\n\nb\n\n\n\nc\n\nd\n\n"))
            .map(|(l, n)| (l.body, n))
            .collect();
        assert_eq!(
            got,
            [
                ("", 0),
                ("a", 0),
                ("b", 1),
                ("", 0),
                ("", 0),
                ("", 0),
                ("c", 0),
                ("d", 1),
                ("", 0),
                ("", 0)
            ]
        );
    }
}
