//! Approximate (edit-distance) search of a folded quote in folded text.
//!
//! Infix mode: an alignment may start and end anywhere in the text, and its
//! distance is the Levenshtein distance (unit substitutions, insertions,
//! deletions) between the pattern and the text span. Bytes are compared as
//! they are; the caller folds both sides first.
//!
//! Which span is reported when several are equally good matters for
//! reproducible reports, so the rule is fixed and is the one edlib's `HW`
//! mode uses for its first location: the smallest distance, then the
//! smallest end, then for that end the smallest start (the longest span,
//! which prefers a mismatch at the edge over an insertion).
//!
//! Cost: when the budget leaves pieces of at least 5 bytes (`m/(k+1) ≥ 5`,
//! at most 16 pieces), the `k + 1` pieces are found with memmem and Myers
//! runs only around them (see [`super::filter`]); otherwise one forward
//! Myers scan, ⌈m/64⌉ word operations per text byte (about one when `k` is
//! small: Ukkonen's cut-off). Either way a backward scan of at most
//! `m + distance` bytes finds the start. Worst case O((k+1)·n) memmem plus
//! O(⌈m/64⌉·n) Myers per call, whatever the hits. Memory: a hit list of at
//! most 2²⁰ entries (past that, one Myers scan), a 2 KiB-per-block pattern
//! profile. Inside [`super::budget::with_budget`] each scan is charged its
//! worst case before it runs, and refused (no alignment) past the budget.

use super::budget::{charge, scan_cells};
use super::filter::single_filtered;
use super::myers::Myers;

/// One alignment of a pattern with a span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Alignment {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span (`text[start..end]`).
    pub end: usize,
    /// Edit distance between the pattern and `text[start..end]`.
    pub distance: usize,
}

/// Best infix alignment of `pattern` in `text` with at most `max_distance`
/// edits, or `None` if there is none.
///
/// An empty pattern aligns with the empty span at 0. In an empty text the
/// only span is the empty one, at distance `pattern.len()`. Otherwise spans
/// are never empty (as in edlib), so a pattern with no byte in common with
/// the text aligns with one byte of it at distance `pattern.len()`.
pub fn best_alignment(pattern: &[u8], text: &[u8], max_distance: usize) -> Option<Alignment> {
    if let Some(trivial) = trivial(pattern, text, max_distance) {
        return trivial;
    }
    if let Some(filtered) = single_filtered(pattern, text, max_distance) {
        return filtered;
    }
    myers_best_alignment(pattern, text, max_distance)
}

/// [`best_alignment`] by one Myers scan of the whole text, without the
/// piece filter.
pub fn myers_best_alignment(pattern: &[u8], text: &[u8], max_distance: usize) -> Option<Alignment> {
    if let Some(trivial) = trivial(pattern, text, max_distance) {
        return trivial;
    }
    // The scan, then the way back from the end (at most m + k bytes).
    let back = pattern
        .len()
        .saturating_add(max_distance.min(pattern.len()));
    if !charge(scan_cells(pattern.len(), text.len().saturating_add(back))) {
        return None;
    }
    let (distance, end) = Myers::new(pattern).best_end(text, max_distance)?;
    Some(span_ending_at(pattern, text, end, distance))
}

/// The alignment ending at `end` with the given (optimal for that end)
/// distance, started as far left as possible.
pub(crate) fn span_ending_at(
    pattern: &[u8],
    text: &[u8],
    end: usize,
    distance: usize,
) -> Alignment {
    let start = Myers::reversed(pattern).leftmost_start(text, end, distance);
    Alignment {
        start,
        end,
        distance,
    }
}

/// The answers that need no scan: empty pattern or empty text.
pub(crate) fn trivial(
    pattern: &[u8],
    text: &[u8],
    max_distance: usize,
) -> Option<Option<Alignment>> {
    if pattern.is_empty() {
        return Some(Some(Alignment {
            start: 0,
            end: 0,
            distance: 0,
        }));
    }
    if text.is_empty() {
        let distance = pattern.len();
        return Some((distance <= max_distance).then_some(Alignment {
            start: 0,
            end: 0,
            distance,
        }));
    }
    None
}

