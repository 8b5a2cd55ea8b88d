//! The support check: retrieve evidence, score the claim's coverage, look
//! for contradicted facts. See the module doc of [`super`] for the score.

use std::collections::HashSet;
use std::ops::Range;

use super::evidence::Evidence;
use super::fact::Fact;
use super::facts::{conflicts_with, facts, same_value};
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
    stems: Vec<String>,
    weight: f64,
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
            stems,
            weight: 0.0,
        });
    }
    out
}

fn covered_by(word: &ClaimWord, stems: &HashSet<&str>) -> bool {
    word.stems.iter().any(|s| stems.contains(s.as_str()))
}

fn coverage(words: &[ClaimWord], stems: &HashSet<&str>) -> f64 {
    let total: f64 = words.iter().map(|w| w.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let got: f64 = words
        .iter()
        .filter(|w| covered_by(w, stems))
        .map(|w| w.weight)
        .sum();
    got / total
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

    let query_set: HashSet<&str> = query.iter().map(String::as_str).collect();
    let evidence: Vec<Evidence> = chosen
        .iter()
        .map(|&(i, s)| Evidence {
            range: passages[i].range.clone(),
            score: s,
            matched: bm.docs[i]
                .iter()
                .filter(|t| query_set.contains(t.stem.as_str()))
                .map(|t| t.range.clone())
                .collect(),
        })
        .collect();

    // Score: half "is each claim word anywhere in the source", half "how
    // much of the claim does the single best passage say".
    let source_stems: HashSet<&str> = bm.docs.iter().flatten().map(|t| t.stem.as_str()).collect();
    let passage_coverage: Vec<f64> = chosen
        .iter()
        .map(|&(i, _)| {
            let own: HashSet<&str> = bm.docs[i].iter().map(|t| t.stem.as_str()).collect();
            coverage(&words, &own)
        })
        .collect();
    let best_passage = passage_coverage.iter().copied().fold(0.0, f64::max);
    let score =
        SOURCE_WEIGHT * coverage(&words, &source_stems) + (1.0 - SOURCE_WEIGHT) * best_passage;

    let covering: HashSet<&str> = chosen
        .iter()
        .flat_map(|&(i, _)| bm.docs[i].iter().map(|t| t.stem.as_str()))
        .collect();
    let mut missing: Vec<String> = words
        .iter()
        .filter(|w| !covered_by(w, &covering))
        .map(|w| w.surface.clone())
        .collect();

    // Facts: a claim fact with no equal value in the covering evidence is
    // missing; one disagreeing with a relevant passage is a conflict.
    let claim_facts = facts(claim, claim_lang);
    let mut conflicts = Vec::new();
    if !claim_facts.is_empty() {
        let passage_facts: Vec<Vec<Fact>> = passages
            .iter()
            .map(|p| facts(p.text, source_lang))
            .collect();
        let all: Vec<&Fact> = passage_facts.iter().flatten().collect();
        for c in &claim_facts {
            let found = chosen.iter().any(|&(i, _)| {
                passage_facts[i]
                    .iter()
                    .any(|e| e.kind == c.kind && same_value(c.kind, &c.value, &e.value))
            });
            let surface = claim.get(c.range.clone()).unwrap_or("").to_string();
            if !found && !missing.contains(&surface) {
                missing.push(surface);
            }
        }
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
                if !conflicts
                    .iter()
                    .any(|k: &super::FactConflict| k.claim.range == c.claim.range)
                {
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

/// Candidate scores for exploring the score on WiCE (used by the harness
/// with `EVAL_FEATURES`; not part of the stable API).
#[doc(hidden)]
pub fn features(claim: &str, passages: &[Passage<'_>], lang: Lang) -> Vec<f64> {
    let mut words = claim_words(claim, lang, lang);
    if words.is_empty() || passages.is_empty() {
        return vec![0.0; 11];
    }
    let bm = Bm25::new(passages, lang);
    for w in &mut words {
        w.weight = w.stems.iter().map(|s| bm.idf(s)).fold(0.0, f64::max);
    }
    let query: Vec<String> = words.iter().flat_map(|w| w.stems.clone()).collect();
    let ranked = bm.rank(&query);
    let union = |k: usize| -> HashSet<&str> {
        ranked
            .iter()
            .take(k)
            .flat_map(|&(i, _)| bm.docs[i].iter().map(|t| t.stem.as_str()))
            .collect()
    };
    let mut uniform: Vec<ClaimWord> = words
        .iter()
        .map(|w| ClaimWord {
            surface: w.surface.clone(),
            stems: w.stems.clone(),
            weight: 1.0,
        })
        .collect();
    let all: HashSet<&str> = bm.docs.iter().flatten().map(|t| t.stem.as_str()).collect();
    // Weight by IDF but cap unseen words at the highest IDF of a seen word.
    let cap = words
        .iter()
        .filter(|w| covered_by(w, &all))
        .map(|w| w.weight)
        .fold(0.0, f64::max);
    let mut capped: Vec<ClaimWord> = words
        .iter()
        .map(|w| ClaimWord {
            surface: w.surface.clone(),
            stems: w.stems.clone(),
            weight: if covered_by(w, &all) {
                w.weight
            } else {
                cap.max(1.0)
            },
        })
        .collect();
    let _ = (&mut uniform, &mut capped);
    vec![
        coverage(&words, &union(1)),
        coverage(&words, &union(3)),
        coverage(&words, &union(5)),
        coverage(&words, &all),
        coverage(&uniform, &union(1)),
        coverage(&uniform, &union(3)),
        coverage(&uniform, &all),
        coverage(&capped, &union(3)),
        words.len() as f64,
        ranked.first().map_or(0.0, |r| r.1),
        ranked
            .iter()
            .take(5)
            .map(|&(i, _)| {
                let own: HashSet<&str> = bm.docs[i].iter().map(|t| t.stem.as_str()).collect();
                coverage(&words, &own)
            })
            .fold(0.0, f64::max),
    ]
}
