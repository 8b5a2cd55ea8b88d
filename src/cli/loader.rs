//! Reading sources for a run, the same way for `check` and `draft`: each
//! file once, inside the project root unless allowed, within the size limit,
//! and PDFs through the on-disk cache of extracted documents.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;

use citecheck::check::LoadedSource;
use citecheck::source::{self, Document, Format, LoadError};

use super::paths;
use super::root::Root;

/// The flags that govern how sources are read.
#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// Read sources that resolve outside the project root (see docs/robustness.md).
    #[arg(long)]
    pub allow_outside_root: bool,
    /// Refuse sources larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = source::DEFAULT_MAX_SOURCE_BYTES)]
    pub max_source_bytes: u64,
    /// Neither read nor write the cache of extracted PDF sources
    /// ($CITECHECK_CACHE_DIR, else ~/.cache/citecheck).
    #[arg(long)]
    pub no_cache: bool,
}

pub struct Loader {
    args: SourceArgs,
    cache: Option<PathBuf>,
    loaded: HashMap<PathBuf, Arc<Result<Document, LoadError>>>,
}

impl Loader {
    pub fn new(args: &SourceArgs) -> Self {
        Loader {
            cache: if args.no_cache {
                None
            } else {
                source::default_cache_dir()
            },
            args: args.clone(),
            loaded: HashMap::new(),
        }
    }

    pub fn allow_outside_root(&self) -> bool {
        self.args.allow_outside_root
    }

    /// The document at `path`; refused, unread, when `root` says so.
    pub fn load(&mut self, path: &Path, root: &Root) -> Arc<Result<Document, LoadError>> {
        if let Some(why) = root.refuse(path) {
            return Arc::new(Err(LoadError::Refused(why)));
        }
        let (max, cache) = (self.args.max_source_bytes, self.cache.as_deref());
        self.loaded
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                // Only PDF extraction costs enough to be worth a file on disk.
                let result = match source::format_of(path) {
                    Ok(Format::Pdf) if cache.is_some() => source::load_cached(path, cache, max),
                    _ => source::load_limited(path, max),
                };
                Arc::new(result)
            })
            .clone()
    }

    /// A source declared as `key`, loaded for a file under `root`.
    pub fn source(
        &mut self,
        key: &str,
        path: &Path,
        lang: Option<String>,
        root: &Root,
    ) -> LoadedSource {
        let path = paths::normalize(path);
        LoadedSource {
            key: key.to_string(),
            path: paths::display(&path),
            lang,
            document: self.load(&path, root),
        }
    }
}
