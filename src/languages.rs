//! The languages the crate ships a stoplist for: what `Options::language` accepts.

use once_cell::sync::Lazy;

use crate::features::vocab;

static CODES: Lazy<Vec<&'static str>> = Lazy::new(|| {
    let mut codes: Vec<&'static str> = vocab::stoplists().iter().map(|s| s.code).collect();
    codes.sort_unstable();
    codes
});

/// The ISO 639-1 codes of the languages with a shipped stoplist, in alphabetical order: the
/// values [`Options::language`](crate::Options::language) accepts. Pages in other languages
/// are cleaned too (with the page's own most frequent words as stopwords), but cannot be
/// named.
///
/// ```
/// assert!(bodytext::languages().contains(&"de"));
/// ```
pub fn languages() -> &'static [&'static str] {
    &CODES
}

/// Whether `code` (case-insensitive) is one of [`languages`].
pub(crate) fn supported(code: &str) -> bool {
    vocab::stoplist(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_language_is_supported_and_sorted() {
        let codes = languages();
        assert!(codes.len() >= 40, "{codes:?}");
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        assert!(codes.iter().all(|c| supported(c) && c.len() == 2));
        assert!(supported("EN") && !supported("xx"));
    }
}
