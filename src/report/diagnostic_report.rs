use serde::Serialize;

/// An error that stopped a claims file from being checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosticReport {
    /// Stable code, e.g. `E003`.
    pub code: String,
    /// Stable name, e.g. `unknown-source-key`.
    pub name: String,
    pub message: String,
    pub expected: String,
    pub line: usize,
    pub column: usize,
    /// The diagnostic as a person reads it: the line, a caret, what was expected.
    #[serde(skip)]
    pub rendered: String,
}
