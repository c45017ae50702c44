//! The rules as cases: `tests/specs/rules.txt` holds one small page per rule with the
//! label `explain` gives each of its blocks (the file's head says how to read it). One
//! test reads every case, checks them all and then reports every case that differs.
//!
//! After a deliberate change of the model or of a rule, `BLESS=1 cargo test --test specs`
//! writes what `explain` now says into the expected sections; read the diff before
//! committing it.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use bodytext::{Block, Reason, Rule};

/// Rules with no case in the file, and why.
const WITHOUT_CASE: [(Rule, &str); 5] = [
    (
        Rule::Fallback,
        "it needs a page whose prose a rule overrules and whose best other block, of 15 words \
         or more, scores between .2 and the bar: no small page sits there steadily across \
         refits; a unit test in src/decide/rules.rs covers the rule",
    ),
    (
        Rule::Island,
        "the context stages score a small group far from the body low already; a group \
         they score as body must be a tenth of a long article",
    ),
    (
        Rule::AboveHeadline,
        "the short blocks above a headline (a section name, a date) score far below the \
         bar on a small page",
    ),
    (
        Rule::Rejoined,
        "needs hard-wrapped lines that the first pass reads apart and a second joins; \
         the dev corpus's articles show it only on Japanese text wrapped by lynx",
    ),
    (
        Rule::RunsIntoLineBefore,
        "needs hard-wrapped lines that the first pass reads apart and a second joins; \
         the dev corpus's articles show it only on Japanese text wrapped by lynx",
    ),
];

/// The rule named `name` (as the enum spells it).
fn rule_named(name: &str) -> Option<Rule> {
    Rule::ALL.into_iter().find(|r| format!("{r:?}") == name)
}

fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/specs/rules.txt")
}

/// One expected (or actual) block: its label, the rule named first (`-` for none) and its
/// text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    label: String,
    rule: String,
    text: String,
}

impl Row {
    fn of(block: &Block) -> Self {
        let rule = match block.reasons.first() {
            Some(Reason::Rule(r)) => format!("{r:?}"),
            _ => "-".to_string(),
        };
        Row {
            label: block.label.to_string(),
            rule,
            text: block.text.clone(),
        }
    }

    /// A line of the expected section: three columns apart by spaces or tabs.
    fn parse(line: &str) -> Option<Self> {
        let mut rest = line.trim();
        let mut column = || {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (word, tail) = rest.split_at(end);
            rest = tail.trim_start();
            word.to_string()
        };
        let (label, rule) = (column(), column());
        if label.is_empty() || rule.is_empty() {
            return None;
        }
        Some(Row {
            label,
            rule,
            text: rest.to_string(),
        })
    }

    /// The row as a line, its columns padded to `widths`.
    fn render(&self, widths: (usize, usize)) -> String {
        let line = format!(
            "{:w0$}  {:w1$}  {}",
            self.label,
            self.rule,
            self.text,
            w0 = widths.0,
            w1 = widths.1
        );
        line.trim_end().to_string()
    }
}

/// Column widths that align `rows`.
fn widths(rows: &[Row]) -> (usize, usize) {
    let w0 = rows.iter().map(|r| r.label.len()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    (w0, w1)
}

/// A case of the file.
struct Case {
    /// Line of its header (1-based).
    line: usize,
    /// The header without `### `.
    header: String,
    /// The rule it shows, as written.
    rule: String,
    /// The input's lines, as written.
    input: Vec<String>,
    expected: Vec<Row>,
}

impl Case {
    /// The page: the input lines without blank lines around them, each ended by `\n`.
    fn page(&self) -> String {
        let lines: Vec<&str> = self.input.iter().map(String::as_str).collect();
        let start = lines.iter().position(|l| !l.trim().is_empty());
        let end = lines.iter().rposition(|l| !l.trim().is_empty());
        match (start, end) {
            (Some(s), Some(e)) => lines[s..=e].iter().map(|l| format!("{l}\n")).collect(),
            _ => String::new(),
        }
    }
}

/// The file's head (everything before the first case) and its cases.
fn parse(text: &str) -> Result<(String, Vec<Case>), String> {
    let mut head = String::new();
    let mut cases: Vec<Case> = Vec::new();
    let mut in_input = false;
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if let Some(header) = line.strip_prefix("### ") {
            if cases.last().is_some_and(|_| in_input) {
                return Err(format!("line {n}: the case above has no `---` line"));
            }
            let rule = header
                .split_once(':')
                .map(|(r, _)| r.trim())
                .ok_or_else(|| format!("line {n}: a header is `### Rule: what it shows`"))?;
            cases.push(Case {
                line: n,
                header: header.to_string(),
                rule: rule.to_string(),
                input: Vec::new(),
                expected: Vec::new(),
            });
            in_input = true;
            continue;
        }
        let Some(case) = cases.last_mut() else {
            head.push_str(line);
            head.push('\n');
            continue;
        };
        if in_input {
            if line == "---" {
                in_input = false;
            } else {
                case.input.push(line.to_string());
            }
        } else if !line.trim().is_empty() {
            let row = Row::parse(line)
                .ok_or_else(|| format!("line {n}: an expected line is `label rule text`"))?;
            case.expected.push(row);
        }
    }
    if in_input {
        return Err("the last case has no `---` line".to_string());
    }
    Ok((head, cases))
}

