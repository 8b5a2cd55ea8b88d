//! The GitHub Actions reporter: one workflow command per finding,
//!
//! ```text
//! ::error file=claims/a.claims,line=12,col=3,title=CC001 misquoted::claim `c`: …
//! ```
//!
//! which GitHub shows as an annotation on the claims file, then the human
//! report without colours: GitHub shows only the first ten annotations of a
//! kind in a step, and the log keeps the rest. Misquoted, unsupported and
//! contradicted quotes are `error`s; miscited, partial and unverifiable ones
//! `warning`s; a claim found `supported` where it expected otherwise a
//! `notice`; a draft's unused or malformed suppression (`CC100`, `CC101`) an
//! `error`. Passing claims give no command.

use std::fmt::Write;

use crate::verdict::Level;

use super::finding::findings;
use super::{human, Report};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for e in &file.errors {
            command(
                &mut out,
                "error",
                &file.path,
                e.line,
                e.column,
                &format!("{} {}", e.code, e.name),
                &e.message,
            );
        }
    }
    for f in findings(report) {
        let level = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        command(
            &mut out,
            level,
            f.path,
            f.line,
            f.column,
            &format!("{} {}", f.code, f.name),
            &f.message(),
        );
    }
    out.push_str(&human::render(report));
    out
}

fn command(
    out: &mut String,
    level: &str,
    file: &str,
    line: usize,
    col: usize,
    title: &str,
    message: &str,
) {
    let _ = writeln!(
        out,
        "::{level} file={},line={line},col={col},title={}::{}",
        escape_property(file),
        escape_property(title),
        escape_data(message)
    );
}

/// A command's message: `%`, CR and LF are percent-encoded.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as data, and `:` and `,` too.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
