//! [`Document`]: a source as citecheck reads it, its three texts and the
//! maps between them, and lookups from offsets to lines, blocks and pages.

use std::borrow::Cow;
use std::ops::Range;

use crate::fold::Folded;
use crate::offset_map::OffsetMap;
use crate::offsets::Offsets;
use crate::shared_text::SharedText;

use super::{Block, Page, Raw, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    /// Loader to come: `load` answers `UnsupportedFormat` for now.
    Pdf,
    /// Loader to come: `load` answers `UnsupportedFormat` for now.
    Html,
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
///
/// A text equal to a stretch of the one before it shares its bytes (a plain
/// text file's `text` is most often its `raw` but for the last line end; a
/// lower-case single line folds to itself); a `raw` that `text` is not a
/// stretch of is held as pieces of `text` and the bytes it lacks ([`Raw`]).
/// So a large source is held about twice, not three times.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub format: Format,
    /// The file as stored; byte offsets in reports count in it (BOM included).
    pub raw: Raw,
    pub text: SharedText,
    /// `text` → `raw`.
    pub text_map: OffsetMap,
    /// `folded.text` → `text`.
    pub folded: Folded,
    /// In reading order; `blocks[i].paragraph == i + 1`.
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    /// Empty for a source without pages (text without form feeds, Markdown).
    pub pages: Vec<Page>,
    /// Byte offset in `raw` of the start of every line.
    pub line_starts: Offsets,
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

    /// A raw range to the folded range made from it.
    pub fn raw_to_folded(&self, raw: Range<usize>) -> Range<usize> {
        self.text_to_folded(self.raw_to_text(raw))
    }

    /// Line and column of a raw byte offset (clamped to the file). Columns
    /// count characters from 1; a byte-order mark does not count, so the first
    /// character of the file is at 1:1 with or without one. An offset inside a
    /// character is that character's position.
    pub fn position(&self, raw: usize) -> Position {
        let mut at = raw.min(self.raw.len());
        while !self.raw.is_char_boundary(at) {
            at -= 1;
        }
        let index = self.line_index(at);
        let start = self.line_content_start(index).min(at);
        Position {
            line: index + 1,
            column: self
                .raw
                .chunks(start..at)
                .map(|c| c.chars().count())
                .sum::<usize>()
                + 1,
        }
    }

    /// The raw line `line` (1-based) without its line end (and without the
    /// byte-order mark on line 1, so that columns index into it).
    pub fn line(&self, line: usize) -> Option<Cow<'_, str>> {
        self.line_content_range(line).map(|r| self.raw.slice(r))
    }

    /// The raw bytes of [`line`](Self::line): line `line` (1-based) without
    /// its line end nor, on line 1, the byte-order mark.
    pub fn line_content_range(&self, line: usize) -> Option<Range<usize>> {
        let range = self.line_range(line)?;
        let start = self.line_content_start(line - 1).max(range.start);
        let mut end = range.end;
        for b in [b'\n', b'\r'] {
            if end > start && self.raw.byte(end - 1) == Some(b) {
                end -= 1;
            }
        }
        Some(start..end)
    }

    /// The raw bytes of line `line` (1-based), line end included.
    pub fn line_range(&self, line: usize) -> Option<Range<usize>> {
        let start = self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).unwrap_or(self.raw.len());
        Some(start..end)
    }

    /// How many lines the file has (a final line end does not start one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The block holding a `text` offset (none for a separator between blocks).
    pub fn block_at(&self, text: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.text.start <= text);
        let block = self.blocks.get(i.checked_sub(1)?)?;
        (text < block.text.end).then_some(block)
    }

    /// The block holding a `folded.text` offset (where a match starts, say).
    pub fn block_at_folded(&self, folded: usize) -> Option<&Block> {
        let text = self.folded_to_text(folded..folded.saturating_add(1));
        self.block_at(text.start)
    }

    /// The page holding a `text` offset (none for a separator between pages).
    pub fn page_at(&self, text: usize) -> Option<&Page> {
        let i = self.pages.partition_point(|p| p.text.start <= text);
        // Empty pages share their start with the next one: take the last page
        // starting there that actually holds the offset.
        self.pages[..i]
            .iter()
            .rev()
            .find(|p| !p.text.is_empty())
            .filter(|p| p.text.contains(&text))
    }

    fn line_index(&self, raw: usize) -> usize {
        self.line_starts
            .partition_point(|s| s <= raw)
            .saturating_sub(1)
    }

    /// Where the characters of line `index` (0-based) start: after the BOM on
    /// the first line.
    fn line_content_start(&self, index: usize) -> usize {
        let start = self.line_starts.get(index).unwrap_or(0);
        if index == 0 && self.raw.starts_with("\u{feff}") {
            start + '\u{feff}'.len_utf8()
        } else {
            start
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{load_bytes, Format};

    fn text(s: &str) -> Document {
        load_bytes(s.as_bytes(), Format::Text).unwrap()
    }

    #[test]
    fn positions_count_chars_from_one() {
        let doc = text("héllo\nwörld\n");
        assert_eq!(doc.line_count(), 2);
        assert_eq!(doc.position(0), Position { line: 1, column: 1 });
        assert_eq!(doc.position(3), Position { line: 1, column: 3 }, "after é");
        assert_eq!(
            doc.position(2),
            Position { line: 1, column: 2 },
            "inside é: é itself"
        );
        assert_eq!(doc.position(7), Position { line: 2, column: 1 });
        assert_eq!(
            doc.position(6),
            Position { line: 1, column: 6 },
            "the line end"
        );
        assert_eq!(
            doc.position(999),
            Position { line: 2, column: 7 },
            "clamped: after the last line end"
        );
        assert_eq!(doc.line(1).as_deref(), Some("héllo"));
        assert_eq!(doc.line(2).as_deref(), Some("wörld"));
        assert_eq!(doc.line(3), None);
        assert_eq!(doc.line(0), None);
    }

    #[test]
    fn bom_is_not_a_column() {
        let doc = text("\u{feff}ab\r\ncd");
        assert_eq!(doc.position(0), Position { line: 1, column: 1 });
        assert_eq!(doc.position(3), Position { line: 1, column: 1 });
        assert_eq!(doc.position(4), Position { line: 1, column: 2 });
        assert_eq!(doc.position(7), Position { line: 2, column: 1 });
        assert_eq!(doc.line(1).as_deref(), Some("ab"));
        assert_eq!(doc.line(2).as_deref(), Some("cd"));
    }

    #[test]
    fn block_and_page_lookup() {
        let doc = text("one\n\ntwo\x0cthree");
        assert_eq!(doc.text, "one\n\ntwo\n\nthree");
        assert_eq!(doc.block_at(0).unwrap().paragraph, 1);
        assert_eq!(doc.block_at(2).unwrap().paragraph, 1);
        assert!(doc.block_at(3).is_none(), "a separator is in no block");
        assert_eq!(doc.block_at(5).unwrap().paragraph, 2);
        assert_eq!(doc.block_at(10).unwrap().paragraph, 3);
        assert!(doc.block_at(99).is_none());
        assert_eq!(doc.page_at(5).unwrap().label, 1);
        assert!(doc.page_at(8).is_none());
        assert_eq!(doc.page_at(10).unwrap().label, 2);
        assert!(text("no pages").page_at(0).is_none());
        assert_eq!(
            doc.block_at_folded(doc.folded.text.find("three").unwrap())
                .unwrap()
                .paragraph,
            3
        );
        assert!(
            doc.block_at_folded(3).is_none(),
            "the space for a separator"
        );
    }

    #[test]
    fn a_plain_text_file_is_held_once() {
        let doc = text("One line.\n\nAnother.\n");
        assert_eq!(doc.text, "One line.\n\nAnother.");
        assert!(
            doc.text.shares_bytes_with(doc.raw.as_whole().unwrap()),
            "text is raw but the last line end"
        );
        assert!(!doc.folded.text.shares_bytes_with(&doc.text));
        let doc = text("\u{feff}lower case, one line");
        assert!(
            doc.text.shares_bytes_with(doc.raw.as_whole().unwrap()),
            "after the BOM"
        );
        assert!(
            doc.folded.text.shares_bytes_with(&doc.text),
            "folds to itself"
        );
        assert_eq!(doc.folded.text, "lower case, one line");
        let doc = text("crlf\r\nlines");
        assert!(doc.raw.as_whole().is_none(), "raw is pieces of text");
        assert_eq!(doc.text, "crlf\nlines");
        assert_eq!(doc.raw, "crlf\r\nlines");
        assert_eq!(doc.line(1).as_deref(), Some("crlf"));
    }

    #[test]
    fn empty_document() {
        let doc = text("");
        assert_eq!(doc.position(0), Position { line: 1, column: 1 });
        assert_eq!(doc.line(1).as_deref(), Some(""));
        assert!(doc.block_at(0).is_none());
        assert_eq!(doc.folded_to_raw(0..5), 0..0);
    }
}
