//! The source cache: documents as loaded (extracted, folded, sectioned)
//! kept on disk, so that a PDF is extracted once per content, not once per
//! run.
//!
//! An entry is named by the BLAKE3 hash of the file's bytes, its format and
//! [`CACHE_VERSION`]: a changed file has another name, so a stale entry is
//! never read, only left behind. Entries are JSON, written to a temporary file
//! in the cache folder and renamed into place, so a reader sees a whole entry
//! or none. An entry that is missing, unreadable or does not parse is as if
//! it were not there: the folder can be deleted at any time.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::load::{load_read, read_source};
use super::{Document, Format, LoadError};

/// Bumped whenever what a loader, the builder or folding produces changes,
/// so that entries made by an older citecheck are not read (3: PDFs whose
/// streams inflate past the bound are refused, and no entry of theirs may
/// stand in for the refusal; 4: the same for every stage of a filter chain
/// and an encrypted file's object streams; 5: the same for PDFs whose text
/// passes their size or whose page costs more to parse than it; 6: the same
/// for PDFs whose lines pass it, and encrypted ones read by their table).
pub const CACHE_VERSION: u32 = 6;

/// Loads the source at `path` as [`load`](super::load) does, through the
/// cache in `cache_dir` (created if missing) when there is one; `None`
/// bypasses the cache (`--no-cache`). Failing to read or write the cache is
/// never an error: the source is then loaded as if there were none.
pub fn load_cached(
    path: &Path,
    cache_dir: Option<&Path>,
    max_bytes: u64,
) -> Result<Document, LoadError> {
    let Some(dir) = cache_dir else {
        return super::load_limited(path, max_bytes);
    };
    let (bytes, format, file) = read_source(path, max_bytes)?;
    let entry = dir.join(entry_name(&bytes, format));
    if let Some(doc) = read_entry(&entry) {
        return Ok(doc);
    }
    let doc = load_read(bytes, format, &file)?;
    let _ = write_entry(dir, &entry, &doc);
    Ok(doc)
}

/// The cache folder when none is given: `$CITECHECK_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/citecheck`, else `~/.cache/citecheck`.
pub fn default_cache_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("CITECHECK_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("citecheck")))
        .or_else(|| var("HOME").map(|d| d.join(".cache").join("citecheck")))
}

/// The file name of the entry for a source's bytes read as `format`.
pub fn entry_name(bytes: &[u8], format: Format) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"citecheck source cache\0");
    hasher.update(&CACHE_VERSION.to_le_bytes());
    hasher.update(format!("{format:?}\0").as_bytes());
    hasher.update(bytes);
    format!("{}.json", hasher.finalize().to_hex())
}

fn read_entry(entry: &Path) -> Option<Document> {
    let bytes = fs::read(entry).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn write_entry(dir: &Path, entry: &Path, doc: &Document) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(
        ".{}.{}-{nanos}.tmp",
        entry
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("entry"),
        std::process::id()
    ));
    let result = (|| {
        // Streamed: the JSON of a large document is never held whole.
        let mut file = io::BufWriter::new(fs::File::create(&tmp)?);
        serde_json::to_writer(&mut file, doc).map_err(io::Error::other)?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, entry)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::DEFAULT_MAX_SOURCE_BYTES;

    fn seed(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(name)
    }

    fn same(a: &Document, b: &Document) {
        assert_eq!(a.format, b.format);
        assert_eq!(a.raw, b.raw);
        assert_eq!(a.text, b.text);
        assert_eq!(a.text_map, b.text_map);
        assert_eq!(a.folded, b.folded);
        assert_eq!(a.blocks, b.blocks);
        assert_eq!(a.sections, b.sections);
        assert_eq!(a.pages, b.pages);
        assert_eq!(a.line_starts, b.line_starts);
    }

    #[test]
    fn a_warm_load_is_the_cold_one() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "Americas-AI-Action-Plan.pdf",
            "2025-07-23-promoting-the-export-of-the-american-ai-technology-stack.html",
            "2025-07-23-promoting-the-export-of-the-american-ai-technology-stack.md",
        ] {
            let path = seed(name);
            let cold = load_cached(&path, Some(dir.path()), DEFAULT_MAX_SOURCE_BYTES).unwrap();
            let entry = dir
                .path()
                .join(entry_name(&fs::read(&path).unwrap(), cold.format));
            assert!(entry.is_file(), "{name}: an entry");
            let warm = load_cached(&path, Some(dir.path()), DEFAULT_MAX_SOURCE_BYTES).unwrap();
            same(&cold, &warm);
        }
        // No temporary file left behind.
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names
            .iter()
            .all(|n| n.ends_with(".json") && !n.starts_with('.')));
    }

    #[test]
    fn a_changed_file_is_loaded_anew() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let src = dir.path().join("a.html");
        fs::write(&src, "<p>first</p>").unwrap();
        assert_eq!(
            load_cached(&src, Some(&cache), DEFAULT_MAX_SOURCE_BYTES)
                .unwrap()
                .text,
            "first"
        );
        fs::write(&src, "<p>second</p>").unwrap();
        assert_eq!(
            load_cached(&src, Some(&cache), DEFAULT_MAX_SOURCE_BYTES)
                .unwrap()
                .text,
            "second"
        );
        // The same bytes under another format are another entry.
        let txt = dir.path().join("a.txt");
        fs::write(&txt, "<p>second</p>").unwrap();
        assert_eq!(
            load_cached(&txt, Some(&cache), DEFAULT_MAX_SOURCE_BYTES)
                .unwrap()
                .text,
            "<p>second</p>"
        );
    }

    #[test]
    fn a_broken_or_deleted_cache_is_no_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        let src = dir.path().join("a.md");
        fs::write(&src, "# Title\n\nBody.").unwrap();
        let cold = load_cached(&src, Some(&cache), DEFAULT_MAX_SOURCE_BYTES).unwrap();
        let entry = cache.join(entry_name(b"# Title\n\nBody.", Format::Markdown));
        fs::write(&entry, b"{ not json").unwrap();
        same(
            &cold,
            &load_cached(&src, Some(&cache), DEFAULT_MAX_SOURCE_BYTES).unwrap(),
        );
        // Rewritten whole.
        assert!(serde_json::from_slice::<Document>(&fs::read(&entry).unwrap()).is_ok());
        fs::remove_dir_all(&cache).unwrap();
        same(
            &cold,
            &load_cached(&src, Some(&cache), DEFAULT_MAX_SOURCE_BYTES).unwrap(),
        );
        // A cache folder that cannot be made (a file is in the way).
        let blocked = dir.path().join("blocked");
        fs::write(&blocked, b"").unwrap();
        same(
            &cold,
            &load_cached(&src, Some(&blocked), DEFAULT_MAX_SOURCE_BYTES).unwrap(),
        );
    }

    #[test]
    fn errors_are_the_loaders() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load_cached(
                &dir.path().join("missing.pdf"),
                Some(dir.path()),
                DEFAULT_MAX_SOURCE_BYTES
            )
            .unwrap_err(),
            LoadError::NotFound
        );
        assert_eq!(
            load_cached(dir.path(), Some(dir.path()), DEFAULT_MAX_SOURCE_BYTES).unwrap_err(),
            LoadError::NotAFile
        );
    }
}
