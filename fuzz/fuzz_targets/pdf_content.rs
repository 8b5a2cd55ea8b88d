//! The content-stream filter that runs before pdf-extract: on arbitrary
//! bytes it never panics and only copies operations it was given; on
//! streams written from operations (strings with escapes and parentheses,
//! arrays, dictionaries, comments, inline images), lopdf reads from what it
//! keeps exactly the operations it read from the whole stream, less those
//! left out. Fed a piece at a time, as a page is, it keeps the same.
#![no_main]

use citecheck::source::{
    pdf_operator_dropped, pdf_text_operations, pdf_text_operations_in_pieces,
};
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
    let content = stream(&bytes[1.min(bytes.len())..]);
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

/// A content stream written from `bytes`: operations of operands and an
/// operator, with comments and inline images between them.
fn stream(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut it = bytes.iter().copied();
    while let Some(b) = it.next() {
        match b % 16 {
            0 => out.extend_from_slice(b"% a comment ) ( BT Tj\n"),
            1 => out.extend_from_slice(b"BI /W 2 /H 1 /CS /DeviceGray /BPC 8 ID \x00\xff EI\n"),
            _ => {
                for _ in 0..(b / 16) % 4 {
                    operand(&mut out, it.next().unwrap_or(0), &mut it, 0);
                    out.push(b' ');
                }
                let op = OPERATORS[it.next().unwrap_or(0) as usize % OPERATORS.len()];
                out.extend_from_slice(op.as_bytes());
                out.push(if b & 1 == 0 { b'\n' } else { b' ' });
            }
        }
    }
    out
}

fn operand(out: &mut Vec<u8>, b: u8, it: &mut impl Iterator<Item = u8>, depth: u8) {
    match b % 8 {
        0 => out.extend_from_slice(format!("{}", b as i32 - 128).as_bytes()),
        1 => out.extend_from_slice(format!("{:.2}", b as f32 / 7.0).as_bytes()),
        2 => out.extend_from_slice(if b & 8 == 0 { b"/Im1" } else { b"/F1" }),
        3 => {
            // A string with balanced and escaped parentheses and a backslash.
            let pieces: [&[u8]; 6] = [b"a", b"(m)", b"\\)", b"\\\\", b"re l", b"\\("];
            out.push(b'(');
            for _ in 0..b / 32 + 1 {
                out.extend_from_slice(pieces[it.next().unwrap_or(0) as usize % pieces.len()]);
            }
            out.push(b')');
        }
        4 => out.extend_from_slice(b"<4142>"),
        5 if depth < 3 => {
            out.push(b'[');
            for _ in 0..b / 64 {
                operand(out, it.next().unwrap_or(0), it, depth + 1);
                out.push(b' ');
            }
            out.push(b']');
        }
        6 if depth < 3 => {
            out.extend_from_slice(b"<</K ");
            operand(out, it.next().unwrap_or(0), it, depth + 1);
            out.extend_from_slice(b">>");
        }
        _ => out.extend_from_slice(b"true"),
    }
}
