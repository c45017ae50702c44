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
pub use crate::trees::{Boosting, Forest, OwnedForest, fit};

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
    pub fn context_features(
        &self,
        block: &Forest<'_, N>,
        stages: &[Forest<'_, M>],
    ) -> Vec<[f32; M]> {
        let mut z = score::logits_with(block, &self.feats);
        for m in stages {
            z = context::logits_with(m, &context::features(&self.segments, &self.feats, &z));
        }
        context::features(&self.segments, &self.feats, &z)
    }
}

/// Mean weighted log-loss and accuracy (at ½) of a model on samples.
pub fn assess<const K: usize>(
    m: &Forest<'_, K>,
    x: &[[f32; K]],
    y: &[f32],
    w: &[f32],
) -> (f64, f64) {
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

/// Rust source for `src/weights.rs` holding the stage-one forest and the context forests.
pub fn weights_source(block: &OwnedForest, ctx: &[OwnedForest], provenance: &str) -> String {
    fn forest(name: &str, f: &OwnedForest, k: &str) -> String {
        format!(
            "Forest::<{k}> {{ base: {:?}, depth: {}, feature: &{name}_FEATURE, threshold: &{name}_THRESHOLD, value: &{name}_VALUE }}",
            f.base, f.depth
        )
    }
    fn table(name: &str, f: &OwnedForest) -> String {
        let list = |v: Vec<String>| {
            v.chunks(8)
                .map(|c| format!("    {},\n", c.join(", ")))
                .collect::<String>()
        };
        format!(
            "static {name}_FEATURE: [u16; {}] = [\n{}];\nstatic {name}_THRESHOLD: [f32; {}] = [\n{}];\nstatic {name}_VALUE: [f32; {}] = [\n{}];\n",
            f.feature.len(),
            list(f.feature.iter().map(|v| v.to_string()).collect()),
            f.threshold.len(),
            list(
                f.threshold
                    .iter()
                    .map(|v| if v.is_infinite() {
                        "f32::INFINITY".into()
                    } else {
                        format!("{v:?}")
                    })
                    .collect()
            ),
            f.value.len(),
            list(f.value.iter().map(|v| format!("{v:?}")).collect()),
        )
    }
    let mut out = format!(
        "//! Classifier forests, written by `examples/train.rs`: do not edit by hand.\n//!\n//! {provenance}\n\n\
         // Thresholds are data: some happen to be close to ln 2 or ln 10.\n\
         #![allow(clippy::approx_constant)]\n\n\
         use crate::context::M;\nuse crate::features::N;\nuse crate::trees::Forest;\n\n\
         /// Stage one: a block on its own features (see `features::NAMES`).\n\
         pub(crate) static BLOCK: Forest<'static, N> = {};\n\n\
         /// Context stages, applied in turn (see `context::NAMES`).\n\
         pub(crate) static CONTEXT: [Forest<'static, M>; {}] = [\n",
        forest("BLOCK", block, "N"),
        ctx.len()
    );
    for (i, c) in ctx.iter().enumerate() {
        out.push_str(&format!(
            "    {},\n",
            forest(&format!("CONTEXT{i}"), c, "M")
        ));
    }
    out.push_str("];\n\n");
    out.push_str(&table("BLOCK", block));
    for (i, c) in ctx.iter().enumerate() {
        out.push_str(&table(&format!("CONTEXT{i}"), c));
    }
    out
}
