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

/// Hard-wrapped lines ending in a zero-width space: joining the lines dropped the U+200B, so
/// the block ("river and") was not a paragraph of the input ("river\u{200B} and"). Found by
/// probing wrapped pages with invisible characters; 3 of 6,861 corpus outputs had it.
#[test]
fn wrapped_lines_keep_invisible_characters_at_the_join() {
    let para = "The council said on Tuesday that the new bridge would be built across the \
                river and residents were asked to comment before the end of the month while \
                engineers checked the old structure for damage. ";
    let long = para.repeat(4);
    let mut page = String::new();
    for _ in 0..3 {
        let mut line = String::from("   ");
        for w in long.split_whitespace() {
            if line.len() + 1 + w.len() > 76 && line.len() > 3 {
                page.push_str(&line);
                page.push_str("\u{200B}\n");
                line = String::from("   ");
            }
            if line.len() > 3 {
                line.push(' ');
            }
            line.push_str(w);
        }
        page.push_str(&line);
        page.push_str("\n\n");
    }
    let squashed = page.split_whitespace().collect::<Vec<_>>().join(" ");
    let blocks = bodytext::explain(&page);
    assert_eq!(blocks.len(), 3, "the wrapped paragraphs are joined");
    for b in &blocks {
        assert!(b.text.contains('\u{200B}'));
        assert!(squashed.contains(&b.text), "{:?}", b.text);
    }
}

/// Found by the property `clean_bytes_agrees_with_clean_on_utf8`: a leading byte-order mark
/// counted as a column of indentation in `clean` (which `clean_bytes` drops), so the two
/// disagreed. A BOM is not text, and zero-width characters take no column.
#[test]
fn byte_order_mark_changes_nothing() {
    let text = "•\r* Subscribe\ra。\nWord\nWord•\né\n•\na* a ";
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(bodytext::clean(&with_bom), bodytext::clean(text));
    assert_eq!(
        bodytext::clean_bytes(with_bom.as_bytes()),
        bodytext::clean(text)
    );
    let zero_width_indent = "\u{200b}Line one of a page.\n\nLine two of a page.";
    assert_eq!(
        bodytext::explain(zero_width_indent).len(),
        bodytext::explain("Line one of a page.\n\nLine two of a page.").len()
    );
}

/// A settled clean is a fixpoint on the seeds: cleaning its output again changes nothing;
/// one pass (`settle(false)`) keeps at least what settling keeps on them.
#[test]
fn settled_output_is_stable_on_the_seeds() {
    use bodytext::{Cleaner, Options};
    let single = Cleaner::new(Options::default().settle(false)).unwrap();
    for entry in std::fs::read_dir("tests/seeds").unwrap() {
        let input = std::fs::read_to_string(entry.unwrap().path().join("input.txt")).unwrap();
        let once = bodytext::clean(&input);
        assert!(!once.is_empty());
        assert_eq!(bodytext::clean(&once), once);
        let one_pass = single.clean(&input);
        for line in once.lines() {
            assert!(one_pass.lines().any(|l| l == line), "{line}");
        }
    }
}
