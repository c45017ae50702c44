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
//! loads them (ROOT defaults to `../shared/corpus`): 202 of the corpus's 6,861 inputs.
//! `--one-pass` cleans with `Options::settle(false)`.

use std::hint::black_box;
use std::path::PathBuf;

#[path = "common/inputs.rs"]
mod inputs;

/// Every this many inputs is cleaned.
const STEP: usize = 34;

fn main() {
    let mut root = PathBuf::from("../shared/corpus");
    let mut settle = true;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--one-pass" => settle = false,
            _ => root = PathBuf::from(a),
        }
    }
    let (texts, origin) = inputs::load(&root);
    let cleaner =
        bodytext::Cleaner::new(bodytext::Options::default().settle(settle)).expect("valid options");
    let (mut n, mut bytes, mut out) = (0usize, 0usize, 0usize);
    for t in texts.iter().step_by(STEP) {
        n += 1;
        bytes += t.len();
        out += black_box(cleaner.clean(black_box(t))).len();
    }
    println!("{n} inputs from {origin}, {bytes} bytes in, {out} bytes out");
}
