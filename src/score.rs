//! Features → scores: logistic models over the block features.
//!
//! Stage one scores a block on its own features with a boosted forest ([`crate::trees`]);
//! the context stages (in [`crate::context`]) rescore it with its neighbours' scores. The
//! forests live in `src/weights.rs`, written by `examples/train.rs`; `DESIGN.md` says how
//! they were fitted.

use crate::block::Reason;
use crate::features::{Features, N, NAMES, Summary};
use crate::trees::Forest;

/// The logistic function.
pub(crate) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// How many feature contributions `explain` reports per block.
const TOP_REASONS: usize = 4;

/// Stage one over every block: what later stages read of its features, its log-odds, and
/// (for `explain`) its strongest features.
#[derive(Debug, Default)]
pub(crate) struct StageOne {
    pub summaries: Vec<Summary>,
    pub z: Vec<f32>,
    /// Empty unless reasons were asked for.
    pub reasons: Vec<Vec<Reason>>,
}

/// Blocks whose full feature vectors are held at once (the forest scores rows 32 at a time;
/// 64 held 13 KB, a large share of the peak heap of a typical 20 KB page).
const CHUNK: usize = 32;

/// Score `feats` (every block, in order) with forest `block` (`weights::BLOCK` ships;
/// training fits others) in chunks, keeping only their summaries; each block's features are
/// then handed to `keep` with the block's index and log-odds.
pub(crate) fn stage_one(
    block: &Forest<'_, N>,
    feats: impl Iterator<Item = Features>,
    with_reasons: bool,
    mut keep: impl FnMut(usize, f32, Features),
) -> StageOne {
    let n = feats.size_hint().0;
    let mut out = StageOne {
        summaries: Vec::with_capacity(n),
        z: Vec::with_capacity(n),
        reasons: Vec::new(),
    };
    let mut chunk: Vec<Features> = Vec::with_capacity(CHUNK);
    let mut feats = feats.peekable();
    while feats.peek().is_some() {
        chunk.extend(feats.by_ref().take(CHUNK));
        let at = out.z.len();
        out.z.extend(block.logits(chunk.iter().map(|f| &f.v)));
        out.summaries.extend(chunk.iter().map(Summary::of));
        if with_reasons {
            out.reasons.extend(chunk.iter().map(|f| reasons(block, f)));
        }
        for (i, f) in (at..).zip(chunk.drain(..)) {
            keep(i, out.z[i], f);
        }
    }
    out
}

/// Stage-one log-odds under a given model (training fits other models).
#[cfg(feature = "train")]
pub(crate) fn logits_with(m: &Forest<'_, N>, feats: &[Features]) -> Vec<f32> {
    m.logits(feats.iter().map(|f| &f.v))
}

/// The features that moved a block's stage-one score most, strongest first.
fn reasons(block: &Forest<'_, N>, f: &Features) -> Vec<Reason> {
    let c = block.contributions(&f.v);
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
