//! A byte trie of phrases: every phrase that starts at a given position of a text.
//!
//! The boilerplate scan ([`crate::features::vocab::find_phrases`]) only needs phrases that start at a
//! word boundary (or anywhere in scripts without spaces), so walking this trie from the few
//! candidate positions costs less than an Aho–Corasick automaton that reads every byte, and
//! needs no failure links or dense transition tables (about 300 KB for the shipped phrases).

/// Phrases as a trie over their bytes; node 0 is the root.
#[derive(Debug)]
pub(crate) struct Trie {
    /// The root's child for every byte (0: none): one look-up rejects most start positions.
    root: [u32; 256],
    nodes: Vec<Node>,
    /// Edges of all nodes, each node's sorted by byte: the byte and the child.
    edge_byte: Vec<u8>,
    edge_to: Vec<u32>,
    /// Ids of the phrases that end at each node, in the order they were given.
    ends: Vec<u32>,
    /// Rules out most start positions before any walk (a walk is a chain of dependent
    /// loads, and most words begin like some phrase: "you", "con", "for").
    filter: PrefixFilter,
}

/// Where a node's edges and phrase ends are (one cache line holds several nodes).
#[derive(Debug, Clone, Copy)]
struct Node {
    edges: u32,
    ends: u32,
    edge_len: u16,
    ends_len: u16,
}

/// The first `min(len, 8)` bytes of every phrase, hashed into one bit set per length: a
/// position whose next bytes hit none of them starts no phrase (no false negatives; about 3 %
/// of word starts in the dev corpus still need the walk).
#[derive(Debug)]
struct PrefixFilter {
    /// Per prefix length `1..=8` (index `len - 1`): `64 - log2(bits)` and the bit set.
    sets: [(u32, Vec<u64>); KEY],
    /// Per first byte: the prefix lengths (bit `len - 1`) of the phrases it begins, so that
    /// only those sets are probed.
    lens: [u8; 256],
    /// The first three bytes of every phrase of three bytes or more, hashed into one bit
    /// set: one probe rules out most word starts before the probes of the longer prefixes.
    three: (u32, Vec<u64>),
}

/// Longest prefix the filter reads.
const KEY: usize = 8;

impl PrefixFilter {
    fn new(prefixes: &[&[u8]]) -> PrefixFilter {
        let mut f = PrefixFilter {
            sets: std::array::from_fn(|_| (0, Vec::new())),
            lens: [0; 256],
            three: (0, Vec::new()),
        };
        let threes: Vec<u64> = prefixes
            .iter()
            .filter(|p| p.len() >= 3)
            .map(|p| key(p, 3))
            .collect();
        f.three = bit_set(&threes);
        for len in 1..=KEY {
            let keys: Vec<u64> = prefixes
                .iter()
                .filter(|p| p.len().min(KEY) == len)
                .map(|p| key(p, len))
                .collect();
            if keys.is_empty() {
                continue;
            }
            let (shift, bits) = bit_set(&keys);
            f.sets[len - 1] = (shift, bits);
        }
        for p in prefixes {
            f.lens[usize::from(p[0])] |= 1 << (p.len().min(KEY) - 1);
        }
        f
    }

    /// Whether some phrase may start at `text[0]` (`text` is not empty).
    #[inline]
    fn may_start(&self, text: &[u8]) -> bool {
        // Phrases of three bytes or more need their first three here; shorter ones are
        // asked for alone (lengths 1 and 2).
        if let [a, b, c, ..] = text {
            let (shift, bits) = &self.three;
            let h = hash(u64::from_le_bytes([*a, *b, *c, 0, 0, 0, 0, 0]), *shift);
            if bits[(h / 64) & (bits.len() - 1)] >> (h % 64) & 1 == 0 {
                return self.may_start_short(text);
            }
        }
        self.may_start_long(text)
    }

    /// Whether a phrase of one or two bytes may start at `text[0]`.
    fn may_start_short(&self, text: &[u8]) -> bool {
        let lens = self.lens[usize::from(text[0])] & 0b11;
        (lens & 1 != 0 && self.probe(text, 1)) || (lens & 2 != 0 && self.probe(text, 2))
    }

