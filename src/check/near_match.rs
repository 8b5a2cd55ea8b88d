//! The closest passage to a quote that is not in a source verbatim: Myers'
//! edit distance on folded text, fragment by fragment, with a length-aware
//! budget (docs/matching.md says why these numbers).

use std::ops::Range;

use crate::matcher::quote_pattern::QuotePattern;
use crate::matcher::{alignments, best_alignment};

/// A passage close to a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMatch {
    /// Folded range of each fragment's passage, widened to whole words.
    pub fragments: Vec<Range<usize>>,
    /// Edits between the quote's fragments and their passages, summed.
    pub distance: usize,
    /// Another place, not overlapping, nearly as close (first fragment only).
    pub also: Option<Range<usize>>,
}

/// The fast search's budget for a quote of `len` folded bytes: a quarter of
/// its length (a dropped or changed word or two in a sentence), none below 8
/// bytes where one edit already makes another word. A passage found within it
/// is still judged by its words (`misquote_rule`).
pub fn misquote_budget(len: usize) -> usize {
    if len < 8 {
        0
    } else if len < 20 {
        len / 5
    } else {
        len / 4
    }
}

/// How far a passage may be and still be shown as the "closest" to a quote
/// found nowhere: half its length; beyond that it is noise.
pub fn closest_budget(len: usize) -> usize {
    len / 2
}

/// The best near match of `pattern` in `hay[within]` with at most
/// `budget(len)` edits per fragment and over the whole quote.
pub fn near_match(
    pattern: &QuotePattern,
    hay: &str,
    within: Range<usize>,
    budget: fn(usize) -> usize,
) -> Option<NearMatch> {
    let within = within.start.min(hay.len())..within.end.min(hay.len());
    let first = pattern.fragments.first()?;
    let needle = first.folded.as_bytes();
    let k = budget(needle.len());
    let found = best_alignment(needle, &hay.as_bytes()[within.clone()], k)?;
    let span = widen(hay, within.start + found.start..within.start + found.end);
    let span = take_edge_punctuation(hay, span, &first.folded);
    let also = runner_up(needle, hay, within.clone(), k, found.distance, &span);
    let (fragments, distance) = chain(pattern, hay, &within, budget, 0, span, found.distance)?;
    let total: usize = pattern.fragments.iter().map(|f| f.folded.len()).sum();
    (distance <= budget(total)).then_some(NearMatch {
        fragments,
        distance,
        also,
    })
}

/// Up to `limit` passages near `pattern` in `hay[within]`, each fragment
/// within `budget(len)` edits (the whole quote unbounded: the word rule
/// judges it). They start from the best places of the longest fragment, so
/// a short fragment that stands everywhere ("No... yes, I mean…") does not
/// decide where to look; the other fragments are placed next to it.
pub fn candidates(
    pattern: &QuotePattern,
    hay: &str,
    within: Range<usize>,
    budget: fn(usize) -> usize,
    limit: usize,
) -> Vec<NearMatch> {
    let within = within.start.min(hay.len())..within.end.min(hay.len());
    let Some(anchor) = (0..pattern.fragments.len())
        .max_by_key(|&i| (pattern.fragments[i].folded.len(), std::cmp::Reverse(i)))
    else {
        return Vec::new();
    };
    let fragment = &pattern.fragments[anchor];
    let needle = fragment.folded.as_bytes();
    let mut places = alignments(
        needle,
        &hay.as_bytes()[within.clone()],
        budget(needle.len()),
    );
    places.sort_by_key(|a| (a.distance, a.start));
    places
        .into_iter()
        .take(limit)
        .filter_map(|a| {
            let span = widen(hay, within.start + a.start..within.start + a.end);
            let span = take_edge_punctuation(hay, span, &fragment.folded);
            let (fragments, distance) =
                chain(pattern, hay, &within, budget, anchor, span, a.distance)?;
            Some(NearMatch {
                fragments,
                distance,
                also: None,
            })
        })
        .collect()
}

/// The fragments around fragment `anchor`, found at `span`: those after it
/// each at its best place within its gap bound after the one before, those
/// before it each at its best place (the nearest among equals) within its
/// bound before the one after.
fn chain(
    pattern: &QuotePattern,
    hay: &str,
    within: &Range<usize>,
    budget: fn(usize) -> usize,
    anchor: usize,
    span: Range<usize>,
    distance: usize,
) -> Option<(Vec<Range<usize>>, usize)> {
    let bytes = hay.as_bytes();
    let mut distance = distance;
    let mut before: Vec<Range<usize>> = Vec::new();
    let mut next_start = span.start;
    for i in (0..anchor).rev() {
        let fragment = &pattern.fragments[i];
        let needle = fragment.folded.as_bytes();
        let k = budget(needle.len());
        // The gap bound belongs to the fragment after this one.
        let reach = pattern.fragments[i + 1].max_gap() + needle.len() + k;
        let start = within.start.max(next_start.saturating_sub(reach));
        let region = start.min(next_start)..next_start;
        let found = alignments(needle, &bytes[region.clone()], k)
            .into_iter()
            .min_by_key(|a| (a.distance, std::cmp::Reverse(a.end)))?;
        let found_span = widen(hay, region.start + found.start..region.start + found.end);
        let found_span = take_edge_punctuation(hay, found_span, &fragment.folded);
        distance += found.distance;
        next_start = found_span.start;
        before.push(found_span);
    }
    before.reverse();
    let mut fragments = before;
    fragments.push(span);
    for fragment in &pattern.fragments[anchor + 1..] {
        let needle = fragment.folded.as_bytes();
        let k = budget(needle.len());
        let prev = fragments.last()?.end;
        let end = within.end.min(prev + fragment.max_gap() + needle.len() + k);
        let region = prev.min(end)..end;
        let found = best_alignment(needle, &bytes[region.clone()], k)?;
        let found_span = widen(hay, region.start + found.start..region.start + found.end);
        let found_span = take_edge_punctuation(hay, found_span, &fragment.folded);
        distance += found.distance;
        fragments.push(found_span);
    }
    Some((fragments, distance))
}

