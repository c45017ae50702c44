//! Robustness to other converters: the dev corpus's inputs re-rendered as other HTML-to-text
//! converters might write them, cleaned and scored in-sample against the gold.
//!
//! ```text
//! cargo run --release --example robustness -- [RENDERER] [--only NAME,NAME]
//! ```
//!
//! RENDERER (default `w3m`) is the corpus rendering each variant is made from; the corpus is
//! `../shared/corpus` (articles: shingle F1, mixed: mean word F1). Variants: `orig`, hard
//! wrapped at 60, 72, 78, 100 or 132 columns, no blank lines, every line apart, lines trimmed,
//! Markdown bullets, CRLF, CR, runs of two spaces as tabs, tables as Markdown pipes
//! (`pipes`), HTML entities left in (`entities`, scored decoded), the whole page on one line
//! (`oneline`), one sentence a line, wrapped at 72 without blank lines (`wrapnoblank`),
//! wrapped at 76 with paragraphs set apart by an indented first line alone (`indentpara`),
//! Markdown links (`mdlinks`), lynx's link numbers (`lynxrefs`) and lines broken at inline
//! elements (`inline`), and links plus `## ` headings and `**` bold (`mdfull`), that wrapped
//! at 78 columns as html2text does (`mdwrap`). Links are a simulation (menus of up to five
//! words are links, a link every 25 words elsewhere), and outputs with links are scored on
//! their link text, as the gold has no URLs.

#[path = "common/metrics.rs"]
mod metrics;
use metrics::{ShingleMatch, ShingleScore, WordMatch};

/// `t` hard-wrapped at `w` columns, each line opening with `indent`.
fn wrap(t: &str, w: usize, indent: &str) -> String {
    let mut out = String::new();
    for line in t.lines() {
        if line.trim().is_empty() {
            out.push('\n');
            continue;
        }
        let mut cur = String::from(indent);
        for word in line.split_whitespace() {
            if cur.len() > indent.len() && cur.len() + 1 + word.len() > w {
                out.push_str(&cur);
                out.push('\n');
                cur = String::from(indent);
            }
            if cur.len() > indent.len() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
        out.push_str(&cur);
        out.push('\n');
    }
    out
}

/// A re-rendering of a page's text.
type V = Box<dyn Fn(&str) -> String + Sync>;

/// Each line of `t` through `f` (trimmed, with its words), blank lines kept.
fn by_line(t: &str, mut f: impl FnMut(&str, &[&str], &mut String)) -> String {
    let mut out = String::new();
    for line in t.lines() {
        let s = line.trim();
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.is_empty() {
            out.push('\n');
        } else {
            f(s, &words, &mut out);
            out.push('\n');
        }
    }
    out
}

/// As lynx writes links without -nolist: `[n]` before each link's text, and the list of
/// references at the end.
fn lynx_refs(t: &str) -> String {
    let mut n = 0;
    let mut out = by_line(t, |s, words, out| {
        if words.len() <= 5 && !s.ends_with('.') {
            n += 1;
            out.push_str(&format!("[{n}]{s}"));
            return;
        }
        let mut parts = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if i % 25 == 12 {
                n += 1;
                parts.push(format!("[{n}]{w}"));
            } else {
                parts.push(w.to_string());
            }
        }
        out.push_str(&parts.join(" "));
    });
    out.push_str("\nReferences\n\n");
    for k in 1..=n {
        out.push_str(&format!("  {k}. https://example.com/page/{k}.html\n"));
    }
    out
}

/// As `get_text("\n")` writes a page: a line break at every inline element; here a link
/// of two words every 12 words of a long line, on a line of its own.
fn inline_breaks(t: &str) -> String {
    let mut out = String::new();
    for line in t.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() <= 12 {
            out.push_str(line.trim());
            out.push('\n');
            continue;
        }
        let mut cur: Vec<&str> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if (i % 12 == 6 || i % 12 == 8) && !cur.is_empty() {
                out.push_str(&cur.join(" "));
                out.push('\n');
                cur.clear();
            }
            cur.push(w);
        }
        out.push_str(&cur.join(" "));
        out.push('\n');
    }
    out
}

