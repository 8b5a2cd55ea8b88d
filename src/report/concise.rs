//! The concise reporter: one finding a line, as compilers and linters print
//! them, so that editors and `grep` can jump to the claim:
//!
//! ```text
//! claims/a.claims:12:3: CC002 miscited: claim `c`: quote "…" found at line 120, not at lines 10-12 as cited
//! drafts/a.md:49:1: CC100 unused-suppression: this suppression silences nothing: …
//! ```
//!
//! Only findings (see [`super::finding`]: failing claims, and a draft's
//! unused or malformed suppressions) and the errors of refused files are
//! listed, in file order; one summary line ends the report. No colours.

use std::fmt::Write;

use super::finding::{findings, Finding};
use super::unsafe_char;
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
    if s.findings > 0 {
        let _ = write!(
            out,
            ", {} suppression finding{}",
            s.findings,
            plural(s.findings)
        );
    }
    if s.errors > 0 {
        let _ = write!(out, ", {} file{} with errors", s.errors, plural(s.errors));
    }
    out.push('\n');
    out
}

/// `path:line:column: CODE name: message`.
pub fn line(f: &Finding<'_>) -> String {
    format!(
        "{}:{}:{}: {} {}: {}",
        f.path,
        f.line,
        f.column,
        f.code,
        f.name,
        single_line(&f.message())
    )
}

/// A message on one line and harmless in a terminal: every line break
/// (CR, LF, and Unicode's NEL, LS, PS) a space; control and
/// bidirectional-override characters, which could colour the terminal or
/// reorder what a reader sees, shown as escapes.
fn single_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if unsafe_char(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_stays_on_one_harmless_line() {
        assert_eq!(single_line("a\nb\r\nc\u{2028}d"), "a b  c d");
        assert_eq!(single_line("red \u{1b}[31m"), "red \\u{1b}[31m");
        assert_eq!(single_line("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(single_line("“é” 100%"), "“é” 100%");
    }
}
