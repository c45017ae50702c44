//! Gradient-boosted decision trees: the classifier's scoring function.
//!
//! A forest is a sum of small regression trees over a feature vector, giving log-odds that
//! a block is body. Trees capture what a weighted sum cannot (a long block with few
//! stopwords is a link list, a short one may be a heading). Each node also stores the
//! running score at that node, so a prediction splits exactly into per-feature
//! contributions (the path method of Saabas), which `explain` reports as reasons.
//!
//! The tree walk has no bound check on depth: a malformed table cannot loop, and feature
//! indices are reduced modulo 64 when a tree is built (modulo `K` where contributions are
//! read) so no table can index out of the feature vector.

/// Depth of every tree.
pub const DEPTH: usize = 4;
/// Internal nodes of a tree.
pub const INNER: usize = (1 << DEPTH) - 1;
/// All nodes of a tree.
pub const NODES: usize = 2 * INNER + 1;

/// Node arrays are padded to these powers of two so that an index masked with `& (PAD − 1)`
/// needs no bound check.
const INNER_PAD: usize = 16;
const NODES_PAD: usize = 32;
/// Feature vectors are copied into arrays this long for the same reason.
pub(crate) const X_PAD: usize = 64;

/// Declares [`Slot`], one variant per place of a padded feature vector, and [`SLOTS`].
macro_rules! slots {
    ($($s:ident)*) => {
        /// A feature's place in a padded feature vector (below [`X_PAD`]). Trees store their
        /// features as slots rather than bytes: the compiler knows every slot indexes the
        /// vector, so a step down a tree reads it with neither a bound check nor a mask
        /// (three instructions fewer a tree and row, a tenth of a tree walk).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        enum Slot {
            $($s),*
        }

        /// Every slot, in order: `SLOTS[k] as usize == k`.
        const SLOTS: [Slot; X_PAD] = [$(Slot::$s),*];
    };
}

slots!(S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11 S12 S13 S14 S15 S16 S17 S18 S19 S20 S21 S22 S23 S24 S25 S26 S27 S28 S29 S30 S31 S32 S33 S34 S35 S36 S37 S38 S39 S40 S41 S42 S43 S44 S45 S46 S47 S48 S49 S50 S51 S52 S53 S54 S55 S56 S57 S58 S59 S60 S61 S62 S63);

/// One tree, complete to [`DEPTH`] and stored in heap order from slot 1 (slot 0 is unused): the
/// children of node `j` are `2j` and `2j + 1`, so a step down is one shift-and-add. A branch
/// that stopped growing early is padded with splits that always go left (threshold `+∞`) and
/// repeat the leaf's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tree {
    feature: [Slot; INNER_PAD],
    threshold: [f32; INNER_PAD],
    value: [f32; NODES_PAD],
}

impl Tree {
    /// A tree from its internal nodes' features and thresholds and all nodes' values.
    pub const fn new(feature: [u8; INNER], threshold: [f32; INNER], value: [f32; NODES]) -> Tree {
        let mut t = Tree {
            feature: [Slot::S0; INNER_PAD],
            threshold: [f32::INFINITY; INNER_PAD],
            value: [0.0; NODES_PAD],
        };
        let mut i = 0;
        while i < INNER {
            t.feature[i + 1] = SLOTS[feature[i] as usize % X_PAD];
            t.threshold[i + 1] = threshold[i];
            i += 1;
        }
        let mut i = 0;
        while i < NODES {
            t.value[i + 1] = value[i];
            i += 1;
        }
        t
    }

    /// Features tested at the internal nodes.
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub fn features(&self) -> [u8; INNER] {
        std::array::from_fn(|i| self.feature[i + 1] as u8)
    }

    /// Thresholds of the internal nodes.
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub fn thresholds(&self) -> &[f32] {
        &self.threshold[1..=INNER]
    }

    /// Scores at every node.
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub fn values(&self) -> &[f32] {
        &self.value[1..=NODES]
    }

