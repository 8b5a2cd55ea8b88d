//! Findings: what the line-oriented formats (concise, github, sarif) report.
//!
//! A finding is a claim that does not pass (its verdict is not the one it
//! expects, or not `supported` when it expects nothing). A failing claim gives
//! one finding per quote whose verdict is not `supported`, placed at that
//! quote; when none of its quotes is at fault (no quotes, or all supported
//! while something else was expected) it gives one finding placed at the
//! claim. Passing claims — `expect miscited` that is miscited included — give
//! none.

use crate::verdict::Verdict;

use super::{ClaimReport, FileReport, Location, QuoteReport, Report, WordChange};

/// One thing to fix, with its place in the claims file.
#[derive(Debug, Clone, PartialEq, Eq)]
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
                if !changes.is_empty() {
                    out.push_str(&format!(" ({changes})"));
                }
            }
            None => match &self.claim.message {
                Some(m) => out.push_str(m),
                None => out.push_str(&format!("the claim is {}", self.claim.verdict)),
            },
        }
        if let Some(e) = self.claim.expected {
            if e != self.verdict {
                out.push_str(&format!(" (expected {e})"));
            }
        }
        out
    }

    /// Where the quote was found in a source, or the nearest passage when it
    /// was found nowhere.
    pub fn location(&self) -> Option<&'a Location> {
        self.quote
            .and_then(|q| q.location.as_ref().or(q.closest.as_ref()))
    }
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
        if out.len() == before {
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
