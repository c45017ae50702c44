//! Idempotence on the dev corpus: how many inputs `t` give `clean(clean(t)) != clean(t)`,
//! and how many of those because the second pass joins output lines.
//!
//! ```text
//! cargo run --release --example idempotence -- [SET ...] [--show]
//! ```
//!
//! SETs are folders of `../shared/corpus` (default: articles snippets mixed); `--show` lists
//! the inputs and the first lines a second pass joins.

use std::collections::HashSet;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let mut sets: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    if sets.is_empty() {
        sets = vec!["articles", "snippets", "mixed"];
    }
    for set in sets {
        let (mut n, mut differ, mut joined) = (0, 0, 0);
        let Ok(dirs) = std::fs::read_dir(format!("../shared/corpus/{set}")) else {
            eprintln!("idempotence: no ../shared/corpus/{set}");
            continue;
        };
        let mut dirs: Vec<_> = dirs.filter_map(|e| e.ok().map(|e| e.path())).collect();
        dirs.sort();
        for d in dirs {
            for r in ["w3m", "inscriptis", "lynx80"] {
                let Ok(t) = std::fs::read_to_string(d.join(format!("{r}.txt"))) else {
                    continue;
                };
                let once = bodytext::clean(&t);
                let twice = bodytext::clean(&once);
                n += 1;
                if once == twice {
                    continue;
                }
                differ += 1;
                let lines: HashSet<&str> = once.lines().collect();
                let new: Vec<&str> = twice.lines().filter(|l| !lines.contains(l)).collect();
                if !new.is_empty() {
                    joined += 1;
                }
                if show {
                    println!("{} {r}", d.display());
                    for l in new.iter().take(2) {
                        println!("   joined: {}", l.chars().take(200).collect::<String>());
                    }
                }
            }
        }
        println!("{set}: {differ} of {n} inputs not idempotent, {joined} of them by joined lines");
    }
}
