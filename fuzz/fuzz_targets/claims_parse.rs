//! The claims parser on arbitrary bytes: no panic, every span inside the
//! text and on char boundaries, every diagnostic renders.
#![no_main]

use citecheck::claims::{self, Item, Span};
use libfuzzer_sys::fuzz_target;

fn inside(text: &str, span: &Span) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{span:?} outside {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?}"
    );
}

fuzz_target!(|bytes: &[u8]| {
    let (text, result) = claims::parse_bytes(bytes);
    match result {
        Ok(file) => {
            for s in &file.sources {
                for span in [&s.span, &s.key.span, &s.path.span] {
                    inside(&text, span);
                }
                assert_eq!(text[s.key.span.clone()], s.key.name);
            }
            for c in &file.claims {
                for span in [&c.span, &c.id.span, &c.text.span] {
                    inside(&text, span);
                }
                assert_eq!(text[c.id.span.clone()], c.id.name);
                for item in &c.items {
                    match item {
                        Item::Quote(q) => {
                            inside(&text, &q.span);
                            inside(&text, &q.text.span);
                            if let Some(l) = &q.locator {
                                inside(&text, &l.span);
                            }
                            let _ = q.locator.as_ref().map(|l| l.kind.to_string());
                        }
                        Item::Cite(ct) => inside(&text, &ct.span),
                        Item::Expect(e) => inside(&text, &e.span),
                    }
                }
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            for d in &diagnostics {
                assert!(
                    d.span.start <= d.span.end && d.span.end <= text.len(),
                    "{d:?}"
                );
                let (line, column) = d.line_column(&text);
                let rendered = d.render("f.claims", &text, false);
                assert!(
                    rendered.contains(&format!("f.claims:{line}:{column}")),
                    "{rendered}"
                );
                let _ = d.render("f.claims", &text, true);
            }
        }
    }
});
