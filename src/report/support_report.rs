use serde::Serialize;

use super::Location;

/// How a claim's own words fare against the passages it cites (or against
/// every source, for a claim that cites none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportReport {
    /// The support score in [0, 1], rounded to three decimals
    /// (docs/paraphrase.md).
    pub score: f64,
    /// The best evidence passages, best first, the claim's words marked.
    pub evidence: Vec<Location>,
    /// The claim's words and facts that no evidence passage holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// A checkable fact on which the claim and its source disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactConflictReport {
    /// What kind of fact: `date`, `number`, `duration`, `money`, …
    pub kind: String,
    /// As the claim writes it, and normalized.
    pub claim: String,
    pub claim_value: String,
    /// As the source writes it, and normalized.
    pub source: String,
    pub source_value: String,
    /// Where the source says it.
    pub location: Location,
}
