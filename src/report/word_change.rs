use serde::Serialize;

/// One step of a word-level difference between a quote and the passage it was
/// found closest to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "op")]
pub enum WordChange {
    /// The same words (typography aside).
    Same { text: String },
    /// In the source, left out of the quote.
    Dropped { source: String },
    /// In the quote, not in the source.
    Added { quote: String },
    /// Different words; `accents_only` when they differ by accents alone.
    Changed {
        source: String,
        quote: String,
        accents_only: bool,
    },
}
