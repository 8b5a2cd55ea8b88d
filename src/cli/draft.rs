//! `citecheck draft ARTICLE.md…`: the quotations of Markdown drafts checked
//! against the sources that citecheck.toml and their front matter name.

use std::path::{Path, PathBuf};

use clap::Args;

use citecheck::check::{LoadedSource, SourceSet};
use citecheck::config::Config;
use citecheck::draft::{self, front_matter, ClaimsMode, DraftSettings};
use citecheck::report::{DiagnosticReport, FileReport, Report};

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
    /// Which sentences are claims: quotations only, also the sentences that
    /// cite a source, or every sentence (against every source). Overrides
    /// `claims` in citecheck.toml (default: cited).
    #[arg(long, value_name = "WHICH", value_parser = ["quotes", "cited", "all"])]
    claims: Option<String>,
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
        claims: args
            .claims
            .as_deref()
            .and_then(ClaimsMode::named)
            .unwrap_or(config.claims),
        policy: config.match_policy(),
    };
    let mut loader = Loader::new(&args.sources);
    let stderr_color = args.report.stderr_color();
    let files: Vec<FileReport> = drafts
        .iter()
        .map(|d| check_one(d, &config, &settings, &mut loader, stderr_color))
        .collect();
    let report = Report::new(files);
    if let Err(e) = output::print(&report.render(format)) {
        output::eprint(&format!("error: {e}\n"));
        return 2;
    }
    args.report.exit_code(&report)
}

fn check_one(
    path: &Path,
    config: &Config,
    settings: &DraftSettings,
    loader: &mut Loader,
    color: bool,
) -> FileReport {
    let shown = paths::display(path);
    // A draft from a pull request may name any path, or be a symlink out of
    // the checkout or a FIFO: the same root rule as for claims files.
    let root = Root::of_claims_file(path, loader.allow_outside_root());
    let bytes = match root.read_claims(path) {
        Ok(b) => b,
        Err(why) => {
            return refused(
                &shown,
                "E000",
                "unreadable",
                format!("cannot read the draft: {why}"),
                "a readable Markdown file",
                None,
            )
        }
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            // Shown lossy: the valid prefix decodes unchanged, so offsets
            // agree up to the bad byte.
            let at = e.valid_up_to();
            let lossy = String::from_utf8_lossy(body);
            return refused(
                &shown,
                "E002",
                "invalid-utf8",
                format!(
                    "invalid UTF-8: byte 0x{:02X} at byte offset {}",
                    body[at],
                    at + (bytes.len() - body.len())
                ),
                "UTF-8 text (save the draft as UTF-8)",
                Some((&lossy, at..at + '\u{FFFD}'.len_utf8(), color)),
            );
        }
    };
    let extracted = draft::extract(text);
    let folder = path.parent().unwrap_or(Path::new(""));
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
                return refused(
                    &shown,
                    "E010",
                    "bad-front-matter",
                    e.message,
                    &e.expected,
                    Some((text, e.offset..e.offset + 1, color)),
                );
            }
        }
    }
    draft::check_draft(&shown, text, &extracted, &SourceSet::new(sources), settings)
}

/// A draft that could not be checked: the error goes to standard error, and
/// into the report. With the draft's text and the fault's span (and whether
/// to colour), it is rendered as claims files' errors are: the line and a
/// caret; else as `path:1:1: error[…]: …`.
fn refused(
    path: &str,
    code: &str,
    name: &str,
    message: String,
    expected: &str,
    at: Option<(&str, std::ops::Range<usize>, bool)>,
) -> FileReport {
    let (line, column, rendered) = match at {
        Some((text, span, color)) => {
            let (line, column) = citecheck::claims::line_column(text, span.start);
            let rendered =
                citecheck::claims::render_error(code, &message, expected, span, path, text, color);
            (line, column, rendered)
        }
        None => (1, 1, format!("error[{code}]: {message}\n --> {path}")),
    };
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
    discover::files_in(paths, &["md", "markdown"], |f| !config.ignores(f))
}
