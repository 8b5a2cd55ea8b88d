//! Legal-style sections: the numbered sections of an executive order or a
//! statute, written as paragraphs rather than headings, in any format.
//!
//! A block that begins `Sec. 4.`, `Section 4.`, `SEC. 4.` or `§ 4.` opens
//! section 4; it runs to the block before the next such block, or the next
//! heading. Inside it, a block that begins `(a)`, `(b)`… opens a subsection
//! (the first may also follow the section's own title in its block, as in
//! "Sec. 3. Establishment of the Program. (a) Within 90 days…"); inside those,
//! `(i)`, `(ii)`… and then `(A)`, `(B)`… open the next levels. `(i)` after
//! `(h)` is the letter, unless the block before ends with a colon (it then
//! opens a list, which is numbered in roman).

use std::ops::Range;

use super::{BlockKind, Document, Section};

/// The legal sections of a document, in document order, each section before
/// its subsections.
///
/// Titles are what a locator names: `Sec. 4. Mobilization of Federal
/// Financing Tools.` (the keyword canonical, the number, and the section's
/// own title up to its first full stop where it has one), then `Sec. 4(b)`,
/// `Sec. 4(b)(i)`, `Sec. 4(b)(i)(A)`. Every title also comes in a second
/// entry spelled `Section 4…`, just after the first, so that `§ "Section 4"`
/// and `§ "Sec. 4"` both resolve whichever the source writes. Matched by
/// prefix, folded, the first entry wins: `§ "Sec. 4"` is section 4 (listed
/// before its subsections and before a section 40). `level` is 1 for a
/// section and one more per level of subsection; `text` is a range of
/// `doc.text` (a subsection may begin inside a block).
pub fn legal_sections(doc: &Document) -> Vec<Section> {
    let text = &doc.text;
    let mut out = Vec::new();
    // Sections: (number, own title, start in text, first block).
    let mut opened: Vec<(String, String, usize, usize)> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        if let Some((number, title, head)) = section_head(&text[block.text.clone()]) {
            let own = &text[block.text.start + title..block.text.start + head];
            opened.push((number, squash(own), block.text.start, i));
        }
    }
    for (k, (number, head, start, first)) in opened.iter().enumerate() {
        let next = opened.get(k + 1).map_or(doc.blocks.len(), |o| o.3);
        let last = (first + 1..next)
            .find(|&j| matches!(doc.blocks[j].kind, BlockKind::Heading(_)))
            .unwrap_or(next)
            - 1;
        let end = doc.blocks[last].text.end;
        let title = if head.is_empty() {
            format!("Sec. {number}.")
        } else {
            format!("Sec. {number}. {head}")
        };
        push_both(&mut out, title, 1, *start..end);
        subsections(doc, number, *first, last, &mut out);
    }
    out
}

/// Pushes a section and its twin spelled with the other keyword.
fn push_both(out: &mut Vec<Section>, title: String, level: u8, text: Range<usize>) {
    let twin = format!("Section {}", &title["Sec. ".len()..]);
    out.push(Section {
        title: title.into(),
        level,
        text: text.clone(),
    });
    out.push(Section {
        title: twin.into(),
        level,
        text,
    });
}

/// Whitespace of every kind collapsed to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// If a block's text opens a section: its number, where the section's own
/// title begins (after the number's full stop) and where the head (keyword,
/// number, title up to its full stop) ends.
fn section_head(block: &str) -> Option<(String, usize, usize)> {
    let lead = block.len() - block.trim_start().len();
    let rest = &block[lead..];
    let after = ["Section", "SECTION", "Sec.", "SEC.", "§"]
        .iter()
        .find_map(|k| rest.strip_prefix(k))?;
    let after_ws = after.trim_start();
    if after_ws.len() == after.len() && !after.starts_with(char::is_numeric) {
        return None;
    }
    let number: String = after_ws
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut at = block.len() - after_ws.len() + number.len();
    // The number's full stop.
    if !block[at..].starts_with('.') {
        return None;
    }
    at += 1;
    let title_start = at;
    // The section's own title, up to its full stop, if one comes soon and
    // before a subsection.
    let tail = &block[at..];
    let title_end = tail
        .char_indices()
        .take(200)
        .find(|&(i, c)| c == '.' && !tail[i + 1..].starts_with(|c: char| c.is_alphanumeric()))
        .map(|(i, _)| i + 1)
        .filter(|&i| !tail[..i].contains('('));
    if let Some(i) = title_end {
        at += i;
    }
    Some((number, title_start, at))
}

/// A subsection label at the start of `s` (after white space): the label
/// without its parentheses and the length taken.
fn label_at(s: &str) -> Option<(String, usize)> {
    let lead = s.len() - s.trim_start().len();
    let rest = s[lead..].strip_prefix('(')?;
    let close = rest.find(')')?;
    let label = &rest[..close];
    let ok = (1..=6).contains(&label.len()) && label.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then(|| (label.to_owned(), lead + close + 2))
}

