//! BM25 ranking of passages for a claim.
//!
//! Okapi BM25 (k1 = 1.2, b = 0.75) over stems with stop words removed, the
//! passages themselves being the collection: a word frequent in this source
//! weighs little, a rare one much. IDF uses the non-negative "+1" form so a
//! word in every passage still counts a little.
//!
//! The index is built for one query: each passage is tokenised once and only
//! its length and the counts of the query's stems are kept, as a few
//! variable-length integers per passage holding a query stem (a large source
//! has a million sentences and windows, most holding one).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use super::lang::Lang;
use super::passage::PassageList;
use super::tokenize::each_token;
use crate::varint::{get_varint, put_varint};

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The passages' statistics for the stems of one query.
pub struct Bm25 {
    /// Passages in the collection.
    n: usize,
    /// The distinct query stems, and their index.
    stems: HashMap<String, usize>,
    /// Document frequency of each distinct query stem.
    df: Vec<usize>,
    avg_len: f64,
    /// Each passage holding a query stem, in order, as varints: how far its
    /// index is past the previous one's, its number of (non-stop) tokens, its
    /// number of stems held, and for each its index and count.
    touched: Vec<u8>,
}

impl Bm25 {
    /// Tokenises every passage once, counting the stems of `query`; `visit`
    /// is given each passage's index and text as it is read (for what else
    /// the caller reads passage by passage).
    pub fn new<P: PassageList + ?Sized>(
        passages: &P,
        lang: Lang,
        query: &[String],
        mut visit: impl FnMut(usize, &str),
    ) -> Bm25 {
        let mut stems: HashMap<String, usize> = HashMap::new();
        for q in query {
            let next = stems.len();
            stems.entry(q.clone()).or_insert(next);
        }
        let mut df = vec![0usize; stems.len()];
        let mut counts = vec![0usize; stems.len()];
        let mut touched = Vec::new();
        let mut last = 0;
        let n = passages.count();
        let mut total = 0usize;
        let mut seen: Vec<usize> = Vec::new();
        for i in 0..n {
            let p = passages.passage(i);
            let mut len = 0usize;
            each_token(p.text, lang, |t| {
                if t.stop {
                    return;
                }
                len += 1;
                if let Some(&s) = stems.get(t.stem.as_str()) {
                    if counts[s] == 0 {
                        seen.push(s);
                    }
                    counts[s] += 1;
                }
            });
            total += len;
            if !seen.is_empty() {
                for v in [i - last, len, seen.len()] {
                    put_varint(&mut touched, v as u64);
                }
                last = i;
                for s in seen.drain(..) {
                    df[s] += 1;
                    put_varint(&mut touched, s as u64);
                    put_varint(&mut touched, counts[s] as u64);
                    counts[s] = 0;
                }
            }
            visit(i, p.text);
        }
        touched.shrink_to_fit();
        let avg_len = if n == 0 {
            1.0
        } else {
            (total as f64 / n as f64).max(1.0)
        };
        Bm25 {
            n,
            stems,
            df,
            avg_len,
            touched,
        }
    }

