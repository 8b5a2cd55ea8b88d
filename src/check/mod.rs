//! The check itself: from a parsed claims file and its loaded sources to a
//! [`FileReport`]. Pure: the caller reads the files.

mod claim_check;
mod excerpt;
mod line_index;
mod misquote_rule;
mod near_match;
mod paraphrase_check;
mod quote_check;
mod source_set;
pub mod word_diff;

pub use line_index::LineIndex;
pub use misquote_rule::{MatchPolicy, DEFAULT_MISQUOTE_SIMILARITY};
pub use source_set::{LoadedSource, SourceSet};

use crate::claims::{ClaimsFile, Diagnostic};
use crate::report::{DiagnosticReport, FileReport, SourceReport};

/// Checks every claim of a parsed claims file. `text` is the file's text (for
/// positions); `path` is how reports name it; `policy` says how close a
/// misquote is.
pub fn check_file(
    path: &str,
    text: &str,
    file: &ClaimsFile,
    sources: &SourceSet,
    policy: &MatchPolicy,
) -> FileReport {
    let index = LineIndex::new(text);
    let claims = file
        .claims
        .iter()
        .map(|claim| claim_check::check_claim(claim, &index, sources, policy))
        .collect();
    FileReport {
        path: path.to_string(),
        sources: sources.iter().map(source_report).collect(),
        claims,
        errors: Vec::new(),
        findings: Vec::new(),
        unchecked: None,
    }
}

/// The report of a claims file refused for errors: nothing of it is checked.
pub fn refused_file(path: &str, text: &str, diagnostics: &[Diagnostic], color: bool) -> FileReport {
    let index = LineIndex::new(text);
    let errors = diagnostics
        .iter()
        .map(|d| {
            let (line, column) = index.line_column(d.span.start);
            DiagnosticReport {
                code: d.kind.code().to_string(),
                name: d.kind.name().to_string(),
                message: d.message.clone(),
                expected: d.expected.clone(),
                line,
                column,
                rendered: d.render(path, text, color),
            }
        })
        .collect();
    FileReport {
        path: path.to_string(),
        sources: Vec::new(),
        claims: Vec::new(),
        errors,
        findings: Vec::new(),
        unchecked: None,
    }
}

/// The report of a claims file that could not be read at all.
pub fn unreadable_file(path: &str, reason: &str) -> FileReport {
    FileReport {
        path: path.to_string(),
        sources: Vec::new(),
        claims: Vec::new(),
        errors: vec![DiagnosticReport {
            code: "E000".to_string(),
            name: "unreadable".to_string(),
            message: format!("cannot read the claims file: {reason}"),
            expected: "a readable claims file".to_string(),
            line: 1,
            column: 1,
            rendered: format!("error[E000]: cannot read {path}: {reason}"),
        }],
        findings: Vec::new(),
        unchecked: None,
    }
}

fn source_report(source: &LoadedSource) -> SourceReport {
    SourceReport {
        key: source.key.clone(),
        path: source.path.clone(),
        lang: source.lang.clone(),
        status: if source.document.is_ok() {
            "ok"
        } else {
            "unreadable"
        },
        reason: source
            .document
            .as_ref()
            .as_ref()
            .err()
            .map(|e| e.to_string()),
    }
}
