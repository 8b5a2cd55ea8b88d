//! Opening a PDF with lopdf, reading only what text extraction reads.
//!
//! lopdf holds every object of a file, parsed: on the Action Plan four times
//! over, 8.8 MB for a 2.3 MB file. Here the cross-reference table is read
//! alone ([`read_xref`]), then objects one at a time ([`ObjectReader`]),
//! as they are reached from the trailer (but its /Info) through the catalog's
//! /Pages and /PageLabels, and from a page but through its annotations,
//! article beads, thumbnail, metadata and private data: outlines, forms,
//! names and the structure tree of a tagged PDF are never read. Of what is
//! read, images are emptied (their dictionary stays, so that a `Do` of one
//! is still known as an image and left out, see [`super::pdf_content`]), as
//! are the font programs pdf-extract reads and throws away (TrueType, and
//! compact fonts but Type 1C ones), and Type 1 programs are cut to the clear
//! text it reads ([`cut_to_clear_text`]); structure elements, annotations
//! and XMP metadata are dropped. A page is held as a stub and read again just
//! before it is drawn ([`super::pdf_deferred_pages`]).
//!
//! An encrypted file is read so too, each object decrypted as it is read
//! ([`Decryption`]), if the empty password opens it. Unlike lopdf's read of
//! the whole file, which adds the objects of every object stream, an object
//! packed in one is read only where the table says it is, as in a file that
//! is not encrypted.

use std::collections::{BTreeMap, HashSet};

use lopdf::xref::{Xref, XrefType};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::pdf_decode::decoded_len;
use super::pdf_decryption::Decryption;
use super::pdf_deferred_pages::DeferredPages;
use super::pdf_inflate::{bound, past_the_bound};
use super::pdf_objects::ObjectReader;
use super::pdf_type1_program::cut_to_clear_text;
use super::pdf_xref::read_xref;

/// Why a PDF is not opened.
#[derive(Debug, PartialEq, Eq)]
pub enum OpenFault {
    /// It cannot be read: why.
    Unreadable(String),
    /// It is encrypted, and the empty password does not open it.
    Encrypted,
}

impl From<&str> for OpenFault {
    fn from(why: &str) -> Self {
        OpenFault::Unreadable(why.to_owned())
    }
}

impl From<String> for OpenFault {
    fn from(why: String) -> Self {
        OpenFault::Unreadable(why)
    }
}

/// The parsed file, less what no text comes from and the pages left in it
/// ([`DeferredPages`]); why not, if it cannot be read.
pub fn open(bytes: &[u8]) -> Result<(Document, DeferredPages), OpenFault> {
    // Offsets count from the header, as lopdf counts them: bytes before it
    // (a mail or HTTP header left in) are not part of the file.
    let header = memchr::memmem::find(bytes, b"%PDF-").ok_or("it has no %PDF- header")?;
    let bytes = &bytes[header..];
    // No fallback on lopdf's read of the table: it parses every object, in
    // time that grows with objects times size, and allocates what a
    // cross-reference stream's widths say (an abort on a hostile one).
    let (xref, trailer) = read_xref(bytes)
        .ok_or("its cross-reference table cannot be read (from startxref back through /Prev)")?;
    let mut doc = Document::new();
    doc.max_id = xref.size.saturating_sub(1);
    doc.reference_table = xref;
    doc.trailer = trailer;
    let budget = bound(bytes.len());
    let decryption = match doc.trailer.remove(b"Encrypt") {
        Some(encrypt) => Some(decryption(bytes, &doc, &encrypt)?),
        None => None,
    };
    let mut reader =
        ObjectReader::new(bytes, &doc.reference_table, budget).decrypting(decryption.as_ref());
    let mut deferral = Deferral {
        limit: budget,
        pages: HashSet::new(),
        decoded: 0,
        counted: HashSet::new(),
    };
    let objects = read_reached(&doc.trailer, &mut |id| reader.get(id), &mut deferral);
    if reader.over_budget() {
        return Err(past_the_bound(budget).into());
    }
    let (pages, decoded) = (deferral.pages, deferral.decoded);
    doc.objects = objects;
    let empty = Xref::new(0, XrefType::CrossReferenceTable);
    let xref = std::mem::replace(&mut doc.reference_table, empty);
    let in_file = DeferredPages::new(pages, decoded, xref, header).decrypting(decryption);
    Ok((doc, in_file))
}

