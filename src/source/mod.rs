//! Sources: the document model and one loader per format. A loader turns the
//! bytes of a file into a [`Document`] through a [`DocumentBuilder`];
//! [`locator`] turns a claims locator into a range of it.

mod block;
mod builder;
mod cache;
mod document;
mod legal_sections;
mod load;
pub mod locator;
mod markdown;
#[cfg(test)]
mod markdown_chunk_tests;
mod markdown_chunks;
mod markdown_definitions;
mod markdown_framed;
mod markdown_line_cut;
mod markdown_metadata;
mod markdown_seam;
mod raw;
mod source_file;
mod text;

pub use block::{Block, BlockKind, Page, Section};
pub use builder::{DocumentBuilder, BLOCK_SEPARATOR};
pub use cache::{default_cache_dir, load_cached, CACHE_VERSION};
pub use document::{Document, Format, Position};
pub use legal_sections::legal_sections;
pub use load::{format_of, load, load_bytes, load_limited, LoadError, DEFAULT_MAX_SOURCE_BYTES};
pub use raw::Raw;
mod extracted_block;
pub mod html;
pub mod pdf;
mod pdf_content;
mod pdf_content_cutter;
mod pdf_decode;
mod pdf_decryption;
mod pdf_deferred_pages;
mod pdf_file_bytes;
mod pdf_glyphs;
mod pdf_inflate;
mod pdf_labels;
mod pdf_line;
mod pdf_line_grouper;
mod pdf_objects;
mod pdf_open;
mod pdf_packed_objects;
mod pdf_pages;
mod pdf_parse_cost;
mod pdf_piece_marks;
mod pdf_piece_of_page;
#[cfg(any(test, fuzzing))]
mod pdf_recorder;
mod pdf_stream_reader;
#[cfg(any(test, fuzzing))]
mod pdf_test_file;
mod pdf_text_streams;
mod pdf_tree;
mod pdf_type1_program;
mod pdf_xref;
mod piece;

pub use extracted_block::ExtractedBlock;
pub use piece::Piece;

/// For the `markdown_chunks` fuzz target: `text` loaded in chunks of about
/// `chunk` bytes and loaded whole, each document as JSON.
/// For the `pdf_content` fuzz target: a content stream's text operations
/// (images are the names starting `Im`), and whether an operator is one
/// that is left out.
#[cfg(fuzzing)]
pub fn pdf_text_operations(content: &[u8]) -> Option<Vec<u8>> {
    pdf_content::text_operations(
        content,
        &|name| name.starts_with(b"Im"),
        &mut pdf_parse_cost::ParseCost::default(),
    )
}

/// For the `pdf_pieces` fuzz target: what pdf-extract draws of a one-page
/// PDF of `content`, its text operations drawn whole and in pieces cut
/// wherever they can be (`Err`: it panicked, with its message).
#[cfg(fuzzing)]
pub fn pdf_drawn_whole_and_in_pieces(
    content: &[u8],
) -> (Result<Vec<String>, String>, Result<Vec<String>, String>) {
    let (whole, _) = pdf_pages::drawn_in_pieces(content, usize::MAX);
    let (pieces, _) = pdf_pages::drawn_in_pieces(content, 1);
    (whole, pieces)
}

/// For the `pdf_content` fuzz target: the same content cut as a page's is,
/// fed a piece of `size` bytes at a time.
#[cfg(fuzzing)]
pub fn pdf_text_operations_in_pieces(content: &[u8], size: usize) -> Option<Vec<u8>> {
    let is_image = |name: &[u8]| name.starts_with(b"Im");
    let mut cutter = pdf_content_cutter::ContentCutter::new(
        &is_image,
        usize::MAX,
        pdf_piece_marks::PieceMarks::whole(),
    );
    for piece in content.chunks(size.max(1)) {
        cutter.feed(piece).ok()?;
    }
    cutter.finish().ok()?
}

#[cfg(fuzzing)]
pub fn pdf_operator_dropped(op: &[u8]) -> bool {
    pdf_content::is_dropped(op)
}

#[cfg(fuzzing)]
pub fn markdown_chunked_and_whole(text: &str, chunk: usize) -> (String, String) {
    let json = |chunk| {
        serde_json::to_string(&markdown::load_in_chunks(text.to_string(), chunk))
            .expect("a document serializes")
    };
    (json(chunk), json(usize::MAX))
}
