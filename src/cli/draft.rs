//! `citecheck draft ARTICLE.md…`: the quotations of Markdown drafts checked
//! against the sources that citecheck.toml and their front matter name.

use std::fmt::Write;

use std::path::{Path, PathBuf};

use clap::Args;

use citecheck::check::{LineIndex, LoadedSource, SourceSet};
use citecheck::config::Config;
use citecheck::draft::{self, front_matter, DraftSettings};
use citecheck::report::{DiagnosticReport, FileReport, Format, Report};

use super::config::ConfigArgs;
use super::loader::{Loader, SourceArgs};
use super::report_args::ReportArgs;
use super::root::Root;
use super::{discover, output, paths};

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Markdown drafts, or folders searched for *.md files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    sources: SourceArgs,
}

pub fn run(args: DraftArgs) -> u8 {
    let format = args.report.format();
    colored::control::set_override(args.report.stdout_color());
    let config = match args.config.resolve() {
        Ok(c) => c,
        Err(e) => {
            output::eprint(&format!("{e}\n"));
            return 2;
        }
    };
    let drafts = match draft_files(&args.paths, &config) {
        Ok(d) if d.is_empty() => {
            output::eprint("error: no Markdown drafts (*.md) found\n");
            return 2;
        }
        Ok(d) => d,
        Err(e) => {
            output::eprint(&format!("error: {e}\n"));
            return 2;
        }
    };
    let settings = DraftSettings {
        min_quote_words: config.min_quote_words,
        fail_on: config.fail_on.clone(),
        ignore_quotes: config.ignore_quotes.clone(),
        policy: config.match_policy(),
    };
    let mut loader = Loader::new(&args.sources);
    let files: Vec<FileReport> = drafts
        .iter()
        .map(|d| check_one(d, &config, &settings, &mut loader))
        .collect();
    let report = Report::new(files);
    let mut text = report.render(format);
    if format == Format::Human {
        text.push_str(&footer(&report));
    }
    if let Err(e) = output::print(&text) {
        output::eprint(&format!("error: {e}\n"));
        return 2;
    }
    args.report.exit_code(&report)
}

/// What the human reporter does not show of a draft run: findings that are
/// no verdict, and the quotations left unchecked.
fn footer(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for f in &file.findings {
            let _ = writeln!(
                out,
                "{}:{}:{}: error[{}] {}: {}",
                file.path, f.line, f.column, f.code, f.name, f.message
            );
        }
        let Some(u) = &file.unchecked else { continue };
        let mut parts = Vec::new();
        if u.short > 0 {
            parts.push(format!(
                "{} quotation{} under {} words not checked",
                u.short,
                if u.short == 1 { "" } else { "s" },
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
            let _ = writeln!(out, "note: {}: {}", file.path, parts.join(", "));
        }
    }
    out
}

fn check_one(
    path: &Path,
    config: &Config,
    settings: &DraftSettings,
    loader: &mut Loader,
) -> FileReport {
    let shown = paths::display(path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return refused(
                &shown,
                "E000",
                "unreadable",
                format!("cannot read the draft: {}", discover::io_reason(&e)),
                "a readable Markdown file",
                1,
                1,
            )
        }
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            return refused(
                &shown,
                "E002",
                "invalid-utf8",
                format!("invalid UTF-8 at byte offset {}", e.valid_up_to()),
                "UTF-8 text (save the draft as UTF-8)",
                1,
                1,
            )
        }
    };
    let extracted = draft::extract(text);
    let folder = path.parent().unwrap_or(Path::new(""));
    // A draft from a pull request may name any path: the same root rule as
    // for claims files.
    let root = Root::of_claims_file(path, loader.allow_outside_root());
    let mut sources: Vec<LoadedSource> = config
        .sources
        .iter()
        .map(|s| loader.source(&s.key, &s.path, s.lang.clone(), &root))
        .collect();
    if let Some(range) = &extracted.front_matter {
        match front_matter::sources(&text[range.clone()], range.start) {
            Ok(named) => {
                for s in named {
                    let loaded = loader.source(&s.key, &folder.join(&s.path), s.lang, &root);
                    match sources.iter_mut().find(|x| x.key == s.key) {
                        Some(existing) => *existing = loaded,
                        None => sources.push(loaded),
                    }
                }
            }
            Err(e) => {
                let (line, column) = LineIndex::new(text).line_column(e.offset);
                return refused(
                    &shown,
                    "E010",
                    "bad-front-matter",
                    e.message,
                    &e.expected,
                    line,
                    column,
                );
            }
        }
    }
    draft::check_draft(&shown, text, &extracted, &SourceSet::new(sources), settings)
}

/// A draft that could not be checked: the error goes to standard error as
/// `path:line:column: error: …`, and into the report.
fn refused(
    path: &str,
    code: &str,
    name: &str,
    message: String,
    expected: &str,
    line: usize,
    column: usize,
) -> FileReport {
    let rendered =
        format!("{path}:{line}:{column}: error[{code}]: {message}\n  expected {expected}");
    output::eprint(&format!("{rendered}\n"));
    FileReport {
        path: path.to_string(),
        sources: Vec::new(),
        claims: Vec::new(),
        errors: vec![DiagnosticReport {
            code: code.to_string(),
            name: name.to_string(),
            message,
            expected: expected.to_string(),
            line,
            column,
            rendered,
        }],
        findings: Vec::new(),
        unchecked: None,
    }
}

/// Drafts named by `paths`: files as given; folders searched recursively for
/// `*.md` and `*.markdown`, less what the configuration ignores; sorted.
fn draft_files(paths: &[PathBuf], config: &Config) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("{}: {}", paths::display(path), discover::io_reason(&e)))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            files.extend(found.into_iter().filter(|f| !config.ignores(f)));
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {}", paths::display(dir), discover::io_reason(&e)))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            out.push(path);
        }
    }
    Ok(())
}
