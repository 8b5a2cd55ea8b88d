//! `citecheck check [PATH…]`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;

use citecheck::check::{self as core, LoadedSource, MatchPolicy, SourceSet};
use citecheck::claims;
use citecheck::report::{FileReport, Report};

use super::config::ConfigArgs;
use super::loader::{Loader, SourceArgs};
use super::report_args::ReportArgs;
use super::root::Root;
use super::{discover, output, paths, progress};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Claims files, or folders searched for *.claims files.
    #[arg(default_value = "claims")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    sources: SourceArgs,
}

pub fn run(args: CheckArgs) -> u8 {
    let format = args.report.format();
    colored::control::set_override(args.report.stdout_color());
    // Only the thresholds apply here: a claims file declares its own sources.
    let policy = match args.config.resolve() {
        Ok(c) => c.match_policy(),
        Err(e) => {
            output::eprint(&format!("{e}\n"));
            return 2;
        }
    };
    let files = match discover::claims_files(&args.paths) {
        Ok(files) => files,
        Err(e) => {
            output::eprint(&format!("error: {e}\n"));
            return 2;
        }
    };
    if files.is_empty() {
        output::eprint("error: no claims files (*.claims) found\n");
        return 2;
    }
    let stderr_is_terminal = std::io::stderr().is_terminal();
    let stderr_color = args.report.stderr_color();
    let parsed: Vec<Parsed> = files
        .iter()
        .map(|f| parse_one(f, stderr_color, args.sources.allow_outside_root))
        .collect();
    let bar = progress::Bar::new(
        format.is_human() && stderr_is_terminal,
        parsed.iter().map(Parsed::claims).sum(),
        parsed.iter().map(Parsed::source_bytes).sum(),
    );
    let mut loader = Loader::new(&args.sources);
    let reports: Vec<FileReport> = parsed
        .into_iter()
        .map(|p| {
            bar.start(p.shown());
            let claims = p.claims();
            let report = check_parsed(p, &mut loader, &policy);
            bar.advance(claims);
            report
        })
        .collect();
    bar.finish();
    let report = Report::new(reports);
    if let Err(e) = output::print(&report.render(format)) {
        output::eprint(&format!("error: {e}\n"));
        return 2;
    }
    args.report.exit_code(&report)
}

/// A claims file read and parsed, or the report of why it could not be.
enum Parsed {
    Refused(FileReport),
    Ready {
        path: PathBuf,
        shown: String,
        text: String,
        file: claims::ClaimsFile,
    },
}

impl Parsed {
    fn shown(&self) -> &str {
        match self {
            Parsed::Refused(r) => &r.path,
            Parsed::Ready { shown, .. } => shown,
        }
    }

    fn claims(&self) -> usize {
        match self {
            Parsed::Refused(_) => 0,
            Parsed::Ready { file, .. } => file.claims.len(),
        }
    }

    /// The size of the sources it declares, as far as the file system says.
    fn source_bytes(&self) -> u64 {
        match self {
            Parsed::Refused(_) => 0,
            Parsed::Ready { path, file, .. } => {
                let folder = path.parent().unwrap_or(Path::new(""));
                file.sources
                    .iter()
                    .filter_map(|d| std::fs::metadata(folder.join(&d.path.value)).ok())
                    .map(|m| m.len())
                    .sum()
            }
        }
    }
}

fn parse_one(path: &Path, stderr_color: bool, allow_outside_root: bool) -> Parsed {
    let shown = paths::display(path);
    let bytes = match Root::of_claims_file(path, allow_outside_root).read_claims(path) {
        Ok(b) => b,
        Err(e) => {
            let report = core::unreadable_file(&shown, &e);
            report_errors(&report);
            return Parsed::Refused(report);
        }
    };
    let (text, parsed) = claims::parse_bytes(&bytes);
    match parsed {
        Err(diagnostics) => {
            let report = core::refused_file(&shown, &text, &diagnostics, stderr_color);
            report_errors(&report);
            Parsed::Refused(report)
        }
        Ok(file) => Parsed::Ready {
            path: path.to_path_buf(),
            shown,
            text,
            file,
        },
    }
}

fn check_parsed(parsed: Parsed, loader: &mut Loader, policy: &MatchPolicy) -> FileReport {
    let (path, shown, text, file) = match parsed {
        Parsed::Refused(report) => return report,
        Parsed::Ready {
            path,
            shown,
            text,
            file,
        } => (path, shown, text, file),
    };
    let folder = path.parent().unwrap_or(Path::new(""));
    let root = Root::of_claims_file(&path, loader.allow_outside_root());
    let sources = file
        .sources
        .iter()
        .map(|decl| {
            let source_path = paths::normalize(&folder.join(&decl.path.value));
            LoadedSource {
                key: decl.key.name.clone(),
                path: paths::display(&source_path),
                lang: decl.lang.as_ref().map(|l| l.name.clone()),
                document: loader.load(&source_path, &root),
            }
        })
        .collect();
    core::check_file(&shown, &text, &file, &SourceSet::new(sources), policy)
}

fn report_errors(report: &FileReport) {
    for e in &report.errors {
        output::eprint(&e.rendered);
        output::eprint("\n");
    }
}
