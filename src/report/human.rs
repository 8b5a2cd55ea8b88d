//! The human reporter: for each claim its verdict and text, for each quote the
//! citation and the source lines with the quote marked; for a draft, its own
//! findings (unused or malformed suppressions) and what it left unchecked;
//! then one summary line.
//! Colours come from `colored`, whose global switch the CLI sets.

use std::fmt::Write;

use colored::{ColoredString, Colorize};

use crate::verdict::Verdict;

use super::{
    unsafe_char, ClaimReport, ExcerptLine, FileReport, QuoteReport, Report, Summary, Unchecked,
    WordChange,
};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        file_section(&mut out, file);
    }
    summary_line(&mut out, &report.summary);
    out
}

fn file_section(out: &mut String, file: &FileReport) {
    let _ = writeln!(out, "{}", file.path.bold());
    if !file.errors.is_empty() {
        let n = file.errors.len();
        let _ = writeln!(
            out,
            "  {} not checked: {n} error{} (see above)\n",
            "error".red().bold(),
            plural(n)
        );
        return;
    }
    for source in file.sources.iter().filter(|s| s.status != "ok") {
        let _ = writeln!(
            out,
            "  {} source {} ({}): {}",
            "warning".yellow().bold(),
            source.key,
            source.path,
            source.reason.as_deref().unwrap_or("unreadable")
        );
    }
    for claim in &file.claims {
        claim_section(out, claim, file.is_draft());
    }
    // A draft's own findings, as a compiler writes its errors: each fails
    // the run.
    for f in &file.findings {
        let _ = writeln!(
            out,
            "  {} {}:{}:{}: {} {}: {}",
            "✗".red(),
            file.path,
            f.line,
            f.column,
            format!("error[{}]", inline(&f.code)).red().bold(),
            inline(&f.name),
            inline(&f.message)
        );
    }
    if let Some(u) = &file.unchecked {
        unchecked_note(out, u);
    }
    out.push('\n');
}

/// What a draft left unchecked, on one line, when it left anything.
fn unchecked_note(out: &mut String, u: &Unchecked) {
    let mut parts = Vec::new();
    if u.short > 0 {
        parts.push(format!(
            "{} quotation{} under {} words not checked",
            u.short,
            plural(u.short),
            u.min_quote_words
        ));
    }
    if u.suppressed > 0 {
        parts.push(format!("{} suppressed", u.suppressed));
    }
    if u.ignored > 0 {
        parts.push(format!("{} ignored by citecheck.toml", u.ignored));
    }
    if !parts.is_empty() {
        let _ = writeln!(out, "  {} {}", "note:".dimmed(), parts.join(", "));
    }
}

/// A claim: its mark, verdict, id and text. In a claims file, what its
/// `expect` line asked where that matters; a draft has no `expect` lines, so
/// its claims say nothing of an expectation.
fn claim_section(out: &mut String, claim: &ClaimReport, draft: bool) {
    let mark = if claim.pass {
        "✓".green()
    } else {
        "✗".red()
    };
    let expectation = match claim.expected {
        _ if draft => String::new(),
        Some(e) if e == claim.verdict && e != Verdict::Supported => " (as expected)".to_string(),
        Some(e) if e != claim.verdict => format!(" (expected {e})"),
        None if claim.verdict != Verdict::Supported => " (expected supported)".to_string(),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "  {mark} {}{} {}: {}",
        paint(claim.verdict, claim.verdict.name()),
        expectation.dimmed(),
        claim.id.bold(),
        inline(&claim.text)
    );
    if let Some(message) = &claim.message {
        let _ = writeln!(out, "      {}", inline(message));
    }
    for quote in &claim.quotes {
        quote_section(out, quote);
    }
    for conflict in &claim.conflicts {
        let _ = writeln!(
            out,
            "      {} the claim says \"{}\" ({}), the source says \"{}\" ({})",
            "conflict:".red().bold(),
            inline(&conflict.claim),
            inline(&conflict.claim_value),
            inline(&conflict.source),
            inline(&conflict.source_value)
        );
        let _ = writeln!(
            out,
            "        {} {}",
            "-->".blue(),
            inline(&conflict.location.cite())
        );
        excerpt(out, &conflict.location.excerpt);
    }
    if let Some(support) = &claim.support {
        for cite in &claim.cites {
            let _ = writeln!(out, "      cite {cite}");
        }
        for (i, evidence) in support.evidence.iter().enumerate() {
            let _ = writeln!(
                out,
                "        {} {}",
                format!("evidence {}:", i + 1).dimmed(),
                inline(&evidence.cite())
            );
            excerpt(out, &evidence.excerpt);
        }
        if !support.missing.is_empty() && claim.verdict != Verdict::Supported {
            let missing: Vec<String> = support.missing.iter().map(|m| format!("\"{m}\"")).collect();
            let _ = writeln!(
                out,
                "        {} {}",
                "not found:".dimmed(),
                missing.join(", ")
            );
        }
    }
}

