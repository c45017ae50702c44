//! Settings of a [`Cleaner`](crate::Cleaner).

use crate::model::page_type::PageType;

/// Trade-off between keeping too much and dropping too much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Preset {
    /// Drop a block unless the evidence for body is strong.
    Precision,
    /// The default: the best F1 on the development corpus.
    #[default]
    Balanced,
    /// Keep a block unless the evidence for boilerplate is strong.
    Recall,
}

impl Preset {
    /// The score a block needs to be kept. Settling (cleaning the output again) is
    /// stricter, so a single pass needs a higher score for the same balance (measured for
    /// `Balanced`, see `DESIGN.md`).
    pub(crate) fn threshold(self, settle: bool) -> f32 {
        match (self, settle) {
            (Preset::Precision, _) => 0.6,
            (Preset::Balanced, true) => 0.4,
            (Preset::Balanced, false) => 0.45,
            (Preset::Recall, _) => 0.3,
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "precision" => Ok(Preset::Precision),
            "balanced" => Ok(Preset::Balanced),
            "recall" => Ok(Preset::Recall),
            _ => Err(Error::UnknownPreset(s.to_string())),
        }
    }
}

/// The name [`FromStr`](std::str::FromStr) reads: `precision`, `balanced` or `recall`.
impl std::fmt::Display for Preset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Preset::Precision => "precision",
            Preset::Balanced => "balanced",
            Preset::Recall => "recall",
        })
    }
}

/// Errors from building a [`Cleaner`](crate::Cleaner).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The language hint is not an ISO 639-1 code (two ASCII letters).
    #[error("invalid language code {0:?}: expected an ISO 639-1 code such as \"en\" or \"de\"")]
    InvalidLanguage(String),
    /// The preset name is not one of `precision`, `balanced`, `recall`.
    #[error("unknown preset {0:?}: expected precision, balanced or recall")]
    UnknownPreset(String),
    /// The language code is well formed but the crate has no stoplist for it.
    #[error(
        "unsupported language {0:?}: expected one of {list}",
        list = crate::languages().join(" ")
    )]
    UnsupportedLanguage(String),
    /// The charset label is not one the crate can decode.
    #[error("unknown encoding {0:?}: {hint}", hint = crate::encoding::LABEL_HINT)]
    UnknownEncoding(String),
}

/// Settings for a [`Cleaner`](crate::Cleaner). `Options::default()` is what [`clean`](crate::clean) uses.
///
/// ```
/// use bodytext::{Cleaner, Options, Preset};
/// let cleaner = Cleaner::new(Options::default().preset(Preset::Precision).keep_headings(false)).unwrap();
/// assert_eq!(cleaner.clean(""), "");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
#[non_exhaustive]
pub struct Options {
    /// Precision / recall trade-off. Default: [`Preset::Balanced`].
    pub preset: Preset,
    /// Keep headings inside the body. Default: `true` (as in the corpus gold).
    pub keep_headings: bool,
    /// Keep list items inside the body. Default: `true`.
    pub keep_lists: bool,
    /// ISO 639-1 code of the page's language, one of [`languages`](crate::languages);
    /// `None` detects it. Default: `None`.
    pub language: Option<String>,
    /// The charset of bytes given to [`Cleaner::clean_bytes`](crate::Cleaner::clean_bytes)
    /// and [`Cleaner::extract_bytes`](crate::Cleaner::extract_bytes), as a label such as
    /// `"iso-8859-2"` (what an HTTP header or `<meta charset>` says); a byte-order mark
    /// still wins. `None` detects it. Default: `None`. See [`decode`](crate::decode).
    pub encoding: Option<String>,
    /// Clean the output again until it no longer changes, so that cleaning clean text
    /// changes nothing (see `DESIGN.md`). Default: `true`. `false` runs one pass: about a
    /// third faster, and `clean(clean(t))` may then drop blocks that `clean(t)` kept.
    pub settle: bool,
    /// The kind of page, when the caller knows it (a crawler on a category page); `None`
    /// detects it (see `detect_page_type`). The type sets the page's bar: a listing's, a
    /// collection's, a forum's, a manual's or a service page's is lower, as its content is
    /// short items; [`extract`](crate::Cleaner::extract) returns the type.
    /// Default: `None`.
    pub page_type: Option<PageType>,
    /// Where `page_type` gives none, detect the kind of page and clean it as that kind.
    /// Default: `true`. `false` reads every page as an article and reports no type, in
    /// about a quarter less time (`BENCHMARKS.md` has the figures).
    pub detect_page_type: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            preset: Preset::Balanced,
            keep_headings: true,
            keep_lists: true,
            language: None,
            encoding: None,
            settle: true,
            page_type: None,
            detect_page_type: true,
        }
    }
}

