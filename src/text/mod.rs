//! Text primitives every stage reads: lines, character properties, scripts, links.

pub(crate) mod chars;
pub(crate) mod lines;
pub(crate) mod links;
pub(crate) mod script;
