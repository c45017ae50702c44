//! Gradient-boosted decision trees: the classifier's scoring function.
//!
//! A forest is a sum of small regression trees over a feature vector, giving log-odds that
//! a block is body. Trees capture what a weighted sum cannot (a long block with few
//! stopwords is a link list, a short one may be a heading). Each node also stores the
//! running score at that node, so a prediction splits exactly into per-feature
//! contributions (the path method of Saabas), which `explain` reports as reasons.

/// One node of a tree: a split (`feature < u16::MAX`) or a leaf.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    /// Feature index tested, `u16::MAX` for a leaf.
    pub feature: u16,
    /// Go left when `x[feature] <= threshold`.
    pub threshold: f32,
    /// Index of the left child in the forest's node table.
    pub left: u32,
    /// Index of the right child.
    pub right: u32,
    /// Score of the tree at this node (the leaf's output for a leaf).
    pub value: f32,
}

/// A forest over feature vectors of length `K`, borrowing its tables.
#[derive(Debug, Clone, Copy)]
pub struct Forest<'a, const K: usize> {
    /// Log-odds before any tree.
    pub base: f32,
    /// Index of each tree's root in `nodes`.
    pub roots: &'a [u32],
    /// All trees' nodes.
    pub nodes: &'a [Node],
}

impl<const K: usize> Forest<'_, K> {
    fn leaf(&self, root: u32, x: &[f32; K]) -> &Node {
        let mut n = &self.nodes[root as usize];
        while n.feature != u16::MAX {
            let next = if x[n.feature as usize] <= n.threshold {
                n.left
            } else {
                n.right
            };
            n = &self.nodes[next as usize];
        }
        n
    }

    /// Log-odds for `x`.
    pub fn logit(&self, x: &[f32; K]) -> f32 {
        self.base
            + self
                .roots
                .iter()
                .map(|&r| self.leaf(r, x).value)
                .sum::<f32>()
    }

    /// Per-feature contributions to `logit(x) - base - Σ root values`.
    pub fn contributions(&self, x: &[f32; K]) -> [f32; K] {
        let mut out = [0.0f32; K];
        for &r in self.roots {
            let mut n = &self.nodes[r as usize];
            while n.feature != u16::MAX {
                let next = if x[n.feature as usize] <= n.threshold {
                    n.left
                } else {
                    n.right
                };
                let child = &self.nodes[next as usize];
                out[n.feature as usize] += child.value - n.value;
                n = child;
            }
        }
        out
    }
}

/// An owned forest, as fitted (training only).
#[cfg(feature = "train")]
#[derive(Debug, Clone, Default)]
pub struct OwnedForest {
    /// Log-odds before any tree.
    pub base: f32,
    /// Roots.
    pub roots: Vec<u32>,
    /// Nodes.
    pub nodes: Vec<Node>,
}

#[cfg(feature = "train")]
impl OwnedForest {
    /// Borrow as a [`Forest`].
    pub fn view<const K: usize>(&self) -> Forest<'_, K> {
        Forest {
            base: self.base,
            roots: &self.roots,
            nodes: &self.nodes,
        }
    }
}

/// Settings of the boosting.
#[cfg(feature = "train")]
#[derive(Debug, Clone, Copy)]
pub struct Boosting {
    /// Number of trees.
    pub trees: usize,
    /// Depth of each tree.
    pub depth: usize,
    /// Shrinkage applied to every leaf.
    pub learning_rate: f64,
    /// L2 penalty on leaf values.
    pub lambda: f64,
    /// Smallest summed hessian in a child.
    pub min_hessian: f64,
}

#[cfg(feature = "train")]
const BINS: usize = 64;

/// Fit a forest to targets `y` in `[0, 1]` with sample weights `w` (logistic loss).
#[cfg(feature = "train")]
pub fn fit<const K: usize>(x: &[[f32; K]], y: &[f32], w: &[f32], cfg: Boosting) -> OwnedForest {
    let n = x.len();
    // Quantile thresholds per feature from a strided sample.
    let stride = (n / 50_000).max(1);
    let mut thresholds: Vec<Vec<f32>> = Vec::with_capacity(K);
    for k in 0..K {
        let mut v: Vec<f32> = x.iter().step_by(stride).map(|xi| xi[k]).collect();
        v.sort_by(f32::total_cmp);
        v.dedup();
        let t: Vec<f32> = if v.len() <= BINS {
            v
        } else {
            let mut t: Vec<f32> = (1..BINS).map(|q| v[q * v.len() / BINS]).collect();
            t.dedup();
            t
        };
        thresholds.push(t);
    }
    let bins: Vec<u8> = x
        .iter()
        .flat_map(|xi| {
            (0..K).map(|k| thresholds[k].partition_point(|t| *t < xi[k]).min(BINS - 1) as u8)
        })
        .collect();
    let (sy, sw) = y
        .iter()
        .zip(w)
        .fold((0.0f64, 0.0f64), |(a, b), (&yi, &wi)| {
            (a + f64::from(yi * wi), b + f64::from(wi))
        });
    let mean = (sy / sw.max(1e-9)).clamp(1e-4, 1.0 - 1e-4);
    let base = (mean / (1.0 - mean)).ln();
    let mut f = vec![base; n];
    let mut forest = OwnedForest {
        base: base as f32,
        ..OwnedForest::default()
    };
    let mut g = vec![0.0f64; n];
    let mut h = vec![0.0f64; n];
    for _ in 0..cfg.trees {
        for i in 0..n {
            let p = 1.0 / (1.0 + (-f[i]).exp());
            g[i] = f64::from(w[i]) * (p - f64::from(y[i]));
            h[i] = f64::from(w[i]) * (p * (1.0 - p)).max(1e-6);
        }
        let root = forest.nodes.len() as u32;
        forest.roots.push(root);
        let all: Vec<u32> = (0..n as u32).collect();
        grow::<K>(&mut forest.nodes, &bins, &thresholds, &g, &h, all, cfg, 0);
        // Update scores with the new tree.
        let view = Forest::<K> {
            base: 0.0,
            roots: &[root],
            nodes: &forest.nodes,
        };
        for i in 0..n {
            f[i] += f64::from(view.logit(&x[i]));
        }
    }
    forest
}

