//! Folding on arbitrary text: no panic; every folded character maps onto
//! whole characters of the input, in order; every input range maps into the
//! folded text. Accent stripping (the approximate matcher's second level) too.
#![no_main]

use citecheck::fold::{fold, strip_accents, Folded};
use libfuzzer_sys::fuzz_target;

fn check(input: &str, folded: &Folded) {
    let map = &folded.map;
    assert_eq!(map.derived_len(), folded.text.len());
    let mut last = 0;
    for (at, c) in folded.text.char_indices() {
        let src = map.to_source(at..at + c.len_utf8());
        assert!(src.start <= src.end && src.end <= input.len(), "{src:?}");
        assert!(input.is_char_boundary(src.start) && input.is_char_boundary(src.end));
        assert!(src.start >= last);
        last = src.start;
    }
    let mut k = 0;
    while k <= input.len() {
        if input.is_char_boundary(k) {
            let end = (k + 5).min(input.len());
            let end = (end..=input.len())
                .find(|&e| input.is_char_boundary(e))
                .unwrap();
            let d = map.to_derived(k..end);
            assert!(d.start <= d.end && d.end <= folded.text.len(), "{d:?}");
            assert!(folded.text.is_char_boundary(d.start) && folded.text.is_char_boundary(d.end));
        }
        k += 1;
    }
}

fuzz_target!(|bytes: &[u8]| {
    let input = String::from_utf8_lossy(bytes);
    let folded = fold(&input);
    check(&input, &folded);
    let stripped = strip_accents(&folded.text);
    check(&folded.text, &stripped);
});
