//! Findings: the one value every line-oriented format (concise, json-lines'
//! draft lines, github, sarif, the failures of junit) reports, so that a
//! finding shown by one is shown by all.
//!
//! A finding is either a claim that does not pass (its verdict is not the
//! one it expects, or not `supported` when it expects nothing; in a draft,
//! a verdict the configuration's `fail-on` names), or a finding about a
//! draft's own markup (`CC100` unused-suppression, `CC101` bad-suppression).
//!
//! A failing claim gives one finding per quote whose verdict is not
//! `supported`, placed at that quote; and, when no such quote carries the
//! claim's verdict (no quotes, a verdict reached on the claim's own words, or
//! all supported while something else was expected), one finding placed at
//! the claim. Passing claims — `expect miscited` that is miscited included —
//! give none. A draft finding is placed at its comment.

use crate::verdict::{Level, Verdict};

use super::{
    ClaimReport, DraftFinding, FileReport, Location, QuoteReport, Report, Rule, WordChange,
};

/// One thing to fix, with its place in the claims file or draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding<'a> {
    /// The claims file or draft, as the report names it.
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    /// Stable code (`CC002`, `CC100`) and name (`miscited`,
    /// `unused-suppression`).
    pub code: &'a str,
    pub name: &'a str,
    pub level: Level,
    pub about: About<'a>,
}

/// What a finding is about.
#[derive(Debug, Clone, PartialEq)]
pub enum About<'a> {
    /// A claim (a draft's quotation) that does not pass, and the quote at
    /// fault if the finding is about one.
    Claim {
        verdict: Verdict,
        claim: &'a ClaimReport,
        quote: Option<&'a QuoteReport>,
    },
    /// A draft's suppression comment.
    Draft(&'a DraftFinding),
}

impl<'a> Finding<'a> {
    fn of_claim(
        path: &'a str,
        (line, column): (usize, usize),
        verdict: Verdict,
        claim: &'a ClaimReport,
        quote: Option<&'a QuoteReport>,
    ) -> Self {
        Finding {
            path,
            line,
            column,
            code: verdict.code(),
            name: verdict.name(),
            level: verdict.level(),
            about: About::Claim {
                verdict,
                claim,
                quote,
            },
        }
    }

    fn of_draft(path: &'a str, d: &'a DraftFinding) -> Self {
        Finding {
            path,
            line: d.line,
            column: d.column,
            code: &d.code,
            name: &d.name,
            level: Rule::named(&d.code).map_or(Level::Error, Rule::level),
            about: About::Draft(d),
        }
    }

    /// The rule it breaks, if its code is one citecheck lists.
    pub fn rule(&self) -> Option<Rule> {
        Rule::named(self.code)
    }

    /// The verdict, for a finding about a claim.
    pub fn verdict(&self) -> Option<Verdict> {
        match self.about {
            About::Claim { verdict, .. } => Some(verdict),
            About::Draft(_) => None,
        }
    }

