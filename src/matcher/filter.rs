//! Many quotes searched at once in one large text: filter, then verify.
//!
//! Pigeonhole: cut a pattern into `k + 1` pieces; an alignment with at most
//! `k` edits leaves at least one piece untouched, so it contains that piece
//! verbatim. All pieces of all patterns are found in one pass over the
//! text (`PieceIndex`: a word-hash filter, several times faster than an
//! Aho-Corasick automaton over thousands of pieces); each hit implies where
//! the pattern would start (± `k`), and Myers runs only on the window
//! `[start − k, start + m + k)` around it (windows of one pattern merged).
//! A window holding a verbatim occurrence at an implied start is settled
//! without Myers (distance 0). Results are exactly those of
//! [`best_alignment`](super::best_alignment), tie-breaking included: the
//! optimal alignment lies inside the window of its intact piece, and windows
//! are verified in text order, each only looking for something strictly
//! better than what came before.
//!
//! Fallback: when a piece would be shorter than [`MIN_PIECE`] bytes
//! (`m / (k + 1) < 5`, a short quote or a large budget) pieces are too
//! common to filter anything, and that pattern gets a full Myers scan of
//! the text, after a memmem check for a verbatim occurrence.

use memchr::memmem;

use super::approx::{span_ending_at, trivial, Alignment};
use super::budget::{charge, scan_cells};
use super::myers::Myers;
use super::pieces::PieceIndex;

/// Shortest piece worth filtering on. Four-byte pieces of English prose
/// (`"the "`, `"ing "`) occur every few dozen bytes, which makes the filter
/// slower than a full scan.
pub const MIN_PIECE: usize = 5;

/// Quotes with their error budgets, prepared for searching texts.
///
/// Cost of [`find`](Self::find): one pass over the text (a hash and a bit
/// test per byte), then per pattern Myers over its merged windows, whose
/// total length is at most `min(n, hits·(m + 2k))`; so O(n + Σ ⌈m/64⌉·n)
/// at worst, as if every pattern were scanned, and on prose about the pass
/// alone. Patterns that fall back (see [`MIN_PIECE`]) cost a full scan each.
pub struct QuoteSearch {
    patterns: Vec<Vec<u8>>,
    budgets: Vec<usize>,
    /// Every distinct piece (None: nothing to filter).
    pieces: Option<PieceIndex>,
    /// For each distinct piece: (pattern index, offset of the piece in it).
    owners: Vec<Vec<(u32, u32)>>,
    /// Patterns searched by a full scan (see [`MIN_PIECE`]).
    full_scan: Vec<usize>,
}

