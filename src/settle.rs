//! Settling: the pipeline run again on its own output until that output no longer changes,
//! so that cleaning clean text changes nothing (a second pass sees the body without the
//! page's chrome and may drop a block more).
//!
//! A later pass does not join and cut the output anew: `segment::read_lines` tells from the
//! kept texts which lines a pass would join as a wrapped paragraph, and the features that
//! depend on a block's text alone are carried over from the first pass.

use crate::decide::{Label, Reason, Rule};
use crate::features::Features;
use crate::features::language;
use crate::features::vocab::Kind;
use crate::output::{self, Labelled};
use crate::packed::Packed;
use crate::page::{ByBlock, Earlier, Page, Run};
use crate::segment::{self, LinesRead};
use crate::text::lines::{push_normalized, split_lines};
use crate::util::to_u32;

/// Passes of the pipeline at most. Three settle nearly every page of the dev corpus, but a
/// few (a comment thread peeled off a few blocks a pass) need more, and a cap that comes
/// first leaves `clean(clean(t)) != clean(t)`. Of the 6,861 corpus inputs, those whose
/// second `clean` drops blocks without rejoining lines: 111 with a cap of 4, 21 with 12
/// (at `f5ec813`); 6 with 12 once headline-like blocks above the headline went in one pass.
/// A detected listing's lower bar lets more borderline items through to shed: with detected
/// types acting, 8 of the 6,444 inputs of the dev corpus with 12, 3 with 20. Each pass reads only the text the one before kept, and the cap keeps time linear on
/// hostile input.
const MAX_PASSES: usize = 20;

/// Later passes cost at most this share (in percent) of the first pass, beyond
/// [`SETTLE_BUDGET_FLOOR`], a pass's cost counted as its bytes plus [`BLOCK_COST`] a block:
/// a long page whose body sits on the bar (a hostile or generated text) can shed a few
/// blocks a pass for all of [`MAX_PASSES`]: with the forests of `1c5a194` 10 MB of RTL text
/// with bidi controls cost 6.7× the corpus per byte, with those of `2852e96` 10 MB of text
/// between every kind of Unicode space 4.4×. With a whole first pass's worth, a long page
/// of short lines that keeps most of them (NUL bytes, lines differing in their last bytes)
/// paid a second pass that only confirmed the first. Pages of the dev corpus never reach
/// it (`clean` was byte-identical on all of them with budgets of one and two times the
/// input's bytes, and is with this one): past the floor, settling is a bounded effort.
const SETTLE_BUDGET_PERCENT: usize = 50;
/// Cost (as [`SETTLE_BUDGET_PERCENT`] counts it) later passes may always spend, so that
/// settling on pages of ordinary size is never cut short (and `clean(clean(t)) == clean(t)`
/// holds there as before). A 121 KB corpus page, a table of 1,056 kept rows that sheds
/// about ten a pass, spends 2.0 M in eleven passes: with 1 MiB its settling stopped after
/// seven and its output changed; with 4 MiB every corpus output is as without a budget.
const SETTLE_BUDGET_FLOOR: usize = 1 << 22;
/// What a block costs a pass beyond its bytes, in bytes: the forests score every block
/// whatever its length. Fitted to instruction counts (callgrind) of one pass over the
/// sample of `examples/instructions.rs` (3.31 MB, 49,169 blocks, 1,348 M) and over 3 MB of
/// lone combining marks (222,223 blocks, 4,267 M): about 150 instructions a byte and
/// 17,000 a block. Counted in bytes alone, a page of short lines on the bar (text between
/// every kind of Unicode space: 29 bytes a block, 7 bytes a block for those kept) ran
/// eleven passes and cost 6.1× the corpus per instruction.
const BLOCK_COST: usize = 112;

/// What a pass over `blocks` blocks of `bytes` bytes costs, as the budget counts it.
fn cost(bytes: usize, blocks: usize) -> usize {
    bytes + BLOCK_COST * blocks
}

/// Keep the entries of `v` (one a block, or none at all) whose block has a `number` among
/// the kept ones.
fn keep_numbered<T>(v: &mut Vec<T>, number: &[Option<usize>]) {
    let mut numbers = number.iter();
    v.retain(|_| numbers.next().is_some_and(Option::is_some));
    v.shrink_to_fit();
}

/// What one later pass did.
enum Step {
    /// The kept text was rewritten (a marker stripped, lines joined): pass again, without
    /// the first pass's features.
    Rewritten,
    /// Blocks were dropped: pass again.
    Dropped,
    /// Nothing changed, or the output cannot be read again block for block: settled.
    Settled,
}

