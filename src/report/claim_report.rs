use serde::Serialize;

use crate::verdict::Verdict;

use super::{Citation, FactConflictReport, QuoteReport, SupportReport};

/// One claim and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimReport {
    pub id: String,
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Verdict>,
    /// The verdict is the expected one (or supported, with no expectation).
    pub pass: bool,
    /// Why the claim has its verdict, where the quotes alone do not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub quotes: Vec<QuoteReport>,
    /// Passages cited for the claim's own words (paraphrase).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<Citation>,
    /// The paraphrase check of the claim's own words, where one was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support: Option<SupportReport>,
    /// Facts on which the claim and the passages found disagree.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<FactConflictReport>,
}
