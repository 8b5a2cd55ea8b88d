//! The check itself: from a parsed claims file and its loaded sources to a
//! [`FileReport`]. Pure: the caller reads the files.

mod excerpt;
mod line_index;
mod near_match;
mod quote_check;
mod source_set;
pub mod word_diff;

pub use line_index::LineIndex;
pub use source_set::{LoadedSource, SourceSet};

use crate::claims::{ClaimsFile, Diagnostic};
use crate::report::{Citation, ClaimReport, DiagnosticReport, FileReport, SourceReport};
use crate::verdict::{claim_verdict, passes, Verdict};

/// Checks every claim of a parsed claims file. `text` is the file's text (for
/// positions); `path` is how reports name it.
pub fn check_file(path: &str, text: &str, file: &ClaimsFile, sources: &SourceSet) -> FileReport {
    let index = LineIndex::new(text);
    let claims = file
        .claims
        .iter()
        .map(|claim| {
            let quotes: Vec<_> = claim
                .quotes()
                .map(|q| quote_check::check_quote(q, &index, sources))
                .collect();
            let cites: Vec<Citation> = claim
                .cites()
                .map(|c| sources.citation(&c.source.name, c.locator.as_ref()))
                .collect();
            let (verdict, message) = if quotes.is_empty() {
                (Verdict::Unverifiable, Some(paraphrase_message(&cites)))
            } else {
                let note = (!cites.is_empty()).then(|| {
                    "the cited passages are not yet checked against the claim's own words; \
                     the verdict rests on its quotes"
                        .to_string()
                });
                (claim_verdict(quotes.iter().map(|q| q.verdict)), note)
            };
            let expected = claim.expect().map(|e| e.verdict);
            let (line, column) = index.line_column(claim.span.start);
            ClaimReport {
                id: claim.id.name.clone(),
                text: claim.text.value.clone(),
                line,
                column,
                verdict,
                expected,
                pass: passes(verdict, expected),
                message,
                quotes,
                cites,
            }
        })
        .collect();
    FileReport {
        path: path.to_string(),
        sources: sources.iter().map(source_report).collect(),
        claims,
        errors: Vec::new(),
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
    }
}

fn paraphrase_message(cites: &[Citation]) -> String {
    if cites.is_empty() {
        "the claim has no quote and no citation: there is nothing to check it against yet"
            .to_string()
    } else {
        let cited: Vec<String> = cites.iter().map(|c| c.to_string()).collect();
        format!(
            "paraphrase is not checked yet: the claim cites {} without quoting it",
            cited.join(", ")
        )
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
