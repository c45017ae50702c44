//! Scripts and sentence ends: what tokens, language choice, vocabulary and features ask of a
//! character's writing system.

/// Scripts that tell the language by themselves.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Script {
    Han,
    Kana,
    Hangul,
    /// Thai: no spaces between words.
    Thai,
    /// Lao, Myanmar, Khmer: no spaces either, and no shipped list.
    OtherUnspaced,
    Other,
}

pub(crate) fn script(c: char) -> Script {
    match c as u32 {
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Script::Han,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x0E00..=0x0E7F => Script::Thai,
        0x0E80..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF => Script::OtherUnspaced,
        _ => Script::Other,
    }
}

/// Written without spaces between words (Korean has spaces).
pub(crate) fn unspaced(c: char) -> bool {
    matches!(
        script(c),
        Script::Han | Script::Kana | Script::Thai | Script::OtherUnspaced
    )
}

/// Han or kana: a single character can be a word (的, の).
pub(crate) fn ideographic(c: char) -> bool {
    matches!(script(c), Script::Han | Script::Kana)
}

/// Scripts written without spaces between words.
pub(crate) fn unspaced_script(c: char) -> Option<bool> {
    // Some(true): ideographic (Unicode word segmentation splits per character);
    // Some(false): Thai-like (one "word" per run; estimate from characters).
    match c as u32 {
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F => {
            Some(true)
        }
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF => Some(false),
        _ => None,
    }
}

/// Thai and Lao mark no sentence's end (a space parts sentences): a block of
/// [`SENTENCE_WORDS`] or more ending in a letter or mark of theirs ends as a sentence would.
pub(crate) fn unmarked_end(c: char) -> bool {
    ('\u{0E00}'..='\u{0EFF}').contains(&c)
}

pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '。'
            | '！'
            | '？'
            | '…'
            | '।'
            | '॥'
            | '؟'
            | '۔'
            | '។'
            | '။'
            | '։'
            | '።'
    )
}

pub(crate) fn ends_sentence(body: &str) -> bool {
    body.trim_end_matches(['"', '”', '’', '\'', ')', '»'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}
