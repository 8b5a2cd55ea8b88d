//! A source file kept open after it is read, so that a loader may read parts
//! of it again instead of holding all of its bytes (a PDF's pages, read as
//! they are drawn).

use std::fs::File;
use std::io::{self, Read};
use std::time::SystemTime;

/// An open source file and what it was when it was read.
#[derive(Debug)]
pub struct SourceFile {
    file: File,
    len: u64,
    modified: Option<SystemTime>,
}

impl SourceFile {
    /// Reads `file` whole, up to `max_bytes` (one byte more says it is
    /// longer): its bytes and the file, kept to be read again.
    pub fn read(mut file: File, max_bytes: u64) -> io::Result<(Vec<u8>, SourceFile)> {
        let meta = file.metadata()?;
        let mut bytes = Vec::with_capacity(meta.len().min(max_bytes) as usize);
        (&mut file)
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)?;
        let source = SourceFile {
            file,
            len: bytes.len() as u64,
            modified: meta.modified().ok(),
        };
        Ok((bytes, source))
    }

    /// The `len` bytes at `offset`, if the file as read holds them.
    pub fn read_at(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        if offset.checked_add(len as u64)? > self.len {
            return None;
        }
        let mut buffer = vec![0; len];
        #[cfg(unix)]
        {
            // At an offset, leaving the file's position alone.
            use std::os::unix::fs::FileExt;
            self.file.read_exact_at(&mut buffer, offset).ok()?;
        }
        #[cfg(not(unix))]
        {
            use std::io::{Seek, SeekFrom};
            let mut file = &self.file;
            file.seek(SeekFrom::Start(offset)).ok()?;
            file.read_exact(&mut buffer).ok()?;
        }
        Some(buffer)
    }

    /// Whether the file is still as it was read: its length and its time of
    /// change. Bytes read again from a file changed meanwhile may not be
    /// those of the file that was read first.
    pub fn unchanged(&self) -> bool {
        self.file
            .metadata()
            .is_ok_and(|m| m.len() == self.len && m.modified().ok() == self.modified)
    }
}

/// `bytes` written to a temporary file and read as a source is (up to 1
/// MiB): the file, the bytes read, and the source.
#[cfg(test)]
pub fn written(bytes: &[u8]) -> (tempfile::NamedTempFile, Vec<u8>, SourceFile) {
    use std::io::Write;
    let mut tmp = tempfile::NamedTempFile::new().unwrap();
    tmp.write_all(bytes).unwrap();
    let (read, file) = SourceFile::read(File::open(tmp.path()).unwrap(), 1 << 20).unwrap();
    (tmp, read, file)
}

/// Appends `bytes` to the file at `path`.
#[cfg(test)]
pub fn append(path: &std::path::Path, bytes: &[u8]) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(bytes).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_then_in_parts() {
        let (_tmp, bytes, file) = written(b"0123456789");
        assert_eq!(bytes, b"0123456789");
        assert_eq!(file.read_at(3, 4).as_deref(), Some(&b"3456"[..]));
        assert_eq!(file.read_at(10, 0).as_deref(), Some(&b""[..]));
        assert_eq!(file.read_at(8, 3), None, "past the end");
        assert_eq!(file.read_at(u64::MAX, 2), None);
        assert!(file.unchanged());
    }

    #[test]
    fn a_file_read_up_to_a_limit_reads_one_byte_more() {
        let (tmp, _, _) = written(&[b'x'; 100]);
        let (bytes, _) = SourceFile::read(File::open(tmp.path()).unwrap(), 10).unwrap();
        assert_eq!(bytes.len(), 11);
    }

    #[test]
    fn a_file_that_grows_after_it_is_read_is_changed() {
        let (tmp, _, file) = written(b"0123456789");
        append(tmp.path(), b"more");
        assert!(!file.unchanged());
        assert_eq!(file.read_at(8, 2).as_deref(), Some(&b"89"[..]));
        assert_eq!(file.read_at(10, 2), None, "only what was read is read");
    }
}
