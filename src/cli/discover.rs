use std::path::{Path, PathBuf};

/// The claims files named by `paths`: files as given, folders searched
/// recursively for `*.claims`, each list sorted so runs are reproducible.
pub fn claims_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    files_in(paths, &["claims"], |_| true)
}

/// The files named by `paths`: files as given; folders searched recursively
/// for files with one of `extensions` that `keep` keeps, each folder's list
/// sorted so runs are reproducible.
pub fn files_in(
    paths: &[PathBuf],
    extensions: &[&str],
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("{}: {}", super::paths::display(path), io_reason(&e)))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, extensions, &mut found)?;
            found.sort();
            files.extend(found.into_iter().filter(|f| keep(f)));
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {}", super::paths::display(dir), io_reason(&e)))?;
    for entry in entries.flatten() {
        let path = entry.path();
        // Symlinked folders are not followed: no loops.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, extensions, out)?;
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
    Ok(())
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
