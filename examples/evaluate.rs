//! Measure `bodytext::clean` on the evaluation corpus with the benchmarks' own metrics
//! (see `../shared/corpus/README.md` and `examples/common/metrics.rs`).
//!
//! ```text
//! cargo run --release --example evaluate -- ROOT [--set articles|snippets|mixed]
//!     [--renderer NAME] [--worst N] [--json FILE] [--by-lang] [--check FLOORS.json]
//!     [--write-floors FILE] [--threads N] [--held-out] [--outputs DIR]
//! ```
//!
//! `--held-out` scores only the pages that `examples/train.rs` held out when it fitted the
//! weights (page id FNV-1a mod 5 = 0): the honest figure for text the model has not seen.
//! `--outputs DIR` scores precomputed outputs (`DIR/<set>/<id>/<renderer>.txt`, and
//! `DIR/articles/<id>/gold.txt` for clean-stays) instead of calling `clean`: the
//! cross-validated outputs of `examples/train.rs --cv DIR`, where every page was cleaned by
//! forests fitted without it (`--worst` still explains with the shipped forests).
//!
//! `ROOT` is the corpus folder (`../shared/corpus` beside a checkout). Every `<renderer>.txt`
//! of every page is cleaned (renderers: the `*.txt` files other than `gold`, `with` and
//! `without`), then scored:
//!
//! - `articles`: shingle precision, recall, F1 and accuracy (Scrapinghub);
//! - `snippets`: pooled snippet counts, precision, recall, F1 and accuracy (trafilatura);
//! - `mixed`: mean word precision, recall and F1, also per `page_type` (WCXB), and the
//!   page-type confusion matrix with its accuracy: the type `extract` detects, or with
//!   `--outputs DIR` the one in `DIR/mixed/<id>/<renderer>.type` (written by
//!   `examples/train_page.rs --cv DIR`, by forests fitted without the page).
//!
//! "keep-all F1" is the same metric for the input itself (output = input), the floor every
//! cleaner must beat. "Clean text stays" is, for the `articles` gold bodies and for the seeds in
//! `ROOT/../seeds` (`<dir>/gold.txt`), the mean share of gold shingles that `clean(gold)` keeps.
//!
//! - `--worst N`: per set and renderer the N pages with the lowest page F1, with the blocks
//!   wrongly kept and wrongly dropped (from `explain`), their label, score and reasons.
//! - `--by-lang`: snippet F1 per `lang` of `meta.json` (languages with at least 20 pages; the
//!   rest as `other`).
//! - `--json FILE`: every figure as JSON.
//! - `--check FLOORS`: exit 1 when an F1, a clean-stays figure or a per-language F1 is more than
//!   0.005 below its floor in FLOORS (precision and recall floors only warn).
//! - `--write-floors FILE`: write the measured figures as a floors file (rounded down to 4
//!   decimals), for when the classifier has improved.
//! - `--ceiling`: instead of `clean`, score a selection of the input's lines that peeks at
//!   the gold (`articles` and `mixed` only): of the lines whose words occur in the gold at a
//!   share of at least t, for each t of [`CEILING_SHARES`], the selection that scores best on
//!   the page. No cleaner that keeps or drops whole lines does much better: it shows how
//!   near a figure is to what the input's lines and the gold allow.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

#[path = "common/metrics.rs"]
mod metrics;
use metrics::{ShingleMatch, ShingleScore, SnippetCounts, WordMatch, WordScore, norm, tokens};
use serde_json::{Map, Value, json};

#[path = "common/fold.rs"]
mod fold;
use fold::fold;

/// How far below its floor a gated figure may fall.
const TOLERANCE: f64 = 0.005;
/// Languages with fewer snippet pages than this are pooled as "other".
const LANG_MIN_PAGES: usize = 20;
/// Languages of the snippet set that get a floor in `--write-floors`.
const LANG_FLOORS: usize = 3;
/// Blocks listed per page and kind in `--worst`.
const WORST_BLOCKS: usize = 12;

const USAGE: &str = "usage: evaluate ROOT [--set articles|snippets|mixed] [--renderer NAME] \
[--worst N] [--json FILE] [--by-lang] [--held-out] [--check FLOORS.json] [--write-floors FILE] [--threads N] [--outputs DIR] [--ceiling]";

/// The shares of a line's words found in the gold tried by `--ceiling`.
const CEILING_SHARES: [f64; 6] = [0.3, 0.5, 0.7, 0.85, 0.95, 1.0];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Set {
    Articles,
    Snippets,
    Mixed,
}

impl Set {
    const ALL: [Set; 3] = [Set::Articles, Set::Snippets, Set::Mixed];

    fn name(self) -> &'static str {
        match self {
            Set::Articles => "articles",
            Set::Snippets => "snippets",
            Set::Mixed => "mixed",
        }
    }

    fn parse(s: &str) -> Option<Set> {
        Set::ALL.into_iter().find(|set| set.name() == s)
    }
}

