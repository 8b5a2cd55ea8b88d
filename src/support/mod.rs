//! Paraphrase support: does a source back a claim written in other words?
//!
//! Plain text in, ranges out; nothing here knows about claims files or reports.
//!
//! ```text
//! Lang::from_tag("fr-FR")                     -> Lang::Fr (unknown -> En)
//! sentences(text, lang)                       -> Vec<Range<usize>>   byte ranges
//! passages(text, lang, window)                -> Vec<Passage>        sentences + windows
//! check_support(claim, claim_lang, &passages, source_lang) -> SupportResult
//! facts(text, lang)                           -> Vec<Fact>
//! compare_facts(claim, claim_lang, evidence, evidence_lang) -> Vec<FactConflict>
//! ```
//!
//! # How a claim is checked
//!
//! 1. **Words.** The claim and every passage are tokenised (Unicode word
//!    bounds, apostrophes split, French elisions and English possessives
//!    dropped, HTML tags skipped), lower-cased, stop words removed and stemmed
//!    with Snowball (English or French, from the language tag). Number words
//!    become digits ("trois" → "3") so "three"/"3" match.
//! 2. **Retrieval.** Okapi BM25 (k1 1.2, b 0.75) over the passages ranks them
//!    for the claim's stems; the best five non-overlapping ones are the
//!    [`Evidence`], each with the byte ranges of its words matching the claim.
//! 3. **Score.** Each claim content word weighs its IDF in the source (rare
//!    words carry the claim; a word the source never uses weighs most). The
//!    score is the weighted share of claim words present in the union of the
//!    best [`score::COVERING`] (3) passages: 1.0 = every content word found.
//! 4. **Level.** A fact conflict (below) → `Contradicted`; else score ≥
//!    [`score::SUPPORTED_AT`] → `Supported`, ≥ [`score::PARTIAL_AT`] →
//!    `Partial`, otherwise `Unsupported`. `missing` lists the claim words,
//!    and the claim facts, found in none of the covering passages.
//!    The two thresholds were tuned on WiCE dev only (macro-F1 over
//!    supported / partially supported / not supported); figures and reasons
//!    are in docs/accuracy.md, "Paraphrase support on WiCE dev".
//! 5. **Facts.** Dates, numbers (digits or words), durations, percentages,
//!    money, ordinals and quantities are read in English and French (see
//!    [`facts()`]). A claim fact conflicts with a fact of a covering passage
//!    that itself covers ≥ 30% of the claim, when both fill the same slot
//!    (same kind and unit, or same counted noun), share neighbourhood words,
//!    are not negated, and differ, and when the claim's value is found in no
//!    comparable fact anywhere in the passages. False contradictions are
//!    worse than missed ones, hence all these conditions.
//!
//! A lexical method sees words, not meaning: it cannot tell "A beat B" from
//! "B beat A", nor that "died in 1990" supports "was not alive in 2000".

mod evidence;
mod fact;
mod fact_conflict;
mod facts;
mod lang;
mod numbers;
mod passage;
pub mod retrieve;
pub mod score;
mod sentences;
mod support_result;
pub mod tokenize;

pub use evidence::Evidence;
pub use fact::{Fact, FactKind};
pub use fact_conflict::FactConflict;
pub use facts::{compare_facts, facts};
pub use lang::Lang;
pub use passage::{passages, Passage};
pub use score::check_support;
pub use sentences::sentences;
pub use support_result::{SupportLevel, SupportResult};

#[cfg(test)]
mod tests;
