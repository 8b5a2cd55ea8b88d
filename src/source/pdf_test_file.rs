//! Hand-written PDF files for the loader's unit tests.

/// A file of `objects` (numbered from 1, the first the root) with its
/// cross-reference table.
pub fn pdf(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let offsets = objects
        .iter()
        .enumerate()
        .map(|(n, body)| append_object(&mut out, n as u32 + 1, body))
        .collect::<Vec<_>>();
    let numbered = offsets
        .iter()
        .enumerate()
        .map(|(n, offset)| (n as u32 + 1, *offset))
        .collect::<Vec<_>>();
    let trailer = format!("/Size {} /Root 1 0 R", objects.len() + 1);
    append_table(&mut out, &numbered, &trailer);
    out
}

/// Writes object `id` (generation 0) at the end of `out`; its offset.
pub fn append_object(out: &mut Vec<u8>, id: u32, body: &str) -> usize {
    let offset = out.len();
    out.extend(format!("{id} 0 obj\n{body}\nendobj\n").bytes());
    offset
}

/// Writes a classic cross-reference section of `objects` (id, offset), one
/// subsection each, and a trailer of `trailer`'s entries; its offset.
pub fn append_table(out: &mut Vec<u8>, objects: &[(u32, usize)], trailer: &str) -> usize {
    let at = out.len();
    out.extend(b"xref\n0 1\n0000000000 65535 f \n");
    for (id, offset) in objects {
        out.extend(format!("{id} 1\n{offset:010} 00000 n \n").bytes());
    }
    out.extend(format!("trailer\n<< {trailer} >>\nstartxref\n{at}\n%%EOF\n").bytes());
    at
}

/// The Action Plan, as in `seeds/`: linearized, with cross-reference
/// streams, object streams and compressed fonts.
pub fn action_plan() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/Americas-AI-Action-Plan.pdf"
    );
    std::fs::read(path).unwrap()
}
