//! Hand-made pages in non-Latin scripts (`tests/scripts/<lang>/input.txt`): a menu, a
//! sign-in link, a headline, four body paragraphs, share and copyright lines. `clean` must
//! return exactly the body paragraphs (`expected.txt`). Every folder of `tests/scripts` is a
//! page: a new language is a new folder.

use std::fs;
use std::path::Path;

/// The languages (folder names) and their pages, sorted.
fn pages() -> Vec<(String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .expect("tests/scripts")
        .map(|e| e.expect("script folder").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let read = |f: &str| {
                fs::read_to_string(dir.join(f))
                    .unwrap_or_else(|e| panic!("{}: {e}", dir.join(f).display()))
            };
            let lang = dir.file_name().unwrap().to_string_lossy().into_owned();
            (lang, read("input.txt"), read("expected.txt"))
        })
        .collect()
}

/// Every page comes out as its expected body; all are checked before the test fails.
#[test]
fn every_script_keeps_exactly_its_body() {
    let pages = pages();
    assert!(
        pages.len() >= 7,
        "tests/scripts holds {} pages",
        pages.len()
    );
    let mut failures = Vec::new();
    for (lang, input, expected) in &pages {
        let out = bodytext::clean(input);
        let expected = expected.trim_end_matches('\n');
        if out != expected {
            failures.push(format!(
                "{lang}:\n--- expected\n{expected}\n--- actual\n{out}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pages differ:\n\n{}",
        failures.len(),
        pages.len(),
        failures.join("\n\n")
    );
}
