//! Which stoplist a page uses: the language hint, else the best-matching shipped stoplist,
//! else the page's own most frequent words (language-neutral).

use crate::fxhash::{FxHashMap, FxHashSet};

use crate::segment::Segment;
use crate::vocab::{self, Stoplist};

/// The stopwords used for one page.
#[derive(Debug)]
pub(crate) enum Stops {
    /// A shipped stoplist.
    List(&'static Stoplist),
    /// The most frequent words of the page itself, for languages the crate has no list for.
    Page(FxHashSet<String>),
}

impl Stops {
    /// Whether `word` (lower-cased) counts as a stopword.
    pub fn contains(&self, word: &str) -> bool {
        match self {
            Stops::List(l) => l.contains(word),
            Stops::Page(s) => s.contains(word),
        }
    }

    /// The ISO 639-1 code, if a shipped list was chosen.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Stops::List(l) => Some(l.code),
            Stops::Page(_) => None,
        }
    }
}

/// How many words the detector looks at: enough to be sure, bounded to stay cheap.
const SAMPLE_WORDS: usize = 3000;

/// Lower-cased alphabetic words of the page's longer blocks (prose says most about language).
fn sample(segments: &[Segment]) -> Vec<String> {
    let mut words = Vec::new();
    for s in segments.iter().filter(|s| s.text.len() >= 40) {
        for w in s.text.split(' ') {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if !w.is_empty() && w.chars().any(char::is_alphabetic) {
                words.push(w.to_lowercase());
                if words.len() >= SAMPLE_WORDS {
                    return words;
                }
            }
        }
    }
    words
}

/// Choose the stopwords for a page.
pub(crate) fn choose(hint: Option<&str>, segments: &[Segment]) -> Stops {
    if let Some(list) = hint.and_then(vocab::stoplist) {
        return Stops::List(list);
    }
    let words = sample(segments);
    let lists = vocab::stoplists();
    // Hits per list, one table lookup per word.
    let mut counts = vec![0usize; lists.len()];
    for w in &words {
        let mut mask = vocab::stoplist_mask(w);
        while mask != 0 {
            counts[mask.trailing_zeros() as usize] += 1;
            mask &= mask - 1;
        }
    }
    let mut best: Option<(&'static Stoplist, usize)> = None;
    for (list, &hits) in lists.iter().zip(&counts) {
        if best.is_none_or(|(_, b)| hits > b) {
            best = Some((list, hits));
        }
    }
    // Prose in a listed language has 30–50 % stopwords; 12 % leaves room for short pages.
    if let Some((list, hits)) = best {
        if hits >= 5 && hits * 100 >= words.len() * 12 {
            return Stops::List(list);
        }
    }
    Stops::Page(frequent_words(&words))
}

/// The page's most frequent short words, standing in for a stoplist.
fn frequent_words(words: &[String]) -> FxHashSet<String> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for w in words {
        if w.chars().count() <= 5 {
            *counts.entry(w).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().filter(|&(_, c)| c >= 3).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(40).map(|(w, _)| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn detects_german() {
        let s = segment(
            "Die Stadt hat am Montag beschlossen, dass die Straße für den Verkehr gesperrt wird, \
             weil sie nicht mehr sicher ist und die Reparatur noch Monate dauern kann.",
        );
        assert_eq!(choose(None, &s).code(), Some("de"));
    }

    #[test]
    fn hint_wins() {
        let s = segment("The city closed the road because it is not safe any more.");
        assert_eq!(choose(Some("fr"), &s).code(), Some("fr"));
    }
}
