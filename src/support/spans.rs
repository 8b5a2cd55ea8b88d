//! [`Spans`]: byte ranges, 8 bytes each (two `u32`) while they fit, as in a
//! source under 4 GiB (`--max-source-bytes` is 256 MiB by default); 16 beyond.
//! A large source has a million sentences.

use std::ops::Range;

#[derive(Clone, Debug)]
pub(crate) enum Spans {
    Narrow(Vec<[u32; 2]>),
    Wide(Vec<Range<usize>>),
}

impl Default for Spans {
    fn default() -> Self {
        Spans::Narrow(Vec::new())
    }
}

impl Spans {
    pub(crate) fn push(&mut self, r: Range<usize>) {
        match self {
            Spans::Narrow(v) => match (u32::try_from(r.start), u32::try_from(r.end)) {
                (Ok(a), Ok(b)) => v.push([a, b]),
                _ => {
                    let mut wide: Vec<Range<usize>> =
                        v.iter().map(|&[a, b]| a as usize..b as usize).collect();
                    wide.push(r);
                    *self = Spans::Wide(wide);
                }
            },
            Spans::Wide(v) => v.push(r),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Spans::Narrow(v) => v.len(),
            Spans::Wide(v) => v.len(),
        }
    }

    /// Range `i` (`i < len()`).
    pub(crate) fn get(&self, i: usize) -> Range<usize> {
        match self {
            Spans::Narrow(v) => v[i][0] as usize..v[i][1] as usize,
            Spans::Wide(v) => v[i].clone(),
        }
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        match self {
            Spans::Narrow(v) => v.shrink_to_fit(),
            Spans::Wide(v) => v.shrink_to_fit(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widens_when_a_range_does_not_fit() {
        let mut s = Spans::default();
        s.push(1..2);
        assert!(matches!(s, Spans::Narrow(_)));
        let far = u32::MAX as usize + 5;
        s.push(3..far);
        assert!(matches!(s, Spans::Wide(_)));
        s.push(far..far + 1);
        assert_eq!(
            (s.len(), s.get(0), s.get(1), s.get(2)),
            (3, 1..2, 3..far, far..far + 1)
        );
    }
}
