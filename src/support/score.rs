//! The support check: retrieve evidence, score the claim's coverage, look
//! for contradicted facts. See the module doc of [`super`] for the score.

use std::collections::HashSet;
use std::ops::Range;

use super::evidence::Evidence;
use super::fact::Fact;
use super::facts::{confirm, conflicts_with, facts, states};
use super::lang::Lang;
use super::passage::PassageList;
use super::retrieve::Bm25;
use super::support_result::{SupportLevel, SupportResult};
use super::tokenize::{each_token, tokenize, Token};

/// Score at or above which a claim is supported (tuned on WiCE dev).
pub const SUPPORTED_AT: f64 = 0.63;
/// Score at or above which a claim is partially supported (tuned on WiCE dev).
pub const PARTIAL_AT: f64 = 0.30;
/// Share of the score given to coverage by the whole source; the rest is
/// coverage by the best single passage. An even split, not fitted: on WiCE
/// dev 0.4–0.6 all do about as well.
pub const SOURCE_WEIGHT: f64 = 0.5;
/// How many of the best passages are searched for contradicting facts.
pub const CONFLICT_PASSAGES: usize = 3;
/// Evidence passages reported.
pub const REPORTED: usize = 5;
/// A passage is only searched for contradicting facts when it alone covers
/// this much of the claim: a number in an unrelated sentence proves nothing.
pub const CONFLICT_RELEVANCE: f64 = 0.3;

/// A claim word to be supported.
struct ClaimWord {
    surface: String,
    range: Range<usize>,
    stems: Vec<String>,
    weight: f64,
    /// Covered through a fact of equal value ("July 23" ~ "2025-07-23"):
    /// in the whole source, and in each chosen passage.
    fact_in_source: bool,
    fact_in: Vec<bool>,
}

