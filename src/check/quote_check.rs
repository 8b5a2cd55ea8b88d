//! One quote: looked for verbatim at its locator, then in the rest of the
//! cited source, then in every other source of the file; failing that, the
//! closest passage in the same order decides between misquoted and
//! unsupported.

use std::ops::Range;

use crate::claims::{LocatorKind, Quote};
use crate::matcher::budget::{self, with_budget, Stopped, QUOTE_WORK_LIMIT};
use crate::matcher::quote_pattern::QuotePattern;
use crate::report::{Location, QuoteReport, WordChange};
use crate::source::{locator, Document};
use crate::verdict::QuoteFinding;

use super::excerpt::location;
use super::misquote_rule::{align_words, words, MatchPolicy, WordScore, CLEAR, MARGIN};
use super::near_match::{
    candidates, closest_budget, misquote_budget, near_match, take_edge_punctuation, NearMatch,
};
use super::word_diff::{accents_only, word_diff};
use super::{LineIndex, LoadedSource, SourceSet};

/// Where a quote may stand, in the order it is looked for.
struct Place<'a> {
    source: &'a LoadedSource,
    doc: &'a Document,
    /// Folded range searched.
    range: Range<usize>,
    role: Role,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Where the quote is cited (or any source, for a quote citing none).
    Cited,
    /// The rest of the cited source.
    SameSource,
    /// Another source of the file.
    OtherSource,
}

/// A passage found for a quote.
struct Found<'a> {
    place: &'a Place<'a>,
    fragments: Vec<Range<usize>>,
}

pub fn check_quote(
    quote: &Quote,
    index: &LineIndex,
    sources: &SourceSet,
    policy: &MatchPolicy,
) -> QuoteReport {
    check_quote_within(quote, index, sources, policy, QUOTE_WORK_LIMIT)
}

/// [`check_quote`] with `limit` cells of approximate matching for the quote
/// (see [`crate::matcher::budget`]).
fn check_quote_within(
    quote: &Quote,
    index: &LineIndex,
    sources: &SourceSet,
    policy: &MatchPolicy,
    limit: u64,
) -> QuoteReport {
    let (line, column) = index.line_column(quote.span.start);
    let pattern = QuotePattern::parse(&quote.text.value);
    let mut report = QuoteReport {
        text: quote.text.value.clone(),
        line,
        column,
        cited: quote
            .source
            .as_ref()
            .map(|k| sources.citation(&k.name, quote.locator.as_ref())),
        verdict: QuoteFinding::Nowhere.verdict(),
        message: String::new(),
        location: None,
        diff: Vec::new(),
        elided: Vec::new(),
        insertions: pattern.insertions.clone(),
        closest: None,
        also: None,
    };
    if pattern.is_empty() {
        report.message = "the quote has no words to look for".to_string();
        return report;
    }
    let (places, mut notes, unreadable) = match places(quote, sources) {
        Ok(p) => p,
        Err(why) => {
            report.verdict = QuoteFinding::SourceUnreadable.verdict();
            report.message = why;
            return report;
        }
    };
    let finding = bounded_search(&pattern, quote, &places, policy, &mut report, limit);
    if finding == QuoteFinding::Nowhere && quote.source.is_none() && !unreadable.is_empty() {
        report.verdict = QuoteFinding::SourceUnreadable.verdict();
        notes.push(format!(
            "{} could not be read and might hold it",
            unreadable.join(", ")
        ));
    } else {
        report.verdict = finding.verdict();
    }
    for note in notes {
        report.message.push_str(&format!(" ({note})"));
    }
    report
}

/// The places to search, or why the cited source cannot be searched; with
/// notes on the citation and the keys of sources that could not be read.
type Places<'a> = (Vec<Place<'a>>, Vec<String>, Vec<String>);

