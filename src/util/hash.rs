//! A fast hasher for short string keys (words, block texts).
//!
//! The standard SipHash resists hash flooding, which costs a third of the run time here,
//! so the multiply-rotate hash of rustc (FxHash) is used for tables whose keys the crate
//! ships (stoplists, vocabulary) or whose size is bounded (the sampled words). It is unkeyed:
//! crafted keys collide in the bucket bits and make a map quadratic, so a map keyed by
//! arbitrary page text (one entry per block) must keep std's keyed `RandomState`.

use std::hash::{BuildHasherDefault, Hasher};

/// FxHash: one multiply and rotate per 8 bytes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_finds_what_it_holds() {
        let mut s = FxHashSet::default();
        for w in [
            "the",
            "und",
            "électricité",
            "a",
            "longer key than eight bytes",
        ] {
            s.insert(w);
        }
        assert!(s.contains("électricité") && s.contains("a") && !s.contains("b"));
        assert!(s.contains("longer key than eight bytes"));
    }
}