    /// IDF of a stem in this collection; a stem found nowhere (or not in the
    /// query) gets the highest value (it is as rare as can be).
    pub fn idf(&self, stem: &str) -> f64 {
        let n = self.n as f64;
        let df = self.df_of(stem) as f64;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    fn df_of(&self, stem: &str) -> usize {
        self.stems.get(stem).map_or(0, |&s| self.df[s])
    }

    /// Whether some passage holds the query stem `stem`.
    pub fn in_source(&self, stem: &str) -> bool {
        self.df_of(stem) > 0
    }

    /// BM25 score of a passage of `len` tokens holding the `(stem index,
    /// count)` pairs `hits`, for the query stems (each counted as often as
    /// it is listed).
    fn score(&self, len: usize, hits: &[(usize, usize)], query: &[String]) -> f64 {
        let len = len as f64;
        let mut s = 0.0;
        for q in query {
            let tf = self
                .stems
                .get(q.as_str())
                .and_then(|&i| hits.iter().find(|h| h.0 == i))
                .map_or(0, |h| h.1) as f64;
            if tf > 0.0 {
                s += self.idf(q) * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len));
            }
        }
        s
    }

    /// The `k` best passages for `query` (the query the index was built
    /// for), as `(index, score)` by decreasing score, ties in source order;
    /// passages scoring 0 are left out. The first `k` of the whole ranking:
    /// only `k` are held at once.
    pub fn top(&self, query: &[String], k: usize) -> Vec<(usize, f64)> {
        let mut best: BinaryHeap<Ranked> = BinaryHeap::new();
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let (mut at, mut passage) = (0, 0);
        let next = |at: &mut usize| get_varint(&self.touched, at) as usize;
        while at < self.touched.len() {
            passage += next(&mut at);
            let len = next(&mut at);
            hits.clear();
            for _ in 0..next(&mut at) {
                let stem = next(&mut at);
                hits.push((stem, next(&mut at)));
            }
            let score = self.score(len, &hits, query);
            if score > 0.0 && k > 0 {
                best.push(Ranked(passage, score));
                if best.len() > k {
                    best.pop();
                }
            }
        }
        best.into_sorted_vec()
            .into_iter()
            .map(|Ranked(i, s)| (i, s))
            .collect()
    }
}

/// A passage and its score, ordered best first: a higher score, then an
/// earlier passage (so the heap's greatest is the worst kept).
struct Ranked(usize, f64);

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        other.1.total_cmp(&self.1).then(self.0.cmp(&other.0))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

#[cfg(test)]
mod tests {
    use super::super::passage::Passage;
    use super::*;

    /// Each text a passage of its own.
    fn passages<T: AsRef<str>>(texts: &[T]) -> Vec<Passage<'_>> {
        texts
            .iter()
            .map(|t| Passage {
                range: 0..t.as_ref().len(),
                text: t.as_ref(),
            })
            .collect()
    }

    #[test]
    fn ranks_the_matching_passage_first() {
        let texts = [
            "The Secretary of State shall consult.",
            "Within 90 days the Secretary of Commerce shall establish the program.",
            "Nothing here.",
        ];
        let ps = passages(&texts);
        let q: Vec<String> = ["commerc", "establish", "program"]
            .map(String::from)
            .to_vec();
        let mut visited = Vec::new();
        let bm = Bm25::new(&ps, Lang::En, &q, |i, _| visited.push(i));
        assert_eq!(visited, [0, 1, 2]);
        let r = bm.top(&q, 10);
        assert_eq!(r[0].0, 1);
        assert_eq!(r.len(), 1);
        assert!(bm.top(&q, 0).is_empty());
        assert!(bm.in_source("program") && !bm.in_source("zzz"));
        assert!(bm.idf("zzz") > bm.idf("commerc"));
    }

    #[test]
    fn the_top_k_are_the_head_of_the_ranking() {
        let mut rng = crate::test_rng::Lcg(3);
        let words = ["commerc", "program", "establish", "other", "thing"];
        let texts: Vec<String> = (0..300)
            .map(|_| {
                (0..1 + rng.below(6))
                    .map(|_| words[rng.below(words.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let ps = passages(&texts);
        let q: Vec<String> = ["commerc", "program", "establish", "program"]
            .map(String::from)
            .to_vec();
        let bm = Bm25::new(&ps, Lang::En, &q, |_, _| {});
        let all = bm.top(&q, usize::MAX);
        assert!(all.len() > 100 && all.windows(2).all(|w| w[0].1 >= w[1].1));
        for k in [1, 2, 7, 50, all.len(), all.len() + 1] {
            assert_eq!(bm.top(&q, k), all[..k.min(all.len())], "k = {k}");
        }
    }
}
