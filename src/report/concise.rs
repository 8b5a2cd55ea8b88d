//! The concise reporter: one finding a line, as compilers and linters print
//! them, so that editors and `grep` can jump to the claim:
//!
//! ```text
//! claims/a.claims:12:3: CC002 miscited: claim `c`: quote "…" found at line 120, not at lines 10-12 as cited
//! ```
//!
//! Only findings (see [`super::finding`]) and the errors of refused claims
//! files are listed, in file order; one summary line ends the report. No
//! colours.

use std::fmt::Write;

use super::finding::{findings, Finding};
use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for e in &file.errors {
            let _ = writeln!(
                out,
                "{}:{}:{}: {} {}: {}",
                file.path,
                e.line,
                e.column,
                e.code,
                e.name,
                single_line(&e.message)
            );
        }
    }
    let found = findings(report);
    for f in &found {
        let _ = writeln!(out, "{}", line(f));
    }
    let s = &report.summary;
    let _ = write!(
        out,
        "{} finding{}; {} claim{} in {} file{}: {} passed, {} failed",
        found.len(),
        plural(found.len()),
        s.claims,
        plural(s.claims),
        s.files,
        plural(s.files),
        s.passed,
        s.failed
    );
    if s.errors > 0 {
        let _ = write!(out, ", {} file{} with errors", s.errors, plural(s.errors));
    }
    out.push('\n');
    out
}

/// `path:line:column: CODE verdict: message`.
pub fn line(f: &Finding<'_>) -> String {
    format!(
        "{}:{}:{}: {} {}: {}",
        f.path,
        f.line,
        f.column,
        f.verdict.code(),
        f.verdict,
        single_line(&f.message())
    )
}

fn single_line(s: &str) -> String {
    s.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
