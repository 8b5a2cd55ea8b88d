//! [`Raw`]: the file as stored, held either whole or as pieces of the
//! reader's text and the few bytes the text lacks (markup, indentation,
//! blank lines), so that a source whose text differs from its file is not
//! held twice.
//!
//! A text that is a stretch of the file shares its bytes (see
//! [`SharedText`]): such a file is held whole. Otherwise the text map says
//! which bytes of the file the text copies; the others are kept, in order, in
//! `extras`, and a list of runs says where each stretch of the file is read
//! from. Reading a range gives its bytes as they were in the file (borrowed
//! when they are one piece, else gathered).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use crate::offset_map::OffsetMap;
use crate::shared_text::SharedText;

/// A stretch of the file: from `raw` to the next run's start, read from the
/// text (top bit of `at` set) or from `extras`, at offset `at`. 8 bytes (a
/// file under 2 GiB; a larger one is held whole): a large Markdown file has
/// millions of runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    raw: u32,
    at: u32,
}

const FROM_TEXT: u32 = 1 << 31;

impl Run {
    /// `None` where an offset does not fit.
    fn new(raw: usize, at: usize, in_text: bool) -> Option<Run> {
        let raw = u32::try_from(raw).ok()?;
        let at = u32::try_from(at).ok().filter(|&a| a < FROM_TEXT)?;
        Some(Run {
            raw,
            at: if in_text { at | FROM_TEXT } else { at },
        })
    }

    fn raw(&self) -> usize {
        self.raw as usize
    }

    fn in_text(&self) -> bool {
        self.at & FROM_TEXT != 0
    }

    fn offset(&self) -> usize {
        (self.at & !FROM_TEXT) as usize
    }
}

#[derive(Clone)]
enum Repr {
    Whole(SharedText),
    Pieces {
        text: SharedText,
        extras: String,
        runs: Vec<Run>,
    },
}

/// The file as stored (decoded). Reads through [`get`](Self::get),
/// [`slice`](Self::slice) and [`chunks`](Self::chunks); compares, prints and
/// serializes as its content.
#[derive(Clone)]
pub struct Raw {
    len: usize,
    repr: Repr,
}

impl Raw {
    /// The file held whole.
    pub fn whole(raw: SharedText) -> Self {
        Raw {
            len: raw.len(),
            repr: Repr::Whole(raw),
        }
    }

