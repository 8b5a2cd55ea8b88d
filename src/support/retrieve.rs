//! BM25 ranking of passages for a claim.
//!
//! Okapi BM25 (k1 = 1.2, b = 0.75) over stems with stop words removed, the
//! passages themselves being the collection: a word frequent in this source
//! weighs little, a rare one much. IDF uses the non-negative "+1" form so a
//! word in every passage still counts a little.

use std::collections::HashMap;

use super::lang::Lang;
use super::passage::Passage;
use super::tokenize::{tokenize, Token};

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The passages tokenised once, with document frequencies.
pub struct Bm25 {
    pub(crate) docs: Vec<Vec<Token>>,
    df: HashMap<String, usize>,
    avg_len: f64,
}

impl Bm25 {
    pub fn new(passages: &[Passage<'_>], lang: Lang) -> Bm25 {
        let docs: Vec<Vec<Token>> = passages
            .iter()
            .map(|p| {
                tokenize(p.text, lang)
                    .into_iter()
                    .filter(|t| !t.stop)
                    .collect()
            })
            .collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        for d in &docs {
            let mut seen: Vec<&str> = d.iter().map(|t| t.stem.as_str()).collect();
            seen.sort_unstable();
            seen.dedup();
            for s in seen {
                *df.entry(s.to_string()).or_default() += 1;
            }
        }
        let total: usize = docs.iter().map(Vec::len).sum();
        let avg_len = if docs.is_empty() {
            1.0
        } else {
            (total as f64 / docs.len() as f64).max(1.0)
        };
        Bm25 { docs, df, avg_len }
    }

    /// IDF of a stem in this collection; a stem found nowhere gets the
    /// highest value (it is as rare as can be).
    pub fn idf(&self, stem: &str) -> f64 {
        let n = self.docs.len() as f64;
        let df = self.df.get(stem).copied().unwrap_or(0) as f64;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// BM25 score of passage `i` for the query stems (each counted once).
    pub fn score(&self, i: usize, query: &[String]) -> f64 {
        let Some(doc) = self.docs.get(i) else {
            return 0.0;
        };
        let len = doc.len() as f64;
        let mut s = 0.0;
        for q in query {
            let tf = doc.iter().filter(|t| &t.stem == q).count() as f64;
            if tf > 0.0 {
                s += self.idf(q) * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len));
            }
        }
        s
    }

    /// Passage indices by decreasing score (ties keep source order); passages
    /// scoring 0 are left out.
    pub fn rank(&self, query: &[String]) -> Vec<(usize, f64)> {
        let mut scored: Vec<(usize, f64)> = (0..self.docs.len())
            .map(|i| (i, self.score(i, query)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }
}

#[cfg(test)]
mod tests {
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
        let bm = Bm25::new(&ps, Lang::En);
        let q: Vec<String> = ["commerc", "establish", "program"]
            .map(String::from)
            .to_vec();
        let r = bm.rank(&q);
        assert_eq!(r[0].0, 1);
        assert_eq!(r.len(), 1);
        assert!(bm.idf("zzz") > bm.idf("secretari"));
    }
}
