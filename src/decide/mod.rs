//! Scores → labels: the context stages rescore every block, the rules overrule the scores
//! where the page's structure says more, and every block gets its label and its reasons.
//!
//! [`decide`] runs, in order: the context forests ([`context`]), the page's bar
//! ([`Rule::NoProseBar`]), then every rule of [`Rule::ORDER`], then the labels.

mod affinity;
pub(crate) mod context;
mod dedup;
mod rules;
mod title;

use std::fmt;

use crate::features::vocab::Kind;
use crate::model::page_type::PageType;
use crate::model::trees::Rows;
use crate::model::{Contribution, Models, StageOne, sigmoid};
use crate::segment::Segment;
use rules::Decision;
pub use rules::Rule;

/// The final decision for one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Label {
    /// A paragraph of the article body.
    Body,
    /// The headline of the page (never part of the body output).
    Title,
    /// A heading inside the body (kept unless `Options::keep_headings` is off).
    Heading,
    /// Anything else, with the reason it is not body.
    Boilerplate(Kind),
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Body => f.write_str("body"),
            Label::Title => f.write_str("title"),
            Label::Heading => f.write_str("heading"),
            Label::Boilerplate(k) => write!(f, "boilerplate:{k}"),
        }
    }
}

/// One piece of evidence that moved a block's score or label.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
// Keywords and features borrow their names from the crate's tables: deserialized, they
// borrow from input that lives as long (`'static`).
#[non_exhaustive]
pub enum Reason {
    /// A boilerplate phrase of the vocabulary was found.
    Keyword {
        /// What the phrase signals.
        kind: Kind,
        /// The phrase as listed in the vocabulary.
        #[cfg_attr(feature = "serde", serde(borrow))]
        phrase: &'static str,
    },
    /// A density feature contributed to the score.
    Feature {
        /// Feature name (see `DESIGN.md`).
        #[cfg_attr(feature = "serde", serde(borrow))]
        name: &'static str,
        /// The feature's value for this block.
        value: f32,
        /// Its contribution to the score.
        weight: f32,
    },
    /// A decision taken by the context pass, by one of its rules or by settling.
    Rule(Rule),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Keyword { kind, phrase } => write!(f, "keyword {kind}: \"{phrase}\""),
            Reason::Feature {
                name,
                value,
                weight,
            } => write!(f, "{name}={value:.2} ({weight:+.2})"),
            Reason::Rule(r) => write!(f, "context: {r}"),
        }
    }
}

impl From<Contribution> for Reason {
    fn from(c: Contribution) -> Self {
        Reason::Feature {
            name: c.name,
            value: c.value,
            weight: c.weight,
        }
    }
}

/// What the context pass decided of every block, in order.
pub(crate) struct Decided {
    pub labels: Vec<Label>,
    /// The context stages' belief that a block is body.
    pub scores: Vec<f32>,
    /// Empty unless reasons were asked for.
    pub reasons: Vec<Vec<Reason>>,
    /// Stage one's log-odds (settling reads them again).
    pub stage_one: Vec<f32>,
}

/// Decide the label of every block of `segments` from their stage-one scores, at the
/// preset's bar `bar` on a page of type `page_type`, with the context forests of `models`
/// (their `items` applied after their `stages` on pages of items) writing their rows into
/// `rows`.
pub(crate) fn decide(
    segments: &[Segment],
    stage_one: StageOne,
    bar: f32,
    with_reasons: bool,
    models: &Models<'_>,
    page_type: PageType,
    rows: &mut Rows,
) -> Decided {
    let StageOne {
        summaries: feats,
        z: z1,
        reasons: contributions,
    } = stage_one;
    // What the stages read is dropped before the rules run.
    let z = {
        let staged = context::Staged::new(segments, &feats, &z1);
        let z = staged.through(z1.clone(), models.stages, rows);
        if page_type.itemised() {
            staged.through(z, models.items, rows)
        } else {
            z
        }
    };
    let p: Vec<f32> = z.into_iter().map(sigmoid).collect();
    let mut d = Decision::new(segments, &feats, p, bar, page_type);
    for rule in Rule::ORDER {
        rule.apply(&mut d);
    }
    d.labels(z1, contributions, with_reasons)
}