fn claim_words(claim: &str, claim_lang: Lang, source_lang: Lang) -> Vec<ClaimWord> {
    let own = tokenize(claim, claim_lang);
    // Across languages, the source's stemmer still matches names and numbers.
    let other: Vec<Token> = if claim_lang == source_lang {
        Vec::new()
    } else {
        tokenize(claim, source_lang)
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for t in own.iter().filter(|t| !t.stop) {
        if !seen.insert(t.stem.clone()) {
            continue;
        }
        let mut stems = vec![t.stem.clone()];
        if let Some(o) = other.iter().find(|o| o.range == t.range) {
            if o.stem != t.stem {
                stems.push(o.stem.clone());
            }
        }
        out.push(ClaimWord {
            surface: claim[t.range.clone()].to_string(),
            range: t.range.clone(),
            stems,
            weight: 0.0,
            fact_in_source: false,
            fact_in: Vec::new(),
        });
    }
    out
}

fn covered_by(word: &ClaimWord, stems: &HashSet<&str>) -> bool {
    word.stems.iter().any(|s| stems.contains(s.as_str()))
}

/// Which fact-coverage flag of a word counts: the whole source, or the
/// `k`-th chosen passage.
#[derive(Clone, Copy)]
enum Scope {
    Source,
    Passage(usize),
}

fn covered_in(w: &ClaimWord, stems: &HashSet<&str>, scope: Scope) -> bool {
    covered_by(w, stems)
        || match scope {
            Scope::Source => w.fact_in_source,
            Scope::Passage(k) => w.fact_in.get(k).copied().unwrap_or(false),
        }
}

fn coverage(words: &[ClaimWord], stems: &HashSet<&str>, scope: Scope) -> f64 {
    let total: f64 = words.iter().map(|w| w.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let got: f64 = words
        .iter()
        .filter(|w| covered_in(w, stems, scope))
        .map(|w| w.weight)
        .sum();
    got / total
}

/// Sorted, with overlapping ranges joined.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// At most this many words are marked at each end of an evidence passage
/// (the first ones and the last ones): a report shows a few lines of a
/// passage, and a passage of a whole large source without a sentence end
/// would otherwise mark millions.
pub const MARKED_AT_EACH_END: usize = 5_000;

/// Checks how well `passages` support `claim`. Never panics; an empty claim
/// or passage list gives `Unsupported` with score 0.
///
/// Memory: the passages are read one by one (tokenised, their facts read
/// when the claim states any) and only counts are kept, plus the tokens and
/// facts of the few passages reported.
pub fn check_support<P: PassageList + ?Sized>(
    claim: &str,
    claim_lang: Lang,
    passages: &P,
    source_lang: Lang,
) -> SupportResult {
    let mut words = claim_words(claim, claim_lang, source_lang);
    if words.is_empty() || passages.count() == 0 {
        let mut r = SupportResult::empty();
        r.missing = words.into_iter().map(|w| w.surface).collect();
        return r;
    }
    let query: Vec<String> = words.iter().flat_map(|w| w.stems.clone()).collect();

    // Facts: a claim fact found with an equal value covers its words
    // ("July 23, 2025" is in a source saying "2025-07-23"). Whether each is
    // stated somewhere, and confirmed somewhere (for conflicts), is read
    // passage by passage while the index is built.
    let claim_facts = facts(claim, claim_lang);
    let mut in_source = vec![false; claim_facts.len()];
    let mut confirmed = vec![false; claim_facts.len()];
    let bm = Bm25::new(passages, source_lang, &query, |_, text| {
        if claim_facts.is_empty() {
            return;
        }
        let found = facts(text, source_lang);
        for (c, flag) in claim_facts.iter().zip(in_source.iter_mut()) {
            *flag = *flag || found.iter().any(|e| states(c, e));
        }
        confirm(&claim_facts, &found, &mut confirmed);
    });
    for w in &mut words {
        w.weight = w.stems.iter().map(|s| bm.idf(s)).fold(0.0, f64::max);
    }

    // Best passages, skipping any overlapping one already taken (a window and
    // its own sentences would say the same thing twice). Taken from the head
    // of the ranking, longer if too many overlap.
    let mut chosen: Vec<(usize, f64)> = Vec::new();
    let mut head = 8 * REPORTED;
    loop {
        let ranked = bm.top(&query, head);
        chosen.clear();
        let mut chosen_ranges: Vec<Range<usize>> = Vec::new();
        for &(i, s) in &ranked {
            if chosen.len() >= REPORTED {
                break;
            }
            let range = passages.passage(i).range;
            if chosen_ranges.iter().any(|r| overlaps(&range, r)) {
                continue;
            }
            chosen.push((i, s));
            chosen_ranges.push(range);
        }
        if chosen.len() >= REPORTED || ranked.len() < head {
            break;
        }
        head = head.saturating_mul(8);
    }

    // The chosen passages read again, in full: their words of the query and
    // their facts.
    let query_set: HashSet<&str> = query.iter().map(String::as_str).collect();
    let read: Vec<Chosen> = chosen
        .iter()
        .map(|&(i, _)| {
            let p = passages.passage(i);
            let mut own: HashSet<&str> = HashSet::new();
            let mut marked = Marked::default();
            each_token(p.text, source_lang, |t| {
                if t.stop {
                    return;
                }
                if let Some(&q) = query_set.get(t.stem.as_str()) {
                    own.insert(q);
                    marked.push(t.range);
                }
            });
            let facts = if claim_facts.is_empty() {
                Vec::new()
            } else {
                facts(p.text, source_lang)
            };
            Chosen {
                range: p.range,
                own,
                marked: marked.into_vec(),
                facts,
            }
        })
        .collect();
    let fact_found = |c: &Fact, k: usize| read[k].facts.iter().any(|e| states(c, e));
    let mut fact_missing = Vec::new();
    for (ci, c) in claim_facts.iter().enumerate() {
        let in_chosen: Vec<bool> = (0..read.len()).map(|k| fact_found(c, k)).collect();
        if !in_chosen.iter().any(|&b| b) {
            fact_missing.push(c);
        }
        for w in words.iter_mut() {
            if c.range.start <= w.range.start && w.range.end <= c.range.end {
                w.fact_in_source |= in_source[ci];
                w.fact_in.resize(chosen.len(), false);
                for (f, &b) in w.fact_in.iter_mut().zip(&in_chosen) {
                    *f |= b;
                }
            }
        }
    }

    // Matched: the passage's words sharing a claim stem, and its facts stating
    // a claim fact ("2025-07-23" for "July 23, 2025"), overlaps merged.
    let evidence: Vec<Evidence> = chosen
        .iter()
        .zip(&read)
        .map(|(&(_, s), r)| {
            let mut matched = r.marked.clone();
            matched.extend(
                r.facts
                    .iter()
                    .filter(|e| claim_facts.iter().any(|c| states(c, e)))
                    .map(|e| e.range.clone()),
            );
            Evidence {
                range: r.range.clone(),
                score: s,
                matched: merge(matched),
            }
        })
        .collect();

    // Score: half "is each claim word anywhere in the source", half "how
    // much of the claim does the single best passage say".
    let source_stems: HashSet<&str> = query
        .iter()
        .map(String::as_str)
        .filter(|q| bm.in_source(q))
        .collect();
    let passage_coverage: Vec<f64> = read
        .iter()
        .enumerate()
        .map(|(k, r)| coverage(&words, &r.own, Scope::Passage(k)))
        .collect();
    let best_passage = passage_coverage.iter().copied().fold(0.0, f64::max);
    let score = SOURCE_WEIGHT * coverage(&words, &source_stems, Scope::Source)
        + (1.0 - SOURCE_WEIGHT) * best_passage;

    // Missing: claim words in none of the evidence, a missing fact standing
    // for the words it is made of ("30 days", not "30" and "days").
    let covering: HashSet<&str> = read.iter().flat_map(|r| r.own.iter().copied()).collect();
    let mut missing: Vec<(usize, String)> = words
        .iter()
        .filter(|w| !covered_by(w, &covering) && !w.fact_in.iter().any(|&b| b))
        .filter(|w| {
            !fact_missing
                .iter()
                .any(|c| c.range.start <= w.range.start && w.range.end <= c.range.end)
        })
        .map(|w| (w.range.start, w.surface.clone()))
        .collect();
    for c in &fact_missing {
        let surface = claim.get(c.range.clone()).unwrap_or("").to_string();
        if !missing.iter().any(|(_, m)| *m == surface) {
            missing.push((c.range.start, surface));
        }
    }
    missing.sort_by_key(|(start, _)| *start);
    let missing: Vec<String> = missing.into_iter().map(|(_, m)| m).collect();

    // Conflicts: only against passages relevant to the claim on their own.
    let mut conflicts: Vec<super::FactConflict> = Vec::new();
    if !claim_facts.is_empty() {
        for (k, r) in read.iter().enumerate().take(CONFLICT_PASSAGES) {
            if passage_coverage[k] < CONFLICT_RELEVANCE {
                continue;
            }
            for c in conflicts_with(&claim_facts, &r.facts, &confirmed, r.range.clone()) {
                if !conflicts.iter().any(|k| k.claim.range == c.claim.range) {
                    conflicts.push(c);
                }
            }
        }
    }

    let level = if !conflicts.is_empty() {
        SupportLevel::Contradicted
    } else {
        level_for(score)
    };
    SupportResult {
        level,
        score,
        evidence,
        missing,
        conflicts,
    }
}

/// A chosen passage, read in full.
struct Chosen<'q> {
    range: Range<usize>,
    /// The query stems it holds.
    own: HashSet<&'q str>,
    /// Its words holding a query stem (see [`MARKED_AT_EACH_END`]).
    marked: Vec<Range<usize>>,
    facts: Vec<Fact>,
}

/// The first and the last [`MARKED_AT_EACH_END`] ranges pushed, in order.
#[derive(Default)]
struct Marked {
    first: Vec<Range<usize>>,
    last: std::collections::VecDeque<Range<usize>>,
}

impl Marked {
    fn push(&mut self, r: Range<usize>) {
        if self.first.len() < MARKED_AT_EACH_END {
            self.first.push(r);
            return;
        }
        if self.last.len() == MARKED_AT_EACH_END {
            self.last.pop_front();
        }
        self.last.push_back(r);
    }

    fn into_vec(self) -> Vec<Range<usize>> {
        let mut out = self.first;
        out.extend(self.last);
        out
    }
}

/// The level for a score without conflicts.
pub fn level_for(score: f64) -> SupportLevel {
    if score >= SUPPORTED_AT {
        SupportLevel::Supported
    } else if score >= PARTIAL_AT {
        SupportLevel::Partial
    } else {
        SupportLevel::Unsupported
    }
}