    /// The tree with every node's value multiplied by `share` (training averages bags).
    #[cfg(feature = "train")]
    pub(crate) fn scaled(mut self, share: f32) -> Tree {
        self.value.iter_mut().for_each(|v| *v *= share);
        self
    }

    /// The leaf `x` falls in (index into the node values).
    #[inline]
    fn leaf(&self, x: &[f32; X_PAD]) -> usize {
        let mut j = 1usize;
        for _ in 0..DEPTH {
            let k = self.feature[j & (INNER_PAD - 1)] as usize;
            j = 2 * j + usize::from(x[k] > self.threshold[j & (INNER_PAD - 1)]);
        }
        j & (NODES_PAD - 1)
    }
}

/// A forest over feature vectors of length `K` (at most 64).
#[derive(Debug, Clone, Copy)]
pub struct Forest<'a, const K: usize> {
    /// Log-odds before any tree.
    pub base: f32,
    /// The trees.
    pub trees: &'a [Tree],
}

/// Rows [`Forest::logits`] scores at once.
const CHUNK: usize = 32;

/// The padded rows of one chunk, zeroed once and kept from chunk to chunk.
pub(crate) struct Rows([[f32; X_PAD]; CHUNK]);

impl Rows {
    pub(crate) fn new() -> Rows {
        Rows([[0.0; X_PAD]; CHUNK])
    }
}

fn pad<const K: usize>(x: &[f32; K]) -> [f32; X_PAD] {
    let mut p = [0.0f32; X_PAD];
    p[..K.min(X_PAD)].copy_from_slice(&x[..K.min(X_PAD)]);
    p
}

