//! Plain text: paragraphs are blocks separated by blank lines; form feeds
//! separate pages.
//!
//! Choices: a line holding only whitespace is blank; a paragraph keeps its
//! line breaks in `text` (folding turns them into spaces, and joins words
//! hyphenated across them); leading and trailing whitespace of a paragraph is
//! left out of it. A file without form feeds has no pages (so `p. 1` is an
//! error, not the whole file); with form feeds, pages are labelled 1, 2, …
//! in order, and a form feed also ends a paragraph.

use std::ops::Range;

use super::builder::DocumentBuilder;
use super::{BlockKind, Document, Format};

/// Loads decoded text (a BOM, if any, is kept in `raw` and left out of `text`).
pub(crate) fn load(raw: String) -> Document {
    let mut b = DocumentBuilder::new(Format::Text, raw);
    let raw = b.raw().to_string();
    let bom = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let paged = raw.contains('\x0c');
    let mut start = bom;
    for (n, chunk_end) in raw
        .match_indices('\x0c')
        .map(|(i, _)| i)
        .chain(std::iter::once(raw.len()))
        .enumerate()
    {
        if paged {
            b.start_page(n + 1);
        }
        paragraphs(&mut b, &raw, start..chunk_end);
        start = chunk_end + 1;
    }
    b.finish()
}

/// The paragraphs of `raw[range]` (a page, or the whole file), as blocks.
fn paragraphs(b: &mut DocumentBuilder, raw: &str, range: Range<usize>) {
    // The lines of the paragraph being gathered: content without line end.
    let mut para: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut at = range.start;
    while at < range.end {
        let line_end =
            memchr::memchr(b'\n', &raw.as_bytes()[at..range.end]).map_or(range.end, |i| at + i + 1);
        let mut content_end = line_end;
        if raw[at..content_end].ends_with('\n') {
            content_end -= 1;
        }
        if raw[at..content_end].ends_with('\r') {
            content_end -= 1;
        }
        if raw[at..content_end].trim().is_empty() {
            emit(b, raw, &mut para);
        } else {
            para.push((at..content_end, content_end..line_end));
        }
        at = line_end;
    }
    emit(b, raw, &mut para);
}

/// One paragraph: its lines verbatim, joined by their own line ends, without
/// the whitespace around it.
fn emit(b: &mut DocumentBuilder, raw: &str, lines: &mut Vec<(Range<usize>, Range<usize>)>) {
    if lines.is_empty() {
        return;
    }
    b.start_block(BlockKind::Paragraph);
    let last = lines.len() - 1;
    for (i, (content, line_end)) in lines.iter().enumerate() {
        let mut content = content.clone();
        if i == 0 {
            let s = &raw[content.clone()];
            content.start += s.len() - s.trim_start().len();
        }
        if i == last {
            let s = &raw[content.clone()];
            content.end -= s.len() - s.trim_end().len();
            b.push_verbatim(content);
        } else {
            b.push_verbatim(content);
            if &raw[line_end.clone()] == "\n" {
                b.push_verbatim(line_end.clone());
            } else {
                b.push_replaced("\n", line_end.clone()); // CRLF
            }
        }
    }
    b.end_block();
    lines.clear();
}
