//! Locators (`¶N`, `line N`, `p. N`, `§ "…"`, `chars N..M`) to ranges of a
//! document.

use std::ops::Range;

use crate::claims::LocatorKind;

use super::Document;

/// Why a locator names nothing in a document: "¶99 is past the end: the
/// source has 12 paragraphs".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatorError(pub String);

/// The range of `doc.folded.text` that a locator names.
pub fn resolve(doc: &Document, locator: &LocatorKind) -> Result<Range<usize>, LocatorError> {
    let _ = (doc, locator);
    todo!("locator: resolve")
}