/// Grow a node over samples `idx`; returns its index.
#[cfg(feature = "train")]
#[allow(clippy::too_many_arguments)]
fn grow<const K: usize>(
    nodes: &mut Vec<Node>,
    bins: &[u8],
    thresholds: &[Vec<f32>],
    g: &[f64],
    h: &[f64],
    idx: Vec<u32>,
    cfg: Boosting,
    depth: usize,
) -> u32 {
    let (gs, hs) = idx.iter().fold((0.0, 0.0), |(a, b), &i| {
        (a + g[i as usize], b + h[i as usize])
    });
    let value = (-gs / (hs + cfg.lambda) * cfg.learning_rate) as f32;
    let me = nodes.len() as u32;
    nodes.push(Node {
        feature: u16::MAX,
        threshold: 0.0,
        left: 0,
        right: 0,
        value,
    });
    if depth >= cfg.depth || hs < 2.0 * cfg.min_hessian {
        return me;
    }
    let mut hist = vec![(0.0f64, 0.0f64); K * BINS];
    for &i in &idx {
        let row = &bins[i as usize * K..i as usize * K + K];
        for k in 0..K {
            let e = &mut hist[k * BINS + row[k] as usize];
            e.0 += g[i as usize];
            e.1 += h[i as usize];
        }
    }
    let parent = gs * gs / (hs + cfg.lambda);
    let mut best: Option<(f64, usize, usize)> = None;
    for k in 0..K {
        let nb = thresholds[k].len().min(BINS);
        let (mut gl, mut hl) = (0.0, 0.0);
        for b in 0..nb.saturating_sub(1) {
            gl += hist[k * BINS + b].0;
            hl += hist[k * BINS + b].1;
            let (gr, hr) = (gs - gl, hs - hl);
            if hl < cfg.min_hessian || hr < cfg.min_hessian {
                continue;
            }
            let gain = gl * gl / (hl + cfg.lambda) + gr * gr / (hr + cfg.lambda) - parent;
            if gain > 1e-6 && best.is_none_or(|(bg, _, _)| gain > bg) {
                best = Some((gain, k, b));
            }
        }
    }
    let Some((_, k, b)) = best else {
        return me;
    };
    let (l, r): (Vec<u32>, Vec<u32>) = idx
        .into_iter()
        .partition(|&i| (bins[i as usize * K + k] as usize) <= b);
    let left = grow::<K>(nodes, bins, thresholds, g, h, l, cfg, depth + 1);
    let right = grow::<K>(nodes, bins, thresholds, g, h, r, cfg, depth + 1);
    nodes[me as usize] = Node {
        feature: k as u16,
        threshold: thresholds[k][b],
        left,
        right,
        value,
    };
    me
}

#[cfg(all(test, feature = "train"))]
mod tests {
    use super::*;

    #[test]
    fn learns_an_interaction() {
        // Body when x0 > 0.5 XOR x1 > 0.5: no weighted sum can do it, depth-2 trees can.
        let x: Vec<[f32; 2]> = (0..400)
            .map(|i| [(i % 20) as f32 / 20.0, (i / 20) as f32 / 20.0])
            .collect();
        let y: Vec<f32> = x
            .iter()
            .map(|v| f32::from(u8::from((v[0] > 0.5) != (v[1] > 0.5))))
            .collect();
        let w = vec![1.0; x.len()];
        let cfg = Boosting {
            trees: 30,
            depth: 2,
            learning_rate: 0.5,
            lambda: 1.0,
            min_hessian: 1.0,
        };
        let f = fit(&x, &y, &w, cfg);
        let view = f.view::<2>();
        let right = x
            .iter()
            .zip(&y)
            .filter(|(xi, yi)| (view.logit(xi) > 0.0) == (**yi > 0.5))
            .count();
        assert!(right >= 390, "{right}");
        // Contributions add up to the prediction.
        let c = view.contributions(&x[5]);
        let roots: f32 = f.roots.iter().map(|&r| f.nodes[r as usize].value).sum();
        assert!((c.iter().sum::<f32>() + view.base + roots - view.logit(&x[5])).abs() < 1e-4);
    }
}
