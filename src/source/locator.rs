//! Locators (`¶N`, `line N`, `p. N`, `§ "…"`, `chars N..M`) to ranges of a
//! document.
//!
//! Paragraphs, lines and pages are 1-based and inclusive; chars are 0-based
//! Unicode scalar values of the file as stored, end excluded, not counting a
//! byte-order mark (as columns do not). Pages are looked up by the number
//! printed on them (their label), never by ordinal. A section is the first whose
//! heading begins with the given text, compared folded (case, quotes and
//! spacing do not matter); legal sections ("Sec. 3" opening a paragraph, as
//! in the executive orders) count as headings.

use std::ops::Range;

use crate::claims::LocatorKind;
use crate::fold::fold;

use super::Document;

/// Why a locator names nothing in a document: "¶99 is past the end: the
/// source has 12 paragraphs".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatorError(pub String);

impl std::fmt::Display for LocatorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LocatorError {}

fn err<T>(locator: &LocatorKind, why: impl std::fmt::Display) -> Result<T, LocatorError> {
    Err(LocatorError(format!("{locator}: {why}")))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Checks a 1-based inclusive range against `count` items.
fn check_range(
    locator: &LocatorKind,
    start: usize,
    end: usize,
    count: usize,
    noun: (&str, &str),
) -> Result<(), LocatorError> {
    if start == 0 {
        return err(locator, format!("{} are numbered from 1", noun.1));
    }
    if end < start {
        return err(locator, "the range runs backwards");
    }
    let has = plural(count, noun.0, noun.1);
    if start > count {
        return Err(LocatorError(format!(
            "{locator} is past the end: the source has {has}"
        )));
    }
    if end > count {
        return Err(LocatorError(format!(
            "{locator} runs past the end: the source has {has}"
        )));
    }
    Ok(())
}

/// The range of `doc.folded.text` that a locator names.
pub fn resolve(doc: &Document, locator: &LocatorKind) -> Result<Range<usize>, LocatorError> {
    match locator {
        &LocatorKind::Paragraphs { start, end } => {
            check_range(
                locator,
                start,
                end,
                doc.blocks.len(),
                ("paragraph", "paragraphs"),
            )?;
            let text = doc.blocks[start - 1].text.start..doc.blocks[end - 1].text.end;
            Ok(doc.text_to_folded(text))
        }
        &LocatorKind::Lines { start, end } => {
            check_range(locator, start, end, doc.line_count(), ("line", "lines"))?;
            let first = doc.line_range(start).map_or(0, |r| r.start);
            let last = doc.line_range(end).map_or(doc.raw.len(), |r| r.end);
            raw_to_folded(doc, locator, first..last, "those lines hold no text")
        }
        &LocatorKind::Pages { start, end } => {
            if doc.pages.is_empty() {
                return err(locator, "this source has no pages");
            }
            let (first, last) =
                pages(doc, start, end).ok_or_else(|| no_such_page(doc, locator, start))?;
            let text = doc.pages[first].text.start..doc.pages[last].text.end;
            Ok(doc.text_to_folded(text))
        }
        LocatorKind::Section(title) => {
            if doc.sections.is_empty() {
                return err(locator, "this source has no headings");
            }
            let wanted = fold(title.trim()).text;
            let wanted = wanted.trim();
            let section = doc
                .sections
                .iter()
                .find(|s| fold(s.title.trim()).text.trim().starts_with(wanted));
            match section {
                Some(s) => Ok(doc.text_to_folded(s.text.clone())),
                None => err(locator, "no heading begins with that"),
            }
        }
        &LocatorKind::Chars { start, end } => {
            if end < start {
                return err(locator, "the range runs backwards");
            }
            let body_start = if doc.raw.starts_with("\u{feff}") {
                3
            } else {
                0
            };
            // The file may be held in pieces: offsets of its characters
            // counted piece by piece, without gathering it.
            let body = body_start..doc.raw.len();
            let mut offsets = doc
                .raw
                .chunks(body.clone())
                .scan(0, |at, c| {
                    let base = *at;
                    *at += c.len();
                    Some(c.char_indices().map(move |(i, _)| base + i))
                })
                .flatten()
                .chain([body.len()]);
            let first = offsets.nth(start);
            let last = if end == start {
                first
            } else {
                offsets.nth(end - start - 1)
            };
            let (Some(first), Some(last)) = (first, last) else {
                let n: usize = doc.raw.chunks(body).map(|c| c.chars().count()).sum();
                return Err(LocatorError(format!(
                    "{locator} runs past the end: the source has {}",
                    plural(n, "character", "characters")
                )));
            };
            raw_to_folded(
                doc,
                locator,
                body_start + first..body_start + last,
                "those characters hold no text (markup only)",
            )
        }
    }
}

/// The pages from label `start` to label `end`, as indices. Labels are the
/// numbers printed on the pages (or their ordinals where the source prints
/// none); a number no page carries names nothing: taking it as an ordinal
/// would cite, as found where cited, a page printed with another number.
fn pages(doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
    if start == 0 || end < start {
        return None;
    }
    let first = doc.pages.iter().position(|p| p.label == start)?;
    let last = doc.pages[first..]
        .iter()
        .rposition(|p| p.label == end)
        .map(|i| first + i)?;
    Some((first, last))
}

/// Why `p. start` names no page: the numbers the pages carry and, when the
/// file has a `start`th page, what is printed on it.
fn no_such_page(doc: &Document, locator: &LocatorKind, start: usize) -> LocatorError {
    // Label 0: no number printed (a cover, front matter, the footnotes).
    let numbered = doc.pages.iter().map(|p| p.label).filter(|&l| l != 0);
    let range = match (numbered.clone().min(), numbered.max()) {
        (Some(lo), Some(hi)) => format!("the source's pages are numbered {lo}–{hi}"),
        _ => "no page of the source carries a number".to_string(),
    };
    let nth = match doc.pages.get(start.wrapping_sub(1)).map(|p| p.label) {
        Some(0) => format!("; the file's page {start} has no number printed"),
        Some(label) if label != start => {
            format!("; the file's page {start} is printed {label}")
        }
        _ => String::new(),
    };
    LocatorError(format!("{locator}: no such page ({range}{nth})"))
}

fn raw_to_folded(
    doc: &Document,
    locator: &LocatorKind,
    raw: Range<usize>,
    empty: &str,
) -> Result<Range<usize>, LocatorError> {
    let folded = doc.raw_to_folded(raw.clone());
    if folded.is_empty() && !raw.is_empty() {
        return err(locator, empty);
    }
    Ok(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{load_bytes, Format};

    const FRENCH: &str = include_str!("../../seeds/000_2b99a302a493dc4a.txt");
    const KRATSIOS: &str = include_str!(
        "../../seeds/2025-08-05-remarks-by-director-kratsios-at-the-apec-digital-and-ai-ministerial-meeting.md"
    );

    fn doc(s: &str, format: Format) -> Document {
        load_bytes(s.as_bytes(), format).unwrap()
    }

    fn folded(doc: &Document, l: LocatorKind) -> &str {
        &doc.folded.text[resolve(doc, &l).unwrap()]
    }

    fn error(doc: &Document, l: LocatorKind) -> String {
        resolve(doc, &l).unwrap_err().0
    }

    #[test]
    fn paragraphs() {
        let d = doc(FRENCH, Format::Text);
        let p2 = folded(&d, LocatorKind::Paragraphs { start: 2, end: 2 });
        assert!(p2.starts_with("s'exprimant devant des ministres"));
        assert!(p2.ends_with("états partenaires."));
        let p5 = folded(&d, LocatorKind::Paragraphs { start: 5, end: 5 });
        assert!(p5.starts_with("m. kratsios a rappelé"));
        let p2_3 = folded(&d, LocatorKind::Paragraphs { start: 2, end: 3 });
        assert!(p2_3.starts_with(p2) && p2_3.ends_with("prospérité mutuelle.\""));
        let n = d.blocks.len();
        assert_eq!(
            error(&d, LocatorKind::Paragraphs { start: 99, end: 99 }),
            format!("¶99 is past the end: the source has {n} paragraphs")
        );
        assert_eq!(
            error(&d, LocatorKind::Paragraphs { start: 2, end: 99 }),
            format!("¶2-99 runs past the end: the source has {n} paragraphs")
        );
        assert_eq!(
            error(&d, LocatorKind::Paragraphs { start: 0, end: 0 }),
            "¶0: paragraphs are numbered from 1"
        );
        assert_eq!(
            error(&d, LocatorKind::Paragraphs { start: 3, end: 2 }),
            "¶3-2: the range runs backwards"
        );
    }

    #[test]
    fn lines() {
        let d = doc(KRATSIOS, Format::Markdown);
        let l = folded(&d, LocatorKind::Lines { start: 44, end: 45 });
        assert!(l.contains("our hope is that ai will be a powerful tool for bilateral diplomacy."));
        assert!(l.starts_with("that is why"));
        assert_eq!(
            error(&d, LocatorKind::Lines { start: 2, end: 4 }),
            "lines 2-4: those lines hold no text"
        );
        let n = d.line_count();
        assert_eq!(
            error(
                &d,
                LocatorKind::Lines {
                    start: 900,
                    end: 900
                }
            ),
            format!("line 900 is past the end: the source has {n} lines")
        );
    }

    #[test]
    fn pages() {
        let d = doc("one\x0ctwo\n\nmore\x0cthree", Format::Text);
        assert_eq!(
            folded(&d, LocatorKind::Pages { start: 2, end: 2 }),
            "two more"
        );
        assert_eq!(
            folded(&d, LocatorKind::Pages { start: 1, end: 3 }),
            "one two more three"
        );
        assert!(
            error(&d, LocatorKind::Pages { start: 4, end: 4 }).starts_with("p. 4: no such page")
        );
        let d = doc(FRENCH, Format::Text);
        assert_eq!(
            error(&d, LocatorKind::Pages { start: 3, end: 3 }),
            "p. 3: this source has no pages"
        );
    }

    #[test]
    fn sections() {
        let d = doc(
            "# Intro\n\nHello.\n\n## “Sec. 2” Policy\n\nThe policy.\n\n# Next\n\nOther.",
            Format::Markdown,
        );
        assert_eq!(
            folded(&d, LocatorKind::Section("\"Sec. 2\"".into())),
            "\"sec. 2\" policy the policy."
        );
        assert_eq!(
            folded(&d, LocatorKind::Section("INTRO".into())),
            "intro hello. \"sec. 2\" policy the policy."
        );
        assert_eq!(
            error(&d, LocatorKind::Section("Sec. 9".into())),
            "§ \"Sec. 9\": no heading begins with that"
        );
        let d = doc(FRENCH, Format::Text);
        assert_eq!(
            error(&d, LocatorKind::Section("x".into())),
            "§ \"x\": this source has no headings"
        );
    }

    #[test]
    fn chars() {
        let d = doc("\u{feff}« Él » dit-il.\n\nFin", Format::Text);
        assert_eq!(
            folded(&d, LocatorKind::Chars { start: 0, end: 6 }),
            "\"él\""
        );
        assert_eq!(folded(&d, LocatorKind::Chars { start: 7, end: 10 }), "dit");
        assert_eq!(folded(&d, LocatorKind::Chars { start: 3, end: 3 }), "");
        assert_eq!(
            error(&d, LocatorKind::Chars { start: 5, end: 100 }),
            "chars 5..100 runs past the end: the source has 19 characters"
        );
        assert_eq!(
            error(&d, LocatorKind::Chars { start: 14, end: 16 }),
            "chars 14..16: those characters hold no text (markup only)"
        );
        assert_eq!(
            error(&d, LocatorKind::Chars { start: 5, end: 2 }),
            "chars 5..2: the range runs backwards"
        );
    }
}
