//! Pages left in the file at the open, and read again just before each is
//! drawn.
//!
//! lopdf's parsed dictionaries take several times their bytes in the file
//! (maps, names and arrays, each an allocation): a PDF of 3,000 small pages
//! held its pages' dictionaries and contents from the open, 4.9 times its
//! size above the binary. A page is read at the open only to note its
//! `/Parent` and to count what its content decodes to (the bound on streams
//! counts it as if held); in its place the document holds `<< /Type /Page
//! /Parent … >>`, all the page tree needs. Just before it is drawn the page
//! is read again from the file, with what it reaches that the document does
//! not hold ([`PageReader`]); a page packed in an object stream is unpacked
//! again with it, the reader holding no object stream but the last.

use std::collections::HashSet;

use lopdf::xref::Xref;
use lopdf::{Document, ObjectId};

use super::pdf_decryption::Decryption;
use super::pdf_file_bytes::PdfFileBytes;
use super::pdf_inflate::{bound, past_the_bound};
use super::pdf_objects::ObjectReader;
use super::pdf_open::read_page;
use super::source_file::SourceFile;

/// The pages of a document left in its file.
#[derive(Debug)]
pub struct DeferredPages {
    pages: HashSet<ObjectId>,
    /// What their content streams decode to, counted at the open.
    decoded: usize,
    xref: Xref,
    /// Where the file starts in its bytes (its `%PDF-` header).
    header: usize,
    /// How the objects of an encrypted file are decrypted.
    decryption: Option<Decryption>,
}

impl DeferredPages {
    pub fn new(pages: HashSet<ObjectId>, decoded: usize, xref: Xref, header: usize) -> Self {
        DeferredPages {
            pages,
            decoded,
            xref,
            header,
            decryption: None,
        }
    }

    /// Pages of an encrypted file, read with `decryption`.
    pub fn decrypting(self, decryption: Option<Decryption>) -> Self {
        DeferredPages { decryption, ..self }
    }

    /// None: every page is held.
    #[cfg(test)]
    pub fn none() -> Self {
        DeferredPages::new(
            HashSet::new(),
            0,
            Xref::new(0, lopdf::xref::XrefType::CrossReferenceTable),
            0,
        )
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// What the pages' content streams decode to.
    pub fn decoded(&self) -> usize {
        self.decoded
    }

    /// A reader of the pages from `bytes`, the file they were opened from.
    pub fn reader<'a>(&'a self, bytes: &'a [u8]) -> PageReader<'a> {
        self.reader_of(bytes.get(self.header..).unwrap_or_default().into())
    }

    /// A reader of the pages from `file`, of which `len` bytes were read
    /// and opened.
    pub fn reader_in_file<'a>(&'a self, file: &'a SourceFile, len: usize) -> PageReader<'a> {
        let from_header = len.saturating_sub(self.header);
        self.reader_of(PdfFileBytes::in_file(file, self.header, from_header))
    }

    fn reader_of<'a>(&'a self, file: PdfFileBytes<'a>) -> PageReader<'a> {
        let limit = bound(file.len());
        PageReader {
            pages: &self.pages,
            objects: ObjectReader::rereading(file, &self.xref, limit)
                .decrypting(self.decryption.as_ref()),
            limit,
            read: HashSet::new(),
        }
    }
}

/// Reads the pages left in a file, each once, with what they reach.
pub struct PageReader<'a> {
    pages: &'a HashSet<ObjectId>,
    objects: ObjectReader<'a>,
    /// What object streams may inflate to, all together.
    limit: usize,
    /// The pages read already.
    read: HashSet<ObjectId>,
}

impl PageReader<'_> {
    /// Whether `page` was left in the file (and is held as a stub until
    /// it is read).
    pub fn left_in_file(&self, page: ObjectId) -> bool {
        self.pages.contains(&page)
    }

    /// Reads `page` into `doc` in place of its stub, if it was left in the
    /// file and not read yet, with every object it reaches that `doc` does
    /// not hold: their ids. An object stream reached that inflates past the
    /// bound on streams is the error: why.
    pub fn read(&mut self, doc: &mut Document, page: ObjectId) -> Result<Vec<ObjectId>, String> {
        if !self.pages.contains(&page) || !self.read.insert(page) {
            return Ok(Vec::new());
        }
        let held = read_page(doc, page, &mut |id| self.objects.get(id), self.limit);
        if self.objects.over_budget() {
            return Err(past_the_bound(self.limit));
        }
        Ok(held)
    }
}

#[cfg(test)]
mod tests {
    use super::super::pdf::extract_pdf;
    use super::super::pdf_open::open;
    use super::super::pdf_test_file::pdf;

