//! The split of dev pages into five folds, shared by `train` (fits on folds 1–4) and
//! `evaluate --held-out` (scores fold 0): FNV-1a of the page id, mod 5, the same on every
//! machine; and the page folders of a set, which the trainers read in that order.

use std::path::{Path, PathBuf};

/// The page folders of `set` under `root`, in path order; `None` (and a line on stderr,
/// naming `program`) when the set cannot be listed.
// `evaluate` lists its pages with filters of its own.
#[allow(dead_code)]
pub fn pages(program: &str, root: &Path, set: &str) -> Option<Vec<PathBuf>> {
    let Ok(rd) = std::fs::read_dir(root.join(set)) else {
        eprintln!("{program}: no {set}/ under {}", root.display());
        return None;
    };
    let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    Some(dirs)
}

/// The fold (0–4) of a page id; fold 0 is held out of training.
pub fn fold(id: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h % 5
}

/// Where `train --cv --save-forests DIR` keeps fold `k`'s block and context forests.
// `evaluate` reads no forests.
#[allow(dead_code)]
pub fn forests_file(dir: &Path, k: u64) -> PathBuf {
    dir.join(format!("fold{k}.txt"))
}

/// Where `train_page --save-page-forests DIR` keeps fold `k`'s page-type forests.
#[allow(dead_code)]
pub fn page_forests_file(dir: &Path, k: u64) -> PathBuf {
    dir.join(format!("pages{k}.txt"))
}
