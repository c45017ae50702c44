//! Small data structures: hashing, values held for repeated texts, a word map, a byte trie,
//! a log table.

pub(crate) mod hash;
pub(crate) mod held;
pub(crate) mod log;
pub(crate) mod named;
pub(crate) mod trie;
pub(crate) mod wordmap;

/// `n` in 32 bits, saturating: block, line and text numbers are kept in 32 bits (an input of
/// four billion lines is beyond the crate), which halves the records held a block.
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
