use std::sync::Arc;

use crate::claims::Locator;
use crate::report::Citation;
use crate::source::{Document, LoadError};

/// A source declared by a claims file, as loaded (or not) by the caller.
#[derive(Debug, Clone)]
pub struct LoadedSource {
    pub key: String,
    /// How reports name the file: relative to the working folder.
    pub path: String,
    pub lang: Option<String>,
    pub document: Arc<Result<Document, LoadError>>,
}

/// The sources of one claims file, in declaration order.
#[derive(Debug, Clone, Default)]
pub struct SourceSet {
    sources: Vec<LoadedSource>,
}

impl SourceSet {
    pub fn new(sources: Vec<LoadedSource>) -> Self {
        SourceSet { sources }
    }

    pub fn get(&self, key: &str) -> Option<&LoadedSource> {
        self.sources.iter().find(|s| s.key == key)
    }

    pub fn iter(&self) -> impl Iterator<Item = &LoadedSource> {
        self.sources.iter()
    }

    pub fn citation(&self, key: &str, locator: Option<&Locator>) -> Citation {
        Citation {
            source: key.to_string(),
            path: self.get(key).map(|s| s.path.clone()).unwrap_or_default(),
            locator: locator.map(|l| l.kind.to_string()),
        }
    }
}
