//! A page drawn in pieces draws what it draws whole: on content streams
//! written from text operations (state set and saved, text shown and
//! moved), pdf-extract's calls on the output are the same, glyph for glyph
//! and position for position, whether the page's text operations are drawn
//! whole or cut into pieces wherever a piece may begin; where the whole
//! panics, so does a piece.
#![no_main]

mod content_stream;

use citecheck::source::pdf_drawn_whole_and_in_pieces;
use content_stream::Alphabet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let content = content_stream::stream(bytes, &ALPHABET);
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

/// With a font set between the operations.
const ALPHABET: Alphabet = Alphabet {
    operators: OPERATORS,
    line: b"/F1 9 Tf\n",
    names: [b"/F1", b"/F1"],
};
