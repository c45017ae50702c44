//! A block's text, its link text and the lines it spans in one field of 16 bytes.
//!
//! Every block of a page is held through its first pass, so the size of a block counts in
//! the peak heap: most texts are a slice of the input of one line with no link to read, and
//! only the others pay for a box.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use crate::text::links::link_text;

/// Whitespace-normalised text, with links read as their text alone where that differs, and
/// the number of input lines it spans.
#[derive(Clone)]
pub(crate) enum Text<'a> {
    /// A slice of the input on one line, its own link text. (A text of several lines is
    /// never one: their line breaks are normalised into spaces.)
    Input(&'a str),
    /// Any other text, or one whose link text differs.
    Boxed(Box<Owned>),
}

/// What a [`Text::Boxed`] holds, in 32 bytes beside the text: most are the normalised
/// copies of wrapped paragraphs (a lynx page holds one every 350 bytes or so, through its
/// pass), few have a link text of their own.
#[derive(Clone)]
pub(crate) struct Owned {
    text: Box<str>,
    /// `None` where the link text is the text.
    links: Option<Box<Box<str>>>,
    /// Input lines the text spans.
    lines: u32,
}

impl<'a> Text<'a> {
    /// `text`, spanning `lines` input lines, with its link text worked out once, for every
    /// reader of the block's words.
    pub(crate) fn spanning(text: Cow<'a, str>, lines: u32) -> Self {
        let links = match link_text(&text) {
            Cow::Owned(s) => Some(Box::new(s.into_boxed_str())),
            Cow::Borrowed(_) => None,
        };
        match (text, links) {
            (Cow::Borrowed(s), None) if lines == 1 => Text::Input(s),
            (text, links) => Text::Boxed(Box::new(Owned {
                // A slice of the input is copied only where its link text differs (or
                // where it is not one line, which normalised text of several lines never
                // is).
                text: text.into_owned().into_boxed_str(),
                links,
                lines,
            })),
        }
    }

    /// Input lines the text spans.
    pub(crate) fn lines(&self) -> u32 {
        match self {
            Text::Input(_) => 1,
            Text::Boxed(b) => b.lines,
        }
    }

    /// The text as the features read it: links by their text alone
    /// (`text::links::link_text`).
    pub(crate) fn links(&self) -> &str {
        match self {
            Text::Input(s) => s,
            Text::Boxed(b) => b.links.as_deref().map_or(&b.text, |l| l),
        }
    }

    /// The text, borrowed from the input where it is a slice of it.
    pub(crate) fn into_cow(self) -> Cow<'a, str> {
        match self {
            Text::Input(s) => Cow::Borrowed(s),
            Text::Boxed(b) => Cow::Owned(b.text.into_string()),
        }
    }

    /// The text owned, its link text kept.
    #[cfg(feature = "train")]
    pub(crate) fn into_static(self) -> Text<'static> {
        match self {
            Text::Input(s) => Text::Boxed(Box::new(Owned {
                text: s.into(),
                links: None,
                lines: 1,
            })),
            Text::Boxed(b) => Text::Boxed(b),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_size() {
        assert_eq!(std::mem::size_of::<Owned>(), 32);
        assert_eq!(std::mem::size_of::<Text>(), 16);
    }
}
