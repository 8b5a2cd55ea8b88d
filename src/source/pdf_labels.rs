//! A PDF's page labels (the /PageLabels number tree of its catalog): what a
//! reader sees as the page's number, `i`, `ii`, `1`…

use lopdf::{Dictionary, Document, Object};

/// The label of every page, in page order; `None` for a page the tree does
/// not label (or for every page when the PDF has no /PageLabels).
pub fn page_labels(doc: &Document) -> Vec<Option<String>> {
    let count = super::pdf_tree::page_ids(doc).len();
    let mut ranges: Vec<(usize, &Dictionary)> = Vec::new();
    if let Ok(catalog) = doc.catalog() {
        if let Some(tree) = catalog
            .get(b"PageLabels")
            .ok()
            .and_then(|o| deref_dict(doc, o))
        {
            collect(doc, tree, &mut ranges, 0);
        }
    }
    ranges.sort_by_key(|(start, _)| *start);
    (0..count)
        .map(|page| {
            let (start, dict) = ranges.iter().rev().find(|(start, _)| *start <= page)?;
            Some(label(dict, page - start))
        })
        .collect()
}

/// The dictionary `o` is, or refers to.
pub fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn collect<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    out: &mut Vec<(usize, &'a Dictionary)>,
    depth: usize,
) {
    if depth > 16 {
        return;
    }
    if let Ok(Object::Array(nums)) = node.get(b"Nums").map(|o| deref(doc, o)) {
        for pair in nums.chunks(2) {
            if let [Object::Integer(start), value] = pair {
                if let (Ok(start), Some(dict)) = (usize::try_from(*start), deref_dict(doc, value)) {
                    out.push((start, dict));
                }
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids").map(|o| deref(doc, o)) {
        for kid in kids {
            if let Some(kid) = deref_dict(doc, kid) {
                collect(doc, kid, out, depth + 1);
            }
        }
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

/// The label of the `offset`-th page of a labelling range.
fn label(dict: &Dictionary, offset: usize) -> String {
    let prefix = match dict.get(b"P") {
        Ok(Object::String(bytes, _)) => decode_text(bytes),
        _ => String::new(),
    };
    let first = match dict.get(b"St") {
        Ok(Object::Integer(n)) if *n > 0 => *n as usize,
        _ => 1,
    };
    let n = first + offset;
    let number = match dict.get(b"S") {
        Ok(Object::Name(style)) => match style.as_slice() {
            b"D" => n.to_string(),
            b"r" => roman(n).to_lowercase(),
            b"R" => roman(n),
            b"a" => letters(n).to_lowercase(),
            b"A" => letters(n),
            _ => String::new(),
        },
        _ => String::new(),
    };
    format!("{prefix}{number}")
}

fn decode_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|b| char::from(*b)).collect()
    }
}

fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A, B, … Z, AA, BB, … as PDF labels letters.
fn letters(n: usize) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, (n - 1) / 26 + 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_and_letters() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(letters(1), "A");
        assert_eq!(letters(28), "BB");
    }
}
