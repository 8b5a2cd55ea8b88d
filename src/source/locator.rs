//! Locators (`¶N`, `line N`, `p. N`, `§ "…"`, `chars N..M`) to ranges of a
//! document.
//!
//! Paragraphs, lines and pages are 1-based and inclusive; chars are 0-based
//! Unicode scalar values of the file as stored, end excluded, not counting a
//! byte-order mark (as columns do not). Pages are looked up by label, then,
//! when no page has the label, by ordinal. A section is the first whose
//! heading begins with the given text, compared folded (case, quotes and
//! spacing do not matter).
//!
//! Not yet: legal-style sections ("Sec. 3" written as a paragraph, not a
//! heading, as in the executive orders among the seeds) are not sections.

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
            let (first, last) = pages(doc, start, end).ok_or_else(|| {
                let labels = doc.pages.iter().map(|p| p.label);
                let (lo, hi) = (labels.clone().min(), labels.max());
                LocatorError(format!(
                    "{locator}: no such page (the source's pages are numbered {}–{})",
                    lo.unwrap_or(0),
                    hi.unwrap_or(0)
                ))
            })?;
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
            let body_start = if doc.raw.starts_with('\u{feff}') {
                3
            } else {
                0
            };
            let body = &doc.raw[body_start..];
            let mut offsets = body.char_indices().map(|(i, _)| i).chain([body.len()]);
            let first = offsets.nth(start);
            let last = if end == start {
                first
            } else {
                offsets.nth(end - start - 1)
            };
            let (Some(first), Some(last)) = (first, last) else {
                let n = body.chars().count();
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

/// The pages from label `start` to label `end`, as indices; by ordinal when
/// no page has label `start`.
fn pages(doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
    if start == 0 || end < start {
        return None;
    }
    if let Some(first) = doc.pages.iter().position(|p| p.label == start) {
        let last = doc.pages[first..]
            .iter()
            .rposition(|p| p.label == end)
            .map(|i| first + i)?;
        return Some((first, last));
    }
    (end <= doc.pages.len()).then(|| (start - 1, end - 1))
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
