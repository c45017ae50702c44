//! The quality metrics of the evaluation corpus (`../shared/corpus/README.md`), implemented
//! exactly as the three benchmarks publish them, so that figures measured here can be compared
//! with the benchmarks' own.
//!
//! | set | metric | per page | over the set |
//! | --- | --- | --- | --- |
//! | `articles` (Scrapinghub) | [`ShingleMatch`]: 4-token shingles | normalised tp/fp/fn | [`ShingleScore`]: F1 of mean precision and mean recall |
//! | `snippets` (trafilatura) | [`SnippetCounts`]: `with`/`without` snippets found | tp/fp/fn/tn | pooled counts |
//! | `mixed` (WCXB) | [`WordMatch`]: lower-cased word bags | precision, recall, F1 | [`WordScore`]: means |
//!
//! Both benchmarks are Python programs, so "word character" and "whitespace" follow Python's
//! `re` module, not Rust's `regex` defaults: a word character ([`is_word_char`]) is a character
//! of general category L* or N*, or `_` (Rust's `\w` also takes combining marks and leaves out
//! `²`); whitespace ([`is_space`]) is Unicode `White_Space` plus U+001C–U+001F (U+200B is not
//! whitespace). The Unicode tables are those of the `regex` crate, which may be a newer Unicode
//! version than the benchmarks' Python (Unicode 14): only characters assigned since differ.
//!

// Each example and test that reads this file uses some of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::hash::Hash;
use std::iter::Sum;
use std::ops::AddAssign;

use once_cell::sync::Lazy;
use regex::Regex;

/// Python's `\w+` for `str` patterns: general categories L* and N*, and `_`.
static WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("valid regex"));

/// Python's `\s+` for `str` patterns: Unicode `White_Space` and U+001C–U+001F.
static SPACE: Lazy<Regex> = Lazy::new(|| Regex::new(r"[\s\x1C-\x1F]+").expect("valid regex"));

/// Whether `c` is a word character of Python's `re` (`\w`): general category L* or N*, or `_`.
///
/// ```
/// use bodytext::metrics::is_word_char;
/// assert!(is_word_char('²') && is_word_char('_') && is_word_char('ß'));
/// assert!(!is_word_char('\u{301}')); // combining acute accent (Mn)
/// ```
pub fn is_word_char(c: char) -> bool {
    let mut buf = [0u8; 4];
    WORD.is_match(c.encode_utf8(&mut buf))
}

/// Whether `c` is whitespace for Python's `re` (`\s`) and `str.strip`: Unicode `White_Space`
/// or U+001C–U+001F.
///
/// ```
/// use bodytext::metrics::is_space;
/// assert!(is_space('\u{a0}') && is_space('\u{3000}') && is_space('\u{1f}'));
/// assert!(!is_space('\u{200b}'));
/// ```
pub fn is_space(c: char) -> bool {
    let mut buf = [0u8; 4];
    SPACE.is_match(c.encode_utf8(&mut buf))
}

/// The tokens of `text`: every match of Python's `\w+`, in order, case kept.
///
/// ```
/// assert_eq!(bodytext::metrics::tokens("It's 2²-fold, naïve!"), ["It", "s", "2²", "fold", "naïve"]);
/// ```
pub fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// trafilatura's snippet normalisation, `re.sub(r"\s+", " ", s).strip()`: every run of
/// whitespace becomes one space, and the ends are trimmed. Nothing else changes.
///
/// ```
/// assert_eq!(bodytext::metrics::norm(" a\u{a0}\u{3000}b\n\tc "), "a b c");
/// ```
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in SPACE.split(s).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Count the items of `items` as a multiset.
fn bag<T: Hash + Eq>(items: impl IntoIterator<Item = T>) -> HashMap<T, usize> {
    let mut bag = HashMap::new();
    for item in items {
        *bag.entry(item).or_insert(0) += 1;
    }
    bag
}

/// Size of the multiset intersection of `a` and `b`.
fn overlap<T: Hash + Eq>(a: &HashMap<T, usize>, b: &HashMap<T, usize>) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(k, n)| (*n).min(large.get(k).copied().unwrap_or(0)))
        .sum()
}

/// The 4-token shingles of a token list; a list of 1 to 3 tokens gives one shorter shingle,
/// an empty list none.
fn shingles<'a, 't>(tokens: &'t [&'a str]) -> impl Iterator<Item = &'t [&'a str]> {
    let n = tokens.len().saturating_sub(3).max(1);
    (0..n)
        .map(move |i| &tokens[i..(i + 4).min(tokens.len())])
        .filter(|s| !s.is_empty())
}

