//! Report snapshots: each claims file's report kept as a text file, so that a
//! change between two runs — a verdict that moved because a source was
//! edited, a citation that now names another line — shows as a diff a
//! reviewer reads and a repository keeps.
//!
//! A snapshot is the human report of one claims file without colours: its
//! claims with verdicts, the places found, the source lines, and a summary
//! line for the file. It is stored at `DIR/<claims file path>.txt`
//! (`DIR/claims/apec-speech.claims.txt`); `..` becomes `__` and a leading `/`
//! is dropped, so nothing is written outside DIR. Writes are atomic: a
//! temporary file in the same folder, then a rename.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use similar::{ChangeTag, TextDiff};

use super::{human, FileReport, Report};

/// What a run found for one claims file's snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The stored snapshot is the report.
    Unchanged,
    /// No snapshot stored yet.
    New,
    /// The stored snapshot differs; it held this.
    Changed(String),
}

/// One claims file's snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The claims file, as the report names it.
    pub name: String,
    /// Where its snapshot is stored.
    pub path: PathBuf,
    /// The report now.
    pub text: String,
    pub status: Status,
}

impl Entry {
    pub fn is_unchanged(&self) -> bool {
        self.status == Status::Unchanged
    }
}

/// The snapshot text of one claims file: its human report, no colours.
pub fn text(file: &FileReport) -> String {
    strip_ansi(&human::render(&Report::new(vec![file.clone()])))
}

/// Where the snapshot of the claims file named `name` is stored under `dir`.
pub fn path_in(dir: &Path, name: &str) -> PathBuf {
    let mut out = dir.to_path_buf();
    for c in Path::new(name).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::ParentDir => out.push("__"),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    let mut file = out.into_os_string();
    file.push(".txt");
    PathBuf::from(file)
}

/// Compares every claims file's report with its stored snapshot. A snapshot
/// that cannot be read as UTF-8 counts as changed (from the empty text).
pub fn compare<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = &'a FileReport>,
) -> std::io::Result<Vec<Entry>> {
    files
        .into_iter()
        .map(|file| {
            let path = path_in(dir, &file.path);
            let text = text(file);
            let status = match std::fs::read(&path) {
                Ok(bytes) => {
                    let old = String::from_utf8(bytes).unwrap_or_default();
                    if old == text {
                        Status::Unchanged
                    } else {
                        Status::Changed(old)
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Status::New,
                Err(e) => return Err(e),
            };
            Ok(Entry {
                name: file.path.clone(),
                path,
                text,
                status,
            })
        })
        .collect()
}

/// A unified diff of the stored snapshot (`old`, empty for a new one) and the
/// report now, with ANSI colours when `color`: removed lines red, added
/// green, hunk headers cyan.
pub fn diff(entry: &Entry, color: bool) -> String {
    let old = match &entry.status {
        Status::Changed(old) => old.as_str(),
        Status::New | Status::Unchanged => "",
    };
    let paint = |code: &str, s: &str| {
        if color {
            format!("\u{1b}[{code}m{s}\u{1b}[0m")
        } else {
            s.to_string()
        }
    };
    let shown = entry.path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    let old_name = if old.is_empty() { "/dev/null" } else { &shown };
    let _ = writeln!(out, "{}", paint("1", &format!("--- {old_name}")));
    let _ = writeln!(out, "{}", paint("1", &format!("+++ {shown} (now)")));
    let diff = TextDiff::from_lines(old, entry.text.as_str());
    let unified = diff.unified_diff();
    for hunk in unified.iter_hunks() {
        let _ = writeln!(out, "{}", paint("36", &hunk.header().to_string()));
        for change in hunk.iter_changes() {
            let line = change.value().trim_end_matches(['\n', '\r']);
            let (sign, code) = match change.tag() {
                ChangeTag::Delete => ("-", "31"),
                ChangeTag::Insert => ("+", "32"),
                ChangeTag::Equal => (" ", ""),
            };
            let line = format!("{sign}{line}");
            if code.is_empty() {
                let _ = writeln!(out, "{line}");
            } else {
                let _ = writeln!(out, "{}", paint(code, &line));
            }
        }
    }
    out
}

/// Writes `contents` to `path` atomically: a temporary file in the same
/// folder, flushed to disk, renamed over the old one.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp).and_then(|mut f| {
        f.write_all(contents.as_bytes())?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// The text without ANSI SGR sequences (`ESC [ … m`).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_paths_stay_inside_the_folder() {
        let dir = Path::new("snaps");
        assert_eq!(
            path_in(dir, "claims/a.claims"),
            PathBuf::from("snaps/claims/a.claims.txt")
        );
        assert_eq!(
            path_in(dir, "../x/a.claims"),
            PathBuf::from("snaps/__/x/a.claims.txt")
        );
        assert_eq!(
            path_in(dir, "/abs/a.claims"),
            PathBuf::from("snaps/abs/a.claims.txt")
        );
    }

    #[test]
    fn strips_colour_codes() {
        assert_eq!(strip_ansi("\u{1b}[1;31mred\u{1b}[0m ok"), "red ok");
    }

    #[test]
    fn diffs_show_what_changed() {
        let entry = Entry {
            name: "a".into(),
            path: PathBuf::from("s/a.txt"),
            text: "one\nthree\n".into(),
            status: Status::Changed("one\ntwo\n".into()),
        };
        let d = diff(&entry, false);
        assert!(d.contains("-two\n+three\n"), "{d}");
        assert!(!d.contains('\u{1b}'));
        assert!(diff(&entry, true).contains("\u{1b}[31m-two"));
    }
}
