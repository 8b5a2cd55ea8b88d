//! Output formats, stable codes, `citecheck explain`, `--exit-zero` and report
//! snapshots, as a user meets them through the binary.

mod harness;

use harness::{repo, run_in, Test};

const SPEECH: &str = "seeds/2025-08-05-remarks-by-director-kratsios-at-the-apec-digital-and-ai-ministerial-meeting.md";
const FINDINGS: &str = "tests/fixtures/formats/findings.claims";
const MACHINE_FORMATS: [&str; 5] = ["concise", "json-lines", "github", "sarif", "junit"];

fn claims_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("claims"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".claims"))
        .collect();
    names.sort();
    names
}

/// A working folder with the APEC speech as `sources/speech.md` and one
/// claims file, `claims/speech.claims`.
fn speech_test(claims: &str) -> Test {
    Test::new()
        .copy(SPEECH, "sources/speech.md")
        .file("claims/speech.claims", claims)
}

const ONE_TRUE_QUOTE: &str = "source speech = \"../sources/speech.md\"\n\
    claim hope: Kratsios hopes for AI diplomacy.\n  \
    quote \"Our hope is that AI will be a powerful tool for bilateral diplomacy.\" @ speech\n";

const ONE_BAD_QUOTE: &str = "source speech = \"../sources/speech.md\"\n\
    claim open: Open for business.\n  \
    quote \"American AI is open for business\" @ speech lines 10-12\n";

// --- every format, on the bundled claims and on a fixture with findings ---

#[test]
fn every_claims_file_in_every_machine_format() {
    // human and json are snapshot in tests/snapshots.rs, under the same names.
    for name in claims_files() {
        let stem = name.trim_end_matches(".claims");
        let path = format!("claims/{name}");
        for format in MACHINE_FORMATS {
            let run = run_in(
                &repo(),
                ["check", &path, "--format", format, "--color", "never"],
            )
            .exits(0)
            .has_no_colour();
            harness::snapshot_settings().bind(|| {
                insta::assert_snapshot!(format!("check-{stem}.{format}"), run.stdout());
            });
        }
    }
}

#[test]
fn a_file_with_findings_in_every_format() {
    for format in harness::FORMATS {
        let run = run_in(
            &repo(),
            ["check", FINDINGS, "--format", format, "--color", "never"],
        )
        .exits(1)
        .has_no_colour();
        harness::snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("findings.{format}"), run.stdout());
        });
    }
}

#[test]
fn machine_formats_never_carry_colours_and_are_the_same_bytes_every_run() {
    for format in harness::FORMATS.into_iter().filter(|f| *f != "human") {
        let args = ["check", FINDINGS, "--format", format, "--color", "always"];
        let first = run_in(&repo(), args).has_no_colour().stdout();
        let second = run_in(&repo(), args).stdout();
        assert_eq!(first, second, "{format} is deterministic");
    }
}

#[test]
fn concise_lists_one_finding_a_line_then_a_summary() {
    let run = run_in(&repo(), ["check", FINDINGS, "--format", "concise"]).exits(1);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 8, "{out}");
    assert_eq!(
        lines[0],
        "tests/fixtures/formats/findings.claims:12:3: CC002 miscited: claim `open-for-business`: \
         quote \"American AI is open for business\": found at line 120, not at lines 10-12 as cited"
    );
    assert_eq!(
        lines[7],
        "7 findings; 8 claims in 1 file: 1 passed, 7 failed"
    );
}

#[test]
fn json_lines_is_one_object_per_claim_and_nothing_else() {
    let run = run_in(&repo(), ["check", "claims", "--format", "json-lines"]).exits(0);
    let out = run.stdout();
    let objects: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
        .collect();
    let total = run_in(&repo(), ["check", "claims", "--format", "json"]).json()["summary"]
        ["claims"]
        .as_u64()
        .unwrap();
    assert_eq!(objects.len() as u64, total);
    for o in &objects {
        assert!(o["path"].as_str().unwrap().starts_with("claims/"));
        assert!(o["code"].as_str().unwrap().starts_with("CC"));
        assert!(o["id"].is_string() && o["verdict"].is_string() && o["line"].is_u64());
    }
}