/// Harmonic mean of `p` and `r`; 0 when both are 0.
fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Mean of `values`; 0 when there are none.
fn mean(values: impl IntoIterator<Item = f64>) -> f64 {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// One page of the `articles` set: the Scrapinghub benchmark's shingle match of an output
/// against the gold body.
///
/// tp, fp and fn count 4-token shingles (multiset intersection, output beyond gold, gold beyond
/// output), each divided by tp+fp+fn when that is positive, so every page weighs the same.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShingleMatch {
    /// Shingles of both output and gold, normalised.
    pub tp: f64,
    /// Shingles of the output beyond the gold, normalised.
    pub fp: f64,
    /// Shingles of the gold beyond the output, normalised.
    pub fn_: f64,
    /// Whether the output's token list equals the gold's.
    pub exact: bool,
}

impl ShingleMatch {
    /// Match `output` against `gold`.
    pub fn new(output: &str, gold: &str) -> Self {
        let out_tokens = tokens(output);
        let gold_tokens = tokens(gold);
        let out_bag = bag(shingles(&out_tokens));
        let gold_bag = bag(shingles(&gold_tokens));
        let tp = overlap(&out_bag, &gold_bag);
        let fp = out_bag.values().sum::<usize>() - tp;
        let fn_ = gold_bag.values().sum::<usize>() - tp;
        let total = (tp + fp + fn_) as f64;
        let scale = if total > 0.0 { total } else { 1.0 };
        ShingleMatch {
            tp: tp as f64 / scale,
            fp: fp as f64 / scale,
            fn_: fn_ as f64 / scale,
            exact: out_tokens == gold_tokens,
        }
    }

    /// tp/(tp+fp); 1 when fp = fn = 0, 0 when tp = fp = 0.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// tp/(tp+fn); 1 when fp = fn = 0, 0 when tp = fn = 0.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// The page's own F1 (harmonic mean of its precision and recall). Not part of the
    /// benchmark's set score, which is the F1 of the means: use it to rank pages.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
}

/// The Scrapinghub benchmark's score over a set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShingleScore {
    /// Mean per-page precision over the pages with tp+fp > 0 (an empty output costs only recall).
    pub precision: f64,
    /// Mean per-page recall over the pages with tp+fn > 0.
    pub recall: f64,
    /// 2PR/(P+R) of the two means.
    pub f1: f64,
    /// Share of pages whose output token list equals the gold's.
    pub accuracy: f64,
    /// Number of pages.
    pub pages: usize,
}

impl ShingleScore {
    /// Score a set of pages; every figure is 0 for an empty set.
    pub fn from_pages(pages: &[ShingleMatch]) -> Self {
        let precision = mean(
            pages
                .iter()
                .filter(|p| p.tp + p.fp > 0.0)
                .map(ShingleMatch::precision),
        );
        let recall = mean(
            pages
                .iter()
                .filter(|p| p.tp + p.fn_ > 0.0)
                .map(ShingleMatch::recall),
        );
        ShingleScore {
            precision,
            recall,
            f1: harmonic(precision, recall),
            accuracy: mean(pages.iter().map(|p| if p.exact { 1.0 } else { 0.0 })),
            pages: pages.len(),
        }
    }
}

/// Snippet counts of the trafilatura evaluation, for one page or pooled over many (`+=`, `sum`).
///
/// A snippet is found when its [`norm`] is a substring of the output's [`norm`]. A `with`
/// snippet found is a true positive, one not found a false negative; a `without` snippet found
/// is a false positive, one not found a true negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SnippetCounts {
    /// `with` snippets found.
    pub tp: usize,
    /// `without` snippets found.
    pub fp: usize,
    /// `with` snippets not found.
    pub fn_: usize,
    /// `without` snippets not found.
    pub tn: usize,
}

impl SnippetCounts {
    /// Count the snippets of one page found in `output`.
    pub fn new<S: AsRef<str>>(output: &str, with: &[S], without: &[S]) -> Self {
        let output = norm(output);
        let found = |s: &S| output.contains(&norm(s.as_ref()));
        let tp = with.iter().filter(|s| found(s)).count();
        let fp = without.iter().filter(|s| found(s)).count();
        SnippetCounts {
            tp,
            fp,
            fn_: with.len() - tp,
            tn: without.len() - fp,
        }
    }

    /// tp/(tp+fp); 0 when there is no positive.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp/(tp+fn); 0 when there is no `with` snippet.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2tp/(2tp+fp+fn); 0 when that denominator is 0.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// (tp+tn)/(tp+tn+fp+fn); 0 when there is no snippet.
    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl AddAssign for SnippetCounts {
    fn add_assign(&mut self, o: Self) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }
}