/// How the objects of a file whose trailer's /Encrypt is `encrypt` are
/// decrypted, if the empty password opens it.
fn decryption(bytes: &[u8], doc: &Document, encrypt: &Object) -> Result<Decryption, OpenFault> {
    let unreadable = "its encryption dictionary cannot be read";
    let id = encrypt.as_reference().map_err(|_| unreadable)?;
    let mut reader = ObjectReader::new(bytes, &doc.reference_table, 0);
    let Some(Object::Dictionary(dict)) = reader.get(id) else {
        return Err(unreadable.into());
    };
    Decryption::with_empty_password(&doc.trailer, id, dict).ok_or(OpenFault::Encrypted)
}

/// How an object is reached: what its referrer's key says of it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Whole,
    /// A TrueType program (/FontFile2): pdf-extract inflates it and throws
    /// it away.
    TrueType,
    /// A compact font program (/FontFile3): pdf-extract reads a Type 1C one.
    Compact,
    /// A Type 1 program (/FontFile): pdf-extract reads its clear text.
    Type1,
}

/// Pages left in the file as the open reads, and what their content
/// decodes to.
struct Deferral {
    /// No further than this is a page's content counted.
    limit: usize,
    pages: HashSet<ObjectId>,
    decoded: usize,
    /// The content streams counted: one that pages share counts once, as
    /// it would held.
    counted: HashSet<ObjectId>,
}

/// Every object the pages and page labels reach, read one at a time; a page
/// `deferral` may leave in the file is held as a stub (see
/// [`DeferredPages`]).
fn read_reached(
    trailer: &Dictionary,
    read: &mut dyn FnMut(ObjectId) -> Option<Object>,
    deferral: &mut Deferral,
) -> BTreeMap<ObjectId, Object> {
    let mut objects = BTreeMap::new();
    let mut todo: Vec<(ObjectId, Use)> = Vec::new();
    let mut seen = HashSet::new();
    for (key, value) in trailer.iter() {
        match key.as_slice() {
            b"Info" => {}
            b"Root" => {
                let Ok(id) = value.as_reference() else {
                    continue;
                };
                let Some(Object::Dictionary(catalog)) = read(id) else {
                    continue;
                };
                seen.insert(id);
                for key in [&b"Pages"[..], b"PageLabels"] {
                    if let Ok(value) = catalog.get(key) {
                        references(value, Use::Whole, &mut todo);
                    }
                }
                objects.insert(id, Object::Dictionary(catalog));
            }
            _ => references(value, Use::Whole, &mut todo),
        }
    }
    while let Some((id, how)) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(object) = read(id).and_then(kept) else {
            continue;
        };
        if let Some(stub) = deferred(id, &object, deferral, read) {
            references(&stub, Use::Whole, &mut todo);
            objects.insert(id, stub);
            continue;
        }
        let object = with_programs_unread(object, how, deferral.limit);
        references(&object, Use::Whole, &mut todo);
        objects.insert(id, object);
    }
    objects
}

