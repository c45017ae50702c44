//! Features → scores: logistic models over the block features.
//!
//! Stage one scores a block on its own features with a boosted forest ([`crate::trees`]);
//! the context stages (in [`crate::context`]) rescore it with its neighbours' scores. The
//! forests live in `src/weights.rs`, written by `examples/train.rs`; `DESIGN.md` says how
//! they were fitted.

use crate::block::Reason;
use crate::features::{Features, N, NAMES};
use crate::trees::Forest;
use crate::weights;

/// The logistic function.
pub(crate) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// How many feature contributions `explain` reports per block.
const TOP_REASONS: usize = 4;

/// Stage-one log-odds of every block under model `m` (`weights::BLOCK` ships; training
/// fits others).
pub(crate) fn logits_with(m: &Forest<'_, N>, feats: &[Features]) -> Vec<f32> {
    m.logits(feats.iter().map(|f| &f.v))
}

/// The features that moved a block's stage-one score most, strongest first.
pub(crate) fn reasons(f: &Features) -> Vec<Reason> {
    let c = weights::BLOCK.contributions(&f.v);
    let mut contrib: Vec<(usize, f32)> = (0..N)
        .map(|j| (j, c[j]))
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
