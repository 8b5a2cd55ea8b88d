//! The page tree checked before text extraction: pdf-extract looks up a
//! page's inherited keys (`/Resources`, `/MediaBox`) by following `/Parent`
//! until it finds them, with no guard, so a `/Parent` chain that loops makes
//! it spin forever. A PDF from a stranger must not hang a CI run.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

/// Deeper than any real page tree (they balance to a few levels).
pub const MAX_DEPTH: usize = 256;

/// Why the page tree cannot be walked safely, if it cannot: a page whose
/// `/Parent` chain comes back to itself or runs deeper than [`MAX_DEPTH`].
pub fn page_tree_fault(doc: &Document) -> Option<String> {
    for (number, id) in doc.get_pages() {
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
    fn a_sound_tree_has_no_fault() {
        let doc = Document::load_mem(&pdf("2 0 R")).unwrap();
        assert_eq!(page_tree_fault(&doc), None);
    }
}
