//! The parts of a document: blocks (what `¶N` counts), pages, sections.

use std::ops::Range;

use crate::shared_text::SharedText;

/// What a block of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    Quote,
    Code,
    Footnote,
}

/// A paragraph in the sense of the claims format: `¶N` is the N-th block.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range in [`Document::text`](super::Document::text).
    pub text: Range<usize>,
    /// 1-based paragraph number.
    pub paragraph: usize,
}

/// A page of a paginated source (a PDF, or text with form feeds).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Page {
    /// The number as printed (or the page's ordinal where none is printed).
    pub label: usize,
    /// Byte range in `Document::text`.
    pub text: Range<usize>,
}

/// A heading and everything under it up to the next heading of its level or
/// above.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// The heading's text, as in `Document::text` (its bytes shared: a heading
    /// may be as long as the file).
    pub title: SharedText,
    pub level: u8,
    /// Byte range in `Document::text`, heading included.
    pub text: Range<usize>,
}
