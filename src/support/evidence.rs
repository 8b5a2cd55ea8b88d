//! One retrieved evidence passage.

use std::ops::Range;

/// A passage supporting (part of) a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The passage's range, in the caller's coordinates (from [`super::Passage`]).
    pub range: Range<usize>,
    /// Its BM25 score for the claim.
    pub score: f64,
    /// Byte ranges, relative to the passage text, of the words matching a
    /// claim word (same stem) and of the facts stating a claim fact
    /// ("2025-07-23" for "July 23, 2025"), sorted, overlaps joined: what a
    /// report marks.
    pub matched: Vec<Range<usize>>,
}
