//! The `citecheck` command. All the work is in the library; `cli` does
//! arguments, discovery, reading files and writing the report.

mod cli;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::run())
}