fn places<'a>(quote: &Quote, sources: &'a SourceSet) -> Result<Places<'a>, String> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut unreadable = Vec::new();
    let cited_key = quote.source.as_ref().map(|k| k.name.as_str());
    if let Some(key) = cited_key {
        let source = sources
            .get(key)
            .ok_or_else(|| format!("source `{key}` is not declared"))?;
        let doc = source
            .document
            .as_ref()
            .as_ref()
            .map_err(|e| format!("source `{key}` ({}) could not be read: {e}", source.path))?;
        let whole = 0..doc.folded.text.len();
        match quote
            .locator
            .as_ref()
            .map(|l| locator::resolve(doc, &l.kind))
        {
            None => out.push(Place {
                source,
                doc,
                range: whole,
                role: Role::Cited,
            }),
            Some(Ok(range)) => {
                out.push(Place {
                    source,
                    doc,
                    range,
                    role: Role::Cited,
                });
                out.push(Place {
                    source,
                    doc,
                    range: whole,
                    role: Role::SameSource,
                });
            }
            Some(Err(e)) => {
                notes.push(format!("the citation names nothing: {}", e.0));
                out.push(Place {
                    source,
                    doc,
                    range: whole,
                    role: Role::SameSource,
                });
            }
        }
    }
    for source in sources.iter().filter(|s| Some(s.key.as_str()) != cited_key) {
        match source.document.as_ref() {
            Ok(doc) => out.push(Place {
                source,
                doc,
                range: 0..doc.folded.text.len(),
                role: if cited_key.is_some() {
                    Role::OtherSource
                } else {
                    Role::Cited
                },
            }),
            Err(_) => unreadable.push(format!("`{}`", source.key)),
        }
    }
    Ok((out, notes, unreadable))
}

/// [`search`] within `limit` cells of approximate matching: a search that
/// would go over is not run, and the quote is then `unsupported` with the
/// reason, whatever was found before (a partial search proves nothing).
fn bounded_search(
    pattern: &QuotePattern,
    quote: &Quote,
    places: &[Place],
    policy: &MatchPolicy,
    report: &mut QuoteReport,
    limit: u64,
) -> QuoteFinding {
    let ((finding, phase), stopped) =
        with_budget(limit, || search(pattern, quote, places, policy, report));
    let Some(stopped) = stopped else {
        return finding;
    };
    report.location = None;
    report.diff.clear();
    report.elided.clear();
    report.closest = None;
    report.also = None;
    report.message = stopped_message(pattern, places, &stopped, phase);
    QuoteFinding::Nowhere
}

fn stopped_message(
    pattern: &QuotePattern,
    places: &[Place],
    stopped: &Stopped,
    phase: Phase,
) -> String {
    let quote: usize = pattern.fragments.iter().map(|f| f.folded.len()).sum();
    let mut searched: Vec<&str> = Vec::new();
    let mut bytes = 0;
    for place in places {
        if !searched.contains(&place.source.key.as_str()) {
            searched.push(&place.source.key);
            bytes += place.doc.folded.text.len();
        }
    }
    match phase {
        Phase::Verbatim => format!(
            "search stopped: the {} fragments of the quote stand in too many places to be \
             placed in order within the {} cells of work allowed per quote ({bytes} bytes of \
             sources)",
            pattern.fragments.len(),
            stopped.limit
        ),
        Phase::Closest => format!(
            "not found verbatim; search stopped: the closest passage was not looked for to the \
             end (a quote of {quote} bytes against {bytes} bytes of sources needs more than the \
             {} cells of approximate matching allowed per quote)",
            stopped.limit
        ),
    }
}

/// Which search a quote was in when its budget ran out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Placing the fragments of an elided quote verbatim.
    Verbatim,
    /// Looking for the closest passage.
    Closest,
}

fn search(
    pattern: &QuotePattern,
    quote: &Quote,
    places: &[Place],
    policy: &MatchPolicy,
    report: &mut QuoteReport,
) -> (QuoteFinding, Phase) {
    // Verbatim anywhere beats close at the cited place.
    if let Some(finding) = verbatim(pattern, quote, places, report) {
        return (finding, Phase::Verbatim);
    }
    if budget::spent() {
        return (QuoteFinding::Nowhere, Phase::Verbatim);
    }
    (
        closest(pattern, quote, places, policy, report),
        Phase::Closest,
    )
}

/// The first place that holds the quote verbatim, reported.
fn verbatim(
    pattern: &QuotePattern,
    quote: &Quote,
    places: &[Place],
    report: &mut QuoteReport,
) -> Option<QuoteFinding> {
    for (i, place) in places.iter().enumerate() {
        if let Some(fragments) = pattern.find(&place.doc.folded.text, place.range.clone()) {
            let found = Found { place, fragments };
            report.elided = elided(&found);
            report.location = Some(locate(&found));
            let (finding, mut message) = verbatim_message(&found, quote, report.location.as_ref());
            if let Some((next, count)) = repeats(pattern, &found, &places[i..]) {
                let also = locate(&next);
                let count = match count {
                    REPEATS_COUNTED.. => format!("more than {REPEATS_COUNTED}"),
                    n => n.to_string(),
                };
                message.push_str(&format!(
                    "; it stands verbatim in {count} places, the next at {}: a locator would say \
                     which is meant",
                    also.cite()
                ));
                report.also = Some(also);
            }
            report.message = message;
            return Some(finding);
        }
    }
    None
}