    /// The claim, for a finding about one.
    pub fn claim(&self) -> Option<&'a ClaimReport> {
        match self.about {
            About::Claim { claim, .. } => Some(claim),
            About::Draft(_) => None,
        }
    }

    /// The quote at fault, for a finding about one.
    pub fn quote(&self) -> Option<&'a QuoteReport> {
        match self.about {
            About::Claim { quote, .. } => quote,
            About::Draft(_) => None,
        }
    }

    /// One sentence, no colours: the claim id, what was found, and what the
    /// claim expected where that is not `supported`; or what is wrong with a
    /// draft's comment.
    pub fn message(&self) -> String {
        let (verdict, claim, quote) = match self.about {
            About::Claim {
                verdict,
                claim,
                quote,
            } => (verdict, claim, quote),
            About::Draft(d) => return one_line(&d.message),
        };
        let mut out = format!("claim `{}`: ", claim.id);
        match quote {
            Some(q) => {
                out.push_str(&format!("quote \"{}\": {}", one_line(&q.text), q.message));
                let changes = word_changes(&q.diff);
                if q.verdict == Verdict::Misquoted && !changes.is_empty() {
                    out.push_str(&format!(" ({changes})"));
                }
            }
            None => {
                // The check's own message says it all where there is one.
                if let Some(m) = &claim.message {
                    out.push_str(m);
                    return with_expectation(out, claim, verdict);
                }
                out.push_str(&format!("the claim is {}", claim.verdict));
                for c in &claim.conflicts {
                    out.push_str(&format!(
                        "; the claim says \"{}\" ({}), the source says \"{}\" ({})",
                        one_line(&c.claim),
                        c.claim_value,
                        one_line(&c.source),
                        c.source_value
                    ));
                }
                if let Some(support) = &claim.support {
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
        with_expectation(out, claim, verdict)
    }

    /// Where the quote was found in a source, or the nearest passage when it
    /// was found nowhere.
    /// For a finding about the claim itself: where the source states a
    /// conflicting fact, or else the best evidence passage. None for a draft
    /// finding.
    pub fn location(&self) -> Option<&'a Location> {
        match self.about {
            About::Claim { quote: Some(q), .. } => q.location.as_ref().or(q.closest.as_ref()),
            About::Claim { claim, .. } => claim
                .conflicts
                .first()
                .map(|c| &c.location)
                .or_else(|| claim.support.as_ref()?.evidence.first()),
            About::Draft(_) => None,
        }
    }

    /// Whether [`Finding::location`] is where the quote (or the conflicting
    /// fact) stands, rather than the nearest or best passage.
    pub fn found_there(&self) -> bool {
        match self.about {
            About::Claim { quote: Some(q), .. } => q.location.is_some(),
            About::Claim { claim, .. } => !claim.conflicts.is_empty(),
            About::Draft(_) => false,
        }
    }
}

/// Adds what the claim expected, where that is not what was found. Drafts
/// have no `expect` lines, so nothing is added for them.
fn with_expectation(mut out: String, claim: &ClaimReport, verdict: Verdict) -> String {
    if let Some(e) = claim.expected {
        if e != verdict {
            out.push_str(&format!(" (expected {e})"));
        }
    }
    out
}

/// Every finding of a report, in file order.
pub fn findings(report: &Report) -> Vec<Finding<'_>> {
    report.files.iter().flat_map(file_findings).collect()
}

/// The findings of one claims file or draft: those about claims in claim and
/// quote order, with a draft's own findings merged in by position.
pub fn file_findings(file: &FileReport) -> Vec<Finding<'_>> {
    let mut out = claim_findings(file);
    let mut at = 0;
    for d in &file.findings {
        let f = Finding::of_draft(&file.path, d);
        while at < out.len() && (out[at].line, out[at].column) <= (f.line, f.column) {
            at += 1;
        }
        out.insert(at, f);
        at += 1;
    }
    out
}

/// The findings about the claims of a file.
pub fn claim_findings(file: &FileReport) -> Vec<Finding<'_>> {
    let mut out = Vec::new();
    for claim in file.claims.iter().filter(|c| !c.pass) {
        let before = out.len();
        for quote in claim
            .quotes
            .iter()
            .filter(|q| q.verdict != Verdict::Supported)
        {
            out.push(Finding::of_claim(
                &file.path,
                (quote.line, quote.column),
                quote.verdict,
                claim,
                Some(quote),
            ));
        }
        // The claim itself, when no quote carries its verdict: a claim with
        // no quote, a verdict reached by its own words, or one found better
        // than expected.
        if !out[before..]
            .iter()
            .any(|f: &Finding<'_>| f.verdict() == Some(claim.verdict))
        {
            out.push(Finding::of_claim(
                &file.path,
                (claim.line, claim.column),
                claim.verdict,
                claim,
                None,
            ));
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