impl Page<'_> {
    /// Run the pipeline again on the kept blocks (their text, one block per line) until no
    /// block is dropped, [`MAX_PASSES`] passes in all at most; blocks a later pass drops are
    /// relabelled. This is what cleaning the output again does, without joining and cutting
    /// it anew.
    pub(crate) fn settle(&mut self) {
        // The first pass's features hold until blocks are joined or their text changes.
        let mut rewritten = false;
        let first = cost(self.text.len(), self.read_blocks);
        let mut budget = SETTLE_BUDGET_PERCENT * first / 100 + SETTLE_BUDGET_FLOOR;
        for _ in 1..MAX_PASSES {
            // Sized once: held through the pass, where many pages that settle peak.
            let mut kept = Vec::with_capacity(self.blocks.iter().filter(|b| b.kept).count());
            kept.extend((0..self.blocks.len()).filter(|&i| self.blocks[i].kept));
            let bytes: usize = kept.iter().map(|&i| self.blocks[i].text.len()).sum();
            let spend = cost(bytes, kept.len());
            if kept.is_empty() || spend > budget {
                break;
            }
            budget -= spend;
            match self.settle_once(&kept, rewritten) {
                Step::Rewritten => {
                    rewritten = true;
                    // Blocks were joined or their text changed: their numbers or their
                    // words did.
                    self.samples.clear();
                    self.scores = Vec::new();
                    self.words = ByBlock::default();
                    self.marks = ByBlock::default();
                }
                Step::Dropped => {}
                Step::Settled => break,
            }
        }
    }

    /// Number what the first pass kept for later passes (by block index) as the blocks
    /// `clean` keeps (`kept`, one a block of the first pass), the others' dropped: only
    /// `clean` may, whose blocks are the kept ones alone.
    pub(crate) fn keep_numbered(&mut self, kept: &[bool]) {
        // A block's number among the kept ones, by its number among all.
        let mut kept_before = 0;
        let number: Vec<Option<usize>> = kept
            .iter()
            .map(|&k| {
                kept_before += usize::from(k);
                k.then(|| kept_before - 1)
            })
            .collect();
        self.reuse.retain_mut(|p| match number[p.block as usize] {
            Some(n) => {
                p.block = to_u32(n);
                true
            }
            None => false,
        });
        self.reuse.shrink_to_fit();
        keep_numbered(&mut self.scores, &number);
        self.samples.renumber(|i| number[i]);
        self.words.renumber(&number);
        self.marks.renumber(&number);
    }

    /// One later pass over the kept blocks `kept`; `rewritten` says whether their text
    /// changed since the first pass.
    fn settle_once(&mut self, kept: &[usize], rewritten: bool) -> Step {
        // The output has one block per line; should the pipeline read it otherwise (lines
        // rejoined as a wrapped paragraph), its blocks no longer map onto these.
        let texts: Vec<&str> = kept.iter().map(|&i| self.blocks[i].text.as_ref()).collect();
        let read = segment::read_lines(&texts);
        // Freed before the pass below, whose peak is the page's.
        drop(texts);
        let Some(LinesRead {
            bullets,
            strips,
            joins,
        }) = read
        else {
            return Step::Settled;
        };
        if strips.iter().any(|&n| n > 0) {
            // A list marker the first pass kept as text (one of two, `• * note`) would go:
            // it goes now.
            for (&i, &n) in kept.iter().zip(&strips) {
                self.blocks[i].text.to_mut().drain(..n);
            }
            return Step::Rewritten;
        }
        if joins.contains(&true) {
            // Read again, the output is a wrapped paragraph where the first pass saw lines
            // (its lines thinned out, the wrap width shows): join them as the next pass
            // would, where they stand next to each other in the input too.
            if join_blocks(self.text, &mut self.blocks, kept, &joins) {
                return Step::Rewritten;
            }
            // Lines with dropped text between them: joined, they would not be a paragraph
            // of the input, and left apart, a second pass would join them. The line that
            // would be run into the one before goes, so the output reads as it is.
            for (j, _) in joins.iter().enumerate().filter(|(_, j)| **j) {
                let b = &mut self.blocks[kept[j + 1]];
                let label = b.label;
                drop_block(b, label, Rule::RunsIntoLineBefore);
            }
            return Step::Dropped;
        }
        drop((strips, joins));
        self.pass_again(kept, bullets, rewritten)
    }

    /// The pipeline over the kept blocks `kept`, read as one block a line (`bullets` says
    /// which are list items); the blocks it drops are relabelled.
    fn pass_again(&mut self, kept: &[usize], bullets: Vec<bool>, rewritten: bool) -> Step {
        if !rewritten {
            // Before the blocks' text is borrowed, and while it is the first pass's.
            self.read_marks();
        }
        let texts = kept.iter().map(|&i| self.blocks[i].text.as_ref());
        let segments = segment::one_block_a_line(texts, &bullets);
        let stops = language::choose_counted(
            self.run.options.language.as_deref(),
            &segments,
            |j| kept[j],
            Some(&mut self.samples),
        );
        // The first pass's features, and so its stage-one scores, hold for the blocks'
        // text under the same stopwords.
        let same = stops.same(&self.stops) && !rewritten;
        let reuse: &[Packed] = if same { &self.reuse } else { &[] };
        let scores: Option<Vec<f32>> = same.then(|| kept.iter().map(|&i| self.scores[i]).collect());
        let quiet = Run {
            reasons: false,
            ..self.run
        };
        // A detected type is detected again on the kept text, as cleaning it again would:
        // the type the last pass acts on is the one the output reads as.
        let given = self.page_type.given.then_some(self.page_type);
        // The marks hold while the text and the language do.
        let marks = (same && !self.marks.is_empty()).then_some((&self.marks, kept));
        let earlier = Earlier {
            features: known(reuse, kept),
            scores: scores.as_deref(),
            marks,
        };
        let (again, page_type, _) =
            quiet.decide(&segments, &stops, earlier, given, |_, _, _, _, _| false);
        // They borrow the blocks' texts.
        drop(segments);
        self.page_type = page_type;
        let mut changed = false;
        for ((&bullet, label), &i) in bullets.iter().zip(again.labels).zip(kept) {
            let dropped = &mut self.blocks[i];
            if !output::kept(label, bullet, self.run.options) {
                drop_block(dropped, label, Rule::CleanedAgain);
                changed = true;
            }
        }
        if changed {
            Step::Dropped
        } else {
            Step::Settled
        }
    }
}