/// The closest passage of any place: a misquote, or too far to be one.
fn closest(
    pattern: &QuotePattern,
    quote: &Quote,
    places: &[Place],
    policy: &MatchPolicy,
    report: &mut QuoteReport,
) -> QuoteFinding {
    // The closest passage of any place: most similar, then fewest edits,
    // then the first place searched.
    let mut closest: Option<(&Place, Judged, Option<Range<usize>>)> = None;
    for place in places {
        match judge_place(pattern, place, policy) {
            AtPlace::Misquote(best, also) => {
                let found = Found {
                    place,
                    fragments: best.fragments,
                };
                report.diff = diff(pattern, &found);
                report.elided = elided(&found);
                let loc = locate(&found);
                report.message = misquote_message(&report.diff, &found, quote, &loc);
                report.location = Some(loc);
                report.also = also.map(|r| {
                    locate(&Found {
                        place,
                        fragments: vec![r],
                    })
                });
                if let Some(also) = &report.also {
                    report.message.push_str(&format!(
                        "; ambiguous: a passage at {} is nearly as close",
                        also.cite()
                    ));
                }
                return QuoteFinding::NearMatch;
            }
            AtPlace::Closest(best, other) => {
                let better = closest.as_ref().is_none_or(|(_, c, _)| {
                    best.similarity() > c.similarity()
                        || (best.similarity() == c.similarity() && best.distance < c.distance)
                });
                if better {
                    closest = Some((place, best, other));
                }
            }
            AtPlace::Nothing => {}
        }
    }
    report.message = match &quote.source {
        Some(k) => format!(
            "not found in `{}` nor in any other source of the file",
            k.name
        ),
        None => "not found in any source of the file".to_string(),
    };
    if let Some((place, best, other)) = closest {
        let common = best.similarity() >= policy.misquote_similarity;
        let found = Found {
            place,
            fragments: best.fragments,
        };
        report.diff = diff(pattern, &found);
        report.closest = Some(locate(&found));
        match other.filter(|_| common) {
            Some(r) => {
                let other = locate(&Found {
                    place,
                    fragments: vec![r],
                });
                report.message.push_str(&format!(
                    "; the closest passage is hardly closer than one at {}: the words they share \
                     with the quote are too common to make it a misquote of either",
                    other.cite()
                ));
            }
            None => report
                .message
                .push_str("; the closest passage differs too much to be a misquote"),
        }
    }
    QuoteFinding::Nowhere
}

/// Occurrences counted for the note on a repeated quote; past it, "more than".
const REPEATS_COUNTED: usize = 100;

/// Where nothing narrowed the search to one place (no locator, or the quote
/// found away from it), other verbatim occurrences: the next one and how many
/// there are in all, the first included (counted up to [`REPEATS_COUNTED`]).
/// `places` starts with the found one; later places of the same role are the
/// other sources the quote could equally be from.
fn repeats<'a>(
    pattern: &QuotePattern,
    found: &Found<'a>,
    places: &'a [Place<'a>],
) -> Option<(Found<'a>, usize)> {
    let whole = |p: &Place| p.range == (0..p.doc.folded.text.len());
    if !whole(found.place) {
        return None;
    }
    let mut next = None;
    let mut count = 1;
    let mut from = found.fragments.last().map_or(0, |r| r.end);
    for place in places
        .iter()
        .filter(|p| p.role == found.place.role && whole(p))
    {
        let text = &place.doc.folded.text;
        while count < REPEATS_COUNTED {
            let Some(fragments) = pattern.find(text, from..text.len()) else {
                break;
            };
            from = fragments.last().map_or(text.len(), |r| r.end);
            count += 1;
            next.get_or_insert(Found { place, fragments });
        }
        from = 0;
    }
    next.map(|n| (n, count))
}

/// Near passages tried per place: the best local alignments of the quote's
/// longest fragment. The passage a misquote comes from is among the first
/// few; more only costs time.
const CANDIDATES: usize = 8;

