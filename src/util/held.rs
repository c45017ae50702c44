//! What a pass holds of a text the page gives more than once (a menu at its top and at its
//! foot, "Share" under every post), from the text's first block until its last: what the
//! pass works out from a block's text alone is worked out once a text.

use crate::util::hash::FxHashMap;
use std::collections::hash_map::Entry;

/// Values held by a text's first block for its later blocks, within a room of entries: past
/// it, later blocks work theirs out again (a page of short lines each given twice, the second
/// time after all of them, would otherwise hold one a text). The map is freed when its last
/// entry goes.
pub(crate) struct Held<S> {
    /// By the first block of a text: how many of its blocks are still to come, and the value
    /// held for them.
    by_first: FxHashMap<u32, (u32, S)>,
    /// Most entries held at once.
    room: usize,
}

impl<S> Held<S> {
    /// Room for `room` entries at once.
    pub(crate) fn with_room(room: usize) -> Self {
        Held {
            by_first: FxHashMap::default(),
            room,
        }
    }

    /// For one more block of the text whose first block is `first`: what `read` makes of the
    /// value held for it, or, for the last such block, what `take` makes of the value itself
    /// (the entry goes). `None` when nothing is held for the text.
    pub(crate) fn again<V>(
        &mut self,
        first: u32,
        read: impl FnOnce(&S) -> V,
        take: impl FnOnce(S) -> V,
    ) -> Option<V> {
        let Entry::Occupied(mut e) = self.by_first.entry(first) else {
            return None;
        };
        let (left, held) = e.get_mut();
        *left -= 1;
        if *left > 0 {
            return Some(read(held));
        }
        let held = e.remove().1;
        if self.by_first.is_empty() {
            // Its room goes too: the pass runs on with other things growing.
            self.by_first = FxHashMap::default();
        }
        Some(take(held))
    }

    /// Hold `value()` for the `later` blocks to come of the text whose first block is
    /// `first`, where there is room.
    pub(crate) fn hold(&mut self, first: u32, later: u32, value: impl FnOnce() -> S) {
        if later > 0 && self.by_first.len() < self.room {
            self.by_first.insert(first, (later, value()));
        }
    }

    /// Entries held now.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_first.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_read_by_each_later_block_and_taken_by_the_last() {
        let mut h: Held<String> = Held::with_room(1);
        h.hold(3, 2, || "menu".to_string());
        // No room for a second text: its blocks work theirs out again.
        h.hold(5, 1, || "share".to_string());
        assert_eq!(h.len(), 1);
        assert_eq!(h.again(5, String::clone, |s| s), None);
        assert_eq!(
            h.again(3, |s| format!("{s} read"), |s| s),
            Some("menu read".into())
        );
        assert_eq!(
            h.again(3, |s| format!("{s} read"), |s| s),
            Some("menu".into())
        );
        assert_eq!(h.again(3, String::clone, |s| s), None);
        assert_eq!(h.len(), 0);
        // A text given once holds nothing.
        h.hold(7, 0, || "once".to_string());
        assert_eq!(h.len(), 0);
    }
}
