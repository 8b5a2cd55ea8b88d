use std::ops::Range;

use crate::fold::Folded;
use crate::offset_map::OffsetMap;

use super::{Block, Page, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
}

/// A 1-based line and column (in characters) in a source file as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A source as citecheck reads it. Three texts, each mapped to the one before:
/// `raw` (the file as stored, decoded), `text` (what a reader reads: markup
/// dropped, blocks separated by a blank line) and `folded` (what is matched).
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    /// The file as stored; byte offsets in reports count in it (BOM included).
    pub raw: String,
    pub text: String,
    /// `text` → `raw`.
    pub text_map: OffsetMap,
    /// `folded.text` → `text`.
    pub folded: Folded,
    /// In reading order; `blocks[i].paragraph == i + 1`.
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Byte offset in `raw` of the start of every line.
    pub line_starts: Vec<usize>,
}

impl Document {
    /// A folded range to the raw bytes it came from.
    pub fn folded_to_raw(&self, folded: Range<usize>) -> Range<usize> {
        self.text_map.to_source(self.folded.map.to_source(folded))
    }

    /// A folded range to the range of `text` it came from.
    pub fn folded_to_text(&self, folded: Range<usize>) -> Range<usize> {
        self.folded.map.to_source(folded)
    }

    pub fn text_to_folded(&self, text: Range<usize>) -> Range<usize> {
        self.folded.map.to_derived(text)
    }

    pub fn raw_to_text(&self, raw: Range<usize>) -> Range<usize> {
        self.text_map.to_derived(raw)
    }

    /// Line and column of a raw byte offset.
    pub fn position(&self, raw: usize) -> Position {
        let _ = raw;
        todo!("document: position")
    }

    /// The raw line `line` (1-based) without its line end.
    pub fn line(&self, line: usize) -> Option<&str> {
        let _ = line;
        todo!("document: line")
    }

    /// The block holding a `text` offset.
    pub fn block_at(&self, text: usize) -> Option<&Block> {
        let _ = text;
        todo!("document: block_at")
    }

    /// The page holding a `text` offset.
    pub fn page_at(&self, text: usize) -> Option<&Page> {
        let _ = text;
        todo!("document: page_at")
    }
}