/// A near passage with its words aligned to the quote's.
struct Judged {
    /// Folded range of each fragment's passage, snapped to the aligned words.
    fragments: Vec<Range<usize>>,
    /// Byte edits of the search that found it.
    distance: usize,
    score: WordScore,
}

impl Judged {
    fn similarity(&self) -> f64 {
        self.score.similarity()
    }

    fn extent(&self) -> Range<usize> {
        let start = self.fragments.first().map_or(0, |r| r.start);
        let end = self.fragments.last().map_or(0, |r| r.end);
        start..end
    }
}

/// What a place holds for a quote not in it verbatim.
enum AtPlace {
    /// A passage the quote is a misquote of, and another nearly as close.
    Misquote(Judged, Option<Range<usize>>),
    /// The closest passage, no misquote, and another as close, if any.
    Closest(Judged, Option<Range<usize>>),
    Nothing,
}

fn judge_place(pattern: &QuotePattern, place: &Place, policy: &MatchPolicy) -> AtPlace {
    let hay = &place.doc.folded.text;
    let range = place.range.clone();
    // Fast: a passage within a quarter of the bytes that is clearly the
    // same sentence needs no look at other places.
    if let Some(near) = near_match(pattern, hay, range.clone(), misquote_budget) {
        let also = near.also.clone();
        let judged = judge(pattern, hay, &range, near);
        if judged.similarity() >= CLEAR && policy.is_misquote(judged.similarity(), 0.0) {
            return AtPlace::Misquote(judged, also);
        }
    }
    let mut judged: Vec<Judged> =
        candidates(pattern, hay, range.clone(), closest_budget, CANDIDATES)
            .into_iter()
            .map(|near| judge(pattern, hay, &range, near))
            .collect();
    judged.sort_by(|a, b| {
        b.similarity()
            .total_cmp(&a.similarity())
            .then(a.distance.cmp(&b.distance))
            .then(a.extent().start.cmp(&b.extent().start))
    });
    let mut judged = judged.into_iter();
    let Some(best) = judged.next() else {
        return AtPlace::Nothing;
    };
    let extent = best.extent();
    let runner_up = judged.find(|j| {
        let e = j.extent();
        e.end <= extent.start || e.start >= extent.end
    });
    let second = runner_up.as_ref().map_or(0.0, Judged::similarity);
    let other = runner_up
        .filter(|r| r.similarity() > best.similarity() - MARGIN)
        .and_then(|r| r.fragments.into_iter().next());
    if policy.is_misquote(best.similarity(), second) {
        AtPlace::Misquote(best, other)
    } else {
        AtPlace::Closest(best, other)
    }
}

