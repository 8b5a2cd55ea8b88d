//! A candidate piece of evidence and the usual way to cut a text into them.

use std::ops::Range;

use super::lang::Lang;
use super::sentences::each_sentence;
use crate::offsets::Offsets;

/// A candidate passage: a sentence or a window of sentences. `range` is in
/// the caller's coordinates and is what evidence points back to; `text` is
/// the passage itself (normally `&source[range]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Passage<'a> {
    pub range: Range<usize>,
    pub text: &'a str,
}

/// Every sentence of `text`, then every window of 2..=`window` consecutive
/// sentences within a paragraph-free run, as passages. A window lets a claim
/// that spans two sentences ("The order … It gives 90 days …") be matched whole.
pub fn passages(text: &str, lang: Lang, window: usize) -> Vec<Passage<'_>> {
    let list = SentencePassages::new(text, lang, window, 0);
    (0..list.count())
        .map(|i| {
            // Base 0: the range is one of `text`.
            let range = list.passage(i).range;
            Passage {
                text: &text[range.clone()],
                range,
            }
        })
        .collect()
}

/// Candidate passages, however they are stored: a list of [`Passage`]s, or
/// the sentences of a text with their windows ([`SentencePassages`]), which
/// for a large source costs a range per sentence instead of a passage per
/// sentence and per window.
pub trait PassageList {
    fn count(&self) -> usize;
    /// Passage `i` (`i < count()`).
    fn passage(&self, i: usize) -> Passage<'_>;
}

impl PassageList for [Passage<'_>] {
    fn count(&self) -> usize {
        self.len()
    }
    fn passage(&self, i: usize) -> Passage<'_> {
        self[i].clone()
    }
}

impl PassageList for Vec<Passage<'_>> {
    fn count(&self) -> usize {
        self.len()
    }
    fn passage(&self, i: usize) -> Passage<'_> {
        self[i].clone()
    }
}

impl<const N: usize> PassageList for [Passage<'_>; N] {
    fn count(&self) -> usize {
        N
    }
    fn passage(&self, i: usize) -> Passage<'_> {
        self[i].clone()
    }
}

/// The passages of [`passages`], in the same order, held as the sentences'
/// ranges: passage `i` is built when asked for. Ranges are shifted by
/// `base` (the caller's coordinates), texts are of `text`.
#[derive(Clone, Debug)]
pub struct SentencePassages<'a> {
    text: &'a str,
    base: usize,
    /// Each sentence's start and end, one after the other.
    bounds: Offsets,
    window: usize,
}

impl<'a> SentencePassages<'a> {
    pub fn new(text: &'a str, lang: Lang, window: usize, base: usize) -> Self {
        let mut bounds = Offsets::default();
        each_sentence(text, lang, |r| {
            bounds.push(r.start);
            bounds.push(r.end);
        });
        bounds.shrink_to_fit();
        SentencePassages {
            text,
            base,
            bounds,
            window: window.max(1),
        }
    }

    fn sentence_count(&self) -> usize {
        self.bounds.len() / 2
    }

    /// Windows of `w` sentences: one per start.
    fn windows_of(&self, w: usize) -> usize {
        (self.sentence_count() + 1).saturating_sub(w)
    }
}

impl PassageList for SentencePassages<'_> {
    fn count(&self) -> usize {
        self.sentence_count() + (2..=self.window).map(|w| self.windows_of(w)).sum::<usize>()
    }

    fn passage(&self, mut i: usize) -> Passage<'_> {
        let mut w = 1;
        let mut n = self.sentence_count();
        while i >= n && w < self.window {
            i -= n;
            w += 1;
            n = self.windows_of(w);
        }
        // Out of range (callers stay below `count()`): an empty passage.
        let start = self.bounds.get(2 * i).unwrap_or(0);
        let end = self.bounds.get(2 * (i + w - 1) + 1).unwrap_or(start);
        let r = start..end;
        Passage {
            range: self.base + r.start..self.base + r.end,
            text: &self.text[r],
        }
    }
}

/// Several passage lists one after the other (the sources of a claim).
impl<P: PassageList> PassageList for [P] {
    fn count(&self) -> usize {
        self.iter().map(PassageList::count).sum()
    }

    fn passage(&self, mut i: usize) -> Passage<'_> {
        for list in self {
            let n = list.count();
            if i < n {
                return list.passage(i);
            }
            i -= n;
        }
        // Out of range: nothing (callers stay below `count()`).
        Passage {
            range: 0..0,
            text: "",
        }
    }
}
