//! Scripts and sentence ends: one table of the writing systems the pipeline treats apart,
//! and one of the characters that end a sentence, which tokens, language choice, the
//! vocabulary's word boundaries, segmentation and features all read.
//!
//! Only the scripts written without spaces between words (or telling the language by
//! themselves) are told apart; every other character is [`Script::Other`]. The ranges are
//! Unicode blocks (Unicode 15, `Blocks.txt`).

/// A writing system the pipeline treats apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// CJK ideographs (Chinese, and the kanji of Japanese).
    Han,
    Hiragana,
    /// Katakana, with its phonetic extensions and half-width forms.
    Katakana,
    /// Korean: spaced, but the script tells the language.
    Hangul,
    Thai,
    Lao,
    Myanmar,
    Khmer,
    Other,
}

/// The table: `(first, last, script)`, sorted by code point.
const TABLE: &[(u32, u32, Script)] = &[
    (0x0E00, 0x0E7F, Script::Thai),
    (0x0E80, 0x0EFF, Script::Lao),
    (0x1000, 0x109F, Script::Myanmar),
    (0x1100, 0x11FF, Script::Hangul),
    (0x1780, 0x17FF, Script::Khmer),
    (0x3040, 0x309F, Script::Hiragana),
    (0x30A0, 0x30FF, Script::Katakana),
    (0x3130, 0x318F, Script::Hangul),
    (0x31F0, 0x31FF, Script::Katakana),
    (0x3400, 0x4DBF, Script::Han),
    (0x4E00, 0x9FFF, Script::Han),
    (0xAC00, 0xD7AF, Script::Hangul),
    (0xF900, 0xFAFF, Script::Han),
    (0xFF66, 0xFF9F, Script::Katakana),
    (0x20000, 0x2FA1F, Script::Han),
];

/// The script of `c`.
#[inline]
pub(crate) fn script(c: char) -> Script {
    let u = c as u32;
    // Every script of the table starts at U+0E00: most text never searches it.
    if u < 0x0E00 {
        return Script::Other;
    }
    match TABLE.binary_search_by(|&(lo, hi, _)| {
        if hi < u {
            std::cmp::Ordering::Less
        } else if lo > u {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => TABLE[i].2,
        Err(_) => Script::Other,
    }
}

impl Script {
    /// Written without spaces between words (Korean has spaces).
    pub(crate) fn unspaced(self) -> bool {
        self.ideographic() || self.thai_like()
    }

    /// Han or kana: a single character can be a word (的, の).
    pub(crate) fn ideographic(self) -> bool {
        matches!(self, Script::Han | Script::Hiragana | Script::Katakana)
    }

    /// Thai, Lao, Myanmar, Khmer: no spaces between words, which run on for several
    /// letters each.
    pub(crate) fn thai_like(self) -> bool {
        matches!(
            self,
            Script::Thai | Script::Lao | Script::Myanmar | Script::Khmer
        )
    }
}

/// Written without spaces between words.
pub(crate) fn unspaced(c: char) -> bool {
    script(c).unspaced()
}

/// Han or kana.
pub(crate) fn ideographic(c: char) -> bool {
    script(c).ideographic()
}

/// Thai and Lao mark no sentence's end (a space parts sentences): a long block ending in a
/// letter or mark of theirs ends as a sentence would.
pub(crate) fn unmarked_end(c: char) -> bool {
    matches!(script(c), Script::Thai | Script::Lao)
}

/// Characters that end a sentence, in every script the crate reads.
const SENTENCE_ENDS: &[char] = &[
    '.', '!', '?', '…', // Latin, Cyrillic, Greek …
    '。', '！', '？', // CJK (full-width)
    '।', '॥', // Devanagari danda
    '؟', '۔', // Arabic question mark, Urdu full stop
    '។', // Khmer
    '။', // Myanmar
    '։', // Armenian
    '።', // Ethiopic
];

/// Closing quotes and brackets that may follow a sentence's end (`"Yes."`, `(see below.)`).
pub(crate) const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', '»', '“'];

/// Whether `c` ends a sentence.
#[inline]
pub(crate) fn is_sentence_end(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '.' | '!' | '?');
    }
    SENTENCE_ENDS.contains(&c)
}

/// Whether `text` ends a sentence, closing quotes and brackets aside. (Read from the back
/// char by char: a `&[char]` pattern searched from the end cost more than the rest of the
/// line tests.)
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.chars()
        .rev()
        .find(|c| !CLOSERS.contains(c))
        .is_some_and(is_sentence_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_disjoint() {
        for w in TABLE.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{:x?}", w);
        }
    }

    #[test]
    fn sentence_ends_as_the_patterns_say() {
        let pieces = [
            "a", ".", "!", "?", "…", "。", "।", "\"", "”", "'", ")", "»", "“", " ", "é",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    let want = t.trim_end_matches(CLOSERS).ends_with(SENTENCE_ENDS);
                    assert_eq!(ends_sentence(&t), want, "{t:?}");
                }
            }
        }
        assert!(!ends_sentence(""));
        for c in SENTENCE_ENDS {
            assert!(is_sentence_end(*c));
        }
    }

    #[test]
    fn scripts() {
        assert_eq!(script('a'), Script::Other);
        assert_eq!(script('中'), Script::Han);
        assert_eq!(script('𠀀'), Script::Han);
        assert_eq!(script('の'), Script::Hiragana);
        assert_eq!(script('コ'), Script::Katakana);
        assert_eq!(script('ｺ'), Script::Katakana);
        assert_eq!(script('한'), Script::Hangul);
        assert_eq!(script('ก'), Script::Thai);
        assert_eq!(script('ກ'), Script::Lao);
        assert!(unspaced('ក') && !ideographic('ក'));
        assert!(!unspaced('한'));
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("It rained."));
        assert!(ends_sentence("\"It rained.\""));
        assert!(ends_sentence("下雨了。"));
        assert!(ends_sentence("बारिश हुई।"));
        assert!(!ends_sentence("Read more"));
        assert!(!ends_sentence("Tags:"));
    }
}
