//! [`DocumentBuilder`]: what every loader uses to turn a file into a
//! [`Document`]. The loader says which raw bytes make up the text, block by
//! block; the builder keeps the `text` → `raw` map, separates blocks, numbers
//! paragraphs, records pages and sections, and folds the text.

use std::ops::Range;

use crate::fold::fold;
use crate::offset_map::OffsetMap;
use crate::offsets::Offsets;
use crate::shared_text::SharedText;

use super::{Block, BlockKind, Document, Format, Page, Raw, Section};

/// Between two blocks in `Document::text`.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// Builds a [`Document`] from a raw text, in reading order. Raw ranges must
/// come in order; one that starts before the end of the previous one is cut
/// to fit (a raw byte is never the origin of two stretches of text).
#[derive(Debug)]
pub struct DocumentBuilder {
    format: Format,
    raw: SharedText,
    text: String,
    map: OffsetMap,
    blocks: Vec<Block>,
    pages: Vec<Page>,
    /// The kind of the block being built, if one is open.
    open: Option<BlockKind>,
    /// Where the open block's text starts, once it has any, and where its
    /// leading separator starts (to take both back if the block stays blank).
    open_start: Option<(usize, usize)>,
    /// The last page's text has not started yet.
    page_pending: bool,
    /// The end of the last raw range used: where the next may start.
    raw_cursor: usize,
}

impl DocumentBuilder {
    pub fn new(format: Format, raw: String) -> Self {
        // The text is at most about as long as the file (markup dropped):
        // one allocation, trimmed at the end, rather than doublings.
        let text = String::with_capacity(raw.len());
        DocumentBuilder {
            format,
            raw: SharedText::new(raw),
            text,
            map: OffsetMap::new(),
            blocks: Vec::new(),
            pages: Vec::new(),
            open: None,
            open_start: None,
            page_pending: false,
            raw_cursor: 0,
        }
    }