impl<const K: usize> Forest<'_, K> {
    /// Log-odds for `x`.
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub fn logit(&self, x: &[f32; K]) -> f32 {
        let x = pad(x);
        let mut sum = self.base;
        for t in self.trees {
            sum += t.value[t.leaf(&x)];
        }
        sum
    }

    /// Log-odds for every row of `xs`; equal to `logit` row by row (training and tests;
    /// `clean` fills the rows in place with [`Forest::logits_filled`]).
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub fn logits<X: std::borrow::Borrow<[f32; K]>>(
        &self,
        xs: impl IntoIterator<Item = X>,
    ) -> Vec<f32> {
        let xs: Vec<X> = xs.into_iter().collect();
        let fill = |i: usize, row: &mut [f32; K]| *row = *xs[i].borrow();
        self.logits_filled(xs.len(), fill, &mut Rows::new())
    }

    /// Log-odds of `n` rows that `fill(i, row)` writes, in order, straight into the padded
    /// rows of `buf` (the first `K` places of each, so the rest stay 0): no row is built
    /// apart and copied in, and a caller scoring a page a chunk at a time zeroes the 8 KB
    /// of `buf` once rather than once a chunk (zeroing it was a fifth of stage one's
    /// instructions beyond the trees).
    pub(crate) fn logits_filled(
        &self,
        n: usize,
        mut fill: impl FnMut(usize, &mut [f32; K]),
        buf: &mut Rows,
    ) -> Vec<f32> {
        let mut out = Vec::with_capacity(n);
        let buf = &mut buf.0;
        for at in (0..n).step_by(CHUNK) {
            let len = CHUNK.min(n - at);
            for (i, b) in (at..).zip(&mut buf[..len]) {
                let row = b.first_chunk_mut::<K>().expect("at most X_PAD features");
                fill(i, row);
            }
            self.chunk(&buf[..len], &mut out);
        }
        out
    }

    /// Log-odds of the rows of one chunk (at most [`CHUNK`]), pushed to `out`. Trees run in
    /// the outer loop: a tree stays in cache, and the walks of different rows do not wait on
    /// each other, so the processor overlaps them (one walk is a chain of dependent loads).
    #[inline]
    fn chunk(&self, rows: &[[f32; X_PAD]], out: &mut Vec<f32>) {
        let len = rows.len().min(CHUNK);
        let mut acc = [self.base; CHUNK];
        for t in self.trees {
            // Rows eight at a time: one loop step (and one read of the root's feature and
            // threshold) for eight walks.
            let mut eights = acc[..len].chunks_exact_mut(8);
            for (a, x) in (&mut eights).zip(rows.chunks_exact(8)) {
                for k in 0..8 {
                    a[k] += t.value[t.leaf(&x[k])];
                }
            }
            let rest = eights.into_remainder();
            let from = len - rest.len();
            for (a, x) in rest.iter_mut().zip(&rows[from..]) {
                *a += t.value[t.leaf(x)];
            }
        }
        out.extend_from_slice(&acc[..len]);
    }

    /// Per-feature contributions: `logit(x) = base + Σ root values + Σ contributions`.
    pub fn contributions(&self, x: &[f32; K]) -> [f32; K] {
        let mut out = [0.0f32; K];
        for t in self.trees {
            let mut j = 1usize;
            for _ in 0..DEPTH {
                let k = t.feature[j & (INNER_PAD - 1)] as usize % K;
                let child = 2 * j + usize::from(x[k] > t.threshold[j & (INNER_PAD - 1)]);
                out[k] += t.value[child & (NODES_PAD - 1)] - t.value[j & (NODES_PAD - 1)];
                j = child;
            }
        }
        out
    }

    /// Sum of the root values (the part of a prediction no feature explains).
    #[cfg_attr(not(feature = "train"), allow(dead_code))]
    pub fn roots(&self) -> f32 {
        self.trees.iter().map(|t| t.value[1]).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_their_places() {
        for (k, &s) in SLOTS.iter().enumerate() {
            assert_eq!(s as usize, k);
        }
    }

    #[test]
    fn trees_give_back_their_features_modulo_64() {
        let feature: [u8; INNER] = std::array::from_fn(|i| (i * 17) as u8);
        let t = Tree::new(feature, [0.5; INNER], [0.0; NODES]);
        assert_eq!(t.features(), feature.map(|f| f % 64));
    }

    /// The walk reads the feature each node names: a tree splitting on feature `k` alone
    /// sends a row left or right by `x[k]`.
    #[test]
    fn walks_read_the_named_feature() {
        for k in [0u8, 1, 44, 63] {
            let mut value = [0.0; NODES];
            // Leaves sit at nodes 16..32 (values 15..31 here): the leftmost and rightmost.
            value[15] = -1.0;
            value[30] = 1.0;
            let t = Tree::new([k; INNER], [0.0; INNER], value);
            let forest = Forest::<64> {
                base: 0.0,
                trees: &[t],
            };
            let mut x = [0.0f32; 64];
            assert_eq!(forest.logit(&x), -1.0);
            x[usize::from(k)] = 1.0;
            assert_eq!(forest.logit(&x), 1.0);
            assert_eq!(forest.logits([x, [0.0; 64], x]), [1.0, -1.0, 1.0]);
        }
    }

    /// Rows scored in chunks and pairs, given or filled in, score as one at a time.
    #[test]
    fn logits_are_logit_row_by_row() {
        let forest = &crate::model::weights::BLOCK;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 40) as f32 / (1u64 << 24) as f32 * 4.0 - 1.0
        };
        for rows in [0, 1, 2, 3, 31, 32, 33, 64, 70] {
            let xs: Vec<[f32; crate::features::N]> =
                (0..rows).map(|_| std::array::from_fn(|_| next())).collect();
            let want: Vec<u32> = xs.iter().map(|x| forest.logit(x).to_bits()).collect();
            let got: Vec<u32> = forest.logits(&xs).iter().map(|z| z.to_bits()).collect();
            assert_eq!(got, want, "{rows} rows");
            let filled = forest.logits_filled(rows, |i, row| *row = xs[i], &mut Rows::new());
            let filled: Vec<u32> = filled.iter().map(|z| z.to_bits()).collect();
            assert_eq!(filled, want, "{rows} rows filled");
        }
    }
}
