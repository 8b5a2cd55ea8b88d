//! The page tree checked before text extraction: pdf-extract looks up a
//! page's inherited keys (`/Resources`, `/MediaBox`) by following `/Parent`
//! until it finds them, with no guard, so a `/Parent` chain that loops makes
//! it spin forever. A PDF from a stranger must not hang a CI run.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

/// Deeper than any real page tree (they balance to a few levels).
pub const MAX_DEPTH: usize = 256;

/// The pages of `doc` in order, as lopdf's page iterator finds them (a
/// page listed twice, twice; a tree no deeper than lopdf walks), but
/// stopping after as many kids as the file has objects: lopdf stops after
/// as many as are held, fewer once pages are left in the file, and a tree
/// whose kids name missing objects lost its last pages.
pub fn page_ids(doc: &Document) -> Vec<ObjectId> {
    let mut pages = Vec::new();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok()?.as_reference().ok())
    else {
        return pages;
    };
    let mut visits_left = doc.objects.len().max(doc.max_id as usize + 1);
    let mut stack: Vec<&[Object]> = Vec::new();
    let mut kids = kids_of(doc, root);
    loop {
        while let Some((kid, rest)) = kids.split_first() {
            if visits_left == 0 {
                return pages;
            }
            visits_left -= 1;
            kids = rest;
            let Ok(id) = kid.as_reference() else {
                continue;
            };
            match doc.get_dictionary(id).and_then(|d| d.get_type()) {
                Ok(b"Page") => pages.push(id),
                Ok(b"Pages") if stack.len() < MAX_DEPTH => {
                    if !kids.is_empty() {
                        stack.push(kids);
                    }
                    kids = kids_of(doc, id);
                }
                _ => {}
            }
        }
        match stack.pop() {
            Some(next) => kids = next,
            None => return pages,
        }
    }
}

/// The /Kids of the node `id`, as lopdf reads them (directly or by
/// reference).
fn kids_of(doc: &Document, id: ObjectId) -> &[Object] {
    doc.get_dictionary(id)
        .and_then(|node| node.get_deref(b"Kids", doc))
        .and_then(Object::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Why the page tree cannot be walked safely, if it cannot: a page whose
/// `/Parent` chain comes back to itself or runs deeper than [`MAX_DEPTH`].
pub fn page_tree_fault(doc: &Document) -> Option<String> {
    for (number, id) in (1..).zip(page_ids(doc)) {
        let mut seen = HashSet::from([id]);
        let mut at = id;
        while let Some(parent) = parent_of(doc, at) {
            if !seen.insert(parent) {
                return Some(format!(
                    "its page tree loops: page {number}'s /Parent chain comes back to object {} {}",
                    parent.0, parent.1
                ));
            }
            if seen.len() > MAX_DEPTH {
                return Some(format!(
                    "its page tree is deeper than {MAX_DEPTH} levels above page {number}"
                ));
            }
            at = parent;
        }
    }
    None
}

/// The object a dictionary's `/Parent` refers to.
pub fn parent_of(doc: &Document, id: ObjectId) -> Option<ObjectId> {
    let dict = doc.get_object(id).ok()?.as_dict().ok()?;
    match dict.get(b"Parent").ok()? {
        Object::Reference(parent) => Some(*parent),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF whose page has no /Resources (so pdf-extract looks them
    /// up in its parents) and the given /Parent.
    fn pdf(parent: &str) -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            format!("<< /Type /Page /Parent {parent} /MediaBox [0 0 612 792] /Contents 4 0 R >>"),
            "<< /Length 0 >>\nstream\n\nendstream".to_string(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    #[test]
    fn a_page_that_is_its_own_parent_is_a_fault() {
        let doc = Document::load_mem(&pdf("3 0 R")).unwrap();
        let fault = page_tree_fault(&doc).expect("a loop");
        assert!(
            fault.contains("loops") && fault.contains("object 3 0"),
            "{fault}"
        );
    }

    #[test]
    fn kids_that_name_missing_objects_do_not_hide_the_pages_after_them() {
        use lopdf::dictionary;
        // Three objects held, six kids: lopdf stops after three.
        let mut doc = Document::with_version("1.5");
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages });
        let mut kids: Vec<Object> = (0..5).map(|n| Object::Reference((100 + n, 0))).collect();
        kids.push(page.into());
        let tree = dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 6 };
        doc.objects.insert(pages, Object::Dictionary(tree));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        doc.max_id = 200;
        assert!(doc.get_pages().is_empty(), "lopdf's walk stops early");
        assert_eq!(page_ids(&doc), [page]);
        // A page listed twice is listed twice, as lopdf lists it.
        if let Ok(Object::Dictionary(tree)) = doc.get_object_mut(pages) {
            tree.set("Kids", vec![page.into(), page.into()]);
        }
        assert_eq!(page_ids(&doc), [page, page]);
        assert_eq!(doc.page_iter().collect::<Vec<_>>(), [page, page]);
    }

    #[test]
    fn a_sound_tree_has_no_fault() {
        let doc = Document::load_mem(&pdf("2 0 R")).unwrap();
        assert_eq!(page_tree_fault(&doc), None);
    }
}
