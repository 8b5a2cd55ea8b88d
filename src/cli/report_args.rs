//! The flags that shape a report, the same for `check` and `draft`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use citecheck::report::{Format, Report};

use super::{output, snapshots, ColorChoice};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report format.
    #[arg(long, default_value = "human", value_parser = format_parser())]
    format: Format,
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
        self.format
    }

    /// The exit code of a run that printed `report`: its own, or 1 when
    /// `--snapshot` finds a difference, or 2 when the snapshots cannot be
    /// read or written.
    pub fn exit_code(&self, report: &Report) -> u8 {
        let code = report.exit_code_with(self.exit_zero) as u8;
        match &self.snapshot {
            Some(dir) => match snapshots::run(dir, report, self.accept, self.stderr_color()) {
                Ok(true) if code == 0 => 1,
                Ok(_) => code,
                Err(e) => {
                    output::eprint(&format!("error: {e}\n"));
                    2
                }
            },
            None => code,
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

/// `--format` takes the names of [`Format::ALL`], so a new format needs no
/// second list here.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name))
        .map(|name: String| Format::from_name(&name).unwrap_or_default())
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
