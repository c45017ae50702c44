//! The word hashes of a page's body blocks, kept from the first pass for the passes of
//! settling: those passes read the same blocks' text again, for the words they share with
//! the page's sure blocks (`affinity`) and for second copies (`dedup`), and hashing their
//! words was most of what that reading cost.
//!
//! The first pass hashes the words of every block it believes body for second copies
//! (lower-cased, `Fold::Unicode`); where no character of a block has a lower case of its
//! own beyond ASCII, the word affinity's hashes (`Fold::Ascii`) are the same, and the block's
//! are held. A later pass reads them rather than the text while the text is unchanged.

use crate::text::chars::{self, Fold};

/// The word hashes of some blocks of a page, by block number.
#[derive(Debug, Default)]
pub(crate) struct BlockWords {
    /// The blocks held, in increasing order: their number, and where their hashes and
    /// their single characters start.
    blocks: Vec<(u32, u32, u32)>,
    /// The hashes of every block held, one after the other.
    hashes: Vec<u32>,
    /// Where in `hashes` a word of a single character stands (the word affinity leaves
    /// those out): a few in a hundred words, fewer bytes than a bit for every word.
    single: Vec<u32>,
}

/// One block's word hashes as [`BlockWords`] holds them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Held<'a> {
    hashes: &'a [u32],
    /// Where its single characters stand, counted from the first of its hashes at `first`.
    single: &'a [u32],
    first: u32,
}

impl<'a> Held<'a> {
    /// The hashes of all the block's words, in order.
    pub(crate) fn all(self) -> &'a [u32] {
        self.hashes
    }

    /// The hashes of the block's words of two characters or more, in order.
    pub(crate) fn long(self) -> impl Iterator<Item = u32> + 'a {
        let mut single = self
            .single
            .iter()
            .map(move |&k| (k - self.first) as usize)
            .peekable();
        self.hashes
            .iter()
            .enumerate()
            .filter(move |&(k, _)| single.next_if_eq(&k).is_none())
            .map(|(_, &h)| h)
    }
}

impl BlockWords {
    /// Hash the words of block `block`'s text `text` (after every block held so far), as
    /// `dedup` reads them, and hold them where the word affinity's fold gives the same
    /// hashes: the block's words as held, or `None` where they are not.
    pub(crate) fn read(&mut self, block: usize, text: &str) -> Result<Held<'_>, Vec<u32>> {
        let (start, singles) = (self.hashes.len(), self.single.len());
        let (hashes, single) = (&mut self.hashes, &mut self.single);
        let same = chars::words(text, Fold::Unicode, |h, len| {
            if len == 1 {
                single.push(hashes.len() as u32);
            }
            hashes.push(h);
        });
        let fits = u32::try_from(self.hashes.len()).is_ok();
        match u32::try_from(block) {
            Ok(b) if same && fits && self.blocks.last().is_none_or(|l| l.0 < b) => {
                self.blocks.push((b, start as u32, singles as u32));
                Ok(self.get_at(self.blocks.len() - 1))
            }
            _ => {
                let words = self.hashes.split_off(start);
                self.single.truncate(singles);
                Err(words)
            }
        }
    }

    /// The words of the `k`-th block held.
    fn get_at(&self, k: usize) -> Held<'_> {
        let (_, start, singles) = self.blocks[k];
        let (end, singles_end) = self
            .blocks
            .get(k + 1)
            .map_or((self.hashes.len(), self.single.len()), |e| {
                (e.1 as usize, e.2 as usize)
            });
        Held {
            hashes: &self.hashes[start as usize..end],
            single: &self.single[singles as usize..singles_end],
            first: start,
        }
    }

    /// The words of block `block`, if they are held.
    pub(crate) fn get(&self, block: usize) -> Option<Held<'_>> {
        let b = u32::try_from(block).ok()?;
        let k = self.blocks.binary_search_by_key(&b, |e| e.0).ok()?;
        Some(self.get_at(k))
    }

    /// Give back the room left over from growing.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.blocks.shrink_to_fit();
        self.hashes.shrink_to_fit();
        self.single.shrink_to_fit();
    }

    /// Number the blocks anew: block `i` becomes `number(i)` (in the same order), or is
    /// forgotten for `None`; what is left moves down in place.
    pub(crate) fn renumber(&mut self, number: impl Fn(usize) -> Option<usize>) {
        let (mut blocks, mut words, mut singles) = (0, 0, 0);
        for k in 0..self.blocks.len() {
            let (b, start, first_single) = self.blocks[k];
            let (end, singles_end) = self
                .blocks
                .get(k + 1)
                .map_or((self.hashes.len(), self.single.len()), |e| {
                    (e.1 as usize, e.2 as usize)
                });
            let Some(n) = number(b as usize).and_then(|n| u32::try_from(n).ok()) else {
                continue;
            };
            let (start, first_single) = (start as usize, first_single as usize);
            self.blocks[blocks] = (n, words as u32, singles as u32);
            blocks += 1;
            self.hashes.copy_within(start..end, words);
            for s in first_single..singles_end {
                self.single[singles] = self.single[s] - start as u32 + words as u32;
                singles += 1;
            }
            words += end - start;
        }
        self.blocks.truncate(blocks);
        self.hashes.truncate(words);
        self.single.truncate(singles);
    }

    /// Forget every block (their numbers or their text changed).
    pub(crate) fn clear(&mut self) {
        *self = BlockWords::default();
    }
}

