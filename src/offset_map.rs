//! A compact, monotone map between two texts: positions in a derived text
//! (extracted or folded) back to positions in the text it was made from, and
//! the other way. Stored as segments, so memory grows with the number of
//! edits, not with the length of the text.

use std::ops::Range;

/// One stretch of the derived text. A linear segment maps byte for byte; an
/// atomic one maps its whole derived range onto its whole source range (a
/// replaced character, a collapsed run of spaces, an inserted separator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub derived: usize,
    pub source: usize,
    pub derived_len: usize,
    pub source_len: usize,
    pub linear: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    derived_len: usize,
    source_len: usize,
}

impl OffsetMap {
    /// An empty map, to be filled in order with [`push_linear`](Self::push_linear)
    /// and [`push_atomic`](Self::push_atomic).
    pub fn new() -> Self {
        todo!("offset_map: new")
    }

    /// The identity map over a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let _ = len;
        todo!("offset_map: identity")
    }

    /// Derived bytes `len` copy source bytes starting at `source` (merged with
    /// the previous segment when both continue it).
    pub fn push_linear(&mut self, source: usize, len: usize) {
        let _ = (source, len);
        todo!("offset_map: push_linear")
    }

    /// `derived_len` derived bytes stand for the source range as a whole.
    pub fn push_atomic(&mut self, source: Range<usize>, derived_len: usize) {
        let _ = (source, derived_len);
        todo!("offset_map: push_atomic")
    }

    /// Records the source length, so that the end of the derived text maps to it.
    pub fn finish(&mut self, source_len: usize) {
        let _ = source_len;
        todo!("offset_map: finish")
    }

    /// A derived range to the smallest source range that produced it.
    pub fn to_source(&self, derived: Range<usize>) -> Range<usize> {
        let _ = derived;
        todo!("offset_map: to_source")
    }

    /// A source range to the derived range made from it (source bytes that were
    /// dropped map to the nearest derived position).
    pub fn to_derived(&self, source: Range<usize>) -> Range<usize> {
        let _ = source;
        todo!("offset_map: to_derived")
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    pub fn derived_len(&self) -> usize {
        self.derived_len
    }

    pub fn source_len(&self) -> usize {
        self.source_len
    }
}
