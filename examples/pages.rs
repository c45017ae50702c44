//! Pages per second of `clean` on one thread over every `w3m.txt` of the corpus: the
//! baseline for the Python binding's `Cleaner.clean_batch` (`bindings/python/benches/batch.py`
//! reads the same files in the same order).
//!
//! ```text
//! cargo run --release --example pages -- [ROOT] [--repeat N] [--every K]
//! ```
//!
//! `--every K` keeps every K-th page only (the first, the (K+1)-th …), a sample small enough
//! to count instructions under `valgrind --tool=callgrind`.
//!
//! ROOT defaults to `../shared/corpus`; every `ROOT/<set>/<page>/w3m.txt` is read (invalid
//! UTF-8 replaced), then cleaned `N` times over (default 3); the best pass is reported, in
//! wall time and, where Linux tells it (`/proc/thread-self/schedstat`), in the thread's CPU
//! time, which other processes on the machine disturb less.

#[path = "common/inputs.rs"]
#[allow(dead_code)] // `load` serves the other speed instruments.
mod inputs;

use std::path::PathBuf;
use std::time::Instant;

/// Nanoseconds this thread has run on a CPU (Linux), or `None`.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let mut root = PathBuf::from("../shared/corpus");
    let mut repeat = 3usize;
    let mut every = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--repeat" {
            repeat = args
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .expect("--repeat takes a positive count");
        } else if a == "--every" {
            every = args
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .expect("--every takes a positive count");
        } else {
            root = PathBuf::from(a);
        }
    }
    let texts: Vec<String> = inputs::read_dir(&root)
        .iter()
        .flat_map(|set| inputs::read_dir(set))
        .map(|page| page.join("w3m.txt"))
        .filter(|f| f.is_file())
        .step_by(every)
        .map(|f| String::from_utf8_lossy(&std::fs::read(&f).expect("readable page")).into_owned())
        .collect();
    assert!(!texts.is_empty(), "no w3m.txt under {}", root.display());
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut best, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
    let mut out_bytes = 0;
    for _ in 0..repeat {
        let (t, c) = (Instant::now(), cpu_ns());
        out_bytes = texts
            .iter()
            .map(|s| bodytext::clean(s).len())
            .sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c, cpu_ns()) {
            best_cpu = best_cpu.min((c1 - c0) as f64 / 1e9);
        }
    }
    let pages = texts.len() as f64;
    println!(
        "{} pages, {:.1} MB in, {:.1} MB out; best of {repeat} passes",
        texts.len(),
        bytes as f64 / 1e6,
        out_bytes as f64 / 1e6
    );
    print!(
        "rust clean, 1 thread: wall {best:.3} s, {:.1} pages/s, {:.2} MB/s",
        pages / best,
        bytes as f64 / 1e6 / best
    );
    if best_cpu.is_finite() {
        print!("; cpu {best_cpu:.3} s, {:.1} pages/s", pages / best_cpu);
    }
    println!();
}
