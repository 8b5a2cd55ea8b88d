//! One quote: looked for at its locator, then in the rest of the cited source,
//! then in every other source of the file.

use std::ops::Range;

use crate::claims::Quote;
use crate::matcher::quote_pattern::QuotePattern;
use crate::report::{Location, QuoteReport};
use crate::source::{locator, Document};
use crate::verdict::QuoteFinding;

use super::excerpt::location;
use super::{LineIndex, LoadedSource, SourceSet};

pub fn check_quote(quote: &Quote, index: &LineIndex, sources: &SourceSet) -> QuoteReport {
    let (line, column) = index.line_column(quote.span.start);
    let cited = quote
        .source
        .as_ref()
        .map(|k| sources.citation(&k.name, quote.locator.as_ref()));
    let pattern = QuotePattern::parse(&quote.text.value);
    let (finding, message, location) = if pattern.is_empty() {
        (
            QuoteFinding::Nowhere,
            "the quote has no words to look for".to_string(),
            None,
        )
    } else {
        match &quote.source {
            Some(key) => cited_search(&pattern, quote, &key.name, sources),
            None => open_search(&pattern, sources),
        }
    };
    QuoteReport {
        text: quote.text.value.clone(),
        line,
        column,
        cited,
        verdict: finding.verdict(),
        message,
        location,
    }
}

type Outcome = (QuoteFinding, String, Option<Location>);

/// A quote said to stand in one source, perhaps at one place.
fn cited_search(pattern: &QuotePattern, quote: &Quote, key: &str, sources: &SourceSet) -> Outcome {
    let Some(source) = sources.get(key) else {
        return (
            QuoteFinding::SourceUnreadable,
            format!("source `{key}` is not declared"),
            None,
        );
    };
    let doc = match source.document.as_ref() {
        Ok(doc) => doc,
        Err(e) => {
            return (
                QuoteFinding::SourceUnreadable,
                format!("source `{key}` ({}) could not be read: {e}", source.path),
                None,
            )
        }
    };
    let whole = 0..doc.folded.text.len();
    let (cited_range, locator_note) = match &quote.locator {
        None => (Some(whole.clone()), None),
        Some(l) => match locator::resolve(doc, &l.kind) {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e.0)),
        },
    };
    if let Some(range) = cited_range {
        if let Some(found) = pattern.find(&doc.folded.text, range) {
            return (
                QuoteFinding::AtCitedPlace,
                "found where cited".to_string(),
                Some(location(source, doc, &found)),
            );
        }
    }
    let cited_text = quote
        .locator
        .as_ref()
        .map(|l| l.kind.to_string())
        .unwrap_or_default();
    if let Some(found) = pattern.find(&doc.folded.text, whole) {
        let loc = location(source, doc, &found);
        let place = place_name(&loc, quote);
        let mut message = format!("found at {place}, not at {cited_text} as cited");
        if let Some(note) = locator_note {
            message.push_str(&format!(" ({note})"));
        }
        return (QuoteFinding::ElsewhereInSource, message, Some(loc));
    }
    for other in sources.iter().filter(|s| s.key != key) {
        if let Some((doc, found)) = find_in(pattern, other) {
            let loc = location(other, doc, &found);
            let message = format!(
                "found in source `{}` ({}), not in `{key}` as cited",
                other.key, other.path
            );
            return (QuoteFinding::InAnotherSource, message, Some(loc));
        }
    }
    let mut message = format!("not found in `{key}` nor in any other source of the file");
    if let Some(note) = locator_note {
        message.push_str(&format!(" (and the citation names nothing: {note})"));
    }
    (QuoteFinding::Nowhere, message, None)
}

/// A quote with no source named: any source will do.
fn open_search(pattern: &QuotePattern, sources: &SourceSet) -> Outcome {
    for source in sources.iter() {
        if let Some((doc, found)) = find_in(pattern, source) {
            let loc = location(source, doc, &found);
            let message = format!("found in source `{}`", source.key);
            return (QuoteFinding::AtCitedPlace, message, Some(loc));
        }
    }
    let unreadable: Vec<String> = sources
        .iter()
        .filter(|s| s.document.is_err())
        .map(|s| format!("`{}`", s.key))
        .collect();
    if unreadable.is_empty() {
        (
            QuoteFinding::Nowhere,
            "not found in any source of the file".to_string(),
            None,
        )
    } else {
        (
            QuoteFinding::SourceUnreadable,
            format!(
                "not found in the sources that could be read, and {} could not be read",
                unreadable.join(", ")
            ),
            None,
        )
    }
}

fn find_in<'a>(
    pattern: &QuotePattern,
    source: &'a LoadedSource,
) -> Option<(&'a Document, Vec<Range<usize>>)> {
    let doc = source.document.as_ref().as_ref().ok()?;
    let found = pattern.find(&doc.folded.text, 0..doc.folded.text.len())?;
    Some((doc, found))
}

/// The place a quote was found, in the terms of its locator: a paragraph for
/// `¶`, a line for `line`, a page for `p.`.
fn place_name(loc: &Location, quote: &Quote) -> String {
    use crate::claims::LocatorKind::*;
    match quote.locator.as_ref().map(|l| &l.kind) {
        Some(Lines { .. }) if loc.line == loc.end_line => format!("line {}", loc.line),
        Some(Lines { .. }) => format!("lines {}-{}", loc.line, loc.end_line),
        Some(Pages { .. }) => match loc.page {
            Some(p) => format!("p. {p}"),
            None => format!("line {}", loc.line),
        },
        Some(Chars { .. }) => format!("byte {}", loc.byte_start),
        _ => match loc.paragraph {
            Some(p) => format!("¶{p} (line {})", loc.line),
            None => format!("line {}", loc.line),
        },
    }
}
