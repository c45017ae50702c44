//! Feature `serde`: `Options`, `Document` and `Block` go to JSON and back.
#![cfg(feature = "serde")]

use bodytext::{Block, Document, Options, Preset};

const STORM: &str = "Home | News | Sport\n\nStorm closes coastal roads\n\n\
    Heavy rain and strong winds closed several coastal roads on Tuesday, and the authorities \
    asked drivers to stay at home until the storm has passed over the region.\n\n\
    Officials said the roads would reopen once the water had drained away and the damage had \
    been checked by engineers, which could take until the end of the week.\n\n\
    Share this article\n\u{a9} 2024 Example News. All rights reserved.\n";

#[test]
fn options_round_trip_and_missing_fields_take_their_defaults() {
    let options = Options::default()
        .preset(Preset::Precision)
        .language("de")
        .encoding("windows-1252")
        .keep_lists(false);
    let json = serde_json::to_string(&options).unwrap();
    assert!(json.contains("\"preset\":\"precision\""), "{json}");
    assert_eq!(serde_json::from_str::<Options>(&json).unwrap(), options);
    let partial: Options = serde_json::from_str(r#"{"preset": "recall"}"#).unwrap();
    assert_eq!(partial, Options::default().preset(Preset::Recall));
}

#[test]
fn document_round_trips() {
    let doc = bodytext::extract_bytes(STORM.as_bytes());
    assert_eq!(doc.language.as_deref(), Some("en"));
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.contains("\"encoding\":\"UTF-8\""), "{json}");
    assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), doc);
}

#[test]
fn blocks_round_trip() {
    let blocks = bodytext::explain(STORM);
    assert!(blocks.iter().any(|b| !b.reasons.is_empty()));
    let json = serde_json::to_string(&blocks).unwrap();
    // Reasons borrow their names and phrases: the JSON must live as long as they do.
    let json: &'static str = Box::leak(json.into_boxed_str());
    let back: Vec<Block> = serde_json::from_str(json).unwrap();
    assert_eq!(back, blocks);
}