    /// `raw` as pieces of `text` (where `map`, `text` → `raw`, copies bytes)
    /// and of the bytes text lacks. Every copy is checked: bytes that differ
    /// (a map merges one byte for one byte as a copy) are kept. Whole (a
    /// clone of `raw`) when `text` shares `raw`'s bytes, or the map is not
    /// `text`'s.
    pub fn from_text(raw: &SharedText, text: &SharedText, map: &OffsetMap) -> Self {
        // Every run's offsets fit below: `Run::new` never fails.
        let fits = raw.len() < FROM_TEXT as usize && text.len() < FROM_TEXT as usize;
        if !fits || text.shares_bytes_with(raw) || map.derived_len() != text.len() {
            return Raw::whole(raw.clone());
        }
        let mut extras = String::new();
        let mut runs: Vec<Run> = Vec::new();
        let mut cursor = 0;
        let keep = |runs: &mut Vec<Run>, extras: &mut String, r: Range<usize>| {
            if r.is_empty() {
                return;
            }
            let contiguous = runs.last().is_some_and(|l| !l.in_text());
            if !contiguous {
                runs.extend(Run::new(r.start, extras.len(), false));
            }
            extras.push_str(&raw[r]);
        };
        for s in map.iter_segments() {
            let (start, end) = (s.source, s.source + s.source_len);
            if end > raw.len() {
                return Raw::whole(raw.clone());
            }
            keep(&mut runs, &mut extras, cursor..start);
            if s.linear {
                let copied = text.as_bytes().get(s.derived..s.derived + s.derived_len);
                if copied == Some(&raw.as_bytes()[start..end]) {
                    runs.extend(Run::new(start, s.derived, true));
                } else {
                    // The map merges one byte for one byte that differ ('\n'
                    // for ' ' where lines join, say) into a copy: the
                    // stretches that agree are still read from the text, and
                    // only the characters that differ are kept.
                    let (raw, text) = (raw.as_str(), text.as_str());
                    let derived = |at: usize| s.derived + (at - start);
                    // Where the characters from `at` that agree with the text
                    // (or, `agree` false, that differ from it) end.
                    let stretch = |mut at: usize, agree: bool| {
                        while at < end {
                            let (same, len) = same_char(raw, at, text, derived(at));
                            if same != agree {
                                break;
                            }
                            at += len;
                        }
                        at
                    };
                    let mut at = start;
                    while at < end {
                        let copied = stretch(at, true);
                        if copied > at {
                            runs.extend(Run::new(at, derived(at), true));
                        }
                        at = stretch(copied, false);
                        keep(&mut runs, &mut extras, copied..at);
                    }
                }
            } else {
                keep(&mut runs, &mut extras, start..end);
            }
            cursor = end;
        }
        keep(&mut runs, &mut extras, cursor..raw.len());
        extras.shrink_to_fit();
        runs.shrink_to_fit();
        Raw {
            len: raw.len(),
            repr: Repr::Pieces {
                text: text.clone(),
                extras,
                runs,
            },
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The file held whole, if it is.
    pub fn as_whole(&self) -> Option<&SharedText> {
        match &self.repr {
            Repr::Whole(s) => Some(s),
            Repr::Pieces { .. } => None,
        }
    }

    /// Bytes held besides the text (for measurements).
    pub fn heap_bytes(&self) -> usize {
        match &self.repr {
            Repr::Whole(s) => s.len(),
            Repr::Pieces { extras, runs, .. } => {
                extras.capacity() + runs.capacity() * std::mem::size_of::<Run>()
            }
        }
    }

    /// The pieces of `range` (inside the file), in order. Each piece is on
    /// char boundaries of the file when the range is.
    pub fn chunks(&self, range: Range<usize>) -> impl Iterator<Item = &str> + '_ {
        let (whole, pieces) = match &self.repr {
            Repr::Whole(s) => (Some(&s[range.clone()]), None),
            Repr::Pieces {
                text, extras, runs, ..
            } => {
                let first = runs
                    .partition_point(|r| r.raw() <= range.start)
                    .saturating_sub(1);
                (None, Some((text, extras, runs, first)))
            }
        };
        let mut at = range.start;
        let end = range.end;
        let mut i = pieces.map_or(0, |p| p.3);
        whole.into_iter().chain(std::iter::from_fn(move || {
            let (text, extras, runs, _) = pieces?;
            while at < end {
                let run = runs[i];
                let run_end = runs.get(i + 1).map_or(self.len, Run::raw);
                if run_end <= at {
                    i += 1;
                    continue;
                }
                let stop = run_end.min(end);
                let from = run.offset() + (at - run.raw());
                let to = from + (stop - at);
                at = stop;
                let src = if run.in_text() {
                    text.as_str()
                } else {
                    extras.as_str()
                };
                return Some(&src[from..to]);
            }
            None
        }))
    }

    /// `raw[range]`, or `None` when the range is not inside the file or not
    /// on its char boundaries.
    pub fn get(&self, range: Range<usize>) -> Option<Cow<'_, str>> {
        if range.start > range.end
            || range.end > self.len
            || !self.is_char_boundary(range.start)
            || !self.is_char_boundary(range.end)
        {
            return None;
        }
        let mut chunks = self.chunks(range);
        let first = chunks.next().unwrap_or("");
        match chunks.next() {
            None => Some(Cow::Borrowed(first)),
            Some(second) => {
                let mut s = String::from(first);
                s.push_str(second);
                chunks.for_each(|c| s.push_str(c));
                Some(Cow::Owned(s))
            }
        }
    }

