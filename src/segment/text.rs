//! A block's text and its link text in one field of 16 bytes.
//!
//! Every block of a page is held through its first pass, so the size of a block counts in
//! the peak heap: most texts are a slice of the input with no link to read, and only the
//! others pay for a box.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use crate::text::links::link_text;

/// Whitespace-normalised text, with links read as their text alone where that differs.
#[derive(Clone)]
pub(crate) enum Text<'a> {
    /// A slice of the input, its own link text.
    Input(&'a str),
    /// Any other text, or one whose link text differs.
    Boxed(Box<Owned<'a>>),
}

/// What a [`Text::Boxed`] holds.
#[derive(Clone)]
pub(crate) struct Owned<'a> {
    text: Cow<'a, str>,
    /// `None` where the link text is the text.
    links: Option<Box<str>>,
}

impl<'a> Text<'a> {
    /// `text` with its link text worked out once, for every reader of the block's words.
    pub(crate) fn new(text: Cow<'a, str>) -> Self {
        let links = match link_text(&text) {
            Cow::Owned(s) => Some(s.into_boxed_str()),
            Cow::Borrowed(_) => None,
        };
        match (text, links) {
            (Cow::Borrowed(s), None) => Text::Input(s),
            (text, links) => Text::Boxed(Box::new(Owned { text, links })),
        }
    }

    /// The text as the features read it: links by their text alone
    /// (`text::links::link_text`).
    pub(crate) fn links(&self) -> &str {
        match self {
            Text::Input(s) => s,
            Text::Boxed(b) => b.links.as_deref().unwrap_or(&b.text),
        }
    }

    /// The text, borrowed from the input where it is a slice of it.
    pub(crate) fn into_cow(self) -> Cow<'a, str> {
        match self {
            Text::Input(s) => Cow::Borrowed(s),
            Text::Boxed(b) => b.text,
        }
    }

    /// The text owned, its link text kept.
    #[cfg(feature = "train")]
    pub(crate) fn into_static(self) -> Text<'static> {
        match self {
            Text::Input(s) => Text::Boxed(Box::new(Owned {
                text: Cow::Owned(s.to_owned()),
                links: None,
            })),
            Text::Boxed(b) => Text::Boxed(Box::new(Owned {
                text: Cow::Owned(b.text.into_owned()),
                links: b.links,
            })),
        }
    }
}

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Input(s) => s,
            Text::Boxed(b) => &b.text,
        }
    }
}

/// Equal texts have equal link texts: the text alone decides.
impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