/// Aligns each fragment's words with its passage and what surrounds it (half
/// the fragment's length each side, not past its neighbours): the byte
/// search may have stopped short of a word left out of the quote.
fn judge(pattern: &QuotePattern, hay: &str, range: &Range<usize>, near: NearMatch) -> Judged {
    let mut score = WordScore::default();
    let mut fragments: Vec<Range<usize>> = Vec::with_capacity(near.fragments.len());
    let mut sized = true;
    for (i, (fragment, span)) in pattern.fragments.iter().zip(&near.fragments).enumerate() {
        let pad = fragment.folded.len() / 2;
        let floor = fragments.last().map_or(range.start, |r| r.end);
        let ceiling = near
            .fragments
            .get(i + 1)
            .map_or(range.end, |next| next.start.min(range.end));
        let lo = floor_char(hay, span.start.saturating_sub(pad).max(floor));
        let hi = ceil_char(hay, (span.end + pad).min(ceiling).max(span.end).max(lo));
        let window = hay.get(lo..hi).unwrap_or_default();
        // The byte span, kept when the words cannot be aligned, never before
        // the fragment before it.
        let span = &(span.start.max(lo)..span.end.max(lo));
        match align_words(&fragment.folded, window) {
            Some((s, r)) => {
                score = score.add(s);
                if r.is_empty() {
                    fragments.push(span.clone());
                } else {
                    let snapped = lo + r.start..lo + r.end;
                    fragments.push(take_edge_punctuation(hay, snapped, &fragment.folded));
                }
            }
            None => {
                sized &= words(&fragment.folded).is_empty();
                fragments.push(span.clone());
            }
        }
    }
    if !sized {
        // Too many words to align: the byte distance speaks instead.
        let len: usize = pattern.fragments.iter().map(|f| f.folded.len()).sum();
        score = WordScore {
            same: len.saturating_sub(near.distance),
            edits: near.distance,
        };
    }
    Judged {
        fragments,
        distance: near.distance,
        score,
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn verbatim_message(
    found: &Found,
    quote: &Quote,
    loc: Option<&Location>,
) -> (QuoteFinding, String) {
    let place = found.place;
    match place.role {
        Role::Cited if quote.source.is_some() => {
            (QuoteFinding::AtCitedPlace, "found where cited".to_string())
        }
        Role::Cited => (
            QuoteFinding::AtCitedPlace,
            format!("found in source `{}`", place.source.key),
        ),
        Role::SameSource => {
            let at = loc.map(|l| place_name(l, quote)).unwrap_or_default();
            let cited = quote
                .locator
                .as_ref()
                .map(|l| l.kind.to_string())
                .unwrap_or_default();
            (
                QuoteFinding::ElsewhereInSource,
                format!("found at {at}, not at {cited} as cited"),
            )
        }
        Role::OtherSource => (
            QuoteFinding::InAnotherSource,
            format!(
                "found in source `{}` ({}), not in `{}` as cited",
                place.source.key,
                place.source.path,
                quote
                    .source
                    .as_ref()
                    .map(|k| k.name.as_str())
                    .unwrap_or_default()
            ),
        ),
    }
}

fn misquote_message(diff: &[WordChange], found: &Found, quote: &Quote, loc: &Location) -> String {
    let what = if accents_only(diff) {
        "differs from it by accents only".to_string()
    } else {
        format!("differs from it: {}", summarize(diff))
    };
    let place = found.place;
    let cited_key = quote
        .source
        .as_ref()
        .map(|k| k.name.as_str())
        .unwrap_or_default();
    let where_ = match place.role {
        Role::Cited => String::new(),
        Role::SameSource => {
            let cited = quote
                .locator
                .as_ref()
                .map(|l| l.kind.to_string())
                .unwrap_or_default();
            format!(
                ", at {} and not at {cited} as cited,",
                place_name(loc, quote)
            )
        }
        Role::OtherSource => format!(
            ", in source `{}` and not in `{cited_key}` as cited,",
            place.source.key
        ),
    };
    format!("not verbatim: the closest passage{where_} {what}")
}

/// "1 word dropped, 2 changed".
fn summarize(diff: &[WordChange]) -> String {
    let words = |s: &str| s.split_whitespace().count().max(1);
    let (mut dropped, mut added, mut changed) = (0, 0, 0);
    for change in diff {
        match change {
            WordChange::Dropped { source } => dropped += words(source),
            WordChange::Added { quote } => added += words(quote),
            WordChange::Changed { source, quote, .. } => changed += words(source).max(words(quote)),
            WordChange::Same { .. } => {}
        }
    }
    let mut parts = Vec::new();
    for (n, what) in [(dropped, "dropped"), (added, "added"), (changed, "changed")] {
        if n > 0 {
            parts.push(format!("{n} word{} {what}", if n == 1 { "" } else { "s" }));
        }
    }
    if parts.is_empty() {
        "in punctuation".to_string()
    } else {
        parts.join(", ")
    }
}

fn locate(found: &Found) -> Location {
    location(found.place.source, found.place.doc, &found.fragments)
}

/// The word diff of each fragment against its passage, `[…]` between them.
fn diff(pattern: &QuotePattern, found: &Found) -> Vec<WordChange> {
    let doc = found.place.doc;
    let mut out = Vec::new();
    for (i, (fragment, range)) in pattern.fragments.iter().zip(&found.fragments).enumerate() {
        if i > 0 {
            out.push(WordChange::Same {
                text: "[…]".to_string(),
            });
        }
        let text = doc.folded_to_text(range.clone());
        let passage = doc.text.get(text).unwrap_or_default();
        out.extend(word_diff(passage, &fragment.text));
    }
    out
}

/// The source text between fragments: what the elisions left out.
fn elided(found: &Found) -> Vec<String> {
    let doc = found.place.doc;
    found
        .fragments
        .windows(2)
        .map(|w| {
            let text = doc.folded_to_text(w[0].end..w[1].start);
            let gap: Vec<&str> = doc
                .text
                .get(text)
                .unwrap_or_default()
                .split_whitespace()
                .collect();
            let gap = gap.join(" ");
            if gap.chars().count() > 200 {
                let cut: String = gap.chars().take(200).collect();
                format!("{cut}…")
            } else {
                gap
            }
        })
        .collect()
}

/// The place a quote was found, in the terms of its locator: a paragraph for
/// `¶`, a line for `line`, a page for `p.`.
fn place_name(loc: &Location, quote: &Quote) -> String {
    match quote.locator.as_ref().map(|l| &l.kind) {
        Some(LocatorKind::Lines { .. }) if loc.line == loc.end_line => format!("line {}", loc.line),
        Some(LocatorKind::Lines { .. }) => format!("lines {}-{}", loc.line, loc.end_line),
        Some(LocatorKind::Pages { .. }) => match loc.page {
            Some(p) => format!("p. {p}"),
            None => format!("line {}", loc.line),
        },
        Some(LocatorKind::Chars { .. }) => format!("byte {}", loc.byte_start),
        _ => match loc.paragraph {
            Some(p) => format!("¶{p} (line {})", loc.line),
            None => format!("line {}", loc.line),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::claims::parse;
    use crate::source::{load_bytes, Format};

    fn sources(text: &str) -> SourceSet {
        SourceSet::new(vec![LoadedSource {
            key: "s".to_string(),
            path: "s.txt".to_string(),
            lang: None,
            document: Arc::new(load_bytes(text.as_bytes(), Format::Text)),
        }])
    }

    /// The report of the claims file's one quote, searched within `limit`.
    fn checked(claims: &str, sources: &SourceSet, limit: u64) -> QuoteReport {
        let file = parse(claims).expect("claims parse");
        let quote = file.claims[0].quotes().next().expect("a quote");
        check_quote_within(
            quote,
            &LineIndex::new(claims),
            sources,
            &MatchPolicy::default(),
            limit,
        )
    }

    #[test]
    fn a_search_over_its_budget_stops_unsupported_with_the_reason() {
        // Repetitive text and a long repetitive quote with one word changed:
        // not verbatim, and every position is nearly a match.
        let source = "ab ".repeat(20_000);
        let claims = format!(
            "source s = \"s.txt\"\nclaim c: C.\n  quote \"{}zz ab\" @ s\n",
            "ab ".repeat(300)
        );
        let s = sources(&source);
        let full = checked(&claims, &s, QUOTE_WORK_LIMIT);
        assert_eq!(full.verdict, QuoteFinding::NearMatch.verdict(), "{full:?}");
        assert!(full.location.is_some());

        let bounded = checked(&claims, &s, 10_000);
        assert_eq!(bounded.verdict, QuoteFinding::Nowhere.verdict());
        assert!(
            bounded.message.contains("search stopped") && bounded.message.contains("10000 cells"),
            "{}",
            bounded.message
        );
        assert!(bounded.location.is_none() && bounded.closest.is_none());
        assert!(bounded.diff.is_empty() && bounded.also.is_none());
    }

    #[test]
    fn a_verbatim_quote_needs_no_budget() {
        let s = sources(&"ab ".repeat(20_000));
        let claims = format!(
            "source s = \"s.txt\"\nclaim c: C.\n  quote \"{}\" @ s\n",
            "ab ".repeat(300).trim_end()
        );
        let r = checked(&claims, &s, 0);
        assert_eq!(r.verdict, QuoteFinding::AtCitedPlace.verdict(), "{r:?}");
    }

    const TWICE: &str =
        "One line here.\n\nThe same words twice.\n\nOther words.\n\nThe same words twice.\n";

    #[test]
    fn a_quote_found_twice_with_no_locator_names_the_other_place() {
        let s = sources(TWICE);
        let claims = "source s = \"s.txt\"\nclaim c: C.\n  quote \"the same words twice\" @ s\n";
        let r = checked(claims, &s, QUOTE_WORK_LIMIT);
        assert_eq!(r.verdict, QuoteFinding::AtCitedPlace.verdict(), "{r:?}");
        assert_eq!(r.location.as_ref().map(|l| l.paragraph), Some(Some(2)));
        assert_eq!(r.also.as_ref().map(|l| l.paragraph), Some(Some(4)));
        assert!(
            r.message
                .ends_with("; it stands verbatim in 2 places, the next at s.txt:7:1 (¶4): a locator would say which is meant"),
            "{}",
            r.message
        );
    }

    #[test]
    fn a_locator_that_names_one_of_the_places_settles_it() {
        let s = sources(TWICE);
        let claims = "source s = \"s.txt\"\nclaim c: C.\n  quote \"the same words twice\" @ s ¶4\n";
        let r = checked(claims, &s, QUOTE_WORK_LIMIT);
        assert_eq!(r.message, "found where cited");
        assert!(r.also.is_none());
    }

    #[test]
    fn a_repeated_quote_found_away_from_its_locator_names_both_places() {
        let s = sources(TWICE);
        let claims = "source s = \"s.txt\"\nclaim c: C.\n  quote \"the same words twice\" @ s ¶1\n";
        let r = checked(claims, &s, QUOTE_WORK_LIMIT);
        assert_eq!(
            r.verdict,
            QuoteFinding::ElsewhereInSource.verdict(),
            "{r:?}"
        );
        assert_eq!(r.also.as_ref().map(|l| l.paragraph), Some(Some(4)));
    }

    #[test]
    fn a_quote_in_two_sources_citing_neither_names_the_second() {
        let doc = |t: &str| Arc::new(load_bytes(t.as_bytes(), Format::Text));
        let s = SourceSet::new(vec![
            LoadedSource {
                key: "a".to_string(),
                path: "a.txt".to_string(),
                lang: None,
                document: doc("Alpha says: the shared sentence.\n"),
            },
            LoadedSource {
                key: "b".to_string(),
                path: "b.txt".to_string(),
                lang: None,
                document: doc("Beta says: the shared sentence.\n"),
            },
        ]);
        let claims = "source a = \"a.txt\"\nsource b = \"b.txt\"\nclaim c: C.\n  quote \"the shared sentence\"\n";
        let r = checked(claims, &s, QUOTE_WORK_LIMIT);
        assert_eq!(r.location.as_ref().map(|l| l.path.as_str()), Some("a.txt"));
        assert_eq!(
            r.also.as_ref().map(|l| l.path.as_str()),
            Some("b.txt"),
            "{r:?}"
        );
    }

    #[test]
    fn many_repeats_are_counted_up_to_a_bound() {
        let s = sources(&"the same words twice. ".repeat(500));
        let claims = "source s = \"s.txt\"\nclaim c: C.\n  quote \"the same words twice\" @ s\n";
        let r = checked(claims, &s, QUOTE_WORK_LIMIT);
        assert!(
            r.message.contains("in more than 100 places"),
            "{}",
            r.message
        );
    }

    /// Fragments that stand everywhere: "ab … ab … ab … ab … ab … zz" over
    /// "ab ab ab …". Each "ab" has hundreds of places within an elision's
    /// reach, and trying every combination took exponential time (a run
    /// hung); a place that led nowhere is now not tried again.
    const EVERYWHERE: &str =
        "source s = \"s.txt\"\nclaim c: C.\n  quote \"ab … ab … ab … ab … ab … zz\" @ s\n";

    #[test]
    fn fragments_that_stand_everywhere_are_placed_in_polynomial_time() {
        let s = sources(&"ab ".repeat(30_000));
        let r = checked(EVERYWHERE, &s, QUOTE_WORK_LIMIT);
        assert_eq!(r.verdict, QuoteFinding::Nowhere.verdict(), "{r:?}");
        assert!(!r.message.contains("search stopped"), "{}", r.message);
        // The same quote with its last fragment there is found.
        let mut text = "ab ".repeat(30_000);
        text.push_str("zz");
        let found = checked(EVERYWHERE, &sources(&text), QUOTE_WORK_LIMIT);
        assert_eq!(
            found.verdict,
            QuoteFinding::AtCitedPlace.verdict(),
            "{found:?}"
        );
        assert_eq!(found.location.map(|l| l.byte_end), Some(text.len()));
    }

    #[test]
    fn placing_fragments_is_charged_to_the_quote_and_says_so_when_stopped() {
        let s = sources(&"ab ".repeat(30_000));
        let r = checked(EVERYWHERE, &s, 100_000);
        assert_eq!(r.verdict, QuoteFinding::Nowhere.verdict());
        assert!(
            r.message.starts_with(
                "search stopped: the 6 fragments of the quote stand in too many places to be \
                 placed in order within the 100000 cells"
            ),
            "{}",
            r.message
        );
    }
}
