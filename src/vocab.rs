//! The word tables: stopwords per language and the boilerplate vocabulary.
//!
//! All tables live in `data/` as plain text and are compiled in with `include_str!`, so this
//! module is the only place that knows about them.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use once_cell::sync::Lazy;

use crate::block::Kind;
use crate::fxhash::{FxHashMap, FxHashSet};

/// Stoplists, one per ISO 639-1 code: `data/stopwords/<code>.txt`, one word a line.
const STOPLISTS: &[(&str, &str)] = &[
    ("en", include_str!("../data/stopwords/en.txt")),
    ("de", include_str!("../data/stopwords/de.txt")),
    ("fr", include_str!("../data/stopwords/fr.txt")),
    ("es", include_str!("../data/stopwords/es.txt")),
    ("it", include_str!("../data/stopwords/it.txt")),
    ("pt", include_str!("../data/stopwords/pt.txt")),
    ("nl", include_str!("../data/stopwords/nl.txt")),
    ("pl", include_str!("../data/stopwords/pl.txt")),
];

/// A language's stoplist.
#[derive(Debug)]
pub(crate) struct Stoplist {
    /// ISO 639-1 code.
    pub code: &'static str,
    words: FxHashSet<&'static str>,
}

impl Stoplist {
    /// Whether `word` (already lower-cased) is a stopword.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

static STOPWORDS: Lazy<Vec<Stoplist>> = Lazy::new(|| {
    STOPLISTS
        .iter()
        .map(|(code, data)| Stoplist {
            code,
            words: data
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        })
        .collect()
});

/// For every word of any stoplist, a bit mask of the lists holding it (bit `i`:
/// `stoplists()[i]`), so that matching a page against all lists costs one lookup a word.
static STOPWORD_LISTS: Lazy<FxHashMap<&'static str, u64>> = Lazy::new(|| {
    assert!(
        STOPWORDS.len() <= 64,
        "stoplist masks hold at most 64 lists"
    );
    let mut m: FxHashMap<&'static str, u64> = FxHashMap::default();
    for (i, list) in STOPWORDS.iter().enumerate() {
        for w in &list.words {
            *m.entry(w).or_default() |= 1 << i;
        }
    }
    m
});

/// Which stoplists hold `word` (lower-cased): bit `i` stands for `stoplists()[i]`.
pub(crate) fn stoplist_mask(word: &str) -> u64 {
    STOPWORD_LISTS.get(word).copied().unwrap_or(0)
}

/// Every stoplist the crate ships.
pub(crate) fn stoplists() -> &'static [Stoplist] {
    &STOPWORDS
}

/// The stoplist for an ISO 639-1 code, if the crate has one.
pub(crate) fn stoplist(code: &str) -> Option<&'static Stoplist> {
    STOPWORDS.iter().find(|s| s.code.eq_ignore_ascii_case(code))
}

/// Boilerplate phrases: `data/boilerplate.txt`, `kind<TAB>phrase`.
const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");

fn parse_kind(s: &str) -> Option<Kind> {
    Some(match s {
        "navigation" => Kind::Navigation,
        "advertisement" => Kind::Advertisement,
        "share" => Kind::Share,
        "subscription" => Kind::Subscription,
        "comments" => Kind::Comments,
        "caption" => Kind::Caption,
        "related" => Kind::Related,
        "legal" => Kind::Legal,
        "metadata" => Kind::Metadata,
        "pagination" => Kind::Pagination,
        _ => return None,
    })
}

/// The compiled boilerplate vocabulary.
pub(crate) struct Phrases {
    matcher: AhoCorasick,
    entries: Vec<(Kind, &'static str)>,
}

static PHRASES: Lazy<Phrases> = Lazy::new(|| {
    let mut entries = Vec::new();
    for line in BOILERPLATE.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (kind, phrase) = line
            .split_once('\t')
            .expect("data/boilerplate.txt: every line is kind<TAB>phrase");
        let kind = parse_kind(kind).expect("data/boilerplate.txt: unknown kind");
        entries.push((kind, phrase));
    }
    // A DFA: more memory at build time (the vocabulary is small), fastest to search.
    let matcher = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(entries.iter().map(|e| e.1))
        .expect("boilerplate phrases compile");
    Phrases { matcher, entries }
});

/// A boilerplate phrase found in a block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hit {
    pub kind: Kind,
    pub phrase: &'static str,
    /// Byte offset in the lower-cased text.
    pub start: usize,
    pub end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// All phrase occurrences in `lower` (lower-cased block text) that stand at word boundaries.
pub(crate) fn find_phrases(lower: &str, out: &mut Vec<Hit>) {
    out.clear();
    let p = &*PHRASES;
    for m in p.matcher.find_overlapping_iter(lower) {
        let (kind, phrase) = p.entries[m.pattern().as_usize()];
        let before = lower[..m.start()].chars().next_back();
        let after = lower[m.end()..].chars().next();
        let first = phrase.chars().next().unwrap_or(' ');
        let last = phrase.chars().next_back().unwrap_or(' ');
        if is_word_char(first) && before.is_some_and(is_word_char) {
            continue;
        }
        if is_word_char(last) && after.is_some_and(is_word_char) {
            continue;
        }
        out.push(Hit {
            kind,
            phrase,
            start: m.start(),
            end: m.end(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        assert!(stoplist("en").unwrap().contains("the"));
        assert!(stoplist("DE").unwrap().contains("und"));
        assert!(stoplists().len() >= 8);
        assert!(PHRASES.entries.len() > 100);
    }

    #[test]
    fn phrases_respect_word_boundaries() {
        let mut hits = Vec::new();
        find_phrases("leave a reply", &mut hits);
        assert!(hits.iter().any(|h| h.kind == Kind::Comments));
        find_phrases("the subscriber count", &mut hits);
        assert!(hits.iter().all(|h| h.phrase != "subscribe"));
        find_phrases("© 2024 example", &mut hits);
        assert!(hits.iter().any(|h| h.kind == Kind::Legal));
    }
}
