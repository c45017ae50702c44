//! Model weights. Hand-set starting values (reasoned guesses, see `DESIGN.md`).

use crate::score::Model;

/// Stage one: a block on its own features.
pub(crate) const BLOCK: Model = Model {
    bias: -4.5,
    weights: [
        0.9,  // log_words
        4.0,  // stop_density
        0.5,  // sentence_density
        1.0,  // ends_with_punct
        -1.0, // capital_share
        -2.0, // digit_share
        -4.0, // url_share
        0.0,  // avg_word_len
        -0.8, // bullet
        0.0,  // position
        -1.5, // repeats
        -4.0, // keyword_cover
        -0.5, // keyword_any
        -3.0, // separator_share
        0.3,  // starts_upper
        0.3,  // comma_density
        0.0,  // isolated
        -2.0, // punct_share
        -1.0, // short
        1.0,  // very_long
    ],
};
