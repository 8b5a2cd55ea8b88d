//! Every claims file of `claims/` in every report format, and every kind of
//! grammar error, snapshot-tested in the top-level `snapshots/` folder.

mod harness;

use harness::{repo, run_in};

fn files_in(folder: &str, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join(folder))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names
}

#[test]
fn every_claims_file_in_every_format() {
    let files = files_in("claims", ".claims");
    assert!(files.len() >= 3, "claims/ holds at least three files");
    for name in files {
        let stem = name.trim_end_matches(".claims");
        let path = format!("claims/{name}");
        for format in ["human", "json"] {
            let run = run_in(
                &repo(),
                ["check", &path, "--format", format, "--color", "never"],
            );
            assert_eq!(run.code(), 0, "{path} passes:\n{}", run.stdout());
            harness::snapshot_settings().bind(|| {
                insta::assert_snapshot!(format!("check-{stem}.{format}"), run.stdout());
            });
        }
    }
}

#[test]
fn every_kind_of_grammar_error() {
    let files = files_in("tests/fixtures/errors", ".claims");
    assert!(files.len() >= 9, "one fixture per kind of error");
    for name in files {
        let stem = name.trim_end_matches(".claims");
        let path = format!("tests/fixtures/errors/{name}");
        let run = run_in(&repo(), ["check", &path, "--color", "never"]);
        assert_eq!(run.code(), 2, "{path} is refused");
        harness::snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("error-{stem}"), run.stderr());
        });
    }
}
