//! The split of dev pages into five folds, shared by `train` (fits on folds 1–4) and
//! `evaluate --held-out` (scores fold 0): FNV-1a of the page id, mod 5, the same on every
//! machine.

/// The fold (0–4) of a page id; fold 0 is held out of training.
pub fn fold(id: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h % 5
}
