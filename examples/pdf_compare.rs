//! One-off comparison of PDF text extractors on a file (see docs/sources.md).
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a PDF path");
    let bytes = std::fs::read(&path).unwrap();
    let t = Instant::now();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
    eprintln!("pdf-extract: {} pages in {:?}", pages.len(), t.elapsed());
    std::fs::write("/tmp/pe.txt", pages.join("\n\u{c}\n")).unwrap();
    let t = Instant::now();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let n: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut out = String::new();
    for p in &n {
        out.push_str(
            &doc.extract_text(&[*p])
                .unwrap_or_else(|e| format!("ERR {e}")),
        );
        out.push_str("\n\u{c}\n");
    }
    eprintln!("lopdf: {} pages in {:?}", n.len(), t.elapsed());
    std::fs::write("/tmp/lo.txt", out).unwrap();
    let cat = doc.catalog().unwrap();
    eprintln!("PageLabels: {:?}", cat.get(b"PageLabels"));
    eprintln!("encrypted: {}", doc.is_encrypted());
    labels(&doc);
}
#[allow(dead_code)]
fn labels(doc: &lopdf::Document) {
    let cat = doc.catalog().unwrap();
    let r = cat.get(b"PageLabels").unwrap().as_reference().unwrap();
    eprintln!("{:?}", doc.get_object(r));
    for id in [949, 950, 951] {
        eprintln!("{id}: {:?}", doc.get_object((id, 0)));
    }
}