impl QuoteSearch {
    /// Prepares `patterns[i]` to be found with at most `max_distance[i]`
    /// edits. A missing budget counts as 0.
    pub fn new(patterns: &[&[u8]], max_distance: &[usize]) -> Self {
        let budgets: Vec<usize> = (0..patterns.len())
            .map(|i| max_distance.get(i).copied().unwrap_or(0))
            .collect();
        let mut distinct: std::collections::HashMap<&[u8], usize> = Default::default();
        let mut piece_list: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut full_scan = Vec::new();
        for (i, (&p, &k)) in patterns.iter().zip(&budgets).enumerate() {
            if p.is_empty() {
                continue;
            }
            let count = k.saturating_add(1);
            let piece_len = p.len() / count;
            if piece_len < MIN_PIECE {
                full_scan.push(i);
                continue;
            }
            // Equal pieces, the remainder spread one byte each over the first.
            let extra = p.len() % count;
            let mut at = 0;
            for c in 0..count {
                let len = piece_len + (c < extra) as usize;
                let piece = &p[at..at + len];
                let id = *distinct.entry(piece).or_insert_with(|| {
                    piece_list.push(piece.to_vec());
                    owners.push(Vec::new());
                    piece_list.len() - 1
                });
                owners[id].push((i as u32, at as u32));
                at += len;
            }
        }
        let pieces = (!piece_list.is_empty()).then(|| PieceIndex::new(piece_list));
        QuoteSearch {
            patterns: patterns.iter().map(|p| p.to_vec()).collect(),
            budgets,
            pieces,
            owners,
            full_scan,
        }
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Best alignment of every pattern in `text`, in pattern order; each
    /// equal to `best_alignment(pattern, text, budget)`.
    pub fn find(&self, text: &[u8]) -> Vec<Option<Alignment>> {
        let mut out: Vec<Option<Alignment>> = vec![None; self.patterns.len()];
        for (i, p) in self.patterns.iter().enumerate() {
            if let Some(t) = trivial(p, text, self.budgets[i]) {
                out[i] = t;
            }
        }
        if text.is_empty() {
            return out;
        }
        for &i in &self.full_scan {
            out[i] = full_scan(&self.patterns[i], text, self.budgets[i]);
        }
        let Some(index) = &self.pieces else {
            return out;
        };

        // (pattern, implied start + m) for every piece hit: shifted by m so
        // that starts before the text (a hit near its beginning) fit.
        let mut hits: Vec<(u32, u64)> = Vec::new();
        index.for_each_match(text, |id, pos| {
            for &(pat, off) in &self.owners[id] {
                let shifted = pos + self.patterns[pat as usize].len() - off as usize;
                hits.push((pat, shifted as u64));
            }
        });
        let mut wide = hits;
        wide.sort_unstable();
        wide.dedup();

        let mut i = 0;
        while i < wide.len() {
            let pat = wide[i].0;
            let j = i + wide[i..].partition_point(|&(p, _)| p == pat);
            let pattern = &self.patterns[pat as usize];
            let starts = wide[i..j].iter().map(|&(_, s)| s as usize);
            out[pat as usize] = verify(pattern, self.budgets[pat as usize], text, starts);
            i = j;
        }
        out
    }
}

/// At most this many pieces are searched one by one with memmem by
/// [`single_filtered`]; past that, one Myers scan is cheaper.
const MAX_SINGLE_PIECES: usize = 16;

/// At most this many piece hits are verified by [`single_filtered`]: a piece
/// found at nearly every position of a repetitive text filters nothing, and
/// its hit list would take 8 bytes per text byte. Past it, one Myers scan
/// (same answer).
const MAX_SINGLE_HITS: usize = 1 << 20;

/// `best_alignment` through the filter for one pattern: each of its `k + 1`
/// pieces found with memmem (several GB/s) and Myers run only around the
/// hits. `None` when the pieces would be too short or too many (see
/// [`MIN_PIECE`]); the caller then scans the whole text.
pub(crate) fn single_filtered(pattern: &[u8], text: &[u8], k: usize) -> Option<Option<Alignment>> {
    let m = pattern.len();
    let count = k.checked_add(1)?;
    let piece_len = m / count;
    if piece_len < MIN_PIECE || count > MAX_SINGLE_PIECES {
        return None;
    }
    // memmem reads several bytes per cell's time: an eighth of a cell a byte.
    if !charge((count as u64).saturating_mul(text.len() as u64).div_ceil(8)) {
        return Some(None);
    }
    let extra = m % count;
    let mut shifted: Vec<usize> = Vec::new();
    let mut at = 0;
    for c in 0..count {
        let len = piece_len + (c < extra) as usize;
        let piece = &pattern[at..at + len];
        // memmem's iterator skips overlapping occurrences, which a periodic
        // piece ("aaaaa", "ababab") needs: restart one byte after each.
        let finder = memmem::Finder::new(piece);
        let mut from = 0;
        while let Some(pos) = text.get(from..).and_then(|rest| finder.find(rest)) {
            if shifted.len() >= MAX_SINGLE_HITS {
                return None;
            }
            shifted.push(from + pos + m - at);
            from += pos + 1;
        }
        at += len;
    }
    shifted.sort_unstable();
    shifted.dedup();
    Some(verify(pattern, k, text, shifted.into_iter()))
}

/// Verbatim occurrence first (memmem is far faster than Myers), else Myers.
fn full_scan(pattern: &[u8], text: &[u8], k: usize) -> Option<Alignment> {
    if let Some(start) = memmem::find(text, pattern) {
        return Some(Alignment {
            start,
            end: start + pattern.len(),
            distance: 0,
        });
    }
    if k == 0 {
        return None;
    }
    let (distance, end) = Myers::new(pattern).best_end(text, k)?;
    Some(span_ending_at(pattern, text, end, distance))
}

/// Best alignment of `pattern` among the windows around the implied
/// starts (sorted, each given plus `m` so that negative starts fit).
fn verify(
    pattern: &[u8],
    k: usize,
    text: &[u8],
    shifted_starts: impl Iterator<Item = usize>,
) -> Option<Alignment> {
    let m = pattern.len();
    // Merge windows [s − k, s + m + k) (s = shifted − m).
    let mut windows: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for shifted in shifted_starts {
        let lo = shifted.saturating_sub(m.saturating_add(k)).min(text.len());
        let hi = shifted.saturating_add(k).min(text.len());
        let start = shifted.checked_sub(m);
        // A verbatim occurrence at the implied start settles the window.
        let exact = start.filter(|&s| text.get(s..s + m) == Some(pattern));
        match windows.last_mut() {
            Some(w) if lo <= w.1 => {
                w.1 = w.1.max(hi);
                w.2 = w.2.or(exact);
            }
            _ => windows.push((lo, hi, exact)),
        }
    }
    // Worst case: Myers over every window, and the way back from the end.
    let bytes = windows
        .iter()
        .map(|w| w.1.saturating_sub(w.0))
        .fold(m.saturating_add(k.min(m)), usize::saturating_add);
    if !charge(scan_cells(m, bytes)) {
        return None;
    }
    let myers = Myers::new(pattern);
    let mut best: Option<(usize, usize)> = None;
    for (lo, hi, exact) in windows {
        let bound = match best {
            Some((0, _)) => break,
            Some((d, _)) => d - 1,
            None => k,
        };
        if let Some(s) = exact {
            best = Some((0, s + m));
            break;
        }
        if hi <= lo {
            continue;
        }
        if let Some((d, end)) = myers.best_end(&text[lo..hi], bound) {
            best = Some((d, lo + end));
        }
    }
    let (distance, end) = best?;
    Some(span_ending_at(pattern, text, end, distance))
}

#[cfg(test)]
mod tests {
    use super::super::approx::best_alignment;
    use super::super::approx::tests::Lcg;
    use super::*;

