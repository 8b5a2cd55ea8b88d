//! Finding every occurrence of many short strings (the pieces of the
//! quotes) in one pass over a text.
//!
//! Every piece is at least `q` bytes long (q ≤ 8); `q` of its bytes, read
//! as an integer, are its key. The pass reads the `q` bytes at every text
//! position as one unaligned word, hashes it, and tests one bit of a bitmap
//! (at most 128 KiB); only positions whose bit is set are looked up in a
//! hash table of keys and compared in full. That costs about the same per
//! byte whatever the number of pieces, where an Aho-Corasick automaton
//! over thousands of pieces walks a large state table at every byte
//! (measured 3 to 10 times slower on the benchmark; docs/performance.md).
//!
//! The key is the piece's rarest `q`-byte window by English letter
//! frequencies, not its first bytes: with the first bytes, pieces starting
//! with "of the " or " and th" made every such place in the text a key
//! match, and the full comparisons then took three quarters of the pass.

/// Bits of the hash used for the bitmap filter: about 64 bits per piece
/// (few false positives), at least 4 KiB, at most 128 KiB (L2).
fn bitmap_bits(pieces: usize) -> u32 {
    (pieces.max(1) * 64)
        .next_power_of_two()
        .trailing_zeros()
        .clamp(15, 20)
}

/// An index of pieces, searched with [`PieceIndex::for_each_match`].
pub(crate) struct PieceIndex {
    q: usize,
    mask: u64,
    bits: u32,
    bitmap: Vec<u64>,
    /// Open-addressing table of distinct keys: (key, first entry, entries).
    table: Vec<(u64, u32, u32)>,
    /// (piece id, offset of the key in the piece), grouped by key.
    entries: Vec<(u32, u32)>,
    pieces: Vec<Vec<u8>>,
}

