//! Findings: what the line-oriented formats (concise, github, sarif) report.
//!
//! A finding is a claim that does not pass (its verdict is not the one it
//! expects, or not `supported` when it expects nothing). A failing claim gives
//! one finding per quote whose verdict is not `supported`, placed at that
//! quote; and, when no such quote carries the claim's verdict (no quotes, a
//! verdict reached on the claim's own words, or all supported while
//! something else was expected), one finding placed at the claim. Passing claims — `expect miscited` that is miscited included — give
//! none.

use crate::verdict::Verdict;

use super::{ClaimReport, FileReport, Location, QuoteReport, Report, WordChange};

/// One thing to fix, with its place in the claims file.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding<'a> {
    /// The claims file, as the report names it.
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub verdict: Verdict,
    pub claim: &'a ClaimReport,
    /// The quote at fault, if the finding is about one.
    pub quote: Option<&'a QuoteReport>,
}

impl<'a> Finding<'a> {
    /// One sentence, no colours: the claim id, what was found, and what the
    /// claim expected where that is not `supported`.
    pub fn message(&self) -> String {
        let mut out = format!("claim `{}`: ", self.claim.id);
        match self.quote {
            Some(q) => {
                out.push_str(&format!("quote \"{}\": {}", one_line(&q.text), q.message));
                let changes = word_changes(&q.diff);
                if q.verdict == Verdict::Misquoted && !changes.is_empty() {
                    out.push_str(&format!(" ({changes})"));
                }
            }
            None => {
                // The check's own message says it all where there is one.
                if let Some(m) = &self.claim.message {
                    out.push_str(m);
                    return with_expectation(out, self);
                }
                out.push_str(&format!("the claim is {}", self.claim.verdict));
                for c in &self.claim.conflicts {
                    out.push_str(&format!(
                        "; the claim says \"{}\" ({}), the source says \"{}\" ({})",
                        one_line(&c.claim),
                        c.claim_value,
                        one_line(&c.source),
                        c.source_value
                    ));
                }
                if let Some(support) = &self.claim.support {
                    if !support.missing.is_empty() {
                        let missing: Vec<String> = support
                            .missing
                            .iter()
                            .map(|m| format!("\"{}\"", one_line(m)))
                            .collect();
                        out.push_str(&format!("; not found: {}", missing.join(", ")));
                    }
                }
            }
        }
        with_expectation(out, self)
    }

    /// Where the quote was found in a source, or the nearest passage when it
    /// was found nowhere.
    /// For a finding about the claim itself: where the source states a
    /// conflicting fact, or else the best evidence passage.
    pub fn location(&self) -> Option<&'a Location> {
        match self.quote {
            Some(q) => q.location.as_ref().or(q.closest.as_ref()),
            None => self
                .claim
                .conflicts
                .first()
                .map(|c| &c.location)
                .or_else(|| self.claim.support.as_ref()?.evidence.first()),
        }
    }

    /// Whether [`Finding::location`] is where the quote (or the conflicting
    /// fact) stands, rather than the nearest or best passage.
    pub fn found_there(&self) -> bool {
        match self.quote {
            Some(q) => q.location.is_some(),
            None => !self.claim.conflicts.is_empty(),
        }
    }
}

/// Adds what the claim expected, where that is not what was found.
fn with_expectation(mut out: String, f: &Finding<'_>) -> String {
    if let Some(e) = f.claim.expected {
        if e != f.verdict {
            out.push_str(&format!(" (expected {e})"));
        }
    }
    out
}

/// Every finding of a report, in file, claim and quote order.
pub fn findings(report: &Report) -> Vec<Finding<'_>> {
    report.files.iter().flat_map(file_findings).collect()
}

/// The findings of one claims file.
pub fn file_findings(file: &FileReport) -> Vec<Finding<'_>> {
    let mut out = Vec::new();
    for claim in file.claims.iter().filter(|c| !c.pass) {
        let before = out.len();
        for quote in claim
            .quotes
            .iter()
            .filter(|q| q.verdict != Verdict::Supported)
        {
            out.push(Finding {
                path: &file.path,
                line: quote.line,
                column: quote.column,
                verdict: quote.verdict,
                claim,
                quote: Some(quote),
            });
        }
        // The claim itself, when no quote carries its verdict: a claim with
        // no quote, a verdict reached by its own words, or one found better
        // than expected.
        if !out[before..].iter().any(|f| f.verdict == claim.verdict) {
            out.push(Finding {
                path: &file.path,
                line: claim.line,
                column: claim.column,
                verdict: claim.verdict,
                claim,
                quote: None,
            });
        }
    }
    out
}

/// A misquote's word changes in a few words: `"hope" became "wish"`.
pub fn word_changes(diff: &[WordChange]) -> String {
    diff.iter()
        .filter_map(|c| match c {
            WordChange::Same { .. } => None,
            WordChange::Changed { source, quote, .. } => Some(format!(
                "\"{}\" became \"{}\"",
                one_line(source),
                one_line(quote)
            )),
            WordChange::Dropped { source } => Some(format!("\"{}\" left out", one_line(source))),
            WordChange::Added { quote } => Some(format!("\"{}\" added", one_line(quote))),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A quote as one line: a raw block's line breaks and indentation are layout.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
