//! Features → scores: boosted forests over the block features.
//!
//! Stage one scores a block on its own features with a forest ([`trees`]); the context
//! stages (`decide::context`) rescore it with its neighbours' scores. The shipped forests
//! live in `weights.rs`, written by `examples/train.rs`; `DESIGN.md` says how they were
//! fitted.

pub(crate) mod page_type;
mod page_weights;
pub(crate) mod trees;
mod weights;

use crate::features::{BlockFeatures, Features, M, N, P, Summary};
use trees::Forest;

/// The forests a pass scores with: the shipped ones ([`SHIPPED`]), or others that training
/// fits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Models<'m> {
    /// Stage one: a block on its own features.
    pub block: &'m Forest<'m, N>,
    /// The context stages, applied in turn.
    pub stages: &'m [Forest<'m, M>],
    /// Context stages applied after `stages` on pages of items (see
    /// `PageType::itemised`): fitted on such pages alone, so articles do not pay for them.
    pub items: &'m [Forest<'m, M>],
    /// The page-type forests, one per type (`page_type::PageType::ALL`).
    pub pages: &'m [Forest<'m, P>],
}

/// The shipped forests.
pub(crate) const SHIPPED: Models<'static> = Models {
    block: &weights::BLOCK,
    stages: &weights::CONTEXT,
    items: &weights::ITEMS,
    pages: &page_weights::PAGE,
};

/// A feature's part in a block's stage-one score, as `explain` reports it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Contribution {
    /// The feature's name.
    pub name: &'static str,
    /// Its value for the block.
    pub value: f32,
    /// What it added to the log-odds.
    pub weight: f32,
}

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
    /// The strongest features of every block; empty unless reasons were asked for.
    pub reasons: Vec<Vec<Contribution>>,
}

/// Blocks whose full feature vectors are held at once (the forest scores rows 32 at a time;
/// 64 held 13 KB, a large share of the peak heap of a typical 20 KB page).
const CHUNK: usize = 32;

/// Score `feats` (every block, in order) with forest `block` (`weights::BLOCK` ships;
/// training fits others) in chunks, keeping only their summaries; each block's features are
/// then handed to `keep` with the block's index and log-odds. Stage one reads nothing but a
/// block's text (and the stopwords), so the forest runs once a text: `first(i)` is the
/// first block with the text of block `i`, whose log-odds block `i` takes; and `known`,
/// where given, holds every block's log-odds from an earlier pass over the same texts
/// under the same stopwords.
pub(crate) fn stage_one(
    block: &Forest<'_, N>,
    feats: impl Iterator<Item = Features>,
    first: impl Fn(usize) -> usize,
    known: Option<&[f32]>,
    with_reasons: bool,
    rows: &mut trees::Rows,
    mut keep: impl FnMut(usize, f32, Features),
) -> StageOne {
    let n = feats.size_hint().0;
    let mut out = StageOne {
        summaries: Vec::with_capacity(n),
        z: Vec::with_capacity(n),
        reasons: Vec::new(),
    };
    // The chunk's features on the stack, as the forest's rows are: 6 KB on the heap were a
    // large share of the peak heap of a small page (and of most later passes of settling).
    let mut chunk: [Option<Features>; CHUNK] = std::array::from_fn(|_| None);
    let mut feats = feats.peekable();
    while feats.peek().is_some() {
        let mut filled = 0;
        for (slot, f) in chunk.iter_mut().zip(feats.by_ref()) {
            *slot = Some(f);
            filled += 1;
        }
        let chunk = &mut chunk[..filled];
        let at = out.z.len();
        match known {
            Some(z) => out.z.extend_from_slice(&z[at..at + filled]),
            None => {
                // The chunk's blocks whose text the page gives here first, scored in order.
                let (mut fresh, mut len) = ([0usize; CHUNK], 0);
                for k in (0..filled).filter(|k| first(at + k) == at + k) {
                    fresh[len] = k;
                    len += 1;
                }
                let fill = |j: usize, row: &mut [f32; N]| {
                    if let Some(f) = &chunk[fresh[j]] {
                        *row = f.v.to_array();
                    }
                };
                let mut z = block.logits_filled(len, fill, rows).into_iter();
                for k in 0..filled {
                    let z = match first(at + k) {
                        f if f == at + k => z.next().unwrap_or_default(),
                        f => out.z[f],
                    };
                    out.z.push(z);
                }
            }
        }
        out.summaries
            .extend(chunk.iter().flatten().map(Summary::of));
        if with_reasons {
            out.reasons
                .extend(chunk.iter().flatten().map(|f| reasons(block, f)));
        }
        for (i, f) in (at..).zip(chunk.iter_mut().filter_map(Option::take)) {
            keep(i, out.z[i], f);
        }
    }
    out
}

/// Stage-one log-odds under a given model (training fits other models).
#[cfg(feature = "train")]
pub(crate) fn logits_with(m: &Forest<'_, N>, feats: &[Features]) -> Vec<f32> {
    m.logits(feats.iter().map(|f| f.v.to_array()))
}

/// The features that moved a block's stage-one score most, strongest first.
fn reasons(block: &Forest<'_, N>, f: &Features) -> Vec<Contribution> {
    let v = f.v.to_array();
    let c = block.contributions(&v);
    let mut contrib: Vec<(usize, f32)> = (0..N)
        .map(|j| (j, c[j]))
        .filter(|&(_, c)| c.abs() > 0.05)
        .collect();
    contrib.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    contrib
        .into_iter()
        .take(TOP_REASONS)
        .map(|(j, c)| Contribution {
            name: BlockFeatures::NAMES[j],
            value: v[j],
            weight: c,
        })
        .collect()
}
