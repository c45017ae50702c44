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
    // Two loads that overlap in the middle rather than a loop or a copy into a buffer (a
    // variable-length copy is a call to `memcpy`): the overlapping bytes are the same.
    let n = w.len();
    let k = match n {
        0 => 0,
        1 => u64::from(w[0]),
        2..=3 => {
            let lo = u16::from_le_bytes([w[0], w[1]]);
            let hi = u16::from_le_bytes([w[n - 2], w[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 2))
        }
        _ => {
            let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
    };
    k | (n as u64) << 56
}

/// `k` (bytes below 0x80) with its ASCII capitals lower-cased, eight bytes at once: a byte
/// `x` is a capital when `x + 0x3F` reaches 0x80 and `x + 0x25` does not (no sum carries
/// into the next byte).
#[inline]
fn fold_ascii(k: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let upper = (k.wrapping_add(ONES * 0x3F) & !k.wrapping_add(ONES * 0x25)) & (ONES * 0x80);
    k | upper >> 2
}

/// The key of the first [`SHORT`] bytes of a longer word `w`: its length byte is one more
/// than any packed word's, so no word's key is a prefix's.
#[inline]
fn prefix_key(w: &[u8]) -> u64 {
    pack(&w[..SHORT]) & !(0xFF << 56) | ((SHORT as u64 + 1) << 56)
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
        // The first bytes of the longer words, in the same table: most words longer than
        // SHORT are no entry, and one probe tells most of them so.
        let prefixes: std::collections::BTreeSet<u64> =
            m.long.keys().map(|w| prefix_key(w.as_bytes())).collect();
        // At most half full: probes stay short.
        let log = (2 * (short.len() + prefixes.len()))
            .next_power_of_two()
            .max(2)
            .trailing_zeros();
        m.shift = 64 - log;
        m.keys = vec![0; 1 << log];
        m.values = vec![0; 1 << log];
        let entries = short.into_iter().map(|(w, v)| (pack(w.as_bytes()), v));
        for (key, v) in entries.chain(prefixes.into_iter().map(|k| (k, 0))) {
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
    pub fn get_ascii_folded(&self, word: &str) -> Option<u64> {
        let w = word.as_bytes();
        debug_assert!(word.is_ascii());
        if w.len() > SHORT {
            return self.get_long_ascii_folded(word);
        }
        if w.is_empty() {
            return None;
        }
        // The length byte (1 to 7) is no capital, and folding leaves it as it is.
        self.probe(fold_ascii(pack(w)))
    }

    /// [`WordMap::get_ascii_folded`] of a word longer than [`SHORT`], called: its buffer
    /// and calls made every look-up save registers and set up a frame.
    #[inline(never)]
    fn get_long_ascii_folded(&self, word: &str) -> Option<u64> {
        let w = word.as_bytes();
        if w.len() > self.max_len || self.probe(fold_ascii(prefix_key(w))).is_none() {
            return None;
        }
        if !w.iter().any(u8::is_ascii_uppercase) {
            return self.long.get(word).copied();
        }
        let mut buf = [0u8; FOLD_MAX];
        let folded = match buf.get_mut(..w.len()) {
            Some(b) => {
                b.copy_from_slice(w);
                b.make_ascii_lowercase();
                std::str::from_utf8(b).ok()?
            }
            None => return self.get(&word.to_ascii_lowercase()),
        };
        self.long.get(folded).copied()
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
            return self.get_long(word);
        }
        if w.is_empty() {
            return None;
        }
        self.probe(pack(w))
    }

    /// [`WordMap::get`] of a word longer than [`SHORT`], called (as
    /// [`WordMap::get_long_ascii_folded`]).
    #[inline(never)]
    fn get_long(&self, word: &str) -> Option<u64> {
        let w = word.as_bytes();
        if w.len() > self.max_len || self.probe(prefix_key(w)).is_none() {
            return None;
        }
        self.long.get(word).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_and_folding_agree_with_bytewise() {
        for w in [
            "",
            "a",
            "Ab",
            "aBc",
            "ABCD",
            "a@[`z{",
            "Zz09AZ",
            "\u{7f}AZaz@[",
            "é",
        ] {
            let w = w.as_bytes();
            for n in 0..=w.len().min(SHORT) {
                let w = &w[..n];
                let mut k = (n as u64) << 56;
                for (i, &b) in w.iter().enumerate() {
                    k |= u64::from(b) << (8 * i);
                }
                assert_eq!(pack(w), k, "{w:?}");
                if w.is_ascii() {
                    assert_eq!(fold_ascii(pack(w)), pack(&w.to_ascii_lowercase()), "{w:?}");
                }
            }
        }
        for b in 0..0x80u8 {
            assert_eq!(
                fold_ascii(u64::from(b)),
                u64::from(b.to_ascii_lowercase()),
                "{b}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Look-ups of any word, short or long (the long ones past the prefix probe), say
        /// what a map of the words says.
        #[test]
        fn look_ups_agree_with_a_map(w in "[abAB]{0,11}") {
            let words = [
                "a", "ab", "abba", "abbabab", "abbababa", "abbababb", "abbababab", "bbbbbbbbbb",
                "aaaaaaaab",
            ];
            let m = WordMap::new(words.iter().enumerate().map(|(i, w)| (*w, 1u64 << i)));
            let want = |w: &str| words.iter().position(|x| *x == w).map(|i| 1u64 << i);
            proptest::prop_assert_eq!(m.get(&w), want(&w));
            proptest::prop_assert_eq!(m.get_ascii_folded(&w), want(&w.to_ascii_lowercase()));
        }
    }

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
                assert_eq!(m.get_ascii_folded(&upper), Some(1 << i), "{w}");
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
            "ninechaRX",
            "exactlY7",
            "exactlzz8",
            "a\0",
        ] {
            assert_eq!(m.get(w), None, "{w:?}");
            assert_eq!(m.get_ascii_folded(w), None, "{w:?}");
        }
        for w in ["überlang", "über-lanG", "über-lan"] {
            assert_eq!(m.get(w), None, "{w:?}");
        }
        assert_eq!(m.get_ascii_folded("NINECHARS"), Some(1 << 7));
    }
}
