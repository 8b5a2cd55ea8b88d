//! Opening a PDF with lopdf, leaving out what text extraction never reads.
//!
//! lopdf holds every object of the file, parsed: on the Action Plan four
//! times over, 8.8 MB for a 2.3 MB file. As it parses, images are emptied
//! (their dictionary stays, so that a `Do` of one is still known as an image
//! and left out, see [`super::pdf_content`]), and the structure tree of a
//! tagged PDF (an element per paragraph, span and link), annotations and XMP
//! metadata are dropped. Then every object that the pages (their resources, fonts and
//! contents) and the page labels do not reach is dropped: annotations and
//! their appearances, outlines, forms, names. pdf-extract reads nothing else.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId, Reader};

/// The parsed file, less what no text comes from.
pub fn open(bytes: &[u8]) -> lopdf::Result<Document> {
    let mut doc = Reader {
        buffer: bytes,
        document: Document::new(),
    }
    .read(Some(needed))?;
    let reached = reached(&doc);
    doc.objects.retain(|id, _| reached.contains(id));
    Ok(doc)
}

/// The objects reached from the trailer (but its /Info) through the
/// catalog's /Pages and /PageLabels only, and from a page but through its
/// annotations, article beads, thumbnail, metadata and private data.
fn reached(doc: &Document) -> HashSet<ObjectId> {
    let mut seen = HashSet::new();
    let mut todo: Vec<&Object> = Vec::new();
    for (key, value) in doc.trailer.iter() {
        match key.as_slice() {
            b"Info" => {}
            b"Root" => {
                let catalog = value
                    .as_reference()
                    .ok()
                    .map(|id| (id, doc.get_dictionary(id)));
                if let Some((id, Ok(catalog))) = catalog {
                    seen.insert(id);
                    todo.extend(
                        [&b"Pages"[..], b"PageLabels"]
                            .iter()
                            .filter_map(|k| catalog.get(k).ok()),
                    );
                }
            }
            _ => todo.push(value),
        }
    }
    while let Some(object) = todo.pop() {
        match object {
            Object::Reference(id) if seen.insert(*id) => {
                if let Some(target) = doc.objects.get(id) {
                    todo.push(target);
                }
            }
            Object::Array(items) => todo.extend(items),
            Object::Dictionary(dict) => follow(dict, &mut todo),
            Object::Stream(stream) => follow(&stream.dict, &mut todo),
            _ => {}
        }
    }
    seen
}

fn needed(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    match object {
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
    // lopdf keeps `object` for an object of the file, and the returned one
    // for an object of an object stream, which is never a stream: a stream
    // need not be copied.
    let returned = match object {
        Object::Stream(_) => Object::Null,
        _ => object.clone(),
    };
    Some((id, returned))
}

/// Is `dict[key]` the name `name`?
pub fn has_name(dict: &Dictionary, key: &[u8], name: &[u8]) -> bool {
    dict.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|n| n == name)
}

/// Pushes what `dict` refers to, but from a page its annotations, article
/// beads, thumbnail, metadata and private data.
fn follow<'a>(dict: &'a Dictionary, todo: &mut Vec<&'a Object>) {
    let page = has_name(dict, b"Type", b"Page");
    for (key, value) in dict.iter() {
        let skipped = matches!(
            key.as_slice(),
            b"Annots" | b"B" | b"Thumb" | b"Metadata" | b"PieceInfo"
        );
        if !(page && skipped) {
            todo.push(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

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

        let opened = open(&bytes).unwrap();
        for kept in [catalog, pages, page, content, font, labels, image] {
            assert!(opened.objects.contains_key(&kept), "{kept:?} kept");
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
        assert_eq!(opened.get_pages().len(), 1);
    }
}
