//! `citecheck draft` and `citecheck config` through the binary: the fixtures
//! of `drafts/` snapshot-tested, and configuration, front matter, exit codes
//! and suppressions on small drafts in temporary folders.
//!
//! Every format renders the same `Report` value, so every format is
//! snapshot-tested on the drafts.

mod harness;

use harness::{repo, run_in, Test, FORMATS};

const SPEECH: &str =
    "seeds/2025-08-05-remarks-by-director-kratsios-at-the-apec-digital-and-ai-ministerial-meeting.md";

#[test]
fn every_draft_in_every_format() {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("drafts"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    assert!(names.len() >= 2, "an English and a French draft");
    for name in names {
        let stem = name.trim_end_matches(".md");
        let path = format!("drafts/{name}");
        for format in FORMATS {
            let run = run_in(
                &repo(),
                ["draft", &path, "--format", format, "--color", "never"],
            );
            // The drafts quote wrongly on purpose, with no expectations: findings.
            assert_eq!(run.code(), 1, "{path}:\n{}\n{}", run.stdout(), run.stderr());
            assert!(!run.stderr().contains("panicked"));
            harness::snapshot_settings().bind(|| {
                insta::assert_snapshot!(format!("draft-{stem}.{format}"), run.stdout());
            });
        }
    }
}

#[test]
fn the_english_draft_gets_every_verdict_citecheck_knows() {
    let run = run_in(
        &repo(),
        ["draft", "drafts/ai-exports-en.md", "--format", "json"],
    )
    .exits(1);
    let json = run.json();
    let claims = json["files"][0]["claims"].as_array().unwrap();
    let verdicts: Vec<&str> = claims
        .iter()
        .map(|c| c["verdict"].as_str().unwrap())
        .collect();
    for v in [
        "supported",
        "miscited",
        "misquoted",
        "unsupported",
        "unverifiable",
    ] {
        assert!(verdicts.contains(&v), "{v} in {verdicts:?}");
    }
    // Cited sentences without a quotation are claims too, and get the
    // verdicts of a paraphrase.
    for v in ["partial", "contradicted"] {
        assert!(verdicts.contains(&v), "{v} in {verdicts:?}");
    }
    let messages: Vec<&str> = claims
        .iter()
        .filter_map(|c| c["quotes"][0]["message"].as_str())
        .collect();
    assert!(messages.iter().any(|m| m.starts_with("unattributed")));
    // Positions are the draft's: a quotation's opening mark, or the first
    // word of a sentence.
    let text = std::fs::read_to_string(repo().join("drafts/ai-exports-en.md")).unwrap();
    let mut sentences = 0;
    for c in claims {
        let (line, column) = (c["line"].as_u64().unwrap(), c["column"].as_u64().unwrap());
        let at: String = text
            .lines()
            .nth(line as usize - 1)
            .unwrap()
            .chars()
            .skip(column as usize - 1)
            .collect();
        if c["quotes"].as_array().unwrap().is_empty() {
            sentences += 1;
            let first_word = c["text"].as_str().unwrap().split(' ').next().unwrap();
            assert!(at.starts_with(first_word), "{line}:{column} is {at:?}");
        } else {
            assert!(
                ["“", "\"", "«"].iter().any(|m| at.starts_with(m)),
                "{line}:{column} is {at:?}"
            );
        }
    }
    assert_eq!(sentences, 6, "the cited paraphrases of the English draft");
    assert_eq!(json["files"][0]["findings"][0]["code"], "CC100");
    assert_eq!(json["files"][0]["unchecked"]["short"], 1);
    assert_eq!(json["files"][0]["unchecked"]["suppressed"], 2);
}

fn speech_draft(body: &str) -> Test {
    Test::new()
        .copy(SPEECH, "seeds/speech.md")
        .file(
            "citecheck.toml",
            "[sources]\nspeech = { path = \"seeds/speech.md\", lang = \"en\" }\n",
        )
        .file("a.md", body)
}

const GOOD: &str = "He said “Our hope is that AI will be a powerful tool for bilateral diplomacy” [@speech, lines 44-45].\n";
const MISCITED: &str = "He said “Our hope is that AI will be a powerful tool for bilateral diplomacy” [@speech, line 3].\n";

#[test]
fn exit_codes_follow_fail_on() {
    speech_draft(GOOD)
        .run(["draft", "a.md"])
        .exits(0)
        .prints("1 passed");
    speech_draft(MISCITED)
        .run(["draft", "a.md"])
        .exits(1)
        .prints("miscited");
    speech_draft(MISCITED)
        .file(
            "citecheck.toml",
            "fail-on = [\"unsupported\"]\n[sources]\nspeech = \"seeds/speech.md\"\n",
        )
        .run(["draft", "a.md"])
        .exits(0);
    speech_draft(MISCITED)
        .run(["draft", "a.md", "--exit-zero"])
        .exits(0);
    Test::new()
        .run(["draft", "missing.md"])
        .exits(2)
        .complains("missing.md");
}

#[test]
fn configuration_is_found_upward_and_can_be_left_out() {
    let t = speech_draft("").file("sub/deeper/a.md", GOOD);
    run_in(&t.path().join("sub/deeper"), ["draft", "a.md"]).exits(0);
    // --isolated: no sources, so the key names nothing.
    run_in(
        &t.path().join("sub/deeper"),
        ["draft", "a.md", "--isolated"],
    )
    .exits(1)
    .prints("is named neither in citecheck.toml nor in the front matter");
    // --config names another file; its paths are relative to it.
    let t = Test::new()
        .copy(SPEECH, "conf/seeds/speech.md")
        .file(
            "conf/other.toml",
            "[sources]\nspeech = { path = \"seeds/speech.md\" }\n",
        )
        .file("a.md", GOOD);
    t.run(["draft", "a.md", "--config", "conf/other.toml"])
        .exits(0);
    t.run(["draft", "a.md"]).exits(1);
}

#[test]
fn configuration_errors_give_line_and_column() {
    speech_draft(GOOD)
        .file("citecheck.toml", "min-quote-words = 4\n\n[sources]\nspeech = { path = \"seeds/speech.md\", lnag = \"en\" }\n")
        .run(["draft", "a.md"])
        .exits(2)
        .complains("citecheck.toml:4:38: error: unknown field `lnag`")
        .complains("expected");
    speech_draft(GOOD)
        .file("citecheck.toml", "fail-on = [\"wrong\"]\n")
        .run(["draft", "a.md"])
        .exits(2)
        .complains("citecheck.toml:1:12: error: `wrong` is no verdict");
    speech_draft(GOOD)
        .file("citecheck.toml", "min-quote-words = \"four\"\n")
        .run(["config", "--dump"])
        .exits(2)
        .complains("citecheck.toml:1:19");
}

#[test]
fn config_dump_prints_what_is_in_force() {
    let run = speech_draft(GOOD).run(["config", "--dump"]).exits(0);
    assert!(
        run.stdout().contains("# configuration from citecheck.toml"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains("min-quote-words = 4"));
    assert!(run
        .stdout()
        .contains("speech = { path = \"seeds/speech.md\", lang = \"en\" }"));
    speech_draft(GOOD)
        .run(["config", "--dump", "--isolated"])
        .exits(0)
        .prints("# no citecheck.toml: the defaults");
    speech_draft(GOOD)
        .run(["config"])
        .exits(0)
        .prints("citecheck.toml");
}

#[test]
fn front_matter_names_sources_relative_to_the_draft() {
    let t = Test::new().copy(SPEECH, "seeds/speech.md").file(
        "drafts/a.md",
        format!(
            "---\ntitle: x\nsources:\n  talk: {{ path: ../seeds/speech.md, lang: en }}\n---\n\n{}",
            GOOD.replace("@speech", "@talk")
        ),
    );
    t.run(["draft", "drafts/a.md"]).exits(0);
    let bad = Test::new().file(
        "a.md",
        "---\nsources:\n  talk:\n    path: x.md\n    lnag: en\n---\nText.\n",
    );
    bad.run(["draft", "a.md"])
        .exits(2)
        .complains("error[E010]: unknown key `lnag` in source `talk`")
        .complains("--> a.md:5:5");
}

#[test]
fn short_quotations_are_counted_not_checked() {
    let run = speech_draft("He spoke of “AI diplomacy” and “open for business” today.\n")
        .run(["draft", "a.md", "--format", "json"])
        .exits(0);
    let json = run.json();
    assert_eq!(json["files"][0]["claims"].as_array().unwrap().len(), 0);
    assert_eq!(json["files"][0]["unchecked"]["short"], 2);
    speech_draft("He spoke of “AI diplomacy” today.\n")
        .file("citecheck.toml", "min-quote-words = 1\n")
        .run(["draft", "a.md"])
        .exits(1);
}

const ARTICLE: &str = "seeds/000_2b99a302a493dc4a.txt";

const PARAPHRASE: &str = "The United States is eager to use federal financial tools such as direct loans and loan guarantees to support priority AI export packages [@speech, ¶28].\n";
const FOUR_ORDERS: &str = "President Trump signed four executive orders following his remarks on the occasion [@speech, lines 36-37].\n";

#[test]
fn a_cited_sentence_without_a_quotation_is_checked_like_a_cite() {
    let run = speech_draft(PARAPHRASE)
        .run(["draft", "a.md", "--format", "json"])
        .exits(0);
    let json = run.json();
    let claims = json["files"][0]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:?}");
    let claim = &claims[0];
    assert_eq!(claim["verdict"], "supported");
    assert_eq!(
        (claim["line"].as_u64(), claim["column"].as_u64()),
        (Some(1), Some(1))
    );
    // The citation mark is no word of the claim; it is its `cite`.
    assert!(claim["text"]
        .as_str()
        .unwrap()
        .ends_with("AI export packages."));
    assert_eq!(claim["cites"][0]["source"], "speech");
    assert_eq!(claim["cites"][0]["locator"], "¶28");
    assert_eq!(claim["quotes"].as_array().unwrap().len(), 0);
    let evidence = &claim["support"]["evidence"][0];
    assert_eq!(evidence["paragraph"], 28);
    assert_eq!(evidence["path"], "seeds/speech.md");
    // The human report reads like a claims file's cite.
    speech_draft(PARAPHRASE)
        .run(["draft", "a.md"])
        .exits(0)
        .prints("the cited passage supports the claim")
        .prints("cite speech ¶28")
        .prints("evidence 1: seeds/speech.md:135:1 (¶28)");
}

#[test]
fn a_cited_sentence_contradicted_by_a_number_fails_the_run() {
    let run = speech_draft(FOUR_ORDERS)
        .run(["draft", "a.md", "--format", "json"])
        .exits(1);
    let claim = &run.json()["files"][0]["claims"][0];
    assert_eq!(claim["verdict"], "contradicted");
    assert_eq!(claim["conflicts"][0]["claim"], "four");
    assert_eq!(claim["conflicts"][0]["source"], "three");
    assert_eq!(claim["conflicts"][0]["location"]["line"], 37);
    // Through a footnote that names the source and a locator, the same.
    speech_draft("President Trump signed four executive orders following his remarks on the occasion.[^1]\n\n[^1]: Remarks at APEC, @speech, lines 36-37.\n")
        .run(["draft", "a.md"])
        .exits(1)
        .prints("contradicted")
        .prints("conflict: the claim says \"four\" (4), the source says \"three\" (3)");
    // A partial claim lists what the passage does not hold.
    speech_draft("The program is fielding proposals for packages that include chips, servers, cloud services and AI models, with a federal subsidy of 40 percent [@speech, ¶27].\n")
        .run(["draft", "a.md"])
        .exits(1)
        .prints("partial")
        .prints("not found: \"federal\", \"subsidy\", \"40 percent\"");
}

#[test]
fn a_quotation_and_its_sentence_facts_are_both_checked() {
    // The quotation stands where cited; the sentence's number does not.
    let run = speech_draft("President Trump signed four executive orders when he began “executing the AI Action plan immediately” [@speech, line 36].\n")
        .run(["draft", "a.md", "--format", "json"])
        .exits(1);
    let json = run.json();
    let claims = json["files"][0]["claims"].as_array().unwrap();
    // One claim: the quotation's, not a second one for its sentence.
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["quotes"][0]["verdict"], "supported");
    assert_eq!(claims[0]["verdict"], "contradicted");
    assert_eq!(claims[0]["conflicts"][0]["claim"], "four");
    assert_eq!(claims[0]["conflicts"][0]["source"], "three");
}

