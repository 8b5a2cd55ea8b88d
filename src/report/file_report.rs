use serde::Serialize;

use super::{ClaimReport, DiagnosticReport, DraftFinding, Unchecked};

/// One claims file: its sources, its claims, or the errors that stopped it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    pub path: String,
    pub sources: Vec<SourceReport>,
    pub claims: Vec<ClaimReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<DiagnosticReport>,
    /// Drafts: findings that are no verdict (an unused suppression).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<DraftFinding>,
    /// Drafts: the quotations left unchecked, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unchecked: Option<Unchecked>,
}

impl FileReport {
    /// Whether the file is a draft: `citecheck draft` gives every draft it
    /// checks an `unchecked` count. Drafts have no `expect` lines; their
    /// claims pass or fail by the configuration's `fail-on`.
    pub fn is_draft(&self) -> bool {
        self.unchecked.is_some()
    }
}

/// A source declared by a claims file, and whether it could be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceReport {
    pub key: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `ok` or `unreadable`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
