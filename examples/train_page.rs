//! Fit the page-type forests on a corpus laid out like `../shared/corpus`.
//!
//! ```text
//! cargo run --release --features train --example train_page -- ../shared/corpus
//!     [--write src/model/page_weights.rs] [--cv DIR] [--seed N] [--trees T] [--rate R]
//!     [--bags N] [--load-forests DIR] [--save-page-forests DIR]
//! ```
//!
//! Labels: `page_type` of `mixed/<id>/meta.json`; every page of `articles/` is an article.
//! `snippets/` has no page type: it is not fitted on, and `--cv` only classifies it. Every rendering of a page (`w3m`,
//! `inscriptis`, `lynx80`, and for fitting also the w3m text without blank lines) is a
//! sample; one forest per type is fitted against the rest (`PageType::ALL` order).
//!
//! Without `--write` the forests are cross-validated: each fold of pages (FNV-1a of the id,
//! mod 5, as `examples/train.rs`) is classified by forests fitted on the other four, and the
//! confusion matrix and accuracy are printed. `--cv DIR` also writes each rendering's type,
//! `DIR/<set>/<id>/<renderer>.type` (`listing 0.83`), which `examples/evaluate.rs --outputs
//! DIR` reads. `--write FILE` fits on every page and writes the forests' source.
//!
//! The page features hold what the block forest believes of each block: the shipped one,
//! or with `--load-forests DIR` (the folds `examples/train.rs --cv --save-forests DIR`
//! kept) the one fitted without the page, as cross-validation should read it. What `clean`
//! keeps of each typed rendering, given its type, is a sample too (for fitting only):
//! settling detects the type again on the kept text, which should read as its page.
//! `--save-page-forests DIR` keeps each fold's page-type forests (`DIR/pages<k>.txt`) for
//! `examples/train.rs --page-forests DIR`.

use std::fs;
use std::path::{Path, PathBuf};

use bodytext::train::{self, Boosting, Forest, OwnedForest, P, Page};
use bodytext::{Cleaner, Options, PageType};

#[path = "common/fold.rs"]
mod fold;
use fold::fold;

/// Boosting of each forest: small trees on a few thousand pages. Cross-validated on the
/// dev corpus, 300 trees (seeds 0 and 1) did no better than 120 beyond the draw's noise.
const BOOSTING: Boosting = Boosting {
    trees: 120,
    learning_rate: 0.1,
    lambda: 1.0,
    min_hessian: 2.0,
    subsample: 0.8,
    colsample: 0.7,
    seed: 0,
    bags: 1,
};

const RENDERERS: [&str; 3] = ["w3m", "inscriptis", "lynx80"];
const FOLDS: u64 = 5;

/// One rendering of a page with its features.
struct Sample {
    set: &'static str,
    id: String,
    /// The renderer; `None` for a rendering made only for fitting.
    renderer: Option<&'static str>,
    label: usize,
    fold: u64,
    x: [f32; P],
}