/// At most this many candidate ends are turned into spans by [`alignments`];
/// the best ones are kept. Only reached when `max_distance` is so large
/// relative to the pattern that almost every position qualifies.
const MAX_CANDIDATES: usize = 10_000;

/// Every local best alignment within `max_distance`, non-overlapping, in
/// text order: for telling whether a quote is ambiguous (a second place
/// nearly as good as the best).
///
/// Candidates are the ends where the distance reaches a local minimum (the
/// first end of a plateau); they are taken best first (distance, then end),
/// each with its leftmost start as in [`best_alignment`], and kept when their
/// span overlaps no span kept before. The first element by distance is thus
/// always [`best_alignment`]'s answer.
///
/// Cost: the forward scan of [`best_alignment`], plus one backward scan of
/// `m + k` bytes per candidate (at most [`MAX_CANDIDATES`]).
pub fn alignments(pattern: &[u8], text: &[u8], max_distance: usize) -> Vec<Alignment> {
    if let Some(trivial) = trivial(pattern, text, max_distance) {
        return trivial.into_iter().collect();
    }
    if !charge(scan_cells(pattern.len(), text.len())) {
        return Vec::new();
    }
    let forward = Myers::new(pattern);
    // (distance, end) of each local minimum, the best MAX_CANDIDATES kept as
    // the scan goes (a max-heap): a repetitive text has a minimum every few
    // bytes, and keeping them all would take 16 bytes per text byte.
    let mut best = std::collections::BinaryHeap::with_capacity(MAX_CANDIDATES + 1);
    let mut keep = |c: (usize, usize)| {
        best.push(c);
        if best.len() > MAX_CANDIDATES {
            best.pop();
        }
    };
    let mut prev = usize::MAX;
    // A descent (or the start) followed by the first rise closes a minimum.
    let mut pending: Option<(usize, usize)> = None;
    forward.scan(text.iter().copied(), false, |j, s| {
        if s < prev {
            pending = (s <= max_distance).then_some((s, j));
        } else if s > prev {
            if let Some(c) = pending.take() {
                keep(c);
            }
        }
        prev = s;
        true
    });
    if let Some(c) = pending {
        keep(c);
    }
    let candidates = best.into_sorted_vec();
    // Each candidate's start: a backward scan of at most m + k bytes.
    let back = pattern
        .len()
        .saturating_add(max_distance.min(pattern.len()));
    let cells = scan_cells(pattern.len(), back).saturating_mul(candidates.len() as u64);
    if !charge(cells) {
        return Vec::new();
    }

    let reverse = Myers::reversed(pattern);
    let mut kept: Vec<Alignment> = Vec::new();
    // Kept spans by start, to test overlap in O(log k).
    let mut by_start: std::collections::BTreeMap<usize, usize> = Default::default();
    for (distance, end) in candidates {
        let start = reverse.leftmost_start(text, end, distance);
        let before = by_start.range(..end).next_back();
        let overlaps = before.is_some_and(|(_, &e)| e > start);
        if !overlaps {
            by_start.insert(start, end);
            kept.push(Alignment {
                start,
                end,
                distance,
            });
        }
    }
    kept.sort_unstable_by_key(|a| (a.start, a.end));
    kept
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) use crate::test_rng::Lcg;

    /// Plain global edit distance.
    pub(crate) fn edit_distance(a: &[u8], b: &[u8]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, &x) in a.iter().enumerate() {
            let mut diag = row[0];
            row[0] = i + 1;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = (diag + (x != y) as usize).min(up + 1).min(row[j] + 1);
                diag = up;
            }
        }
        row[b.len()]
    }

    /// Infix distance of `pattern` at every end `1..=n` (index 0 unused).
    pub(crate) fn infix_row(pattern: &[u8], text: &[u8]) -> Vec<usize> {
        // col[i] = D[i][j]; D[0][j] = 0, D[i][0] = i.
        let mut col: Vec<usize> = (0..=pattern.len()).collect();
        let mut last = vec![pattern.len()];
        for &t in text {
            let mut diag = col[0];
            col[0] = 0;
            for (i, &p) in pattern.iter().enumerate() {
                let left = col[i + 1];
                col[i + 1] = (diag + (p != t) as usize).min(left + 1).min(col[i] + 1);
                diag = left;
            }
            last.push(col[pattern.len()]);
        }
        last
    }

    /// The O(mn) reference: min distance, first end, leftmost start.
    pub(crate) fn reference(pattern: &[u8], text: &[u8], k: usize) -> Option<Alignment> {
        if let Some(t) = trivial(pattern, text, k) {
            return t;
        }
        let row = infix_row(pattern, text);
        let (end, &distance) = row
            .iter()
            .enumerate()
            .skip(1)
            .min_by_key(|&(j, &d)| (d, j))?;
        if distance > k {
            return None;
        }
        // ed(pattern, text[s..end]) for every s at once: a DP of the
        // reversed strings, the reversed text anchored at `end`.
        let mut col: Vec<usize> = (0..=pattern.len()).collect();
        let mut start = end;
        for t in (0..end).rev() {
            let mut diag = col[0];
            col[0] += 1;
            for (i, &p) in pattern.iter().rev().enumerate() {
                let left = col[i + 1];
                col[i + 1] = (diag + (p != text[t]) as usize)
                    .min(left + 1)
                    .min(col[i] + 1);
                diag = left;
            }
            if col[pattern.len()] == distance {
                start = t;
            }
        }
        Some(Alignment {
            start,
            end,
            distance,
        })
    }

    fn check(pattern: &[u8], text: &[u8], k: usize) {
        let got = best_alignment(pattern, text, k);
        let want = reference(pattern, text, k);
        assert_eq!(myers_best_alignment(pattern, text, k), want, "Myers alone");
        assert_eq!(
            got,
            want,
            "pattern {:?} text {:?} k {k}",
            String::from_utf8_lossy(pattern),
            String::from_utf8_lossy(text)
        );
    }

    #[test]
    fn small_cases() {
        check(b"abc", b"xxabcxx", 0);
        check(b"abc", b"xxabxx", 1);
        check(b"abc", b"xxabxx", 0);
        check(b"abc", b"", 3);
        check(b"abc", b"", 2);
        check(b"", b"abc", 0);
        check(b"", b"", 0);
        check(b"abc", b"xyz", 3);
        check(b"abc", b"xyz", 100);
        check(b"a", b"b", 0);
        check(b"aaaa", b"aa", 5);
        check(&[0xff, 0xc3, 0xa9], &[1, 0xc3, 0xa9, 0xff], 2);
    }

    #[test]
    fn developed_by_adversaries() {
        let text = b"the weapons developed by our adversaries are many";
        let a = best_alignment(b"developed by adversaries", text, 5).unwrap();
        assert_eq!(a.distance, 4);
        assert_eq!(&text[a.start..a.end], b"developed by our adversaries");
    }

    #[test]
    fn random_against_reference() {
        let mut rng = Lcg(42);
        for case in 0..600 {
            let alphabet: &[u8] = match case % 3 {
                0 => b"ab",
                1 => b"acgt",
                _ => b"abcdefghij klmnop",
            };
            let m = match case % 5 {
                0 => 1 + rng.below(10),
                1 => 60 + rng.below(10),
                2 => 63 + rng.below(4),
                3 => 120 + rng.below(20),
                _ => 1 + rng.below(200),
            };
            let pattern = rng.bytes(m, alphabet);
            let mut text = {
                let n = rng.below(300);
                rng.bytes(n, alphabet)
            };
            if case % 2 == 0 {
                let edits = rng.below(6);
                let planted = rng.mutate(&pattern, edits, alphabet);
                let at = rng.below(text.len() + 1);
                text.splice(at..at, planted);
            }
            let k = match case % 4 {
                0 => rng.below(6),
                1 => m,
                2 => m + 3,
                _ => rng.below(m + 1),
            };
            check(&pattern, &text, k);
        }
    }

    #[test]
    fn banded_multi_block_small_budgets() {
        // Ukkonen's cut-off is only taken for patterns over 64 bytes with a
        // budget under their length: many of those, with near-copies.
        let mut rng = Lcg(11);
        for case in 0..120 {
            let alphabet: &[u8] = match case % 3 {
                0 => b"ab",
                1 => b"acgt",
                _ => b"etaoin shrdlu",
            };
            let m = 65 + rng.below(300);
            let pattern = rng.bytes(m, alphabet);
            let n = 500 + rng.below(2500);
            let mut text = rng.bytes(n, alphabet);
            for _ in 0..1 + case % 3 {
                let edits = rng.below(12);
                let planted = rng.mutate(&pattern, edits, alphabet);
                let at = rng.below(text.len() + 1);
                text.splice(at..at, planted);
            }
            let k = match case % 4 {
                0 => rng.below(4),
                1 => rng.below(12),
                2 => 60 + rng.below(10),
                _ => rng.below(m / 2),
            };
            check(&pattern, &text, k);
        }
    }

    #[test]
    fn very_long_patterns() {
        let mut rng = Lcg(5);
        for case in 0..6 {
            let alphabet: &[u8] = if case % 2 == 0 { b"ab" } else { b"abcdefgh" };
            let m = 500 + rng.below(200);
            let pattern = rng.bytes(m, alphabet);
            let n = rng.below(400);
            let mut text = rng.bytes(n, alphabet);
            let planted = rng.mutate(&pattern, case * 3, alphabet);
            let at = rng.below(text.len() + 1);
            text.splice(at..at, planted);
            check(&pattern, &text, case * 4);
            check(&pattern, &text, m);
        }
    }

    #[test]
    fn spans_are_optimal() {
        let mut rng = Lcg(7);
        for _ in 0..200 {
            let m = 1 + rng.below(150);
            let pattern = rng.bytes(m, b"abc");
            let text = {
                let n = rng.below(400);
                rng.bytes(n, b"abc")
            };
            if let Some(a) = best_alignment(&pattern, &text, m) {
                assert_eq!(edit_distance(&pattern, &text[a.start..a.end]), a.distance);
                let row = infix_row(&pattern, &text);
                assert!(row[1..].iter().all(|&d| d >= a.distance));
                assert!(row[1..a.end.max(1)].iter().all(|&d| d > a.distance));
            }
        }
    }

    #[test]
    fn alignments_are_disjoint_and_include_best() {
        let mut rng = Lcg(99);
        for case in 0..150 {
            let m = 5 + rng.below(140);
            let alphabet: &[u8] = if case % 2 == 0 { b"abcdefgh" } else { b"ab" };
            let pattern = rng.bytes(m, alphabet);
            let mut text = {
                let n = rng.below(500);
                rng.bytes(n, alphabet)
            };
            for _ in 0..3 {
                let edits = rng.below(4);
                let planted = rng.mutate(&pattern, edits, alphabet);
                let at = rng.below(text.len() + 1);
                text.splice(at..at, planted);
            }
            let k = rng.below(m / 2 + 1);
            let all = alignments(&pattern, &text, k);
            let best = best_alignment(&pattern, &text, k);
            assert_eq!(all.is_empty(), best.is_none());
            if let Some(b) = best {
                assert!(all.contains(&b));
                assert!(all.iter().all(|a| a.distance >= b.distance));
            }
            for w in all.windows(2) {
                assert!(w[0].end <= w[1].start, "{all:?}");
            }
            for a in &all {
                assert!(a.distance <= k);
                assert_eq!(edit_distance(&pattern, &text[a.start..a.end]), a.distance);
            }
        }
    }

    #[test]
    fn alignments_find_both_copies() {
        let text = b"it was the best of times. later: it was the bext of times!";
        let all = alignments(b"it was the best of times", text, 3);
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!(all[0].distance, 0);
        assert_eq!(all[1].distance, 1);
    }
}
