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
    Boxed(Box<Owned<'a>>),
}

/// What a [`Text::Boxed`] holds, in 32 bytes beside the text: most are the normalised
/// copies of wrapped paragraphs (a lynx page holds one every 350 bytes or so, through its
/// pass), few have a link text of their own or are a slice of the input.
#[derive(Clone)]
pub(crate) struct Owned<'a> {
    /// The text, unless it is a slice of the input (then empty, and the text in `more`).
    text: Box<str>,
    /// What few texts have, behind one pointer.
    more: Option<Box<More<'a>>>,
    /// Input lines the text spans.
    lines: u32,
}

/// A boxed text's link text, where it differs, and its text, where it is a slice of the
/// input (not copied: one line of 50 MB may hold a link).
#[derive(Clone)]
pub(crate) struct More<'a> {
    input: Option<&'a str>,
    links: Option<Box<str>>,
}

impl Owned<'_> {
    fn text(&self) -> &str {
        match self.more.as_deref() {
            Some(More { input: Some(s), .. }) => s,
            _ => &self.text,
        }
    }
}

impl<'a> Text<'a> {
    /// `text`, spanning `lines` input lines, with its link text worked out once, for every
    /// reader of the block's words.
    pub(crate) fn spanning(text: Cow<'a, str>, lines: u32) -> Self {
        let links = match link_text(&text) {
            Cow::Owned(s) => Some(s.into_boxed_str()),
            Cow::Borrowed(_) => None,
        };
        let (text, input) = match text {
            Cow::Borrowed(s) if lines == 1 && links.is_none() => return Text::Input(s),
            Cow::Borrowed(s) => (Box::default(), Some(s)),
            Cow::Owned(s) => (s.into_boxed_str(), None),
        };
        let more = (input.is_some() || links.is_some()).then(|| Box::new(More { input, links }));
        Text::Boxed(Box::new(Owned { text, more, lines }))
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
            Text::Boxed(b) => match b.more.as_deref() {
                Some(More { links: Some(l), .. }) => l,
                _ => b.text(),
            },
        }
    }

    /// The text, borrowed from the input where it is a slice of it.
    pub(crate) fn into_cow(self) -> Cow<'a, str> {
        match self {
            Text::Input(s) => Cow::Borrowed(s),
            Text::Boxed(b) => match b.more.as_deref() {
                Some(More { input: Some(s), .. }) => Cow::Borrowed(s),
                _ => Cow::Owned(b.text.into_string()),
            },
        }
    }

    /// The text owned, its link text kept.
    #[cfg(feature = "train")]
    pub(crate) fn into_static(self) -> Text<'static> {
        let lines = self.lines();
        let links = match &self {
            Text::Boxed(b) => b.more.as_ref().and_then(|m| m.links.clone()),
            Text::Input(_) => None,
        };
        Text::Boxed(Box::new(Owned {
            text: self.into_cow().into_owned().into_boxed_str(),
            more: links.map(|links| {
                Box::new(More {
                    input: None,
                    links: Some(links),
                })
            }),
            lines,
        }))
    }
}

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Input(s) => s,
            Text::Boxed(b) => b.text(),
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
