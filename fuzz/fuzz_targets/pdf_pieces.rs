//! A page drawn in pieces draws what it draws whole: on content streams
//! written from text operations (state set and saved, text shown and
//! moved), pdf-extract's calls on the output are the same, glyph for glyph
//! and position for position, whether the page's text operations are drawn
//! whole or cut into pieces wherever a piece may begin; where the whole
//! panics, so does a piece.
#![no_main]

use citecheck::source::pdf_drawn_whole_and_in_pieces;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let content = stream(bytes);
    let (whole, pieces) = pdf_drawn_whole_and_in_pieces(&content);
    match (&whole, &pieces) {
        (Ok(whole), Ok(pieces)) => {
            assert_eq!(whole, pieces, "\n{}", String::from_utf8_lossy(&content))
        }
        (Err(_), Err(_)) => {}
        _ => panic!(
            "whole {whole:?}\npieces {pieces:?}\n{}",
            String::from_utf8_lossy(&content)
        ),
    }
});

/// Text operators, those setting state twice: what a prelude replays.
const OPERATORS: &[&str] = &[
    "BT", "ET", "BT", "ET", "Tf", "Tf", "Td", "TD", "Tm", "Tm", "T*", "Tj", "Tj", "TJ", "TJ", "'",
    "Tc", "Tc", "Tw", "Tz", "TL", "TL", "Ts", "cm", "cm", "q", "q", "Q", "Q", "d0", "m", "re", "f",
];

/// A content stream written from `bytes`: operations of operands and an
/// operator, with comments and inline images between them.
fn stream(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut it = bytes.iter().copied();
    while let Some(b) = it.next() {
        match b % 16 {
            0 => out.extend_from_slice(b"% a comment ) ( BT Tj\n"),
            1 => out.extend_from_slice(b"/F1 9 Tf\n"),
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
        2 => out.extend_from_slice(b"/F1"),
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
