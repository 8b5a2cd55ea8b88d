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

/// Edits a quote of `len` folded bytes may differ by and still be a
/// misquote of the passage rather than another sentence: a quarter of its
/// length (a dropped or changed word or two in a sentence), none below 8 bytes
/// where one edit already makes another word.
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
    let bytes = hay.as_bytes();
    let mut fragments = Vec::new();
    let mut distance = 0;
    let mut also = None;
    for (i, fragment) in pattern.fragments.iter().enumerate() {
        let needle = fragment.folded.as_bytes();
        let k = budget(needle.len());
        let region = match fragments.last() {
            None => within.clone(),
            Some(prev) => {
                let prev: &Range<usize> = prev;
                prev.end
                    ..within
                        .end
                        .min(prev.end + fragment.max_gap() + needle.len() + k)
            }
        };
        let found = best_alignment(needle, &bytes[region.clone()], k)?;
        let span = widen(hay, region.start + found.start..region.start + found.end);
        let span = take_edge_punctuation(hay, span, &fragment.folded);
        if i == 0 {
            also = runner_up(needle, hay, region.clone(), k, found.distance, &span);
        }
        distance += found.distance;
        fragments.push(span);
    }
    let total: usize = pattern.fragments.iter().map(|f| f.folded.len()).sum();
    (distance <= budget(total) && !fragments.is_empty()).then_some(NearMatch {
        fragments,
        distance,
        also,
    })
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
fn take_edge_punctuation(hay: &str, mut span: Range<usize>, quote: &str) -> Range<usize> {
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
fn widen(hay: &str, r: Range<usize>) -> Range<usize> {
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
    fn widening_never_cuts_characters() {
        let hay = "une diplomatie bilatérale puissante";
        let inside_e = hay.find('é').unwrap() + 1;
        assert_eq!(
            widen(hay, inside_e..inside_e + 2),
            15..hay.find(" puissante").unwrap()
        );
    }
}
