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
    let raw = b.raw_shared();
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
    drop(raw); // the builder's the only handle: its bytes can go
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

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: &str = include_str!("../../seeds/000_2b99a302a493dc4a.txt");

    fn para(doc: &Document, n: usize) -> &str {
        &doc.text[doc.blocks[n - 1].text.clone()]
    }

    #[test]
    fn french_seed_paragraphs() {
        let doc = load(FRENCH.to_string());
        assert!(
            para(&doc, 1).starts_with("date 2025-08 Représentant"),
            "leading space left out"
        );
        assert!(para(&doc, 2).starts_with("S’exprimant devant des ministres"));
        assert!(para(&doc, 3).starts_with("« Notre souhait"));
        assert!(para(&doc, 4).starts_with("Des partenariats stratégiques"));
        assert!(para(&doc, 5).starts_with("M. Kratsios a rappelé"));
        assert!(doc.pages.is_empty(), "no form feed, no pages");
        for b in &doc.blocks {
            assert_eq!(
                &*doc.raw.slice(doc.text_map.to_source(b.text.clone())),
                para(&doc, b.paragraph)
            );
        }
    }

    #[test]
    fn french_quote_maps_back_to_raw() {
        let doc = load(FRENCH.to_string());
        let needle =
            "\"notre souhait est que l'ia soit un outil de diplomatie bilatérale puissant\"";
        let at = doc.folded.text.find(needle).unwrap();
        let raw = doc.folded_to_raw(at..at + needle.len());
        assert_eq!(
            &*doc.raw.slice(raw.clone()),
            "« Notre souhait est que l’IA soit un outil de diplomatie bilatérale puissant »"
        );
        let pos = doc.position(raw.start);
        assert_eq!((pos.line, pos.column), (9, 1));
        assert_eq!(
            doc.block_at(doc.folded_to_text(at..at + 1).start)
                .unwrap()
                .paragraph,
            3
        );
    }

    #[test]
    fn lines_keep_breaks_and_crlf_is_one_line_end() {
        let raw = "\u{feff}first line\r\nsecond-\r\n  line\r\n \t \r\n\r\nnext\r\n";
        let doc = load(raw.to_string());
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(&doc.text, "first line\nsecond-\n  line\n\nnext");
        assert_eq!(doc.folded.text, "first line secondline next");
        // The CRLF stands for "\n" as a whole.
        let nl = doc.text.find('\n').unwrap();
        assert_eq!(&*doc.raw.slice(doc.text_map.to_source(nl..nl + 1)), "\r\n");
        assert_eq!(doc.line(1).as_deref(), Some("first line"));
        assert_eq!(doc.line(4).as_deref(), Some(" \t "));
    }

    #[test]
    fn form_feeds_make_pages() {
        let raw = "one\n\ntwo\x0cthree\n\x0c\x0cfour";
        let doc = load(raw.to_string());
        let labels: Vec<_> = doc.pages.iter().map(|p| p.label).collect();
        assert_eq!(labels, [1, 2, 3, 4]);
        let page = |i: usize| &doc.text[doc.pages[i].text.clone()];
        assert_eq!(page(0), "one\n\ntwo");
        assert_eq!(page(1), "three");
        assert_eq!(page(2), "");
        assert_eq!(page(3), "four");
        assert_eq!(doc.blocks.len(), 4);
        assert_eq!(
            doc.page_at(doc.text.find("three").unwrap()).unwrap().label,
            2
        );
        assert_eq!(
            doc.page_at(doc.text.find("four").unwrap()).unwrap().label,
            4
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for raw in [
            "",
            "\u{feff}",
            "\n\n\n",
            "\x0c",
            "   ",
            "a",
            "\r",
            "é\r\n\r\né",
            "\u{feff}\x0c\n",
        ] {
            let doc = load(raw.to_string());
            assert_eq!(doc.raw, raw);
            for b in &doc.blocks {
                assert!(!doc.text[b.text.clone()].trim().is_empty());
            }
        }
    }
}
