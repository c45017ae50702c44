//! Small data structures: hashing, a word map, a byte trie, a log table.

pub(crate) mod hash;
pub(crate) mod log;
pub(crate) mod named;
pub(crate) mod trie;
pub(crate) mod wordmap;
