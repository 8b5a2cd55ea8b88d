//! The PDF loader on arbitrary bytes: no panic escapes it; whatever it
//! accepts keeps its maps inside its texts.
//!
//! The loader catches the panics of the PDF libraries it calls and reports
//! the file as malformed; libfuzzer-sys's panic hook would abort on those
//! caught panics too, so the hook is replaced by a silent one here: a panic
//! that escapes `load_bytes` still aborts the run (fuzz_target! catches it
//! and aborts).
#![no_main]

use citecheck::source::{load_bytes, Format};
use libfuzzer_sys::fuzz_target;

#[path = "doc_check.rs"]
mod doc_check;

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|_| {}));
    },
    |bytes: &[u8]| {
        if let Ok(doc) = load_bytes(bytes, Format::Pdf) {
            doc_check::check(&doc);
        }
    }
);
