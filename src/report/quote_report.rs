use serde::Serialize;

use crate::verdict::Verdict;

use super::{Citation, Location, WordChange};

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
    /// For a misquote: the words that differ, from the source to the quote.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<WordChange>,
    /// What an elision (`…`, `[…]`) left out of the source, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elided: Vec<String>,
    /// Editorial insertions (`[words]`, `[sic]`), not compared.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub insertions: Vec<String>,
    /// For a quote found nowhere: the nearest passage, too far to be a misquote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closest: Option<Location>,
    /// Another place nearly as close, when the match is ambiguous; for a quote
    /// found verbatim with nothing to say which place is meant, the next one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<Location>,
}
