//! [`PdfFileBytes`]: where a PDF's objects are read from, its bytes held or
//! its file, read an object at a time once it is open.

use std::borrow::Cow;
use std::ops::Range;

use super::source_file::SourceFile;

/// The bytes of a PDF from its `%PDF-` header (offsets count from there).
pub enum PdfFileBytes<'a> {
    Held(&'a [u8]),
    /// The file, from the header at `start`, `len` bytes: its pages are
    /// read from it as they are drawn, the bytes read at the open freed.
    InFile {
        file: &'a SourceFile,
        start: u64,
        len: usize,
    },
}

impl<'a, T: AsRef<[u8]> + ?Sized> From<&'a T> for PdfFileBytes<'a> {
    fn from(bytes: &'a T) -> Self {
        PdfFileBytes::Held(bytes.as_ref())
    }
}

impl<'a> PdfFileBytes<'a> {
    /// `file` past its first `start` bytes, of which `len` were read.
    pub fn in_file(file: &'a SourceFile, start: usize, len: usize) -> Self {
        PdfFileBytes::InFile {
            file,
            start: start as u64,
            len,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            PdfFileBytes::Held(bytes) => bytes.len(),
            PdfFileBytes::InFile { len, .. } => *len,
        }
    }

    /// The bytes of `range`, if the file has them all.
    pub fn get(&self, range: Range<usize>) -> Option<Cow<'a, [u8]>> {
        match *self {
            PdfFileBytes::Held(bytes) => bytes.get(range).map(Cow::Borrowed),
            PdfFileBytes::InFile { file, start, len } => {
                if range.start > range.end || range.end > len {
                    return None;
                }
                let at = start.checked_add(range.start as u64)?;
                file.read_at(at, range.len()).map(Cow::Owned)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::source_file::written;
    use super::*;

    #[test]
    fn a_file_and_its_bytes_give_the_same_ranges() {
        let (_tmp, read, file) = written(b"junk%PDF-1.5\n1 0 obj 12 endobj");
        let held = PdfFileBytes::Held(&read[4..]);
        let in_file = PdfFileBytes::in_file(&file, 4, read.len() - 4);
        assert_eq!(held.len(), in_file.len());
        // Past the end, and backwards: none either way.
        #[allow(clippy::reversed_empty_ranges)]
        let ranges = [0..5, 9..26, 26..26, 20..27, 27..27, 3..2];
        for range in ranges {
            assert_eq!(
                held.get(range.clone()),
                in_file.get(range.clone()),
                "{range:?}"
            );
        }
    }
}
