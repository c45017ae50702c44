//! The inputs the speed instruments read, shared by `examples/throughput.rs` and
//! `benches/clean.rs`: every `ROOT/<set>/<page>/<renderer>.txt` except `gold`, `with` and
//! `without`, in path order; the bundled seeds' `input.txt` when the corpus is absent.

use std::path::{Path, PathBuf};

/// The entries of folder `p`, in path order (none when it cannot be read).
pub fn read_dir(p: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(p)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    v
}

/// Corpus inputs, or the bundled seeds when the corpus is absent.
pub fn load(root: &Path) -> (Vec<String>, String) {
    let (files, origin) = files(root);
    (read(&files), origin)
}

/// The paths [`load`] reads, in its order, and where they come from.
pub fn files(root: &Path) -> (Vec<PathBuf>, String) {
    let mut files = Vec::new();
    for set in read_dir(root) {
        for page in read_dir(&set) {
            for f in read_dir(&page) {
                let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                if f.extension().is_some_and(|e| e == "txt")
                    && !matches!(stem, "gold" | "with" | "without")
                {
                    files.push(f);
                }
            }
        }
    }
    let mut origin = root.display().to_string();
    if files.is_empty() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
        files = read_dir(&seeds)
            .into_iter()
            .map(|d| d.join("input.txt"))
            .filter(|f| f.is_file())
            .collect();
        origin = format!("{} (corpus not found)", seeds.display());
    }
    (files, origin)
}

/// The texts of `files` (invalid UTF-8 replaced), skipping those that cannot be read.
pub fn read(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}