    fn stream(content: &str) -> String {
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        )
    }

    /// What is drawn of `bytes`, once its pages were left in the file.
    fn drawn(bytes: Vec<u8>) -> String {
        let (_, in_file) = open(&bytes).unwrap();
        assert!(!in_file.is_empty(), "pages left in the file");
        extract_pdf(bytes).unwrap().raw
    }

    fn form(content: &str) -> String {
        let dict = "/Type /XObject /Subtype /Form /BBox [0 0 612 792] \
                    /Resources << /Font << /F1 6 0 R >> >>";
        stream(content).replacen("<<", &format!("<< {dict}"), 1)
    }

    const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    #[test]
    fn pages_left_in_the_file_are_drawn_with_what_they_reach() {
        // Two pages share a content stream; the third draws a form only it
        // reaches (cut to its text as it is read: its path goes).
        let bytes = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 6 0 R >> >> >>",
            "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
            "<< /Type /Page /Parent 2 0 R /Contents [7 0 R] >>",
            "<< /Type /Page /Parent 2 0 R /Contents 8 0 R \
             /Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 9 0 R >> >> >>",
            FONT,
            &stream("BT /F1 12 Tf 72 700 Td (shared words) Tj ET"),
            &stream("/Fm1 Do"),
            &form("0 0 m 9 9 l S BT /F1 12 Tf 72 600 Td (formed words) Tj ET"),
        ]);
        let text = drawn(bytes);
        assert_eq!(text.matches("shared words").count(), 2, "{text:?}");
        assert!(text.contains("formed words"), "{text:?}");
    }

    #[test]
    fn a_form_only_a_page_left_in_the_file_reaches_is_bounded_too() {
        let costly = format!("BT /F1 12 Tf 72 700 Td (x) Tj {}ET", "T* ".repeat(100_000));
        let bytes = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>",
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R \
             /Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 5 0 R >> >> >>",
            &stream("/Fm1 Do"),
            &form(&costly),
            FONT,
        ]);
        assert!(!open(&bytes).unwrap().1.is_empty());
        let why = extract_pdf(bytes).unwrap_err().to_string();
        assert!(
            why.contains("a form (object 5) would take at least"),
            "{why}"
        );
    }

    #[test]
    fn a_page_in_an_object_stream_is_left_in_the_file_too() {
        // The page's dictionary is packed, with the catalog, the tree and
        // the font, in an object stream.
        let bytes =
            include_bytes!("../../fuzz/corpus/load_pdf/seed-xref-stream-object-stream").to_vec();
        let (doc, in_file) = open(&bytes).unwrap();
        let pages = super::super::pdf_tree::page_ids(&doc);
        assert_eq!(pages.len(), 1);
        assert_eq!(doc.get_dictionary(pages[0]).unwrap().len(), 2, "a stub");
        assert!(!in_file.is_empty());
        assert!(drawn(bytes).contains("Packed in an object stream."));
    }

    #[test]
    fn a_page_inheriting_from_a_page_left_in_the_file_reads_it_first() {
        // A malformed tree: the first page drawn inherits its media box and
        // fonts from the second, a page too (pdf-extract panics without).
        let bytes = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 4 0 R /Contents 5 0 R >>",
            "<< /Type /Page /Parent 2 0 R /Contents 6 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 7 0 R >> >> >>",
            &stream("BT /F1 12 Tf 72 700 Td (the child) Tj ET"),
            &stream("BT /F1 12 Tf 72 700 Td (the parent) Tj ET"),
            FONT,
        ]);
        let text = drawn(bytes);
        let (child, parent) = (text.find("the child"), text.find("the parent"));
        assert!(child.is_some() && child < parent, "{text:?}");
    }

    #[test]
    fn a_content_stream_pages_share_counts_once() {
        let content = "BT /F1 12 Tf 72 700 Td (the same page) Tj ET";
        let bytes = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /MediaBox [0 0 612 792] >>",
            "<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
            "<< /Type /Page /Parent 2 0 R /Contents [6 0 R] >>",
            "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
            &stream(content),
            "[6 0 R]",
        ]);
        let (_, in_file) = open(&bytes).unwrap();
        assert_eq!(in_file.decoded(), content.len());
    }

    #[test]
    fn a_page_left_in_the_file_counts_toward_the_bound_on_streams() {
        use lopdf::{dictionary, Document, Object, Stream};
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 3 << 20]).unwrap();
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let content = doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            z.finish().unwrap(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Contents" => content,
        });
        let tree = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
        doc.objects.insert(pages, Object::Dictionary(tree));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();

        let (opened, in_file) = open(&bytes).unwrap();
        assert!(!opened.objects.contains_key(&content), "not held");
        assert!(
            in_file.decoded() > 1 << 20,
            "counted: {}",
            in_file.decoded()
        );
        let why = extract_pdf(bytes).unwrap_err().to_string();
        assert!(why.contains("inflate past 1 MiB"), "{why}");
    }
}
