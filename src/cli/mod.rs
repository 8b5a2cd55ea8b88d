//! Command-line arguments, one file per command.

mod check;
mod config;
mod discover;
mod draft;
mod explain;
mod loader;
mod output;
mod paths;
mod progress;
mod report_args;
mod root;
mod snapshots;

use clap::{Parser, Subcommand, ValueEnum};

/// Checks claims and quotations against their sources.
#[derive(Debug, Parser)]
#[command(name = "citecheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check claims files (*.claims) against the sources they cite.
    Check(check::CheckArgs),
    /// Check the quotations of Markdown drafts against their sources.
    Draft(draft::DraftArgs),
    /// Show the configuration (citecheck.toml) in force.
    Config(config::ConfigCmdArgs),
    /// Explain a verdict code (`CC001`) or name; with none, list the codes.
    Explain(explain::ExplainArgs),
}

/// When to colour the human report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is unset.
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the exit code: 0 pass, 1 findings,
/// 2 errors.
pub fn run() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Draft(args) => draft::run(args),
        Command::Config(args) => config::run(args),
        Command::Explain(args) => explain::run(args),
    }
}