/// Reads `page` into `doc` again, in place of its stub, and every object it
/// reaches that `doc` does not hold, as the open reads them (a Type 1
/// program cut if it decodes to at most `cap` bytes); the ids read.
pub fn read_page(
    doc: &mut Document,
    page: ObjectId,
    read: &mut dyn FnMut(ObjectId) -> Option<Object>,
    cap: usize,
) -> Vec<ObjectId> {
    let mut todo = vec![(page, Use::Whole)];
    let mut seen = HashSet::new();
    let mut held = Vec::new();
    while let Some((id, how)) = todo.pop() {
        if !seen.insert(id) || (id != page && doc.objects.contains_key(&id)) {
            continue;
        }
        let Some(object) = read(id).and_then(kept) else {
            continue;
        };
        let object = with_programs_unread(object, how, cap);
        references(&object, Use::Whole, &mut todo);
        doc.objects.insert(id, object);
        held.push(id);
    }
    held
}

/// What is held of a page `deferral` leaves in the file: `<< /Type /Page
/// /Parent … >>`, all the page tree needs. Its content is counted (the bound
/// on streams counts it as if held) and dropped.
fn deferred(
    id: ObjectId,
    object: &Object,
    deferral: &mut Deferral,
    read: &mut dyn FnMut(ObjectId) -> Option<Object>,
) -> Option<Object> {
    let Object::Dictionary(page) = object else {
        return None;
    };
    if !has_name(page, b"Type", b"Page") {
        return None;
    }
    // Collected, so that its map has room for two entries, not four: a
    // stub is held for every page not yet drawn.
    let parent = page.get(b"Parent").ok().cloned().map(|p| ("Parent", p));
    let stub: Dictionary = std::iter::once(("Type", Object::Name(b"Page".to_vec())))
        .chain(parent)
        .collect();
    // As lopdf's `get_page_contents` finds them: a stream, or an array of
    // them, either by reference.
    let mut contents = Vec::new();
    if let Ok(value) = page.get(b"Contents") {
        references(value, Use::Whole, &mut contents);
    }
    let mut streams = Vec::new();
    for (content, _) in contents {
        if !deferral.counted.insert(content) {
            continue;
        }
        match read(content) {
            Some(Object::Array(items)) => {
                let ids = items.iter().filter_map(|item| item.as_reference().ok());
                let new: Vec<ObjectId> = ids.filter(|&id| deferral.counted.insert(id)).collect();
                streams.extend(new.into_iter().filter_map(&mut *read));
            }
            Some(object) => streams.push(object),
            None => {}
        }
    }
    for stream in streams.iter().filter_map(|o| o.as_stream().ok()) {
        let left = deferral.limit.saturating_sub(deferral.decoded);
        deferral.decoded = deferral
            .decoded
            .saturating_add(decoded_len(stream, left.saturating_add(1)));
    }
    deferral.pages.insert(id);
    Some(Object::Dictionary(stub))
}

/// A font program pdf-extract reads and throws away (how the object was
/// reached says) emptied, and a Type 1 program that decodes to at most
/// `cap` bytes cut to what it reads.
fn with_programs_unread(mut object: Object, how: Use, cap: usize) -> Object {
    if let Object::Stream(stream) = &mut object {
        let program_unread = match how {
            Use::Whole => false,
            Use::TrueType => true,
            Use::Compact => !has_name(&stream.dict, b"Subtype", b"Type1C"),
            Use::Type1 => {
                cut_to_clear_text(stream, cap);
                false
            }
        };
        if program_unread {
            stream.set_plain_content(Vec::new());
        }
    }
    object
}

/// Pushes the objects `object` refers to, each with how it is used.
fn references(object: &Object, how: Use, todo: &mut Vec<(ObjectId, Use)>) {
    match object {
        Object::Reference(id) => todo.push((*id, how)),
        Object::Array(items) => items.iter().for_each(|o| references(o, how, todo)),
        Object::Dictionary(dict) => dict_references(dict, todo),
        Object::Stream(stream) => dict_references(&stream.dict, todo),
        _ => {}
    }
}

