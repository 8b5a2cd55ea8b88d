//! Reports: one [`Report`] value, one reporter per [`Format`]. Reporters know
//! nothing of sources or of the grammar: everything they show is in the value.

mod citation;
mod claim_report;
pub mod concise;
mod diagnostic_report;
mod draft_notes;
mod file_report;
pub mod finding;
mod format;
pub mod github;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
mod location;
mod quote_report;
mod rule;
pub mod sarif;
pub mod snapshot;
mod summary;
mod support_report;
mod unsafe_char;
mod word_change;

pub use citation::Citation;
pub use claim_report::ClaimReport;
pub use diagnostic_report::DiagnosticReport;
pub use draft_notes::{DraftFinding, Unchecked};
pub use file_report::{FileReport, SourceReport};
pub use finding::Finding;
pub use format::Format;
pub use location::{ExcerptLine, Location};
pub use quote_report::QuoteReport;
pub use rule::Rule;
pub use summary::Summary;
pub use support_report::{FactConflictReport, SupportReport};
pub use word_change::WordChange;

use unsafe_char::unsafe_char;

use serde::Serialize;

/// The version of the JSON schema (docs/report-format.md).
pub const SCHEMA_VERSION: u32 = 1;

/// Everything one run found, in a stable order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub version: u32,
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

impl Report {
    pub fn new(files: Vec<FileReport>) -> Self {
        let summary = Summary::of(&files);
        Report {
            version: SCHEMA_VERSION,
            files,
            summary,
        }
    }

    /// 0 when every claim passes, 1 when any fails, 2 on any error. With
    /// `exit_zero`, failing claims exit 0; errors still exit 2.
    pub fn exit_code_with(&self, exit_zero: bool) -> i32 {
        match self.exit_code() {
            1 if exit_zero => 0,
            code => code,
        }
    }

    /// 0 when every claim passes, 1 when any fails (or a draft has a
    /// finding of its own, such as an unused suppression), 2 on any error.
    pub fn exit_code(&self) -> i32 {
        if self.summary.errors > 0 {
            2
        } else if self.summary.failed > 0 || self.summary.findings > 0 {
            1
        } else {
            0
        }
    }

    /// Renders the report in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Human => human::render(self),
            Format::Concise => concise::render(self),
            Format::Json => json::render(self),
            Format::JsonLines => json_lines::render(self),
            Format::Github => github::render(self),
            Format::Sarif => sarif::render(self),
            Format::Junit => junit::render(self),
        }
    }
}
