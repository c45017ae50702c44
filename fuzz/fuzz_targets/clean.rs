//! `clean` on arbitrary UTF-8: no panic, every output line comes from the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fuzz_target!(|text: &str| {
    let out = bodytext::clean(text);
    let hay = squash(text);
    for line in out.lines() {
        let line = squash(line);
        assert!(hay.contains(&line), "invented line {line:?}");
    }
});