struct Args {
    root: PathBuf,
    set: Option<Set>,
    renderer: Option<String>,
    worst: usize,
    json: Option<PathBuf>,
    by_lang: bool,
    check: Option<PathBuf>,
    write_floors: Option<PathBuf>,
    threads: usize,
    held_out: bool,
    outputs: Option<PathBuf>,
    ceiling: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut root = None;
    let mut args = Args {
        root: PathBuf::new(),
        set: None,
        renderer: None,
        worst: 0,
        json: None,
        by_lang: false,
        check: None,
        write_floors: None,
        threads: 2,
        held_out: false,
        outputs: None,
        ceiling: false,
    };
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--set" => {
                let v = value("--set")?;
                args.set = Some(Set::parse(&v).ok_or(format!("unknown set {v:?}"))?);
            }
            "--renderer" => args.renderer = Some(value("--renderer")?),
            "--worst" => {
                args.worst = value("--worst")?
                    .parse()
                    .map_err(|e| format!("--worst: {e}"))?
            }
            "--json" => args.json = Some(value("--json")?.into()),
            "--by-lang" => args.by_lang = true,
            "--held-out" => args.held_out = true,
            "--outputs" => args.outputs = Some(value("--outputs")?.into()),
            "--ceiling" => args.ceiling = true,
            "--check" => args.check = Some(value("--check")?.into()),
            "--write-floors" => args.write_floors = Some(value("--write-floors")?.into()),
            "--threads" => {
                args.threads = value("--threads")?
                    .parse::<usize>()
                    .map_err(|e| format!("--threads: {e}"))?
                    .max(1)
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a:?}")),
            _ if root.is_none() => root = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a:?}")),
        }
    }
    args.root = root.ok_or("missing ROOT")?;
    if args.ceiling && args.outputs.is_some() {
        return Err("--ceiling and --outputs exclude each other".to_owned());
    }
    Ok(args)
}

/// One page of a set: where it is, its meta data and its gold.
struct Page {
    id: String,
    dir: PathBuf,
    lang: String,
    page_type: String,
    /// Gold body (`articles`, `mixed`); empty for `snippets`.
    gold: String,
    with: Vec<String>,
    without: Vec<String>,
}

struct Corpus {
    set: Set,
    pages: Vec<Page>,
    renderers: Vec<String>,
}

fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    Ok(read(path)?
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

fn load(root: &Path, set: Set, held_out: bool) -> Result<Corpus, String> {
    let dir = root.join(set.name());
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter(|p| {
            !held_out
                || p.file_name()
                    .is_some_and(|n| fold(&n.to_string_lossy()) == 0)
        })
        .collect();
    dirs.sort();
    let mut renderers = std::collections::BTreeSet::new();
    let mut pages = Vec::with_capacity(dirs.len());
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let name = entry.map_err(|e| e.to_string())?.file_name();
            let name = name.to_string_lossy();
            if let Some(stem) = name.strip_suffix(".txt") {
                if !matches!(stem, "gold" | "with" | "without") {
                    renderers.insert(stem.to_owned());
                }
            }
        }
        let meta: Value = serde_json::from_str(&read(&dir.join("meta.json"))?)
            .map_err(|e| format!("{}/meta.json: {e}", dir.display()))?;
        let field = |k: &str, default: &str| {
            meta.get(k)
                .and_then(Value::as_str)
                .unwrap_or(default)
                .to_owned()
        };
        let (gold, with, without) = match set {
            Set::Snippets => (
                String::new(),
                read_lines(&dir.join("with.txt"))?,
                read_lines(&dir.join("without.txt"))?,
            ),
            _ => (read(&dir.join("gold.txt"))?, Vec::new(), Vec::new()),
        };
        pages.push(Page {
            id: dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            lang: field("lang", "und"),
            page_type: field("page_type", "unknown"),
            dir,
            gold,
            with,
            without,
        });
    }
    Ok(Corpus {
        set,
        pages,
        renderers: renderers.into_iter().collect(),
    })
}

/// The score of one page under its set's metric.
#[derive(Clone, Copy)]
enum Score {
    Shingle(ShingleMatch),
    Snippet(SnippetCounts),
    Word(WordMatch),
}

impl Score {
    fn new(set: Set, output: &str, page: &Page) -> Score {
        match set {
            Set::Articles => Score::Shingle(ShingleMatch::new(output, &page.gold)),
            Set::Snippets => Score::Snippet(SnippetCounts::new(output, &page.with, &page.without)),
            Set::Mixed => Score::Word(WordMatch::new(output, &page.gold)),
        }
    }

    /// The page's own F1, used to rank pages; 1 when there is nothing to get wrong.
    fn f1(&self) -> f64 {
        match self {
            Score::Shingle(m) => m.f1(),
            Score::Snippet(c) if c.tp + c.fp + c.fn_ == 0 => 1.0,
            Score::Snippet(c) => c.f1(),
            Score::Word(m) => m.f1,
        }
    }

