//! Word edit distance, infix: the fewest words substituted, dropped or added
//! that turn a quote into some passage of a text. The suite's word-edit
//! classes make quotes 1 to 3 such edits from their passage and expect
//! `misquoted`; a quote drawn from another novel that stands within 3 word
//! edits of a passage of this one is therefore no "absent" quote by the
//! suite's own labels. Plain dynamic programming, written apart from
//! citecheck's matcher so that it is no judge of itself.

use std::collections::HashMap;

/// A text as word ids, with each word's byte span.
pub struct Words {
    ids: HashMap<String, u32>,
    words: Vec<u32>,
    spans: Vec<(usize, usize)>,
}

/// Words: runs of letters and digits, lower-cased.
fn tokens(s: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, i, s[a..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The nearest passage: word edits, and its byte span in the text.
pub struct Nearest {
    pub edits: usize,
    pub span: (usize, usize),
}

impl Words {
    pub fn new(text: &str) -> Words {
        let mut ids = HashMap::new();
        let (mut words, mut spans) = (Vec::new(), Vec::new());
        for (a, b, w) in tokens(text) {
            let next = ids.len() as u32;
            words.push(*ids.entry(w).or_insert(next));
            spans.push((a, b));
        }
        Words { ids, words, spans }
    }

    /// The passage of the text fewest word edits from `quote` (the earliest
    /// of equals), or None for a quote without words or an empty text.
    pub fn nearest(&self, quote: &str) -> Option<Nearest> {
        // A word the text lacks matches nothing: u32::MAX is no id.
        let q: Vec<u32> = tokens(quote)
            .into_iter()
            .map(|(_, _, w)| self.ids.get(&w).copied().unwrap_or(u32::MAX))
            .collect();
        if q.is_empty() || self.words.is_empty() {
            return None;
        }
        let m = q.len();
        // Column j: cost[i] = fewest edits of q[..i] into a passage ending
        // before text word j; start[i] = where that passage starts.
        let mut cost: Vec<usize> = (0..=m).collect();
        let mut start = vec![0usize; m + 1];
        let mut best: Option<(usize, usize, usize)> = Some((m, 0, 0));
        for (j, &t) in self.words.iter().enumerate() {
            let (mut diag, mut diag_start) = (cost[0], start[0]);
            // A passage may start at any word: row 0 is free.
            start[0] = j + 1;
            for i in 1..=m {
                let (up, up_start) = (cost[i], start[i]);
                let sub = (diag + usize::from(q[i - 1] != t), diag_start);
                let drop = (cost[i - 1] + 1, start[i - 1]);
                let add = (up + 1, up_start);
                let (c, s) = [sub, drop, add].into_iter().min_by_key(|x| x.0).unwrap();
                cost[i] = c;
                start[i] = s;
                diag = up;
                diag_start = up_start;
            }
            if best.is_none_or(|b| cost[m] < b.0) {
                best = Some((cost[m], start[m], j + 1));
            }
        }
        let (edits, a, b) = best?;
        let span = if b > a {
            (self.spans[a].0, self.spans[b - 1].1)
        } else {
            (0, 0)
        };
        Some(Nearest { edits, span })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_word_edits_to_the_nearest_passage() {
        let text = "I never thought of such a thing. Then he left.";
        let w = Words::new(text);
        let n = w.nearest("But I never dreamt of such a thing").unwrap();
        assert_eq!(n.edits, 2);
        assert_eq!(&text[n.span.0..n.span.1], "I never thought of such a thing");
        assert_eq!(w.nearest("then he left").unwrap().edits, 0);
        assert_eq!(w.nearest("zebra quagga okapi").unwrap().edits, 3);
    }
}
