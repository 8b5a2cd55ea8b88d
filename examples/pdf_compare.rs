//! Times the PDF extractors compared in docs/sources.md, and citecheck's own
//! load, cold and warm through the source cache:
//! `cargo run --release --example pdf_compare -- seeds/Americas-AI-Action-Plan.pdf`.
//! Writes each extractor's text to the temporary folder for a look.

use std::path::Path;
use std::time::{Duration, Instant};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let value = f();
        best = best.min(t.elapsed());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let path = std::env::args().nth(1).expect("a PDF path");
    let bytes = std::fs::read(&path).expect("readable");
    let tmp = std::env::temp_dir();

    let (t, pages) = best_of(3, || {
        pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("pdf-extract")
    });
    println!(
        "pdf-extract, plain text by page: {} pages in {t:?}",
        pages.len()
    );
    std::fs::write(tmp.join("pdf-extract.txt"), pages.join("\n\u{c}\n")).expect("written");

    let (t, text) = best_of(3, || {
        let doc = lopdf::Document::load_mem(&bytes).expect("lopdf");
        let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
        numbers
            .iter()
            .map(|n| doc.extract_text(&[*n]).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n\u{c}\n")
    });
    println!("lopdf extract_text by page: in {t:?}");
    std::fs::write(tmp.join("lopdf.txt"), text).expect("written");

    let (t, doc) = best_of(3, || {
        citecheck::source::load(Path::new(&path)).expect("citecheck")
    });
    println!(
        "citecheck load (extract, lay out, fold), no cache: {} pages in {t:?}",
        doc.pages.len()
    );

    let cache = tmp.join(format!("citecheck-cache-timing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let t = Instant::now();
    citecheck::source::load_cached(
        Path::new(&path),
        Some(&cache),
        citecheck::source::DEFAULT_MAX_SOURCE_BYTES,
    )
    .expect("cold");
    println!(
        "cold, through the cache (load and write the entry): {:?}",
        t.elapsed()
    );
    let (t, _) = best_of(5, || {
        citecheck::source::load_cached(
            Path::new(&path),
            Some(&cache),
            citecheck::source::DEFAULT_MAX_SOURCE_BYTES,
        )
        .expect("warm")
    });
    println!("warm, from the cache: {t:?}");
    let _ = std::fs::remove_dir_all(&cache);
}
