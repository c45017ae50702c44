//! Fitting boosted forests: histogram-binned gradient boosting with second-order leaves.

use crate::model::trees::{DEPTH, Forest, INNER, NODES, Tree, X_PAD};

/// An owned forest, as fitted (training only).
#[derive(Debug, Clone, Default)]
pub struct OwnedForest {
    /// Log-odds before any tree.
    pub base: f32,
    /// The trees.
    pub trees: Vec<Tree>,
}

impl OwnedForest {
    /// Borrow as a [`Forest`].
    pub fn view<const K: usize>(&self) -> Forest<'_, K> {
        Forest {
            base: self.base,
            trees: &self.trees,
        }
    }
}

/// A node while growing a tree.
#[derive(Debug, Clone, Copy)]
struct Grown {
    split: Option<(u16, f32)>,
    value: f32,
}

/// Settings of the boosting.
#[derive(Debug, Clone, Copy)]
pub struct Boosting {
    /// Number of trees.
    pub trees: usize,
    /// Shrinkage applied to every leaf.
    pub learning_rate: f64,
    /// L2 penalty on leaf values.
    pub lambda: f64,
    /// Smallest summed hessian in a child.
    pub min_hessian: f64,
    /// Share of the samples each tree is grown on (1 = all; below 1 is stochastic boosting,
    /// which steadies the fit against the noise of a few pages). The draw is a hash of the
    /// tree and sample numbers, so a refit is repeatable.
    pub subsample: f64,
    /// Share of the features each tree may split on (1 = all), drawn the same way.
    pub colsample: f64,
    /// Varies the draws of `subsample` and `colsample` (a second fit with another seed shows
    /// how much of a difference is the draw's).
    pub seed: u64,
    /// Number of forests fitted with seeds `seed`, `seed + 1`, … and averaged (bagging of
    /// boosted forests: the average draws less on the noise of one draw). The average ships as
    /// one forest of `bags × trees` trees with every leaf value divided by `bags`.
    pub bags: usize,
}

/// A repeatable draw in `[0, 1)` from two numbers (SplitMix64 finaliser).
fn draw(a: u64, b: u64) -> f64 {
    let mut z = a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_add(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

const BINS: usize = 64;

/// Fit a forest to targets `y` in `[0, 1]` with sample weights `w` (logistic loss).
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
    assert!(K <= X_PAD, "at most 64 features");
    let bags = cfg.bags.max(1);
    let mut forest = OwnedForest {
        base: base as f32,
        trees: Vec::new(),
    };
    for bag in 0..bags {
        let cfg = Boosting {
            seed: cfg.seed.wrapping_add(bag as u64),
            ..cfg
        };
        let trees = boost::<K>(x, y, w, &bins, &thresholds, base, cfg);
        let share = 1.0 / bags as f32;
        forest
            .trees
            .extend(trees.into_iter().map(|t| t.scaled(share)));
    }
    forest
}

/// The trees of one boosted forest, from binned features.
fn boost<const K: usize>(
    x: &[[f32; K]],
    y: &[f32],
    w: &[f32],
    bins: &[u8],
    thresholds: &[Vec<f32>],
    base: f64,
    cfg: Boosting,
) -> Vec<Tree> {
    let n = x.len();
    let mut f = vec![base; n];
    let mut trees: Vec<Tree> = Vec::with_capacity(cfg.trees);
    let mut g = vec![0.0f64; n];
    let mut h = vec![0.0f64; n];
    for round in 0..cfg.trees {
        for i in 0..n {
            let p = 1.0 / (1.0 + (-f[i]).exp());
            g[i] = f64::from(w[i]) * (p - f64::from(y[i]));
            h[i] = f64::from(w[i]) * (p * (1.0 - p)).max(1e-6);
        }
        // Heap-ordered complete tree; unsplit nodes pass everything left.
        let mut tree = vec![
            Grown {
                split: None,
                value: 0.0
            };
            NODES
        ];
        let r = round as u64 ^ cfg.seed.wrapping_mul(0x2545_F491_4F6C_DD1D);
        let rows: Vec<u32> = (0..n as u32)
            .filter(|&i| cfg.subsample >= 1.0 || draw(r, u64::from(i)) < cfg.subsample)
            .collect();
        let mut allowed = [true; X_PAD];
        if cfg.colsample < 1.0 {
            for (k, a) in allowed.iter_mut().enumerate().take(K) {
                *a = draw(r, (1 << 40) + k as u64) < cfg.colsample;
            }
        }
        let grower = Grower {
            bins,
            thresholds,
            allowed: &allowed,
            g: &g,
            h: &h,
            cfg,
        };
        grower.grow::<K>(&mut tree, 0, rows, 0);
        let mut feature = [0u8; INNER];
        let mut threshold = [f32::INFINITY; INNER];
        let mut value = [0.0f32; NODES];
        for i in 0..INNER {
            if let Some((k, th)) = tree[i].split {
                feature[i] = k as u8;
                threshold[i] = th;
            } else {
                // Children of a leaf repeat its value.
                tree[2 * i + 1].value = tree[i].value;
                tree[2 * i + 2].value = tree[i].value;
            }
        }
        for (v, g) in value.iter_mut().zip(&tree) {
            *v = g.value;
        }
        let t = Tree::new(feature, threshold, value);
        trees.push(t);
        // Update scores with the new tree.
        let view = Forest::<K> {
            base: 0.0,
            trees: std::slice::from_ref(&t),
        };
        for i in 0..n {
            f[i] += f64::from(view.logit(&x[i]));
        }
    }
    trees
}

/// What growing one tree reads.
struct Grower<'a> {
    bins: &'a [u8],
    thresholds: &'a [Vec<f32>],
    /// Features this tree may split on.
    allowed: &'a [bool; X_PAD],
    g: &'a [f64],
    h: &'a [f64],
    cfg: Boosting,
}

impl Grower<'_> {
    /// Grow node `at` of a heap-ordered tree over samples `idx`.
    fn grow<const K: usize>(&self, tree: &mut [Grown], at: usize, idx: Vec<u32>, depth: usize) {
        let (bins, thresholds, g, h, cfg) = (self.bins, self.thresholds, self.g, self.h, self.cfg);
        let (gs, hs) = idx.iter().fold((0.0, 0.0), |(a, b), &i| {
            (a + g[i as usize], b + h[i as usize])
        });
        tree[at].value = (-gs / (hs + cfg.lambda) * cfg.learning_rate) as f32;
        if depth >= DEPTH || hs < 2.0 * cfg.min_hessian {
            return;
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
        for k in (0..K).filter(|&k| self.allowed[k]) {
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
            return;
        };
        tree[at].split = Some((k as u16, thresholds[k][b]));
        let (l, r): (Vec<u32>, Vec<u32>) = idx
            .into_iter()
            .partition(|&i| (bins[i as usize * K + k] as usize) <= b);
        self.grow::<K>(tree, 2 * at + 1, l, depth + 1);
        self.grow::<K>(tree, 2 * at + 2, r, depth + 1);
    }
}

#[cfg(test)]
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
            learning_rate: 0.5,
            lambda: 1.0,
            min_hessian: 1.0,
            subsample: 1.0,
            colsample: 1.0,
            seed: 0,
            bags: 1,
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
        assert!(
            (c.iter().sum::<f32>() + view.base + view.roots() - view.logit(&x[5])).abs() < 1e-4
        );
    }
}