impl Sum for SnippetCounts {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        let mut total = SnippetCounts::default();
        for c in iter {
            total += c;
        }
        total
    }
}

/// One page of the `mixed` set: the WCXB benchmark's word match of an output against the gold.
///
/// Words are the matches of Python's `\w+` in the lower-cased text, as a multiset; precision =
/// overlap / output words, recall = overlap / gold words, F1 their harmonic mean. An empty gold
/// (no word) scores 1 for an empty output and 0 otherwise; an empty output scores 0 against a
/// non-empty gold.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WordMatch {
    /// Overlap / output words.
    pub precision: f64,
    /// Overlap / gold words.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl WordMatch {
    /// Match `output` against `gold`.
    pub fn new(output: &str, gold: &str) -> Self {
        let output = output.to_lowercase();
        let gold = gold.to_lowercase();
        let out_bag = bag(tokens(&output));
        let gold_bag = bag(tokens(&gold));
        let (n_out, n_gold) = (
            out_bag.values().sum::<usize>(),
            gold_bag.values().sum::<usize>(),
        );
        if n_gold == 0 || n_out == 0 {
            let v = if n_gold == 0 && n_out == 0 { 1.0 } else { 0.0 };
            return WordMatch {
                precision: v,
                recall: v,
                f1: v,
            };
        }
        let common = overlap(&out_bag, &gold_bag) as f64;
        let precision = common / n_out as f64;
        let recall = common / n_gold as f64;
        WordMatch {
            precision,
            recall,
            f1: harmonic(precision, recall),
        }
    }
}

/// The WCXB benchmark's score over a set of pages: means of the per-page values.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WordScore {
    /// Mean per-page precision.
    pub precision: f64,
    /// Mean per-page recall.
    pub recall: f64,
    /// Mean per-page F1 (not the F1 of the means).
    pub f1: f64,
    /// Number of pages.
    pub pages: usize,
}

