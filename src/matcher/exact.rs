//! Exact search of a folded quote in folded text, at word boundaries: a quote
//! of "act" must not be found inside "action".

use std::ops::Range;

use memchr::memmem;

/// Every occurrence of `needle` in `hay[within]` that starts and ends at a
/// word boundary, in order. Ranges are offsets in `hay`.
pub fn find_all(needle: &str, hay: &str, within: Range<usize>) -> Vec<Range<usize>> {
    find_iter(&memmem::Finder::new(needle.as_bytes()), needle, hay, within).collect()
}

/// [`find_all`] with the needle's finder built once by the caller (a search
/// that looks in many small stretches), and without collecting.
pub fn find_iter<'a>(
    finder: &'a memmem::Finder<'a>,
    needle: &'a str,
    hay: &'a str,
    within: Range<usize>,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let within = clamp(hay, within);
    let base = within.start;
    // An empty needle would match everywhere: it matches nowhere.
    let bytes =
        (!needle.is_empty() && within.len() >= needle.len()).then(|| &hay.as_bytes()[within]);
    bytes
        .into_iter()
        .flat_map(move |b| finder.find_iter(b))
        .map(move |i| base + i..base + i + needle.len())
        .filter(move |r| at_word_boundaries(hay, needle, r.clone()))
}

/// The first occurrence, as [`find_all`] would list it.
pub fn find_first(needle: &str, hay: &str, within: Range<usize>) -> Option<Range<usize>> {
    let within = clamp(hay, within);
    if needle.is_empty() || within.len() < needle.len() {
        return None;
    }
    let finder = memmem::Finder::new(needle.as_bytes());
    let bytes = hay.as_bytes();
    let mut from = within.start;
    while from + needle.len() <= within.end {
        let i = finder.find(&bytes[from..within.end])?;
        let r = from + i..from + i + needle.len();
        if at_word_boundaries(hay, needle, r.clone()) {
            return Some(r);
        }
        from = r.start + 1;
    }
    None
}

fn clamp(hay: &str, r: Range<usize>) -> Range<usize> {
    let end = r.end.min(hay.len());
    r.start.min(end)..end
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// A match may not cut a word in two: where the quote begins (ends) with a
/// word character, the text before (after) it must not be one.
fn at_word_boundaries(hay: &str, needle: &str, r: Range<usize>) -> bool {
    let starts_word = needle.chars().next().is_some_and(is_word);
    let ends_word = needle.chars().next_back().is_some_and(is_word);
    let before = hay.get(..r.start).and_then(|s| s.chars().next_back());
    let after = hay.get(r.end..).and_then(|s| s.chars().next());
    let cuts_start = starts_word && before.is_some_and(is_word);
    let cuts_end = ends_word && after.is_some_and(is_word);
    !cuts_start && !cuts_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_only() {
        let hay = "the action plan: an act of the state, act.";
        assert_eq!(find_all("act", hay, 0..hay.len()), vec![20..23, 38..41]);
        assert_eq!(find_first("act", hay, 0..hay.len()), Some(20..23));
        assert_eq!(find_first("act", hay, 24..hay.len()), Some(38..41));
    }

    #[test]
    fn punctuation_at_the_edges_needs_no_boundary() {
        let hay = "plan:\"ai\" is";
        assert_eq!(find_first(":\"ai", hay, 0..hay.len()), Some(4..8));
    }

    #[test]
    fn respects_the_range_and_survives_bad_ranges() {
        let hay = "état état";
        assert_eq!(find_first("état", hay, 1..hay.len()), Some(6..11));
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 50..10;
        assert_eq!(find_first("état", hay, backwards), None);
        assert!(find_all("", hay, 0..hay.len()).is_empty());
        // A boundary inside a multi-byte character does not panic.
        assert_eq!(find_first("tat", hay, 0..hay.len()), None);
    }
}