    /// Whether `text` begins with a prefix of length `len` (1 or 2) of some phrase.
    fn probe(&self, text: &[u8], len: usize) -> bool {
        let (shift, bits) = &self.sets[len - 1];
        let h = hash(key(text, len), *shift);
        bits[(h / 64) & (bits.len() - 1)] >> (h % 64) & 1 != 0
    }

    /// Whether some phrase may start at `text[0]`, by every prefix length.
    fn may_start_long(&self, text: &[u8]) -> bool {
        let word = match text.get(..KEY) {
            Some(w) => u64::from_le_bytes(w.try_into().expect("8 bytes")),
            None => key(text, text.len()),
        };
        // Lengths that begin with this byte and fit in the text.
        let fits = if text.len() >= KEY {
            u8::MAX
        } else {
            (1u8 << text.len()) - 1
        };
        let mut lens = self.lens[usize::from(text[0])] & fits;
        while lens != 0 {
            let len = lens.trailing_zeros() as usize + 1;
            lens &= lens - 1;
            let (shift, bits) = &self.sets[len - 1];
            let h = hash(masked(word, len), *shift);
            // `bits.len()` is a power of two: the mask is the modulo, without a division.
            if bits[(h / 64) & (bits.len() - 1)] >> (h % 64) & 1 != 0 {
                return true;
            }
        }
        false
    }
}

/// A bit set of `keys` with about 64 bits per key (one in 64 probes passes by chance):
/// `64 - log2(bits)` and the bits.
fn bit_set(keys: &[u64]) -> (u32, Vec<u64>) {
    let log = (keys.len() * 64)
        .next_power_of_two()
        .trailing_zeros()
        .max(6);
    let shift = 64 - log;
    let mut bits = vec![0u64; 1 << (log - 6)];
    for &k in keys {
        let h = hash(k, shift);
        bits[h / 64] |= 1 << (h % 64);
    }
    (shift, bits)
}

/// The first `len` (≤ 8) bytes of `p` as a little-endian word.
fn key(p: &[u8], len: usize) -> u64 {
    let mut buf = [0u8; KEY];
    buf[..len].copy_from_slice(&p[..len]);
    u64::from_le_bytes(buf)
}

fn masked(word: u64, len: usize) -> u64 {
    if len >= KEY {
        word
    } else {
        word & ((1u64 << (8 * len)) - 1)
    }
}

fn hash(k: u64, shift: u32) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