fn is_roman(label: &str) -> bool {
    !label.is_empty() && label.chars().all(|c| "ivxlc".contains(c))
}

fn next_letter(label: &str) -> Option<String> {
    let c = label.chars().next()?;
    (label.len() == 1 && c.is_ascii_alphabetic() && c != 'z' && c != 'Z')
        .then(|| char::from(c as u8 + 1).to_string())
}

/// The level of a label (1 letters, 2 roman, 3 capitals, 4 digits), given the
/// labels open at each level and whether the block before ends with a colon.
fn level_of(label: &str, open: &[Option<String>; 4], after_colon: bool) -> Option<usize> {
    let expected_letter = open[0].as_deref().map_or(Some("a".to_owned()), next_letter);
    if label.chars().all(|c| c.is_ascii_digit()) {
        return Some(4);
    }
    if label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(3);
    }
    if label.chars().all(|c| c.is_ascii_lowercase()) {
        let letter = expected_letter.as_deref() == Some(label);
        if letter && !(is_roman(label) && after_colon) {
            return Some(1);
        }
        if is_roman(label) {
            return Some(2);
        }
        if label.len() == 1 {
            return Some(1);
        }
    }
    None
}

/// The subsections of section `number`, whose blocks are `first..=last`.
fn subsections(doc: &Document, number: &str, first: usize, last: usize, out: &mut Vec<Section>) {
    let text = &doc.text;
    // Where each label starts: (level, label, start in text).
    let mut marks: Vec<(usize, String, usize)> = Vec::new();
    let mut open: [Option<String>; 4] = Default::default();
    for j in first..=last {
        let block = &doc.blocks[j];
        let body = &text[block.text.clone()];
        let offset = if j == first {
            // After the section's head.
            match section_head(body) {
                Some((_, _, head)) => head,
                None => continue,
            }
        } else {
            0
        };
        let Some((label, _)) = label_at(&body[offset..]) else {
            continue;
        };
        let after_colon = j > first
            && text[doc.blocks[j - 1].text.clone()]
                .trim_end()
                .ends_with(':');
        let Some(level) = level_of(&label, &open, after_colon) else {
            continue;
        };
        let lead = body[offset..].len() - body[offset..].trim_start().len();
        open[level - 1] = Some(label.clone());
        for deeper in open.iter_mut().skip(level) {
            *deeper = None;
        }
        marks.push((level, label, block.text.start + offset + lead));
    }
    let section_end = doc.blocks[last].text.end;
    let mut path: Vec<String> = Vec::new();
    for (k, (level, label, start)) in marks.iter().enumerate() {
        path.truncate(level - 1);
        while path.len() < level - 1 {
            path.push("?".to_owned());
        }
        path.push(label.clone());
        // Ends where the next label of its level or above begins (at the end
        // of the block before, so that separators stay outside).
        let end = marks[k + 1..]
            .iter()
            .find(|(l, _, _)| l <= level)
            .map_or(section_end, |(_, _, next)| end_before(doc, *next));
        let title = format!(
            "Sec. {number}{}",
            path.iter().map(|l| format!("({l})")).collect::<String>()
        );
        push_both(out, title, *level as u8 + 1, *start..end.max(*start));
    }
}

