//! Errors in a claims file, with the place they stand and what was expected.

use std::ops::Range;

/// What kind of fault a diagnostic reports. Each has a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    /// The text does not follow the grammar.
    Syntax,
    /// The file is not valid UTF-8.
    InvalidUtf8,
    /// A quote or cite names a source key no `source` line declares.
    UnknownSourceKey,
    /// Two claims share an id.
    DuplicateClaimId,
    /// Two `source` lines declare the same key.
    DuplicateSourceKey,
    /// A `quote`, `cite` or `expect` line stands before any `claim`.
    ItemBeforeClaim,
    /// A locator that cannot be (`¶0`, `lines 9-3`, …).
    BadLocator,
    /// A string escape that is not `\" \\ \n \t \u{HEX}`.
    BadEscape,
    /// `expect` names no known verdict, or a claim has two `expect` lines.
    BadExpect,
}

/// One fault in a claims file. `span` is a byte range into the file text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub span: Range<usize>,
    /// What is wrong, in a few words: "unknown source key `foo`".
    pub message: String,
    /// What would have been right here: "a source key declared by a `source` line".
    pub expected: String,
}

// TEMPORARY until the grammar branch lands.
impl DiagnosticKind {
    pub fn code(self) -> &'static str {
        "E001"
    }
    pub fn name(self) -> &'static str {
        "syntax"
    }
}
impl Diagnostic {
    pub fn render(&self, path: &str, text: &str, color: bool) -> String {
        let _ = (text, color);
        format!("error: {path}: {}", self.message)
    }
}
