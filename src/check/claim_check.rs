//! One claim: its quotes, its own words against what it cites, and its facts
//! against the passages found; the worst of these is its verdict.

use crate::claims::Claim;
use crate::report::{Citation, ClaimReport};
use crate::verdict::{claim_verdict, passes, Verdict};

use super::misquote_rule::MatchPolicy;
use super::paraphrase_check::{check_paraphrase, check_quote_facts};
use super::{quote_check, LineIndex, SourceSet};

pub fn check_claim(
    claim: &Claim,
    index: &LineIndex,
    sources: &SourceSet,
    policy: &MatchPolicy,
) -> ClaimReport {
    let quotes: Vec<_> = claim
        .quotes()
        .map(|q| quote_check::check_quote(q, index, sources, policy))
        .collect();
    let cites: Vec<Citation> = claim
        .cites()
        .map(|c| sources.citation(&c.source.name, c.locator.as_ref()))
        .collect();
    let mut parts: Vec<Verdict> = quotes.iter().map(|q| q.verdict).collect();
    let mut messages = Vec::new();
    let mut support = None;
    let mut conflicts = check_quote_facts(claim, &quotes, sources);
    if let Some(c) = conflicts.first() {
        parts.push(Verdict::Contradicted);
        messages.push(format!(
            "the passage quoted says \"{}\" where the claim says \"{}\"",
            c.source, c.claim
        ));
    }
    // The claim's own words are checked when it cites a passage for them, or
    // when it has nothing else to be checked against.
    if !cites.is_empty() || quotes.is_empty() {
        let outcome = check_paraphrase(claim, sources);
        parts.push(outcome.verdict);
        messages.push(outcome.message);
        support = outcome.support;
        for c in outcome.conflicts {
            if !conflicts.iter().any(|o| o.location == c.location) {
                conflicts.push(c);
            }
        }
    }
    let verdict = claim_verdict(parts);
    let expected = claim.expect().map(|e| e.verdict);
    let (line, column) = index.line_column(claim.span.start);
    ClaimReport {
        id: claim.id.name.clone(),
        text: claim.text.value.clone(),
        line,
        column,
        verdict,
        expected,
        pass: passes(verdict, expected),
        message: (!messages.is_empty()).then(|| messages.join("; ")),
        quotes,
        cites,
        support,
        conflicts,
    }
}
