//! A Type 1 font program (`/FontFile`) cut to the part pdf-extract reads.
//!
//! pdf-extract inflates a Type 1 program each time it makes the font (for
//! every page, and every piece of a page), only to read the encoding from
//! its clear text; the encrypted part after `eexec`, the glyphs, is most of
//! it. A pdfTeX manual of 257 KB held 170 KB of programs from their pages'
//! reading to the end, and inflated 110 KB more while it drew. The program
//! is kept cut after `eexec` where the encoding pdf-extract's parser reads
//! from the cut is the one it reads from the whole; else it is kept whole.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::Stream;

use super::pdf_decode::decoded_len;

/// Cuts `stream`, a Type 1 program, to its clear text, decoded, if it
/// decodes to at most `cap` bytes and the encoding read is the same.
pub fn cut_to_clear_text(stream: &mut Stream, cap: usize) {
    if decoded_len(stream, cap.saturating_add(1)) > cap {
        return;
    }
    let program = contents(stream);
    let Some(end) = memchr::memmem::find(&program, b"eexec").map(|at| at + b"eexec".len()) else {
        return;
    };
    if end < program.len() && encoding(&program[..end]) == encoding(&program) {
        stream.set_plain_content(program[..end].to_vec());
    }
}

/// The program as pdf-extract reads it (its `get_contents`).
fn contents(stream: &Stream) -> Vec<u8> {
    if stream.filters().is_ok() {
        stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone())
    } else {
        stream.content.clone()
    }
}

/// What pdf-extract's parser reads of `program`'s encoding (`None`: it
/// panics, as pdf-extract then does).
fn encoding(program: &[u8]) -> Option<Result<HashMap<u32, Vec<u8>>, &'static str>> {
    catch_unwind(AssertUnwindSafe(|| {
        type1_encoding_parser::get_encoding_map(program)
    }))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::flate;
    use super::*;
    use lopdf::dictionary;

    /// The clear text of a Type 1 program whose encoding sets code 65 to
    /// `name`, up to and with `eexec`.
    fn clear_text(name: &str) -> String {
        format!(
            "%!PS-AdobeFont-1.0: Test 001\n/FontName /Test def\n/Encoding 256 array\n\
             0 1 255 {{1 index exch /.notdef put}} for\ndup 65 /{name} put\nreadonly def\n\
             currentdict end\ncurrentfile eexec"
        )
    }

    /// A program of `clear` and `rest` after it, Flate-compressed.
    fn program(clear: &str, rest: &[u8]) -> Stream {
        let data = [clear.as_bytes(), rest].concat();
        Stream::new(
            dictionary! { "Filter" => "FlateDecode", "Length1" => clear.len() as i64 },
            flate(&data),
        )
    }

    const ENCRYPTED: &[u8] = b"\n\xd9\xd6\x6f\x63\x3b\x84\x6a\x98\x9b\x99\x97\x4e\x12\x8a\x00\xff";

    #[test]
    fn a_program_is_cut_after_eexec_decoded() {
        let clear = clear_text("B");
        let mut stream = program(&clear, &ENCRYPTED.repeat(100));
        let whole = encoding(&contents(&stream));
        assert_eq!(
            whole
                .as_ref()
                .and_then(|e| e.as_ref().ok())
                .and_then(|e| e.get(&65)),
            Some(&b"B".to_vec()),
            "the test's program has an encoding"
        );
        cut_to_clear_text(&mut stream, 1 << 20);
        assert_eq!(stream.content, clear.as_bytes());
        assert!(stream.dict.get(b"Filter").is_err(), "stored plain");
        assert_eq!(encoding(&contents(&stream)), whole);
    }

    #[test]
    fn a_page_is_drawn_with_the_encoding_of_its_fonts_cut_program() {
        use super::super::pdf::extract_pdf;
        use super::super::pdf_open::open;
        use super::super::pdf_test_file::one_page_document;
        use lopdf::Object;
        let clear = clear_text("B");
        let mut doc = one_page_document(b"BT /F1 12 Tf 72 700 Td (AA) Tj ET");
        let file = doc.add_object(program(&clear, &ENCRYPTED.repeat(100)));
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "Test", "FontFile" => file,
        });
        // The page's font (Helvetica) made a Type 1 font with the program.
        let Some(Object::Dictionary(font)) = doc
            .objects
            .values_mut()
            .find(|o| o.as_dict().is_ok_and(|d| d.has_type(b"Font")))
        else {
            panic!("the document has a font");
        };
        font.set("BaseFont", "Test");
        font.set("FontDescriptor", descriptor);
        let page = doc.page_iter().next().unwrap();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();

        let (mut opened, in_file) = open(&bytes).unwrap();
        in_file.reader(&bytes).read(&mut opened, page).unwrap();
        let held = opened.get_object(file).and_then(Object::as_stream).unwrap();
        assert_eq!(held.content, clear.as_bytes(), "held cut");
        let text = extract_pdf(bytes).unwrap().raw;
        assert!(text.contains("BB") && !text.contains('A'), "{text:?}");
    }

    #[test]
    fn a_program_whose_encoding_the_cut_would_change_is_kept_whole() {
        // What follows `eexec` parses on, and sets the encoding again.
        let clear = clear_text("B");
        let rest = b" /Encoding 256 array dup 65 /C put readonly def";
        let mut stream = program(&clear, rest);
        let before = stream.clone();
        cut_to_clear_text(&mut stream, 1 << 20);
        assert_eq!(stream.content, before.content);
        assert_eq!(stream.dict, before.dict);
    }

    #[test]
    fn a_program_that_decodes_past_the_cap_is_kept_as_it_is() {
        let clear = clear_text("B");
        let mut stream = program(&clear, &ENCRYPTED.repeat(100));
        let before = stream.content.clone();
        cut_to_clear_text(&mut stream, clear.len());
        assert_eq!(stream.content, before);
        assert!(stream.dict.get(b"Filter").is_ok());
    }

    #[test]
    fn a_program_without_eexec_is_kept_as_it_is() {
        let clear = clear_text("B").replace("eexec", "");
        let mut stream = program(&clear, b"");
        let before = stream.content.clone();
        cut_to_clear_text(&mut stream, 1 << 20);
        assert_eq!(stream.content, before);
    }
}
