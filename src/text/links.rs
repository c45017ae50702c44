//! Links as the features read them: by their text alone.

use once_cell::sync::Lazy;
use regex::Regex;

/// A Markdown link or image, `[text](target "title")` or `![alt](target)`, with its text in
/// group 1 (targets may hold one level of parentheses, as Wikipedia's do).
static LINK: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r#"!?\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)"#)
        .expect("link pattern compiles")
});

/// A link's reference number as lynx and links write it before the link's text (`[12]Home`),
/// with what stood before it in group 1 and the text's first character in group 2. A
/// citation glued after a word (`said.[3]`) is text and stays.
static REFERENCE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(^|\s)\[\d{1,5}\](\S)").expect("reference pattern compiles"));

/// `text` as the features read it: links by their text alone, as the converters of the dev
/// corpus render them. Markdown links (html2text, pandoc and others) lose their targets,
/// lynx's and links' reference numbers go. Otherwise a paragraph with links looks like a row
/// of URLs. The output keeps the links: this is only what the features see. Each reader of a
/// block's words calls it (features, affinity, second copies, language sampling) rather than
/// a copy being kept with every block: without a `[` it is one byte search, and a stored copy
/// would add to every block's memory.
pub(crate) fn link_text(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if !text.contains('[') {
        return Cow::Borrowed(text);
    }
    let mut t = Cow::Borrowed(text);
    if text.contains("](") {
        if let Cow::Owned(s) = LINK.replace_all(&t, "$1") {
            t = Cow::Owned(s);
        }
    }
    if let Cow::Owned(s) = REFERENCE.replace_all(&t, "$1$2") {
        t = Cow::Owned(s);
    }
    match t {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(s) => {
            // Links with no text leave doubled or edge spaces.
            let mut out = String::with_capacity(s.len());
            crate::text::lines::push_normalized(&mut out, &s);
            Cow::Owned(out)
        }
    }
}
