//! The content-stream filter that runs before pdf-extract: on arbitrary
//! bytes it never panics and only copies operations it was given; on
//! streams written from operations (strings with escapes and parentheses,
//! arrays, dictionaries, comments, inline images), lopdf reads from what it
//! keeps exactly the operations it read from the whole stream, less those
//! left out. Fed a piece at a time, as a page is, it keeps the same.
#![no_main]

mod content_stream;

use citecheck::source::{pdf_operator_dropped, pdf_text_operations, pdf_text_operations_in_pieces};
use content_stream::Alphabet;
use libfuzzer_sys::fuzz_target;
use lopdf::content::{Content, Operation};

fuzz_target!(|bytes: &[u8]| {
    let size = bytes.len() / 3 + usize::from(bytes.last().copied().unwrap_or(1) % 5);
    assert_eq!(
        pdf_text_operations_in_pieces(bytes, size),
        pdf_text_operations(bytes),
        "in pieces of {size}"
    );
    if bytes.first().is_some_and(|b| b & 1 == 0) {
        if let Some(kept) = pdf_text_operations(bytes) {
            for line in kept.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                assert!(
                    memchr::memmem::find(bytes, line).is_some(),
                    "kept bytes that were not there: {:?}",
                    String::from_utf8_lossy(line)
                );
            }
        }
        return;
    }
    let content = content_stream::stream(&bytes[1.min(bytes.len())..], &ALPHABET);
    let kept = pdf_text_operations(&content).expect("a written stream is tokens");
    let ops = |c: &[u8]| Content::decode(c).map(|c| c.operations).unwrap_or_default();
    let expected: Vec<Operation> = ops(&content)
        .into_iter()
        .filter(|op| {
            let image = op.operator == "Do"
                && op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .is_some_and(|n| n.starts_with(b"Im"));
            !pdf_operator_dropped(op.operator.as_bytes()) && op.operator != "BI" && !image
        })
        .collect();
    assert_eq!(
        format!("{expected:?}"),
        format!("{:?}", ops(&kept)),
        "\n{}\n--\n{}",
        String::from_utf8_lossy(&content),
        String::from_utf8_lossy(&kept)
    );
});

const OPERATORS: &[&str] = &[
    "BT", "ET", "Tf", "Td", "TD", "Tm", "T*", "Tj", "TJ", "'", "\"", "Tc", "Tw", "Tz", "TL", "Ts",
    "Tr", "cm", "q", "Q", "gs", "Do", "m", "l", "c", "re", "S", "f", "f*", "W", "n", "rg", "RG",
    "k", "cs", "scn", "BDC", "EMC", "BMC", "d", "w", "sh", "BX", "EX",
];

/// With comments and inline images between the operations.
const ALPHABET: Alphabet = Alphabet {
    operators: OPERATORS,
    line: b"BI /W 2 /H 1 /CS /DeviceGray /BPC 8 ID \x00\xff EI\n",
    names: [b"/Im1", b"/F1"],
};
