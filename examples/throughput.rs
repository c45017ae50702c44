//! Speed and memory of `clean`, on the corpus and on hostile shapes.
//!
//! ```text
//! cargo run --release --example throughput -- [ROOT] [--secs S] [--only NAME]
//! ```
//!
//! Loads every input `ROOT/*/*/*.txt` (not `gold`, `with`, `without`; ROOT defaults to
//! `../shared/corpus`, and the bundled `tests/seeds/*/input.txt` are used when it is absent),
//! times `clean` over all of it in memory (repeated for at least `S` seconds, default 2),
//! times one `str::split_whitespace` pass over the same text, and measures the peak heap
//! `clean` needs per input byte with a counting global allocator. Then the same figures for
//! generated hostile inputs, each with its per-byte cost relative to the corpus, and a
//! linearity check: a 100 MB concatenation of the corpus against 1 MB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "common/inputs.rs"]
mod inputs;
use inputs::load;

/// Counts live heap bytes and their peak.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let now = CURRENT.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: `unsafe impl GlobalAlloc` is needed to count allocations; it is confined to this
// example (the library itself is `#![forbid(unsafe_code)]`). Every call forwards to `System`
// with the caller's arguments unchanged and only updates two atomic counters.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `GlobalAlloc::alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above; `ptr` was allocated by `System` through this wrapper.
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Figures for one set of inputs.
struct Figures {
    bytes: usize,
    /// Seconds per pass of `clean` over all inputs.
    clean_s: f64,
    /// Seconds per `split_whitespace` pass over the same inputs.
    ws_s: f64,
    /// Largest peak heap of one `clean` call (above what was live before it) per input byte.
    peak_per_byte: f64,
    /// Σ peak / Σ bytes over all inputs.
    peak_weighted: f64,
}

impl Figures {
    fn ns_per_byte(&self) -> f64 {
        self.clean_s * 1e9 / self.bytes as f64
    }
}