/// Markdown headings: a short line that ends no sentence, before a long one, opens with `## `;
/// bold text marked with `**` every 40 words of a long line.
fn md_headings(t: &str) -> String {
    let lines: Vec<&str> = t.lines().collect();
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        let s = line.trim();
        let words = s.split_whitespace().count();
        let next_long = lines[k + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| l.split_whitespace().count() > 15);
        if (1..=10).contains(&words) && !s.ends_with(['.', '!', '?']) && next_long {
            out.push_str("## ");
            out.push_str(s);
        } else if words > 40 {
            let w: Vec<&str> = s.split(' ').collect();
            out.push_str(&format!("**{}** {}", w[..3].join(" "), w[3..].join(" ")));
        } else {
            out.push_str(s);
        }
        out.push('\n');
    }
    out
}

/// As converters that write Markdown tables do: a line of cells set apart by runs of spaces
/// (how w3m and inscriptis lay out a table's row) as `| a | b |`, with a rule of dashes
/// under the first row of each table.
fn pipe_tables(t: &str) -> String {
    let mut out = String::new();
    let mut in_table = false;
    for line in t.lines() {
        let cells: Vec<&str> = line
            .trim()
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if cells.len() < 2 {
            in_table = false;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if !in_table {
            out.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
        }
        in_table = true;
    }
    out
}

/// The entities of the `entities` variant decoded, for scoring.
fn unescape(t: &str) -> String {
    t.replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Markdown links back to their text, for scoring.
fn unlink(t: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static REF: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let t = RE
        .get_or_init(|| regex::Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("link pattern"))
        .replace_all(t, "$1");
    REF.get_or_init(|| regex::Regex::new(r"\[\d+\](\S)").expect("reference pattern"))
        .replace_all(&t, "$1")
        .replace("**", "")
        .replace("## ", "")
}

/// As html2text writes links: short lines (menus) are links, and long lines carry a link
/// every 25 words.
fn md_links(t: &str) -> String {
    by_line(t, |s, words, out| {
        let (marker, rest) = match s.strip_prefix("• ").or(s.strip_prefix("* ")) {
            Some(r) => ("* ", r),
            None => ("", s),
        };
        if words.len() <= 5 && !rest.ends_with('.') {
            out.push_str(&format!(
                "{marker}[{rest}](https://example.com/{})",
                words.len()
            ));
            return;
        }
        let mut parts = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if i % 25 == 12 && i + 1 < words.len() {
                parts.push(format!(
                    "[{} {}](https://example.com/a/{i}.html)",
                    words[i],
                    words[i + 1]
                ));
                i += 2;
            } else {
                parts.push(words[i].to_string());
                i += 1;
            }
        }
        out.push_str(&parts.join(" "));
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.split(',').map(String::from).collect());
    let src = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "w3m".into());
    let variants: Vec<(&str, V)> = vec![
        ("orig", Box::new(|t: &str| t.to_string())),
        ("wrap72", Box::new(|t: &str| wrap(t, 72, ""))),
        ("wrap78", Box::new(|t: &str| wrap(t, 78, ""))),
        (
            "noblank",
            Box::new(|t: &str| {
                t.lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ),
        (
            "double",
            Box::new(|t: &str| t.lines().collect::<Vec<_>>().join("\n\n")),
        ),
        (
            "trimmed",
            Box::new(|t: &str| t.lines().map(str::trim).collect::<Vec<_>>().join("\n")),
        ),
        (
            "md",
            Box::new(|t: &str| {
                t.lines()
                    .map(|l| {
                        let s = l.trim_start();
                        if let Some(r) = s
                            .strip_prefix("• ")
                            .or(s.strip_prefix("* "))
                            .or(s.strip_prefix("+ "))
                        {
                            format!("* {r}")
                        } else {
                            s.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ),
        ("crlf", Box::new(|t: &str| t.replace('\n', "\r\n"))),
        ("cr", Box::new(|t: &str| t.replace('\n', "\r"))),
        ("wrap60", Box::new(|t: &str| wrap(t, 60, ""))),
        ("wrap100", Box::new(|t: &str| wrap(t, 100, ""))),
        ("wrap132", Box::new(|t: &str| wrap(t, 132, ""))),
        (
            "wrapnoblank",
            Box::new(|t: &str| {
                wrap(t, 72, "")
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ),
        (
            "indentpara",
            Box::new(|t: &str| {
                wrap(t, 76, "")
                    .split("\n\n")
                    .map(|p| format!("    {}", p.trim_start()))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ),
        ("sentences", Box::new(|t: &str| t.replace(". ", ".\n"))),
        ("tabs", Box::new(|t: &str| t.replace("  ", "\t"))),
        ("pipes", Box::new(pipe_tables)),
        (
            "entities",
            Box::new(|t: &str| {
                t.replace('&', "&amp;")
                    .replace('\'', "&#39;")
                    .replace('"', "&quot;")
                    .replace('\u{a0}', "&nbsp;")
            }),
        ),
        (
            "oneline",
            Box::new(|t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ")),
        ),
        ("mdlinks", Box::new(md_links)),
        ("lynxrefs", Box::new(lynx_refs)),
        ("inline", Box::new(inline_breaks)),
        ("mdfull", Box::new(|t: &str| md_headings(&md_links(t)))),
        (
            "mdwrap",
            Box::new(|t: &str| wrap(&md_headings(&md_links(t)), 78, "")),
        ),
    ];
    let variants: Vec<(&str, V)> = variants
        .into_iter()
        .filter(|(n, _)| only.as_ref().is_none_or(|o| o.iter().any(|x| x == n)))
        .collect();
    for set in ["articles", "mixed"] {
        let mut dirs: Vec<_> = std::fs::read_dir(format!("../shared/corpus/{set}"))
            .expect("the corpus at ../shared/corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        dirs.sort();
        let pages: Vec<(String, String)> = dirs
            .iter()
            .filter_map(|d| {
                Some((
                    std::fs::read_to_string(d.join(format!("{src}.txt"))).ok()?,
                    std::fs::read_to_string(d.join("gold.txt")).ok()?,
                ))
            })
            .collect();
        for (name, f) in &variants {
            // The gold has no URLs: outputs with links are scored on their link text.
            let links = matches!(*name, "mdlinks" | "lynxrefs" | "mdfull" | "mdwrap");
            // …and text with HTML entities on its decoded text.
            let entities = *name == "entities";
            let outs: Vec<String> = std::thread::scope(|s| {
                let h: Vec<_> = pages
                    .chunks(pages.len().div_ceil(2))
                    .map(|c| {
                        s.spawn(move || {
                            c.iter()
                                .map(|(t, _)| {
                                    let out = bodytext::clean(&f(t));
                                    if links {
                                        unlink(&out)
                                    } else if entities {
                                        unescape(&out)
                                    } else {
                                        out
                                    }
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                h.into_iter()
                    .flat_map(|h| h.join().expect("a cleaning thread"))
                    .collect()
            });
            let f1 = if set == "articles" {
                let m: Vec<_> = outs
                    .iter()
                    .zip(&pages)
                    .map(|(o, (_, g))| ShingleMatch::new(o, g))
                    .collect();
                ShingleScore::from_pages(&m).f1
            } else {
                outs.iter()
                    .zip(&pages)
                    .map(|(o, (_, g))| WordMatch::new(o, g).f1)
                    .sum::<f64>()
                    / pages.len() as f64
            };
            println!("{src} {set:8} {name:10} F1 {f1:.3}");
        }
    }
}
