//! Refit the classifier's weights on a corpus laid out like `../shared/corpus`.
//!
//! ```text
//! cargo run --release --features train --example train -- ../shared/corpus [--write src/model/weights.rs]
//!     [--all] [--self] [--cv DIR] [--trees BLOCK,CONTEXT] [--rate R] [--subsample S]
//!     [--colsample C] [--seed N] [--bags N] [--save-forests DIR | --load-forests DIR]
//!     [--page-forests DIR | --page-types DIR [--min-type-probability P]]
//!     [--fit-items [--item-trees N]]
//! ```
//!
//! Labels come from the gold: a block of four or more tokens is body when at least half of
//! its 4-token shingles occur in the gold body; a shorter block when it equals a gold line.
//! In `snippets/` a block is body when it holds a must-have snippet, boilerplate when it holds a
//! must-not-have one, and unlabelled otherwise. Pages whose id hashes to 0 mod 5 are held
//! out: the models are fitted on the rest and both parts are reported. `--all` fits on every
//! page (how the shipped forests are made).
//!
//! `--cv DIR` cross-validates instead: for each of the five folds it fits on the other four
//! and writes `clean` of the fold's pages (each renderer, and the gold fed as input) to
//! `DIR/<set>/<id>/<name>.txt`; `examples/evaluate.rs --outputs DIR` scores them. Every page
//! is then scored by forests that never saw it: the honest figures, and a steadier guide than
//! one fold. `--save-forests DIR` keeps each fold's forests (`DIR/fold<k>.txt`);
//! `--load-forests DIR` uses them instead of fitting, so that a change of the code that leaves
//! the features alone is scored by the very same forests (the draw's noise cancels).
//! Cross-validated pages are read as articles (the shipped page-type forests saw every
//! page) unless one of these gives their type: `--page-forests DIR` detects it as `clean`
//! does, with the page-type forests fitted without the page (`DIR/pages<k>.txt`, kept by
//! `examples/train_page.rs --save-page-forests DIR`), again on the kept text as settling
//! does; `--page-types DIR` gives each rendering the type in
//! `DIR/<set>/<id>/<renderer>.type` (written by `train_page --cv DIR`; below
//! `--min-type-probability`, an article) as `Options::page_type` would, fixed through
//! settling.
//!
//! `--fit-items` fits an item stage after the context stages, on the pages of items alone
//! (forums, products, listings and collections by the corpus's metadata); `clean` applies it
//! where it detects such a page. With `--load-forests` only the item stage is fitted (and
//! saved by `--save-forests` after the context stages).
//!
//! `--self` fits twice: the second time with the first forests' outputs of the fitted pages
//! added as renderings, labelled by their gold.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use bodytext::PageType;
use bodytext::train::{self, Boosting, Forest, M, N, OwnedForest, P, Page};

