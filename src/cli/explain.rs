//! `citecheck explain CODE`: what a verdict code means, with an example.

use clap::Args;

use citecheck::draft::codes::{finding_named, FINDINGS};
use citecheck::verdict::Verdict;

use super::output;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A verdict code (`CC001`) or name (`misquoted`); none lists them all.
    code: Option<String>,
}

pub fn run(args: ExplainArgs) -> u8 {
    let Some(code) = args.code else {
        return print(&list());
    };
    match Verdict::from_code_or_name(&code) {
        Some(v) => print(&explain(v)),
        None if finding_named(&code).is_some() => print(&explain_finding(&code)),
        None => {
            output::eprint(&format!(
                "error: unknown code `{code}`; the codes are:\n{}",
                list()
            ));
            2
        }
    }
}

fn print(text: &str) -> u8 {
    match output::print(text) {
        Ok(()) => 0,
        Err(e) => {
            output::eprint(&format!("error: {e}\n"));
            2
        }
    }
}

/// Every code, its name and its one-line summary, in one column each.
fn list() -> String {
    let mut by_code = Verdict::ALL.to_vec();
    by_code.sort_by_key(|v| v.code());
    let rows: Vec<(&str, &str, &str)> = by_code
        .iter()
        .map(|v| (v.code(), v.name(), v.summary()))
        .chain(FINDINGS.iter().map(|f| (f.code, f.name, f.summary)))
        .collect();
    let width = rows.iter().map(|(_, n, _)| n.len()).max().unwrap_or(0) + 1;
    rows.iter()
        .map(|(code, name, summary)| format!("  {code} {name:<width$}{summary}\n"))
        .collect()
}

/// A draft finding (`CC100`, `CC101`): docs/drafts.md.
fn explain_finding(code: &str) -> String {
    match finding_named(code) {
        Some(f) => format!(
            "{} {}\n\n{}\n\n{}",
            f.code, f.name, f.summary, f.explanation
        ),
        None => String::new(),
    }
}

fn explain(v: Verdict) -> String {
    let example: String = v
        .example()
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect();
    format!(
        "{} {}\n\n{}\n\n{}\n\nExample:\n\n{example}",
        v.code(),
        v.name(),
        wrap(v.summary(), 79),
        wrap(v.description(), 79)
    )
}

/// Greedy word wrap at `width` characters.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if line_len > 0 && line_len + 1 + n > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += n;
    }
    out
}
