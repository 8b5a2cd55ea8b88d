//! [`Offsets`]: a list of byte offsets, 4 bytes each while they fit in a
//! `u32` (a source under 4 GiB: `--max-source-bytes` is 256 MiB by default),
//! 8 beyond. A large source's line starts and sentence bounds are millions.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone)]
pub enum Offsets {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Default for Offsets {
    fn default() -> Self {
        Offsets::Narrow(Vec::new())
    }
}

impl Offsets {
    pub fn push(&mut self, v: usize) {
        match self {
            Offsets::Narrow(list) => match u32::try_from(v) {
                Ok(n) => list.push(n),
                Err(_) => {
                    let mut wide: Vec<usize> = list.iter().map(|&n| n as usize).collect();
                    wide.push(v);
                    *self = Offsets::Wide(wide);
                }
            },
            Offsets::Wide(list) => list.push(v),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Offsets::Narrow(list) => list.len(),
            Offsets::Wide(list) => list.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<usize> {
        match self {
            Offsets::Narrow(list) => list.get(i).map(|&n| n as usize),
            Offsets::Wide(list) => list.get(i).copied(),
        }
    }

    /// The index of the first offset for which `pred` is false (`pred` true
    /// for a prefix), as [`slice::partition_point`].
    pub fn partition_point(&self, pred: impl Fn(usize) -> bool) -> usize {
        match self {
            Offsets::Narrow(list) => list.partition_point(|&n| pred(n as usize)),
            Offsets::Wide(list) => list.partition_point(|&n| pred(n)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Bytes held (for measurements).
    pub fn heap_bytes(&self) -> usize {
        match self {
            Offsets::Narrow(list) => list.capacity() * 4,
            Offsets::Wide(list) => list.capacity() * std::mem::size_of::<usize>(),
        }
    }

    pub fn shrink_to_fit(&mut self) {
        match self {
            Offsets::Narrow(list) => list.shrink_to_fit(),
            Offsets::Wide(list) => list.shrink_to_fit(),
        }
    }
}

impl FromIterator<usize> for Offsets {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        let mut out = Offsets::default();
        for v in iter {
            out.push(v);
        }
        out.shrink_to_fit();
        out
    }
}

/// Equal when the offsets are, however they are held.
impl PartialEq for Offsets {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Offsets {}

impl fmt::Debug for Offsets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A list of numbers, as a `Vec<usize>` is (the PDF cache's format).
impl Serialize for Offsets {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Offsets {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<usize>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widens_when_an_offset_does_not_fit() {
        let far = u32::MAX as usize + 5;
        let o: Offsets = [1, 3, far, far + 1].into_iter().collect();
        assert!(matches!(o, Offsets::Wide(_)));
        assert_eq!(o.iter().collect::<Vec<_>>(), [1, 3, far, far + 1]);
        assert_eq!(o.partition_point(|v| v <= 3), 2);
        let narrow: Offsets = [1, 3].into_iter().collect();
        assert!(matches!(narrow, Offsets::Narrow(_)));
        assert_eq!(narrow, Offsets::Wide(vec![1, 3]));
        assert_eq!((narrow.get(1), narrow.get(2)), (Some(3), None));
    }

    #[test]
    fn serializes_as_a_list_of_numbers() {
        let o: Offsets = [0, 7, 12].into_iter().collect();
        let json = serde_json::to_string(&o).unwrap();
        assert_eq!(json, "[0,7,12]");
        assert_eq!(serde_json::from_str::<Offsets>(&json).unwrap(), o);
    }
}