#[path = "common/fold.rs"]
mod fold;
use fold::fold;

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(t: &[String]) -> Vec<String> {
    if t.len() < 4 {
        return vec![t.join(" ")];
    }
    t.windows(4).map(|w| w.join(" ")).collect()
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gold line without the list or heading marker the gold uses.
fn gold_line(s: &str) -> String {
    let s = s.trim();
    let s = s.trim_start_matches(['-', '*', '#', '•']).trim();
    norm(s)
}

enum Gold {
    Body {
        shingles: HashSet<String>,
        lines: HashSet<String>,
    },
    Snippets {
        with: Vec<String>,
        without: Vec<String>,
    },
}

impl Gold {
    fn load(dir: &Path) -> Option<Gold> {
        if let Ok(g) = fs::read_to_string(dir.join("gold.txt")) {
            let shingles = g
                .lines()
                .flat_map(|l| shingles(&tokens(l)))
                .collect::<HashSet<_>>();
            let lines = g.lines().map(gold_line).collect();
            return Some(Gold::Body { shingles, lines });
        }
        let read = |f: &str| -> Vec<String> {
            fs::read_to_string(dir.join(f))
                .unwrap_or_default()
                .lines()
                .map(norm)
                .filter(|s| !s.is_empty())
                .collect()
        };
        Some(Gold::Snippets {
            with: read("with.txt"),
            without: read("without.txt"),
        })
    }

    /// 1 body, 0 boilerplate, `None` unknown.
    fn label(&self, text: &str) -> Option<f32> {
        match self {
            Gold::Body { shingles: g, lines } => {
                let t = tokens(text);
                if t.is_empty() {
                    return Some(0.0);
                }
                if t.len() < 4 {
                    return Some(f32::from(u8::from(lines.contains(text))));
                }
                let sh = shingles(&t);
                let hit = sh.iter().filter(|s| g.contains(*s)).count();
                Some(f32::from(u8::from(hit * 2 >= sh.len())))
            }
            Gold::Snippets { with, without } => {
                let inside = |s: &String| {
                    text.contains(s.as_str()) || (text.len() >= 30 && s.contains(text))
                };
                if with.iter().any(inside) {
                    Some(1.0)
                } else if without.iter().any(inside) {
                    Some(0.0)
                } else {
                    None
                }
            }
        }
    }
}

/// A converter that writes blocks on consecutive lines with no blank line between them:
/// made from the w3m text so the models do not lean on blank lines.
/// A converter that writes blocks on consecutive lines with no blank line between them:
/// made from the w3m text so the models do not lean on blank lines.
fn without_blank_lines(t: &str) -> String {
    t.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each tree is grown on this share of the blocks and may split on this share of the
/// features: stochastic boosting. Cross-validated on the dev corpus it scored within the
/// noise of plain boosting (two draws: articles .902–.907/.908–.915/.902–.906 against
/// .903/.910/.900, the sum of the nine F1 figures 7.779–7.804 against 7.781), and a fit with
/// other draws is the honest way to see that noise; 120 and 80 trees at rate .15 did no
/// better (7.789) at twice the trees.
const SUBSAMPLE: f64 = 0.7;
const COLSAMPLE: f64 = 0.7;
/// The draws of the shipped fit. The draw decides a borderline photo caption on the user's
/// reference page (`tests/seeds.rs`, which must come out exactly): before `1c5a194` seed 0
/// kept it and seed 1 did not; with the articles weighted 4 (`1c5a194`) seeds 1 and 2 keep
/// it and seed 0 keeps every test. Both seeds are cross-validated (`BENCHMARKS.md`).
const SEED: u64 = 0;
/// Forests averaged per stage (see `Boosting::bags`).
const BAGS: usize = 1;

/// Boosting of the stage-one forest (a reasoned starting point: small trees, many of them).
const BLOCK_BOOSTING: Boosting = Boosting {
    trees: 60,
    learning_rate: 0.3,
    lambda: 1.0,
    min_hessian: 20.0,
    subsample: SUBSAMPLE,
    colsample: COLSAMPLE,
    seed: SEED,
    bags: BAGS,
};

/// Boosting of each context forest.
const CONTEXT_BOOSTING: Boosting = Boosting {
    trees: 40,
    learning_rate: 0.3,
    lambda: 1.0,
    min_hessian: 20.0,
    subsample: SUBSAMPLE,
    colsample: COLSAMPLE,
    seed: SEED,
    bags: BAGS,
};

/// Boosting of the item stage (`--fit-items`): fewer trees than a context stage, fitted on
/// a third of the blocks. Cross-validated with 8, 15 and 25 trees at `94cf9fc`: 15 gained
/// most on both draws.
const ITEM_BOOSTING: Boosting = Boosting {
    trees: 15,
    ..CONTEXT_BOOSTING
};

/// The boosting of both kinds of forest, from the defaults above and the command line:
/// `--trees BLOCK,CONTEXT`, `--rate R`, `--subsample S`, `--colsample C`, `--seed N`, `--bags N` (for
/// trying other settings under cross-validation without editing this file).
#[derive(Debug, Clone, Copy)]
struct Fitting {
    block: Boosting,
    context: Boosting,
    /// The item stage (`--fit-items`), with `--item-trees N` trees.
    items: Boosting,
}

impl Fitting {
    fn from_args(flag: impl Fn(&str) -> Option<String>) -> Fitting {
        let mut f = Fitting {
            block: BLOCK_BOOSTING,
            context: CONTEXT_BOOSTING,
            items: ITEM_BOOSTING,
        };
        let num = |name: &str| {
            flag(name).map(|v| {
                v.parse::<f64>()
                    .unwrap_or_else(|_| panic!("train: {name} takes a number, not {v:?}"))
            })
        };
        if let Some(t) = flag("--trees") {
            let (b, c) = t.split_once(',').unwrap_or((&t, &t));
            let parse = |v: &str| {
                v.parse::<usize>()
                    .unwrap_or_else(|_| panic!("train: --trees takes BLOCK,CONTEXT, not {t:?}"))
            };
            f.block.trees = parse(b);
            f.context.trees = parse(c);
        }
        if let Some(t) = num("--item-trees") {
            f.items.trees = t as usize;
        }
        for b in [&mut f.block, &mut f.context, &mut f.items] {
            if let Some(r) = num("--rate") {
                b.learning_rate = r;
            }
            if let Some(s) = num("--subsample") {
                b.subsample = s;
            }
            if let Some(c) = num("--colsample") {
                b.colsample = c;
            }
            if let Some(s) = num("--seed") {
                b.seed = s as u64;
            }
            if let Some(n) = num("--bags") {
                b.bags = n as usize;
            }
        }
        f
    }
}

/// Weight of a labelled block of the snippets set relative to the mixed set.
const SNIPPET_WEIGHT: f32 = 3.0;

/// Weight of a labelled block of the articles set relative to the mixed set. The articles
/// set has 124 pages against 1,358 in mixed, and its news pages (teasers, bylines, photo
/// captions around one story) are where the body is judged strictest. Cross-validated at
/// `1c5a194` (two seeds, on the 1,497-page mixed set of that commit): weight 4 against 1 moved the sums of three renderers by articles
/// +.034/+.010, snippets .000/+.012, mixed −.012/−.012 (forums and listings); with the
/// lower bar of `NO_PROSE_RELIEF` = .2 mixed is back level (see `BENCHMARKS.md`).
const ARTICLE_WEIGHT: f32 = 4.0;

/// How many context stages are stacked (each reads the scores of the one before).
const CONTEXT_STAGES: usize = train::CONTEXT_STAGES;

/// A converter that sets every line apart with a blank line (a `get_text("\n\n")` scrape):
/// made from the inscriptis text so the models do not trust blank lines either.
fn every_line_apart(t: &str) -> String {
    t.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Where a rendering came from, for cross-validation outputs.
struct Source {
    set: &'static str,
    id: String,
    /// The renderer, or `gold` for the gold fed as input.
    name: String,
    text: String,
}

struct Sample {
    page: Page,
    /// Weight of the page's blocks: the snippets set labels few blocks per page (only those
    /// holding a snippet) and is the only set mostly not in English.
    set_weight: f32,
    y: Vec<Option<f32>>,
    fold: u64,
    /// `None` for renderings made only for fitting (w3m without blank lines, outputs).
    source: Option<Source>,
    /// Index of the page's gold in `golds`.
    gold: usize,
    /// Made from the forests' own output (`--self`).
    output: bool,
    /// The page's type (the corpus's metadata) is one the item stages read.
    itemised: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).map_or("../shared/corpus", String::as_str));
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let write = flag("--write");
    let cv = flag("--cv").map(PathBuf::from);
    let fitting = Fitting::from_args(|name| flag(name).cloned());
    eprintln!("train: {fitting:?}");
    let self_train = args.iter().any(|a| a == "--self");
    // Fit an item stage (see `train::itemised`) after the context stages.
    let fit_items = args.iter().any(|a| a == "--fit-items");
    let mut samples = Vec::new();
    let mut golds = Vec::new();
    for set in ["articles", "snippets", "mixed"] {
        let Some(dirs) = fold::pages("train", &root, set) else {
            continue;
        };
        for dir in dirs {
            let id = dir.file_name().unwrap().to_string_lossy().to_string();
            let Some(gold) = Gold::load(&dir) else {
                continue;
            };
            golds.push(gold);
            let gold = golds.last().unwrap();
            let itemised = meta_type(&dir).is_some_and(train::itemised);
            let mut texts = Vec::new();
            for r in ["w3m", "inscriptis", "lynx80"] {
                if let Ok(t) = fs::read_to_string(dir.join(format!("{r}.txt"))) {
                    if r == "w3m" {
                        texts.push((None, without_blank_lines(&t)));
                    }
                    if r == "inscriptis" {
                        texts.push((None, every_line_apart(&t)));
                    }
                    texts.push((Some(r), t));
                }
            }
            // Clean text must stay: the gold itself, fed as input, is all body.
            if let Ok(g) = fs::read_to_string(dir.join("gold.txt")) {
                texts.push((Some("gold"), g));
            }
            for (name, t) in texts {
                let page = Page::new(&t);
                let y = (0..page.len()).map(|i| gold.label(page.text(i))).collect();
                let source = name.map(|name| Source {
                    set,
                    id: id.clone(),
                    name: name.to_owned(),
                    text: t,
                });
                samples.push(Sample {
                    page,
                    y,
                    fold: fold(&id),
                    source,
                    gold: golds.len() - 1,
                    output: false,
                    itemised,
                    set_weight: match set {
                        "snippets" => SNIPPET_WEIGHT,
                        "articles" => ARTICLE_WEIGHT,
                        _ => 1.0,
                    },
                });
            }
        }
    }
    eprintln!("train: {} renderings", samples.len());

    if let Some(out) = cv {
        let save = flag("--save-forests").map(PathBuf::from);
        let load = flag("--load-forests").map(PathBuf::from);
        let page_types = flag("--page-types").map(PathBuf::from);
        let page_forests = flag("--page-forests").map(PathBuf::from);
        let min_probability: f32 = flag("--min-type-probability").map_or(0.0, |v| {
            v.parse().expect("--min-type-probability takes a number")
        });
        for k in 0..FOLDS {
            let (block, mut ctx) = match &load {
                Some(dir) => {
                    let text =
                        fs::read_to_string(fold::forests_file(dir, k)).expect("read saved forests");
                    train::forests_from_text(&text).expect("parse saved forests")
                }
                None => fit_rounds(&mut samples, &golds, k, self_train, fitting),
            };
            if fit_items && ctx.len() == CONTEXT_STAGES {
                let items = fit_item_stage(&samples, k, &block, &ctx, fitting);
                ctx.push(items);
            }
            if let Some(dir) = &save {
                fs::create_dir_all(dir).expect("create forests directory");
                fs::write(
                    fold::forests_file(dir, k),
                    train::forests_text(&block, &ctx),
                )
                .expect("write forests");
            }
            let views: Vec<Forest<'_, M>> = ctx.iter().map(OwnedForest::view).collect();
            let (stages, items) = views.split_at(CONTEXT_STAGES.min(views.len()));
            let pages: Vec<OwnedForest> = page_forests.as_ref().map_or_else(Vec::new, |dir| {
                let text = fs::read_to_string(fold::page_forests_file(dir, k))
                    .expect("read saved page forests");
                train::page_forests_from_text(&text).expect("parse saved page forests")
            });
            let page_views: Vec<Forest<'_, P>> = pages.iter().map(OwnedForest::view).collect();
            for s in samples.iter().filter(|s| s.fold == k) {
                let Some(src) = &s.source else { continue };
                let dir = out.join(src.set).join(&src.id);
                fs::create_dir_all(&dir).expect("create output directory");
                let page_type = page_type_of(page_types.as_deref(), src, min_probability);
                let text = if page_forests.is_some() {
                    train::clean_detecting(&src.text, &block.view(), stages, items, &page_views)
                } else {
                    train::clean_as(&src.text, &block.view(), stages, items, page_type)
                };
                fs::write(dir.join(format!("{}.txt", src.name)), text).expect("write output");
            }
            eprintln!("train: fold {k} written");
        }
        return;
    }
    // `--all` fits on every page (the shipped forests: cross-validation gives the honest
    // figures); otherwise fold 0 is held out and reported.
    let all = args.iter().any(|a| a == "--all");
    let held = if all { FOLDS } else { 0 };
    let (block, ctx) = fit_rounds(&mut samples, &golds, held, self_train, fitting);
    let items: Vec<OwnedForest> = if fit_items {
        vec![fit_item_stage(&samples, held, &block, &ctx, fitting)]
    } else {
        Vec::new()
    };

    if let Some(path) = write {
        let pages = if all {
            "all the pages of the dev corpus"
        } else {
            "the pages of the dev corpus whose id is not 0 mod 5 (FNV-1a)"
        };
        let provenance = format!(
            "Fitted on {pages}{}; {:?}; context {:?}{}.",
            if self_train {
                ", then again with the first forests' outputs added"
            } else {
                ""
            },
            fitting.block,
            fitting.context,
            if fit_items {
                format!(
                    "; items (forums, products, listings, collections) {:?}",
                    fitting.items
                )
            } else {
                String::new()
            }
        );
        fs::write(
            path,
            train::weights_source(&block, &ctx, &items, &provenance),
        )
        .expect("write weights");
        eprintln!("train: wrote {path}");
    }
}

/// The page type of `src` in `dir/<set>/<id>/<name>.type` (its first word), if there is
/// one; with a probability after it, a type below `min` counts as an article.
fn page_type_of(dir: Option<&Path>, src: &Source, min: f32) -> Option<PageType> {
    let path = dir?
        .join(src.set)
        .join(&src.id)
        .join(format!("{}.type", src.name));
    let text = fs::read_to_string(path).ok()?;
    let mut words = text.split_whitespace();
    let kind = words.next()?.parse().ok()?;
    let probability: f32 = words.next().map_or(Some(1.0), |p| p.parse().ok())?;
    Some(if probability >= min {
        kind
    } else {
        PageType::Article
    })
}

/// The page type of the corpus's metadata (`meta.json` of the mixed set), if any.
fn meta_type(dir: &Path) -> Option<PageType> {
    let meta = fs::read_to_string(dir.join("meta.json")).ok()?;
    let at = meta.find("\"page_type\"")?;
    let value = meta[at..].split('"').nth(3)?;
    value.parse().ok()
}

/// Fit an item stage on every fold but `k`: the blocks of pages of items alone, with the
/// context features read after the context stages `ctx`.
fn fit_item_stage(
    samples: &[Sample],
    k: u64,
    block: &OwnedForest,
    ctx: &[OwnedForest],
    fitting: Fitting,
) -> OwnedForest {
    let views: Vec<Forest<'_, M>> = ctx.iter().map(OwnedForest::view).collect();
    let ctx_of = |p: &Page| p.context_features(&block.view(), &views);
    let items: Vec<&Sample> = samples.iter().filter(|s| s.itemised).collect();
    let (x, y, w) = collect_from::<M>(&items, k, false, ctx_of);
    let m = train::fit(&x, &y, &w, fitting.items);
    let (v, vy, vw) = collect_from::<M>(&items, k, true, ctx_of);
    report("items", &m.view(), (&x, &y, &w), (&v, &vy, &vw));
    m
}

/// Folds of the corpus (pages by the FNV-1a hash of their id).
const FOLDS: u64 = 5;

/// Long blocks weigh more (the metrics count words), but not in proportion.
fn weight(words: usize) -> f32 {
    1.0 + (words as f32).ln_1p()
}

type Set<const K: usize> = (Vec<[f32; K]>, Vec<f32>, Vec<f32>);

/// The labelled blocks of the samples in (`inside`) or out of fold `k`.
fn collect<const K: usize>(
    samples: &[Sample],
    k: u64,
    inside: bool,
    feats: impl Fn(&Page) -> Vec<[f32; K]>,
) -> Set<K> {
    let all: Vec<&Sample> = samples.iter().collect();
    collect_from(&all, k, inside, feats)
}

/// [`collect`] over some of the samples.
fn collect_from<const K: usize>(
    samples: &[&Sample],
    k: u64,
    inside: bool,
    feats: impl Fn(&Page) -> Vec<[f32; K]>,
) -> Set<K> {
    let (mut x, mut y, mut w) = (Vec::new(), Vec::new(), Vec::new());
    for s in samples.iter().filter(|s| (s.fold == k) == inside) {
        let f = feats(&s.page);
        for (i, fi) in f.into_iter().enumerate() {
            if let Some(label) = s.y[i] {
                x.push(fi);
                y.push(label);
                w.push(s.set_weight * weight(s.page.words(i)));
            }
        }
    }
    (x, y, w)
}

/// Fit the forests on every fold but `k`; with `self_train`, fit again after adding, as
/// further renderings, the first forests' own outputs of the fitted folds (labelled by their
/// gold): a second pass over an output then sees text like the one it was fitted on.
fn fit_rounds(
    samples: &mut Vec<Sample>,
    golds: &[Gold],
    k: u64,
    self_train: bool,
    fitting: Fitting,
) -> (OwnedForest, Vec<OwnedForest>) {
    // Outputs added for an earlier fold came from forests that saw this fold.
    samples.retain(|s| !s.output);
    let first = fit_all(samples, k, fitting);
    if !self_train {
        return first;
    }
    let (block, ctx) = &first;
    let views: Vec<Forest<'_, M>> = ctx.iter().map(OwnedForest::view).collect();
    let mut extra = Vec::new();
    for s in samples.iter().filter(|s| s.fold != k) {
        let Some(src) = &s.source else { continue };
        if src.name == "gold" {
            continue;
        }
        let out = train::clean_with(&src.text, &block.view(), &views);
        let page = Page::new(&out);
        let y = (0..page.len())
            .map(|i| golds[s.gold].label(page.text(i)))
            .collect();
        extra.push(Sample {
            page,
            set_weight: s.set_weight,
            y,
            fold: s.fold,
            source: None,
            gold: s.gold,
            output: true,
            itemised: s.itemised,
        });
    }
    eprintln!("train: {} outputs added", extra.len());
    drop(views);
    samples.extend(extra);
    fit_all(samples, k, fitting)
}

/// Fit the stage-one forest and the context stages on every fold but `k`, reporting how
/// they do on fold `k`.
fn fit_all(samples: &[Sample], k: u64, fitting: Fitting) -> (OwnedForest, Vec<OwnedForest>) {
    let (x1, y1, w1) = collect::<N>(samples, k, false, Page::block_features);
    let block = train::fit(&x1, &y1, &w1, fitting.block);
    let (v1, vy1, vw1) = collect::<N>(samples, k, true, Page::block_features);
    report("block", &block.view(), (&x1, &y1, &w1), (&v1, &vy1, &vw1));

    let mut ctx: Vec<OwnedForest> = Vec::new();
    for stage in 0..CONTEXT_STAGES {
        let views: Vec<Forest<'_, M>> = ctx.iter().map(OwnedForest::view).collect();
        let ctx_of = |p: &Page| p.context_features(&block.view(), &views);
        let (x2, y2, w2) = collect::<M>(samples, k, false, ctx_of);
        let m = train::fit(&x2, &y2, &w2, fitting.context);
        let (v2, vy2, vw2) = collect::<M>(samples, k, true, ctx_of);
        report(
            &format!("context{}", stage + 1),
            &m.view(),
            (&x2, &y2, &w2),
            (&v2, &vy2, &vw2),
        );
        drop(views);
        ctx.push(m);
    }
    (block, ctx)
}

fn report<const K: usize>(
    name: &str,
    m: &Forest<'_, K>,
    fit: (&[[f32; K]], &[f32], &[f32]),
    held: (&[[f32; K]], &[f32], &[f32]),
) {
    let (fl, fa) = train::assess(m, fit.0, fit.1, fit.2);
    let (hl, ha) = train::assess(m, held.0, held.1, held.2);
    println!(
        "{name:8} fitted on {:>7} blocks: log-loss {fl:.4} accuracy {fa:.4} | held out {:>7} blocks: log-loss {hl:.4} accuracy {ha:.4}",
        fit.0.len(),
        held.0.len()
    );
}