    fn describe(&self) -> String {
        match self {
            Score::Shingle(m) => format!(
                "F1 {:.3}, P {:.3}, R {:.3}",
                m.f1(),
                m.precision(),
                m.recall()
            ),
            Score::Snippet(c) => format!(
                "F1 {:.3}; with found {}/{}, without found {}/{}",
                self.f1(),
                c.tp,
                c.tp + c.fn_,
                c.fp,
                c.fp + c.tn
            ),
            Score::Word(m) => format!("F1 {:.3}, P {:.3}, R {:.3}", m.f1, m.precision, m.recall),
        }
    }
}

/// One page cleaned from one renderer's text.
struct PageRun {
    /// The page type `extract` detected (or, with `--outputs`, the one in
    /// `<renderer>.type` beside the output), if any.
    detected: Option<String>,
    score: Score,
    keep_all: Score,
    empty_out: bool,
    bytes: usize,
    secs: f64,
}

/// `f` over `items` on `threads` threads, results in input order.
fn par_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(items.len()).max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("worker panicked"))
            .collect()
    });
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in parts.into_iter().flatten() {
        out[i] = Some(r);
    }
    out.into_iter()
        .map(|r| r.expect("every item is done"))
        .collect()
}

/// Figures of one set and renderer.
struct Summary {
    set: Set,
    renderer: String,
    pages: usize,
    empty_out: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    accuracy: Option<f64>,
    keep_all_f1: f64,
    counts: Option<SnippetCounts>,
    by_type: BTreeMap<String, WordScore>,
    /// Pages by (true type, detected type), for `mixed`.
    confusion: BTreeMap<(String, String), usize>,
    by_lang: BTreeMap<String, (SnippetCounts, usize)>,
    bytes: usize,
    secs: f64,
}

/// Set-level precision, recall, F1 and accuracy of page scores.
fn aggregate(set: Set, scores: &[Score]) -> (f64, f64, f64, Option<f64>, Option<SnippetCounts>) {
    match set {
        Set::Articles => {
            let pages: Vec<ShingleMatch> = scores
                .iter()
                .filter_map(|s| match s {
                    Score::Shingle(m) => Some(*m),
                    _ => None,
                })
                .collect();
            let s = ShingleScore::from_pages(&pages);
            (s.precision, s.recall, s.f1, Some(s.accuracy), None)
        }
        Set::Snippets => {
            let c: SnippetCounts = scores
                .iter()
                .filter_map(|s| match s {
                    Score::Snippet(c) => Some(*c),
                    _ => None,
                })
                .sum();
            (
                c.precision(),
                c.recall(),
                c.f1(),
                Some(c.accuracy()),
                Some(c),
            )
        }
        Set::Mixed => {
            let s = word_score(scores.iter());
            (s.precision, s.recall, s.f1, None, None)
        }
    }
}

fn word_score<'a>(scores: impl Iterator<Item = &'a Score>) -> WordScore {
    let pages: Vec<WordMatch> = scores
        .filter_map(|s| match s {
            Score::Word(m) => Some(*m),
            _ => None,
        })
        .collect();
    WordScore::from_pages(&pages)
}

fn summarize(corpus: &Corpus, renderer: &str, runs: &[PageRun]) -> Summary {
    let scores: Vec<Score> = runs.iter().map(|r| r.score).collect();
    let keep_all: Vec<Score> = runs.iter().map(|r| r.keep_all).collect();
    let (precision, recall, f1, accuracy, counts) = aggregate(corpus.set, &scores);
    let keep_all_f1 = aggregate(corpus.set, &keep_all).2;
    let mut by_type = BTreeMap::new();
    let mut by_lang = BTreeMap::new();
    let mut confusion = BTreeMap::new();
    if corpus.set == Set::Mixed {
        for (page, r) in corpus.pages.iter().zip(runs) {
            if let Some(d) = &r.detected {
                *confusion
                    .entry((page.page_type.clone(), d.clone()))
                    .or_default() += 1;
            }
        }
        let mut groups: BTreeMap<&str, Vec<&Score>> = BTreeMap::new();
        for (page, s) in corpus.pages.iter().zip(&scores) {
            groups.entry(&page.page_type).or_default().push(s);
        }
        for (t, group) in groups {
            by_type.insert(t.to_owned(), word_score(group.into_iter()));
        }
    }
    if corpus.set == Set::Snippets {
        let mut n: BTreeMap<&str, usize> = BTreeMap::new();
        for page in &corpus.pages {
            *n.entry(&page.lang).or_default() += 1;
        }
        for (page, s) in corpus.pages.iter().zip(&scores) {
            let lang = if n[page.lang.as_str()] >= LANG_MIN_PAGES {
                page.lang.clone()
            } else {
                "other".to_owned()
            };
            let e: &mut (SnippetCounts, usize) = by_lang.entry(lang).or_default();
            if let Score::Snippet(c) = s {
                e.0 += *c;
            }
            e.1 += 1;
        }
    }
    Summary {
        set: corpus.set,
        renderer: renderer.to_owned(),
        pages: runs.len(),
        empty_out: runs.iter().filter(|r| r.empty_out).count(),
        precision,
        recall,
        f1,
        accuracy,
        keep_all_f1,
        counts,
        by_type,
        confusion,
        by_lang,
        bytes: runs.iter().map(|r| r.bytes).sum(),
        secs: runs.iter().map(|r| r.secs).sum(),
    }
}

