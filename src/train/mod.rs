//! Fitting the classifier's weights (cargo feature `train`; used by `examples/train.rs`).
//!
//! Not part of the stable API: the functions expose the pipeline's internal features so that
//! the weights in `src/model/weights.rs` can be refitted from any corpus by a script anyone can run.

mod fit;

use crate::decide::context;
use crate::features::language;
use crate::features::page::{PageFeatures, PageStats};
use crate::features::{self, BlockFeatures, ContextFeatures, Features, Summary};
use crate::model::page_type::{self, PageType};
use crate::model::trees::Rows;
use crate::model::{self, Models, sigmoid};
use crate::segment::{self, Segment};

pub use crate::features::{M, N, P};
pub use crate::model::trees::Forest;
pub use fit::{Boosting, OwnedForest, fit};

/// Context stages before the item stages (forests saved by `train --cv --save-forests`
/// hold the stage-one forest, these, then the item stages).
pub const CONTEXT_STAGES: usize = 2;

/// Whether pages of type `t` are read by the item stages (`clean_as`'s `items`).
pub fn itemised(t: PageType) -> bool {
    t.itemised()
}

/// Names of the stage-one features, in the order the forests read them.
pub const BLOCK_NAMES: [&str; N] = BlockFeatures::NAMES;
/// Names of the context features, in the order the forests read them.
pub const CONTEXT_NAMES: [&str; M] = ContextFeatures::NAMES;

/// Names of the page features, in the order the page-type forests read them.
pub const PAGE_NAMES: [&str; P] = PageFeatures::NAMES;

/// One page cut into blocks, with the stage-one features of each block.
#[derive(Debug)]
pub struct Page {
    segments: Vec<Segment<'static>>,
    feats: Vec<Features>,
    /// The language of the stoplist chosen.
    language: Option<&'static str>,
}

impl Page {
    /// Segment `text` and compute features, exactly as `clean` does with default options.
    pub fn new(text: &str) -> Page {
        // Owned: the page outlives the text it was read from.
        let segments: Vec<_> = segment::segment(text)
            .into_iter()
            .map(Segment::into_owned)
            .collect();
        let stops = language::choose(None, &segments);
        let feats = features::compute(&segments, &stops).collect();
        Page {
            segments,
            feats,
            language: stops.code(),
        }
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
        self.feats.iter().map(|f| f.v.to_array()).collect()
    }

    /// The page's features, as the page-type forests read them, with the shipped block
    /// forest's beliefs.
    pub fn page_features(&self) -> [f32; P] {
        self.page_features_with(model::SHIPPED.block)
    }

    /// [`Page::page_features`] with the beliefs of block forest `block` (cross-validation
    /// reads a page with the forest fitted without it).
    pub fn page_features_with(&self, block: &Forest<'_, N>) -> [f32; P] {
        let z = model::logits_with(block, &self.feats);
        let mut stats = PageStats::new(self.language);
        for ((f, s), z) in self.feats.iter().zip(&self.segments).zip(z) {
            let m = stats.marks(f, s);
            stats.add(f, s, model::sigmoid(z), &m);
        }
        stats.finish().to_array()
    }

    /// Context features of every block, given the stage-one model and the context models
    /// already fitted (each context stage reads the log-odds of the stage before).
    pub fn context_features(
        &self,
        block: &Forest<'_, N>,
        stages: &[Forest<'_, M>],
    ) -> Vec<[f32; M]> {
        let summaries: Vec<Summary> = self.feats.iter().map(Summary::of).collect();
        let z1 = model::logits_with(block, &self.feats);
        let staged = context::Staged::new(&self.segments, &summaries, &z1);
        staged
            .features(staged.through(z1.clone(), stages, &mut Rows::new()))
            .map(|f| f.to_array())
            .collect()
    }
}

/// `clean(text)` with default options, scored by the given forests instead of the shipped
/// ones (cross-validation scores every page with forests fitted without it).
pub fn clean_with(text: &str, block: &Forest<'_, N>, stages: &[Forest<'_, M>]) -> String {
    clean_as(text, block, stages, &[], None)
}

