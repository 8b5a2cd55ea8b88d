//! Markdown parsed in chunks gives the document parsed whole. The first byte
//! picks the chunk size (1 to 64 bytes: a cut tried at every chance), the rest
//! is the text.
#![no_main]

use citecheck::source::markdown_chunked_and_whole;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&first, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (chunked, whole) = markdown_chunked_and_whole(text, 1 + usize::from(first % 64));
    assert_eq!(chunked, whole, "{text:?}");
});