/// Mean share of gold shingles kept by `clean(gold)`, over golds with at least one shingle.
fn clean_stays(golds: &[String], threads: usize) -> (f64, usize) {
    let cleaned = par_map(golds, threads, |gold| bodytext::clean(gold));
    stays_of(golds, &cleaned)
}

/// Mean share of gold shingles kept in `cleaned[i]`, the output for input `golds[i]`.
fn stays_of(golds: &[String], cleaned: &[String]) -> (f64, usize) {
    let recalls = golds.iter().zip(cleaned).map(|(gold, out)| {
        let m = ShingleMatch::new(out, gold);
        (m.tp + m.fn_ > 0.0).then(|| m.recall())
    });
    let kept: Vec<f64> = recalls.flatten().collect();
    let n = kept.len();
    let mean = if n == 0 {
        0.0
    } else {
        kept.iter().sum::<f64>() / n as f64
    };
    (mean, n)
}

fn seed_golds(dir: &Path) -> Result<Vec<String>, String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.txt").is_file())
        .collect();
    dirs.sort();
    dirs.iter().map(|d| read(&d.join("gold.txt"))).collect()
}

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn print_tables(summaries: &[Summary], stays: &BTreeMap<String, (f64, usize)>, by_lang: bool) {
    println!(
        "| set | renderer | pages | empty output | precision | recall | F1 | accuracy | keep-all F1 |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for s in summaries {
        println!(
            "| {} | {} | {} | {} | {} | {} | **{}** | {} | {} |",
            s.set.name(),
            s.renderer,
            s.pages,
            s.empty_out,
            f3(s.precision),
            f3(s.recall),
            f3(s.f1),
            s.accuracy.map_or("–".to_owned(), f3),
            f3(s.keep_all_f1)
        );
    }
    let snippets: Vec<&Summary> = summaries
        .iter()
        .filter(|s| s.set == Set::Snippets)
        .collect();
    if !snippets.is_empty() {
        println!("\nSnippet counts (pooled):\n");
        println!("| renderer | tp | fp | fn | tn |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        for s in &snippets {
            if let Some(c) = s.counts {
                println!(
                    "| {} | {} | {} | {} | {} |",
                    s.renderer, c.tp, c.fp, c.fn_, c.tn
                );
            }
        }
    }
    let mixed: Vec<&Summary> = summaries.iter().filter(|s| s.set == Set::Mixed).collect();
    if let Some(first) = mixed.first() {
        println!("\nmixed: word F1 per page type (pages):\n");
        let types: Vec<&String> = first.by_type.keys().collect();
        let mut head = "| renderer |".to_owned();
        for t in &types {
            let _ = write!(head, " {t} ({}) |", first.by_type[*t].pages);
        }
        println!("{head}");
        println!("| --- |{}", " ---: |".repeat(types.len()));
        for s in &mixed {
            let row = types
                .iter()
                .fold(format!("| {} |", s.renderer), |mut r, t| {
                    let _ = write!(r, " {} |", f3(s.by_type.get(*t).map_or(0.0, |w| w.f1)));
                    r
                });
            println!("{row}");
        }
    }
    if !stays.is_empty() {
        println!("\nClean text stays (mean share of gold shingles kept by clean(gold)):\n");
        println!("| gold of | pages | kept |");
        println!("| --- | ---: | ---: |");
        for (k, (v, n)) in stays {
            println!("| {k} | {n} | {} |", f3(*v));
        }
    }
    if by_lang && !snippets.is_empty() {
        println!("\nsnippets: F1 per language (pages):\n");
        let langs = lang_order(snippets[0]);
        let mut head = "| renderer |".to_owned();
        for l in &langs {
            let _ = write!(head, " {l} ({}) |", snippets[0].by_lang[l].1);
        }
        println!("{head}");
        println!("| --- |{}", " ---: |".repeat(langs.len()));
        for s in &snippets {
            let row = langs
                .iter()
                .fold(format!("| {} |", s.renderer), |mut r, l| {
                    let _ = write!(r, " {} |", f3(s.by_lang.get(l).map_or(0.0, |v| v.0.f1())));
                    r
                });
            println!("{row}");
        }
    }
}

/// Share of the pages of a confusion table whose type was detected right.
fn type_accuracy(c: &BTreeMap<(String, String), usize>) -> Option<f64> {
    let all: usize = c.values().sum();
    let right: usize = c.iter().filter(|((t, d), _)| t == d).map(|(_, n)| n).sum();
    (all > 0).then(|| right as f64 / all as f64)
}