/// Repeat `f` until `min` has passed (at least once); seconds per call.
fn time(min: Duration, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut n = 0u32;
    while n == 0 || start.elapsed() < min {
        f();
        n += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(n)
}

fn measure(
    cleaner: &bodytext::Cleaner,
    texts: &[String],
    min: Duration,
    peak_min_bytes: usize,
) -> Figures {
    let bytes = texts.iter().map(String::len).sum();
    // Peak heap: one call at a time, relative to what is live before it.
    let mut peak_per_byte = 0f64;
    let (mut peak_sum, mut byte_sum) = (0usize, 0usize);
    for t in texts {
        let base = CURRENT.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        black_box(cleaner.clean(black_box(t)));
        let peak = PEAK.load(Ordering::Relaxed) - base;
        peak_sum += peak;
        byte_sum += t.len();
        if t.len() >= peak_min_bytes {
            peak_per_byte = peak_per_byte.max(peak as f64 / t.len().max(1) as f64);
        }
    }
    let clean_s = time(min, || {
        for t in texts {
            black_box(cleaner.clean(black_box(t)));
        }
    });
    let ws_s = time(min, || {
        let mut n = 0usize;
        for t in texts {
            n += black_box(t.as_str()).split_whitespace().count();
        }
        black_box(n);
    });
    Figures {
        bytes,
        clean_s,
        ws_s,
        peak_per_byte,
        peak_weighted: peak_sum as f64 / byte_sum.max(1) as f64,
    }
}

fn header() {
    println!(
        "| {:<36} | {:>9} | {:>9} | {:>8} | {:>7} | {:>10} | {:>9} |",
        "input", "MB", "MB/s", "ns/byte", "× ws", "peak B/B", "× corpus"
    );
    println!(
        "|{:-<38}|{:->11}|{:->11}|{:->10}|{:->9}|{:->12}|{:->11}|",
        "", "", "", "", "", "", ""
    );
}

fn row(name: &str, f: &Figures, corpus_ns: Option<f64>) {
    let rel = corpus_ns.map_or("—".to_string(), |c| format!("{:.2}", f.ns_per_byte() / c));
    println!(
        "| {:<36} | {:>9.2} | {:>9.1} | {:>8.2} | {:>7.2} | {:>10.2} | {:>9} |",
        name,
        f.bytes as f64 / 1e6,
        f.bytes as f64 / 1e6 / f.clean_s,
        f.ns_per_byte(),
        f.clean_s / f.ws_s,
        f.peak_per_byte,
        rel
    );
}

/// `parts` repeated (cycling) until `size` bytes.
fn fill(size: usize, parts: &[&str]) -> String {
    let mut s = String::with_capacity(size + 64);
    let mut i = 0;
    while s.len() < size {
        s.push_str(parts[i % parts.len()]);
        i += 1;
    }
    s
}

/// The corpus concatenated (blank line between pages), cut to about `size` bytes.
fn concat(texts: &[String], size: usize) -> String {
    let mut s = String::with_capacity(size + 4);
    'outer: loop {
        for t in texts {
            if s.len() >= size {
                break 'outer;
            }
            s.push_str(t);
            s.push_str("\n\n");
        }
        if texts.iter().all(String::is_empty) {
            break;
        }
    }
    let mut cut = size.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

const MB: usize = 1_000_000;

/// Builds one hostile input from the corpus texts.
type Generator = Box<dyn Fn(&[String]) -> String>;

/// The hostile shapes: name and generator (built one at a time to bound memory).
fn shapes() -> Vec<(&'static str, Generator)> {
    vec![
        (
            "one 50 MB line",
            Box::new(|c| {
                let s = concat(c, 60 * MB);
                let mut s = s.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut cut = (50 * MB).min(s.len());
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                s.truncate(cut);
                s
            }),
        ),
        (
            "5M one-character lines",
            Box::new(|_| fill(10 * MB, &["a\n", "b\n", "c\n", "д\n", "中\n", ".\n"])),
        ),
        (
            "10 MB of bullets",
            Box::new(|_| {
                fill(
                    10 * MB,
                    &[
                        "  • Home\n",
                        "  • News and politics\n",
                        "* Sport\n",
                        "   + Weather today\n",
                        "    o Contact us\n",
                        "1. Item one of the list\n",
                        "- Share\n",
                    ],
                )
            }),
        ),
        (
            "10 MB without whitespace",
            Box::new(|c| {
                let s: String = concat(c, 14 * MB)
                    .chars()
                    .filter(|ch| !ch.is_whitespace())
                    .collect();
                let mut cut = (10 * MB).min(s.len());
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                s[..cut].to_string()
            }),
        ),
        (
            "10 MB of one repeated paragraph",
            Box::new(|_| {
                fill(
                    10 * MB,
                    &[
                        "The council said on Tuesday that the new bridge would be built \
                       across the river before the end of the year.\n\n",
                    ],
                )
            }),
        ),
        (
            "10 MB of one repeated short line",
            Box::new(|_| fill(10 * MB, &["Share this article\n"])),
        ),
        (
            "10 MB of distinct borderline lines",
            Box::new(|_| {
                // Distinct lines that scored in the old context pass's uncertain band, which
                // then searched past all of them for a certain neighbour (was quadratic).
                let w = [
                    "river", "bridge", "council", "city", "road", "school", "park", "market",
                ];
                let mut s = String::with_capacity(10 * MB + 100);
                let mut i = 0usize;
                while s.len() < 10 * MB {
                    let line = format!(
                        "The council says it is open to talks {} {} {}{}{}{}\n\n",
                        w[i % 8],
                        w[(i / 8) % 8],
                        w[(i / 64) % 8],
                        w[(i / 512) % 8],
                        w[(i / 4096) % 8],
                        w[(i / 32768) % 8],
                    );
                    s.push_str(&line);
                    i += 1;
                }
                s
            }),
        ),
        (
            "lines differing in their last bytes",
            Box::new(|_| {
                // Hash flooding: 16-byte lines that differ only in their last three bytes
                // collide in an unkeyed FxHash's bucket bits.
                let mut s = String::with_capacity(10 * MB + 32);
                let mut i = 0usize;
                while s.len() < 10 * MB {
                    let b = |k: usize| char::from(b'A' + ((i / k) % 26) as u8);
                    s.push_str("abcdefghijklm");
                    s.extend([b(1), b(26), b(676)]);
                    s.push('\n');
                    i += 1;
                }
                s
            }),
        ),
        (
            "every Unicode space and separator",
            Box::new(|_| {
                let seps = [
                    "\t", "\u{b}", "\u{c}", "\r", "\r\n", "\n", " ", "\u{85}", "\u{a0}",
                    "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}",
                    "\u{2005}", "\u{2006}", "\u{2007}", "\u{2008}", "\u{2009}", "\u{200a}",
                    "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{200b}",
                    "\u{feff}", "\u{1c}", "\u{1f}",
                ];
                let words = ["word", "the", "river", "bridge.", "Straße", "中文"];
                let parts: Vec<String> = (0..seps.len() * words.len())
                    .map(|i| format!("{}{}", words[i % words.len()], seps[i % seps.len()]))
                    .collect();
                let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
                fill(10 * MB, &refs)
            }),
        ),
        (
            "lone combining marks",
            Box::new(|_| {
                fill(
                    10 * MB,
                    &[
                        "\u{301}",
                        "\u{308}\u{308}\u{308}",
                        " ",
                        "\u{20dd}",
                        "\u{93f}",
                        "\u{5b4}",
                        "\n",
                        "\u{301}\u{327}",
                        "\u{e49}",
                        "\n\n",
                    ],
                )
            }),
        ),
        (
            "RTL text and bidi controls",
            Box::new(|_| {
                fill(
                    10 * MB,
                    &[
                        "\u{202e}",
                        "قال المجلس ",
                        "\u{200f}",
                        "يوم الثلاثاء ",
                        "\u{2067}",
                        "אמרה העירייה ",
                        "\u{2069}",
                        "\u{202c}",
                        "\u{200e}",
                        "bridge ",
                        "\u{2066}",
                        "\u{61c}",
                        ".\n",
                        "\u{202b}",
                        "שלום",
                        "\u{2068}",
                        "\n\n",
                    ],
                )
            }),
        ),
        (
            "NUL bytes",
            Box::new(|_| {
                fill(
                    10 * MB,
                    &[
                        "\0\0\0\0\0\0\0\0",
                        "\0word\0",
                        "\0 \0",
                        "\0\n",
                        "\0\0\0\0\0\0\0\0\0\0",
                    ],
                )
            }),
        ),
    ]
}

fn main() {
    let mut root = PathBuf::from("../shared/corpus");
    let mut secs = 2.0f64;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--secs" => secs = args.next().and_then(|s| s.parse().ok()).unwrap_or(secs),
            "--only" => only = args.next(),
            "-h" | "--help" => {
                println!("usage: throughput [ROOT] [--secs S] [--only NAME-SUBSTRING]");
                return;
            }
            _ => root = PathBuf::from(a),
        }
    }
    let min = Duration::from_secs_f64(secs);
    let (texts, origin) = load(&root);
    let total: usize = texts.iter().map(String::len).sum();
    println!(
        "inputs: {} files, {:.2} MB from {origin}",
        texts.len(),
        total as f64 / 1e6
    );
    println!(
        "peak B/B: largest peak heap of one clean call per input byte (corpus: over pages \
         ≥ 64 KiB); × ws: clean time / split_whitespace time; × corpus: ns/byte relative to \
         the corpus"
    );
    println!();
    header();
    let cleaner = bodytext::Cleaner::default();
    let corpus = measure(&cleaner, &texts, min, 64 * 1024);
    row("corpus (all inputs)", &corpus, None);
    let c_ns = corpus.ns_per_byte();
    println!(
        "| {:<36} | {:>9} | {:>9} | {:>8} | {:>7} | {:>10.2} | {:>9} |",
        "corpus: Σ peak / Σ bytes", "", "", "", "", corpus.peak_weighted, ""
    );
    // One pass instead of settling (`Options::settle(false)`).
    let single =
        bodytext::Cleaner::new(bodytext::Options::default().settle(false)).expect("valid options");
    let one_pass = measure(&single, &texts, min, 64 * 1024);
    row("corpus, one pass (settle off)", &one_pass, Some(c_ns));
    // The cheapest settings: every page read as an article, in one pass.
    let fastest = bodytext::Cleaner::new(
        bodytext::Options::default()
            .settle(false)
            .detect_page_type(false),
    )
    .expect("valid options");
    let fast = measure(&fastest, &texts, min, 64 * 1024);
    row("corpus, one pass, page types off", &fast, Some(c_ns));
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    for (name, make) in shapes() {
        if !wanted(name) {
            continue;
        }
        let input = vec![make(&texts)];
        let f = measure(&cleaner, &input, min, 0);
        row(name, &f, Some(c_ns));
    }
    if wanted("linearity") {
        let small = measure(&cleaner, &[concat(&texts, MB)], min, 0);
        row("corpus concatenated, 1 MB", &small, Some(c_ns));
        let big = measure(&cleaner, &[concat(&texts, 100 * MB)], min, 0);
        row("corpus concatenated, 100 MB", &big, Some(c_ns));
        println!();
        println!(
            "linearity: ns/byte at 100 MB / ns/byte at 1 MB = {:.3} (target within 20 %)",
            big.ns_per_byte() / small.ns_per_byte()
        );
    }
}
