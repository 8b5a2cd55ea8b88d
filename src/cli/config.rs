//! `citecheck config [--dump]`, and the options every command that reads
//! `citecheck.toml` shares.

use std::path::{Path, PathBuf};

use clap::Args;

use citecheck::config::{discover, Config, ConfigError};

use super::{output, paths};

/// Where the configuration comes from.
#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of looking for citecheck.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore every citecheck.toml: the defaults only.
    #[arg(long)]
    isolated: bool,
}

impl ConfigArgs {
    /// The configuration in force: `--config`, else the nearest
    /// citecheck.toml upward from the working folder, else the defaults.
    pub fn resolve(&self) -> Result<Config, ConfigError> {
        if self.isolated {
            return Ok(Config::default());
        }
        let file = match &self.config {
            Some(path) => Some(path.clone()),
            None => std::env::current_dir().ok().and_then(|cwd| discover(&cwd)),
        };
        match file {
            Some(path) => Config::load(Path::new(&paths::display(&path))),
            None => Ok(Config::default()),
        }
    }
}

#[derive(Debug, Args)]
pub struct ConfigCmdArgs {
    /// Print the configuration in force, every key with its value.
    #[arg(long)]
    dump: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: ConfigCmdArgs) -> u8 {
    let config = match args.config.resolve() {
        Ok(c) => c,
        Err(e) => {
            output::eprint(&format!("{e}\n"));
            return 2;
        }
    };
    let text = if args.dump {
        config.dump()
    } else {
        match &config.file {
            Some(f) => format!("{}\n", f.display()),
            None => "no citecheck.toml: the defaults are in force (see --dump)\n".to_string(),
        }
    };
    match output::print(&text) {
        Ok(()) => 0,
        Err(e) => {
            output::eprint(&format!("error: {e}\n"));
            2
        }
    }
}