/// The page-type confusion matrix of the mixed set, pooled over the renderers, and the
/// accuracy of each renderer.
fn print_confusion(mixed: &[&Summary]) {
    let mut pooled: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in mixed {
        for (k, n) in &s.confusion {
            *pooled.entry(k.clone()).or_default() += n;
        }
    }
    let Some(all) = type_accuracy(&pooled) else {
        return;
    };
    let types: Vec<String> = bodytext::PageType::ALL
        .iter()
        .map(ToString::to_string)
        .collect();
    println!("\nmixed: page types (rows: true, columns: detected; every renderer):\n");
    let head: String = types.iter().map(|t| format!(" {t} |")).collect();
    println!("| true \\ detected |{head} recall |");
    println!("| --- |{} ---: |", " ---: |".repeat(types.len()));
    let mut truths: Vec<&String> = pooled.keys().map(|(t, _)| t).collect();
    truths.dedup();
    for t in truths {
        let row: Vec<usize> = types
            .iter()
            .map(|d| pooled.get(&(t.clone(), d.clone())).copied().unwrap_or(0))
            .collect();
        let sum: usize = pooled
            .iter()
            .filter(|((tt, _), _)| tt == t)
            .map(|(_, n)| n)
            .sum();
        let right = pooled.get(&(t.clone(), t.clone())).copied().unwrap_or(0);
        let cells: String = row.iter().map(|n| format!(" {n} |")).collect();
        println!("| {t} |{cells} {} |", f3(right as f64 / sum.max(1) as f64));
    }
    let each: Vec<String> = mixed
        .iter()
        .filter_map(|s| type_accuracy(&s.confusion).map(|a| format!("{} {}", s.renderer, f3(a))))
        .collect();
    println!(
        "\nPage-type accuracy: {} (every renderer); {}",
        f3(all),
        each.join(", ")
    );
}

/// Languages by page count, largest first, "other" last.
fn lang_order(s: &Summary) -> Vec<String> {
    let mut langs: Vec<(&String, usize)> = s
        .by_lang
        .iter()
        .filter(|(l, _)| l.as_str() != "other")
        .map(|(l, v)| (l, v.1))
        .collect();
    langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out: Vec<String> = langs.into_iter().map(|(l, _)| l.clone()).collect();
    if s.by_lang.contains_key("other") {
        out.push("other".to_owned());
    }
    out
}

fn results_json(summaries: &[Summary], stays: &BTreeMap<String, (f64, usize)>) -> Value {
    let mut root = Map::new();
    for s in summaries {
        let mut v = json!({
            "f1": s.f1,
            "precision": s.precision,
            "recall": s.recall,
            "pages": s.pages,
            "empty": s.empty_out,
            "keep_all_f1": s.keep_all_f1,
        });
        if let Some(a) = s.accuracy {
            v["accuracy"] = json!(a);
        }
        if let Some(c) = s.counts {
            v["tp"] = json!(c.tp);
            v["fp"] = json!(c.fp);
            v["fn"] = json!(c.fn_);
            v["tn"] = json!(c.tn);
        }
        if s.set == Set::Mixed {
            let by_type: Map<String, Value> = s
                .by_type
                .iter()
                .map(|(t, w)| (t.clone(), json!(w.f1)))
                .collect();
            v["by_type"] = Value::Object(by_type);
            if let Some(a) = type_accuracy(&s.confusion) {
                v["page_type_accuracy"] = json!(a);
            }
        }
        root.entry(s.set.name())
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .expect("object")
            .insert(s.renderer.clone(), v);
        if s.set == Set::Snippets {
            let langs: Map<String, Value> = s
                .by_lang
                .iter()
                .map(|(l, (c, n))| {
                    let v = json!({"f1": c.f1(), "precision": c.precision(),
                                   "recall": c.recall(), "pages": n});
                    (l.clone(), v)
                })
                .collect();
            root.entry("by_lang")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("object")
                .insert(s.renderer.clone(), Value::Object(langs));
        }
    }
    let stays: Map<String, Value> = stays
        .iter()
        .map(|(k, (v, _))| (k.clone(), json!(v)))
        .collect();
    root.insert("clean_stays".to_owned(), Value::Object(stays));
    Value::Object(root)
}

fn floor4(x: f64) -> Value {
    json!((x * 10_000.0).floor() / 10_000.0)
}

