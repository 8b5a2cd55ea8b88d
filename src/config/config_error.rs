use std::fmt;
use std::path::Path;

use crate::check::LineIndex;

/// A configuration that cannot be used: where, what, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, as given.
    pub path: String,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub expected: String,
}

impl ConfigError {
    pub fn at(path: &Path, text: &str, offset: usize, message: String, expected: &str) -> Self {
        let (line, column) = LineIndex::new(text).line_column(offset);
        ConfigError {
            path: path.display().to_string(),
            line,
            column,
            message,
            expected: expected.to_string(),
        }
    }

    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        ConfigError {
            path: path.display().to_string(),
            line: 0,
            column: 0,
            message: format!("cannot read the configuration: {e}"),
            expected: "a readable citecheck.toml".to_string(),
        }
    }

    /// From the TOML reader: its message split into what is wrong and, for
    /// unknown keys, the keys it knows.
    pub fn from_toml(path: &Path, text: &str, e: &toml::de::Error) -> Self {
        let message = e.message().trim().to_string();
        let (message, expected) = match message.split_once(", expected ") {
            Some((m, x)) => (m.to_string(), x.to_string()),
            None => (message, "TOML as docs/drafts.md describes it".to_string()),
        };
        let offset = e.span().map_or(0, |s| s.start);
        ConfigError::at(path, text, offset, message, &expected)
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: error: {}", self.path, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: error: {}\n  expected {}",
                self.path, self.line, self.column, self.message, self.expected
            )
        }
    }
}
