//! Finding every occurrence of many short strings (the pieces of the
//! quotes) in one pass over a text.
//!
//! Every piece is at least `q` bytes long (5 ≤ q ≤ 8); its first `q` bytes,
//! read as an integer, are its key. The pass reads the `q` bytes at every
//! text position as one unaligned word, hashes it, and tests one bit of a
//! 128 KiB bitmap; only the rare positions whose bit is set are looked up
//! in the sorted key list and compared in full. That is about one
//! nanosecond per byte whatever the number of pieces, where an Aho-Corasick
//! automaton over thousands of pieces walks a large state table at every
//! byte (measured 3 to 10 times slower on the benchmark; docs/performance.md).

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
    /// (key, piece id), sorted by key.
    keys: Vec<(u64, u32)>,
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

impl PieceIndex {
    /// Indexes `pieces`, all of which must be at least 5 bytes long.
    pub(crate) fn new(pieces: Vec<Vec<u8>>) -> Self {
        let q = pieces.iter().map(Vec::len).min().unwrap_or(8).clamp(1, 8);
        let mask = if q == 8 { !0 } else { (1u64 << (8 * q)) - 1 };
        let bits = bitmap_bits(pieces.len());
        let mut bitmap = vec![0u64; (1 << bits) / 64];
        let mut keys: Vec<(u64, u32)> = pieces
            .iter()
            .enumerate()
            .map(|(i, p)| (load(p) & mask, i as u32))
            .collect();
        keys.sort_unstable();
        for &(key, _) in &keys {
            let h = hash(key, bits);
            bitmap[h / 64] |= 1 << (h % 64);
        }
        PieceIndex {
            q,
            mask,
            bits,
            bitmap,
            keys,
            pieces,
        }
    }

    /// Calls `f(piece id, start)` for every occurrence of every piece in
    /// `text`, overlapping ones included, in order of start.
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

    /// Reports the pieces with this key that do occur at `pos`.
    #[inline(never)]
    fn confirm(&self, text: &[u8], pos: usize, key: u64, f: &mut impl FnMut(usize, usize)) {
        let from = self.keys.partition_point(|&(k, _)| k < key);
        for &(k, id) in &self.keys[from..] {
            if k != key {
                break;
            }
            if text[pos..].starts_with(&self.pieces[id as usize]) {
                f(id as usize, pos);
            }
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
        ];
        let texts: [&[u8]; 4] = [
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
