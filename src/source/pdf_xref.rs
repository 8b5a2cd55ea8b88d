//! A PDF's cross-reference table and trailer, read without its objects.
//!
//! lopdf reads the table only as part of reading every object, and its
//! parser counts the line breaks from the start of the file to each object it
//! reads: time grows with objects times size (100,000 small objects in 6 MB:
//! 4.9 s; a 256 MiB file of them would take hours). Here the table is read
//! from `startxref` back through `/Prev` (and `/XRefStm` of hybrid files), as
//! lopdf reads it: a classic table's in-use entries, a stream's in-use and
//! compressed ones, the newest entry of an object winning, the newest trailer
//! kept.

use std::collections::HashSet;

use lopdf::xref::{Xref, XrefEntry, XrefType};
use lopdf::{Dictionary, Object};

use super::pdf_decode::decoded_len;
use super::pdf_inflate::bound;
use super::pdf_objects::parse_object;

/// How many sections a chain may hold: more is a loop or a hostile file.
const MAX_SECTIONS: usize = 1 << 12;

/// The cross-reference table and the newest trailer (without /Prev and
/// /XRefStm), or `None` where they cannot be read so.
pub fn read_xref(bytes: &[u8]) -> Option<(Xref, Dictionary)> {
    let mut xref = Xref::new(0, XrefType::CrossReferenceTable);
    let mut trailer: Option<Dictionary> = None;
    let mut seen = HashSet::new();
    let mut next = Some(start_xref(bytes)?);
    while let Some(offset) = next.take() {
        if !seen.insert(offset) || seen.len() > MAX_SECTIONS {
            break;
        }
        let (entries, mut dict) = section(bytes, offset)?;
        merge(&mut xref, entries);
        if let Some(stream) = dict.remove(b"XRefStm").and_then(offset_of) {
            if seen.insert(stream) {
                merge(&mut xref, section(bytes, stream)?.0);
            }
        }
        next = dict.remove(b"Prev").and_then(offset_of);
        trailer.get_or_insert(dict);
    }
    let trailer = trailer?;
    let size = xref.max_id().checked_add(1)?;
    xref.size = size;
    Some((xref, trailer))
}

/// Adds what `xref` does not have yet: a newer section was read first.
fn merge(xref: &mut Xref, entries: Vec<(u32, XrefEntry)>) {
    for (id, entry) in entries {
        xref.entries.entry(id).or_insert(entry);
    }
}

fn offset_of(object: Object) -> Option<usize> {
    usize::try_from(object.as_i64().ok()?).ok()
}

/// The offset after the last `startxref`.
fn start_xref(bytes: &[u8]) -> Option<usize> {
    let tail = bytes.len().saturating_sub(1024);
    let at = memchr::memmem::rfind(&bytes[tail..], b"startxref")? + tail + b"startxref".len();
    let (n, _) = number(bytes, skip_space(bytes, at))?;
    usize::try_from(n).ok()
}

/// The entries and trailer of the section at `offset`: a classic table
/// (`xref` … `trailer <<…>>`) or a cross-reference stream.
fn section(bytes: &[u8], offset: usize) -> Option<(Vec<(u32, XrefEntry)>, Dictionary)> {
    let at = skip_space(bytes, offset);
    if bytes.get(at..)?.starts_with(b"xref") {
        classic(bytes, at + b"xref".len())
    } else {
        stream(bytes, at)
    }
}

fn classic(bytes: &[u8], mut at: usize) -> Option<(Vec<(u32, XrefEntry)>, Dictionary)> {
    let mut entries = Vec::new();
    loop {
        at = skip_space(bytes, at);
        if bytes.get(at..)?.starts_with(b"trailer") {
            break;
        }
        let (first, after) = number(bytes, at)?;
        let (count, after) = number(bytes, skip_space(bytes, after))?;
        at = after;
        for n in 0..count {
            let (offset, after) = number(bytes, skip_space(bytes, at))?;
            let (generation, after) = number(bytes, skip_space(bytes, after))?;
            let kind = skip_space(bytes, after);
            at = kind + 1;
            if *bytes.get(kind)? == b'n' {
                let id = u32::try_from(first.checked_add(n)?).ok()?;
                let entry = XrefEntry::Normal {
                    offset: u32::try_from(offset).ok()?,
                    generation: u16::try_from(generation).ok()?,
                };
                entries.push((id, entry));
            }
        }
    }
    let dict_at = skip_space(bytes, at + b"trailer".len());
    let Object::Dictionary(dict) = dictionary_at(bytes, dict_at)? else {
        return None;
    };
    Some((entries, dict))
}

