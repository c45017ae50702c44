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
use crate::output::Block;
use crate::page::{Page, Run};
use crate::segment::{self, LinesRead};
use crate::text::lines::{push_normalized, split_lines};

/// Passes of the pipeline at most. Three settle nearly every page of the dev corpus, but a
/// few (a comment thread peeled off a few blocks a pass) need more, and a cap that comes
/// first leaves `clean(clean(t)) != clean(t)`. Of the 6,861 corpus inputs, those whose
/// second `clean` drops blocks without rejoining lines: 111 with a cap of 4, 21 with 12
/// (at `f5ec813`); 6 with 12 once headline-like blocks above the headline went in one pass.
/// A detected listing's lower bar lets more borderline items through to shed: with detected
/// types acting, 8 of the 6,444 inputs of the dev corpus with 12, 3 with 20. Each pass reads only the text the one before kept, and the cap keeps time linear on
/// hostile input.
const MAX_PASSES: usize = 20;

/// Later passes read at most this many times the input's bytes in all, beyond
/// [`SETTLE_BUDGET_FLOOR`]: a long page whose body sits on the bar (a hostile or generated
/// text) can shed a few blocks a pass for all of [`MAX_PASSES`]: with the forests of
/// `1c5a194` 10 MB of RTL text with bidi controls cost 6.7× the corpus per byte, with those
/// of `2852e96` 10 MB of text between every kind of Unicode space 4.4× (4.2× with one time
/// the input, against twice before). Pages of the dev corpus never reach it (`clean` is
/// byte-identical on all of them with budgets of one and two times).
const SETTLE_BUDGET_TIMES: usize = 1;
/// Bytes later passes may always read, so that settling on pages of ordinary size is
/// never cut short (and `clean(clean(t)) == clean(t)` holds there as before).
const SETTLE_BUDGET_FLOOR: usize = 1 << 20;

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
        let mut budget = SETTLE_BUDGET_TIMES * self.text.len() + SETTLE_BUDGET_FLOOR;
        for _ in 1..MAX_PASSES {
            let kept: Vec<usize> = (0..self.blocks.len())
                .filter(|&i| self.blocks[i].kept)
                .collect();
            let bytes: usize = kept.iter().map(|&i| self.blocks[i].text.len()).sum();
            if kept.is_empty() || bytes > budget {
                break;
            }
            budget -= bytes;
            match self.settle_once(&kept, rewritten) {
                Step::Rewritten => rewritten = true,
                Step::Dropped => {}
                Step::Settled => break,
            }
        }
    }

    /// One later pass over the kept blocks `kept`; `rewritten` says whether their text
    /// changed since the first pass.
    fn settle_once(&mut self, kept: &[usize], rewritten: bool) -> Step {
        // The output has one block per line; should the pipeline read it otherwise (lines
        // rejoined as a wrapped paragraph), its blocks no longer map onto these.
        let texts: Vec<&str> = kept.iter().map(|&i| self.blocks[i].text.as_str()).collect();
        let Some(LinesRead {
            bullets,
            strips,
            joins,
        }) = segment::read_lines(&texts)
        else {
            return Step::Settled;
        };
        if strips.iter().any(|&n| n > 0) {
            // A list marker the first pass kept as text (one of two, `• * note`) would go:
            // it goes now.
            for (&i, &n) in kept.iter().zip(&strips) {
                self.blocks[i].text.drain(..n);
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
        self.pass_again(kept, bullets, rewritten)
    }

    /// The pipeline over the kept blocks `kept`, read as one block a line (`bullets` says
    /// which are list items); the blocks it drops are relabelled.
    fn pass_again(&mut self, kept: &[usize], bullets: Vec<bool>, rewritten: bool) -> Step {
        // Lent to this pass and given back below.
        let texts = kept
            .iter()
            .map(|&i| std::mem::take(&mut self.blocks[i].text));
        let segments = segment::one_block_a_line(texts, bullets);
        let stops = language::choose(self.run.options.language.as_deref(), &segments);
        let known = if stops.same(&self.stops) && !rewritten {
            known(&self.reuse, kept)
        } else {
            Vec::new()
        };
        let quiet = Run {
            reasons: false,
            ..self.run
        };
        // A detected type is detected again on the kept text, as cleaning it again would:
        // the type the last pass acts on is the one the output reads as.
        let given = self.page_type.given.then_some(self.page_type);
        // The marks hold while the text and the language do.
        let marks: Option<Vec<_>> = (!rewritten && stops.same(&self.stops) && given.is_none())
            .then(|| kept.iter().map(|&i| self.marks[i]).collect());
        let (again, page_type, _) = quiet.pass(
            segments,
            &stops,
            &known,
            given,
            marks.as_deref(),
            |_, _, _, _| {},
        );
        self.page_type = page_type;
        drop(known);
        let mut changed = false;
        for (b, &i) in again.into_iter().zip(kept) {
            let dropped = &mut self.blocks[i];
            dropped.text = b.text;
            if !b.kept {
                drop_block(dropped, b.label, Rule::CleanedAgain);
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

/// The features the first pass kept (`reuse`, by block index) for the blocks `kept`.
fn known<'r>(reuse: &'r [(usize, Box<Features>)], kept: &[usize]) -> Vec<Option<&'r Features>> {
    let mut r = reuse.iter().peekable();
    kept.iter()
        .map(|&i| {
            while r.next_if(|e| e.0 < i).is_some() {}
            r.peek().filter(|e| e.0 == i).map(|e| &*e.1)
        })
        .collect()
}

/// Drop a block a later pass of settling would not keep: labelled with `label`'s kind of
/// boilerplate (or `Other`, when `label` is not boilerplate), `rule` first among its
/// reasons.
fn drop_block(block: &mut Block, label: Label, rule: Rule) {
    block.kept = false;
    block.label = match label {
        Label::Boilerplate(kind) => Label::Boilerplate(kind),
        _ => Label::Boilerplate(Kind::Other),
    };
    block.reasons.insert(0, Reason::Rule(rule));
}

/// Join kept blocks `kept[j]` and `kept[j + 1]` of `blocks` wherever `joins[j]` and they
/// are neighbouring blocks of adjacent lines of `text` that hold nothing but their text (no
/// list marker dropped, no zero-width character at the seam): the joined text is then a
/// paragraph of the input. Whether any were joined.
fn join_blocks(text: &str, blocks: &mut Vec<Block>, kept: &[usize], joins: &[bool]) -> bool {
    let mut joins: Vec<bool> = (0..joins.len())
        .map(|j| {
            joins[j] && {
                let (a, b) = (kept[j], kept[j + 1]);
                b == a + 1 && blocks[a].lines.end == blocks[b].lines.start
            }
        })
        .collect();
    if !joins.contains(&true) {
        return false;
    }
    // The input lines at the seams, read only here and in the order of the joins: the
    // blocks, and so the seams' line numbers, increase with `j`.
    let mut seams = (0..joins.len())
        .filter(|&j| joins[j])
        .map(|j| blocks[kept[j + 1]].lines.start)
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
        let Some((_, last, first)) = raw.next().filter(|r| r.0 == b.lines.start) else {
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
            first.text.push(' ');
            first.text.push_str(&next.text);
            first.lines.end = next.lines.end;
            first.score = first.score.max(next.score);
            if next.label == Label::Body {
                first.label = Label::Body;
            }
            gone[i] = true;
        }
        into = if joins[j] { into.or(Some(i)) } else { None };
        if let Some(t) = into.filter(|&t| t == i) {
            blocks[t].reasons.insert(0, Reason::Rule(Rule::Rejoined));
        }
    }
    let mut k = 0;
    blocks.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    true
}
