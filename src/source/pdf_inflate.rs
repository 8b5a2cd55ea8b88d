//! A PDF's compressed streams inflated within a bound before text extraction.
//! Extraction holds about 90 bytes of memory per byte of page content
//! (pdf-extract's operations, then a glyph per character): a 148 KB PDF whose
//! one page inflates to 50 MB took 4.5 GB and 38 s. A PDF from a stranger must not exhaust a CI
//! runner, so its streams may inflate, all together, to [`RATIO`] times the
//! file (and [`FLOOR`] at least); past that the PDF is refused, unread.

use std::io::Read;

use lopdf::{Document, Object};

use super::pdf_decode::decoded_len;

/// Text PDFs inflate two to five times (the Action Plan: 2.2 times).
const RATIO: usize = 16;
/// So that a small PDF with compressed fonts is never refused.
const FLOOR: usize = 1 << 20;

/// Why the PDF's streams may not be inflated, if they may not: together,
/// with the `counted` bytes of streams counted but not held (the content of
/// pages left in the file), they inflate past the bound. Each stream is
/// decoded only as far as the bound left allows, every stage of it counted
/// (see [`decoded_len`]).
pub fn inflate_fault(doc: &Document, file_len: usize, counted: usize) -> Option<String> {
    let limit = bound(file_len);
    if counted > limit {
        return Some(past_the_bound(limit));
    }
    let mut total = counted;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let left = limit.saturating_sub(total);
        total += decoded_len(stream, left.saturating_add(1));
        if total > limit {
            return Some(past_the_bound(limit));
        }
    }
    None
}

/// `limit`: what a file's streams may inflate to, all together.
pub fn bound(file_len: usize) -> usize {
    file_len.saturating_mul(RATIO).max(FLOOR)
}

/// Why a PDF whose streams inflate past `limit` is not read.
pub fn past_the_bound(limit: usize) -> String {
    format!(
        "its compressed streams inflate past {} MiB ({RATIO} times its size, 1 MiB at least): \
         a PDF bomb, or more than citecheck reads",
        limit.div_ceil(1 << 20)
    )
}

/// `data` inflated, if it inflates to at most `cap` bytes (a stream that
/// fails part way gives what came before, as lopdf's inflater does).
pub fn inflate_within(data: &[u8], cap: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let _ = flate2::read::ZlibDecoder::new(data)
        .take(cap.saturating_add(1) as u64)
        .read_to_end(&mut out);
    (out.len() <= cap).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::action_plan;
    use super::*;
    use lopdf::{dictionary, Stream};
    use std::io::Write;

    fn doc_with(content: &[u8], compress: bool) -> (Document, usize) {
        let mut doc = Document::with_version("1.5");
        let stream = if compress {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(content).unwrap();
            Stream::new(
                dictionary! { "Filter" => "FlateDecode" },
                z.finish().unwrap(),
            )
        } else {
            Stream::new(dictionary! {}, content.to_vec())
        };
        let len = stream.content.len();
        doc.add_object(stream);
        (doc, len)
    }

    #[test]
    fn a_stream_that_inflates_past_the_bound_is_a_fault() {
        let (doc, len) = doc_with(&vec![b'a'; 3 << 20], true);
        assert!(len < 10_000, "a bomb: {len} bytes");
        let why = inflate_fault(&doc, len, 0).unwrap();
        assert!(why.contains("inflate past 1 MiB"), "{why}");
        // The same stream is fine in a file large enough to hold 1/16 of it.
        assert_eq!(inflate_fault(&doc, (3 << 20) / RATIO + 1, 0), None);
    }

    #[test]
    fn plain_streams_count_at_their_size() {
        let (doc, len) = doc_with(&vec![b'a'; 2 << 20], false);
        assert!(inflate_fault(&doc, 100, 0).is_some());
        assert_eq!(inflate_fault(&doc, len, 0), None);
    }

    #[test]
    fn the_action_plan_inflates_within_the_bound() {
        let bytes = action_plan();
        let doc = Document::load_mem(&bytes).unwrap();
        assert_eq!(inflate_fault(&doc, bytes.len(), 0), None);
        // And it would not be, were the file a tenth of its size.
        assert!(inflate_fault(&doc, bytes.len() / 10, 0).is_some());
    }
}