fn floors_json(summaries: &[Summary], stays: &BTreeMap<String, (f64, usize)>) -> Value {
    let mut root = Map::new();
    root.insert(
        "_note".to_owned(),
        json!(
            "Quality floors for `evaluate --check`: figures measured on the code of the time, \
             rounded down to 4 decimals. CI fails when an F1, a clean_stays figure or a by_lang F1 \
             falls more than 0.005 below its floor; precision and recall floors only warn. \
             Raise them (`evaluate ../shared/corpus --write-floors tests/quality-floors.json`) \
             when the classifier improves."
        ),
    );
    for s in summaries {
        root.entry(s.set.name())
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .expect("object")
            .insert(
                s.renderer.clone(),
                json!({"f1": floor4(s.f1), "precision": floor4(s.precision),
                       "recall": floor4(s.recall)}),
            );
        if s.set == Set::Snippets {
            let langs: Map<String, Value> = lang_order(s)
                .into_iter()
                .filter(|l| l != "other")
                .take(LANG_FLOORS)
                .map(|l| {
                    let f1 = s.by_lang[&l].0.f1();
                    (l, json!({"f1": floor4(f1)}))
                })
                .collect();
            root.entry("by_lang")
                .or_insert_with(|| json!({}))
                .as_object_mut()
                .expect("object")
                .insert(s.renderer.clone(), Value::Object(langs));
        }
    }
    let stays: Map<String, Value> = stays
        .iter()
        .map(|(k, (v, _))| (k.clone(), floor4(*v)))
        .collect();
    root.insert("clean_stays".to_owned(), Value::Object(stays));
    Value::Object(root)
}

/// Compare `results` with every number of `floors` at the same path. Returns the failures.
fn check(floors: &Value, results: &Value, args: &Args) -> Vec<String> {
    let mut failures = Vec::new();
    let mut leaves = Vec::new();
    collect_leaves(floors, &mut Vec::new(), &mut leaves);
    let evaluated = |set: Set| args.set.is_none_or(|only| only == set);
    let mut skipped = 0;
    for (path, floor) in leaves {
        let shown = path.join(".");
        let second = path.get(1).map(String::as_str);
        let set_done = match (path[0].as_str(), second) {
            ("by_lang", _) => evaluated(Set::Snippets),
            ("clean_stays", Some("articles")) => evaluated(Set::Articles),
            ("clean_stays", _) => true,
            (set, _) => Set::parse(set).is_none_or(evaluated),
        };
        let renderer_done =
            path[0] == "clean_stays" || args.renderer.as_deref().is_none_or(|r| second == Some(r));
        if !set_done || !renderer_done {
            skipped += 1;
            continue;
        }
        let at = path.iter().try_fold(results, |v, k| v.get(k));
        let Some(measured) = at.and_then(Value::as_f64) else {
            if path[0] == "clean_stays" {
                println!("  skip {shown}: not measured (folder absent)");
            } else {
                failures.push(format!("{shown}: floor {floor:.4} but not measured"));
            }
            continue;
        };
        let gated = path.last().is_some_and(|k| k == "f1") || path[0] == "clean_stays";
        let ok = measured >= floor - TOLERANCE;
        let status = match (ok, gated) {
            (true, _) => "ok  ",
            (false, true) => "FAIL",
            (false, false) => "warn",
        };
        println!("  {status} {shown}: {measured:.4} (floor {floor:.4})");
        if !ok && gated {
            failures.push(format!(
                "{shown}: {measured:.4} is {:.4} below its floor {floor:.4}",
                floor - measured
            ));
        }
    }
    if skipped > 0 {
        println!(
            "  ({skipped} floors skipped: their set or renderer was not evaluated in this run)"
        );
    }
    failures
}

fn collect_leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, f64)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if k.starts_with('_') {
                    continue;
                }
                path.push(k.clone());
                collect_leaves(v, path, out);
                path.pop();
            }
        }
        Value::Number(n) => {
            if let Some(x) = n.as_f64() {
                out.push((path.clone(), x));
            }
        }
        _ => {}
    }
}

/// Print the `n` pages of `runs` with the lowest page F1, with their wrongly kept and wrongly
/// dropped blocks.
fn print_worst(corpus: &Corpus, renderer: &str, runs: &[PageRun], n: usize) {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| {
        runs[a]
            .score
            .f1()
            .total_cmp(&runs[b].score.f1())
            .then_with(|| corpus.pages[a].id.cmp(&corpus.pages[b].id))
    });
    println!(
        "\n## {}/{renderer}: the {} pages that lose the most F1",
        corpus.set.name(),
        n.min(runs.len())
    );
    for (rank, &i) in order.iter().take(n).enumerate() {
        let page = &corpus.pages[i];
        let path = page.dir.join(format!("{renderer}.txt"));
        println!(
            "\n{}. {} ({}) [{}]",
            rank + 1,
            page.id,
            runs[i].score.describe(),
            path.display()
        );
        let text = match read(&path) {
            Ok(t) => t,
            Err(e) => {
                println!("   {e}");
                continue;
            }
        };
        let blocks = bodytext::explain(&text);
        let (kept, dropped) = wrong_blocks(corpus.set, page, &blocks);
        print_blocks("wrongly kept", &kept);
        print_blocks("wrongly dropped", &dropped);
    }
}

