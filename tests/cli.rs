//! The `check` command as a user meets it: exit codes, formats, colours,
//! citations.

mod harness;

use harness::{repo, run_in, Test};

const SPEECH: &str = "seeds/2025-08-05-remarks-by-director-kratsios-at-the-apec-digital-and-ai-ministerial-meeting.md";

fn speech_test(claims: &str) -> Test {
    Test::new()
        .copy(SPEECH, "sources/speech.md")
        .file("claims/speech.claims", claims)
}

#[test]
fn the_bundled_claims_pass_with_no_path_given() {
    run_in(&repo(), ["check", "--color", "never"])
        .exits(0)
        .prints("0 failed")
        .has_no_colour();
}

#[test]
fn a_true_quote_is_supported_and_cited_by_line_column_and_paragraph() {
    speech_test(
        "source speech = \"../sources/speech.md\"\n\
         claim c: Kratsios hopes for AI diplomacy.\n  quote \"Our hope is that AI will be a powerful tool for bilateral diplomacy.\" @ speech\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(0)
    .prints("✓ supported c: Kratsios hopes for AI diplomacy.")
    .prints("sources/speech.md:44:30 (¶11)")
    .prints("44 | That is why I am here today. Our hope is that AI will be a powerful tool");
}

#[test]
fn a_quote_at_the_wrong_place_is_miscited_and_the_report_says_where_it_stands() {
    speech_test(
        "source speech = \"../sources/speech.md\"\n\
         claim c: Open for business.\n  quote \"American AI is open for business\" @ speech lines 10-12\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(1)
    .prints("✗ miscited (expected supported) c:")
    .prints("found at line 120, not at lines 10-12 as cited")
    .prints("sources/speech.md:120:28 (¶26)");
}

#[test]
fn a_citation_that_names_nothing_says_why() {
    speech_test(
        "source speech = \"../sources/speech.md\"\n\
         claim c: x\n  quote \"open for business\" @ speech ¶999\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(1)
    .prints("found at ¶26 (line 120), not at ¶999 as cited (the citation names nothing: ¶999 is past the end: the source has 43 paragraphs)");
}

#[test]
fn an_invented_quote_is_unsupported() {
    speech_test(
        "source speech = \"../sources/speech.md\"\n\
         claim c: Invented.\n  quote \"we will lift every export control\" @ speech\n  expect unsupported\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(0)
    .prints("✓ unsupported (as expected) c: Invented.")
    .prints("not found in `speech`");
}

#[test]
fn a_missing_source_is_unverifiable_never_a_pass() {
    let run = Test::new()
        .file(
            "c.claims",
            "source gone = \"nowhere.md\"\nclaim c: A claim.\n  quote \"anything at all\" @ gone\n",
        )
        .run(["check", "c.claims", "--format", "json"]);
    let json = run.exits(1).json();
    let claim = &json["files"][0]["claims"][0];
    assert_eq!(claim["verdict"], "unverifiable");
    assert_eq!(claim["pass"], false);
    let message = claim["quotes"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("nowhere.md") && message.contains("does not exist"),
        "{message}"
    );
    assert_eq!(json["files"][0]["sources"][0]["status"], "unreadable");
}

#[test]
fn a_cite_only_claim_is_checked_against_the_cited_passage() {
    speech_test(
        "source speech = \"../sources/speech.md\"\nclaim c: Thanks to President Trump, American AI is open for business.\n  cite speech ¶26\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(0)
    .prints("✓ supported c:")
    .prints("the cited passage supports the claim")
    .prints("evidence 1: sources/speech.md:120:1 (¶26)");
}

#[test]
fn a_cite_of_an_unreadable_source_is_unverifiable_with_the_reason() {
    Test::new()
        .file(
            "c.claims",
            "source gone = \"gone.md\"\nclaim c: Something.\n  cite gone ¶2\n",
        )
        .run(["check", "c.claims", "--color", "never"])
        .exits(1)
        .prints("✗ unverifiable (expected supported) c:")
        .prints("source `gone` (gone.md) could not be read: the file does not exist");
}

#[test]
fn a_changed_number_in_a_paraphrase_is_contradicted_with_both_values() {
    let json = speech_test(
        "source speech = \"../sources/speech.md\"\nclaim c: President Trump signed five executive orders following his remarks.\n  cite speech ¶10\n",
    )
    .run(["check", "claims", "--format", "json"])
    .exits(1)
    .json();
    let claim = &json["files"][0]["claims"][0];
    assert_eq!(claim["verdict"], "contradicted");
    let conflict = &claim["conflicts"][0];
    assert_eq!(
        (conflict["claim"].as_str(), conflict["source"].as_str()),
        (Some("five"), Some("three"))
    );
    assert_eq!(conflict["location"]["line"], 37);
}

#[test]
fn json_locations_are_byte_offsets_into_the_file_as_stored() {
    // A BOM, CRLF line ends and a quote wrapped across lines.
    let source = "\u{feff}Title\r\n\r\nThe plan outlines America\u{2019}s\r\nnational effort.\r\n";
    let run = Test::new()
        .file("s.txt", source)
        .file(
            "c.claims",
            "source s = \"s.txt\"\nclaim c: x\n  quote \"America's national effort\" @ s ¶2\n",
        )
        .run(["check", "c.claims", "--format", "json"]);
    let json = run.exits(0).json();
    let loc = &json["files"][0]["claims"][0]["quotes"][0]["location"];
    let (start, end) = (
        loc["byte_start"].as_u64().unwrap() as usize,
        loc["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &source.as_bytes()[start..end],
        "America\u{2019}s\r\nnational effort".as_bytes()
    );
    assert_eq!(
        (loc["line"].as_u64(), loc["column"].as_u64()),
        (Some(3), Some(19))
    );
    assert_eq!(loc["paragraph"], 2);
    assert_eq!(loc["path"], "s.txt");
}

#[test]
fn json_is_the_same_bytes_run_after_run() {
    let a = run_in(&repo(), ["check", "--format", "json"])
        .exits(0)
        .stdout();
    let b = run_in(&repo(), ["check", "--format", "json"])
        .exits(0)
        .stdout();
    assert_eq!(a, b);
    assert!(!a.contains('\u{1b}'));
    let json: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(json["version"], 1);
    assert!(json["summary"]["claims"].as_u64().unwrap() >= 30);
}

#[test]
fn colours_follow_the_flag() {
    let claims = "source speech = \"../sources/speech.md\"\nclaim c: x\n  quote \"open for business\" @ speech\n";
    let always = speech_test(claims)
        .run(["check", "claims", "--color", "always"])
        .exits(0);
    assert!(always.stdout().contains('\u{1b}'));
    speech_test(claims)
        .run(["check", "claims", "--color", "never"])
        .exits(0)
        .has_no_colour();
    // Not a terminal: auto means no colour.
    speech_test(claims)
        .run(["check", "claims"])
        .exits(0)
        .has_no_colour();
}

#[test]
fn a_grammar_error_exits_2_and_shows_the_place() {
    Test::new()
        .file(
            "bad.claims",
            "source s = \"a.txt\"\nclaim c: x\n  quote \"y\" @ nokey\n",
        )
        .run(["check", "bad.claims", "--color", "never"])
        .exits(2)
        .complains("bad.claims:3:15")
        .complains("nokey")
        .has_no_colour()
        .does_not_panic();
}

#[test]
fn a_missing_path_is_an_error_not_an_empty_pass() {
    Test::new()
        .run(["check", "no-such-folder"])
        .exits(2)
        .complains("no-such-folder: no such file or folder");
    Test::new()
        .file("empty/readme.txt", "x")
        .run(["check", "empty"])
        .exits(2)
        .complains("no claims files");
}

#[test]
fn a_source_that_is_not_utf8_is_unverifiable_with_the_offset() {
    let json = Test::new()
        .file("s.txt", b"caf\xe9 au lait".as_slice())
        .file(
            "c.claims",
            "source s = \"s.txt\"\nclaim c: x\n  quote \"au lait\" @ s\n",
        )
        .run(["check", "c.claims", "--format", "json"])
        .exits(1)
        .json();
    let message = json["files"][0]["claims"][0]["quotes"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains("not valid UTF-8") && message.contains("byte 3"),
        "{message}"
    );
}

#[test]
fn an_elided_quote_is_found_as_fragments_in_order() {
    speech_test(
        "source speech = \"../sources/speech.md\"\nclaim c: x\n  quote \"Thanks to President Trump, […] open for business.\" @ speech\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(0)
    .prints("✓ supported c");
}

#[test]
fn a_misquote_names_the_passage_and_the_words_that_differ() {
    let json = speech_test(
        "source speech = \"../sources/speech.md\"\nclaim c: x\n  quote \"take our offer, handshake and make a deal\" @ speech\n",
    )
    .run(["check", "claims", "--format", "json"])
    .exits(1)
    .json();
    let quote = &json["files"][0]["claims"][0]["quotes"][0];
    assert_eq!(quote["verdict"], "misquoted");
    assert_eq!(quote["location"]["line"], 198);
    let changed: Vec<_> = quote["diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["op"] == "changed")
        .collect();
    assert_eq!(changed.len(), 1, "{}", quote["diff"]);
    assert_eq!(
        (changed[0]["source"].as_str(), changed[0]["quote"].as_str()),
        (Some("offered"), Some("offer,"))
    );
}

#[test]
fn the_misquote_floor_of_citecheck_toml_is_honoured() {
    let claims = "source speech = \"../sources/speech.md\"\nclaim c: x\n  quote \"Our wish is that AI will be a mighty tool for bilateral diplomacy.\" @ speech\n";
    speech_test(claims)
        .run(["check", "claims", "--color", "never"])
        .exits(1)
        .prints("misquoted");
    // 11 of 13 words the same is under a floor of 0.9.
    speech_test(claims)
        .file(
            "citecheck.toml",
            "[thresholds]\nmisquote-similarity = 0.9\n",
        )
        .run(["check", "claims", "--color", "never"])
        .exits(1)
        .prints("unsupported");
    speech_test(claims)
        .file("citecheck.toml", "[thresholds]\nmisquote-similarity = 2\n")
        .run(["check", "claims"])
        .exits(2);
}

#[test]
fn a_quote_far_from_every_passage_is_unsupported_with_the_closest_shown() {
    speech_test(
        "source speech = \"../sources/speech.md\"\nclaim c: x\n  quote \"we will win the space race with better rockets\" @ speech\n  expect unsupported\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(0)
    .prints("the closest passage differs too much to be a misquote")
    .prints("closest: sources/speech.md:");
}

#[test]
fn a_pdf_source_is_extracted_once_into_the_cache_unless_told_not_to() {
    let test = Test::new()
        .copy("seeds/Americas-AI-Action-Plan.pdf", "plan.pdf")
        .file(
            "c.claims",
            "source plan = \"plan.pdf\"\nclaim c: x\n  quote \"The United States is in a race to achieve global dominance\" @ plan p. 1\n",
        );
    let cache = test.path().join("cache");
    let entries = |dir: &std::path::Path| std::fs::read_dir(dir).map_or(0, |d| d.count());
    harness::run_with_env(
        test.path(),
        ["check", "c.claims", "--no-cache"],
        &[("CITECHECK_CACHE_DIR", &cache)],
    )
    .exits(0);
    assert_eq!(entries(&cache), 0, "--no-cache writes nothing");
    let cold = harness::run_with_env(
        test.path(),
        ["check", "c.claims", "--format", "json"],
        &[("CITECHECK_CACHE_DIR", &cache)],
    )
    .exits(0)
    .stdout();
    assert_eq!(entries(&cache), 1, "one entry for the PDF");
    let warm = harness::run_with_env(
        test.path(),
        ["check", "c.claims", "--format", "json"],
        &[("CITECHECK_CACHE_DIR", &cache)],
    )
    .exits(0)
    .stdout();
    assert_eq!(cold, warm, "a cached document gives the same report");
}

#[test]
fn a_hostile_claims_file_cannot_inject_escapes_or_workflow_commands_into_the_log() {
    let run = speech_test(
        "source speech = \"../sources/speech.md\"\n\
         claim c: \"\"\"\nfine\n::error title=x::owned \u{1b}[31mred\n\"\"\"\n  quote \"open for \\u{1b}[2Jbusiness\" @ speech\n",
    )
    .run(["check", "claims", "--color", "never"])
    .exits(1);
    let out = run.stdout();
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("::")), "{out}");
    assert!(
        out.contains("fine ::error title=x::owned \\u{1b}[31mred"),
        "{out}"
    );
}
