//! Output formats, stable codes, `citecheck explain`, `--exit-zero` and report
//! snapshots, as a user meets them through the binary.

mod harness;

use harness::{repo, run_in, Test};

const SPEECH: &str = "seeds/2025-08-05-remarks-by-director-kratsios-at-the-apec-digital-and-ai-ministerial-meeting.md";
const FINDINGS: &str = "tests/fixtures/formats/findings.claims";
/// A draft with an unused suppression, two malformed ones and quotations in
/// footnote definitions (one supported, one miscited).
const DRAFT: &str = "tests/fixtures/formats/findings.md";
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

/// Runs `citecheck COMMAND PATH` in each of `formats` from the repository,
/// expecting `exit` and no colour, and snapshots each output as
/// `NAME.FORMAT`.
fn snapshot_in_formats(command: &str, path: &str, formats: &[&str], exit: i32, name: &str) {
    for format in formats {
        let run = run_in(
            &repo(),
            [command, path, "--format", format, "--color", "never"],
        )
        .exits(exit)
        .has_no_colour();
        harness::snapshot_settings().bind(|| {
            insta::assert_snapshot!(format!("{name}.{format}"), run.stdout());
        });
    }
}

#[test]
fn every_claims_file_in_every_machine_format() {
    // human and json are snapshot in tests/snapshots.rs, under the same names.
    for name in claims_files() {
        let stem = name.trim_end_matches(".claims");
        let path = format!("claims/{name}");
        snapshot_in_formats(
            "check",
            &path,
            &MACHINE_FORMATS,
            0,
            &format!("check-{stem}"),
        );
    }
}

#[test]
fn a_file_with_findings_in_every_format() {
    snapshot_in_formats("check", FINDINGS, &harness::FORMATS, 1, "findings");
}