    fn check(patterns: &[Vec<u8>], budgets: &[usize], text: &[u8]) {
        let refs: Vec<&[u8]> = patterns.iter().map(|p| p.as_slice()).collect();
        let search = QuoteSearch::new(&refs, budgets);
        let got = search.find(text);
        for (i, p) in patterns.iter().enumerate() {
            let want = best_alignment(p, text, budgets[i]);
            assert_eq!(got[i], want, "pattern {i} {:?}", String::from_utf8_lossy(p));
        }
    }

    #[test]
    fn workloads_equal_best_alignment() {
        let mut rng = Lcg(2024);
        for case in 0..40 {
            let alphabet: &[u8] = match case % 3 {
                0 => b"abcdefghijklmnopqrstuvwxyz     ,.",
                1 => b"acgt",
                _ => b"ab ",
            };
            let n = 2000 + rng.below(20_000);
            let text = rng.bytes(n, alphabet);
            let mut patterns = Vec::new();
            let mut budgets = Vec::new();
            for q in 0..30 {
                let m = match q % 4 {
                    0 => 1 + rng.below(12),
                    1 => 60 + rng.below(140),
                    2 => 64 + rng.below(80),
                    _ => 20 + rng.below(60),
                };
                let k = match q % 3 {
                    0 => rng.below(6),
                    1 => rng.below(3),
                    _ => rng.below(m + 2),
                };
                let p = if q % 5 == 4 || n < m + 1 {
                    rng.bytes(m, alphabet)
                } else {
                    let at = rng.below(n - m);
                    let edits = rng.below(7);
                    rng.mutate(&text[at..at + m], edits, alphabet)
                };
                patterns.push(p);
                budgets.push(k);
            }
            // Repeated patterns and repeated pieces.
            patterns.push(patterns[1].clone());
            budgets.push(budgets[1] + 1);
            patterns.push(Vec::new());
            budgets.push(0);
            check(&patterns, &budgets, &text);
            check(&patterns, &budgets, &text[..n / 3]);
            check(&patterns, &budgets, b"");
        }
    }

    #[test]
    fn periodic_texts_equal_reference() {
        // Overlapping piece occurrences must all be found.
        let mut rng = Lcg(31);
        for case in 0..200 {
            let unit = rng.bytes(1 + case % 4, b"ab");
            let mut text: Vec<u8> = unit
                .iter()
                .copied()
                .cycle()
                .take(300 + rng.below(300))
                .collect();
            let at = rng.below(200);
            let m = 20 + rng.below(60);
            let edits = rng.below(4);
            let pattern = rng.mutate(&text[at..at + m], edits, b"abc");
            let noise = rng.below(5);
            text = rng.mutate(&text, noise, b"abc");
            let k = rng.below(4);
            assert_eq!(
                best_alignment(&pattern, &text, k),
                super::super::approx::tests::reference(&pattern, &text, k),
                "case {case}"
            );
            check(&[pattern], &[k], &text);
        }
    }

    #[test]
    fn repeated_text_ties() {
        // Many equally good places: the first end must win, as in Myers.
        let unit = b"the cat sat on the mat. ";
        let text: Vec<u8> = unit.iter().copied().cycle().take(5000).collect();
        let patterns = vec![
            b"cat sat on the mat. the cat sat on the hat".to_vec(),
            b"the cat sat on the mat. the cat sat on the mat.".to_vec(),
            b"sat on thee mat. the cat".to_vec(),
        ];
        check(&patterns, &[0, 2, 3], &text);
        check(&patterns, &[5, 5, 5], &text);
    }

    #[test]
    fn missing_budgets_count_as_zero() {
        let search = QuoteSearch::new(&[b"hello world", b"hello"], &[]);
        let got = search.find(b"say hello world");
        assert_eq!(got[0].map(|a| (a.start, a.end)), Some((4, 15)));
        assert_eq!(got[1].map(|a| a.distance), Some(0));
        assert_eq!(search.len(), 2);
    }
}