/// The end of the text before `at`: the end of the block before the one that
/// begins at `at`, or `at` itself where it falls inside a block.
fn end_before(doc: &Document, at: usize) -> usize {
    // Blocks are in order, their starts increasing: a binary search, not a
    // scan per subsection (quadratic on a large source).
    let i = doc.blocks.partition_point(|b| b.text.start < at);
    match doc.blocks.get(i) {
        Some(b) if b.text.start == at && i > 0 => doc.blocks[i - 1].text.end,
        _ => doc.text[..at].trim_end().len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{load, load_bytes, Format};

    fn seed(name: &str) -> Document {
        load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("seeds")
                .join(name),
        )
        .expect("a seed")
    }

    const EO: &str = "2025-07-23-promoting-the-export-of-the-american-ai-technology-stack";

    fn find<'a>(sections: &'a [Section], title: &str) -> &'a Section {
        sections
            .iter()
            .find(|s| s.title.starts_with(title))
            .unwrap_or_else(|| {
                panic!(
                    "no {title}: {:#?}",
                    sections.iter().map(|s| &s.title).collect::<Vec<_>>()
                )
            })
    }

    fn check_eo(doc: &Document) {
        let sections = legal_sections(doc);
        let titles: Vec<&str> = sections
            .iter()
            .map(|s| s.title.as_str())
            .filter(|t| !t.contains('('))
            .collect();
        assert_eq!(
            titles,
            [
                "Sec. 1. Purpose.",
                "Section 1. Purpose.",
                "Sec. 2. Policy.",
                "Section 2. Policy.",
                "Sec. 3. Establishment of the American AI Exports Program.",
                "Section 3. Establishment of the American AI Exports Program.",
                "Sec. 4. Mobilization of Federal Financing Tools.",
                "Section 4. Mobilization of Federal Financing Tools.",
                "Sec. 5. General Provisions.",
                "Section 5. General Provisions.",
            ]
        );
        let text = |s: &Section| squash(&doc.text[s.text.clone()]);
        let sec4 = text(find(&sections, "Sec. 4"));
        assert!(
            sec4.starts_with("Sec. 4. Mobilization of Federal Financing Tools. (a) The Economic")
        );
        assert!(!sec4.contains("Sec. 5"));
        assert!(!sec4.contains("General Provisions"));
        let b = text(find(&sections, "Sec. 4(b)"));
        assert!(
            b.starts_with("(b) I delegate to the Administrator of the Small Business"),
            "{b}"
        );
        assert!(b.ends_with("to serve as members of the EDAG."), "{b}");
        let a = text(find(&sections, "Sec. 3(a)"));
        assert!(
            a.starts_with("(a) Within 90 days of the date of this order"),
            "{a}"
        );
        assert!(!a.contains("(b)"));
        // Nested: (b)(i) of Sec. 3 and its (A).
        let bi = text(find(&sections, "Sec. 3(b)(i)"));
        assert!(
            bi.starts_with("(i) include a full-stack AI technology package"),
            "{bi}"
        );
        assert!(bi.contains("(E) AI applications for specific use cases"));
        assert!(!bi.contains("(ii)"));
        let bia = text(find(&sections, "Sec. 3(b)(i)(A)"));
        assert!(
            bia.starts_with("(A) AI-optimized computer hardware"),
            "{bia}"
        );
        let c = text(find(&sections, "Section 4(c)(vi)"));
        assert!(
            c.starts_with("(vi) coordinating with the Small Business Administration"),
            "{c}"
        );
        // Section 1 is written "Section 1." and found as "Sec. 1" too.
        assert!(text(find(&sections, "Sec. 1"))
            .starts_with("Section 1. Purpose. Artificial intelligence"));
    }

    #[test]
    fn executive_order_in_markdown() {
        check_eo(&seed(&format!("{EO}.md")));
    }

    #[test]
    fn executive_order_in_html() {
        check_eo(&seed(&format!("{EO}.html")));
    }

    #[test]
    fn the_locator_resolves_them() {
        use crate::claims::LocatorKind;
        use crate::source::locator::resolve;
        let doc = seed(&format!("{EO}.html"));
        let range = resolve(&doc, &LocatorKind::Section("Sec. 4(b)".into())).expect("Sec. 4(b)");
        assert!(doc.folded.text[range].starts_with("(b) i delegate to the administrator"));
        let range = resolve(&doc, &LocatorKind::Section("Sec. 4".into())).expect("Sec. 4");
        assert!(doc.folded.text[range].starts_with("sec. 4. mobilization"));
    }

    #[test]
    fn section_heads() {
        assert_eq!(
            section_head("Sec. 4.  Title.  (a) x"),
            Some(("4".into(), 7, 15))
        );
        assert_eq!(section_head("Section 12. x"), Some(("12".into(), 11, 11)));
        assert_eq!(
            section_head("§ 3. Definitions. x"),
            Some(("3".into(), 5, 18))
        );
        assert_eq!(section_head("Secretary of State"), None);
        assert_eq!(section_head("Section 301 of title 3"), None);
        assert_eq!(section_head("Sections 4. x"), None);
    }

    #[test]
    fn roman_or_letter() {
        let after_h = [Some("h".to_owned()), None, None, None];
        assert_eq!(level_of("i", &after_h, false), Some(1));
        assert_eq!(level_of("i", &after_h, true), Some(2));
        let in_a = [Some("a".to_owned()), Some("i".to_owned()), None, None];
        assert_eq!(level_of("ii", &in_a, false), Some(2));
        assert_eq!(level_of("b", &in_a, false), Some(1));
        assert_eq!(level_of("A", &in_a, false), Some(3));
    }

    #[test]
    fn plain_text_sections() {
        let doc = load_bytes(
            b"Preamble.\n\nSection 1. Scope. This applies.\n\n(a) First.\n\n(b) Second.\n\nSec. 2. End.",
            Format::Text,
        )
        .unwrap();
        let s = legal_sections(&doc);
        let get = |t: &str| squash(&doc.text[find(&s, t).text.clone()]);
        assert_eq!(
            get("Sec. 1"),
            "Section 1. Scope. This applies. (a) First. (b) Second."
        );
        assert_eq!(get("Section 1(b)"), "(b) Second.");
        assert_eq!(get("Sec. 2"), "Sec. 2. End.");
    }
}
