//! A small harness so that CLI tests read like sentences:
//! `Test::new().file("a.claims", "…").run(["check", "a.claims"]).exits(1)`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every report format, by the name `--format` takes.
pub const FORMATS: [&str; 7] = [
    "human",
    "concise",
    "json",
    "json-lines",
    "github",
    "sarif",
    "junit",
];

pub struct Test {
    dir: tempfile::TempDir,
}

pub struct Run {
    output: Output,
}

impl Test {
    /// A fresh working folder, empty but for a `.git` marker: it is the
    /// project root that sources must stay inside (see docs/robustness.md).
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join(".git"), "").expect("a .git marker");
        Test { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (folders made as needed).
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Copies a file of the repository (e.g. a seed) into the working folder.
    pub fn copy(self, from_repo: &str, name: &str) -> Self {
        let bytes = std::fs::read(repo().join(from_repo)).expect("a repository file");
        self.file(name, bytes)
    }

    /// Runs citecheck in the working folder, without colours or a terminal.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        run_in(self.dir.path(), args)
    }
}

/// Runs citecheck in `dir`.
pub fn run_in<I, S>(dir: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_citecheck"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        // Tests never write into the user's cache.
        .env(
            "CITECHECK_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"),
        )
        .output()
        .expect("citecheck runs");
    Run { output }
}

/// Runs citecheck in `dir` with extra environment variables.
pub fn run_with_env<I, S>(dir: &Path, args: I, env: &[(&str, &Path)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_citecheck"));
    command.args(args).current_dir(dir).env_remove("NO_COLOR");
    for (k, v) in env {
        command.env(k, v);
    }
    Run {
        output: command.output().expect("citecheck runs"),
    }
}

/// insta writes every snapshot into the top-level `snapshots/` folder, named
/// by the test, not by its module.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output
            .status
            .code()
            .expect("an exit code, not a signal")
    }

    pub fn stdout(&self) -> String {
        String::from_utf8(self.output.stdout.clone()).expect("UTF-8 output")
    }

    pub fn stderr(&self) -> String {
        String::from_utf8(self.output.stderr.clone()).expect("UTF-8 errors")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout()).expect("JSON on standard output")
    }

    #[track_caller]
    pub fn exits(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn prints(self, needle: &str) -> Self {
        assert!(
            self.stdout().contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout()
        );
        self
    }

    #[track_caller]
    pub fn complains(self, needle: &str) -> Self {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn has_no_colour(self) -> Self {
        assert!(
            !self.stdout().contains('\u{1b}'),
            "colour codes in:\n{}",
            self.stdout()
        );
        assert!(
            !self.stderr().contains('\u{1b}'),
            "colour codes in:\n{}",
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn does_not_panic(self) -> Self {
        assert!(!self.stderr().contains("panicked"), "{}", self.stderr());
        self
    }
}
