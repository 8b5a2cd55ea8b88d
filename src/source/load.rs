use std::fmt;
use std::path::Path;

use super::{Document, Format};

/// Why a source could not be read. Every variant makes the claims that cite
/// the source `unverifiable`, with this as the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotFound,
    NotAFile,
    Unreadable(String),
    InvalidUtf8 {
        offset: usize,
    },
    UnsupportedFormat(String),
    /// A PDF whose pages carry no text (a scan without OCR).
    NoTextLayer,
    /// A PDF that cannot be decrypted without a password.
    Encrypted,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound => write!(f, "the file does not exist"),
            LoadError::NotAFile => write!(f, "the path is not a regular file"),
            LoadError::Unreadable(why) => write!(f, "the file could not be read: {why}"),
            LoadError::InvalidUtf8 { offset } => {
                write!(f, "the file is not valid UTF-8 (at byte {offset})")
            }
            LoadError::UnsupportedFormat(ext) => {
                write!(f, "citecheck does not read .{ext} files yet")
            }
            LoadError::NoTextLayer => write!(f, "the PDF has no text layer (a scan?)"),
            LoadError::Encrypted => write!(f, "the PDF is encrypted"),
        }
    }
}

/// Reads and loads the file at `path`, choosing the loader by its extension.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let _ = path;
    todo!("load")
}

/// Loads bytes already read, as the given format.
pub fn load_bytes(bytes: &[u8], format: Format) -> Result<Document, LoadError> {
    let _ = (bytes, format);
    todo!("load_bytes")
}