    /// The raw text being loaded.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The raw text being loaded, as a handle that does not borrow the
    /// builder (no copy): for loaders that read it while they build.
    pub fn raw_shared(&self) -> SharedText {
        self.raw.clone()
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the open block has any text yet.
    pub fn block_has_text(&self) -> bool {
        self.open_start.is_some()
    }

    /// The end of the last raw range used: where the next one may start (a
    /// zero-length range here inserts text).
    pub fn raw_cursor(&self) -> usize {
        self.raw_cursor
    }

    /// Whether a block is open.
    pub fn in_block(&self) -> bool {
        self.open.is_some()
    }

    /// Ends the open block, if any, and opens one of `kind`. The separator
    /// before it is inserted with its first text.
    pub fn start_block(&mut self, kind: BlockKind) {
        self.end_block();
        self.open = Some(kind);
    }

    /// `text` gets `raw[range]`, mapped byte for byte. Text outside any block
    /// opens a paragraph.
    pub fn push_verbatim(&mut self, raw: Range<usize>) {
        let raw = self.fit(raw);
        if raw.is_empty() {
            return;
        }
        self.begin_text();
        self.text.push_str(&self.raw[raw.clone()]);
        self.map.push_linear(raw.start, raw.len());
        self.raw_cursor = raw.end;
    }

    /// `text` stands for the raw range as a whole (an entity, an escape, a
    /// line break). Empty `text` drops the range.
    pub fn push_replaced(&mut self, text: &str, raw: Range<usize>) {
        let raw = self.fit(raw);
        if text.is_empty() {
            self.raw_cursor = raw.end;
            return;
        }
        self.begin_text();
        self.text.push_str(text);
        if self.raw[raw.clone()] == *text {
            // Same bytes (a plain "\n" line break): linear, so segments merge.
            self.map.push_linear(raw.start, raw.len());
        } else {
            self.map.push_atomic(raw.clone(), text.len());
        }
        self.raw_cursor = raw.end;
    }

    /// Ends the open block. A block with no text, or only whitespace, is
    /// dropped (with its separator): it is not a paragraph.
    pub fn end_block(&mut self) {
        let Some(kind) = self.open.take() else {
            return;
        };
        let Some((start, sep_start)) = self.open_start.take() else {
            return;
        };
        if self.text[start..].trim().is_empty() {
            let kept = self.map.truncate(sep_start);
            self.text.truncate(kept);
            // If it was the first block of its page, the page has not started.
            if let Some(page) = self.pages.last_mut() {
                if !self.page_pending && page.text.start == start {
                    page.text = sep_start..sep_start;
                    self.page_pending = true;
                }
            }
            return;
        }
        // Trailing whitespace (a code block's last line end, a stray NBSP) is
        // not part of the block.
        let trimmed = start + self.text[start..].trim_end().len();
        let kept = self.map.truncate(trimmed);
        self.text.truncate(kept);
        self.blocks.push(Block {
            kind,
            text: start..self.text.len(),
            paragraph: self.blocks.len() + 1,
        });
    }

    /// Ends the open block and starts page `label` (the number printed on it,
    /// or its ordinal).
    pub fn start_page(&mut self, label: usize) {
        self.end_block();
        self.close_page();
        let at = self.text.len();
        self.pages.push(Page {
            label,
            text: at..at,
        });
        self.page_pending = true;
    }

    /// Folds the text and works out lines and sections.
    pub fn finish(mut self) -> Document {
        self.end_block();
        self.close_page();
        self.map.finish(self.raw.len());
        let line_starts = line_starts(&self.raw);
        // Text made of raw bytes in place (a plain text file: all of it but
        // a final line end) is kept once, as a stretch of `raw`.
        let at = self.map.to_source(0..0).start;
        let text = self.raw.share_or_own(at, std::mem::take(&mut self.text));
        let sections = sections(&text, &self.blocks);
        // Otherwise the file is kept as pieces of the text, and its own bytes
        // are freed before folding makes a third text (loaders hand their
        // handle back before `finish`).
        let raw = {
            let file = std::mem::take(&mut self.raw);
            Raw::from_text(&file, &text, &self.map)
        };
        let mut folded = fold(&text);
        folded.share_with(&text);
        let mut doc = Document {
            format: self.format,
            raw,
            text,
            text_map: self.map,
            folded,
            blocks: self.blocks,
            sections,
            pages: self.pages,
            line_starts,
        };
        // After the sections under headings: `Sec. 4`, `Sec. 4(b)`…
        let legal = super::legal_sections(&doc);
        doc.sections.extend(legal);
        doc
    }

    /// Clamps a raw range into the raw text, after the cursor, on char
    /// boundaries (a loader's slip must not panic or break monotony).
    fn fit(&self, raw: Range<usize>) -> Range<usize> {
        let len = self.raw.len();
        let mut start = raw.start.max(self.raw_cursor).min(len);
        while !self.raw.is_char_boundary(start) {
            start += 1;
        }
        let mut end = raw.end.clamp(start, len);
        while !self.raw.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    /// Before the first text of a block: the separator, the block's start,
    /// and the page's start if it has none yet.
    fn begin_text(&mut self) {
        if self.open.is_none() {
            self.open = Some(BlockKind::Paragraph);
        }
        if self.open_start.is_some() {
            return;
        }
        let sep_start = self.text.len();
        if !self.text.is_empty() {
            self.text.push_str(BLOCK_SEPARATOR);
            self.map
                .push_atomic(self.raw_cursor..self.raw_cursor, BLOCK_SEPARATOR.len());
        }
        let start = self.text.len();
        self.open_start = Some((start, sep_start));
        if self.page_pending {
            if let Some(page) = self.pages.last_mut() {
                page.text = start..start;
            }
            self.page_pending = false;
        }
    }

    fn close_page(&mut self) {
        let end = self.text.len();
        if let Some(page) = self.pages.last_mut() {
            if self.page_pending {
                page.text = end..end;
            } else {
                page.text.end = end;
            }
        }
        self.page_pending = false;
    }
}

/// A section per heading: from the heading to the last block before the next
/// heading of its level or above.
fn sections(text: &SharedText, blocks: &[Block]) -> Vec<Section> {
    let mut sections = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let BlockKind::Heading(level) = block.kind else {
            continue;
        };
        let end = blocks[i + 1..]
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading(l) if l <= level))
            .map_or(text.len(), |j| blocks[i + j].text.end);
        let heading = &text[block.text.clone()];
        let title = block.text.start + (heading.len() - heading.trim_start().len());
        let title = title..title + heading.trim().len();
        sections.push(Section {
            title: text.slice(title).unwrap_or_default(),
            level,
            text: block.text.start..end,
        });
    }
    sections
}

