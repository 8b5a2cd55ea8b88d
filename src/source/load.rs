//! Reading a source file: checks on the path, the choice of a loader by
//! extension, UTF-8 decoding.

use std::fmt;
use std::io;
use std::path::Path;

use super::source_file::SourceFile;
use super::{html, markdown, pdf, text, Document, Format};

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
    /// Larger than the limit (`--max-source-bytes`); not read.
    TooLarge {
        size: u64,
        limit: u64,
    },
    /// Not read, for the reason given (outside the project root, …).
    Refused(String),
}

/// The largest source read by default: 256 MiB.
pub const DEFAULT_MAX_SOURCE_BYTES: u64 = 256 << 20;

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
            LoadError::TooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes, more than the limit of {limit} \
                 (raise it with --max-source-bytes)"
            ),
            LoadError::Refused(why) => write!(f, "not read: {why}"),
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
    load_limited(path, DEFAULT_MAX_SOURCE_BYTES)
}

/// [`load`], refusing (unread) a file of more than `max_bytes` bytes.
pub fn load_limited(path: &Path, max_bytes: u64) -> Result<Document, LoadError> {
    let (bytes, format, file) = read_source(path, max_bytes)?;
    load_read(bytes, format, &file)
}

/// The checks of [`load`], the bytes of the file and its format, and the
/// file kept open: a PDF's pages are read from it again as they are drawn.
pub(crate) fn read_source(
    path: &Path,
    max_bytes: u64,
) -> Result<(Vec<u8>, Format, SourceFile), LoadError> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(LoadError::NotFound),
        Err(e) => return Err(LoadError::Unreadable(e.to_string())),
    };
    if !meta.is_file() {
        return Err(LoadError::NotAFile);
    }
    let too_large = |size| LoadError::TooLarge {
        size,
        limit: max_bytes,
    };
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let format = format_of(path)?;
    let unreadable = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound,
        _ => LoadError::Unreadable(e.to_string()),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let (bytes, file) = SourceFile::read(file, max_bytes).map_err(unreadable)?;
    // Grown since it was measured.
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok((bytes, format, file))
}

/// [`load_owned`] for bytes read from `file` ([`read_source`]).
pub(crate) fn load_read(
    bytes: Vec<u8>,
    format: Format,
    file: &SourceFile,
) -> Result<Document, LoadError> {
    if format == Format::Pdf {
        return pdf::load_from(bytes, Some(file));
    }
    load_owned(bytes, format)
}

/// Loads bytes already read, as the given format. The bytes must be UTF-8; a
/// byte-order mark is kept in `raw` (offsets count in the file as stored) and
/// left out of the text.
pub fn load_bytes(bytes: &[u8], format: Format) -> Result<Document, LoadError> {
    if format == Format::Pdf {
        return pdf::load_from(bytes.to_vec(), None);
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(LoadError::InvalidUtf8 {
            offset: e.valid_up_to(),
        });
    }
    load_owned(bytes.to_vec(), format)
}

