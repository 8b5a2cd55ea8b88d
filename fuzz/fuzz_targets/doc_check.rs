//! Checks shared by the source-loader targets: whatever a loader accepts, the
//! document it makes keeps its maps inside its texts and answers every query
//! without panicking.

use citecheck::claims::LocatorKind;
use citecheck::source::{locator, Document};

pub fn check(doc: &Document) {
    assert_eq!(doc.text_map.derived_len(), doc.text.len());
    assert_eq!(doc.folded.map.derived_len(), doc.folded.text.len());
    let mut last_end = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        assert_eq!(b.paragraph, i + 1);
        assert!(b.text.start >= last_end && b.text.start <= b.text.end);
        assert!(
            doc.text.get(b.text.clone()).is_some(),
            "block {b:?} off the text"
        );
        last_end = b.text.end;
    }
    for p in &doc.pages {
        assert!(
            doc.text.get(p.text.clone()).is_some(),
            "page {p:?} off the text"
        );
    }
    for s in &doc.sections {
        assert!(
            doc.text.get(s.text.clone()).is_some(),
            "section off the text"
        );
    }
    // Every folded character comes from whole characters of the file.
    // (`position` counts the characters of a line: asked at most 64 times,
    // so a long one-line input does not make the check itself quadratic.)
    let step = doc.folded.text.len() / 64 + 1;
    for (at, c) in doc.folded.text.char_indices() {
        let raw = doc.folded_to_raw(at..at + c.len_utf8());
        assert!(raw.start <= raw.end && raw.end <= doc.raw.len(), "{raw:?}");
        assert!(doc.raw.is_char_boundary(raw.start) && doc.raw.is_char_boundary(raw.end));
        let _ = doc.block_at_folded(at);
        if at % step == 0 {
            let _ = doc.position(raw.start);
        }
    }
    let n = doc.raw.len();
    for raw in [0, 1, n / 2, n.saturating_sub(1), n, n + 1] {
        let _ = doc.position(raw);
        let f = doc.raw_to_folded(raw..raw.saturating_add(3));
        assert!(f.end <= doc.folded.text.len());
    }
    for line in [0, 1, 2, doc.line_count(), doc.line_count() + 1] {
        let _ = doc.line(line);
    }
    for n in [0usize, 1, 2, 7, usize::MAX] {
        for l in [
            LocatorKind::Paragraphs {
                start: n,
                end: n.saturating_add(1),
            },
            LocatorKind::Lines {
                start: n,
                end: n.saturating_add(2),
            },
            LocatorKind::Pages { start: n, end: n },
            LocatorKind::Chars {
                start: n,
                end: n.saturating_mul(3),
            },
            LocatorKind::Section("a".into()),
        ] {
            if let Ok(r) = locator::resolve(doc, &l) {
                assert!(
                    doc.folded.text.get(r).is_some(),
                    "{l} gave a range off the folded text"
                );
            }
        }
    }
}