/// Blocks kept but not in the gold, and blocks dropped but in the gold. For `snippets`, "in the
/// gold" is "overlaps a `with` snippet" and "not in the gold" is "overlaps a `without` snippet"
/// (a block overlaps a snippet when either contains the other, after `norm`).
fn wrong_blocks<'b>(
    set: Set,
    page: &Page,
    blocks: &'b [bodytext::Block],
) -> (Vec<&'b bodytext::Block>, Vec<&'b bodytext::Block>) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    match set {
        Set::Snippets => {
            let with: Vec<String> = page.with.iter().map(|s| norm(s)).collect();
            let without: Vec<String> = page.without.iter().map(|s| norm(s)).collect();
            let overlaps = |b: &str, snippets: &[String]| {
                snippets
                    .iter()
                    .any(|s| !s.is_empty() && (s.contains(b) || b.contains(s.as_str())))
            };
            for b in blocks {
                let t = norm(&b.text);
                if tokens(&t).is_empty() {
                    continue;
                }
                if b.kept && overlaps(&t, &without) {
                    kept.push(b);
                } else if !b.kept && overlaps(&t, &with) {
                    dropped.push(b);
                }
            }
        }
        _ => {
            let gold = norm(&page.gold);
            for b in blocks {
                let t = norm(&b.text);
                if tokens(&t).is_empty() {
                    continue;
                }
                let found = gold.contains(&t);
                if b.kept && !found {
                    kept.push(b);
                } else if !b.kept && found {
                    dropped.push(b);
                }
            }
        }
    }
    (kept, dropped)
}

