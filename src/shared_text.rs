//! [`SharedText`]: an immutable string whose bytes may be shared with another
//! one, so that a document whose `text` is a stretch of its `raw` file (a
//! plain text file), or whose folded text is its text (already lower-case,
//! one line), holds those bytes once instead of two or three times.
//!
//! It reads as a `&str` (`Deref`), compares, prints and serializes as its
//! content: whether bytes are shared is never visible, only the memory it
//! saves.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

#[derive(Clone)]
pub struct SharedText {
    buf: Arc<String>,
    /// The bytes of `buf` this text is; on char boundaries.
    range: Range<usize>,
}

impl SharedText {
    /// A text owning `s` (no copy).
    pub fn new(s: String) -> Self {
        let range = 0..s.len();
        SharedText {
            buf: Arc::new(s),
            range,
        }
    }

    /// `self[range]`, sharing the bytes. `None` when the range is not inside
    /// the text or not on char boundaries.
    pub fn slice(&self, range: Range<usize>) -> Option<SharedText> {
        self.as_str().get(range.clone())?;
        Some(SharedText {
            buf: Arc::clone(&self.buf),
            range: self.range.start + range.start..self.range.start + range.end,
        })
    }

    /// `s` as a text sharing `self`'s bytes when `s` is a stretch of `self`
    /// starting at `at` (one comparison), else as a text of its own (its
    /// spare capacity given back).
    pub fn share_or_own(&self, at: usize, mut s: String) -> SharedText {
        let end = at.saturating_add(s.len());
        if self.as_str().get(at..end) == Some(s.as_str()) {
            if let Some(shared) = self.slice(at..end) {
                return shared;
            }
        }
        s.shrink_to_fit();
        SharedText::new(s)
    }

    /// The text as a `String`: no copy when it owns all its bytes alone.
    pub fn into_string(self) -> String {
        if self.range == (0..self.buf.len()) {
            match Arc::try_unwrap(self.buf) {
                Ok(s) => return s,
                Err(buf) => return buf[self.range].to_string(),
            }
        }
        self.as_str().to_string()
    }

    pub fn as_str(&self) -> &str {
        &self.buf[self.range.clone()]
    }

    /// Whether `self` and `other` are the same bytes in memory (not just
    /// equal): for tests of the sharing itself.
    pub fn shares_bytes_with(&self, other: &SharedText) -> bool {
        Arc::ptr_eq(&self.buf, &other.buf)
    }
}

impl Default for SharedText {
    fn default() -> Self {
        SharedText::new(String::new())
    }
}

impl Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> Self {
        SharedText::new(s)
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> Self {
        SharedText::new(s.to_string())
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl serde::Serialize for SharedText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for SharedText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SharedText::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_share_and_read_as_their_bytes() {
        let raw = SharedText::new("\u{feff}héllo world".to_string());
        let text = raw.slice(3..9).unwrap();
        assert_eq!(text, "héllo");
        assert!(text.shares_bytes_with(&raw));
        assert_eq!(text.slice(1..3).unwrap(), "é");
        assert!(raw.slice(4..5).is_none(), "inside é");
        assert!(raw.slice(3..99).is_none());
        assert_eq!(format!("{text:?}"), "\"héllo\"");
    }

    #[test]
    fn share_or_own_shares_only_equal_bytes() {
        let raw = SharedText::new("one two".to_string());
        let same = raw.share_or_own(4, "two".to_string());
        assert!(same.shares_bytes_with(&raw));
        let other = raw.share_or_own(4, "tw0".to_string());
        assert!(!other.shares_bytes_with(&raw));
        assert_eq!(other, "tw0");
        let past = raw.share_or_own(usize::MAX, "x".to_string());
        assert_eq!(past, "x");
    }

    #[test]
    fn serializes_as_a_string() {
        let t = SharedText::new("a \"b\"".to_string()).slice(2..5).unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"\\\"b\\\"\"");
        let back: SharedText = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
    }
}
