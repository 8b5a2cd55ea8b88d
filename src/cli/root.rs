//! Path safety: the project root, and whether a file lies inside it.
//!
//! A claims file may come from a stranger's pull request, so the paths it
//! names are untrusted. By default a source must resolve, after symlinks, to a
//! file inside the project root: the closest folder above the claims file that
//! holds `citecheck.toml` or `.git` (the search stops at the first of them, so
//! a stray `citecheck.toml` above the work tree cannot widen the root), else
//! the claims file's own folder. Anything else is refused before it is opened:
//! its claims are `unverifiable`, with the reason, and not a byte of the file
//! reaches the report. `--allow-outside-root` lifts the check. A source that
//! is the claims file itself is refused in any case: a file cannot be its own
//! evidence.

use std::path::{Path, PathBuf};

use super::paths;

/// The root that the sources of one claims file must stay inside.
#[derive(Debug, Clone)]
pub struct Root {
    /// The root, canonical.
    dir: PathBuf,
    /// The claims file, canonical (when it resolves).
    claims: Option<PathBuf>,
    allow_outside: bool,
}

impl Root {
    /// The root of the claims file at `claims` (as given, not resolved: a
    /// claims file reached by a symlink has the root of the link's folder).
    pub fn of_claims_file(claims: &Path, allow_outside: bool) -> Root {
        let folder = absolute(claims.parent().unwrap_or(Path::new("")));
        let dir = project_root(&folder);
        Root {
            dir: dir.canonicalize().unwrap_or(dir),
            claims: claims.canonicalize().ok(),
            allow_outside,
        }
    }

    /// Why the source at `path` may not be read, if it may not.
    pub fn refuse(&self, path: &Path) -> Option<String> {
        let resolved = path.canonicalize().ok();
        if resolved.is_some() && resolved == self.claims {
            return Some("the source is the claims file itself".to_string());
        }
        self.outside(path, resolved)
    }

    /// Reads the claims file at `path` (the one this root is of): refused if
    /// it resolves outside the root (a symlink planted in `claims/`) or is not
    /// a regular file (a FIFO would block the run). The error is the reason.
    pub fn read_claims(&self, path: &Path) -> Result<Vec<u8>, String> {
        if let Some(why) = self.outside(path, path.canonicalize().ok()) {
            return Err(why);
        }
        let meta = std::fs::metadata(path).map_err(|e| super::discover::io_reason(&e))?;
        if !meta.is_file() {
            return Err("not a regular file".to_string());
        }
        std::fs::read(path).map_err(|e| super::discover::io_reason(&e))
    }

    fn outside(&self, path: &Path, resolved: Option<PathBuf>) -> Option<String> {
        if self.allow_outside {
            return None;
        }
        // A path that does not resolve (missing, a loop, no permission) is
        // judged as written, so that nothing is said about files outside.
        let inside = match &resolved {
            Some(p) => p.starts_with(&self.dir),
            None => paths::normalize(&absolute(path)).starts_with(&self.dir),
        };
        (!inside).then(|| {
            format!(
                "it lies outside the project root ({}); pass --allow-outside-root to read it",
                paths::display(&self.dir)
            )
        })
    }
}

/// The closest folder at or above `folder` that holds `citecheck.toml` or
/// `.git`, else `folder`.
pub fn project_root(folder: &Path) -> PathBuf {
    folder
        .ancestors()
        .find(|dir| dir.join("citecheck.toml").is_file() || dir.join(".git").exists())
        .unwrap_or(folder)
        .to_path_buf()
}

/// `path` made absolute against the working folder, without resolving it.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    paths::normalize(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_closest_marked_folder() {
        let t = tempfile::tempdir().unwrap();
        let top = t.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("repo/.git")).unwrap();
        std::fs::create_dir_all(top.join("repo/docs/claims")).unwrap();
        std::fs::write(top.join("citecheck.toml"), "").unwrap();
        assert_eq!(
            project_root(&top.join("repo/docs/claims")),
            top.join("repo")
        );
        std::fs::write(top.join("repo/docs/citecheck.toml"), "").unwrap();
        assert_eq!(
            project_root(&top.join("repo/docs/claims")),
            top.join("repo/docs")
        );
    }

    #[test]
    fn outside_paths_are_refused_whether_or_not_they_exist() {
        let t = tempfile::tempdir().unwrap();
        let top = t.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("p/.git")).unwrap();
        std::fs::create_dir_all(top.join("p/claims")).unwrap();
        std::fs::write(top.join("p/a.txt"), "a").unwrap();
        std::fs::write(top.join("out.txt"), "secret").unwrap();
        let root = Root::of_claims_file(&top.join("p/claims/c.claims"), false);
        assert_eq!(root.refuse(&top.join("p/claims/../a.txt")), None);
        assert_eq!(root.refuse(&top.join("p/missing.txt")), None);
        for outside in ["p/../out.txt", "p/../missing.txt"] {
            let why = root.refuse(&top.join(outside)).expect(outside);
            assert!(why.contains("outside the project root"), "{why}");
        }
        let open = Root::of_claims_file(&top.join("p/claims/c.claims"), true);
        assert_eq!(open.refuse(&top.join("out.txt")), None);
    }
}
