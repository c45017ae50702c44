//! `explain` on arbitrary UTF-8: no panic, block line ranges disjoint and increasing, kept
//! blocks joined equal `clean`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let blocks = bodytext::explain(text);
    let mut next = 0;
    for b in &blocks {
        assert!(b.lines.start >= next && b.lines.end > b.lines.start, "{:?}", b.lines);
        next = b.lines.end;
        assert!(!b.text.is_empty());
        assert!((0.0..=1.0).contains(&b.score), "score {}", b.score);
    }
    let kept: Vec<&str> = blocks.iter().filter(|b| b.kept).map(|b| b.text.as_str()).collect();
    assert_eq!(kept.join("\n"), bodytext::clean(text));
});
