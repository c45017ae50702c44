//! What a user meets first: the manifest's metadata and profiles, the README's dependency
//! line, the licences of bundled data. (`.ci/run` checks the minimum Rust version itself,
//! and `cargo publish --dry-run` the package.)

use std::fs;
use std::path::Path;

fn read(rel: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

/// The lines of the `[name]` table of a TOML file, up to the next table.
fn table<'a>(toml: &'a str, name: &str) -> Vec<&'a str> {
    let header = format!("[{name}]");
    toml.lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn release_builds_carry_no_debug_information_and_profiling_builds_do() {
    let manifest = read("Cargo.toml");
    assert!(
        table(&manifest, "profile.release")
            .iter()
            .all(|l| !l.starts_with("debug")),
        "cargo install would ship debug information"
    );
    let profiling = table(&manifest, "profile.profiling");
    assert!(
        profiling.contains(&"inherits = \"release\""),
        "{profiling:?}"
    );
    assert!(profiling.contains(&"debug = 1"), "{profiling:?}");
}

#[test]
fn the_manifest_says_where_the_documentation_is_and_what_it_covers() {
    let manifest = read("Cargo.toml");
    let package = table(&manifest, "package");
    assert!(package.contains(&"documentation = \"https://docs.rs/bodytext\""));
    assert!(
        package
            .contains(&format!("rust-version = \"{}\"", env!("CARGO_PKG_RUST_VERSION")).as_str())
    );
    assert_eq!(env!("CARGO_PKG_RUST_VERSION"), "1.88");
    let docs = table(&manifest, "package.metadata.docs.rs");
    assert!(
        docs.iter()
            .any(|l| l.starts_with("features") && l.contains("\"serde\""))
    );
}

#[test]
fn the_readme_gives_a_dependency_line_that_works_elsewhere() {
    let readme = read("README.md");
    assert!(!readme.contains("path = \".\""));
    assert!(readme.contains("bodytext = { path = \"../bodytext\" }"));
    assert!(readme.contains("bodytext = \"0.1\""));
    assert!(readme.contains("https://docs.rs/bodytext"));
    // The flags a user looks for.
    for flag in [
        "--fields",
        "--encoding",
        "-o FILE",
        "-q",
        "-v",
        "--lang list",
        ".zst",
    ] {
        assert!(readme.contains(flag), "README does not show {flag}");
    }
}

#[test]
fn the_stoplists_licences_are_credited() {
    let notice = read("NOTICE");
    assert!(notice.contains("stopwords-iso") && notice.contains("MIT License"));
    assert!(notice.contains("python-stop-words") && notice.contains("BSD 3-Clause"));
    assert!(read("README.md").contains("NOTICE"));
}