#[inline(always)]
fn hash(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// The first (up to) 8 bytes of `bytes` as a little-endian word.
#[inline(always)]
fn load(bytes: &[u8]) -> u64 {
    match bytes.get(..8) {
        Some(b) => u64::from_le_bytes(b.try_into().expect("8 bytes")),
        None => {
            let mut buf = [0u8; 8];
            buf[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(buf)
        }
    }
}

/// How common a byte is in English prose, in tenths of a percent (rough
/// letter frequencies; bytes not listed count as 1).
fn commonness(c: u8) -> u32 {
    match c.to_ascii_lowercase() {
        b' ' => 180,
        b'e' => 100,
        b't' => 73,
        b'a' => 66,
        b'o' => 60,
        b'i' => 56,
        b'n' => 54,
        b's' => 50,
        b'h' => 49,
        b'r' => 48,
        b'd' => 34,
        b'l' => 32,
        b'c' | b'u' => 22,
        b'm' | b'w' => 19,
        b'f' | b'g' | b'y' | b'\n' => 16,
        b'p' | b',' => 15,
        b'b' => 12,
        b'.' | b'v' => 8,
        b'k' => 6,
        _ => 1,
    }
}

/// Offset of the `q`-byte window of `piece` whose bytes are the least
/// common: the smallest sum of `cost` (log frequencies), first on ties.
fn rarest_window(piece: &[u8], q: usize, cost: &[f32; 256]) -> usize {
    let mut sum: f32 = piece[..q].iter().map(|&c| cost[c as usize]).sum();
    let (mut best, mut best_sum) = (0, sum);
    for at in 1..=piece.len() - q {
        sum += cost[piece[at + q - 1] as usize] - cost[piece[at - 1] as usize];
        if sum < best_sum {
            (best, best_sum) = (at, sum);
        }
    }
    best
}

impl PieceIndex {
    /// Indexes `pieces`, none of them empty.
    pub(crate) fn new(pieces: Vec<Vec<u8>>) -> Self {
        let q = pieces.iter().map(Vec::len).min().unwrap_or(8).clamp(1, 8);
        let mask = if q == 8 { !0 } else { (1u64 << (8 * q)) - 1 };
        let bits = bitmap_bits(pieces.len());
        let mut bitmap = vec![0u64; (1 << bits) / 64];
        let cost: [f32; 256] = std::array::from_fn(|c| (commonness(c as u8) as f32).ln());
        let mut keyed: Vec<(u64, u32, u32)> = pieces
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let at = rarest_window(p, q, &cost);
                (load(&p[at..]) & mask, i as u32, at as u32)
            })
            .collect();
        keyed.sort_unstable();
        let distinct = keyed.chunk_by(|a, b| a.0 == b.0).count();
        let slots = (distinct * 2).next_power_of_two();
        let slot_bits = slots.trailing_zeros().max(1);
        let mut table = vec![(0u64, 0u32, 0u32); slots];
        let mut entries = Vec::with_capacity(keyed.len());
        for group in keyed.chunk_by(|a, b| a.0 == b.0) {
            let key = group[0].0;
            let h = hash(key, bits);
            bitmap[h / 64] |= 1 << (h % 64);
            let mut slot = hash(key, slot_bits) & (slots - 1);
            while table[slot].2 != 0 {
                slot = (slot + 1) & (slots - 1);
            }
            table[slot] = (key, entries.len() as u32, group.len() as u32);
            entries.extend(group.iter().map(|&(_, id, at)| (id, at)));
        }
        PieceIndex {
            q,
            mask,
            bits,
            bitmap,
            table,
            entries,
            pieces,
        }
    }

    /// Calls `f(piece id, start)` for every occurrence of every piece in
    /// `text`, overlapping ones included, in no particular order.
    pub(crate) fn for_each_match(&self, text: &[u8], mut f: impl FnMut(usize, usize)) {
        if text.len() < self.q {
            return;
        }
        let last = text.len() - self.q;
        // Whole words while 8 bytes remain, then the padded tail.
        let fast_end = if text.len() >= 8 { text.len() - 7 } else { 0 };
        for (pos, window) in text.windows(8).enumerate() {
            let key = u64::from_le_bytes(window.try_into().expect("8 bytes")) & self.mask;
            if self.maybe(key) {
                self.confirm(text, pos, key, &mut f);
            }
        }
        for pos in fast_end..=last {
            let key = load(&text[pos..]) & self.mask;
            if self.maybe(key) {
                self.confirm(text, pos, key, &mut f);
            }
        }
    }

    /// Whether some piece may have this key (the bitmap filter).
    #[inline(always)]
    fn maybe(&self, key: u64) -> bool {
        let h = hash(key, self.bits);
        self.bitmap[h / 64] & (1 << (h % 64)) != 0
    }

    /// Reports the pieces whose key window matches at `pos` and that occur
    /// there in full.
    #[inline(never)]
    fn confirm(&self, text: &[u8], pos: usize, key: u64, f: &mut impl FnMut(usize, usize)) {
        let slots = self.table.len();
        let mut slot = hash(key, slots.trailing_zeros().max(1)) & (slots - 1);
        loop {
            let (k, first, count) = self.table[slot];
            if count == 0 {
                return;
            }
            if k == key {
                let group = &self.entries[first as usize..(first + count) as usize];
                for &(id, at) in group {
                    let Some(start) = pos.checked_sub(at as usize) else {
                        continue;
                    };
                    if text[start..].starts_with(&self.pieces[id as usize]) {
                        f(id as usize, start);
                    }
                }
                return;
            }
            slot = (slot + 1) & (slots - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_overlapping_occurrence() {
        let pieces: Vec<Vec<u8>> = vec![
            b"aaaaa".to_vec(),
            b"aaaaaaaaa".to_vec(),
            b"hello".to_vec(),
            b"hello world".to_vec(),
            b"world".to_vec(),
            b"the zebra".to_vec(),
            b"ebra the q".to_vec(),
        ];
        let texts: [&[u8]; 6] = [
            b"zebra the zebra the zebra the qq",
            b"ebra the q",
            b"aaaaaaaaaaaa hello world, hello worl",
            b"hello",
            b"hell",
            b"",
        ];
        let index = PieceIndex::new(pieces.clone());
        for text in texts {
            let mut got = Vec::new();
            index.for_each_match(text, |id, pos| got.push((pos, id)));
            got.sort_unstable();
            let mut want = Vec::new();
            for pos in 0..text.len() {
                for (id, p) in pieces.iter().enumerate() {
                    if text[pos..].starts_with(p) {
                        want.push((pos, id));
                    }
                }
            }
            assert_eq!(got, want);
        }
    }
}