/// The features the first pass kept (`reuse`, by block index) for the blocks `kept`, by
/// their place in `kept` (asked in order).
fn known<'r>(reuse: &'r [Packed], kept: &'r [usize]) -> impl FnMut(usize) -> Option<Features> + 'r {
    let mut r = reuse.iter().peekable();
    move |j| {
        let i = to_u32(kept[j]);
        while r.next_if(|e| e.block < i).is_some() {}
        r.peek().filter(|e| e.block == i).map(|e| e.unpack())
    }
}

/// Drop a block a later pass of settling would not keep: labelled with `label`'s kind of
/// boilerplate (or `Other`, when `label` is not boilerplate), `rule` first among its
/// reasons.
fn drop_block(block: &mut Labelled, label: Label, rule: Rule) {
    block.kept = false;
    block.label = match label {
        Label::Boilerplate(kind) => Label::Boilerplate(kind),
        _ => Label::Boilerplate(Kind::Other),
    };
    block.reason_first(Reason::Rule(rule));
}

/// Join kept blocks `kept[j]` and `kept[j + 1]` of `blocks` wherever `joins[j]` and they
/// are neighbouring blocks of adjacent lines of `text` that hold nothing but their text (no
/// list marker dropped, no zero-width character at the seam): the joined text is then a
/// paragraph of the input. Whether any were joined.
fn join_blocks(text: &str, blocks: &mut Vec<Labelled>, kept: &[usize], joins: &[bool]) -> bool {
    let mut joins: Vec<bool> = (0..joins.len())
        .map(|j| {
            // Every non-blank line is in one block, so adjacent lines mean no block
            // between (`clean` holds only the kept blocks).
            joins[j] && blocks[kept[j]].lines.end == blocks[kept[j + 1]].lines.start
        })
        .collect();
    if !joins.contains(&true) {
        return false;
    }
    // The input lines at the seams, read only here and in the order of the joins: the
    // blocks, and so the seams' line numbers, increase with `j`.
    let mut seams = (0..joins.len())
        .filter(|&j| joins[j])
        .map(|j| blocks[kept[j + 1]].lines.start as usize)
        .peekable();
    let mut raw: Vec<(usize, &str, &str)> = Vec::new();
    let mut prev = "";
    for (n, line) in split_lines(text).enumerate() {
        if seams.next_if_eq(&n).is_some() {
            raw.push((n, prev, line));
        }
        if seams.peek().is_none() {
            break;
        }
        prev = line;
    }
    let mut raw = raw.into_iter();
    let mut seam = String::new();
    for j in 0..joins.len() {
        if !joins[j] {
            continue;
        }
        let (a, b) = (&blocks[kept[j]], &blocks[kept[j + 1]]);
        let Some((_, last, first)) = raw.next().filter(|r| r.0 == b.lines.start as usize) else {
            joins[j] = false;
            continue;
        };
        seam.clear();
        push_normalized(&mut seam, last);
        let ends = a.text.ends_with(seam.as_str());
        seam.clear();
        push_normalized(&mut seam, first);
        joins[j] = ends && b.text.starts_with(seam.as_str());
    }
    if !joins.contains(&true) {
        return false;
    }
    let mut into: Option<usize> = None;
    let mut gone = vec![false; blocks.len()];
    for (j, &i) in kept.iter().enumerate() {
        if let Some(t) = into {
            let (head, tail) = blocks.split_at_mut(i);
            let (first, next) = (&mut head[t], &mut tail[0]);
            let joined = first.text.to_mut();
            joined.push(' ');
            joined.push_str(&next.text);
            first.lines.end = next.lines.end;
            first.score = first.score.max(next.score);
            if next.label == Label::Body {
                first.label = Label::Body;
            }
            gone[i] = true;
        }
        into = if joins[j] { into.or(Some(i)) } else { None };
        if let Some(t) = into.filter(|&t| t == i) {
            blocks[t].reason_first(Reason::Rule(Rule::Rejoined));
        }
    }
    let mut k = 0;
    blocks.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    true
}
