//! BM25 ranking of passages for a claim.
//!
//! Okapi BM25 (k1 = 1.2, b = 0.75) over stems with stop words removed, the
//! passages themselves being the collection: a word frequent in this source
//! weighs little, a rare one much. IDF uses the non-negative "+1" form so a
//! word in every passage still counts a little.
//!
//! The index is built for one query: each passage is tokenised once and only
//! its length and the counts of the query's stems are kept, so that a large
//! source (a million sentences and windows) costs a few bytes per passage
//! holding a query stem, not its tokens.

use std::collections::HashMap;

use super::lang::Lang;
use super::passage::PassageList;
use super::tokenize::each_token;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A passage holding at least one query stem.
struct Touched {
    passage: usize,
    /// Its number of (non-stop) tokens.
    len: usize,
    /// Its `(stem index, count)` pairs: `hits[from..to]`.
    from: usize,
    to: usize,
}

/// The passages' statistics for the stems of one query.
pub struct Bm25 {
    /// Passages in the collection.
    n: usize,
    /// The distinct query stems, and their index.
    stems: HashMap<String, usize>,
    /// Document frequency of each distinct query stem.
    df: Vec<usize>,
    avg_len: f64,
    touched: Vec<Touched>,
    hits: Vec<(usize, usize)>,
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
        let mut hits = Vec::new();
        let n = passages.count();
        let mut total = 0usize;
        for i in 0..n {
            let p = passages.passage(i);
            let mut len = 0usize;
            let mut seen: Vec<usize> = Vec::new();
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
                let from = hits.len();
                for &s in &seen {
                    df[s] += 1;
                    hits.push((s, counts[s]));
                    counts[s] = 0;
                }
                touched.push(Touched {
                    passage: i,
                    len,
                    from,
                    to: hits.len(),
                });
            }
            visit(i, p.text);
        }
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
            hits,
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

    /// BM25 score of a touched passage for the query stems (each counted as
    /// often as it is listed).
    fn score(&self, t: &Touched, query: &[String]) -> f64 {
        let len = t.len as f64;
        let hits = &self.hits[t.from..t.to];
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

    /// Passage indices by decreasing score for `query` (the query the index
    /// was built for; ties keep source order); passages scoring 0 are left
    /// out.
    pub fn rank(&self, query: &[String]) -> Vec<(usize, f64)> {
        let mut scored: Vec<(usize, f64)> = self
            .touched
            .iter()
            .map(|t| (t.passage, self.score(t, query)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }
}

#[cfg(test)]
mod tests {
    use super::super::passage::Passage;
    use super::*;

    #[test]
    fn ranks_the_matching_passage_first() {
        let texts = [
            "The Secretary of State shall consult.",
            "Within 90 days the Secretary of Commerce shall establish the program.",
            "Nothing here.",
        ];
        let ps: Vec<Passage> = texts
            .iter()
            .map(|t| Passage {
                range: 0..t.len(),
                text: t,
            })
            .collect();
        let q: Vec<String> = ["commerc", "establish", "program"]
            .map(String::from)
            .to_vec();
        let mut visited = Vec::new();
        let bm = Bm25::new(&ps, Lang::En, &q, |i, _| visited.push(i));
        assert_eq!(visited, [0, 1, 2]);
        let r = bm.rank(&q);
        assert_eq!(r[0].0, 1);
        assert_eq!(r.len(), 1);
        assert!(bm.in_source("program") && !bm.in_source("zzz"));
        assert!(bm.idf("zzz") > bm.idf("commerc"));
    }
}
