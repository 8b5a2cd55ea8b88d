//! Loads one source and prints what its document holds, and the process's
//! resident memory after loading (`VmHWM` is the peak so far): for the memory
//! figures of docs/robustness.md. `cargo run --release --example mem_probe -- big.md`

use citecheck::source::{load, Document};
fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .collect::<Vec<_>>()
        .join(" ")
}
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let doc: Document = load(std::path::Path::new(&p)).unwrap();
    println!("after load: {}", rss());
    println!(
        "raw {} text {} folded {} raw whole {} folded/text {}",
        doc.raw.len(),
        doc.text.len(),
        doc.folded.text.len(),
        doc.raw.as_whole().is_some(),
        doc.folded.text.shares_bytes_with(&doc.text)
    );
    println!(
        "heap: raw {} text_map {} folded map {} lines {} blocks {} sections {}",
        doc.raw.heap_bytes(),
        doc.text_map.heap_bytes(),
        doc.folded.map.heap_bytes(),
        doc.line_starts.heap_bytes(),
        doc.blocks.len() * 32,
        doc.sections.len() * 48
    );
}