#[test]
fn a_cited_sentence_names_an_unknown_source_or_an_unread_locator() {
    speech_draft(
        "Kratsios said the United States is eager to use federal financial tools [@talk, ¶28].\n",
    )
    .run(["draft", "a.md"])
    .exits(1)
    .prints("unverifiable")
    .prints("source `talk` is named neither in citecheck.toml nor in the front matter");
    speech_draft("Kratsios said the United States is eager to use federal financial tools [@speech, chapter 3].\n")
        .run(["draft", "a.md"])
        .prints("the locator `chapter 3` was not understood");
}

#[test]
fn claims_quotes_checks_the_quotations_only() {
    let body = format!("{GOOD}\n{FOUR_ORDERS}");
    speech_draft(&body).run(["draft", "a.md"]).exits(1);
    let quotes_only = speech_draft(&body).file(
        "citecheck.toml",
        "claims = \"quotes\"\n[sources]\nspeech = \"seeds/speech.md\"\n",
    );
    quotes_only
        .run(["draft", "a.md"])
        .exits(0)
        .prints("1 claim in 1 file");
    // --claims overrides the configuration, both ways.
    quotes_only
        .run(["draft", "a.md", "--claims", "cited"])
        .exits(1)
        .prints("contradicted");
    speech_draft(&body)
        .run(["draft", "a.md", "--claims", "quotes"])
        .exits(0);
    speech_draft(&body)
        .run(["draft", "a.md", "--claims", "every"])
        .exits(2)
        .complains("every");
}