/// The dictionary at `at`, parsed by lopdf as the body of an object.
fn dictionary_at(bytes: &[u8], at: usize) -> Option<Object> {
    // A trailer is short; the window grows only for one that is not.
    let rest = bytes.get(at..)?;
    for window in [1 << 12, 1 << 16, rest.len()] {
        let mut body = b"1 0 obj\n".to_vec();
        body.extend_from_slice(&rest[..window.min(rest.len())]);
        body.extend_from_slice(b"\nendobj\n");
        if let Some(object) = parse_object(&body, (1, 0)) {
            return Some(object);
        }
        if window >= rest.len() {
            break;
        }
    }
    None
}

fn stream(bytes: &[u8], at: usize) -> Option<(Vec<(u32, XrefEntry)>, Dictionary)> {
    let (number_, after) = number(bytes, at)?;
    let (generation, _) = number(bytes, skip_space(bytes, after))?;
    let id = (
        u32::try_from(number_).ok()?,
        u16::try_from(generation).ok()?,
    );
    let Object::Stream(stream) = parse_object(bytes.get(at..)?, id)? else {
        return None;
    };
    // lopdf reads a stream without /Type /XRef as a table too (lopdf's own
    // sample of an update has one).
    let content = if stream.filters().is_ok_and(|f| !f.is_empty()) {
        // A table inflating past the bound is a bomb, not a table.
        let cap = bound(bytes.len());
        if decoded_len(&stream, cap.saturating_add(1)) > cap {
            return None;
        }
        stream.decompressed_content().ok()?
    } else {
        stream.content.clone()
    };
    let dict = stream.dict;
    let ints = |key: &[u8]| -> Option<Vec<u64>> {
        dict.get(key)
            .ok()?
            .as_array()
            .ok()?
            .iter()
            .map(|o| u64::try_from(o.as_i64().ok()?).ok())
            .collect()
    };
    let widths = ints(b"W")?;
    let size = u64::try_from(dict.get(b"Size").ok()?.as_i64().ok()?).ok()?;
    let index = match dict.get(b"Index") {
        Ok(_) => ints(b"Index")?,
        Err(_) => vec![0, size],
    };
    let [w0, w1, w2] = widths[..] else {
        return None;
    };
    let widths = [w0, w1, w2].map(|w| usize::try_from(w).ok().filter(|w| *w <= 8));
    let [Some(w0), Some(w1), Some(w2)] = widths else {
        return None;
    };
    let width = w0 + w1 + w2;
    let mut rows = content.chunks_exact(width.max(1));
    let mut entries = Vec::new();
    for pair in index.chunks_exact(2) {
        let (first, count) = (pair[0], pair[1]);
        for n in 0..count {
            let row = rows.next()?;
            let field = |from: usize, width: usize| {
                row[from..from + width]
                    .iter()
                    .fold(0u64, |v, b| (v << 8) | u64::from(*b))
            };
            let kind = if w0 == 0 { 1 } else { field(0, w0) };
            let (a, b) = (field(w0, w1), field(w0 + w1, w2));
            let id = u32::try_from(first.checked_add(n)?).ok()?;
            let entry = match kind {
                1 => XrefEntry::Normal {
                    offset: u32::try_from(a).ok()?,
                    generation: u16::try_from(b).ok()?,
                },
                2 => XrefEntry::Compressed {
                    container: u32::try_from(a).ok()?,
                    index: u16::try_from(b).ok()?,
                },
                _ => continue,
            };
            entries.push((id, entry));
        }
    }
    let mut dict = dict;
    for key in [&b"Length"[..], b"W", b"Index", b"Filter", b"DecodeParms"] {
        dict.remove(key);
    }
    Some((entries, dict))
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b) = bytes.get(at) {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => at += 1,
            b'%' => {
                while bytes.get(at).is_some_and(|b| !matches!(b, b'\r' | b'\n')) {
                    at += 1;
                }
            }
            _ => break,
        }
    }
    at
}