/// [`clean_with`] (with the item stages `items`) on a page of type `page_type` where given, as `Options::page_type` gives
/// it; without one the page is read as an article. Cross-validation gives the type that
/// page-type forests fitted without the page detect, which is what `clean` acts on.
pub fn clean_as(
    text: &str,
    block: &Forest<'_, N>,
    stages: &[Forest<'_, M>],
    items: &[Forest<'_, M>],
    page_type: Option<PageType>,
) -> String {
    // No page forests: the shipped ones were fitted on every page, so cross-validation
    // gives the type that forests fitted without the page detect, or none (an article).
    let models = Models {
        block,
        stages,
        items,
        pages: &[],
    };
    let options = crate::Options {
        page_type,
        ..crate::Options::default()
    };
    crate::page::clean(text, &options, models)
}

/// [`clean_with`] (with the item stages `items`) detecting the page's type with the page-type forests `pages` (one per
/// type, in the order of [`PageType::ALL`]) as `clean` does with the shipped ones: the type
/// acts, and settling detects it again on the kept text. Cross-validation gives the forests
/// fitted without the page.
pub fn clean_detecting(
    text: &str,
    block: &Forest<'_, N>,
    stages: &[Forest<'_, M>],
    items: &[Forest<'_, M>],
    pages: &[Forest<'_, P>],
) -> String {
    let models = Models {
        block,
        stages,
        items,
        pages,
    };
    crate::page::clean(text, &crate::Options::default(), models)
}

/// The page-type forests as plain text (as [`forests_text`] writes forests), for
/// [`page_forests_from_text`].
pub fn page_forests_text(forests: &[OwnedForest]) -> String {
    match forests.split_first() {
        Some((first, rest)) => forests_text(first, rest),
        None => String::new(),
    }
}

/// Read what [`page_forests_text`] wrote.
pub fn page_forests_from_text(text: &str) -> Option<Vec<OwnedForest>> {
    let (first, mut rest) = forests_from_text(text)?;
    rest.insert(0, first);
    Some(rest)
}

/// The probability of every page type (in the order of [`PageType::ALL`]) under the
/// page-type forests `forests`, for a page with features `x`.
pub fn page_type_probabilities(forests: &[Forest<'_, P>], x: &[f32; P]) -> [f32; 7] {
    page_type::probabilities(forests, x)
}

/// The page-type forests of the shipped weights.
pub fn shipped_page_forests() -> &'static [Forest<'static, P>] {
    model::SHIPPED.pages
}

/// The most probable type in `p` (as [`page_type_probabilities`] gives them).
pub fn most_probable(p: &[f32; 7]) -> (PageType, f32) {
    let (i, v) = p
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or((0, 1.0), |(i, v)| (i, *v));
    (PageType::ALL[i], v)
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

fn num(v: f32) -> String {
    if v.is_infinite() {
        "INF".into()
    } else {
        format!("{v:?}")
    }
}

/// A static array of trees named `name`, as Rust source.
fn trees_source(name: &str, f: &OwnedForest) -> String {
    let mut s = format!("static {name}: [Tree; {}] = [\n", f.trees.len());
    for t in &f.trees {
        s.push_str(&format!(
            "    t({:?}, [{}], [{}]),\n",
            t.features(),
            t.thresholds()
                .iter()
                .map(|v| num(*v))
                .collect::<Vec<_>>()
                .join(", "),
            t.values()
                .iter()
                .map(|v| num(*v))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s.push_str("];\n");
    s
}

/// The head of a generated forest file: what it holds and which example writes it (`what`,
/// `writer`), how it was fitted, and the imports and helpers the tree tables need
/// (`features`: the feature counts it imports).
fn source_head(what: &str, writer: &str, provenance: &str, features: &str) -> String {
    format!(
        "//! {what}, written by `examples/{writer}.rs`: do not edit by hand.\n//!\n//! {provenance}\n\n\
         // Thresholds are data: some happen to be close to ln 2 or ln 10.\n\
         #![allow(clippy::approx_constant)]\n\n\
         use super::trees::{{Forest, INNER, NODES, Tree}};\nuse crate::features::{features};\n\n\
         const INF: f32 = f32::INFINITY;\n\n\
         const fn t(feature: [u8; INNER], threshold: [f32; INNER], value: [f32; NODES]) -> Tree {{\n    \
         Tree::new(feature, threshold, value)\n}}\n\n"
    )
}

/// A static array `name` of `forests` (over vectors of length `k`) headed by the doc comment
/// `doc`, as Rust source; the trees of forest `i` are in the table `<name><i>_TREES` that
/// [`tables_source`] writes.
fn forests_source(doc: &str, name: &str, k: &str, forests: &[OwnedForest]) -> String {
    let mut out = format!(
        "{doc}pub(crate) static {name}: [Forest<'static, {k}>; {}] = [\n",
        forests.len()
    );
    for (i, f) in forests.iter().enumerate() {
        out.push_str(&format!(
            "    Forest {{ base: {:?}, trees: &{name}{i}_TREES }},\n",
            f.base
        ));
    }
    out.push_str("];\n\n");
    out
}

/// The tree tables of the array [`forests_source`] names `name`.
fn tables_source(name: &str, forests: &[OwnedForest]) -> String {
    let tables = forests.iter().enumerate();
    tables
        .map(|(i, f)| trees_source(&format!("{name}{i}_TREES"), f))
        .collect()
}

/// Rust source for `src/model/page_weights.rs` holding the page-type forests, one per type
/// in the order of [`PageType::ALL`].
pub fn page_weights_source(forests: &[OwnedForest], provenance: &str) -> String {
    let mut out = source_head("Page-type forests", "train_page", provenance, "P");
    out.push_str(&forests_source(
        "/// One forest per page type, in the order of `PageType::ALL` (one against the rest).\n",
        "PAGE",
        "P",
        forests,
    ));
    out.push_str(&tables_source("PAGE", forests));
    out
}

/// Rust source for `src/model/weights.rs` holding the stage-one forest, the context forests
/// and the item stages.
pub fn weights_source(
    block: &OwnedForest,
    ctx: &[OwnedForest],
    items: &[OwnedForest],
    provenance: &str,
) -> String {
    let mut out = source_head("Classifier forests", "train", provenance, "{M, N}");
    out.push_str(&format!(
        "/// Stage one: a block on its own features (see `features::BlockFeatures`).\n\
         pub(crate) static BLOCK: Forest<'static, N> = Forest {{ base: {:?}, trees: &BLOCK_TREES }};\n\n",
        block.base,
    ));
    out.push_str(&forests_source(
        "/// Context stages, applied in turn (see `features::ContextFeatures`).\n",
        "CONTEXT",
        "M",
        ctx,
    ));
    out.push_str(&forests_source(
        "/// Item stages, applied after the context stages on pages of items (see\n\
         /// `PageType::itemised`).\n",
        "ITEMS",
        "M",
        items,
    ));
    out.push_str(&trees_source("BLOCK_TREES", block));
    out.push_str(&tables_source("CONTEXT", ctx));
    out.push_str(&tables_source("ITEMS", items));
    out
}

/// The forests as plain text, one line per forest base and per tree, for
/// [`forests_from_text`]: `train --cv --save-forests` keeps each fold's fit so that a later
/// change of the code can be scored by the same forests (a paired comparison, free of the
/// draw's noise).
pub fn forests_text(block: &OwnedForest, ctx: &[OwnedForest]) -> String {
    let mut out = String::new();
    for f in std::iter::once(block).chain(ctx) {
        out.push_str(&format!("forest {:?}\n", f.base));
        for t in &f.trees {
            let join = |v: &[f32]| {
                v.iter()
                    .map(|x| format!("{x:?}"))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let features: Vec<String> = t.features().iter().map(u8::to_string).collect();
            out.push_str(&format!(
                "{};{};{}\n",
                features.join(","),
                join(t.thresholds()),
                join(t.values())
            ));
        }
    }
    out
}

/// Read what [`forests_text`] wrote: the stage-one forest and the context forests.
pub fn forests_from_text(text: &str) -> Option<(OwnedForest, Vec<OwnedForest>)> {
    use crate::model::trees::{INNER, NODES, Tree};
    let mut forests: Vec<OwnedForest> = Vec::new();
    for line in text.lines() {
        if let Some(base) = line.strip_prefix("forest ") {
            forests.push(OwnedForest {
                base: base.parse().ok()?,
                trees: Vec::new(),
            });
            continue;
        }
        let mut parts = line.split(';');
        let mut feature = [0u8; INNER];
        let mut threshold = [0f32; INNER];
        let mut value = [0f32; NODES];
        fill(&mut feature, parts.next()?)?;
        fill(&mut threshold, parts.next()?)?;
        fill(&mut value, parts.next()?)?;
        forests
            .last_mut()?
            .trees
            .push(Tree::new(feature, threshold, value));
    }
    let mut it = forests.into_iter();
    let block = it.next()?;
    Some((block, it.collect()))
}

/// Parse the comma-separated `field` into `slots`: `None` unless it holds exactly as many
/// numbers as there are slots.
fn fill<T: std::str::FromStr>(slots: &mut [T], field: &str) -> Option<()> {
    let mut values = field.split(',');
    for slot in slots.iter_mut() {
        *slot = values.next()?.parse().ok()?;
    }
    values.next().is_none().then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated files open as the shipped ones do (after `cargo fmt`, which leaves the
    /// head alone), up to the first tree table.
    #[test]
    fn generated_heads_match_the_shipped_files() {
        for (shipped, generated) in [
            (
                include_str!("../model/weights.rs"),
                weights_source as fn(&str) -> String,
            ),
            (include_str!("../model/page_weights.rs"), page_source),
        ] {
            let provenance = shipped.lines().nth(2).and_then(|l| l.strip_prefix("//! "));
            let head = |s: &str| -> String {
                s.lines()
                    .take_while(|l| !l.starts_with("pub(crate) static"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let text = generated(provenance.expect("a provenance line"));
            assert_eq!(head(&text), head(shipped));
        }

        fn weights_source(provenance: &str) -> String {
            super::weights_source(&OwnedForest::default(), &[], &[], provenance)
        }
        fn page_source(provenance: &str) -> String {
            page_weights_source(&[], provenance)
        }
    }
}
