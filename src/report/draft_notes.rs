use serde::Serialize;

/// A finding about a draft that is no verdict on a quotation: an unused or
/// malformed suppression. Each is an error: it fails the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftFinding {
    /// Stable code, e.g. `CC100`.
    pub code: String,
    /// Stable name, e.g. `unused-suppression`.
    pub name: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// Drafts only: the quotations a draft run did not check, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unchecked {
    /// Quotations shorter than `min_quote_words` words.
    pub short: usize,
    pub min_quote_words: usize,
    /// Quotations whose finding a suppression comment silenced.
    pub suppressed: usize,
    /// Quotations the configuration's `ignore.quotes` names.
    pub ignored: usize,
}