/// The w3m text with its blank lines removed: a converter that writes blocks on
/// consecutive lines (as `examples/train.rs` makes it).
fn without_blank_lines(t: &str) -> String {
    t.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A page without a type (`snippets/`): classified by `--cv`, never fitted on.
const UNLABELLED: usize = usize::MAX;

/// The type of a page of `set` in `dir`, as an index into `PageType::ALL`.
fn label(set: &str, dir: &Path) -> Option<usize> {
    if set == "articles" {
        return Some(0);
    }
    if set == "snippets" {
        return Some(UNLABELLED);
    }
    let meta = fs::read_to_string(dir.join("meta.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&meta).ok()?;
    let t: PageType = v.get("page_type")?.as_str()?.parse().ok()?;
    PageType::ALL.iter().position(|&p| p == t)
}

/// The renderings of every page to read: (set, id, renderer, label, text).
type Job = (&'static str, String, Option<&'static str>, usize, String);

fn jobs(root: &Path, with_snippets: bool) -> Vec<Job> {
    let mut jobs = Vec::new();
    let sets: &[&'static str] = if with_snippets {
        &["articles", "mixed", "snippets"]
    } else {
        &["articles", "mixed"]
    };
    for &set in sets {
        let Some(dirs) = fold::pages("train_page", root, set) else {
            continue;
        };
        for dir in dirs {
            let id = dir.file_name().unwrap().to_string_lossy().to_string();
            let Some(label) = label(set, &dir) else {
                continue;
            };
            for r in RENDERERS {
                let Ok(t) = fs::read_to_string(dir.join(format!("{r}.txt"))) else {
                    continue;
                };
                if r == "w3m" && label != UNLABELLED {
                    jobs.push((set, id.clone(), None, label, without_blank_lines(&t)));
                }
                jobs.push((set, id.clone(), Some(r), label, t));
            }
        }
    }
    jobs
}

/// The forests of one fold: stage one and the context stages.
type Fold = (OwnedForest, Vec<OwnedForest>);

/// The features of every rendering, on two threads, and of what `clean` keeps of each
/// rendering of a typed page when given its type (a sample for fitting only: settling
/// detects the type again on the kept text, which should read as the page it came from).
/// `folds[k]`, where given, holds the forests that read and clean the pages of fold `k`.
fn samples(jobs: Vec<Job>, folds: Option<&[Fold]>) -> Vec<Sample> {
    let half = jobs.len() / 2;
    let mut jobs = jobs;
    let second = jobs.split_off(half);
    let run = |part: Vec<Job>| -> Vec<Sample> {
        let mut out = Vec::new();
        for (set, id, renderer, label, text) in part {
            let k = fold(&id);
            let fold_forests = folds.map(|f| {
                let (block, ctx) = &f[k as usize];
                (
                    block.view(),
                    ctx.iter().map(OwnedForest::view).collect::<Vec<_>>(),
                )
            });
            let features = |text: &str| {
                let page = Page::new(text);
                match &fold_forests {
                    Some((block, _)) => page.page_features_with(block),
                    None => page.page_features(),
                }
            };
            let sample = |renderer, x| Sample {
                set,
                fold: k,
                id: id.clone(),
                renderer,
                label,
                x,
            };
            if label != UNLABELLED && renderer.is_some() {
                let given = PageType::ALL[label];
                let kept = match &fold_forests {
                    Some((block, ctx)) => {
                        let (stages, items) = ctx.split_at(train::CONTEXT_STAGES.min(ctx.len()));
                        train::clean_as(&text, block, stages, items, Some(given))
                    }
                    None => Cleaner::new(Options::default().page_type(given))
                        .expect("valid options")
                        .clean(&text),
                };
                out.push(sample(None, features(&kept)));
            }
            out.push(sample(renderer, features(&text)));
        }
        out
    };
    std::thread::scope(|s| {
        let h = s.spawn(|| run(second));
        let mut a = run(jobs);
        a.extend(h.join().expect("worker"));
        a
    })
}

/// One forest per type, fitted on the samples for which `take` holds.
fn fit(samples: &[Sample], take: impl Fn(&Sample) -> bool, cfg: Boosting) -> Vec<OwnedForest> {
    let fitted = |s: &&Sample| s.label != UNLABELLED && take(s);
    let x: Vec<[f32; P]> = samples.iter().filter(fitted).map(|s| s.x).collect();
    let labels: Vec<usize> = samples.iter().filter(fitted).map(|s| s.label).collect();
    let w = vec![1.0f32; x.len()];
    (0..PageType::ALL.len())
        .map(|k| {
            let y: Vec<f32> = labels
                .iter()
                .map(|&l| f32::from(u8::from(l == k)))
                .collect();
            train::fit(&x, &y, &w, cfg)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).map_or("../shared/corpus", String::as_str));
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let mut cfg = BOOSTING;
    if let Some(s) = flag("--seed") {
        cfg.seed = s.parse().expect("--seed takes a number");
    }
    if let Some(t) = flag("--trees") {
        cfg.trees = t.parse().expect("--trees takes a number");
    }
    if let Some(b) = flag("--bags") {
        cfg.bags = b.parse().expect("--bags takes a number");
    }
    if let Some(r) = flag("--rate") {
        cfg.learning_rate = r.parse().expect("--rate takes a number");
    }
    let folds: Option<Vec<Fold>> = flag("--load-forests").map(|dir| {
        (0..FOLDS)
            .map(|k| {
                let text = fs::read_to_string(fold::forests_file(Path::new(dir), k))
                    .expect("read saved forests");
                train::forests_from_text(&text).expect("parse saved forests")
            })
            .collect()
    });
    let samples = samples(jobs(&root, flag("--cv").is_some()), folds.as_deref());
    eprintln!("train_page: {} renderings; {cfg:?}", samples.len());
    if let Some(path) = flag("--write") {
        let forests = fit(&samples, |_| true, cfg);
        let provenance = format!(
            "Fitted on every page of `articles` and `mixed` of the dev corpus (each rendering, \
             and the w3m text without blank lines); {cfg:?}."
        );
        fs::write(path, train::page_weights_source(&forests, &provenance)).expect("write");
        eprintln!("train_page: wrote {path}");
        return;
    }
    let out = flag("--cv").map(PathBuf::from);
    let n = PageType::ALL.len();
    let mut confusion = vec![vec![0usize; n]; n];
    let mut articles = (0usize, 0usize);
    for k in 0..FOLDS {
        let forests = fit(&samples, |s| s.fold != k, cfg);
        if let Some(dir) = flag("--save-page-forests") {
            fs::create_dir_all(dir).expect("create forests directory");
            fs::write(
                fold::page_forests_file(Path::new(dir), k),
                train::page_forests_text(&forests),
            )
            .expect("write page forests");
        }
        let views: Vec<Forest<'_, P>> = forests.iter().map(OwnedForest::view).collect();
        for s in samples.iter().filter(|s| s.fold == k) {
            let Some(r) = s.renderer else { continue };
            let (t, p) = train::most_probable(&train::page_type_probabilities(&views, &s.x));
            let guess = PageType::ALL.iter().position(|&x| x == t).unwrap_or(0);
            if s.set == "mixed" {
                confusion[s.label][guess] += 1;
            } else if s.set == "articles" {
                articles.0 += usize::from(guess == 0);
                articles.1 += 1;
            }
            if let Some(dir) = &out {
                let dir = dir.join(s.set).join(&s.id);
                fs::create_dir_all(&dir).expect("create output directory");
                fs::write(dir.join(format!("{r}.type")), format!("{t} {p:.4}\n"))
                    .expect("write type");
            }
        }
    }
    print_confusion(&confusion);
    println!(
        "articles set: {}/{} renderings classified as article",
        articles.0, articles.1
    );
}

fn print_confusion(c: &[Vec<usize>]) {
    println!("mixed, cross-validated (rows: true type, columns: detected):\n");
    let mut head = "| true \\ detected |".to_owned();
    for t in PageType::ALL {
        head.push_str(&format!(" {t} |"));
    }
    println!("{head} recall |");
    println!("| --- |{} ---: |", " ---: |".repeat(c.len()));
    let (mut right, mut all) = (0, 0);
    for (i, row) in c.iter().enumerate() {
        let sum: usize = row.iter().sum();
        right += row[i];
        all += sum;
        let cells: String = row.iter().map(|v| format!(" {v} |")).collect();
        println!(
            "| {} |{cells} {:.3} |",
            PageType::ALL[i],
            row[i] as f64 / sum.max(1) as f64
        );
    }
    println!(
        "\naccuracy {:.3} ({right}/{all} renderings)",
        right as f64 / all.max(1) as f64
    );
    // Products, listings and collections are mostly told from one another by their items'
    // content, not their shape: the accuracy with the three as one type of pages of items.
    let items = [PageType::Product, PageType::Listing, PageType::Collection]
        .map(|t| PageType::ALL.iter().position(|&x| x == t).unwrap_or(0));
    let within: usize = items
        .iter()
        .map(|&i| items.iter().map(|&j| c[i][j]).sum::<usize>() - c[i][i])
        .sum();
    println!(
        "accuracy with product, listing and collection as one type {:.3} ({}/{all})",
        (right + within) as f64 / all.max(1) as f64,
        right + within
    );
}