    /// `raw[range]`; panics as slicing a `str` would.
    pub fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        match self.get(range.clone()) {
            Some(s) => s,
            None => panic!(
                "raw range {range:?} out of a file of {} bytes, or inside a character",
                self.len
            ),
        }
    }

    /// The byte at `i`, if `i < len`.
    pub fn byte(&self, i: usize) -> Option<u8> {
        if i >= self.len {
            return None;
        }
        match &self.repr {
            Repr::Whole(s) => s.as_bytes().get(i).copied(),
            Repr::Pieces {
                text, extras, runs, ..
            } => {
                let run = runs[runs.partition_point(|r| r.raw() <= i) - 1];
                let src = if run.in_text() { text.as_str() } else { extras };
                src.as_bytes().get(run.offset() + (i - run.raw())).copied()
            }
        }
    }

    pub fn is_char_boundary(&self, i: usize) -> bool {
        match &self.repr {
            Repr::Whole(s) => s.is_char_boundary(i),
            // Not a UTF-8 continuation byte (`0b10xx_xxxx`).
            Repr::Pieces { .. } => {
                i == self.len || self.byte(i).is_some_and(|b| (b as i8) >= -0x40)
            }
        }
    }

    /// Whether the file starts with `prefix`.
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.is_char_boundary(prefix.len()) && self.chunks(0..prefix.len()).eq_bytes(prefix)
    }

    /// The whole file (borrowed when held whole).
    pub fn as_cow(&self) -> Cow<'_, str> {
        self.slice(0..self.len)
    }
}

trait EqBytes {
    fn eq_bytes(self, other: &str) -> bool;
}

impl<'a, I: Iterator<Item = &'a str>> EqBytes for I {
    /// Whether the pieces, one after the other, are `other`.
    fn eq_bytes(self, other: &str) -> bool {
        let mut rest = other.as_bytes();
        for c in self {
            match rest.strip_prefix(c.as_bytes()) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }
}

impl Default for Raw {
    fn default() -> Self {
        Raw::whole(SharedText::default())
    }
}

impl PartialEq for Raw {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.chunks(0..self.len).eq_bytes(&other.as_cow())
    }
}

impl Eq for Raw {}

impl PartialEq<str> for Raw {
    fn eq(&self, other: &str) -> bool {
        self.len == other.len() && self.chunks(0..self.len).eq_bytes(other)
    }
}

impl PartialEq<&str> for Raw {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for Raw {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
}

/// Whether the character of `raw` at `i` is the one of `text` at `j`, and its
/// length. Pieces stay on char boundaries of both: bytes equal to a whole
/// character begin with its first byte, which no other character holds.
fn same_char(raw: &str, i: usize, text: &str, j: usize) -> (bool, usize) {
    let len = char_len(raw.as_bytes()[i]);
    let same = text.as_bytes().get(j..j + len) == raw.as_bytes().get(i..i + len);
    (same, len)
}

/// The length of the UTF-8 character whose first byte is `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

impl fmt::Debug for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.as_cow(), f)
    }
}

impl fmt::Display for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.chunks(0..self.len).try_for_each(|c| f.write_str(c))
    }
}

impl serde::Serialize for Raw {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_cow())
    }
}

impl<'de> serde::Deserialize<'de> for Raw {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        SharedText::deserialize(d).map(Raw::whole)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Lcg;

    /// A raw text, a text made of some of its stretches (copied, replaced,
    /// dropped, with inserted separators), and the map between them.
    fn random_text(rng: &mut Lcg, len: usize) -> (SharedText, SharedText, OffsetMap) {
        let alphabet = "ab \n\u{e9}\u{2019}#*";
        let chars: Vec<char> = alphabet.chars().collect();
        let raw: String = (0..len).map(|_| chars[rng.below(chars.len())]).collect();
        let mut text = String::new();
        let mut map = OffsetMap::new();
        let bounds: Vec<usize> = raw
            .char_indices()
            .map(|(i, _)| i)
            .chain([raw.len()])
            .collect();
        let mut k = 0;
        while k + 1 < bounds.len() {
            let n = (1 + rng.below(4)).min(bounds.len() - 1 - k);
            let r = bounds[k]..bounds[k + n];
            match rng.below(5) {
                0 | 1 => {
                    map.push_linear(r.start, r.len());
                    text.push_str(&raw[r]);
                }
                4 => {
                    // Mapped as a copy, some characters differing byte for
                    // byte (a line break for a space), some not on the same
                    // boundaries ("ab" for "é").
                    map.push_linear(r.start, r.len());
                    let twisted = raw[r]
                        .replace('\n', " ")
                        .replace('\u{e9}', "ab")
                        .replace('\u{2019}', "\u{2018}");
                    text.push_str(&twisted);
                }
                2 => {
                    let rep = ["\n\n", "x", "", "\u{a0}"][rng.below(4)];
                    map.push_atomic(r, rep.len());
                    text.push_str(rep);
                }
                _ => {
                    map.push_atomic(r.start..r.start, 2);
                    text.push_str("\n\n");
                    continue;
                }
            }
            k += n;
        }
        map.finish(raw.len());
        (SharedText::new(raw), SharedText::new(text), map)
    }

