//! Page features → page type: one forest per type (one against the rest); the type whose
//! forest gives the highest probability wins. The forests live in `page_weights.rs`,
//! written by `examples/train_page.rs`.

use std::fmt;

use super::sigmoid;
use super::trees::Forest;
use crate::features::P;
use crate::features::page::PageFeatures;

/// What kind of page a text was scraped from. Detected from the text alone by
/// [`extract`](crate::extract) ([`Document::page_type`](crate::Document::page_type)), or
/// given by the caller ([`Options::page_type`](crate::Options::page_type)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum PageType {
    /// A news story, a blog post, an essay: paragraphs of prose.
    #[default]
    Article,
    /// A thread of posts and replies.
    Forum,
    /// One product for sale: its description, price and specifications.
    Product,
    /// A list of items that link to other pages: teasers, search results, a category.
    Listing,
    /// A page that gathers items of one kind: a gallery, a directory, a collection of
    /// products or recipes.
    Collection,
    /// Reference or guide text of a program, a service or a device.
    Documentation,
    /// The page of a business, an institution or a service: what it offers, how to reach it.
    Service,
}

impl PageType {
    /// Whether the page's content is a run of items (posts, offers, teasers) rather than
    /// prose: the types the item stages act on.
    pub(crate) fn itemised(self) -> bool {
        matches!(
            self,
            PageType::Forum | PageType::Product | PageType::Listing | PageType::Collection
        )
    }

    /// Every page type, in the order of the classifier's forests.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Product,
        PageType::Listing,
        PageType::Collection,
        PageType::Documentation,
        PageType::Service,
    ];

    /// The type's name in lower case, as `Display` writes it and `FromStr` reads it.
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Listing => "listing",
            PageType::Collection => "collection",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }
}

impl fmt::Display for PageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`PageType`] from a name that is none of theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPageType(pub String);

impl fmt::Display for UnknownPageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown page type {:?}: expected article, forum, product, listing, collection, \
             documentation or service",
            self.0
        )
    }
}

impl std::error::Error for UnknownPageType {}

impl std::str::FromStr for PageType {
    type Err = UnknownPageType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        PageType::ALL
            .into_iter()
            .find(|t| t.name() == lower)
            .ok_or_else(|| UnknownPageType(s.to_owned()))
    }
}

/// A page's type and the classifier's belief in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Guess {
    /// The type.
    pub kind: PageType,
    /// The classifier's belief in it (1 when given).
    pub probability: f32,
    /// Whether the caller gave it (`Options::page_type`).
    pub given: bool,
}

impl Guess {
    /// The type the rules act on: the caller's, or the detected one. Settling detects it
    /// again on the text each later pass reads, so that the type the output was cleaned as
    /// is the type the output reads as, and `clean(clean(t)) == clean(t)` holds.
    pub fn acting(self) -> PageType {
        self.kind
    }

    /// No type: none was given and none detected (`Options::detect_page_type` is off). The
    /// rules read the page as an article.
    pub(crate) fn undetected() -> Guess {
        Guess {
            kind: PageType::Article,
            probability: 0.0,
            given: false,
        }
    }

    /// A type the caller gave: certain.
    pub fn given(kind: PageType) -> Guess {
        Guess {
            kind,
            probability: 1.0,
            given: true,
        }
    }
}

/// The probability of every type (the one-against-the-rest probabilities, scaled to sum
/// to 1), in the order of [`PageType::ALL`]. Forests beyond the types are ignored; missing
/// ones give 0.
pub(crate) fn probabilities(forests: &[Forest<'_, P>], x: &[f32; P]) -> [f32; 7] {
    let mut p = [0.0f32; 7];
    for (pi, m) in p.iter_mut().zip(forests) {
        *pi = sigmoid(m.logit(x));
    }
    let sum: f32 = p.iter().sum();
    if sum > 0.0 {
        p.iter_mut().for_each(|v| *v /= sum);
    }
    p
}

/// The most probable type of a page with features `f`.
pub(crate) fn classify(forests: &[Forest<'_, P>], f: &PageFeatures) -> Guess {
    let p = probabilities(forests, &f.to_array());
    let (i, &probability) = p
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .unwrap_or((0, &1.0));
    if probability <= 0.0 {
        return Guess::given(PageType::Article);
    }
    Guess {
        kind: PageType::ALL[i],
        probability,
        given: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in PageType::ALL {
            assert_eq!(t.to_string().parse::<PageType>(), Ok(t));
        }
        assert_eq!("Listing".parse::<PageType>(), Ok(PageType::Listing));
        assert!("blog".parse::<PageType>().is_err());
    }

    #[test]
    fn no_forest_means_article() {
        let g = classify(&[], &PageFeatures::default());
        assert_eq!(g.kind, PageType::Article);
    }
}