impl Trie {
    /// The trie of `phrases`; a phrase's index in the iterator is its id.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> Trie {
        let prefixes: Vec<&[u8]> = phrases.into_iter().map(str::as_bytes).collect();
        assert!(prefixes.iter().all(|p| !p.is_empty()), "empty phrase");
        // Built from the phrases in byte order (equal ones in id order: the sort is stable),
        // then laid out breadth-first in flat arrays. In that order the phrases through a
        // node come one after another with their next bytes rising, so a node's next child
        // is its last one or a new one after it: its children, linked as they come, stay
        // sorted with no search (sorted maps made the trie cost 10 M instructions to build,
        // a list of children a node 4 M), and the phrases ending at a node come together.
        let mut sorted: Vec<u32> =
            (0..u32::try_from(prefixes.len()).expect("fewer than 2^32 phrases")).collect();
        sorted.sort_by_key(|&id| prefixes[id as usize]);
        // By node (0 is the root, and no node's child: 0 links nowhere): the byte leading to
        // it, its first and last child, its next sibling, and where its phrases' ids start
        // in `sorted` and how many there are.
        let mut byte = vec![0u8];
        let (mut first, mut last, mut next) = (vec![0usize], vec![0usize], vec![0usize]);
        let (mut ends_at, mut ends_len) = (vec![0usize], vec![0usize]);
        for (k, &id) in sorted.iter().enumerate() {
            let mut node = 0;
            for &b in prefixes[id as usize] {
                let l = last[node];
                node = if l != 0 && byte[l] == b {
                    l
                } else {
                    let n = byte.len();
                    byte.push(b);
                    first.push(0);
                    last.push(0);
                    next.push(0);
                    ends_at.push(0);
                    ends_len.push(0);
                    if l == 0 {
                        first[node] = n;
                    } else {
                        next[l] = n;
                    }
                    last[node] = n;
                    n
                };
            }
            if ends_len[node] == 0 {
                ends_at[node] = k;
            }
            ends_len[node] += 1;
        }
        let children = |n: usize| {
            std::iter::successors(Some(first[n]).filter(|&c| c != 0), |&c| {
                Some(next[c]).filter(|&c| c != 0)
            })
        };
        let mut order = vec![0usize];
        let mut i = 0;
        while i < order.len() {
            order.extend(children(order[i]));
            i += 1;
        }
        let mut rank = vec![0u32; order.len()];
        for (r, &n) in order.iter().enumerate() {
            rank[n] = u32::try_from(r).expect("fewer than 2^32 nodes");
        }
        let mut t = Trie {
            root: [0; 256],
            nodes: Vec::with_capacity(order.len()),
            edge_byte: Vec::new(),
            edge_to: Vec::new(),
            ends: Vec::new(),
            filter: PrefixFilter::new(&prefixes),
        };
        for &n in &order {
            let edges = t.edge_byte.len();
            for c in children(n) {
                t.edge_byte.push(byte[c]);
                t.edge_to.push(rank[c]);
            }
            t.nodes.push(Node {
                edges: edges as u32,
                ends: t.ends.len() as u32,
                edge_len: u16::try_from(t.edge_byte.len() - edges).expect("at most 256 edges"),
                ends_len: u16::try_from(ends_len[n]).expect("few equal phrases"),
            });
            t.ends
                .extend_from_slice(&sorted[ends_at[n]..ends_at[n] + ends_len[n]]);
        }
        for c in children(0) {
            t.root[usize::from(byte[c])] = rank[c];
        }
        t
    }

    /// Calls `f(id, end)` for every phrase that occurs in `text` at byte `start`, shortest
    /// first, and phrases of equal text in the order of their ids.
    #[inline]
    pub fn starting_at(&self, text: &[u8], start: usize, mut f: impl FnMut(u32, usize)) {
        // Most bytes begin no phrase at all: one look-up in `root` before the filter.
        let Some(&b) = text.get(start) else { return };
        let mut node = self.root[usize::from(b)] as usize;
        if node == 0 || !self.filter.may_start(&text[start..]) {
            return;
        }
        let mut pos = start + 1;
        while node != 0 {
            let n = self.nodes[node];
            if n.ends_len > 0 {
                let ends = n.ends as usize..n.ends as usize + usize::from(n.ends_len);
                for &id in &self.ends[ends] {
                    f(id, pos);
                }
            }
            let Some(&b) = text.get(pos) else { return };
            let edges = n.edges as usize..n.edges as usize + usize::from(n.edge_len);
            node = match self.edge_byte[edges.clone()].iter().position(|&e| e == b) {
                Some(k) => self.edge_to[edges.start + k] as usize,
                None => 0,
            };
            pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Every phrase that occurs at a start is found, shortest first and equal phrases
        /// by id, whatever order the phrases come in.
        #[test]
        fn finds_what_comparing_every_phrase_finds(
            phrases in proptest::collection::vec("[ab\u{e9}]{1,4}", 1..30),
            text in "[ab\u{e9}c]{0,12}",
        ) {
            let t = Trie::new(phrases.iter().map(String::as_str));
            let text = text.as_bytes();
            for start in 0..text.len() {
                let mut got = Vec::new();
                t.starting_at(text, start, |id, end| got.push((id, end)));
                let mut want: Vec<(u32, usize)> = phrases
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| text[start..].starts_with(p.as_bytes()))
                    .map(|(id, p)| (id as u32, start + p.len()))
                    .collect();
                want.sort_by_key(|&(id, end)| (end, id));
                proptest::prop_assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn finds_every_phrase_at_a_start() {
        let t = Trie::new(["a", "ab", "abc", "b", "ab", "bcd"]);
        let mut got = Vec::new();
        for s in 0..4 {
            t.starting_at(b"abcd", s, |id, end| got.push((s, id, end)));
        }
        assert_eq!(
            got,
            [
                (0, 0, 1),
                (0, 1, 2),
                (0, 4, 2),
                (0, 2, 3),
                (1, 3, 2),
                (1, 5, 4)
            ]
        );
    }
}
