//! `clean` once over a fixed sample of the corpus, for instruction counts: on a shared
//! machine wall-clock times are noisy, instruction counts are not.
//!
//! ```text
//! cargo build --profile profiling --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=cg.out target/profiling/examples/instructions [ROOT] [--one-pass]
//! callgrind_annotate --inclusive=yes cg.out | grep 'Cleaner::clean \['
//! ```
//!
//! The sample is every 34th input of `ROOT/*/*/*.txt` in the order `examples/throughput.rs`
//! loads them (ROOT defaults to `../shared/corpus`): 190 of the corpus's 6,444 inputs
//! (3.31 MB); only those are read. `--one-pass` cleans with `Options::settle(false)`.
//! `--split-whitespace` instead counts the words of each input with `str::split_whitespace`
//! (in `split_whitespace_pass`): the reference pass of the speed target, counted the same
//! way, so that "× ws" can be given in instructions too.

use std::hint::black_box;
use std::path::PathBuf;

#[path = "common/inputs.rs"]
#[allow(dead_code)] // `load` serves the other speed instruments.
mod inputs;

/// Every this many inputs is cleaned.
const STEP: usize = 34;

fn main() {
    let mut root = PathBuf::from("../shared/corpus");
    let mut settle = true;
    let mut words_only = false;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--one-pass" => settle = false,
            "--split-whitespace" => words_only = true,
            _ => root = PathBuf::from(a),
        }
    }
    // Only the sampled files are read: reading all of them cost more than cleaning these.
    let (files, origin) = inputs::files(&root);
    let sample: Vec<_> = files.into_iter().step_by(STEP).collect();
    let texts = inputs::read(&sample);
    if words_only {
        let words = split_whitespace_pass(&texts);
        let bytes: usize = texts.iter().map(String::len).sum();
        println!(
            "{} inputs from {origin}, {bytes} bytes, {words} words",
            texts.len()
        );
        return;
    }
    let cleaner =
        bodytext::Cleaner::new(bodytext::Options::default().settle(settle)).expect("valid options");
    let (mut n, mut bytes, mut out) = (0usize, 0usize, 0usize);
    for t in &texts {
        n += 1;
        bytes += t.len();
        out += black_box(cleaner.clean(black_box(t))).len();
    }
    println!("{n} inputs from {origin}, {bytes} bytes in, {out} bytes out");
}

/// The words of every text, counted by one `split_whitespace` pass each.
#[inline(never)]
fn split_whitespace_pass(texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| black_box(t.as_str()).split_whitespace().count())
        .sum()
}
