//! Features → scores: logistic models over the block features.
//!
//! Stage one scores a block on its own features; stage two (in [`crate::context`]) rescores it
//! with its neighbours' stage-one scores. The weights live in `src/weights.rs`, written by
//! `examples/train.rs`; `DESIGN.md` says how they were fitted.

use crate::block::Reason;
use crate::features::{Features, N, NAMES};
use crate::weights;

/// A logistic model: `p = 1 / (1 + exp(-(bias + Σ wᵢ·xᵢ)))`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model<const K: usize> {
    /// Intercept.
    pub bias: f32,
    /// One weight per feature.
    pub weights: [f32; K],
}

impl<const K: usize> Model<K> {
    /// The raw score (log-odds).
    pub fn logit(&self, x: &[f32; K]) -> f32 {
        self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f32>()
    }
}

/// The logistic function.
pub(crate) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// How many feature contributions `explain` reports per block.
const TOP_REASONS: usize = 4;

/// Stage-one log-odds of every block.
pub(crate) fn logits(feats: &[Features]) -> Vec<f32> {
    logits_with(&weights::BLOCK, feats)
}

/// Stage-one log-odds under a given model (training fits other models).
pub(crate) fn logits_with(m: &Model<N>, feats: &[Features]) -> Vec<f32> {
    feats.iter().map(|f| m.logit(&f.v)).collect()
}

/// The features that moved a block's stage-one score most, strongest first.
pub(crate) fn reasons(f: &Features) -> Vec<Reason> {
    let m = &weights::BLOCK;
    let mut contrib: Vec<(usize, f32)> = (0..N)
        .map(|j| (j, m.weights[j] * f.v[j]))
        .filter(|&(_, c)| c.abs() > 0.05)
        .collect();
    contrib.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    contrib
        .into_iter()
        .take(TOP_REASONS)
        .map(|(j, c)| Reason::Feature {
            name: NAMES[j],
            value: f.v[j],
            weight: c,
        })
        .collect()
}