#[test]
fn github_annotations_come_first_then_the_human_report() {
    let run = run_in(&repo(), ["check", FINDINGS, "--format", "github"]).exits(1);
    let out = run.stdout();
    let commands: Vec<&str> = out.lines().take_while(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 7, "{out}");
    assert!(commands[0].starts_with(
        "::warning file=tests/fixtures/formats/findings.claims,line=12,col=3,title=CC002 miscited::"
    ));
    assert!(commands[1].starts_with("::error "));
    assert!(out.contains("✗ miscited (expected supported) open-for-business:"));
    assert!(out.contains("8 claims in 1 file: 1 passed, 7 failed"));
}

#[test]
fn github_escapes_the_message_and_properties() {
    let run = Test::new()
        .copy(SPEECH, "a, b: c/speech.md")
        .file(
            "a, b: c/x.claims",
            "source speech = \"speech.md\"\nclaim pct: 100%\n  quote \"not in the speech at all, 100%\" @ speech\n",
        )
        .run(["check", ".", "--format", "github"])
        .exits(1);
    let first = run.stdout().lines().next().unwrap().to_string();
    assert_eq!(
        first,
        "::error file=a%2C b%3A c/x.claims,line=3,col=3,title=CC003 unsupported::claim `pct`: \
         quote \"not in the speech at all, 100%25\": not found in `speech` nor in any other source of the file"
    );
}

#[test]
fn junit_has_a_suite_per_file_a_case_per_claim_and_failures_escaped() {
    let out = run_in(&repo(), ["check", FINDINGS, "claims", "--format", "junit"])
        .exits(1)
        .stdout();
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert_eq!(out.matches("<testsuite ").count(), claims_files().len() + 1);
    let claims = run_in(&repo(), ["check", FINDINGS, "claims", "--format", "json"]).json()
        ["summary"]["claims"]
        .as_u64()
        .unwrap();
    assert_eq!(out.matches("<testcase ").count() as u64, claims);
    assert_eq!(out.matches("<failure ").count(), 7);
    assert!(out.contains("\"American AI is open for business\" &lt;&amp; more&gt;."));
    assert!(!out.contains("time=\"0.") && !out.contains("timestamp"));
    // Every element opened is closed.
    assert_eq!(
        out.matches("<testsuite ").count(),
        out.matches("</testsuite>").count()
    );
    assert_eq!(
        out.matches("<testcase ").count(),
        out.matches("</testcase>").count() + out.matches("\"0\"/>").count()
    );
}

// --- SARIF ---

fn sarif(run: &harness::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout()).expect("SARIF is JSON")
}

