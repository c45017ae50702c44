//! Bytes to text: a byte-order mark first, then the charset the caller declares, then valid
//! UTF-8, then detection (feature `encoding`: `encoding_rs` decodes the WHATWG encodings as
//! browsers do, `chardetng`, Firefox's detector, guesses the legacy ones).
//!
//! Without the feature, bytes are read as UTF-8: a UTF-8 byte-order mark is dropped and
//! invalid sequences become U+FFFD.

use std::borrow::Cow;
use std::fmt;

/// How [`decode`] chose the encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum EncodingSource {
    /// A byte-order mark (UTF-8, UTF-16LE or UTF-16BE) at the start of the bytes.
    ByteOrderMark,
    /// The charset given by the caller ([`Options::encoding`](crate::Options::encoding)).
    Declared,
    /// The bytes are valid UTF-8 (or nearly so: a few stray bytes among many UTF-8
    /// characters, which then become U+FFFD).
    Utf8,
    /// Guessed from the bytes by the detector.
    Detected,
}

impl EncodingSource {
    /// A short lower-case name: `bom`, `declared`, `utf-8`, `detected`.
    pub fn name(self) -> &'static str {
        match self {
            EncodingSource::ByteOrderMark => "bom",
            EncodingSource::Declared => "declared",
            EncodingSource::Utf8 => "utf-8",
            EncodingSource::Detected => "detected",
        }
    }
}

impl fmt::Display for EncodingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Text decoded from bytes by [`decode`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Decoded<'a> {
    /// The text, without the byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding's WHATWG name: `UTF-8`, `UTF-16LE`, `windows-1252`, `Shift_JIS`, `GBK` …
    pub encoding: &'static str,
    /// How it was chosen.
    pub source: EncodingSource,
    /// Whether bytes that are invalid in that encoding were replaced by U+FFFD.
    pub lossy: bool,
}

/// Decode `bytes` to text: a byte-order mark wins, then `declared` (a charset label such as
/// `"iso-8859-2"` or `"shift_jis"`, as [`Options::encoding`](crate::Options::encoding)
/// takes), then UTF-8 when the bytes are UTF-8, then the detector's guess (feature
/// `encoding`; without it, UTF-8 with invalid sequences replaced). An unknown `declared`
/// label is ignored here; [`Options::validate`](crate::Options::validate) rejects it.
///
/// ```
/// let d = bodytext::decode(b"caf\xc3\xa9", None);
/// assert_eq!((d.text.as_ref(), d.encoding), ("café", "UTF-8"));
/// # #[cfg(feature = "encoding")] {
/// let d = bodytext::decode(b"caf\xe9", Some("windows-1252"));
/// assert_eq!((d.text.as_ref(), d.encoding), ("café", "windows-1252"));
/// # }
/// ```
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Decoded<'a> {
    imp::decode(bytes, declared)
}

/// What an unknown label is told.
#[cfg(feature = "encoding")]
pub(crate) const LABEL_HINT: &str = "expected a WHATWG encoding label such as utf-8, \
    windows-1252, iso-8859-2, shift_jis, euc-jp, gbk, big5, koi8-r, euc-kr or utf-16le";
#[cfg(not(feature = "encoding"))]
pub(crate) const LABEL_HINT: &str = "only utf-8 is known without the crate's `encoding` feature";

/// Whether `label` names an encoding [`decode`] knows (WHATWG labels, case-insensitive,
/// surrounding spaces ignored; without feature `encoding` only UTF-8's labels).
pub(crate) fn known_label(label: &str) -> bool {
    imp::canonical(label).is_some()
}

fn utf8_lossy(bytes: &[u8], source: EncodingSource) -> Decoded<'_> {
    let text = String::from_utf8_lossy(bytes);
    let lossy = matches!(text, Cow::Owned(_));
    Decoded {
        text,
        encoding: "UTF-8",
        source,
        lossy,
    }
}

#[cfg(feature = "encoding")]
mod imp {
    use super::{Decoded, EncodingSource, utf8_lossy};
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    use encoding_rs::{Encoding, UTF_8};

    pub(super) fn canonical(label: &str) -> Option<&'static Encoding> {
        Encoding::for_label(label.trim().as_bytes())
    }

    pub(super) fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Decoded<'a> {
        if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
            return with(encoding, &bytes[bom..], EncodingSource::ByteOrderMark);
        }
        if let Some(encoding) = declared.and_then(canonical) {
            return with(encoding, bytes, EncodingSource::Declared);
        }
        if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
            return utf8_lossy(bytes, EncodingSource::Utf8);
        }
        // The text cannot run scripts: ISO-2022-JP is as good a guess as any.
        let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
        detector.feed(bytes, true);
        let encoding = detector.guess(None, Utf8Detection::Deny);
        with(encoding, bytes, EncodingSource::Detected)
    }

    /// Few stray bytes among UTF-8: at least as many valid multi-byte characters as invalid
    /// sequences. Text in a legacy single- or double-byte charset is almost never valid UTF-8
    /// between its non-ASCII bytes, so there the valid count stays near zero.
    fn mostly_utf8(bytes: &[u8]) -> bool {
        let (mut valid, mut invalid) = (0usize, 0usize);
        for chunk in bytes.utf8_chunks() {
            valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
            invalid += usize::from(!chunk.invalid().is_empty());
        }
        valid > 0 && valid >= invalid
    }

    fn with<'a>(
        encoding: &'static Encoding,
        bytes: &'a [u8],
        source: EncodingSource,
    ) -> Decoded<'a> {
        if encoding == UTF_8 {
            return utf8_lossy(bytes, source);
        }
        let (text, lossy) = encoding.decode_without_bom_handling(bytes);
        Decoded {
            text,
            encoding: encoding.name(),
            source,
            lossy,
        }
    }
}

#[cfg(not(feature = "encoding"))]
mod imp {
    use super::{Decoded, EncodingSource, utf8_lossy};

    pub(super) fn canonical(label: &str) -> Option<&'static str> {
        let l = label.trim();
        ["utf-8", "utf8", "unicode-1-1-utf-8"]
            .iter()
            .any(|u| l.eq_ignore_ascii_case(u))
            .then_some("UTF-8")
    }

    pub(super) fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Decoded<'a> {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            return utf8_lossy(rest, EncodingSource::ByteOrderMark);
        }
        let declared = declared.and_then(canonical).is_some();
        utf8_lossy(
            bytes,
            if declared {
                EncodingSource::Declared
            } else {
                EncodingSource::Utf8
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_its_bom() {
        let d = decode("naïve".as_bytes(), None);
        assert_eq!(d.text, Cow::Borrowed("naïve"));
        assert_eq!(
            (d.encoding, d.source, d.lossy),
            ("UTF-8", EncodingSource::Utf8, false)
        );
        let d = decode(b"\xEF\xBB\xBFok", None);
        assert_eq!(
            (d.text.as_ref(), d.source),
            ("ok", EncodingSource::ByteOrderMark)
        );
    }

    #[test]
    fn a_stray_byte_among_utf8_is_replaced() {
        let mut bytes = "caf\u{e9} \u{a9} 2024 \u{2014} a".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xffb");
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.lossy);
    }

    #[test]
    fn labels() {
        assert!(known_label("UTF-8"));
        assert!(known_label(" utf8 "));
        assert!(!known_label("no-such-charset"));
        #[cfg(feature = "encoding")]
        assert!(known_label("latin1") && known_label("Shift_JIS") && known_label("koi8-r"));
    }
}