/// [`load_bytes`] taking the bytes: a text format keeps them as its `raw`
/// without a copy.
pub(crate) fn load_owned(bytes: Vec<u8>, format: Format) -> Result<Document, LoadError> {
    if format == Format::Pdf {
        return pdf::load_from(bytes, None);
    }
    let raw = String::from_utf8(bytes).map_err(|e| LoadError::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    match format {
        Format::Text => Ok(text::load(raw)),
        Format::Markdown => Ok(markdown::load(raw)),
        Format::Html => Ok(html::load(raw)),
        Format::Pdf => pdf::load_from(raw.into_bytes(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("a.txt")), Ok(Format::Text));
        assert_eq!(format_of(Path::new("a.TEXT")), Ok(Format::Text));
        assert_eq!(format_of(Path::new("README")), Ok(Format::Text));
        assert_eq!(format_of(Path::new("a.md")), Ok(Format::Markdown));
        assert_eq!(format_of(Path::new("a.Markdown")), Ok(Format::Markdown));
        assert_eq!(format_of(Path::new("a.pdf")), Ok(Format::Pdf));
        assert_eq!(format_of(Path::new("a.htm")), Ok(Format::Html));
        assert_eq!(
            format_of(Path::new("a.DOCX")),
            Err(LoadError::UnsupportedFormat("docx".into()))
        );
    }

    #[test]
    fn path_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load(&dir.path().join("missing.txt")).unwrap_err(),
            LoadError::NotFound
        );
        assert_eq!(load(dir.path()).unwrap_err(), LoadError::NotAFile);
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF").unwrap();
        assert!(matches!(load(&pdf), Err(LoadError::Unreadable(_))));
        let odd = dir.path().join("a.xyz");
        std::fs::write(&odd, b"x").unwrap();
        assert_eq!(
            load(&odd).unwrap_err(),
            LoadError::UnsupportedFormat("xyz".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        assert_eq!(load(&fifo).unwrap_err(), LoadError::NotAFile);
    }

    #[test]
    fn reads_files_with_bom_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        std::fs::write(&path, "\u{feff}# Head\r\n\r\nBody line\r\nwraps.\r\n").unwrap();
        let doc = load(&path).unwrap();
        assert_eq!(doc.format, Format::Markdown);
        assert!(doc.raw.starts_with("\u{feff}"));
        assert_eq!(doc.text, "Head\n\nBody line\nwraps.");
        let at = doc.text.find("Body").unwrap();
        let raw = doc.text_map.to_source(at..at + 4);
        assert_eq!(raw, 13..17, "offsets count the BOM and the CRs");
        let pos = doc.position(raw.start);
        assert_eq!((pos.line, pos.column), (3, 1));
        assert_eq!(
            doc.position(3).column,
            1,
            "the BOM does not count as a column"
        );
    }

    fn fixture(name: &str) -> Document {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/sources")
            .join(name);
        load(&path).unwrap()
    }

    #[test]
    fn fixture_bom_crlf_markdown() {
        let doc = fixture("bom_crlf.md");
        assert_eq!(
            doc.folded.text,
            "notes first paragraph, hardwrapped \"quoted\" text. second it's here!"
        );
        let at = doc.folded.text.find("hardwrapped").unwrap();
        let raw = doc.folded_to_raw(at..at + "hardwrapped".len());
        assert_eq!(&*doc.raw.slice(raw.clone()), "hard-\r\n  wrapped");
        let (start, end) = (doc.position(raw.start), doc.position(raw.end));
        assert_eq!(
            (start.line, start.column, end.line, end.column),
            (3, 18, 4, 10)
        );
        assert_eq!(doc.sections.len(), 2);
        let at = doc.folded.text.find("here!").unwrap();
        assert_eq!(
            &*doc.raw.slice(doc.folded_to_raw(at..at + 5)),
            "here\u{a0}!"
        );
    }

    #[test]
    fn fixture_form_feeds() {
        let doc = fixture("form_feeds.txt");
        let pages: Vec<_> = doc
            .pages
            .iter()
            .map(|p| (p.label, &doc.text[p.text.clone()]))
            .collect();
        assert_eq!(
            pages,
            [
                (1, "Page one, first paragraph.\n\nPage one, second."),
                (2, "Page two\nwraps here."),
                (3, ""),
                (4, "Page four."),
            ]
        );
        assert_eq!(doc.blocks.len(), 4);
    }

    #[test]
    fn invalid_utf8_says_where() {
        let bytes = b"ok \xc3\xa9 then \xff bad";
        assert_eq!(
            load_bytes(bytes, Format::Text).unwrap_err(),
            LoadError::InvalidUtf8 { offset: 11 }
        );
        assert_eq!(
            load_bytes(b"x", Format::Html).map(|d| d.text),
            Ok("x".into())
        );
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use crate::claims::LocatorKind;
    use crate::source::locator::resolve;

    use crate::test_rng::Lcg;

    const PIECES: &[&str] = &[
        "a",
        "Wort",
        "é",
        "e\u{301}",
        " ",
        "\n",
        "\r\n",
        "\n\n",
        "\u{feff}",
        "\x0c",
        "\t",
        "-",
        "# ",
        "## ",
        "* ",
        "- ",
        "1. ",
        "> ",
        "```",
        "`",
        "**",
        "_",
        "\\",
        "\\(",
        "&amp;",
        "&#x2019;",
        "&",
        "<span>",
        "</span>",
        "<div>",
        "<!--",
        "-->",
        "<br>",
        "[l](u)",
        "![i](u)",
        "[^1]",
        "[^1]: ",
        "| a | b |\n|---|---|\n",
        "---\n",
        "«\u{a0}",
        "\u{a0}»",
        "’",
        "…",
        "\u{ad}",
        "    ",
        "<",
        ">",
        "\u{202f}",
        "İ",
    ];

    /// Every map stays in step with its text, every block and every folded
    /// char maps back onto char boundaries of the file, and no query panics.
    fn check(doc: &Document) {
        assert_eq!(doc.text_map.derived_len(), doc.text.len());
        assert_eq!(doc.folded.map.derived_len(), doc.folded.text.len());
        let mut last_end = 0;
        for (i, b) in doc.blocks.iter().enumerate() {
            assert_eq!(b.paragraph, i + 1);
            assert!(b.text.start >= last_end && b.text.start < b.text.end);
            assert!(!doc.text[b.text.clone()].trim().is_empty());
            last_end = b.text.end;
            let raw = doc.text_map.to_source(b.text.clone());
            assert!(doc.raw.is_char_boundary(raw.start) && doc.raw.is_char_boundary(raw.end));
        }
        for (at, c) in doc.folded.text.char_indices() {
            let raw = doc.folded_to_raw(at..at + c.len_utf8());
            assert!(doc.raw.is_char_boundary(raw.start) && doc.raw.is_char_boundary(raw.end));
            let _ = doc.position(raw.start);
        }
        for raw in 0..=doc.raw.len() + 1 {
            let _ = doc.position(raw);
            let _ = doc.raw_to_folded(raw..raw + 3);
        }
        for n in 0..4 {
            let _ = doc.line(n);
            for l in [
                LocatorKind::Paragraphs {
                    start: n,
                    end: n + 1,
                },
                LocatorKind::Lines {
                    start: n,
                    end: n + 2,
                },
                LocatorKind::Pages { start: n, end: n },
                LocatorKind::Chars {
                    start: n,
                    end: n * 3,
                },
                LocatorKind::Section("a".into()),
            ] {
                if let Ok(r) = resolve(doc, &l) {
                    assert!(
                        doc.folded.text.get(r).is_some(),
                        "{l} gave a range off char boundaries"
                    );
                }
            }
        }
    }

    #[test]
    fn random_documents_keep_their_invariants() {
        let mut rng = Lcg(7);
        for _ in 0..1500 {
            let n = rng.below(25);
            let s: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            for format in [Format::Text, Format::Markdown] {
                let doc = load_bytes(s.as_bytes(), format).unwrap();
                assert_eq!(doc.raw, s);
                check(&doc);
            }
        }
    }

    #[test]
    fn seeds_keep_their_invariants() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            match load(&path) {
                Ok(doc) => {
                    check(&doc);
                    seen += 1;
                }
                Err(LoadError::UnsupportedFormat(ext)) => assert_eq!(ext, "pdf"),
                Err(e) => panic!("{}: {e}", path.display()),
            }
        }
        assert!(seen >= 10);
    }
}
