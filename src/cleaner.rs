//! [`Cleaner`]: the options fixed once, the entry points that run a page through the
//! pipeline.

use crate::encoding::decode;
use crate::output::join_kept;
use crate::page::{self, run, run_with_language};
use crate::{Block, Document, Error, Label, Options, features, model, segment};

/// A reusable boilerplate remover with fixed [`Options`]. Cheap to clone, `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct Cleaner {
    options: Options,
}

impl Cleaner {
    /// Build a cleaner; fails when an option is invalid (for example a malformed language code).
    pub fn new(options: Options) -> Result<Self, Error> {
        options.validate()?;
        Ok(Cleaner { options })
    }

    /// The options this cleaner was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Every block of `text`, in order, with its label, score and reasons.
    pub fn explain(&self, text: &str) -> Vec<Block> {
        run(text, &self.options, model::SHIPPED, true)
    }

    /// The article body of `text`: the kept blocks of [`explain`](Self::explain), one per line.
    pub fn clean(&self, text: &str) -> String {
        page::clean(text, &self.options, model::SHIPPED)
    }

    /// Headline, body and page type of `text`, and the language used.
    pub fn extract(&self, text: &str) -> Document {
        let (blocks, language, page_type) =
            run_with_language(text, &self.options, model::SHIPPED, false);
        let title = blocks
            .iter()
            .find(|b| b.label == Label::Title)
            .map(|b| b.text.clone());
        Document {
            title,
            body: join_kept(&blocks),
            language: language.map(str::to_owned),
            encoding: None,
            encoding_source: None,
            page_type: page_type.kind,
            page_type_probability: page_type.probability,
        }
    }

    /// [`clean`](Self::clean) for bytes in any encoding, decoded as [`decode`] says (a
    /// byte-order mark, else [`Options::encoding`], else UTF-8 when valid, else detected).
    pub fn clean_bytes(&self, bytes: &[u8]) -> String {
        self.clean(&decode(bytes, self.options.encoding.as_deref()).text)
    }

    /// [`extract`](Self::extract) for bytes in any encoding (see
    /// [`clean_bytes`](Self::clean_bytes)); the encoding used is in the [`Document`].
    pub fn extract_bytes(&self, bytes: &[u8]) -> Document {
        let decoded = decode(bytes, self.options.encoding.as_deref());
        let mut doc = self.extract(&decoded.text);
        doc.encoding = Some(decoded.encoding.to_owned());
        doc.encoding_source = Some(decoded.source);
        doc
    }

    /// The language whose stoplist cleaning `text` uses (ISO 639-1): the option when given,
    /// else the one detected; `None` when no shipped stoplist fits. [`extract`](Self::extract)
    /// reports it too, without the extra pass over the text this makes.
    ///
    /// ```
    /// use bodytext::{Cleaner, Options};
    /// let text = "Die Stadt hat am Montag den neuen Park eröffnet, und viele Familien kamen \
    ///     mit ihren Kindern, um die Wiesen und den Spielplatz zu sehen.";
    /// assert_eq!(Cleaner::default().language(text), Some("de"));
    /// let given = Cleaner::new(Options::default().language("nl")).unwrap();
    /// assert_eq!(given.language(text), Some("nl"));
    /// ```
    pub fn language(&self, text: &str) -> Option<&'static str> {
        let segments = segment::segment(text);
        features::language::choose(self.options.language.as_deref(), &segments).code()
    }
}