/// The unsigned number at `at` and the offset after it.
fn number(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let digits = bytes
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let text = std::str::from_utf8(&bytes[at..at + digits]).ok()?;
    Some((text.parse().ok()?, at + digits))
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::{action_plan, append_object, append_table, pdf};
    use super::*;
    use lopdf::Document;

    /// lopdf's table and trailer, read with every object.
    fn lopdfs(bytes: &[u8]) -> (Xref, Dictionary) {
        let doc = Document::load_mem(bytes).unwrap();
        (doc.reference_table, doc.trailer)
    }

    /// XrefEntry has no `PartialEq`: compared as written.
    fn entries(xref: &Xref) -> Vec<String> {
        xref.entries.iter().map(|e| format!("{e:?}")).collect()
    }

    fn assert_same_as_lopdf(bytes: &[u8]) {
        let (xref, trailer) = read_xref(bytes).expect("a table");
        let (theirs, their_trailer) = lopdfs(bytes);
        assert_eq!(entries(&xref), entries(&theirs));
        assert_eq!(xref.size, theirs.size);
        assert_eq!(trailer, their_trailer);
    }

    #[test]
    fn a_classic_table_reads_as_lopdf_reads_it() {
        assert_same_as_lopdf(&pdf(&["<< /Type /Catalog >>", "42", "(text)"]));
    }

    #[test]
    fn the_action_plans_linearized_stream_tables_read_as_lopdf_reads_them() {
        // Two cross-reference streams with PNG predictors, a /Prev between
        // them, objects in object streams.
        let bytes = action_plan();
        assert_same_as_lopdf(&bytes);
        let (xref, _) = read_xref(&bytes).unwrap();
        let compressed = xref
            .entries
            .values()
            .filter(|e| matches!(e, XrefEntry::Compressed { .. }))
            .count();
        assert!(compressed > 100, "{compressed} objects in object streams");
    }

    #[test]
    fn an_update_wins_over_what_it_updates() {
        let mut bytes = pdf(&["<< /Type /Catalog >>", "(old)"]);
        let first = memchr::memmem::rfind(&bytes, b"startxref\n").unwrap() + 10;
        let first: usize = String::from_utf8_lossy(&bytes[first..])
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let at = append_object(&mut bytes, 2, "(new)");
        let extra = append_object(&mut bytes, 3, "(added)");
        append_table(
            &mut bytes,
            &[(2, at), (3, extra)],
            &format!("/Size 4 /Root 1 0 R /Prev {first}"),
        );
        assert_same_as_lopdf(&bytes);
        let (xref, trailer) = read_xref(&bytes).unwrap();
        assert!(matches!(
            xref.get(2),
            Some(XrefEntry::Normal { offset, generation: 0 }) if *offset as usize == at
        ));
        assert_eq!(xref.entries.len(), 3);
        assert!(trailer.get(b"Prev").is_err(), "the chain is not left in");
    }

    #[test]
    fn a_chain_that_loops_ends() {
        let mut bytes = pdf(&["<< /Type /Catalog >>"]);
        let at = append_object(&mut bytes, 2, "(x)");
        let next = bytes.len();
        append_table(
            &mut bytes,
            &[(2, at)],
            &format!("/Size 3 /Root 1 0 R /Prev {next}"),
        );
        let (xref, _) = read_xref(&bytes).unwrap();
        assert_eq!(xref.entries.len(), 1);
    }

    #[test]
    fn what_is_no_table_is_none() {
        assert!(read_xref(b"").is_none());
        assert!(read_xref(b"%PDF-1.5\nstartxref\n999999\n%%EOF").is_none());
        assert!(read_xref(b"%PDF-1.5\nstartxref\n0\n%%EOF").is_none());
        let mut cut = pdf(&["<< /Type /Catalog >>"]);
        let trailer = memchr::memmem::find(&cut, b"trailer").unwrap();
        cut.truncate(trailer + 10);
        cut.extend(b"\nstartxref\n");
        assert!(read_xref(&cut).is_none());
    }

    #[test]
    fn a_table_stream_of_absurd_widths_is_no_table() {
        // Found by fuzzing: lopdf allocates what /W says (an abort at
        // 0x4fb3b442aaaaaaaa bytes); citecheck no longer falls back on it.
        let body =
            b"<< /Type /XRef /Size 2 /W [1 99999999999 1] /Length 4 >>\nstream\nabcd\nendstream";
        let mut bytes = b"%PDF-1.5\n".to_vec();
        let at = bytes.len();
        bytes.extend(b"1 0 obj\n");
        bytes.extend(body);
        bytes.extend(format!("\nendobj\nstartxref\n{at}\n%%EOF\n").bytes());
        assert!(read_xref(&bytes).is_none());
    }

    #[test]
    fn a_table_stream_without_a_type_is_read_as_lopdf_reads_it() {
        let mut bytes = b"%PDF-1.5\n".to_vec();
        let catalog = append_object(&mut bytes, 1, "<< /Type /Catalog >>");
        let at = bytes.len();
        let rows = [
            [0, 0, 0],
            [1, 0, catalog as u8],
            [1, (at >> 8) as u8, at as u8],
        ];
        bytes.extend(b"2 0 obj\n<< /Size 3 /W [1 2 0] /Root 1 0 R /Length 9 >>\nstream\n");
        bytes.extend(rows.concat());
        bytes.extend(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").bytes());
        assert_same_as_lopdf(&bytes);
        assert_eq!(read_xref(&bytes).unwrap().0.entries.len(), 2);
    }
}