#[test]
fn sarif_has_the_fields_the_2_1_0_schema_requires() {
    let log = sarif(&run_in(&repo(), ["check", FINDINGS, "--format", "sarif"]).exits(1));
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "citecheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 7, "one rule per verdict");
    for rule in rules {
        assert!(rule["id"].as_str().unwrap().starts_with("CC"));
        assert!(rule["name"].is_string());
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["fullDescription"]["text"].is_string());
        assert!(rule["help"]["text"].as_str().unwrap().contains("Example:"));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(r["message"]["text"].is_string());
        let physical = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            physical["artifactLocation"]["uri"],
            "tests/fixtures/formats/findings.claims"
        );
        assert!(physical["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(physical["region"]["startColumn"].as_u64().unwrap() >= 1);
        assert_eq!(
            r["partialFingerprints"]["citecheck/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
    // The miscited quote points at where it stands in the speech.
    let related = &results[0]["relatedLocations"][0]["physicalLocation"];
    assert!(related["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("seeds/2025-08-05-remarks"));
    assert_eq!(related["region"]["startLine"], 120);
}

#[test]
fn sarif_fingerprints_survive_a_claim_moving_down() {
    let fingerprints = |claims: &str| {
        let t = speech_test(claims);
        let log = sarif(&t.run(["check", "claims", "--format", "sarif"]).exits(1));
        let results = log["runs"][0]["results"].as_array().unwrap().clone();
        results
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["citecheck/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = fingerprints(ONE_BAD_QUOTE);
    let moved = ONE_BAD_QUOTE.replacen(
        "claim open",
        "# A note added above the claim.\n\nclaim open",
        1,
    );
    let after = fingerprints(&moved);
    assert_eq!(before.len(), 1);
    assert_eq!(after.len(), 1);
    assert_eq!(before[0].0, after[0].0, "same fingerprint");
    assert_eq!(
        after[0].1,
        before[0].1 + 2,
        "the result moved two lines down"
    );
    // A different quote is a different result.
    let other = fingerprints(&ONE_BAD_QUOTE.replace("open for business", "open for trade"));
    assert_ne!(before[0].0, other[0].0);
}

// --- exit codes ---

#[test]
fn exit_codes_are_0_pass_1_findings_2_errors_and_exit_zero_only_forgives_findings() {
    speech_test(ONE_TRUE_QUOTE)
        .run(["check", "claims"])
        .exits(0);
    speech_test(ONE_TRUE_QUOTE)
        .run(["check", "claims", "--exit-zero"])
        .exits(0);
    for format in harness::FORMATS {
        speech_test(ONE_BAD_QUOTE)
            .run(["check", "claims", "--format", format])
            .exits(1);
        speech_test(ONE_BAD_QUOTE)
            .run(["check", "claims", "--format", format, "--exit-zero"])
            .exits(0)
            .prints("miscited");
    }
    Test::new()
        .file("bad.claims", "claim x: y\n  quote \"z\" @ nowhere\n")
        .run(["check", "bad.claims", "--exit-zero"])
        .exits(2)
        .complains("E00");
    Test::new()
        .run(["check", "missing", "--exit-zero"])
        .exits(2);
}

#[test]
fn a_refused_file_is_an_error_in_every_machine_format() {
    for format in MACHINE_FORMATS {
        let run = Test::new()
            .file("bad.claims", "claim x: y\n  quote \"z\" @ nowhere\n")
            .run(["check", "bad.claims", "--format", format])
            .exits(2)
            .does_not_panic();
        assert!(
            run.stdout().contains("bad.claims"),
            "{format}: {}",
            run.stdout()
        );
    }
}

// --- explain ---

#[test]
fn explain_takes_a_code_or_a_name() {
    let by_code = run_in(&repo(), ["explain", "CC001"]).exits(0).stdout();
    assert!(by_code.starts_with("CC001 misquoted\n\n"), "{by_code}");
    assert!(by_code.contains("Example:"));
    let by_name = run_in(&repo(), ["explain", "misquoted"]).exits(0).stdout();
    assert_eq!(by_code, by_name);
    run_in(&repo(), ["explain", "cc002"])
        .exits(0)
        .prints("CC002 miscited");
    harness::snapshot_settings()
        .bind(|| insta::assert_snapshot!("explain-CC002", by_code_of("CC002")));
}

fn by_code_of(code: &str) -> String {
    run_in(&repo(), ["explain", code]).exits(0).stdout()
}

#[test]
fn explain_of_an_unknown_code_exits_2_with_the_list() {
    let run = run_in(&repo(), ["explain", "CC999"]).exits(2);
    assert!(run.stdout().is_empty());
    for code in [
        "CC000", "CC001", "CC002", "CC003", "CC004", "CC005", "CC006",
    ] {
        assert!(run.stderr().contains(code), "{}", run.stderr());
    }
    run_in(&repo(), ["explain"])
        .exits(0)
        .prints("CC006 unverifiable");
}

// --- report snapshots ---

#[test]
fn snapshots_are_new_then_accepted_then_unchanged_then_a_source_edit_shows_as_a_diff() {
    let t = speech_test(ONE_TRUE_QUOTE);
    let stored = t.path().join("snaps/claims/speech.claims.txt");

    // First run: nothing stored; the report is new, nothing is written.
    t.run(["check", "claims", "--snapshot", "snaps", "--color", "never"])
        .exits(1)
        .complains("snapshot new: claims/speech.claims")
        .complains("+  ✓ supported hope:")
        .complains("run again with --accept");
    assert!(!stored.exists());

    // Accepted: written, and the run passes.
    t.run(["check", "claims", "--snapshot", "snaps", "--accept"])
        .exits(0)
        .complains("accepted and written");
    let first = std::fs::read_to_string(&stored).unwrap();
    assert!(first.starts_with("claims/speech.claims\n  ✓ supported hope:"));
    assert!(first.ends_with("1 claim in 1 file: 1 passed, 0 failed (1 supported)\n"));
    assert!(!first.contains('\u{1b}'));

    // Same sources, same report: nothing to say but the count.
    t.run(["check", "claims", "--snapshot", "snaps"])
        .exits(0)
        .complains("0 changed, 0 new, 1 unchanged");

    // The source is edited: the quote is gone, the verdict moves.
    let speech = t.path().join("sources/speech.md");
    let text = std::fs::read_to_string(&speech).unwrap();
    std::fs::write(
        &speech,
        text.replace("Our hope is that", "Our wish is that"),
    )
    .unwrap();
    let run = t
        .run([
            "check",
            "claims",
            "--snapshot",
            "snaps",
            "--exit-zero",
            "--color",
            "never",
        ])
        .exits(1)
        .complains("snapshot changed: claims/speech.claims")
        .complains("-  ✓ supported hope:")
        .complains("+  ✗ misquoted (expected supported) hope:");
    assert!(run.stderr().contains("@@ -1,"), "{}", run.stderr());
    assert!(!run.stderr().contains('\u{1b}'));
    assert_eq!(
        std::fs::read_to_string(&stored).unwrap(),
        first,
        "not written"
    );

    // Coloured when asked.
    t.run([
        "check",
        "claims",
        "--snapshot",
        "snaps",
        "--color",
        "always",
    ])
    .complains("\u{1b}[31m-  ✓ supported hope:");

    // Accepted: the snapshot holds the new report; --exit-zero then passes.
    t.run([
        "check",
        "claims",
        "--snapshot",
        "snaps",
        "--accept",
        "--exit-zero",
    ])
    .exits(0);
    let second = std::fs::read_to_string(&stored).unwrap();
    assert!(second.contains("✗ misquoted (expected supported) hope:"));
    let leftovers: Vec<_> = std::fs::read_dir(stored.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn snapshots_keep_standard_output_for_the_report() {
    let t = speech_test(ONE_TRUE_QUOTE);
    let plain = t
        .run(["check", "claims", "--format", "json-lines"])
        .stdout();
    let with = t
        .run([
            "check",
            "claims",
            "--format",
            "json-lines",
            "--snapshot",
            "s",
        ])
        .exits(1);
    assert_eq!(with.stdout(), plain);
}

#[test]
fn a_run_with_errors_accepts_no_snapshot() {
    let t = speech_test(ONE_TRUE_QUOTE)
        .file("claims/bad.claims", "claim x: y\n  quote \"z\" @ nowhere\n");
    t.run(["check", "claims", "--snapshot", "snaps", "--accept"])
        .exits(2)
        .complains("not written: the run has errors");
    assert!(!t.path().join("snaps").exists());
}

#[test]
fn accept_needs_a_snapshot_folder() {
    speech_test(ONE_TRUE_QUOTE)
        .run(["check", "claims", "--accept"])
        .exits(2);
}

// --- progress ---

#[test]
fn no_progress_bar_off_a_terminal() {
    // Tests run with standard error captured, not a terminal: nothing drawn.
    let run = run_in(&repo(), ["check", "claims", "--color", "never"]).exits(0);
    assert!(run.stderr().is_empty(), "{}", run.stderr());
}

/// Runs citecheck with standard error on a pseudo-terminal (util-linux
/// `script`), standard output thrown away; what the terminal showed. None
/// where `script` is not there.
fn on_a_terminal(dir: &std::path::Path, args: &str) -> Option<String> {
    if !cfg!(target_os = "linux") || !std::path::Path::new("/usr/bin/script").exists() {
        return None;
    }
    let command = format!("'{}' {args} > /dev/null", env!("CARGO_BIN_EXE_citecheck"));
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_progress_bar_on_a_terminal_for_large_sources_in_the_human_format_only() {
    // Over 4 MiB of source: the speech, many times.
    let speech = std::fs::read_to_string(repo().join(SPEECH)).unwrap();
    let t = Test::new().file("big.md", speech.repeat(420)).file(
        "claims/a.claims",
        "source s = \"../big.md\"\nclaim c: x\n  quote \"Our hope is that AI will be a powerful tool\" @ s\n",
    );
    let Some(human) = on_a_terminal(t.path(), "check claims --color never") else {
        return;
    };
    assert!(human.contains("/1 claims"), "{human:?}");
    let json = on_a_terminal(t.path(), "check claims --format json").unwrap_or_default();
    assert!(!json.contains("claims  "), "{json:?}");
    // A small run on a terminal draws nothing either.
    let small = speech_test(ONE_TRUE_QUOTE);
    let quiet = on_a_terminal(small.path(), "check claims").unwrap_or_default();
    assert!(!quiet.contains("/1 claims"), "{quiet:?}");
}
