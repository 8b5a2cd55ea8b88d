//! Every page's content and every form's, cut down to its text operations
//! ([`super::pdf_content`]) before pdf-extract parses them.
//!
//! Forms are cut first, all at once (any page may draw them), and compressed
//! again so that what the document holds does not grow. A page is cut just
//! before it is drawn ([`super::pdf_pages`]): its streams are read joined (an
//! operation may run from one into the next) and replaced by one stream, left
//! uncompressed since it is dropped once drawn; the old streams are dropped
//! once no page still to be cut uses them. A stream is cut as it is decoded
//! ([`super::pdf_content_cutter`]), never held decoded whole.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::pdf_content_cutter::ContentCutter;
use super::pdf_deferred_pages::PageReader;
use super::pdf_labels::deref_dict;
use super::pdf_open::has_name;
use super::pdf_parse_cost;
use super::pdf_piece_marks::PieceMarks;
use super::pdf_stream_reader::decoded_reader;
use super::pdf_tree::{parent_of, MAX_DEPTH};

/// What cutting the pages of a document needs to know between pages.
pub struct TextStreams {
    images: HashSet<ObjectId>,
    /// How many pages still to be cut use each content stream.
    uses: HashMap<ObjectId, usize>,
    /// What one page's or form's content may cost to parse
    /// ([`pdf_parse_cost::bound`]).
    limit: usize,
    /// What a stream decoded otherwise than by Flate may hold decoded whole
    /// ([`decoded_reader`]): the file's size, 1 MiB at least.
    whole_cap: usize,
    file_len: usize,
}

impl TextStreams {
    /// Cuts every form of `doc` (read from a file of `file_len` bytes) to
    /// its text operations, and counts the content streams of `pages` (a
    /// page listed twice counts twice). A form that would cost more to
    /// parse than a file of this size may ([`pdf_parse_cost::bound`]) is
    /// the error.
    pub fn new(
        doc: &mut Document,
        pages: &[ObjectId],
        file_len: usize,
    ) -> Result<TextStreams, String> {
        let limit = pdf_parse_cost::bound(file_len);
        let whole_cap = file_len.max(WHOLE_FLOOR);
        // New streams are numbered past every id the file names: one numbered
        // where a reference with nothing behind it points would stand in for
        // that object (a page drawn as a form of itself recursed without end).
        doc.max_id = doc.max_id.max(highest_id(doc));
        let mut uses: HashMap<ObjectId, usize> = HashMap::new();
        for &page in pages {
            // Only streams: a malformed page's /Contents may name a page.
            for id in doc.get_page_contents(page) {
                if doc.get_object(id).is_ok_and(|o| o.as_stream().is_ok()) {
                    *uses.entry(id).or_default() += 1;
                }
            }
        }
        let mut streams = TextStreams {
            images: HashSet::new(),
            uses,
            limit,
            whole_cap,
            file_len,
        };
        let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
        streams.cut_forms(doc, &ids)?;
        Ok(streams)
    }

    /// Reads `page` from the file if it was left there ([`PageReader`]),
    /// with the pages it inherits from that were, and cuts the forms read
    /// with it. A form too costly to parse, or an object stream past the
    /// bound on streams, is the error.
    pub fn read_page(
        &mut self,
        doc: &mut Document,
        page: ObjectId,
        pages_in_file: &mut PageReader,
    ) -> Result<(), String> {
        // The page first: its stub may be gone, and its /Parent with it.
        let mut held = pages_in_file.read(doc, page)?;
        let mut at = page;
        // The page tree has been checked (no loop, no deeper than this).
        for _ in 0..=MAX_DEPTH {
            let Some(parent) = parent_of(doc, at) else {
                break;
            };
            held.extend(pages_in_file.read(doc, parent)?);
            at = parent;
        }
        self.cut_forms(doc, &held)
    }

    /// Notes the images among `ids`, and cuts the forms among them to their
    /// text operations.
    fn cut_forms(&mut self, doc: &mut Document, ids: &[ObjectId]) -> Result<(), String> {
        self.images.extend(ids_of_subtype(doc, ids, b"Image"));
        for id in ids_of_subtype(doc, ids, b"Form") {
            let Ok(Object::Stream(form)) = doc.get_object(id) else {
                continue;
            };
            let forms = form_names(doc, form.dict.get(b"Resources").ok(), &self.images);
            let whole = PieceMarks::whole();
            let kept = cut(&[form], &forms, self.limit, self.whole_cap, whole).map_err(|cost| {
                pdf_parse_cost::past_the_bound(
                    &format!("a form (object {})", id.0),
                    cost,
                    self.limit,
                )
            })?;
            if let Some((kept, _)) = kept {
                let mut dict = form.dict.clone();
                dict.remove(b"DecodeParms");
                doc.objects
                    .insert(id, Object::Stream(compressed(dict, &kept)));
            }
        }
        Ok(())
    }

