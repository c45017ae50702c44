//! Fitting the classifier's weights (cargo feature `train`; used by `examples/train.rs`).
//!
//! Not part of the stable API: the functions expose the pipeline's internal features so that
//! the weights in `src/weights.rs` can be refitted from any corpus by a script anyone can run.

use crate::context;
use crate::features::{self, Features};
use crate::lang;
use crate::score::{self, sigmoid};
use crate::segment::{self, Segment};

pub use crate::context::{M, NAMES as CONTEXT_NAMES};
pub use crate::features::{N, NAMES as BLOCK_NAMES};
pub use crate::score::Model;

/// One page cut into blocks, with the stage-one features of each block.
#[derive(Debug)]
pub struct Page {
    segments: Vec<Segment>,
    feats: Vec<Features>,
}

impl Page {
    /// Segment `text` and compute features, exactly as `clean` does with default options.
    pub fn new(text: &str) -> Page {
        let segments = segment::segment(text);
        let stops = lang::choose(None, &segments);
        let feats = features::compute(&segments, &stops);
        Page { segments, feats }
    }

    /// Number of blocks.
    pub fn len(&self) -> usize {
        self.segments.len()
    }

    /// Whether the page has no block.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The normalised text of block `i`.
    pub fn text(&self, i: usize) -> &str {
        &self.segments[i].text
    }

    /// Word count of block `i`.
    pub fn words(&self, i: usize) -> usize {
        self.feats[i].words
    }

    /// Stage-one features of every block.
    pub fn block_features(&self) -> Vec<[f32; N]> {
        self.feats.iter().map(|f| f.v).collect()
    }

    /// Context features of every block, given the stage-one model and the context models
    /// already fitted (each context stage reads the log-odds of the stage before).
    pub fn context_features(&self, block: &Model<N>, stages: &[Model<M>]) -> Vec<[f32; M]> {
        let mut z = score::logits_with(block, &self.feats);
        for m in stages {
            z = context::logits_with(m, &context::features(&self.segments, &self.feats, &z));
        }
        context::features(&self.segments, &self.feats, &z)
    }
}

/// Fit a weighted logistic regression with an L2 penalty `l2` on the weights (not the bias)
/// by Newton's method. `y` are targets in `[0, 1]`, `w` sample weights.
pub fn fit<const K: usize>(x: &[[f32; K]], y: &[f32], w: &[f32], l2: f64) -> Model<K> {
    let d = K + 1;
    let mut beta = vec![0.0f64; d];
    for _ in 0..30 {
        let mut grad = vec![0.0f64; d];
        let mut hess = vec![0.0f64; d * d];
        for ((xi, &yi), &wi) in x.iter().zip(y).zip(w) {
            let mut z = beta[0];
            for k in 0..K {
                z += beta[k + 1] * f64::from(xi[k]);
            }
            let p = 1.0 / (1.0 + (-z).exp());
            let g = f64::from(wi) * (p - f64::from(yi));
            let h = f64::from(wi) * (p * (1.0 - p)).max(1e-9);
            let row = |k: usize| if k == 0 { 1.0 } else { f64::from(xi[k - 1]) };
            for a in 0..d {
                let xa = row(a);
                grad[a] += g * xa;
                for b in a..d {
                    hess[a * d + b] += h * xa * row(b);
                }
            }
        }
        for a in 1..d {
            grad[a] += l2 * beta[a];
            hess[a * d + a] += l2;
        }
        for a in 0..d {
            for b in 0..a {
                hess[a * d + b] = hess[b * d + a];
            }
        }
        let step = solve(hess, grad, d);
        let mut size = 0.0f64;
        for a in 0..d {
            beta[a] -= step[a];
            size = size.max(step[a].abs());
        }
        if size < 1e-6 {
            break;
        }
    }
    let mut weights = [0.0f32; K];
    for k in 0..K {
        weights[k] = beta[k + 1] as f32;
    }
    Model {
        bias: beta[0] as f32,
        weights,
    }
}

