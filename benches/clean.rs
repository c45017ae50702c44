//! `cargo bench --bench clean`: `clean` over every corpus input held in memory, with a
//! `split_whitespace` pass over the same text in the same group so the ratio can be read.
//!
//! Ten samples of one pass each (about two minutes on the 133 MB corpus).
//! Inputs: `ROOT/*/*/*.txt` except `gold`, `with`, `without` (ROOT = `$BODYTEXT_CORPUS`, else
//! `../shared/corpus`); falls back to the bundled `tests/seeds/*/input.txt`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

#[path = "../examples/common/inputs.rs"]
mod inputs;
use inputs::load;

fn inputs() -> Vec<String> {
    let root = std::env::var_os("BODYTEXT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    load(&root).0
}

fn bench(c: &mut Criterion) {
    let texts = inputs();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("corpus");
    // Ten flat samples: one pass over the corpus each (about two minutes in all).
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("clean", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(bodytext::clean(black_box(t)));
            }
        })
    });
    g.bench_function("split_whitespace", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                n += black_box(t.as_str()).split_whitespace().count();
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