/// The file again, with `actual[i]` as the expected section of case `i`.
fn bless(head: &str, cases: &[Case], actual: &[Vec<Row>]) -> String {
    let mut out = head.to_string();
    for (case, rows) in cases.iter().zip(actual) {
        let mut input = case.input.clone();
        while input.last().is_some_and(|l| l.trim().is_empty()) {
            input.pop();
        }
        writeln!(out, "### {}", case.header).unwrap();
        for line in &input {
            writeln!(out, "{line}").unwrap();
        }
        out.push_str("---\n");
        let w = widths(rows);
        for row in rows {
            writeln!(out, "{}", row.render(w)).unwrap();
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A line diff of `expected` against `actual` (longest common subsequence): `-` lines are
/// expected only, `+` lines actual only.
fn diff(expected: &[Row], actual: &[Row]) -> String {
    let all: Vec<Row> = expected.iter().chain(actual).cloned().collect();
    let w = widths(&all);
    let (n, m) = (expected.len(), actual.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if expected[i] == actual[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && expected[i] == actual[j] {
            writeln!(out, "    {}", expected[i].render(w)).unwrap();
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            writeln!(out, "  - {}", expected[i].render(w)).unwrap();
            i += 1;
        } else {
            writeln!(out, "  + {}", actual[j].render(w)).unwrap();
            j += 1;
        }
    }
    out
}

/// What is wrong with one case, if anything.
fn check(case: &Case, actual: &[Row]) -> Vec<String> {
    let mut problems = Vec::new();
    if rule_named(&case.rule).is_none() {
        problems.push(format!("`{}` is no rule", case.rule));
    }
    for row in &case.expected {
        if row.rule != "-" && rule_named(&row.rule).is_none() {
            problems.push(format!("expected `{}`: no rule", row.rule));
        }
    }
    for row in actual {
        if row.rule != "-" && rule_named(&row.rule).is_none() {
            problems.push(format!("`{}` is missing from Rule::ALL", row.rule));
        }
    }
    if case.page().is_empty() {
        problems.push("no input".to_string());
    }
    if !actual.iter().any(|r| r.rule == case.rule) {
        problems.push(format!("no block names {} first", case.rule));
    }
    if !case.expected.iter().any(|r| r.rule == case.rule) {
        problems.push(format!("no expected block names {} first", case.rule));
    }
    if case.expected != actual {
        problems.push(format!(
            "blocks differ (- expected, + actual):\n{}",
            diff(&case.expected, actual)
        ));
    }
    problems
}

#[test]
fn rules_as_cases() {
    let path = spec_path();
    let text = fs::read_to_string(&path).expect("tests/specs/rules.txt");
    let (head, mut cases) = parse(&text).unwrap_or_else(|e| panic!("rules.txt: {e}"));
    assert!(!cases.is_empty(), "rules.txt holds no case");
    let actual: Vec<Vec<Row>> = cases
        .iter()
        .map(|c| bodytext::explain(&c.page()).iter().map(Row::of).collect())
        .collect();
    if std::env::var_os("BLESS").is_some_and(|v| v != "0") {
        let blessed = bless(&head, &cases, &actual);
        if blessed != text {
            fs::write(&path, blessed).expect("write rules.txt");
        }
        for (case, rows) in cases.iter_mut().zip(&actual) {
            case.expected = rows.clone();
        }
    }
    let mut failures = Vec::new();
    for (case, actual) in cases.iter().zip(&actual) {
        let problems = check(case, actual);
        if !problems.is_empty() {
            failures.push(format!(
                "rules.txt:{} ### {}\n  {}",
                case.line,
                case.header,
                problems.join("\n  ")
            ));
        }
    }
    let named: Vec<&str> = cases.iter().map(|c| c.rule.as_str()).collect();
    for rule in Rule::ALL {
        let name = format!("{rule:?}");
        let left_out = WITHOUT_CASE.iter().any(|(r, _)| *r == rule);
        if named.contains(&name.as_str()) == left_out {
            failures.push(if left_out {
                format!("{name} has a case: take it off WITHOUT_CASE")
            } else {
                format!("{name} has no case (or a reason in WITHOUT_CASE)")
            });
        }
    }
    assert!(
        failures.is_empty(),
        "rules.txt ({} cases): {} problem(s)\n\n{}",
        cases.len(),
        failures.len(),
        failures.join("\n\n")
    );
}
