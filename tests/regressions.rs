//! Regression tests: inputs that once broke a robustness guarantee (no panic, linear time,
//! nothing invented). Time is measured by `examples/throughput.rs`, not here: these tests
//! pin the behaviour on the same inputs.
//!
//! Fuzzing (`fuzz/`, targets clean, explain, clean_bytes) has found no crash or timeout so
//! far; when it does, the input goes here (inline, or under `tests/regressions/`).

/// Lines that differ only in their last bytes: with an unkeyed FxHash counting repeated
/// block texts, they shared bucket bits and the count went quadratic (800,000 lines: 56 s,
/// now 5 s; see the "lines differing in their last bytes" shape of `examples/throughput`).
/// Each line must still be one block, counted as occurring once.
#[test]
fn distinct_lines_sharing_a_prefix() {
    let n = 3_000;
    let mut page = String::new();
    for i in 0..n {
        let b = |k: usize| char::from(b'A' + ((i / k) % 26) as u8);
        page.push_str("abcdefghijklm");
        page.extend([b(1), b(26), b(676)]);
        page.push('\n');
    }
    let blocks = bodytext::explain(&page);
    assert_eq!(blocks.len(), n);
    for (i, b) in blocks.iter().enumerate() {
        assert_eq!(b.lines, i..i + 1);
        assert_eq!(b.text.len(), 16);
    }
    // Nothing invented.
    let out = bodytext::clean(&page);
    assert!(out.split('\n').all(|l| l.is_empty() || page.contains(l)));
}