/// Solve `a·x = b` (a is `d×d`, symmetric positive definite) by Gaussian elimination.
fn solve(mut a: Vec<f64>, mut b: Vec<f64>, d: usize) -> Vec<f64> {
    for c in 0..d {
        let piv = (c..d)
            .max_by(|&i, &j| a[i * d + c].abs().total_cmp(&a[j * d + c].abs()))
            .unwrap_or(c);
        if piv != c {
            for k in 0..d {
                a.swap(c * d + k, piv * d + k);
            }
            b.swap(c, piv);
        }
        let diag = a[c * d + c];
        if diag.abs() < 1e-12 {
            continue;
        }
        for r in c + 1..d {
            let f = a[r * d + c] / diag;
            if f == 0.0 {
                continue;
            }
            for k in c..d {
                a[r * d + k] -= f * a[c * d + k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0f64; d];
    for c in (0..d).rev() {
        let mut s = b[c];
        for k in c + 1..d {
            s -= a[c * d + k] * x[k];
        }
        let diag = a[c * d + c];
        x[c] = if diag.abs() < 1e-12 { 0.0 } else { s / diag };
    }
    x
}

/// Mean weighted log-loss and accuracy (at ½) of a model on samples.
pub fn assess<const K: usize>(m: &Model<K>, x: &[[f32; K]], y: &[f32], w: &[f32]) -> (f64, f64) {
    let (mut loss, mut acc, mut tot) = (0.0f64, 0.0f64, 0.0f64);
    for ((xi, &yi), &wi) in x.iter().zip(y).zip(w) {
        let p = f64::from(sigmoid(m.logit(xi))).clamp(1e-6, 1.0 - 1e-6);
        let yi = f64::from(yi);
        loss -= f64::from(wi) * (yi * p.ln() + (1.0 - yi) * (1.0 - p).ln());
        if (p >= 0.5) == (yi >= 0.5) {
            acc += f64::from(wi);
        }
        tot += f64::from(wi);
    }
    (loss / tot.max(1e-9), acc / tot.max(1e-9))
}

/// Rust source for `src/weights.rs` holding the two models.
pub fn weights_source(block: &Model<N>, ctx: &[Model<M>], provenance: &str) -> String {
    fn body<const K: usize>(m: &Model<K>, names: &[&str; K]) -> String {
        let mut s = format!("    bias: {:?},\n    weights: [\n", m.bias);
        for (w, n) in m.weights.iter().zip(names) {
            s.push_str(&format!("        {w:?}, // {n}\n"));
        }
        s.push_str("    ],\n");
        s
    }
    format!(
        "//! Model weights, written by `examples/train.rs`: do not edit by hand.\n//!\n//! {provenance}\n\n\
         use crate::context::M;\nuse crate::features::N;\nuse crate::score::Model;\n\n\
         /// Stage one: a block on its own features (see `features::NAMES`).\n\
         pub(crate) const BLOCK: Model<N> = Model {{\n{}}};\n\n\
         /// Context stages, applied in turn: a block in its context (see `context::NAMES`).\n\
         pub(crate) const CONTEXT: [Model<M>; {}] = [\n{}];\n",
        body(block, &BLOCK_NAMES),
        ctx.len(),
        ctx.iter()
            .map(|m| format!("Model {{\n{}}},\n", body(m, &CONTEXT_NAMES)))
            .collect::<String>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_recovers_a_separating_rule() {
        // y = 1 when x0 > 0.5: the fitted weight must be positive and classify all points.
        let x: Vec<[f32; 1]> = (0..100).map(|i| [i as f32 / 100.0]).collect();
        let y: Vec<f32> = x.iter().map(|v| f32::from(u8::from(v[0] > 0.5))).collect();
        let w = vec![1.0; 100];
        let m = fit(&x, &y, &w, 0.01);
        assert!(m.weights[0] > 0.0);
        let (_, acc) = assess(&m, &x, &y, &w);
        assert!(acc > 0.95, "{acc}");
    }
}
