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
        match self.blocks {
            2 => self.scan_blocks::<2, I, F>(bytes, anchored, f),
            3 => self.scan_blocks::<3, I, F>(bytes, anchored, f),
            4 => self.scan_blocks::<4, I, F>(bytes, anchored, f),
            5 => self.scan_blocks::<5, I, F>(bytes, anchored, f),
            6 => self.scan_blocks::<6, I, F>(bytes, anchored, f),
            7 => self.scan_blocks::<7, I, F>(bytes, anchored, f),
            8 => self.scan_blocks::<8, I, F>(bytes, anchored, f),
            _ => self.scan_any(bytes, anchored, f),
        }
    }

    /// One block step (Hyyrö): vertical deltas `pv`/`mv` of a 64-row block
    /// are advanced by one column given the match mask `eq` and the
    /// horizontal delta `hin` entering its top; returns the horizontal
    /// deltas leaving each row, before the shift (for the score).
    #[inline(always)]
    fn step(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32) -> (u64, u64) {
        let (p, m) = (*pv, *mv);
        let hneg = (hin < 0) as u64;
        let xv = eq | m;
        let eqh = eq | hneg;
        let xh = ((eqh & p).wrapping_add(p) ^ p) | eqh;
        let ph = m | !(xh | p);
        let mh = p & xh;
        let phs = (ph << 1) | (hin > 0) as u64;
        let mhs = (mh << 1) | hneg;
        *pv = mhs | !(xv | phs);
        *mv = phs & xv;
        (ph, mh)
    }

    /// Multi-block scan with the column held in fixed arrays, so that the
    /// compiler keeps it in registers and unrolls the block loop.
    #[inline]
    fn scan_blocks<const NB: usize, I, F>(&self, bytes: I, anchored: bool, mut f: F)
    where
        I: Iterator<Item = u8>,
        F: FnMut(usize, usize) -> bool,
    {
        let last_bit = (self.len - 1) % WORD;
        let mut score = self.len;
        let mut pv = [!0u64; NB];
        let mut mv = [0u64; NB];
        for (j, c) in bytes.enumerate() {
            let base = c as usize * NB;
            let eqs: &[u64; NB] = self.peq[base..base + NB].try_into().expect("NB blocks");
            let mut hin: i32 = anchored as i32;
            for b in 0..NB - 1 {
                let (ph, mh) = Self::step(&mut pv[b], &mut mv[b], eqs[b], hin);
                hin = (ph >> 63) as i32 - (mh >> 63) as i32;
            }
            let (ph, mh) = Self::step(&mut pv[NB - 1], &mut mv[NB - 1], eqs[NB - 1], hin);
            score += ((ph >> last_bit) & 1) as usize;
            score -= ((mh >> last_bit) & 1) as usize;
            if !f(j + 1, score) {
                return;
            }
        }
    }

    /// Any number of blocks (patterns over 512 bytes).
    fn scan_any<I, F>(&self, bytes: I, anchored: bool, mut f: F)
    where
        I: Iterator<Item = u8>,
        F: FnMut(usize, usize) -> bool,
    {
        let last_bit = (self.len - 1) % WORD;
        let mut score = self.len;
        let nb = self.blocks;
        let mut pv = vec![!0u64; nb];
        let mut mv = vec![0u64; nb];
        for (j, c) in bytes.enumerate() {
            let eqs = &self.peq[c as usize * nb..(c as usize + 1) * nb];
            // Horizontal delta entering the block from above: the top row.
            let mut hin: i32 = anchored as i32;
            for b in 0..nb {
                let (ph, mh) = Self::step(&mut pv[b], &mut mv[b], eqs[b], hin);
                if b + 1 == nb {
                    score += ((ph >> last_bit) & 1) as usize;
                    score -= ((mh >> last_bit) & 1) as usize;
                }
                hin = (ph >> 63) as i32 - (mh >> 63) as i32;
            }
            if !f(j + 1, score) {
                return;
            }
        }
    }

    /// The smallest infix distance `d ≤ max_distance` of the pattern in
    /// `text`, with the first (smallest) exclusive end where it is reached.
    pub(crate) fn best_end(&self, text: &[u8], max_distance: usize) -> Option<(usize, usize)> {
        match self.blocks {
            2 => return self.banded_best_end::<2>(text, max_distance),
            3 => return self.banded_best_end::<3>(text, max_distance),
            4 => return self.banded_best_end::<4>(text, max_distance),
            5 => return self.banded_best_end::<5>(text, max_distance),
            6 => return self.banded_best_end::<6>(text, max_distance),
            7 => return self.banded_best_end::<7>(text, max_distance),
            8 => return self.banded_best_end::<8>(text, max_distance),
            _ => {}
        }
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

    /// [`best_end`](Self::best_end) with Ukkonen's cut-off, as in edlib:
    /// only the blocks down to the last one holding a cell ≤ k are
    /// computed, so a quote with a small budget costs about one block per
    /// byte, whatever its length. Cells below the band are > k and matter
    /// to nothing that is reported.
    fn banded_best_end<const NB: usize>(
        &self,
        text: &[u8],
        max_distance: usize,
    ) -> Option<(usize, usize)> {
        let last_bit = (self.len - 1) % WORD;
        let mut k = max_distance.min(self.len);
        let mut pv = [!0u64; NB];
        let mut mv = [0u64; NB];
        // Value of the bottom cell of each block (row 64·(b+1)); the
        // first column is D[i][0] = i.
        let mut bottom: [usize; NB] = std::array::from_fn(|b| WORD * (b + 1));
        // Row m, meaningful while the last block is in the band.
        let mut score = self.len;
        let mut last = ((k + 1).div_ceil(WORD)).min(NB) - 1;
        let mut best = None;
        for (j, &c) in text.iter().enumerate() {
            let base = c as usize * NB;
            let eqs: &[u64; NB] = self.peq[base..base + NB].try_into().expect("NB blocks");
            let mut hin = 0i32;
            for b in 0..=last {
                let (ph, mh) = Self::step(&mut pv[b], &mut mv[b], eqs[b], hin);
                if b + 1 == NB {
                    score += ((ph >> last_bit) & 1) as usize;
                    score -= ((mh >> last_bit) & 1) as usize;
                }
                hin = (ph >> 63) as i32 - (mh >> 63) as i32;
                bottom[b] = (bottom[b] as isize + hin as isize) as usize;
            }
            // The band grows by at most one row per column: add the next
            // block if its top cell can be ≤ k. It starts as if every row
            // were one more than the row above in the previous column.
            let above = (bottom[last] as isize - hin as isize) as usize;
            if last + 1 < NB && above <= k && (eqs[last + 1] & 1 != 0 || hin < 0) {
                last += 1;
                pv[last] = !0;
                mv[last] = 0;
                let (ph, mh) = Self::step(&mut pv[last], &mut mv[last], eqs[last], hin);
                let hout = (ph >> 63) as i32 - (mh >> 63) as i32;
                bottom[last] = (above as isize + WORD as isize + hout as isize) as usize;
                if last + 1 == NB {
                    score = above + last_bit + 1;
                    score += ((ph >> last_bit) & 1) as usize;
                    score -= ((mh >> last_bit) & 1) as usize;
                }
            }
            // A block whose bottom is ≥ k + 64 has every cell > k.
            while last > 0 && bottom[last] >= k + WORD {
                last -= 1;
            }
            if last + 1 == NB && score <= k {
                best = Some((score, j + 1));
                if score == 0 {
                    break;
                }
                k = score - 1;
            }
        }
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