#[test]
fn a_draft_with_findings_in_every_format() {
    snapshot_in_formats("draft", DRAFT, &harness::FORMATS, 1, "draft-findings");
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
    assert_eq!(rules.len(), 9, "one rule per verdict and per draft finding");
    for (i, rule) in rules.iter().enumerate() {
        assert!(rule["id"].as_str().unwrap().starts_with("CC"));
        assert!(rule["name"].is_string());
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["fullDescription"]["text"].is_string());
        assert!(["error", "warning", "note"]
            .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
        if i < 7 {
            assert!(rule["help"]["text"].as_str().unwrap().contains("Example:"));
        }
    }
    assert_eq!(rules[7]["id"], "CC100");
    assert_eq!(rules[8]["id"], "CC101");
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

// --- drafts: suppression findings, no expectations, footnotes ---

/// The fixture's draft in `format`.
fn draft_in(format: &str) -> String {
    run_in(
        &repo(),
        ["draft", DRAFT, "--format", format, "--color", "never"],
    )
    .exits(1)
    .stdout()
}

#[test]
fn suppression_findings_are_in_every_format() {
    let unused = "tests/fixtures/formats/findings.md:10:1: CC100 unused-suppression: \
                  this suppression silences nothing: no claim on the next line has CC002 miscited; remove it";
    let bad = "tests/fixtures/formats/findings.md:13:1: CC101 bad-suppression: \
               unknown directive `citecheck-disable-line`";

    // concise: one line each, in draft order with the verdicts' findings.
    let concise = draft_in("concise");
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines.len(), 5, "{concise}");
    assert_eq!(lines[0], unused);
    assert!(lines[1].starts_with(bad), "{concise}");
    assert!(lines[2].contains(":14:1: CC101 bad-suppression: `100%&<b>` names no verdict"));
    assert!(lines[3].contains(":21:37: CC002 miscited: claim `shall-consider"));
    assert_eq!(
        lines[4],
        "4 findings; 5 claims in 1 file: 4 passed, 1 failed, 3 suppression findings"
    );

    // json-lines: a Finding with its path, after the draft's claims.
    let objects: Vec<serde_json::Value> = draft_in("json-lines")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 5 + 3);
    let finding = &objects[5];
    assert_eq!(finding["path"], DRAFT);
    assert_eq!(finding["code"], "CC100");
    assert_eq!(finding["name"], "unused-suppression");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(10), Some(1))
    );
    assert!(finding.get("id").is_none() && finding.get("verdict").is_none());
    assert_eq!(objects[6]["code"], "CC101");

    // github: errors, escaped; then the human report, which lists them too.
    let github = draft_in("github");
    let commands: Vec<&str> = github.lines().take_while(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 4, "{github}");
    assert!(commands[0].starts_with(
        "::error file=tests/fixtures/formats/findings.md,line=10,col=1,title=CC100 unused-suppression::this suppression"
    ));
    assert!(commands[2].contains("title=CC101 bad-suppression::`100%25&<b>` names no verdict"));
    assert!(github.contains("findings.md:10:1: error[CC100] unused-suppression: this suppression"));

    // sarif: a rule per code, results that point at them.
    let log: serde_json::Value = serde_json::from_str(&draft_in("sarif")).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for (i, code) in ["CC100", "CC101", "CC101"].into_iter().enumerate() {
        let r = &results[i];
        assert_eq!(r["ruleId"], code);
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], code);
        assert!(rule["fullDescription"]["text"].as_str().unwrap().len() > 20);
        assert_eq!(r["level"], "error");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            DRAFT
        );
        assert_eq!(
            r["partialFingerprints"]["citecheck/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
    assert_ne!(
        results[1]["partialFingerprints"], results[2]["partialFingerprints"],
        "two different bad suppressions are two results"
    );

    // junit: a failing test case each, counted.
    let junit = draft_in("junit");
    assert!(junit.contains("<testsuites name=\"citecheck\" tests=\"8\" failures=\"4\""));
    assert!(junit.contains(
        "<testcase name=\"unused-suppression (line 10)\" classname=\"tests.fixtures.formats.findings\" \
         file=\"tests/fixtures/formats/findings.md\" line=\"10\" time=\"0\">"
    ));
    assert!(junit.contains("type=\"CC100 unused-suppression\""));
    assert!(
        junit.contains("`100%&amp;&lt;b&gt;` names no verdict"),
        "{junit}"
    );
    assert_eq!(junit.matches("<failure ").count(), 4);
}

#[test]
fn an_unused_suppression_alone_fails_every_format_and_says_so() {
    let draft = "<!-- citecheck-disable-next-line -->\n\
        He said “Our hope is that AI will be a powerful tool for bilateral diplomacy” [@speech, lines 44-45].\n";
    let t = speech_test("")
        .file(
            "citecheck.toml",
            "[sources]\nspeech = { path = \"sources/speech.md\" }\n",
        )
        .file("a.md", draft);
    for format in harness::FORMATS {
        let out = t
            .run(["draft", "a.md", "--format", format])
            .exits(1)
            .stdout();
        assert!(out.contains("CC100"), "{format}: {out}");
    }
    t.run(["draft", "a.md", "--color", "never"])
        .exits(1)
        .prints("1 claim in 1 file: 1 passed, 0 failed, 1 suppression finding");
}

#[test]
fn sarif_fingerprints_of_a_suppression_finding_survive_lines_moving() {
    let fingerprint = |draft: &str| {
        let t = speech_test("")
            .file(
                "citecheck.toml",
                "[sources]\nspeech = { path = \"sources/speech.md\" }\n",
            )
            .file("a.md", draft);
        let log: serde_json::Value = serde_json::from_str(
            &t.run(["draft", "a.md", "--format", "sarif"])
                .exits(1)
                .stdout(),
        )
        .unwrap();
        let r = &log["runs"][0]["results"][0];
        assert_eq!(r["ruleId"], "CC100");
        (
            r["partialFingerprints"]["citecheck/v1"]
                .as_str()
                .unwrap()
                .to_string(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap(),
        )
    };
    let draft = "<!-- citecheck-disable-next-line CC002 -->\nHe said “Our hope is that AI will be a powerful tool” [@speech, lines 44-45].\n";
    let (before, line) = fingerprint(draft);
    let (after, moved) = fingerprint(&format!("# Title\n\nIntro.\n\n{draft}"));
    assert_eq!((line, moved), (1, 5));
    assert_eq!(before, after);
    let (other, _) = fingerprint(&draft.replace("CC002", "CC001"));
    assert_ne!(before, other, "another comment, another result");
}

#[test]
fn draft_reports_speak_of_no_expectation() {
    // A draft has no `expect` lines: no "(expected …)" in any format.
    for format in harness::FORMATS {
        for path in [
            DRAFT,
            "drafts/ai-exports-en.md",
            "drafts/kratsios-apec-fr.md",
        ] {
            let out = run_in(&repo(), ["draft", path, "--format", format])
                .exits(1)
                .stdout();
            assert!(
                !out.contains("expected supported"),
                "{format} {path}: {out}"
            );
            assert!(!out.contains("\"expected\""), "{format} {path}: {out}");
        }
    }
    // Claims files keep theirs.
    run_in(&repo(), ["check", FINDINGS, "--format", "junit"])
        .exits(1)
        .prints("message=\"miscited: open-for-business, expected supported\"");
}

#[test]
fn quotations_in_footnote_definitions_are_checked_where_they_stand() {
    let json = run_in(&repo(), ["draft", DRAFT, "--format", "json"])
        .exits(1)
        .json();
    let claims = json["files"][0]["claims"].as_array().unwrap();
    let at = |id: &str| {
        let c = claims
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id}: {claims:?}"));
        (
            c["line"].as_u64().unwrap(),
            c["column"].as_u64().unwrap(),
            c["verdict"].as_str().unwrap().to_string(),
        )
    };
    // `[^order]: As the order says, “Within 90 days …” act [@eo, lines 38-40].`
    assert_eq!(at("within-90-days-of-the"), (18, 30, "supported".into()));
    // `[^rolling]: … “shall consider proposals …”, @eo, lines 76-78.`
    assert_eq!(
        at("shall-consider-proposals-on-a"),
        (21, 37, "miscited".into())
    );
    let quote = &claims
        .iter()
        .find(|c| c["id"] == "shall-consider-proposals-on-a")
        .unwrap()["quotes"][0];
    assert_eq!(quote["cited"]["source"], "eo");
    assert_eq!(quote["cited"]["locator"], "lines 76-78");
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

#[test]
fn a_refused_draft_is_named_a_draft_in_junit() {
    let out = Test::new()
        .file("a.md", b"He said \xff\n".as_slice())
        .run(["draft", "a.md", "--format", "junit", "--isolated"])
        .exits(2)
        .stdout();
    assert!(
        out.contains("<testcase name=\"(draft)\" classname=\"a\" file=\"a.md\""),
        "{out}"
    );
    assert!(out.contains("type=\"E002 invalid-utf8\""), "{out}");
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

#[test]
fn explain_knows_the_draft_findings_and_lists_every_code_in_columns() {
    for (code, name) in [
        ("CC100", "unused-suppression"),
        ("CC101", "bad-suppression"),
    ] {
        let out = by_code_of(code);
        assert!(out.starts_with(&format!("{code} {name}\n\n")), "{out}");
        assert_eq!(by_code_of(name), out);
    }
    let list = run_in(&repo(), ["explain"]).exits(0).stdout();
    // `  CODE name<blanks>summary`: every summary starts in the same column.
    let columns: Vec<usize> = list
        .lines()
        .map(|l| {
            let name_end = 8 + l[8..].find(' ').unwrap();
            name_end + l[name_end..].find(|c| c != ' ').unwrap()
        })
        .collect();
    assert_eq!(columns.len(), 9, "{list}");
    assert!(columns.iter().all(|c| *c == columns[0]), "{list}");
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
