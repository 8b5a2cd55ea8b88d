//! Hand-written PDF files for the loader's unit tests.
#![cfg_attr(fuzzing, allow(dead_code))]

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

/// `doc` encrypted (RC4) with `user_password`.
pub fn encrypted(doc: lopdf::Document, user_password: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    locked(doc, user_password).save_to(&mut bytes).unwrap();
    bytes
}

/// `doc` with its objects encrypted (RC4) with `user_password`, in memory.
pub fn locked(mut doc: lopdf::Document, user_password: &str) -> lopdf::Document {
    use lopdf::{EncryptionState, EncryptionVersion, Permissions};
    let id = lopdf::Object::String(
        b"0123456789abcdef".to_vec(),
        lopdf::StringFormat::Hexadecimal,
    );
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = EncryptionVersion::V1 {
        document: &doc,
        owner_password: "owner",
        user_password,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    doc
}

/// A one-page document drawing `content` (stored plain), Helvetica as /F1.
pub fn one_page_document(content: &[u8]) -> lopdf::Document {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content = Stream::new(dictionary! {}, content.to_vec());
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc
}

/// `data` Flate-compressed.
pub fn flate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// `data` LZW-compressed, the code width growing one code early or not.
pub fn lzw(data: &[u8], early_change: bool) -> Vec<u8> {
    let mut encoder = if early_change {
        weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
    } else {
        weezl::encode::Encoder::new(weezl::BitOrder::Msb, 8)
    };
    encoder.encode(data).unwrap()
}

/// `data` in ASCII85 (`z` for four zero bytes), with its end marker.
pub fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(4) {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut n = u32::from_be_bytes(word);
        if n == 0 && chunk.len() == 4 {
            out.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = (n % 85) as u8 + b'!';
            n /= 85;
        }
        out.extend_from_slice(&digits[..chunk.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}