/// A second place whose distance is within one edit (or a tenth) of the best.
fn runner_up(
    needle: &[u8],
    hay: &str,
    region: Range<usize>,
    k: usize,
    best: usize,
    best_span: &Range<usize>,
) -> Option<Range<usize>> {
    let slack = 1.max(best / 10);
    alignments(needle, &hay.as_bytes()[region.clone()], k)
        .into_iter()
        .map(|a| {
            (
                a.distance,
                widen(hay, region.start + a.start..region.start + a.end),
            )
        })
        .filter(|(d, span)| {
            *d <= best + slack && (span.end <= best_span.start || span.start >= best_span.end)
        })
        .min_by_key(|(d, span)| (*d, span.start))
        .map(|(_, span)| span)
}

/// Takes in the punctuation the quote begins or ends with when the passage
/// has it just outside the alignment, so the diff does not show it as added.
pub(super) fn take_edge_punctuation(
    hay: &str,
    mut span: Range<usize>,
    quote: &str,
) -> Range<usize> {
    if let Some(last) = quote
        .chars()
        .next_back()
        .filter(|c| c.is_ascii_punctuation())
    {
        if hay[span.end..].starts_with(last) {
            span.end += last.len_utf8();
        }
    }
    if let Some(first) = quote.chars().next().filter(|c| c.is_ascii_punctuation()) {
        if hay[..span.start].ends_with(first) {
            span.start -= first.len_utf8();
        }
    }
    span
}

/// Snaps a byte range to characters, then to whole words, then trims spaces:
/// an alignment may begin or end inside a word, a reader cites whole words.
pub(super) fn widen(hay: &str, r: Range<usize>) -> Range<usize> {
    let mut start = r.start.min(hay.len());
    let mut end = r.end.min(hay.len()).max(start);
    while !hay.is_char_boundary(start) {
        start -= 1;
    }
    while !hay.is_char_boundary(end) {
        end += 1;
    }
    let word = |c: char| c.is_alphanumeric();
    while let (Some(before), Some(at)) = (
        hay[..start].chars().next_back(),
        hay[start..].chars().next(),
    ) {
        if !(word(before) && word(at)) {
            break;
        }
        start -= before.len_utf8();
    }
    while let (Some(before), Some(at)) = (hay[..end].chars().next_back(), hay[end..].chars().next())
    {
        if !(word(before) && word(at)) {
            break;
        }
        end += at.len_utf8();
    }
    while start < end && hay[start..].starts_with(' ') {
        start += 1;
    }
    while end > start && hay[..end].ends_with(' ') {
        end -= 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    fn find(quote: &str, source: &str) -> Option<(String, usize)> {
        let hay = fold(source).text;
        let m = near_match(
            &QuotePattern::parse(quote),
            &hay,
            0..hay.len(),
            misquote_budget,
        )?;
        Some((hay[m.fragments[0].clone()].to_string(), m.distance))
    }

    #[test]
    fn a_dropped_word_is_a_near_match_on_whole_words() {
        let src = "decrease international dependence on AI technologies developed by our adversaries by supporting";
        let (passage, d) = find("AI technologies developed by adversaries", src).unwrap();
        assert_eq!(passage, "ai technologies developed by our adversaries");
        assert_eq!(d, 4);
    }

    #[test]
    fn another_sentence_is_not_a_near_match() {
        assert_eq!(
            find(
                "we will lift every export control on chips",
                "The plan outlines America's national effort to remain the leader."
            ),
            None
        );
    }

    #[test]
    fn short_quotes_must_be_exact() {
        assert_eq!(misquote_budget(7), 0);
        assert_eq!(find("AI plan", "the AI plot"), None);
        // A word cut short is still a near match, widened to the whole word.
        assert_eq!(
            find("AI plan", "the AI plans"),
            Some(("ai plans".to_string(), 0))
        );
    }

    #[test]
    fn a_second_place_nearly_as_close_is_named() {
        let src = "the program shall support exports. later: the programs shall support exports.";
        let hay = fold(src).text;
        let m = near_match(
            &QuotePattern::parse("the program will support exports"),
            &hay,
            0..hay.len(),
            misquote_budget,
        )
        .unwrap();
        assert!(m.also.is_some(), "{m:?}");
    }

    #[test]
    fn an_elided_quote_is_placed_by_its_longest_fragment() {
        // "No" stands everywhere; the first places of it are not the quote's.
        let src =
            "No, no. No! Not now. ... He said: No... yes. I mean I know very little about it.";
        let hay = fold(src).text;
        let pattern = QuotePattern::parse("No... yes. greatcoat mean I know very little about it.");
        let found = candidates(&pattern, &hay, 0..hay.len(), closest_budget, 8);
        let best = found.iter().min_by_key(|m| m.distance).unwrap();
        assert_eq!(&hay[best.fragments[0].clone()], "no");
        assert_eq!(
            &hay[best.fragments[1].clone()],
            "yes. i mean i know very little about it."
        );
        assert!(best.fragments[0].start > hay.find("he said").unwrap());
    }

    #[test]
    fn widening_never_cuts_characters() {
        let hay = "une diplomatie bilatérale puissante";
        let inside_e = hay.find('é').unwrap() + 1;
        assert_eq!(
            widen(hay, inside_e..inside_e + 2),
            15..hay.find(" puissante").unwrap()
        );
    }
}
