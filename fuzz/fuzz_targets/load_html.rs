//! The HTML loader on arbitrary bytes: no panic; whatever it accepts keeps
//! its maps inside its texts.
#![no_main]

use citecheck::source::{load_bytes, Format};
use libfuzzer_sys::fuzz_target;

#[path = "doc_check.rs"]
mod doc_check;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(doc) = load_bytes(bytes, Format::Html) {
        assert_eq!(doc.raw.to_string().as_bytes(), bytes);
        doc_check::check(&doc);
    }
});