#[test]
fn claims_all_checks_uncited_sentences_against_every_source() {
    let body = "# President Trump signed three executive orders following his remarks\n\nThe United States is eager to employ all available Federal financial tools to support priority AI export packages. It rained.\n";
    let json = speech_draft(body)
        .run(["draft", "a.md", "--format", "json"])
        .exits(0)
        .json();
    assert_eq!(json["files"][0]["claims"].as_array().map(Vec::len), Some(0));
    let json = speech_draft(body)
        .run(["draft", "a.md", "--claims", "all", "--format", "json"])
        .exits(0)
        .json();
    // The heading is a title and "It rained." a fragment: one claim.
    let claims = json["files"][0]["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["verdict"], "supported");
    assert!(claims[0]["cites"].as_array().is_none_or(Vec::is_empty));
    let message = claims[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("uncited: no citation in the sentence; the sources support the claim"),
        "{message}"
    );
    assert_eq!(claims[0]["support"]["evidence"][0]["paragraph"], 28);
    // An uncited sentence fails the run by the same fail-on.
    speech_draft(
        "President Trump signed four executive orders following his remarks on the occasion.\n",
    )
    .file(
        "citecheck.toml",
        "claims = \"all\"\n[sources]\nspeech = \"seeds/speech.md\"\n",
    )
    .run(["draft", "a.md"])
    .exits(1)
    .prints("contradicted");
}

#[test]
fn the_claims_key_is_checked_and_dumped() {
    speech_draft(GOOD)
        .file(
            "citecheck.toml",
            "min-quote-words = 4\nclaims = \"every\"\n",
        )
        .run(["draft", "a.md"])
        .exits(2)
        .complains("citecheck.toml:2:10: error: claims is `every`")
        .complains("\"quotes\"");
    speech_draft(GOOD)
        .run(["config", "--dump"])
        .exits(0)
        .prints("claims = \"cited\"");
    speech_draft(GOOD)
        .file("citecheck.toml", "claims = \"all\"\n")
        .run(["config", "--dump"])
        .exits(0)
        .prints("claims = \"all\"");
}

#[test]
fn french_sentences_end_at_guillemets_and_keep_monsieur() {
    let t = Test::new()
        .copy(ARTICLE, "seeds/article.txt")
        .file(
            "citecheck.toml",
            "[sources]\narticle = { path = \"seeds/article.txt\", lang = \"fr\" }\n",
        )
        .file(
            "a.md",
            "«\u{a0}Notre souhait est que l’IA soit un outil de diplomatie bilatérale puissant.\u{a0}» Le président Trump a signé cinq décrets exécutifs pour concrétiser cette stratégie [@article, ¶5].\n\nSelon M. Kratsios, l’IA représente une opportunité inédite de coopération technologique entre les États membres [@article, ¶11].\n",
        );
    let json = t.run(["draft", "a.md", "--format", "json"]).exits(1).json();
    let claims = json["files"][0]["claims"].as_array().unwrap();
    let summary: Vec<(&str, &str)> = claims
        .iter()
        .map(|c| (c["text"].as_str().unwrap(), c["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "« Notre souhait est que l’IA soit un outil de diplomatie bilatérale puissant. »",
                "supported"
            ),
            (
                "Le président Trump a signé cinq décrets exécutifs pour concrétiser cette stratégie.",
                "contradicted"
            ),
            (
                "Selon M. Kratsios, l’IA représente une opportunité inédite de coopération technologique entre les États membres.",
                "supported"
            ),
        ]
    );
    // The quotation's sentence ends at its closing mark: the citation after
    // it is the next sentence's, so the quotation is unattributed.
    assert!(claims[0]["quotes"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("unattributed"));
    assert_eq!(claims[1]["conflicts"][0]["claim"], "cinq");
}

#[test]
fn suppressions_silence_findings_and_unused_ones_are_findings() {
    let next_line = format!("<!-- citecheck-disable-next-line CC002 -->\n{MISCITED}");
    speech_draft(&next_line)
        .run(["draft", "a.md"])
        .exits(0)
        .prints("1 suppressed");
    // The wrong code silences nothing, and says so.
    let wrong_code = format!("<!-- citecheck-disable-next-line unsupported -->\n{MISCITED}");
    let run = speech_draft(&wrong_code)
        .run(["draft", "a.md", "--format", "json"])
        .exits(1);
    let json = run.json();
    assert_eq!(json["files"][0]["claims"][0]["verdict"], "miscited");
    assert_eq!(json["files"][0]["findings"][0]["code"], "CC100");
    assert_eq!(json["files"][0]["findings"][0]["line"], 1);
    let range = format!("Intro.\n\n<!-- citecheck-disable -->\n\n{MISCITED}\n<!-- citecheck-enable -->\n\n{MISCITED}");
    speech_draft(&range)
        .run(["draft", "a.md"])
        .exits(1)
        .prints("1 suppressed");
    let unused = format!("<!-- citecheck-disable-next-line -->\n{GOOD}");
    speech_draft(&unused)
        .run(["draft", "a.md"])
        .exits(1)
        .prints("a.md:1:1: error[CC100] unused-suppression");
}

#[test]
fn folders_are_searched_and_ignores_apply() {
    let t = speech_draft(GOOD)
        .file(
            "citecheck.toml",
            "[sources]\nspeech = \"seeds/speech.md\"\n[ignore]\npaths = [\"drafts/notes/**\"]\n",
        )
        .file("drafts/a.md", GOOD)
        .file("drafts/notes/b.md", MISCITED);
    t.run(["draft", "drafts"]).exits(0).prints("drafts/a.md");
    Test::new()
        .file("x/readme.txt", "")
        .run(["draft", "x"])
        .exits(2)
        .complains("no Markdown drafts");
}

#[test]
fn odd_drafts_do_not_panic() {
    for body in [
        &b"\xEF\xBB\xBFHe said \xE2\x80\x9Ca b c d\xE2\x80\x9D [@speech].\r\n"[..],
        b"\xff\xfe not UTF-8",
        b"",
        b"---\n",
        b"\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9c [@",
        b"[^1]: @speech, \xc2\xb6999999999999999999999999\n\nText \xe2\x80\x9ca b c d\xe2\x80\x9d[^1]\n",
    ] {
        let run = speech_draft("").file("a.md", body).run(["draft", "a.md"]).does_not_panic();
        assert!([0, 1, 2].contains(&run.code()));
    }
}

#[test]
fn crlf_drafts_report_the_same_positions() {
    let body = format!("Intro.\r\n\r\n{}", MISCITED.replace('\n', "\r\n"));
    let json = speech_draft(&body)
        .run(["draft", "a.md", "--format", "json"])
        .exits(1)
        .json();
    assert_eq!(json["files"][0]["claims"][0]["line"], 3);
    assert_eq!(json["files"][0]["claims"][0]["column"], 9);
}

#[test]
fn draft_reports_can_be_kept_as_snapshots() {
    let t = speech_draft(GOOD);
    t.run(["draft", "a.md", "--snapshot", "snaps"])
        .exits(1)
        .complains("snapshot new");
    t.run(["draft", "a.md", "--snapshot", "snaps", "--accept"])
        .exits(0);
    t.run(["draft", "a.md", "--snapshot", "snaps"]).exits(0);
    // A source edit moves a verdict: the snapshot says what changed.
    let t = t.file("a.md", MISCITED);
    t.run(["draft", "a.md", "--snapshot", "snaps"])
        .exits(1)
        .complains("snapshot changed");
}

#[test]
fn explain_knows_the_draft_codes() {
    Test::new()
        .run(["explain", "CC100"])
        .exits(0)
        .prints("CC100 unused-suppression");
    Test::new()
        .run(["explain", "bad-suppression"])
        .exits(0)
        .prints("CC101");
    Test::new().run(["explain"]).exits(0).prints("CC100");
}

#[test]
fn a_draft_cannot_make_citecheck_read_a_file_outside_the_project() {
    let run = harness::Test::new()
        .file("citecheck.toml", "")
        .file(
            "draft.md",
            "---\nsources:\n  secret: /etc/passwd\n---\nHe wrote \"root x 0 0 root and more words\" [@secret].\n",
        )
        .run(["draft", "draft.md", "--color", "never"]);
    let run = run
        .exits(1)
        .prints("outside the project root")
        .prints("unverifiable");
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    if let Some(line) = passwd.lines().find(|l| l.len() > 10) {
        assert!(!run.stdout().contains(line) && !run.stderr().contains(line));
    }
}