fn dict_references(dict: &Dictionary, todo: &mut Vec<(ObjectId, Use)>) {
    let page = has_name(dict, b"Type", b"Page");
    for (key, value) in dict.iter() {
        let how = match key.as_slice() {
            // From a page, its annotations, article beads, thumbnail,
            // metadata and private data are not followed.
            b"Annots" | b"B" | b"Thumb" | b"Metadata" | b"PieceInfo" if page => continue,
            b"FontFile" => Use::Type1,
            b"FontFile2" => Use::TrueType,
            b"FontFile3" => Use::Compact,
            _ => Use::Whole,
        };
        references(value, how, todo);
    }
}

/// What is kept of an object read: images emptied; structure elements,
/// annotations and XMP metadata dropped.
fn kept(mut object: Object) -> Option<Object> {
    match &mut object {
        Object::Stream(stream) if has_name(&stream.dict, b"Subtype", b"Image") => {
            stream.set_plain_content(Vec::new());
        }
        Object::Stream(stream) if has_name(&stream.dict, b"Type", b"Metadata") => return None,
        Object::Dictionary(dict)
            if has_name(dict, b"Type", b"StructElem") || has_name(dict, b"Type", b"Annot") =>
        {
            return None
        }
        _ => {}
    }
    compact(&mut object);
    Some(object)
}

/// `object` without spare capacity: lopdf's parser grows a dictionary's map
/// as it reads it, and every page's dictionary is held from the open to
/// the page's drawing (3,000 pages of 1.8 KB: 4 times the file at the open).
fn compact(object: &mut Object) {
    match object {
        Object::Dictionary(dict) => compact_dictionary(dict),
        Object::Stream(stream) => compact_dictionary(&mut stream.dict),
        Object::Array(items) => {
            items.shrink_to_fit();
            items.iter_mut().for_each(compact);
        }
        _ => {}
    }
}

fn compact_dictionary(dict: &mut Dictionary) {
    let map = dict.as_hashmap_mut();
    map.shrink_to_fit();
    map.values_mut().for_each(compact);
}

/// Is `dict[key]` the name `name`?
pub fn has_name(dict: &Dictionary, key: &[u8], name: &[u8]) -> bool {
    dict.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|n| n == name)
}

#[cfg(test)]
mod tests {
    use super::super::pdf_test_file::{encrypted, locked, one_page_document, pdf};
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn what_is_kept_holds_no_spare_capacity() {
        let mut inner = Dictionary::new();
        for i in 0..5 {
            inner.set(format!("K{i}"), i);
        }
        let mut outer = inner.clone();
        outer.set("Kids", vec![Object::Dictionary(inner)]);
        assert!(
            outer.as_hashmap().capacity() > outer.len(),
            "the test needs slack"
        );
        let Some(Object::Dictionary(kept)) = kept(Object::Dictionary(outer)) else {
            panic!("a plain dictionary is kept");
        };
        assert_eq!(kept.as_hashmap().capacity(), kept.len());
        let kids = kept.get(b"Kids").unwrap().as_array().unwrap();
        assert_eq!(kids.capacity(), 1);
        let inner = kids[0].as_dict().unwrap();
        assert_eq!(inner.as_hashmap().capacity(), inner.len());
    }