    /// Rewrites `page`'s contents to its text operations, in one new
    /// stream whose id is returned with where they can be cut into pieces
    /// drawn one at a time; a content that cannot be read as tokens is left
    /// as it is (`None`). Content that would cost more than the limit to
    /// parse is the error: what it would cost, in bytes.
    pub fn cut_page(
        &mut self,
        doc: &mut Document,
        page: ObjectId,
    ) -> Result<Option<(ObjectId, PieceMarks)>, usize> {
        // As lopdf's `get_page_content` joins them (only streams: a malformed
        // page's /Contents may name a page).
        let (streams, contents): (Vec<ObjectId>, Vec<&Stream>) = doc
            .get_page_contents(page)
            .into_iter()
            .filter_map(|id| Some((id, doc.get_object(id).and_then(Object::as_stream).ok()?)))
            .unzip();
        let forms = form_names(doc, inherited_resources(doc, page), &self.images);
        let marks = PieceMarks::for_file_of(self.file_len);
        let Some((kept, marks)) = cut(&contents, &forms, self.limit, self.whole_cap, marks)? else {
            return Ok(None);
        };
        let id = doc.add_object(Stream::new(Dictionary::new(), kept));
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(page) {
            dict.set("Contents", Object::Reference(id));
        }
        // Cut again if the page is listed again, and dropped then.
        self.uses.insert(id, 1);
        for old in streams {
            match self.uses.get_mut(&old) {
                Some(n) => {
                    *n -= 1;
                    if *n == 0 {
                        doc.objects.remove(&old);
                    }
                }
                // Read from the file with its page: read again for another.
                None => {
                    doc.objects.remove(&old);
                }
            }
        }
        Ok(Some((id, marks)))
    }

    /// What one page's or form's content may cost to parse.
    pub fn limit(&self) -> usize {
        self.limit
    }
}

/// What a stream may hold decoded whole, in a small file.
const WHOLE_FLOOR: usize = 1 << 20;

/// `streams`, decoded and joined, cut to their text operations as they are
/// decoded, with where those can be cut into pieces as `marks` cut them
/// (`None`: they are no
/// tokens, and are used as they are), unless parsing what lopdf would be
/// given costs more than `limit`: then what it would cost, in bytes, counted
/// up to where it passed the limit.
fn cut(
    streams: &[&Stream],
    forms: &HashSet<Vec<u8>>,
    limit: usize,
    whole_cap: usize,
    marks: PieceMarks,
) -> Result<Option<(Vec<u8>, PieceMarks)>, usize> {
    let left_out = |name: &[u8]| !forms.contains(name);
    let mut cutter = ContentCutter::new(&left_out, limit, marks);
    let mut piece = vec![0u8; 1 << 16];
    for stream in streams {
        let mut reader = decoded_reader(stream, whole_cap);
        loop {
            // A failing stage ends its stream (see `decoded_reader`).
            match reader.read(&mut piece).unwrap_or(0) {
                0 => break,
                n => cutter.feed(&piece[..n])?,
            }
        }
    }
    cutter.finish_in_pieces()
}

/// The highest object number held or referred to in `doc`.
fn highest_id(doc: &Document) -> u32 {
    fn walk(object: &Object, high: &mut u32) {
        match object {
            Object::Reference(id) => *high = (*high).max(id.0),
            Object::Array(items) => items.iter().for_each(|o| walk(o, high)),
            Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| walk(o, high)),
            Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| walk(o, high)),
            _ => {}
        }
    }
    let mut high = doc.objects.keys().map(|id| id.0).max().unwrap_or(0);
    doc.objects.values().for_each(|o| walk(o, &mut high));
    doc.trailer.iter().for_each(|(_, o)| walk(o, &mut high));
    high
}

/// The streams among `ids` whose /Subtype is `subtype`.
fn ids_of_subtype(doc: &Document, ids: &[ObjectId], subtype: &[u8]) -> Vec<ObjectId> {
    ids.iter()
        .copied()
        .filter(|&id| {
            doc.get_object(id)
                .and_then(Object::as_stream)
                .is_ok_and(|s| has_name(&s.dict, b"Subtype", subtype))
        })
        .collect()
}

/// A stream holding `data`, Flate-compressed.
fn compressed(mut dict: Dictionary, data: &[u8]) -> Stream {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
    let bytes = match encoder.write_all(data).and_then(|()| encoder.finish()) {
        Ok(bytes) => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            bytes
        }
        Err(_) => {
            dict.remove(b"Filter");
            data.to_vec()
        }
    };
    Stream::new(dict, bytes)
}

