//! One quote checked against one source, both from the input: the matcher
//! (verbatim, elisions, the closest passage, the misquote rule) must neither
//! panic nor hang (libFuzzer's -timeout), and every place it reports must lie
//! inside the source. Input: a byte choosing the locator, the quote up to
//! the first NUL, the source after it.
#![no_main]

use std::sync::Arc;

use citecheck::check::{check_file, LoadedSource, MatchPolicy, SourceSet};
use citecheck::source::{load_bytes, Format};
use libfuzzer_sys::fuzz_target;

const LOCATORS: [&str; 6] = ["", " ¶1", " ¶2-3", " line 2", " lines 1-4", " chars 0-40"];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let (quote, source) = match rest.iter().position(|&b| b == 0) {
        Some(at) => (&rest[..at], &rest[at + 1..]),
        None => (rest, &b""[..]),
    };
    let quote = String::from_utf8_lossy(quote);
    let mut escaped = String::new();
    for c in quote.chars() {
        match c {
            '"' => escaped.push_str("\\\""),
            '\\' => escaped.push_str("\\\\"),
            c if c.is_control() => escaped.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => escaped.push(c),
        }
    }
    let locator = LOCATORS[pick as usize % LOCATORS.len()];
    let text = format!("source s = \"s.txt\"\nclaim c: C.\n  quote \"{escaped}\" @ s{locator}\n");
    let Ok(file) = citecheck::claims::parse(&text) else {
        return;
    };
    let doc = load_bytes(source, Format::Text);
    let set = SourceSet::new(vec![LoadedSource {
        key: "s".to_string(),
        path: "s.txt".to_string(),
        lang: None,
        document: Arc::new(doc),
    }]);
    let report = check_file("c.claims", &text, &file, &set, &MatchPolicy::default());
    for claim in &report.claims {
        for q in &claim.quotes {
            for l in [&q.location, &q.closest, &q.also].into_iter().flatten() {
                assert!(
                    l.byte_start <= l.byte_end && l.byte_end <= source.len(),
                    "{l:?}"
                );
            }
        }
    }
});