fn quote_section(out: &mut String, quote: &QuoteReport) {
    let cited = match &quote.cited {
        Some(c) => format!(" @ {c}"),
        None => String::new(),
    };
    // A raw block's line breaks and indentation are layout, not words.
    let text = inline(&quote.text);
    let _ = writeln!(out, "      quote \"{text}\"{cited}");
    let _ = writeln!(
        out,
        "        {}: {}",
        paint(quote.verdict, quote.verdict.name()),
        inline(&quote.message)
    );
    if let Some(location) = &quote.location {
        let _ = writeln!(out, "        {} {}", "-->".blue(), inline(&location.cite()));
        excerpt(out, &location.excerpt);
    }
    if let Some(closest) = &quote.closest {
        let _ = writeln!(
            out,
            "        {} {}",
            "closest:".dimmed(),
            inline(&closest.cite())
        );
        excerpt(out, &closest.excerpt);
    }
    if !quote.diff.is_empty() {
        let _ = writeln!(out, "        {} {}", "diff:".bold(), word_diff(&quote.diff));
    }
    for gap in &quote.elided {
        let _ = writeln!(out, "        {} \"{}\"", "left out:".dimmed(), inline(gap));
    }
    if !quote.insertions.is_empty() {
        let _ = writeln!(
            out,
            "        {} {}",
            "not compared:".dimmed(),
            inline(&quote.insertions.join(" "))
        );
    }
    if let Some(also) = &quote.also {
        let label = if quote.verdict == Verdict::Misquoted {
            "also close:"
        } else {
            "also found:"
        };
        let _ = writeln!(out, "        {} {}", label.yellow(), inline(&also.cite()));
        excerpt(out, &also.excerpt);
    }
}

/// `developed by [-our-] adversaries`: dropped words in `[-…-]`, added ones in
/// `{+…+}`, as git's word diff writes them, so the diff reads without colour.
fn word_diff(changes: &[WordChange]) -> String {
    let parts: Vec<String> = changes
        .iter()
        .map(|c| match c {
            WordChange::Same { text } => inline(text),
            WordChange::Dropped { source } => format!("[-{}-]", inline(source)).red().to_string(),
            WordChange::Added { quote } => format!("{{+{}+}}", inline(quote)).green().to_string(),
            WordChange::Changed {
                source,
                quote,
                accents_only,
            } => {
                let note = if *accents_only { " (accents)" } else { "" };
                format!(
                    "{}{}{note}",
                    format!("[-{}-]", inline(source)).red(),
                    format!("{{+{}+}}", inline(quote)).green()
                )
            }
        })
        .collect();
    parts.join(" ")
}

fn excerpt(out: &mut String, lines: &[ExcerptLine]) {
    let width = lines
        .iter()
        .map(|l| l.line.to_string().len())
        .max()
        .unwrap_or(1);
    // Evidence marks the claim's words only; a line without any gets none.
    let words_only = lines.iter().any(|l| !l.words.is_empty());
    for l in lines {
        // One character for one, so the marks keep their columns.
        let chars: Vec<char> = l
            .text
            .chars()
            .map(|c| if unsafe_char(c) { '\u{fffd}' } else { c })
            .collect();
        let (s, e) = (l.mark_start.min(chars.len()), l.mark_end.min(chars.len()));
        let before: String = chars[..s].iter().collect();
        let marked: String = chars[s..e].iter().collect();
        let after: String = chars[e..].iter().collect();
        let _ = writeln!(
            out,
            "        {:>width$} {} {before}{}{after}",
            l.line,
            "|".blue(),
            marked.underline()
        );
        if !l.words.is_empty() {
            // Evidence: the claim's words, not the whole passage.
            let mut carets = String::new();
            for [ws, we] in &l.words {
                let (ws, we) = ((*ws).max(carets.chars().count()), (*we).min(chars.len()));
                if we > ws {
                    carets.push_str(&" ".repeat(ws - carets.chars().count()));
                    carets.push_str(&"^".repeat(we - ws));
                }
            }
            let _ = writeln!(
                out,
                "        {:>width$} {} {}",
                "",
                "|".blue(),
                carets.blue()
            );
        } else if e > s && !words_only {
            let _ = writeln!(
                out,
                "        {:>width$} {} {}{}",
                "",
                "|".blue(),
                " ".repeat(s),
                "^".repeat(e - s).blue()
            );
        }
    }
}

fn summary_line(out: &mut String, summary: &Summary) {
    let counts: Vec<String> = summary
        .verdicts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(v, n)| format!("{n} {v}"))
        .collect();
    let mut line = format!(
        "{} claim{} in {} file{}: {} passed, {} failed",
        summary.claims,
        plural(summary.claims),
        summary.files,
        plural(summary.files),
        summary.passed,
        summary.failed
    );
    if summary.findings > 0 {
        line.push_str(&format!(
            ", {} suppression finding{}",
            summary.findings,
            plural(summary.findings)
        ));
    }
    if summary.errors > 0 {
        line.push_str(&format!(
            ", {} file{} with errors",
            summary.errors,
            plural(summary.errors)
        ));
    }
    if !counts.is_empty() {
        line.push_str(&format!(" ({})", counts.join(", ")));
    }
    let line = if summary.failed > 0 || summary.errors > 0 || summary.findings > 0 {
        line.red().bold()
    } else {
        line.green().bold()
    };
    let _ = writeln!(out, "{line}");
}

fn paint(verdict: Verdict, text: &str) -> ColoredString {
    match verdict {
        Verdict::Supported => text.green(),
        Verdict::Miscited | Verdict::Partial => text.yellow(),
        Verdict::Unverifiable => text.magenta(),
        _ => text.red(),
    }
    .bold()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Text from a claims file or a source, on one line and harmless in a
/// terminal or a CI log: line breaks and runs of white space become one
/// space, so no line can start a workflow command (`::error`); control and
/// bidirectional-override characters are shown as escapes, so none can
/// colour, move the cursor or reorder what a reviewer reads.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if unsafe_char(c) {
                out.push_str(&c.escape_unicode().to_string());
            } else {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_files_cannot_inject_into_a_terminal_or_a_ci_log() {
        assert_eq!(inline("a\n::error ::owned"), "a ::error ::owned");
        assert_eq!(inline("red \u{1b}[31mtext"), "red \\u{1b}[31mtext");
        assert_eq!(inline("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(inline("  plain   words "), "plain words");
    }
}
