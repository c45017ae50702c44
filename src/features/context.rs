//! The names of the context features: what the context forests read of a block and its
//! neighbours. `decide::context` computes them from the stage-one scores.

use crate::util::named::named_features;

named_features!(
    /// The context features of a block, by name (see `DESIGN.md`).
    ContextFeatures,
    M,
    [
        /// The block's own log-odds from the stage before, clipped.
        own,
        prev,
        next,
        prev2,
        next2,
        window_mean,
        window_max,
        mass_before,
        mass_after,
        inside,
        in_run,
        run_distance,
        log_words,
        keyword_cover,
        bullet_window,
        heading_shape,
        position,
        repeats,
        comments_above,
        neighbour_words,
        layout_match,
        from_run_start,
        to_run_end,
        boilerplate_affinity,
        body_affinity,
        lead_caps,
        title_case_window,
        unterminated_window,
        /// The block is a list item.
        bullet,
        /// Blank lines stand before and after the block.
        isolated,
    ]
);