/// The start of every line of `raw` (after each `\n`; a final line end does
/// not start a line).
pub(crate) fn line_starts(raw: &str) -> Offsets {
    std::iter::once(0)
        .chain(
            memchr::memchr_iter(b'\n', raw.as_bytes())
                .map(|i| i + 1)
                .filter(|&s| s < raw.len()),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder(raw: &str) -> DocumentBuilder {
        DocumentBuilder::new(Format::Text, raw.to_string())
    }

    #[test]
    fn separators_are_points_between_blocks() {
        let mut b = builder("one\n\n  two");
        b.start_block(BlockKind::Paragraph);
        b.push_verbatim(0..3);
        b.end_block();
        b.start_block(BlockKind::Quote);
        b.push_verbatim(7..10);
        let doc = b.finish();
        assert_eq!(doc.text, "one\n\ntwo");
        assert_eq!(doc.text_map.to_source(3..5), 3..3);
        assert_eq!(doc.text_map.to_source(0..8), 0..10);
        assert_eq!(doc.raw_to_text(3..7), 5..5, "blank lines are dropped");
        assert_eq!(doc.blocks[1].kind, BlockKind::Quote);
        assert_eq!(doc.blocks[1].text, 5..8);
        assert_eq!(doc.blocks[1].paragraph, 2);
        assert_eq!(doc.folded.text, "one two");
    }

    #[test]
    fn replaced_text_stands_for_its_range() {
        let mut b = builder("a &amp; b");
        b.push_verbatim(0..2);
        b.push_replaced("&", 2..7);
        b.push_verbatim(7..9);
        let doc = b.finish();
        assert_eq!(doc.text, "a & b");
        assert_eq!(doc.text_map.to_source(2..3), 2..7);
        assert_eq!(doc.raw_to_text(3..5), 2..3);
        assert_eq!(
            doc.blocks.len(),
            1,
            "text outside a block opens a paragraph"
        );
    }

    #[test]
    fn blank_blocks_are_dropped_with_their_separator() {
        let mut b = builder("x \u{a0} y");
        b.start_block(BlockKind::Paragraph);
        b.push_verbatim(0..1);
        b.start_block(BlockKind::Paragraph);
        b.push_verbatim(1..5);
        b.start_block(BlockKind::Paragraph);
        b.end_block();
        b.start_block(BlockKind::Heading(2));
        b.push_verbatim(5..6);
        let doc = b.finish();
        assert_eq!(doc.text, "x\n\ny");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[1].paragraph, 2);
        assert_eq!(doc.sections.len(), 1);
        assert_eq!(doc.sections[0].title, "y");
        assert_eq!(doc.text_map.derived_len(), doc.text.len());
    }

    #[test]
    fn replaced_text_equal_to_raw_merges() {
        let mut b = builder("a\nb");
        b.push_verbatim(0..1);
        b.push_replaced("\n", 1..2);
        b.push_verbatim(2..3);
        let doc = b.finish();
        assert_eq!(doc.text_map.segment_count(), 1);
    }

    #[test]
    fn trailing_whitespace_is_trimmed_from_blocks() {
        let mut b = builder("code\n\u{a0}");
        b.start_block(BlockKind::Code);
        b.push_verbatim(0..5);
        b.push_replaced(" ", 5..7);
        let doc = b.finish();
        assert_eq!(doc.text, "code");
        assert_eq!(doc.blocks[0].text, 0..4);
    }

    #[test]
    fn pages_and_empty_pages() {
        let mut b = builder("abcdef");
        b.start_page(7);
        b.push_verbatim(0..2);
        b.start_page(8);
        b.start_block(BlockKind::Paragraph);
        b.push_replaced(" ", 2..3); // blank: dropped, page 8 stays empty
        b.start_page(9);
        b.push_verbatim(3..6);
        let doc = b.finish();
        assert_eq!(doc.text, "ab\n\ndef");
        let pages: Vec<_> = doc
            .pages
            .iter()
            .map(|p| (p.label, p.text.clone()))
            .collect();
        assert_eq!(pages, [(7, 0..2), (8, 2..2), (9, 4..7)]);
        assert_eq!(doc.page_at(4).unwrap().label, 9);
        assert_eq!(doc.page_at(1).unwrap().label, 7);
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // backwards input is the point
    fn bad_ranges_are_fitted_not_panicked_on() {
        let mut b = builder("é-abc");
        b.push_verbatim(1..3); // starts inside é: moved to its end
        b.push_verbatim(0..4); // goes backwards: cut to what is left
        b.push_replaced("x", 100..200);
        b.push_verbatim(3..1);
        let doc = b.finish();
        assert_eq!(doc.text, "-ax");
        assert_eq!(doc.text_map.derived_len(), doc.text.len());
        assert_eq!(doc.text_map.to_source(2..3), 6..6);
    }

    #[test]
    fn line_starts_ignore_a_final_line_end() {
        let starts = |raw| line_starts(raw).iter().collect::<Vec<_>>();
        assert_eq!(starts(""), [0]);
        assert_eq!(starts("a\nb\n"), [0, 2]);
        assert_eq!(starts("a\r\n\nb"), [0, 3, 4]);
    }
}
