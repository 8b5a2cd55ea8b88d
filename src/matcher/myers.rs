//! Myers' bit-parallel edit distance, in Hyyrö's block formulation so that
//! patterns of any length work: a column of the DP matrix is kept as
//! ⌈m/64⌉ pairs of bit vectors (vertical +1 / −1 deltas), and one text byte
//! costs ⌈m/64⌉ block updates.
//!
//! Two boundary conditions are needed: the top row free (0 everywhere) for an
//! infix search, where an alignment may start anywhere, and the top row
//! counting up (the text is anchored at its first byte) to find where an
//! alignment starts by scanning backwards from its end.

const WORD: usize = 64;

/// A pattern's bit profile, built once and used for any number of scans.
pub(crate) struct Myers {
    /// `peq[byte * blocks + b]`: bit `i` is set when `pattern[64 b + i] == byte`.
    peq: Vec<u64>,
    blocks: usize,
    len: usize,
}

impl Myers {
    /// The profile of a non-empty pattern.
    pub(crate) fn new(pattern: &[u8]) -> Self {
        debug_assert!(!pattern.is_empty());
        let blocks = pattern.len().div_ceil(WORD).max(1);
        let mut peq = vec![0u64; 256 * blocks];
        for (i, &c) in pattern.iter().enumerate() {
            peq[c as usize * blocks + i / WORD] |= 1u64 << (i % WORD);
        }
        Myers {
            peq,
            blocks,
            len: pattern.len(),
        }
    }

    /// The profile of the pattern read backwards.
    pub(crate) fn reversed(pattern: &[u8]) -> Self {
        let rev: Vec<u8> = pattern.iter().rev().copied().collect();
        Myers::new(&rev)
    }

    /// Runs the DP over `bytes` and calls `f(j, score)` after the `j`-th byte
    /// (1-based) with the edit distance in the last row; stops when `f`
    /// returns false. `anchored` makes the top row count up (alignment must
    /// start at the first byte) instead of staying 0 (start anywhere).
    #[inline]
    pub(crate) fn scan<I, F>(&self, bytes: I, anchored: bool, mut f: F)
    where
        I: Iterator<Item = u8>,
        F: FnMut(usize, usize) -> bool,
    {
        let last_bit = (self.len - 1) % WORD;
        let mut score = self.len;
        if self.blocks == 1 {
            let peq = &self.peq;
            let mut pv = !0u64;
            let mut mv = 0u64;
            let top = anchored as u64;
            for (j, c) in bytes.enumerate() {
                let eq = peq[c as usize];
                let xv = eq | mv;
                let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
                let mut ph = mv | !(xh | pv);
                let mut mh = pv & xh;
                score += ((ph >> last_bit) & 1) as usize;
                score -= ((mh >> last_bit) & 1) as usize;
                ph = (ph << 1) | top;
                mh <<= 1;
                pv = mh | !(xv | ph);
                mv = ph & xv;
                if !f(j + 1, score) {
                    return;
                }
            }
            return;
        }
        let nb = self.blocks;
        let mut pv = vec![!0u64; nb];
        let mut mv = vec![0u64; nb];
        for (j, c) in bytes.enumerate() {
            let eqs = &self.peq[c as usize * nb..(c as usize + 1) * nb];
            // Horizontal delta entering the block from above: the top row.
            let mut hin: i32 = anchored as i32;
            for b in 0..nb {
                let eq = eqs[b];
                let p = pv[b];
                let m = mv[b];
                let hneg = (hin < 0) as u64;
                let xv = eq | m;
                let eqh = eq | hneg;
                let xh = ((eqh & p).wrapping_add(p) ^ p) | eqh;
                let mut ph = m | !(xh | p);
                let mut mh = p & xh;
                if b + 1 == nb {
                    score += ((ph >> last_bit) & 1) as usize;
                    score -= ((mh >> last_bit) & 1) as usize;
                }
                let hout = (ph >> 63) as i32 - (mh >> 63) as i32;
                ph = (ph << 1) | (hin > 0) as u64;
                mh = (mh << 1) | hneg;
                pv[b] = mh | !(xv | ph);
                mv[b] = ph & xv;
                hin = hout;
            }
            if !f(j + 1, score) {
                return;
            }
        }
    }

    /// The smallest infix distance `d ≤ max_distance` of the pattern in
    /// `text`, with the first (smallest) exclusive end where it is reached.
    pub(crate) fn best_end(&self, text: &[u8], max_distance: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        let mut bound = max_distance;
        self.scan(text.iter().copied(), false, |j, s| {
            if s <= bound {
                best = Some((s, j));
                if s == 0 {
                    return false;
                }
                // Later ends only matter if strictly better.
                bound = s - 1;
            }
            true
        });
        best
    }

    /// For a reversed profile: the smallest start `s` such that
    /// `text[s..end]` is at `distance` from the pattern, where `distance` is
    /// the best infix distance over alignments ending at `end`. Such a span
    /// is at most `len + distance` long, so only that much text is read.
    pub(crate) fn leftmost_start(&self, text: &[u8], end: usize, distance: usize) -> usize {
        let lo = end.saturating_sub(self.len + distance);
        let window = &text[lo..end];
        let mut longest = 0;
        self.scan(window.iter().rev().copied(), true, |t, s| {
            if s == distance {
                longest = t;
            }
            true
        });
        end - longest
    }
}