    #[test]
    fn what_no_text_comes_from_is_left_out() {
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let font = doc.add_object(dictionary! { "Type" => "Font", "BaseFont" => "Helvetica" });
        let image = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Image", "Width" => 1 },
            vec![7; 1000],
        ));
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT (x) Tj ET".to_vec()));
        let appearance = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Form" },
            b"BT (a link) Tj ET".to_vec(),
        ));
        let annot = doc.add_object(dictionary! {
            "Type" => "Annot", "AP" => dictionary! { "N" => appearance },
        });
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "Contents" => content,
            "Annots" => vec![annot.into()],
            "Resources" => dictionary! {
                "Font" => dictionary! { "F1" => font },
                "XObject" => dictionary! { "Im1" => image },
            },
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let element = doc.add_object(dictionary! { "Type" => "StructElem", "Pg" => page });
        let tree = doc.add_object(dictionary! { "Type" => "StructTreeRoot", "K" => element });
        let labels = doc.add_object(
            dictionary! { "Nums" => vec![0.into(), dictionary! { "S" => "r" }.into()] },
        );
        let metadata = doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata" },
            b"<x:xmpmeta/>".to_vec(),
        ));
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog", "Pages" => pages, "PageLabels" => labels,
            "StructTreeRoot" => tree, "Metadata" => metadata,
        });
        let info = doc.add_object(dictionary! { "Title" => Object::string_literal("t") });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();

        let (mut opened, in_file) = open(&bytes).unwrap();
        for kept in [catalog, pages, labels] {
            assert!(opened.objects.contains_key(&kept), "{kept:?} kept");
        }
        // The page is left in the file, held as what the page tree needs.
        let stub = opened.get_dictionary(page).unwrap();
        assert_eq!(stub.len(), 2, "{stub:?}");
        assert!(has_name(stub, b"Type", b"Page"));
        assert_eq!(stub.get(b"Parent").unwrap(), &Object::Reference(pages));
        assert_eq!(opened.get_pages().len(), 1);
        for unread in [content, font, image] {
            assert!(!opened.objects.contains_key(&unread), "{unread:?} unread");
        }
        assert!(in_file.decoded() > 0, "its content is counted");

        // Read as it is drawn, with what it reaches.
        let mut reader = in_file.reader(&bytes);
        let held = reader.read(&mut opened, page).unwrap();
        for kept in [page, content, font, image] {
            assert!(held.contains(&kept), "{kept:?} read");
        }
        for dropped in [annot, appearance, element, tree, metadata, info] {
            assert!(
                !opened.objects.contains_key(&dropped),
                "{dropped:?} dropped"
            );
        }
        let image = opened
            .get_object(image)
            .and_then(Object::as_stream)
            .unwrap();
        assert!(image.content.is_empty(), "an image is kept empty");
        assert_eq!(
            image
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .unwrap(),
            b"Image"
        );
        assert!(has_name(
            opened.get_dictionary(page).unwrap(),
            b"Type",
            b"Page"
        ));
        assert!(opened
            .get_dictionary(page)
            .unwrap()
            .get(b"Contents")
            .is_ok());
        assert_eq!(reader.read(&mut opened, page), Ok(Vec::new()), "read once");
    }

    #[test]
    fn bytes_before_the_header_are_not_part_of_the_file() {
        let mut bytes = b"Content-Type: application/pdf\r\n\r\n".to_vec();
        bytes.extend(pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [] /Count 0 >>",
        ]));
        let (doc, _) = open(&bytes).unwrap();
        assert!(doc.objects.contains_key(&(2, 0)));
        assert_eq!(
            open(b"no header").unwrap_err(),
            "it has no %PDF- header".into()
        );
        let Err(OpenFault::Unreadable(why)) = open(b"%PDF-1.5\nno table") else {
            panic!("no table, no file");
        };
        assert!(
            why.contains("cross-reference table cannot be read"),
            "{why}"
        );
    }

    /// An encrypted one-page file whose font, object 90, is in an object
    /// stream padded with `padding` spaces, which a cross-reference stream
    /// appended to the file names.
    fn encrypted_with_font_in_object_stream(padding: usize) -> Vec<u8> {
        use std::io::Write;
        let mut doc = one_page_document(b"BT /F1 12 Tf 72 700 Td (Locked.) Tj ET");
        let header = "90 0 ";
        let body = format!(
            "{header}<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>{}",
            " ".repeat(padding)
        );
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(body.as_bytes()).unwrap();
        let container = doc.add_object(Stream::new(
            dictionary! {
                // lopdf writes no object stream it did not make: named so
                // that it writes this one, renamed after.
                "Type" => "ObjStZ", "N" => 1, "First" => header.len() as i64,
                "Filter" => "FlateDecode",
            },
            z.finish().unwrap(),
        ));
        for object in doc.objects.values_mut() {
            if let Object::Dictionary(page) = object {
                if has_name(page, b"Type", b"Page") {
                    let font = dictionary! { "F1" => Object::Reference((90, 0)) };
                    page.set("Resources", dictionary! { "Font" => font });
                }
            }
        }
        let first = locked(doc, "");
        let mut bytes = Vec::new();
        first.clone().save_to(&mut bytes).unwrap();
        let at = memchr::memmem::find(&bytes, b"/ObjStZ").unwrap();
        bytes[at..at + 7].copy_from_slice(b"/ObjStm");
        // An update: a cross-reference stream (never encrypted) naming 90
        // as the first object of the container, its /Prev the table.
        let reference = |key: &[u8]| first.trailer.get(key).unwrap().as_reference().unwrap().0;
        let (root, encrypt) = (reference(b"Root"), reference(b"Encrypt"));
        let table = memchr::memmem::rfind(&bytes, b"startxref").unwrap();
        let prev: usize = String::from_utf8_lossy(&bytes[table + 9..])
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let id = first.max_id + 1;
        let mut row = vec![2];
        row.extend(container.0.to_be_bytes());
        row.extend([0, 0]);
        let at = bytes.len();
        write!(
            bytes,
            "{id} 0 obj\n<< /Type /XRef /Size {} /Index [90 1] /W [1 4 2] /Prev {prev} \
             /Root {root} 0 R /Encrypt {encrypt} 0 R \
             /ID [<30313233343536373839616263646566> <30313233343536373839616263646566>] \
             /Length {} >>\nstream\n",
            id + 1,
            row.len()
        )
        .unwrap();
        bytes.extend(row);
        write!(bytes, "\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").unwrap();
        bytes
    }

    #[test]
    fn an_encrypted_file_is_read_an_object_at_a_time_its_pages_left_in_it() {
        let bytes = encrypted_with_font_in_object_stream(1_000);
        let (mut doc, in_file) = open(&bytes).unwrap();
        assert!(doc.trailer.get(b"Encrypt").is_err(), "decrypted");
        let pages = super::super::pdf_tree::page_ids(&doc);
        assert!(!in_file.is_empty(), "pages left in the file");
        let mut reader = in_file.reader(&bytes);
        assert!(!reader.read(&mut doc, pages[0]).unwrap().is_empty());
        // Decrypted as read: the page's content, and the object stream that
        // holds its font.
        let content = doc.get_page_content(pages[0]).unwrap();
        assert!(content.starts_with(b"BT /F1 12 Tf"), "{content:?}");
        let font = doc.get_dictionary((90, 0)).unwrap();
        assert!(has_name(font, b"BaseFont", b"Courier"), "{font:?}");
        let text = super::super::pdf::extract_pdf(bytes).unwrap().raw;
        assert!(text.contains("Locked."), "{text:?}");
    }

    #[test]
    fn an_encrypted_files_object_streams_are_unpacked_within_the_bound() {
        // 8 MB of spaces in some 8 KB: past 16 times the file (and 1 MiB).
        // lopdf's decryption unpacked it all the same.
        let bytes = encrypted_with_font_in_object_stream(8 << 20);
        assert!(bytes.len() < 20_000, "{} bytes", bytes.len());
        let why = super::super::pdf::extract_pdf(bytes)
            .unwrap_err()
            .to_string();
        assert!(
            why.contains("inflate past 1 MiB") && why.contains("bomb"),
            "{why}"
        );
    }

    #[test]
    fn an_encrypted_file_the_empty_password_does_not_open_is_not_read() {
        let doc = one_page_document(b"BT /F1 12 Tf 72 700 Td (Locked.) Tj ET");
        assert_eq!(
            open(&encrypted(doc, "secret")).unwrap_err(),
            OpenFault::Encrypted
        );
    }
}
