//! Features → scores: a logistic model over the block features.
//!
//! The weights live in `src/weights.rs`; `DESIGN.md` says how they were set.

use crate::block::Reason;
use crate::features::{Features, N, NAMES};
use crate::segment::Segment;
use crate::weights;

/// A logistic model: `p = 1 / (1 + exp(-(bias + Σ wᵢ·xᵢ)))`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Model {
    pub bias: f32,
    pub weights: [f32; N],
}

impl Model {
    /// The raw score (log-odds).
    pub fn logit(&self, x: &[f32; N]) -> f32 {
        self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f32>()
    }
}

pub(crate) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The stage-one score of each block and the features that moved it most.
#[derive(Debug, Clone)]
pub(crate) struct Scored {
    /// Probability-like belief that the block is body, from its own features.
    pub p: f32,
    /// The largest contributions, strongest first.
    pub reasons: Vec<Reason>,
}

/// How many feature contributions `explain` reports per block.
const TOP_REASONS: usize = 4;

pub(crate) fn score(_segments: &[Segment], feats: &[Features]) -> Vec<Scored> {
    let m = &weights::BLOCK;
    feats
        .iter()
        .map(|f| {
            let p = sigmoid(m.logit(&f.v));
            let mut contrib: Vec<(usize, f32)> = (0..N)
                .map(|j| (j, m.weights[j] * f.v[j]))
                .filter(|&(_, c)| c.abs() > 0.05)
                .collect();
            contrib.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
            let reasons = contrib
                .into_iter()
                .take(TOP_REASONS)
                .map(|(j, c)| Reason::Feature {
                    name: NAMES[j],
                    value: f.v[j],
                    weight: c,
                })
                .collect();
            Scored { p, reasons }
        })
        .collect()
}