impl WordScore {
    /// Score a set of pages; every figure is 0 for an empty set.
    pub fn from_pages(pages: &[WordMatch]) -> Self {
        WordScore {
            precision: mean(pages.iter().map(|p| p.precision)),
            recall: mean(pages.iter().map(|p| p.recall)),
            f1: mean(pages.iter().map(|p| p.f1)),
            pages: pages.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_metrics() {
        let gold = "The storm closed the coastal roads on Tuesday.";
        let page = ShingleMatch::new("Menu\nThe storm closed the coastal roads on Tuesday.", gold);
        assert_eq!(page.recall(), 1.0);
        assert!(page.precision() < 1.0);
        let score = ShingleScore::from_pages(&[page]);
        assert_eq!(score.pages, 1);

        let counts = SnippetCounts::new(
            "The storm\u{a0}closed the roads.",
            &["storm closed"],
            &["Menu"],
        );
        assert_eq!((counts.tp, counts.fp, counts.fn_, counts.tn), (1, 0, 0, 1));

        let words = WordMatch::new("the STORM", "The storm closed");
        assert_eq!(words.precision, 1.0);
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn word_chars_follow_python() {
        // (char, is \w in Python 3.11)
        let cases = [
            ('a', true),
            ('_', true),
            ('7', true),
            ('²', true),        // No: Rust's \w leaves it out
            ('½', true),        // No
            ('①', true),        // No
            ('Ⅻ', true),        // Nl
            ('ß', true),        // Ll
            ('中', true),       // Lo
            ('\u{301}', false), // Mn: combining acute accent
            ('\u{93f}', false), // Mc: Devanagari vowel sign I
            ('\u{200c}', false),
            ('\u{200d}', false),
            ('‿', false), // Pc other than '_'
            ('-', false),
            ('\'', false),
        ];
        for (c, want) in cases {
            assert_eq!(is_word_char(c), want, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn whitespace_follows_python() {
        let cases = [
            (' ', true),
            ('\t', true),
            ('\n', true),
            ('\u{b}', true),
            ('\u{c}', true),
            ('\r', true),
            ('\u{1c}', true),
            ('\u{1f}', true),
            ('\u{85}', true),
            ('\u{a0}', true),
            ('\u{2000}', true),
            ('\u{200a}', true),
            ('\u{2028}', true),
            ('\u{202f}', true),
            ('\u{3000}', true),
            ('\u{200b}', false),
            ('\u{feff}', false),
            ('\u{1b}', false),
            ('x', false),
        ];
        for (c, want) in cases {
            assert_eq!(is_space(c), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn tokens_split_on_combining_marks_and_keep_other_numbers() {
        // "e" + U+0301: the mark is not a word character, so it splits the word.
        assert_eq!(tokens("cafe\u{301}s"), ["cafe", "s"]);
        assert_eq!(tokens("x² + y²"), ["x²", "y²"]);
        assert_eq!(
            tokens("snake_case, kebab-case"),
            ["snake_case", "kebab", "case"]
        );
        assert_eq!(tokens("zero\u{200b}width"), ["zero", "width"]);
        assert!(tokens(" — ").is_empty());
    }

    #[test]
    fn norm_collapses_python_whitespace_only() {
        assert_eq!(norm(""), "");
        assert_eq!(norm(" \u{a0}\u{3000} "), "");
        assert_eq!(norm("a\u{a0}b\u{3000}\u{3000}c\n\nd"), "a b c d");
        assert_eq!(norm("\u{1c}a\u{1f}b"), "a b");
        // U+200B is kept as it is.
        assert_eq!(norm("a\u{200b} b"), "a\u{200b} b");
    }

    #[test]
    fn shingles_of_short_texts() {
        let t = ["a", "b", "c", "d", "e"];
        let got: Vec<&[&str]> = shingles(&t).collect();
        assert_eq!(got, [&t[0..4], &t[1..5]]);
        let t = ["a", "b"];
        let got: Vec<&[&str]> = shingles(&t).collect();
        assert_eq!(got, [&t[..]]);
        let t: [&str; 0] = [];
        assert_eq!(shingles(&t).count(), 0);
    }

    #[test]
    fn shingle_match_hand_computed() {
        // gold: a b c d e f → shingles abcd bcde cdef (3)
        // output: x a b c d e → xabc abcd bcde (3); tp = 2, fp = 1, fn = 1, total 4
        let m = ShingleMatch::new("x a b c d e", "a b c d e f");
        assert!(close(m.tp, 0.5) && close(m.fp, 0.25) && close(m.fn_, 0.25));
        assert!(close(m.precision(), 2.0 / 3.0));
        assert!(close(m.recall(), 2.0 / 3.0));
        assert!(!m.exact);
    }

    #[test]
    fn shingle_match_counts_repeats_as_a_multiset() {
        // output: "a b c d a b c d" → abcd bcda cdab dabc abcd: abcd twice
        // gold: "a b c d" → abcd once; tp = 1, fp = 4, fn = 0, total 5
        let m = ShingleMatch::new("a b c d a b c d", "a b c d");
        assert!(close(m.tp, 0.2) && close(m.fp, 0.8) && close(m.fn_, 0.0));
        assert!(close(m.precision(), 0.2));
        assert!(close(m.recall(), 1.0));
    }

    #[test]
    fn shingle_match_short_texts() {
        // Under 4 tokens: one shorter shingle, which must match as a whole.
        let m = ShingleMatch::new("Hello, world!", "hello world");
        assert!(close(m.tp, 0.0) && close(m.fp, 0.5) && close(m.fn_, 0.5));
        assert_eq!((m.precision(), m.recall()), (0.0, 0.0));
        let m = ShingleMatch::new("Hello,\nworld!", "Hello world");
        assert!(close(m.tp, 1.0) && m.exact);
        assert_eq!((m.precision(), m.recall()), (1.0, 1.0));
    }

    #[test]
    fn shingle_match_empty_sides() {
        // Empty output: tp = fp = 0 → precision 0, recall 0; excluded from the precision mean.
        let m = ShingleMatch::new("", "a b c d e");
        assert!(close(m.fn_, 1.0) && close(m.tp + m.fp, 0.0));
        assert_eq!((m.precision(), m.recall()), (0.0, 0.0));
        // Empty gold: tp = fn = 0 → recall 0; excluded from the recall mean.
        let m = ShingleMatch::new("a b c d e", "");
        assert_eq!((m.precision(), m.recall()), (0.0, 0.0));
        // Both empty: fp = fn = 0 → both 1, but the page counts in neither mean.
        let m = ShingleMatch::new(" ", "—");
        assert_eq!((m.precision(), m.recall()), (1.0, 1.0));
        assert!(m.exact);
    }

    #[test]
    fn shingle_score_means_and_exclusions() {
        let pages = [
            ShingleMatch::new("x a b c d e", "a b c d e f"), // P = R = 2/3
            ShingleMatch::new("", "a b c d e"),              // R = 0, no P
            ShingleMatch::new("a b c d", "a b c d"),         // P = R = 1, exact
        ];
        let s = ShingleScore::from_pages(&pages);
        let p = (2.0 / 3.0 + 1.0) / 2.0; // two pages with tp+fp > 0
        let r = (2.0 / 3.0 + 0.0 + 1.0) / 3.0;
        assert!(close(s.precision, p));
        assert!(close(s.recall, r));
        assert!(close(s.f1, 2.0 * p * r / (p + r)));
        assert!(close(s.accuracy, 1.0 / 3.0));
        assert_eq!(s.pages, 3);
        assert_eq!(ShingleScore::from_pages(&[]), ShingleScore::default());
    }

    #[test]
    fn snippets_found_after_whitespace_normalisation() {
        let output = "The\u{a0}storm closed\n\nthe roads.\u{3000}Share this";
        let with = ["storm closed the roads.", "roads on Tuesday"];
        let without = ["Share\tthis", "Sign in"];
        let c = SnippetCounts::new(output, &with, &without);
        assert_eq!((c.tp, c.fp, c.fn_, c.tn), (1, 1, 1, 1));
        assert!(close(c.precision(), 0.5));
        assert!(close(c.recall(), 0.5));
        assert!(close(c.f1(), 0.5));
        assert!(close(c.accuracy(), 0.5));
    }

    #[test]
    fn snippets_zero_width_space_is_not_whitespace() {
        let c = SnippetCounts::new("storm\u{200b}closed", &["storm closed"], &[]);
        assert_eq!((c.tp, c.fn_), (0, 1));
        let c = SnippetCounts::new("storm\u{200b} closed", &["storm\u{200b}\u{a0}closed"], &[]);
        assert_eq!(c.tp, 1);
    }

    #[test]
    fn snippets_are_case_and_punctuation_sensitive() {
        let c = SnippetCounts::new("The Storm, closed", &["the storm", "Storm closed"], &[]);
        assert_eq!((c.tp, c.fn_), (0, 2));
    }

    #[test]
    fn snippets_empty_output_and_pooling() {
        let a = SnippetCounts::new("", &["a b", "c"], &["d"]);
        assert_eq!((a.tp, a.fp, a.fn_, a.tn), (0, 0, 2, 1));
        assert_eq!((a.precision(), a.recall(), a.f1()), (0.0, 0.0, 0.0));
        assert!(close(a.accuracy(), 1.0 / 3.0));
        let b = SnippetCounts::new("a b c d", &["a b"], &["d", "e"]);
        assert_eq!((b.tp, b.fp, b.fn_, b.tn), (1, 1, 0, 1));
        let total: SnippetCounts = [a, b].into_iter().sum();
        assert_eq!((total.tp, total.fp, total.fn_, total.tn), (1, 1, 2, 2));
        assert!(close(total.f1(), 2.0 / 5.0));
        assert!(close(total.precision(), 0.5));
        assert!(close(total.recall(), 1.0 / 3.0));
        assert!(close(total.accuracy(), 0.5));
        assert_eq!(SnippetCounts::default().f1(), 0.0);
    }

    #[test]
    fn word_match_hand_computed() {
        // output words: the the storm closed (4); gold: the storm closed roads (4)
        // overlap: the 1 + storm 1 + closed 1 = 3
        let m = WordMatch::new("The THE storm, closed!", "the storm closed roads");
        assert!(close(m.precision, 0.75) && close(m.recall, 0.75) && close(m.f1, 0.75));
        // ² is a word character: "x²" is one word and does not match "x".
        let m = WordMatch::new("x² y", "x y");
        assert!(close(m.precision, 0.5) && close(m.recall, 0.5));
        // A combining mark splits: "cafe\u{301}" is "cafe", matching "cafe".
        let m = WordMatch::new("cafe\u{301}", "cafe");
        assert!(close(m.f1, 1.0));
        // No overlap at all.
        assert_eq!(WordMatch::new("a", "b").f1, 0.0);
    }

    #[test]
    fn word_match_empty_sides() {
        let one = WordMatch {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
        assert_eq!(WordMatch::new("", ""), one);
        assert_eq!(WordMatch::new(" — ", "…"), one);
        assert_eq!(WordMatch::new("text", ""), WordMatch::default());
        assert_eq!(WordMatch::new("", "text"), WordMatch::default());
    }

    #[test]
    fn word_score_is_the_mean_of_page_values() {
        let pages = [
            WordMatch::new("a b", "a b"),   // 1, 1, 1
            WordMatch::new("a", "a b c d"), // P 1, R .25, F1 .4
            WordMatch::new("", "a"),        // 0
        ];
        let s = WordScore::from_pages(&pages);
        assert!(close(s.precision, 2.0 / 3.0));
        assert!(close(s.recall, 1.25 / 3.0));
        assert!(close(s.f1, 1.4 / 3.0));
        assert_eq!(s.pages, 3);
    }
}
