//! Print the article body of a scraped text file.
//!
//! ```text
//! cargo run --release --example clean -- FILE          # clean(FILE) to stdout
//! cargo run --release --example clean -- --explain FILE  # every block with label, score, reasons
//! cargo run --release --example clean                  # read stdin
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut explain = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--explain" => explain = true,
            "-h" | "--help" => {
                println!("usage: clean [--explain] [FILE]   (stdin when no FILE)");
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() => path = Some(arg),
            _ => {
                eprintln!("clean: unexpected argument {arg:?}");
                return ExitCode::FAILURE;
            }
        }
    }
    let (bytes, name) = match &path {
        Some(p) => match std::fs::read(p) {
            Ok(b) => (b, p.as_str()),
            Err(e) => {
                eprintln!("clean: cannot read {p}: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                eprintln!("clean: cannot read stdin: {e}");
                return ExitCode::FAILURE;
            }
            (b, "stdin")
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("clean: warning: {name} is not valid UTF-8; decoding lossily");
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let mut out = std::io::stdout().lock();
    let res = if explain {
        bodytext::explain(&text).iter().try_for_each(|b| {
            let reasons: Vec<String> = b.reasons.iter().map(|r| r.to_string()).collect();
            writeln!(
                out,
                "{:>4}-{:<4} {} {:<24} {:.2} {}\n{:>35} {}",
                b.lines.start + 1,
                b.lines.end,
                if b.kept { '+' } else { '-' },
                b.label.to_string(),
                b.score,
                b.text,
                "",
                reasons.join("; ")
            )
        })
    } else {
        let body = bodytext::clean(&text);
        if body.is_empty() {
            Ok(())
        } else {
            writeln!(out, "{body}")
        }
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("clean: cannot write output: {e}");
            ExitCode::FAILURE
        }
    }
}
