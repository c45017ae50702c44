//! Regression tests: inputs that once broke a robustness guarantee.
//!
//! Fuzzing (`fuzz/`, targets clean, explain, clean_bytes) has found no crash or timeout so
//! far; when it does, the input goes here (inline, or under `tests/regressions/`).

use bodytext::Reason;

const WORDS: [&str; 8] = [
    "river", "bridge", "council", "city", "road", "school", "park", "market",
];

/// A run of blocks in the classifier's uncertain band: the context pass searched from each
/// for its nearest certain neighbour, quadratic in the run length (fixed in 23a7d58). The
/// decisions must stay those of the definition: between two body paragraphs, every
/// uncertain block is body.
#[test]
fn long_run_of_uncertain_blocks_between_body() {
    let body = "The council said on Tuesday that the new bridge would be built across the \
                river, and residents were asked to comment before the end of the month while \
                engineers checked the old structure for damage.";
    let mut page = format!("{body}\n\n");
    let n = 3000;
    for i in 0..n {
        page.push_str(&format!(
            "The council says it is open to talks {} {} {}{}\n\n",
            WORDS[i % 8],
            WORDS[(i / 8) % 8],
            WORDS[(i / 64) % 8],
            WORDS[(i / 512) % 8],
        ));
    }
    page.push_str(body);
    let blocks = bodytext::explain(&page);
    assert_eq!(blocks.len(), n + 2);
    assert!(
        blocks[0].kept && blocks[n + 1].kept,
        "fixture: outer paragraphs are body"
    );
    let from_neighbours = Reason::Context("uncertain, taken as body from neighbours");
    for b in &blocks[1..=n] {
        assert!(
            b.reasons.contains(&from_neighbours),
            "fixture no longer in the uncertain band, or smoothing changed: {b:?}"
        );
        assert!(b.kept, "{b:?}");
    }
}
