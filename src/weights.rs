//! Model weights, written by `examples/train.rs`: do not edit by hand.
//!
//! Fitted on the pages of the dev corpus whose id is not 0 mod 5 (FNV-1a): 1567551 blocks for stage one, L2 = 1.

use crate::context::M;
use crate::features::N;
use crate::score::Model;

/// Stage one: a block on its own features (see `features::NAMES`).
pub(crate) const BLOCK: Model<N> = Model {
    bias: -1.6796726,
    weights: [
        0.4321772,    // log_words
        -1.2505134,   // stop_density
        -0.016080415, // sentence_density
        0.5098403,    // ends_with_punct
        -1.4861336,   // capital_share
        0.699261,     // digit_share
        0.29518747,   // url_share
        0.49308994,   // avg_word_len
        0.16342959,   // bullet
        -0.30126932,  // position
        -0.030546399, // repeats
        -0.14236856,  // keyword_cover
        -0.43811375,  // keyword_any
        -0.25623414,  // separator_share
        -0.062052265, // starts_upper
        0.15065725,   // comma_density
        0.8693082,    // isolated
        -0.40972713,  // punct_share
        -0.7925301,   // words_1
        -0.75826114,  // words_2_3
        0.06894027,   // words_4_6
        0.092523746,  // words_7_12
        0.10101674,   // words_13_25
        0.3216124,    // words_26_50
        1.3811445,    // prose
        0.032099143,  // sentence_end_long
        0.8825761,    // title_case_short
        0.3252941,    // alpha_share
        0.062052265,  // starts_lower
        -3.7270842,   // kw_navigation
        -7.2306232,   // kw_advertisement
        -3.3428507,   // kw_share
        -5.2591577,   // kw_subscription
        -1.7288631,   // kw_comments
        -5.8685794,   // kw_caption
        -1.1082834,   // kw_related
        -11.349084,   // kw_legal
        -0.8661807,   // kw_metadata
        -1.1378351,   // kw_pagination
        -0.6108582,   // date_like
        -0.5321593,   // glued_share
        -1.8529078,   // bracketed
        0.78478754,   // ends_with_colon
    ],
};

/// Context stages, applied in turn: a block in its context (see `context::NAMES`).
pub(crate) const CONTEXT: [Model<M>; 2] = [
    Model {
        bias: 10.78293,
        weights: [
            0.41243675,   // self
            0.1521565,    // prev
            0.2121913,    // next
            0.13341159,   // prev2
            0.11494937,   // next2
            0.13192019,   // window_mean
            0.7261465,    // window_max
            -12.140009,   // mass_before
            -11.96132,    // mass_after
            1.8271062,    // inside
            0.8333373,    // in_run
            0.03381295,   // run_distance
            0.08231741,   // log_words
            -1.4055187,   // keyword_cover
            0.20613372,   // bullet_window
            0.0034138062, // heading_shape
            -0.05127394,  // position
            -0.096316814, // repeats
            0.011050948,  // comments_above
            -0.22078471,  // neighbour_words
        ],
    },
    Model {
        bias: 2.1892333,
        weights: [
            0.47806066,   // self
            0.082853876,  // prev
            0.18501621,   // next
            0.10952272,   // prev2
            0.082158305,  // next2
            -0.63018036,  // window_mean
            0.94751596,   // window_max
            -2.3757868,   // mass_before
            -2.425771,    // mass_after
            -0.213861,    // inside
            0.18640687,   // in_run
            0.010029121,  // run_distance
            0.21595119,   // log_words
            -1.3394967,   // keyword_cover
            -0.007850278, // bullet_window
            -0.08088333,  // heading_shape
            -0.028006393, // position
            -0.033902604, // repeats
            0.008576215,  // comments_above
            -0.20735906,  // neighbour_words
        ],
    },
];
