use serde::Serialize;

use crate::verdict::Verdict;

use super::{Citation, Location};

/// One quote of a claim: what was looked for, where it was said to stand, what
/// was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteReport {
    pub text: String,
    /// Where the quote stands in the claims file.
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cited: Option<Citation>,
    pub verdict: Verdict,
    /// One sentence on what was found: "found where cited", "found at ¶3, not ¶2".
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}