impl Options {
    /// Set the precision / recall preset.
    pub fn preset(mut self, preset: Preset) -> Self {
        self.preset = preset;
        self
    }
    /// Keep or drop headings inside the body.
    pub fn keep_headings(mut self, yes: bool) -> Self {
        self.keep_headings = yes;
        self
    }
    /// Keep or drop list items inside the body.
    pub fn keep_lists(mut self, yes: bool) -> Self {
        self.keep_lists = yes;
        self
    }
    /// Settle (clean the output again until it no longer changes) or run one pass.
    pub fn settle(mut self, yes: bool) -> Self {
        self.settle = yes;
        self
    }
    /// Give the page's language (ISO 639-1, e.g. `"de"`, one of
    /// [`languages`](crate::languages)) instead of detecting it.
    pub fn language(mut self, code: impl Into<String>) -> Self {
        self.language = Some(code.into());
        self
    }
    /// Give the charset of the bytes (a label such as `"windows-1252"`) instead of
    /// detecting it.
    pub fn encoding(mut self, label: impl Into<String>) -> Self {
        self.encoding = Some(label.into());
        self
    }

    /// Give the kind of page instead of detecting it.
    pub fn page_type(mut self, page_type: PageType) -> Self {
        self.page_type = Some(page_type);
        self
    }

    /// Detect the kind of page where none is given, or read every page as an article.
    pub fn detect_page_type(mut self, yes: bool) -> Self {
        self.detect_page_type = yes;
        self
    }

    /// Check the values; `Cleaner::new` calls this.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(l) = &self.language {
            if l.len() != 2 || !l.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(Error::InvalidLanguage(l.clone()));
            }
            if !crate::languages::supported(l) {
                return Err(Error::UnsupportedLanguage(l.clone()));
            }
        }
        if let Some(e) = &self.encoding
            && !crate::encoding::known_label(e)
        {
            return Err(Error::UnknownEncoding(e.clone()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_is_validated() {
        assert!(Options::default().language("de").validate().is_ok());
        assert_eq!(
            Options::default().language("german").validate(),
            Err(Error::InvalidLanguage("german".into()))
        );
    }

    #[test]
    fn preset_parses() {
        assert_eq!("Recall".parse::<Preset>(), Ok(Preset::Recall));
        assert!("fast".parse::<Preset>().is_err());
    }

    #[test]
    fn preset_displays_what_it_parses() {
        for p in [Preset::Precision, Preset::Balanced, Preset::Recall] {
            assert_eq!(p.to_string().parse::<Preset>(), Ok(p));
        }
        assert_eq!(Preset::Balanced.to_string(), "balanced");
    }

    #[test]
    fn unknown_languages_are_rejected_naming_the_valid_ones() {
        assert!(Options::default().language("DE").validate().is_ok());
        let e = Options::default().language("xx").validate().unwrap_err();
        assert_eq!(e, Error::UnsupportedLanguage("xx".into()));
        let msg = e.to_string();
        assert!(
            msg.contains("\"xx\"") && msg.contains(" de ") && msg.contains(" en "),
            "{msg}"
        );
    }

    #[test]
    fn encodings_are_validated() {
        assert!(Options::default().encoding("utf-8").validate().is_ok());
        let e = Options::default()
            .encoding("klingon")
            .validate()
            .unwrap_err();
        assert_eq!(e, Error::UnknownEncoding("klingon".into()));
        #[cfg(feature = "encoding")]
        assert!(Options::default().encoding("Shift_JIS").validate().is_ok());
    }
}
