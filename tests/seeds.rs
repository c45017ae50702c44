//! The user's seed pages (`tests/seeds/<id>/input.txt` with the expected `gold.txt`), found
//! by reading the folder: a new seed is a new folder.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "../examples/common/metrics.rs"]
mod metrics;
use metrics::ShingleMatch;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds")
}

/// The seeds' ids (their folder names), sorted: the first (`000_…`) is the user's
/// reference pair.
fn seeds() -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(seeds_dir())
        .expect("tests/seeds")
        .map(|e| e.expect("seed folder").path())
        .filter(|p| p.join("input.txt").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(ids.len() >= 2, "tests/seeds holds {} seeds", ids.len());
    ids
}

fn seed(id: &str) -> (String, String) {
    let dir = seeds_dir().join(id);
    let read = |f: &str| fs::read_to_string(dir.join(f)).expect("seed file");
    (read("input.txt"), read("gold.txt"))
}

/// The user's reference pair must come out exactly.
#[test]
fn reference_seed_is_exact() {
    let (input, gold) = seed(&seeds()[0]);
    assert_eq!(bodytext::clean(&input), gold.trim_end());
}

fn shingle_f1(id: &str) -> ShingleMatch {
    let (input, gold) = seed(id);
    ShingleMatch::new(&bodytext::clean(&input), &gold)
}

/// The other seeds come out exactly too: 002, 003 (a deck under the headline set apart by
/// ads) and 004 (headline, caption, body with "Read also" links, tags, share and comment
/// form).
#[test]
fn other_seeds_are_exact() {
    for id in &seeds()[1..] {
        let (input, gold) = seed(id);
        assert_eq!(bodytext::clean(&input), gold.trim_end(), "{id}");
    }
}

/// Every seed keeps its whole body (shingle recall, the articles metric) and most of what
/// is kept is body.
#[test]
fn seeds_keep_their_body() {
    for id in &seeds() {
        let m = shingle_f1(id);
        assert!(m.recall() >= 0.95, "{id}: recall {:.3}", m.recall());
        assert!(m.f1() >= 0.90, "{id}: F1 {:.3}", m.f1());
    }
}

/// The bar for the other seeds: shingle F1 ≥ 0.95.
#[test]
fn other_seeds_reach_095() {
    for id in &seeds()[1..] {
        let m = shingle_f1(id);
        assert!(m.f1() >= 0.95, "{id}: F1 {:.3}", m.f1());
    }
}

/// Clean text stays: feeding the gold back in keeps (nearly) all of it.
#[test]
fn gold_fed_back_stays() {
    for id in &seeds() {
        let (_, gold) = seed(id);
        let m = ShingleMatch::new(&bodytext::clean(&gold), &gold);
        assert!(m.recall() >= 0.97, "{id}: recall {:.3}", m.recall());
    }
}

/// `clean` is exactly the kept blocks of `explain`, and `extract` names the headline.
#[test]
fn clean_explain_extract_agree() {
    for id in &seeds() {
        let (input, _) = seed(id);
        let blocks = bodytext::explain(&input);
        let kept: Vec<&str> = blocks
            .iter()
            .filter(|b| b.kept)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(bodytext::clean(&input), kept.join("\n"), "{id}");
        let doc = bodytext::extract(&input);
        assert_eq!(doc.body, bodytext::clean(&input), "{id}");
        if let Some(title) = &doc.title {
            assert!(!doc.body.lines().any(|l| l == title), "{id}: title in body");
        }
    }
}

/// A second copy of the article (a hidden full-text field, here all paragraphs on one line
/// after the page) is not body: the output stays the gold, and `explain` says why.
#[test]
fn second_copy_of_the_body_is_dropped() {
    let (input, gold) = seed(&seeds()[0]);
    let copy = gold.trim_end().replace('\n', " ");
    // Right after the article's last paragraph, where position alone does not give it away.
    let last_line = gold.trim_end().lines().last().expect("gold lines");
    let at = input
        .find(&last_line[..40])
        .expect("last paragraph in the input");
    let end = at + input[at..].find("\n\n").expect("blank line after it");
    let page = format!("{}\n\n{copy}{}", &input[..end], &input[end..]);
    assert_eq!(bodytext::clean(&page), gold.trim_end());
    let blocks = bodytext::explain(&page);
    let last = blocks
        .iter()
        .find(|b| b.text == copy)
        .expect("the copy is one block");
    assert!(!last.kept);
    assert!(
        last.reasons
            .contains(&bodytext::Reason::Rule(bodytext::Rule::RepeatsBody)),
        "{:?}",
        last.reasons
    );
}
