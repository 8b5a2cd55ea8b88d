//! The flags that shape a report, the same for `check` and `draft`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use citecheck::report::Format;

use super::ColorChoice;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// When to use colours in the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit 0 whatever the findings (advisory runs); errors still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// Compare each file's report with its snapshot under DIR; exit 1 on a
    /// difference or a missing snapshot.
    #[arg(long, value_name = "DIR")]
    pub snapshot: Option<PathBuf>,
    /// With --snapshot: write the new and changed snapshots.
    #[arg(long, requires = "snapshot")]
    pub accept: bool,
}

impl ReportArgs {
    pub fn format(&self) -> Format {
        match self.format {
            FormatArg::Human => Format::Human,
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::JsonLines => Format::JsonLines,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Junit => Format::Junit,
        }
    }

    /// Colours on standard output: only in the human format.
    pub fn stdout_color(&self) -> bool {
        self.format() == Format::Human && color_for(self.color, std::io::stdout().is_terminal())
    }

    /// Colours on standard error (diagnostics, snapshot diffs).
    pub fn stderr_color(&self) -> bool {
        color_for(self.color, std::io::stderr().is_terminal())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    Human,
    Concise,
    Json,
    JsonLines,
    Github,
    Sarif,
    Junit,
}

/// `auto` colours a terminal, unless `NO_COLOR` is set.
pub fn color_for(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
