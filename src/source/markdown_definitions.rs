//! Link reference and footnote definitions are document-wide: `[a]` is a link
//! if `[a]: /u` stands anywhere in the file, and `[^1]` a footnote reference
//! if `[^1]:` does. A chunk parsed alone knows only its own, so the labels of
//! the whole file are gathered first and given to each chunk's parse: links
//! through pulldown-cmark's broken-link callback, footnotes (which have no
//! callback) as definitions written beside the chunk.
//!
//! Labels are kept as 64-bit hashes of their case-folded form, as
//! pulldown-cmark compares them, so a file of nothing but definitions costs
//! 8 bytes a label (each takes 6 or more bytes of the file), not a string.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use pulldown_cmark::{BrokenLink, CowStr, RefDefs};
use unicase::UniCase;

/// The labels a file defines, as hashes.
#[derive(Debug, Default)]
pub(crate) struct Definitions {
    links: Vec<u64>,
    footnotes: Vec<u64>,
}

impl Definitions {
    /// Notes the link reference definitions of one chunk's parse.
    pub(crate) fn add_links(&mut self, defs: &RefDefs<'_>) {
        self.links.extend(defs.iter().map(|(label, _)| key(label)));
    }

    /// Notes the label of a footnote definition.
    pub(crate) fn add_footnote(&mut self, label: &str) {
        self.footnotes.push(key(label));
    }

    /// Sorts the labels for look-up, once all chunks are read.
    pub(crate) fn seal(&mut self) {
        for keys in [&mut self.links, &mut self.footnotes] {
            keys.sort_unstable();
            keys.dedup();
            keys.shrink_to_fit();
        }
    }

    /// The broken-link callback's answer: a link defined elsewhere in the file
    /// is a link (its target unread: the loader keeps no link targets).
    pub(crate) fn resolve<'a>(&self, link: &BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
        self.links
            .binary_search(&key(&link.reference))
            .is_ok()
            .then_some((CowStr::Borrowed(""), CowStr::Borrowed("")))
    }

    /// A definition line (`[^label]: x` and a blank line) for each footnote
    /// label that `chunk` may refer to and the file defines. Spare ones do no
    /// harm: a definition changes nothing outside itself but its label.
    pub(crate) fn footnote_lines(&self, chunk: &str) -> String {
        let mut out = String::new();
        if self.footnotes.is_empty() {
            return out;
        }
        let mut seen = HashSet::new();
        for at in memchr::memmem::find_iter(chunk.as_bytes(), b"[^") {
            let Some(label) = footnote_label(&chunk[at + 2..]) else {
                continue;
            };
            // In a table, pulldown-cmark reads `\|` as `|` first.
            let unescaped = label.contains("\\|").then(|| label.replace("\\|", "|"));
            for label in std::iter::once(label).chain(unescaped) {
                let k = key(&label);
                if self.footnotes.binary_search(&k).is_ok() && seen.insert(k) {
                    out.push_str("[^");
                    out.push_str(&label);
                    out.push_str("]: x\n\n");
                }
            }
        }
        out
    }
}

/// A label's hash, equal for labels pulldown-cmark takes as one.
fn key(label: &str) -> u64 {
    let mut h = DefaultHasher::new();
    UniCase::new(label).hash(&mut h);
    h.finish()
}

/// The label of a footnote reference whose `[^` ends just before `rest`, as
/// pulldown-cmark reads one: up to `]`, no `[`, backslash escapes kept, runs of
/// white space (one line end at most) read as one space, trimmed; none if blank.
/// A label broken over lines inside a block quote keeps the `>`: such a label
/// is not found, and the reference reads as text.
fn footnote_label(rest: &str) -> Option<String> {
    let b = rest.as_bytes();
    let mut label = String::new();
    let mut space = false;
    let mut i = 0;
    loop {
        match *b.get(i)? {
            b'[' => return None,
            b']' => break,
            c if c.is_ascii_whitespace() || c == 0x0b => {
                let mut ends = 0;
                while let Some(&c) = b.get(i).filter(|c| c.is_ascii_whitespace() || **c == 0x0b) {
                    if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                        ends += 1;
                    }
                    i += 1;
                }
                if ends > 1 {
                    return None;
                }
                space = true;
            }
            c => {
                if space && !label.is_empty() {
                    label.push(' ');
                }
                space = false;
                let len = if c == b'\\' && b.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
                    2
                } else {
                    utf8_len(c)
                };
                label.push_str(rest.get(i..i + len)?);
                i += len;
            }
        }
    }
    (!label.is_empty()).then_some(label)
}

/// The length of the UTF-8 sequence a lead byte begins.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_labels_are_read_as_pulldown_cmark_reads_them() {
        assert_eq!(footnote_label("1] x").as_deref(), Some("1"));
        assert_eq!(footnote_label(" a \t b ]").as_deref(), Some("a b"));
        assert_eq!(footnote_label("a\nb]").as_deref(), Some("a b"));
        assert_eq!(footnote_label("a\n\nb]"), None, "a blank line");
        assert_eq!(footnote_label("a\\]b]").as_deref(), Some("a\\]b"));
        assert_eq!(footnote_label("a[b]"), None);
        assert_eq!(footnote_label("  ]"), None);
        assert_eq!(footnote_label("é]").as_deref(), Some("é"));
        assert_eq!(footnote_label("no end"), None);
    }

    #[test]
    fn labels_match_without_regard_to_case() {
        let mut defs = Definitions::default();
        defs.add_footnote("Note");
        defs.seal();
        assert_eq!(
            defs.footnote_lines("see [^NOTE] and [^note]"),
            "[^NOTE]: x\n\n"
        );
        assert_eq!(defs.footnote_lines("see [^other] and [Note]"), "");
    }
}
