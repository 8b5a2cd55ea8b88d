//! The JSON Lines reporter: one JSON object a line, one line per claim, in
//! file and claim order, and nothing else on standard output. Each object is a
//! Claim of docs/report-format.md with two fields first: `path` (the claims
//! file) and `code` (the stable code of its verdict). A draft's own findings
//! (`CC100`, `CC101`) follow its claims, one line each: a Finding with `path`
//! first, `{"path": …, "code": "CC100", "name": …, "message": …, "line": …,
//! "column": …}` (no `id`, no `verdict`). A file refused for errors gives one
//! line `{"path": …, "errors": [Error]}` instead.

use serde::Serialize;

use super::{ClaimReport, DiagnosticReport, DraftFinding, Report};

#[derive(Serialize)]
struct ClaimLine<'a> {
    path: &'a str,
    code: &'static str,
    #[serde(flatten)]
    claim: &'a ClaimReport,
}

#[derive(Serialize)]
struct FindingLine<'a> {
    path: &'a str,
    #[serde(flatten)]
    finding: &'a DraftFinding,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    errors: &'a [DiagnosticReport],
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        if !file.errors.is_empty() {
            push(
                &mut out,
                &ErrorLine {
                    path: &file.path,
                    errors: &file.errors,
                },
            );
        }
        for claim in &file.claims {
            push(
                &mut out,
                &ClaimLine {
                    path: &file.path,
                    code: claim.verdict.code(),
                    claim,
                },
            );
        }
        for finding in &file.findings {
            push(
                &mut out,
                &FindingLine {
                    path: &file.path,
                    finding,
                },
            );
        }
    }
    out
}

fn push(out: &mut String, value: &impl Serialize) {
    // Plain data structs always serialize; compact JSON never holds a raw
    // line break (they are escaped in strings).
    if let Ok(line) = serde_json::to_string(value) {
        out.push_str(&line);
        out.push('\n');
    }
}
