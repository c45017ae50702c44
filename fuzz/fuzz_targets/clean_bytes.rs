//! `clean_bytes` on arbitrary bytes: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let out = bodytext::clean_bytes(bytes);
    assert!(!out.ends_with('\n'));
});
