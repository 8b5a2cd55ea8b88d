//! Reading a source file: checks on the path, the choice of a loader by
//! extension, UTF-8 decoding.

use std::fmt;
use std::io;
use std::path::Path;

use super::{markdown, text, Document, Format};

/// Why a source could not be read. Every variant makes the claims that cite
/// the source `unverifiable`, with this as the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotFound,
    NotAFile,
    Unreadable(String),
    InvalidUtf8 { offset: usize },
    UnsupportedFormat(String),
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
        }
    }
}

/// The format a file's extension says it is in: `.txt`/`.text` (and no
/// extension) are text, `.md`/`.markdown` Markdown, `.pdf` PDF, `.html`/`.htm`
/// HTML; anything else is not read (the extension, lowercased, is the error).
pub fn format_of(path: &Path) -> Result<Format, LoadError> {
    let Some(ext) = path.extension() else {
        return Ok(Format::Text);
    };
    let ext = ext.to_string_lossy().to_lowercase();
    match ext.as_str() {
        "txt" | "text" => Ok(Format::Text),
        "md" | "markdown" => Ok(Format::Markdown),
        "pdf" => Ok(Format::Pdf),
        "html" | "htm" => Ok(Format::Html),
        _ => Err(LoadError::UnsupportedFormat(ext)),
    }
}

/// Reads and loads the file at `path`, choosing the loader by its extension.
/// The path is checked before anything is read, so a directory or a FIFO is
/// refused rather than blocked on.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(LoadError::NotFound),
        Err(e) => return Err(LoadError::Unreadable(e.to_string())),
    };
    if !meta.is_file() {
        return Err(LoadError::NotAFile);
    }
    let format = format_of(path)?;
    if matches!(format, Format::Pdf | Format::Html) {
        return Err(unsupported(format));
    }
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound,
        _ => LoadError::Unreadable(e.to_string()),
    })?;
    load_bytes(&bytes, format)
}

/// Loads bytes already read, as the given format. The bytes must be UTF-8; a
/// byte-order mark is kept in `raw` (offsets count in the file as stored) and
/// left out of the text.
pub fn load_bytes(bytes: &[u8], format: Format) -> Result<Document, LoadError> {
    let raw = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            return Err(LoadError::InvalidUtf8 {
                offset: e.valid_up_to(),
            })
        }
    };
    match format {
        Format::Text => Ok(text::load(raw)),
        Format::Markdown => Ok(markdown::load(raw)),
        Format::Pdf | Format::Html => Err(unsupported(format)),
    }
}

fn unsupported(format: Format) -> LoadError {
    LoadError::UnsupportedFormat(match format {
        Format::Pdf => "pdf".into(),
        Format::Html => "html".into(),
        Format::Text => "txt".into(),
        Format::Markdown => "md".into(),
    })
}