fn print_blocks(what: &str, blocks: &[&bodytext::Block]) {
    if blocks.is_empty() {
        return;
    }
    let chars: usize = blocks.iter().map(|b| b.text.chars().count()).sum();
    println!(
        "   {what}: {} blocks, {chars} chars (longest first)",
        blocks.len()
    );
    let mut by_size = blocks.to_vec();
    by_size.sort_by_key(|b| std::cmp::Reverse(b.text.len()));
    for b in by_size.iter().take(WORST_BLOCKS) {
        let mut text: String = b.text.chars().take(150).collect();
        if text.len() < b.text.len() {
            text.push('…');
        }
        let reasons: Vec<String> = b.reasons.iter().map(ToString::to_string).collect();
        println!(
            "   - lines {}-{} {} {:.2} {:?}\n       {}",
            b.lines.start + 1,
            b.lines.end,
            b.label,
            b.score,
            text,
            reasons.join("; ")
        );
    }
    if by_size.len() > WORST_BLOCKS {
        println!("   - … and {} more", by_size.len() - WORST_BLOCKS);
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if e.is_empty() {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("evaluate: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::from(2)
        }
    }
}

/// The selection of `input`'s lines that `--ceiling` scores: of the lines whose words occur
/// in the page's gold at a share of at least t (t in [`CEILING_SHARES`]), the one that
/// scores best.
fn ceiling(set: Set, input: &str, page: &Page) -> String {
    let gold = page.gold.to_lowercase();
    let vocabulary: std::collections::HashSet<&str> = tokens(&gold).into_iter().collect();
    let shares: Vec<(&str, f64)> = input
        .lines()
        .map(|line| {
            let lower = line.to_lowercase();
            let words = tokens(&lower);
            let found = words.iter().filter(|w| vocabulary.contains(*w)).count();
            (line, found as f64 / words.len().max(1) as f64)
        })
        .filter(|&(line, _)| !tokens(line).is_empty())
        .collect();
    let mut best = (f64::NEG_INFINITY, String::new());
    for t in CEILING_SHARES {
        let kept: Vec<&str> = shares
            .iter()
            .filter(|&&(_, share)| share >= t)
            .map(|&(line, _)| line)
            .collect();
        let output = kept.join("\n");
        let f1 = Score::new(set, &output, page).f1();
        if f1 > best.0 {
            best = (f1, output);
        }
    }
    best.1
}

/// Evaluate, print, and return whether the check (if any) passed.
fn run(args: &Args) -> Result<bool, String> {
    let start = Instant::now();
    let mut corpora = Vec::new();
    for set in Set::ALL {
        // The snippet set has no gold text to peek at.
        let peekable = set != Set::Snippets || !args.ceiling;
        if args.set.is_none_or(|s| s == set) && peekable {
            let mut c = load(&args.root, set, args.held_out)?;
            if let Some(r) = &args.renderer {
                c.renderers.retain(|x| x == r);
            }
            corpora.push(c);
        }
    }
    let jobs: Vec<(usize, usize, usize)> = corpora
        .iter()
        .enumerate()
        .flat_map(|(ci, c)| {
            (0..c.renderers.len())
                .flat_map(move |ri| (0..c.pages.len()).map(move |pi| (ci, ri, pi)))
        })
        .collect();
    if jobs.is_empty() {
        return Err(format!("nothing to evaluate under {}", args.root.display()));
    }
    let results: Vec<Result<PageRun, String>> = par_map(&jobs, args.threads, |&(ci, ri, pi)| {
        let c = &corpora[ci];
        let page = &c.pages[pi];
        let input = read(&page.dir.join(format!("{}.txt", c.renderers[ri])))?;
        let t = Instant::now();
        let (output, detected) = match &args.outputs {
            None if args.ceiling => (ceiling(c.set, &input, page), None),
            Some(dir) => {
                let base = dir.join(c.set.name()).join(&page.id);
                let output = read(&base.join(format!("{}.txt", c.renderers[ri])))?;
                let detected = read(&base.join(format!("{}.type", c.renderers[ri])))
                    .ok()
                    .and_then(|t| t.split_whitespace().next().map(str::to_owned));
                (output, detected)
            }
            None => {
                let doc = bodytext::extract(&input);
                (doc.body, Some(doc.page_type.to_string()))
            }
        };
        let secs = t.elapsed().as_secs_f64();
        Ok(PageRun {
            detected,
            score: Score::new(c.set, &output, page),
            keep_all: Score::new(c.set, &input, page),
            empty_out: output.trim().is_empty(),
            bytes: input.len(),
            secs,
        })
    });
    // Regroup per corpus and renderer, in page order.
    let mut grouped: Vec<Vec<Vec<PageRun>>> = corpora
        .iter()
        .map(|c| c.renderers.iter().map(|_| Vec::new()).collect())
        .collect();
    for (&(ci, ri, _), r) in jobs.iter().zip(results) {
        grouped[ci][ri].push(r?);
    }
    let mut summaries = Vec::new();
    for (c, runs) in corpora.iter().zip(&grouped) {
        for (r, runs) in c.renderers.iter().zip(runs) {
            summaries.push(summarize(c, r, runs));
        }
    }
    let mut stays = BTreeMap::new();
    // What `clean` keeps of clean text says nothing of a ceiling.
    let articles = corpora.iter().find(|c| c.set == Set::Articles);
    if let Some(articles) = articles.filter(|_| !args.ceiling) {
        let golds: Vec<String> = articles.pages.iter().map(|p| p.gold.clone()).collect();
        let stayed = match &args.outputs {
            Some(dir) => {
                let cleaned = articles
                    .pages
                    .iter()
                    .map(|p| read(&dir.join("articles").join(&p.id).join("gold.txt")))
                    .collect::<Result<Vec<_>, _>>()?;
                stays_of(&golds, &cleaned)
            }
            None => clean_stays(&golds, args.threads),
        };
        stays.insert("articles".to_owned(), stayed);
    }
    // Seeds are not in the outputs of a cross-validation run.
    let seeds = args.root.join("..").join("seeds");
    if seeds.is_dir() && args.outputs.is_none() && !args.ceiling {
        stays.insert(
            "seeds".to_owned(),
            clean_stays(&seed_golds(&seeds)?, args.threads),
        );
    }
    let wall = start.elapsed().as_secs_f64();

    match &args.outputs {
        Some(dir) => println!(
            "Quality of the outputs in {} on {}\n",
            dir.display(),
            args.root.display()
        ),
        None if args.ceiling => println!(
            "Ceiling: the best selection of each input's lines that peeks at the gold, on {}\n",
            args.root.display()
        ),
        None => println!("Quality of bodytext::clean on {}\n", args.root.display()),
    }
    print_tables(&summaries, &stays, args.by_lang);
    let mixed: Vec<&Summary> = summaries.iter().filter(|s| s.set == Set::Mixed).collect();
    print_confusion(&mixed);
    let bytes: usize = summaries.iter().map(|s| s.bytes).sum();
    let secs: f64 = summaries.iter().map(|s| s.secs).sum();
    println!(
        "\nTime: {} documents, {:.1} MB of input; {:.2} s inside {}, summed over the \
         threads ({:.1} MB/s); {:.2} s wall in all with {} threads (reading, cleaning, scoring).",
        jobs.len(),
        bytes as f64 / 1e6,
        secs,
        if args.ceiling {
            "the selection"
        } else {
            "clean()"
        },
        bytes as f64 / 1e6 / secs.max(1e-9),
        wall,
        args.threads
    );

    if args.worst > 0 {
        for (c, runs) in corpora.iter().zip(&grouped) {
            for (r, runs) in c.renderers.iter().zip(runs) {
                print_worst(c, r, runs, args.worst);
            }
        }
    }

    let results = results_json(&summaries, &stays);
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n")
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("\nWrote {}", path.display());
    }
    if let Some(path) = &args.write_floors {
        let floors = floors_json(&summaries, &stays);
        let text = serde_json::to_string_pretty(&floors).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n")
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("\nWrote floors to {}", path.display());
    }
    if let Some(path) = &args.check {
        let floors: Value =
            serde_json::from_str(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "\nCheck against {} (tolerance {TOLERANCE}):",
            path.display()
        );
        let failures = check(&floors, &results, args);
        if failures.is_empty() {
            println!("Quality check passed.");
        } else {
            println!("\nQuality check FAILED:");
            for f in &failures {
                println!("  {f}");
            }
            return Ok(false);
        }
    }
    Ok(true)
}
