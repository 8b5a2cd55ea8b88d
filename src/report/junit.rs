//! The JUnit XML reporter, for CI systems that show test results (GitLab,
//! Jenkins, Azure, CircleCI): one `testsuite` per claims file or draft, one
//! `testcase` per claim, named by its id, its `classname` the file with `/`
//! as `.` and no `.claims` or `.md` (`claims.apec-speech`). A claim that does
//! not pass holds a `failure` whose `message` is its verdict and what was
//! found, and whose text lists every quote. A draft's unused or malformed
//! suppression (`CC100`, `CC101`) is a failing `testcase` of its own. A file
//! refused for errors holds one `error` per grammar error. Deterministic: no
//! timestamps, no host, `time="0"`.

use std::fmt::Write;

use crate::verdict::Verdict;

use super::finding::{claim_findings, one_line};
use super::{ClaimReport, DraftFinding, FileReport, Report};

pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let errors: usize = report.files.iter().map(|f| f.errors.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"citecheck\" tests=\"{}\" failures=\"{}\" errors=\"{errors}\" time=\"0\">",
        s.claims + s.findings,
        s.failed + s.findings
    );
    for file in &report.files {
        suite(&mut out, file);
    }
    out.push_str("</testsuites>\n");
    out
}

fn suite(out: &mut String, file: &FileReport) {
    let failures = file.claims.iter().filter(|c| !c.pass).count() + file.findings.len();
    let name = attr(&file.path);
    let _ = writeln!(
        out,
        "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"0\" time=\"0\">",
        file.claims.len() + file.findings.len(),
        file.errors.len()
    );
    if !file.errors.is_empty() {
        let _ = writeln!(
            out,
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{name}\" time=\"0\">",
            if is_markdown(&file.path) {
                "(draft)"
            } else {
                "(claims file)"
            },
            attr(&classname(&file.path))
        );
        for e in &file.errors {
            let _ = writeln!(
                out,
                "      <error message=\"{}\" type=\"{} {}\">{}:{}:{}: {}</error>",
                attr(&e.message),
                attr(&e.code),
                attr(&e.name),
                text(&file.path),
                e.line,
                e.column,
                text(&format!("{} (expected {})", e.message, e.expected))
            );
        }
        out.push_str("    </testcase>\n");
    }
    for claim in &file.claims {
        case(out, file, claim);
    }
    for finding in &file.findings {
        draft_case(out, file, finding);
    }
    out.push_str("  </testsuite>\n");
}

fn case(out: &mut String, file: &FileReport, claim: &ClaimReport) {
    let _ = write!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\" time=\"0\"",
        attr(&claim.id),
        attr(&classname(&file.path)),
        attr(&file.path),
        claim.line
    );
    if claim.pass {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    // A draft has no `expect` lines: its claims fail by `fail-on`.
    let message = match (file.is_draft(), claim.expected) {
        (true, _) => format!("{}: {}", claim.verdict, claim.id),
        (false, e) => format!(
            "{}: {}, expected {}",
            claim.verdict,
            claim.id,
            e.unwrap_or(Verdict::Supported)
        ),
    };
    let mut body = format!("{}\n", claim.text);
    let findings: Vec<_> = claim_findings(file)
        .into_iter()
        .filter(|f| f.claim().is_some_and(|c| c.id == claim.id))
        .collect();
    // A finding about the claim itself already carries its message.
    if findings.iter().all(|f| f.quote().is_some()) {
        if let Some(m) = &claim.message {
            body.push_str(&format!("{m}\n"));
        }
    }
    for f in &findings {
        body.push_str(&format!(
            "{}:{}:{}: {} {}: {}\n",
            f.path,
            f.line,
            f.column,
            f.code,
            f.name,
            f.message()
        ));
        if let Some(found) = f.location() {
            body.push_str(&format!("  --> {}\n", found.cite()));
        }
    }
    for q in claim
        .quotes
        .iter()
        .filter(|q| q.verdict == Verdict::Supported)
    {
        body.push_str(&format!("quote \"{}\": supported\n", one_line(&q.text)));
    }
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{} {}\">{}</failure>",
        attr(&message),
        claim.verdict.code(),
        claim.verdict,
        text(&body)
    );
    out.push_str("    </testcase>\n");
}

/// A draft's own finding (an unused or malformed suppression): a failing
/// test case named by the finding and its line, since it has no id.
fn draft_case(out: &mut String, file: &FileReport, f: &DraftFinding) {
    let _ = writeln!(
        out,
        "    <testcase name=\"{} (line {})\" classname=\"{}\" file=\"{}\" line=\"{}\" time=\"0\">",
        attr(&f.name),
        f.line,
        attr(&classname(&file.path)),
        attr(&file.path),
        f.line
    );
    let _ = writeln!(
        out,
        "      <failure message=\"{}\" type=\"{} {}\">{}:{}:{}: {} {}: {}\n</failure>",
        attr(&format!("{}: {}", f.name, one_line(&f.message))),
        attr(&f.code),
        attr(&f.name),
        text(&file.path),
        f.line,
        f.column,
        text(&f.code),
        text(&f.name),
        text(&one_line(&f.message))
    );
    out.push_str("    </testcase>\n");
}

/// Whether the path names a Markdown draft (a refused draft has no other
/// sign of being one).
fn is_markdown(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".markdown")
}

/// A claims file or draft as a JUnit class name, which CI views split at
/// dots into package and class: `claims/apec-speech.claims` →
/// `claims.apec-speech`, `drafts/ai-exports-en.md` → `drafts.ai-exports-en`.
pub fn classname(path: &str) -> String {
    [".claims", ".markdown", ".md"]
        .iter()
        .find_map(|ext| path.strip_suffix(ext))
        .unwrap_or(path)
        .replace('/', ".")
}

/// Text content: `&`, `<`, `>` escaped; characters XML 1.0 forbids dropped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// An attribute value in double quotes: as text, and quotes and line breaks
/// and tabs as character references so they survive attribute normalization.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in text(s).chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_forbidden_characters() {
        assert_eq!(text("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(attr("\"x\"\n'y'"), "&quot;x&quot;&#10;&apos;y&apos;");
        assert_eq!(text("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(classname("claims/apec-speech.claims"), "claims.apec-speech");
        assert_eq!(classname("drafts/ai-exports-en.md"), "drafts.ai-exports-en");
    }
}
