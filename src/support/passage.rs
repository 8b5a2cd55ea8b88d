//! A candidate piece of evidence and the usual way to cut a text into them.

use std::ops::Range;

use super::lang::Lang;
use super::sentences::sentences;

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
    let sents = sentences(text, lang);
    let mut out: Vec<Passage<'_>> = sents
        .iter()
        .map(|r| Passage {
            range: r.clone(),
            text: &text[r.clone()],
        })
        .collect();
    for w in 2..=window.max(1) {
        for group in sents.windows(w) {
            let r = group[0].start..group[w - 1].end;
            out.push(Passage {
                range: r.clone(),
                text: &text[r],
            });
        }
    }
    out
}
