//! A stretch of a block's text and the raw bytes it comes from: what a loader
//! hands to the document builder (`push_verbatim` / `push_replaced`).

use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// The text is `raw[range]`, mapped byte for byte.
    Verbatim(Range<usize>),
    /// The text stands for the raw range as a whole (an entity, a joined line
    /// break, a ligature); the text may be empty (a dropped footnote marker).
    /// Borrowed where it is a constant: a PDF joins every line with one.
    Replaced(Cow<'static, str>, Range<usize>),
}

impl Piece {
    /// The text this piece contributes, given the raw text it points into.
    pub fn text<'a>(&'a self, raw: &'a str) -> &'a str {
        match self {
            Piece::Verbatim(range) => &raw[range.clone()],
            Piece::Replaced(text, _) => text,
        }
    }

    pub fn raw(&self) -> &Range<usize> {
        match self {
            Piece::Verbatim(range) | Piece::Replaced(_, range) => range,
        }
    }
}