/// What a pass does with the word hashes of its blocks.
pub(crate) enum Words<'a> {
    /// Neither holds nor reads any.
    None,
    /// Holds those of the blocks it reads for second copies (a segment's number is its
    /// block's).
    Hold(&'a mut BlockWords),
    /// Reads those held: segment `j` is block `blocks[j]`.
    Read {
        held: &'a BlockWords,
        blocks: &'a [usize],
    },
}

impl Words<'_> {
    /// The words held for segment `j`.
    pub(crate) fn held(&self, j: usize) -> Option<Held<'_>> {
        match self {
            Words::Read { held, blocks } => held.get(*blocks.get(j)?),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str, fold: Fold) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        chars::words(text, fold, |h, n| out.push((h, n)));
        out
    }

    #[test]
    fn held_words_are_those_of_either_fold() {
        let texts = [
            "The council voted, 3 to 2, on a bridge.",
            "Über den Fluss",
            "naïve café, x y z",
            "",
            "ΑΘΗΝΑ news",
            "a b",
            "plain words again and again",
        ];
        let mut held = BlockWords::default();
        for (i, t) in texts.iter().enumerate() {
            let unicode: Vec<u32> = hashes(t, Fold::Unicode).iter().map(|w| w.0).collect();
            match held.read(2 * i, t) {
                Ok(h) => assert_eq!(h.all(), unicode),
                Err(words) => assert_eq!(words, unicode),
            }
        }
        for (i, t) in texts.iter().enumerate() {
            let ascii = hashes(t, Fold::Ascii);
            let unicode = hashes(t, Fold::Unicode);
            match held.get(2 * i) {
                Some(h) => {
                    assert_eq!(ascii, unicode, "{t}");
                    assert_eq!(h.all(), unicode.iter().map(|w| w.0).collect::<Vec<_>>());
                    let long: Vec<u32> = ascii.iter().filter(|w| w.1 >= 2).map(|w| w.0).collect();
                    assert_eq!(h.long().collect::<Vec<_>>(), long, "{t}");
                }
                None => assert_ne!(ascii, unicode, "{t}"),
            }
            assert!(held.get(2 * i + 1).is_none());
        }
        // Renumbered, every other block kept.
        held.renumber(|i| (i % 4 == 0).then_some(i / 4));
        for (i, t) in texts.iter().enumerate() {
            let got = if i % 2 == 0 { held.get(i / 2) } else { None };
            let want = held_long(t);
            assert_eq!(
                got.map(|h| h.long().collect::<Vec<_>>()),
                want.filter(|_| i % 2 == 0)
            );
        }
    }

    /// The long words of `t` where its folds agree.
    fn held_long(t: &str) -> Option<Vec<u32>> {
        let (ascii, unicode) = (hashes(t, Fold::Ascii), hashes(t, Fold::Unicode));
        (ascii == unicode).then(|| ascii.iter().filter(|w| w.1 >= 2).map(|w| w.0).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Any texts, held and renumbered: the words read back are those of the text.
        #[test]
        fn held_words_read_back(
            texts in proptest::collection::vec("([A-Za-z0-9 ,.]|\\PC){0,90}", 0..12),
            keep in proptest::collection::vec(proptest::bool::ANY, 12),
        ) {
            let mut held = BlockWords::default();
            for (i, t) in texts.iter().enumerate() {
                let all: Vec<u32> = hashes(t, Fold::Unicode).iter().map(|w| w.0).collect();
                match held.read(i, t) {
                    Ok(h) => proptest::prop_assert_eq!(h.all(), all.as_slice()),
                    Err(words) => proptest::prop_assert_eq!(words, all),
                }
            }
            held.renumber(|i| keep[i].then_some(i));
            for (i, t) in texts.iter().enumerate() {
                let got = held.get(i).map(|h| h.long().collect::<Vec<_>>());
                proptest::prop_assert_eq!(got, held_long(t).filter(|_| keep[i]));
                if let Some(h) = held.get(i) {
                    let all: Vec<u32> = hashes(t, Fold::Unicode).iter().map(|w| w.0).collect();
                    proptest::prop_assert_eq!(h.all(), all.as_slice());
                }
            }
        }
    }
}