/// The /Resources a page uses: its own, else the nearest ancestor's (as
/// pdf-extract looks them up).
fn inherited_resources(doc: &Document, page: ObjectId) -> Option<&Object> {
    let mut at = page;
    // The page tree has been checked (no loop, no deeper than this).
    for _ in 0..=MAX_DEPTH {
        if let Ok(resources) = doc.get_dictionary(at).ok()?.get(b"Resources") {
            return Some(resources);
        }
        at = parent_of(doc, at)?;
    }
    None
}

/// The names under which `resources` holds a stream that is no image: the
/// XObjects pdf-extract may draw (it panics at a name with nothing behind
/// it, and an image has no text).
fn form_names(
    doc: &Document,
    resources: Option<&Object>,
    images: &HashSet<ObjectId>,
) -> HashSet<Vec<u8>> {
    let Some(xobjects) = resources
        .and_then(|r| deref_dict(doc, r))
        .and_then(|r| deref_dict(doc, r.get(b"XObject").ok()?))
    else {
        return HashSet::new();
    };
    xobjects
        .iter()
        .filter(|(_, o)| {
            o.as_reference().is_ok_and(|id| {
                !images.contains(&id) && doc.get_object(id).is_ok_and(|o| o.as_stream().is_ok())
            })
        })
        .map(|(name, _)| name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// Cuts every form, then every page, as [`super::super::pdf_pages`]
    /// does between drawing pages.
    fn keep_text_only(doc: &mut Document) {
        let pages: Vec<ObjectId> = doc.page_iter().collect();
        let mut streams = TextStreams::new(doc, &pages, usize::MAX).unwrap();
        for page in pages {
            streams.cut_page(doc, page).unwrap();
        }
    }

    fn stream(dict: Dictionary, content: &[u8]) -> Object {
        Object::Stream(Stream::new(dict, content.to_vec()))
    }

    #[test]
    fn pages_and_forms_keep_their_text_operations_only() {
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let image = doc.add_object(stream(
            dictionary! { "Type" => "XObject", "Subtype" => "Image" },
            b"\x00)(BT",
        ));
        let form = doc.add_object(stream(
            dictionary! { "Type" => "XObject", "Subtype" => "Form" },
            b"0 0 m 9 9 l S BT (in a form) Tj ET",
        ));
        // An operation split between the page's two streams.
        let first = doc.add_object(stream(dictionary! {}, b"0 g BT /F1 12 Tf 72 700"));
        let second = doc.add_object(stream(
            dictionary! {},
            b" Td (x) Tj ET /Im1 Do /Fm1 Do 0 0 10 10 re f",
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "Contents" => vec![first.into(), second.into()],
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
                "Resources" => dictionary! {
                    "XObject" => dictionary! { "Im1" => image, "Fm1" => form },
                },
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);

        keep_text_only(&mut doc);
        assert_eq!(
            doc.get_page_content(page).unwrap(),
            b"BT\n/F1 12 Tf\n72 700 Td\n(x) Tj\nET\n/Fm1 Do\n"
        );
        assert!(
            doc.get_object(first).is_err() && doc.get_object(second).is_err(),
            "the old streams are dropped"
        );
        let form = doc.get_object(form).and_then(Object::as_stream).unwrap();
        assert_eq!(
            form.decompressed_content().unwrap(),
            b"BT\n(in a form) Tj\nET\n"
        );
        let image = doc.get_object(image).and_then(Object::as_stream).unwrap();
        assert_eq!(image.content, b"\x00)(BT", "images are not touched");
    }

    #[test]
    fn a_new_stream_takes_no_number_a_reference_names() {
        // The file's table ends at the page; the page names a form past it.
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        let content = doc.add_object(stream(dictionary! {}, b"BT (x) Tj ET /Fm1 Do"));
        // The page takes the number before it.
        let dangling = doc.max_id + 2;
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "Contents" => content,
            "Resources" => dictionary! {
                "XObject" => dictionary! { "Fm1" => Object::Reference((dangling, 0)) },
            },
        });
        assert_eq!(doc.max_id + 1, dangling);
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        doc.trailer.set("Root", catalog);

        keep_text_only(&mut doc);
        let contents = doc.get_page_contents(page);
        assert_eq!(contents.len(), 1);
        assert!(contents[0].0 > dangling, "{contents:?} is past {dangling}");
        assert!(
            doc.get_object((dangling, 0)).is_err(),
            "still nothing behind it"
        );
        assert_eq!(
            doc.get_page_content(page).unwrap(),
            b"BT\n(x) Tj\nET\n",
            "nor is it drawn"
        );
    }
}
