//! Deterministic pseudo-random numbers for tests, so every "random" case is
//! the same on every run.

/// Deterministic pseudo-random numbers (Knuth's MMIX LCG).
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(crate) fn bytes(&mut self, len: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
    /// `text` with `edits` random substitutions, insertions, deletions.
    pub(crate) fn mutate(&mut self, text: &[u8], edits: usize, alphabet: &[u8]) -> Vec<u8> {
        let mut out = text.to_vec();
        for _ in 0..edits {
            let c = alphabet[self.below(alphabet.len())];
            match self.below(3) {
                0 if !out.is_empty() => {
                    let i = self.below(out.len());
                    out[i] = c;
                }
                1 if !out.is_empty() => {
                    let i = self.below(out.len());
                    out.remove(i);
                }
                _ => {
                    let i = self.below(out.len() + 1);
                    out.insert(i, c);
                }
            }
        }
        out
    }
}