    #[test]
    fn pieces_read_as_the_file() {
        let mut rng = Lcg(0x4a3);
        for _ in 0..200 {
            let len = rng.below(60);
            let (raw, text, map) = random_text(&mut rng, len);
            let pieces = Raw::from_text(&raw, &text, &map);
            assert_eq!(pieces.len(), raw.len());
            assert_eq!(pieces, raw.as_str());
            assert_eq!(pieces.to_string(), raw.as_str());
            assert!(pieces.as_whole().is_none() || text.is_empty() || raw.is_empty());
            for a in 0..=raw.len() {
                assert_eq!(pieces.is_char_boundary(a), raw.is_char_boundary(a), "{a}");
                for b in a..=raw.len() {
                    assert_eq!(pieces.get(a..b).as_deref(), raw.get(a..b), "{a}..{b}");
                }
            }
            assert!(pieces.get(0..raw.len() + 1).is_none());
            assert_eq!(pieces.starts_with("a"), raw.starts_with('a'));
            let json = serde_json::to_string(&pieces).unwrap();
            let back: Raw = serde_json::from_str(&json).unwrap();
            assert_eq!(back, pieces);
        }
    }

    #[test]
    fn a_shared_text_or_a_wrong_map_keeps_the_file_whole() {
        let raw = SharedText::new("one\ntwo".to_string());
        let text = raw.slice(0..3).unwrap();
        let whole = Raw::from_text(&raw, &text, &OffsetMap::identity(3));
        assert!(whole.as_whole().is_some());
        let other = SharedText::new("onx".to_string());
        let checked = Raw::from_text(&raw, &other, &OffsetMap::identity(3));
        assert!(checked.as_whole().is_none());
        assert_eq!(checked, "one\ntwo", "the byte that differs is kept");
        let short = SharedText::new("on".to_string());
        let wrong = Raw::from_text(&raw, &short, &OffsetMap::identity(3));
        assert!(wrong.as_whole().is_some(), "not the text's map");
    }

    #[test]
    fn lines_joined_by_spaces_keep_only_their_breaks() {
        let raw = SharedText::new("one two\nthree four\nfive".to_string());
        let text = SharedText::new("one two three four five".to_string());
        let pieces = Raw::from_text(&raw, &text, &OffsetMap::identity(raw.len()));
        assert_eq!(pieces, raw.as_str());
        // The two line breaks, and five runs: not the whole file again.
        assert_eq!(pieces.heap_bytes(), 2 + 5 * std::mem::size_of::<Run>());
    }

    #[test]
    fn one_piece_is_borrowed() {
        let raw = SharedText::new("  indented\n\n  next".to_string());
        let text = SharedText::new("indented\n\nnext".to_string());
        let mut map = OffsetMap::new();
        map.push_linear(2, 8);
        map.push_atomic(10..10, 2);
        map.push_linear(14, 4);
        map.finish(raw.len());
        let pieces = Raw::from_text(&raw, &text, &map);
        assert!(matches!(pieces.get(2..10), Some(Cow::Borrowed("indented"))));
        assert!(matches!(pieces.get(0..2), Some(Cow::Borrowed("  "))));
        assert_eq!(pieces.slice(8..16), "ed\n\n  ne");
        assert_eq!(pieces.chunks(8..16).count(), 3);
        assert_eq!(pieces.heap_bytes(), 6 + 4 * std::mem::size_of::<Run>());
    }
}
