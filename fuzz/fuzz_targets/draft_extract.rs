//! The draft extractor on arbitrary text: no panic; every quotation,
//! sentence, citation, suppression and the front matter lie inside the text,
//! on character boundaries; the front matter's sources parse, or fail at an
//! offset inside it.
#![no_main]

use std::ops::Range;

use citecheck::draft::{extract, front_matter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let inside = |r: &Range<usize>| {
        assert!(
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end),
            "{r:?} in {} bytes",
            text.len()
        );
    };
    let draft = extract(text);
    for q in &draft.quotations {
        inside(&q.span);
        inside(&q.sentence_span);
        q.citation.iter().for_each(|c| inside(&c.span));
    }
    for s in &draft.sentences {
        inside(&s.span);
        s.citations.iter().for_each(|c| inside(&c.span));
        assert!(s.quotations.iter().all(|&i| i < draft.quotations.len()));
    }
    draft.suppressions.iter().for_each(|s| inside(&s.span));
    draft.bad_suppressions.iter().for_each(|s| inside(&s.span));
    if let Some(fm) = &draft.front_matter {
        inside(fm);
        if let Err(e) = front_matter::sources(&text[fm.clone()], fm.start) {
            assert!(e.offset <= fm.end, "{} past {fm:?}", e.offset);
        }
    }
});
