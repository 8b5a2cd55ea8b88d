//! The outcome of a support check.

use super::evidence::Evidence;
use super::fact_conflict::FactConflict;

/// How well the evidence supports a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SupportLevel {
    Supported,
    /// Part of the claim is covered: see [`SupportResult::missing`].
    Partial,
    Unsupported,
    /// A fact of the claim disagrees with the same fact in the evidence.
    Contradicted,
}

impl SupportLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            SupportLevel::Supported => "supported",
            SupportLevel::Partial => "partial",
            SupportLevel::Unsupported => "unsupported",
            SupportLevel::Contradicted => "contradicted",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SupportResult {
    pub level: SupportLevel,
    /// The support score in [0, 1] (see the module doc of [`super`]).
    pub score: f64,
    /// Best first, at most 5.
    pub evidence: Vec<Evidence>,
    /// Claim words and facts found in none of the evidence, in claim order.
    pub missing: Vec<String>,
    pub conflicts: Vec<super::fact_conflict::FactConflict>,
}

impl SupportResult {
    pub(crate) fn empty() -> SupportResult {
        SupportResult {
            level: SupportLevel::Unsupported,
            score: 0.0,
            evidence: Vec::new(),
            missing: Vec::new(),
            conflicts: Vec::<FactConflict>::new(),
        }
    }
}
