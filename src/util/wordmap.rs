//! A map from words to a `u64`, for the stoplists: one look-up per token of every page.
//!
//! Nearly every stopword is at most 7 bytes long. Such a word is its bytes and its length
//! packed into a `u64`, and a look-up is a multiply, a shift and a compare or two in an
//! open-addressed table, with no string hashing and no `memcmp`. Longer words go to a hash map.

use crate::util::hash::FxHashMap;

/// Words this long or shorter are packed (the eighth byte holds the length).
const SHORT: usize = 7;

#[derive(Debug, Default)]
pub(crate) struct WordMap {
    /// Packed words (0: empty slot); the length is a power of two.
    keys: Vec<u64>,
    /// The value of each slot's word.
    values: Vec<u64>,
    /// `64 - log2(slots.len())`.
    shift: u32,
    long: FxHashMap<&'static str, u64>,
    /// Longest word, in bytes: longer tokens are no stopwords.
    max_len: usize,
}

/// Longest word [`WordMap::get_ascii_folded`] folds on the stack.
const FOLD_MAX: usize = 32;

/// The bytes of `w` (1 to 7 of them) and its length in the top byte: no two words share a key,
/// and no key is 0.
#[inline]
fn pack(w: &[u8]) -> u64 {
    // A loop rather than a copy into a buffer: a variable-length copy is a call to `memcpy`,
    // and reading the buffer back as a word stalls on store forwarding.
    let mut k = (w.len() as u64) << 56;
    for (i, &b) in w.iter().enumerate() {
        k |= u64::from(b) << (8 * i);
    }
    k
}

impl WordMap {
    /// The map of `entries`; the values of a word given twice are or-ed.
    pub fn new(entries: impl IntoIterator<Item = (&'static str, u64)>) -> WordMap {
        let mut short: FxHashMap<&'static str, u64> = FxHashMap::default();
        let mut m = WordMap::default();
        for (w, v) in entries {
            m.max_len = m.max_len.max(w.len());
            let map = if w.len() <= SHORT {
                &mut short
            } else {
                &mut m.long
            };
            *map.entry(w).or_default() |= v;
        }
        // At most half full: probes stay short.
        let log = (2 * short.len())
            .next_power_of_two()
            .max(2)
            .trailing_zeros();
        m.shift = 64 - log;
        m.keys = vec![0; 1 << log];
        m.values = vec![0; 1 << log];
        for (w, v) in short {
            let key = pack(w.as_bytes());
            let mut i = m.slot(key);
            while m.keys[i] != 0 {
                i = (i + 1) & (m.keys.len() - 1);
            }
            m.keys[i] = key;
            m.values[i] = v;
        }
        m
    }

    /// The value of `word` (ASCII) with its letters lower-cased, if it is in the map: the
    /// word is folded as it is packed, so no lower-cased copy is made.
    #[inline]
    pub fn get_ascii_folded(&self, word: &[u8]) -> Option<u64> {
        debug_assert!(word.is_ascii());
        if word.len() > SHORT {
            if word.len() > self.max_len {
                return None;
            }
            let mut buf = [0u8; FOLD_MAX];
            let folded = match buf.get_mut(..word.len()) {
                Some(b) => {
                    b.copy_from_slice(word);
                    b.make_ascii_lowercase();
                    std::str::from_utf8(b).ok()?
                }
                None => return self.get(&String::from_utf8_lossy(word).to_ascii_lowercase()),
            };
            return self.long.get(folded).copied();
        }
        if word.is_empty() {
            return None;
        }
        let mut key = (word.len() as u64) << 56;
        for (i, &b) in word.iter().enumerate() {
            key |= u64::from(b.to_ascii_lowercase()) << (8 * i);
        }
        self.probe(key)
    }

    fn probe(&self, key: u64) -> Option<u64> {
        let mut i = self.slot(key);
        loop {
            match self.keys[i] {
                0 => return None,
                k if k == key => return Some(self.values[i]),
                _ => i = (i + 1) & (self.keys.len() - 1),
            }
        }
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The value of `word`, if it is in the map.
    #[inline]
    pub fn get(&self, word: &str) -> Option<u64> {
        let w = word.as_bytes();
        if w.len() > SHORT {
            if w.len() > self.max_len {
                return None;
            }
            return self.long.get(word).copied();
        }
        if w.is_empty() {
            return None;
        }
        self.probe(pack(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_its_words() {
        let words = [
            "a",
            "the",
            "und",
            "é",
            "zwölf",
            "seven_7",
            "exactly8",
            "ninechars",
            "über-lang",
            "x\0",
        ];
        let m = WordMap::new(words.iter().enumerate().map(|(i, w)| (*w, 1u64 << i)));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w), Some(1 << i), "{w}");
            if w.is_ascii() {
                let upper = w.to_ascii_uppercase();
                assert_eq!(m.get_ascii_folded(upper.as_bytes()), Some(1 << i), "{w}");
            }
        }
        for w in [
            "",
            "b",
            "th",
            "thee",
            "x",
            "x\0\0",
            "exactly9",
            "ninechar",
            "seven_",
            "abcdefg\x07",
            "seven_7\x07",
            "ninecharss",
            "a\0",
        ] {
            assert_eq!(m.get(w), None, "{w:?}");
            assert_eq!(m.get_ascii_folded(w.as_bytes()), None, "{w:?}");
        }
    }
}
