//! The support check: retrieve evidence, score the claim's coverage, look
//! for contradicted facts. See the module doc of [`super`] for the score.

use std::collections::HashSet;
use std::ops::Range;

use super::evidence::Evidence;
use super::fact::Fact;
use super::facts::{conflicts_with, facts, states};
use super::lang::Lang;
use super::passage::Passage;
use super::retrieve::Bm25;
use super::support_result::{SupportLevel, SupportResult};
use super::tokenize::{tokenize, Token};

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

/// Checks how well `passages` support `claim`. Never panics; an empty claim
/// or passage list gives `Unsupported` with score 0.
pub fn check_support(
    claim: &str,
    claim_lang: Lang,
    passages: &[Passage<'_>],
    source_lang: Lang,
) -> SupportResult {
    let mut words = claim_words(claim, claim_lang, source_lang);
    if words.is_empty() || passages.is_empty() {
        let mut r = SupportResult::empty();
        r.missing = words.into_iter().map(|w| w.surface).collect();
        return r;
    }
    let bm = Bm25::new(passages, source_lang);
    for w in &mut words {
        w.weight = w.stems.iter().map(|s| bm.idf(s)).fold(0.0, f64::max);
    }
    let query: Vec<String> = words.iter().flat_map(|w| w.stems.clone()).collect();

    // Best passages, skipping any overlapping one already taken (a window and
    // its own sentences would say the same thing twice).
    let mut chosen: Vec<(usize, f64)> = Vec::new();
    for (i, s) in bm.rank(&query) {
        if chosen.len() >= REPORTED {
            break;
        }
        if chosen
            .iter()
            .any(|&(j, _)| overlaps(&passages[i].range, &passages[j].range))
        {
            continue;
        }
        chosen.push((i, s));
    }

    // Facts: a claim fact found with an equal value covers its words
    // ("July 23, 2025" is in a source saying "2025-07-23").
    let claim_facts = facts(claim, claim_lang);
    let passage_facts: Vec<Vec<Fact>> = if claim_facts.is_empty() {
        vec![Vec::new(); passages.len()]
    } else {
        passages
            .iter()
            .map(|p| facts(p.text, source_lang))
            .collect()
    };
    let fact_found = |c: &Fact, i: usize| passage_facts[i].iter().any(|e| states(c, e));
    let mut fact_missing = Vec::new();
    for c in &claim_facts {
        let in_source = (0..passages.len()).any(|i| fact_found(c, i));
        let in_chosen: Vec<bool> = chosen.iter().map(|&(i, _)| fact_found(c, i)).collect();
        if !in_chosen.iter().any(|&b| b) {
            fact_missing.push(c);
        }
        for w in words.iter_mut() {
            if c.range.start <= w.range.start && w.range.end <= c.range.end {
                w.fact_in_source |= in_source;
                w.fact_in.resize(chosen.len(), false);
                for (f, &b) in w.fact_in.iter_mut().zip(&in_chosen) {
                    *f |= b;
                }
            }
        }
    }

    // Matched: the passage's words sharing a claim stem, and its facts stating
    // a claim fact ("2025-07-23" for "July 23, 2025"), overlaps merged.
    let query_set: HashSet<&str> = query.iter().map(String::as_str).collect();
    let evidence: Vec<Evidence> = chosen
        .iter()
        .map(|&(i, s)| {
            let mut matched: Vec<Range<usize>> = bm.docs[i]
                .iter()
                .filter(|t| query_set.contains(t.stem.as_str()))
                .map(|t| t.range.clone())
                .collect();
            matched.extend(
                passage_facts[i]
                    .iter()
                    .filter(|e| claim_facts.iter().any(|c| states(c, e)))
                    .map(|e| e.range.clone()),
            );
            Evidence {
                range: passages[i].range.clone(),
                score: s,
                matched: merge(matched),
            }
        })
        .collect();

    // Score: half "is each claim word anywhere in the source", half "how
    // much of the claim does the single best passage say".
    let source_stems: HashSet<&str> = bm.docs.iter().flatten().map(|t| t.stem.as_str()).collect();
    let passage_coverage: Vec<f64> = chosen
        .iter()
        .enumerate()
        .map(|(k, &(i, _))| {
            let own: HashSet<&str> = bm.docs[i].iter().map(|t| t.stem.as_str()).collect();
            coverage(&words, &own, Scope::Passage(k))
        })
        .collect();
    let best_passage = passage_coverage.iter().copied().fold(0.0, f64::max);
    let score = SOURCE_WEIGHT * coverage(&words, &source_stems, Scope::Source)
        + (1.0 - SOURCE_WEIGHT) * best_passage;

    // Missing: claim words in none of the evidence, a missing fact standing
    // for the words it is made of ("30 days", not "30" and "days").
    let covering: HashSet<&str> = chosen
        .iter()
        .flat_map(|&(i, _)| bm.docs[i].iter().map(|t| t.stem.as_str()))
        .collect();
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
        let all: Vec<&Fact> = passage_facts.iter().flatten().collect();
        for (k, &(i, _)) in chosen.iter().enumerate().take(CONFLICT_PASSAGES) {
            if passage_coverage[k] < CONFLICT_RELEVANCE {
                continue;
            }
            for c in conflicts_with(
                &claim_facts,
                &passage_facts[i],
                &all,
                passages[i].range.clone(),
            ) {
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
