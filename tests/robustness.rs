//! Robustness (issue 7): no input may crash citecheck, hang it, or make it
//! print a file it should not.
//!
//! Property tests feed arbitrary bytes and grammar-shaped files to the claims
//! parser and check that every span it reports lies inside its input; CLI
//! tests run the binary on hostile inputs and check the message, the exit code
//! and that nothing panicked. Fuzzing is in `fuzz/`; what was tried is in
//! `docs/robustness.md`.

mod harness;

use proptest::prelude::*;

use citecheck::claims::{self, ClaimsFile, Item, Span};

// ---------------------------------------------------------------------------
// The claims parser: properties

/// Every span of a parsed file lies inside `text`, on char boundaries, and
/// says what the node says.
fn check_file_spans(text: &str, file: &ClaimsFile) {
    let inside = |what: &str, span: &Span| {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{what} span {span:?} is outside a text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{what} span {span:?} cuts a character"
        );
    };
    let ident = |what: &str, id: &claims::Ident| {
        inside(what, &id.span);
        assert_eq!(
            &text[id.span.clone()],
            id.name,
            "{what} span names another word"
        );
    };
    for s in &file.sources {
        inside("source", &s.span);
        ident("source key", &s.key);
        inside("source path", &s.path.span);
        if let Some(lang) = &s.lang {
            ident("lang", lang);
        }
        if let Some(title) = &s.title {
            inside("title", &title.span);
        }
        assert!(s.span.start <= s.key.span.start && s.path.span.end <= s.span.end);
    }
    for c in &file.claims {
        inside("claim", &c.span);
        ident("claim id", &c.id);
        inside("claim text", &c.text.span);
        assert!(!c.text.value.trim().is_empty() || text[c.text.span.clone()].starts_with('"'));
        for item in &c.items {
            match item {
                Item::Quote(q) => {
                    inside("quote", &q.span);
                    inside("quote text", &q.text.span);
                    assert!(text[q.text.span.clone()].starts_with('"'));
                    assert!(text[q.text.span.clone()].ends_with('"'));
                    if let Some(k) = &q.source {
                        ident("quote source", k);
                    }
                    if let Some(l) = &q.locator {
                        inside("quote locator", &l.span);
                    }
                    assert!(c.span.start <= q.span.start && q.span.end <= c.span.end);
                }
                Item::Cite(ct) => {
                    inside("cite", &ct.span);
                    ident("cite source", &ct.source);
                    if let Some(l) = &ct.locator {
                        inside("cite locator", &l.span);
                    }
                }
                Item::Expect(e) => inside("expect", &e.span),
            }
        }
    }
}

/// Parses `bytes` and checks what comes back: spans inside the text, and
/// diagnostics that render (with the path and a line:column) without panic.
fn check_parse(bytes: &[u8]) {
    let (text, result) = claims::parse_bytes(bytes);
    match result {
        Ok(file) => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            assert_eq!(
                text.as_bytes(),
                body,
                "a file that parses is returned as is"
            );
            check_file_spans(&text, &file);
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "a refusal says why");
            for d in &diagnostics {
                assert!(
                    d.span.start <= d.span.end && d.span.end <= text.len(),
                    "diagnostic {d:?} is outside a text of {} bytes",
                    text.len()
                );
                assert!(!d.message.is_empty() && !d.expected.is_empty(), "{d:?}");
                let (line, column) = d.line_column(&text);
                assert!(line >= 1 && column >= 1);
                assert!(line <= text.split('\n').count(), "{d:?} on line {line}");
                let rendered = d.render("p.claims", &text, false);
                assert!(
                    rendered.contains(&format!("p.claims:{line}:{column}")),
                    "{rendered}"
                );
            }
        }
    }
}

/// The pieces claims files are made of, right and wrong.
mod shapes {
    use proptest::prelude::*;
    use proptest::sample::select;

    pub fn ident() -> impl Strategy<Value = String> {
        select(vec![
            "a", "b", "k", "speech", "art.2", "x-1", "_", "claim", "source", "quote", "9", "é", "",
        ])
        .prop_map(str::to_string)
    }

    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            (0usize..12).prop_map(|n| n.to_string()),
            select(vec![
                "999",
                "18446744073709551615",
                "18446744073709551616",
                "99999999999999999999999999",
                "-1",
                "",
                "1e3",
            ])
            .prop_map(str::to_string),
        ]
    }

    /// The inside of a plain string: text, escapes good and bad.
    fn string_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-zA-Z ,.'’«»…é]{0,12}",
            1 => select(vec![
                "\\\"", "\\\\", "\\n", "\\t", "\\u{41}", "\\u{1F600}", "\\u{D800}",
                "\\u{110000}", "\\u{}", "\\u{1234567}", "\\u41", "\\q", "\\", "\\\u{a0}",
                "\u{0}", "\r", "\"", "#", "@", "“", "\u{FEFF}",
            ])
            .prop_map(str::to_string),
        ]
    }

    pub fn string() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => prop::collection::vec(string_piece(), 0..6)
                .prop_map(|p| format!("\"{}\"", p.concat())),
            2 => ("[a-z \n\r\"]{0,20}", any::<bool>()).prop_map(|(body, closed)| {
                if closed {
                    format!("\"\"\"{body}\"\"\"")
                } else {
                    format!("\"\"\"{body}")
                }
            }),
            1 => select(vec!["\"unterminated", "“curly”", "'single'", "", "\"\"\"\"\"\""])
                .prop_map(str::to_string),
        ]
    }

    pub fn locator() -> impl Strategy<Value = String> {
        prop_oneof![
            (
                select(vec![
                    "¶", "¶ ", "para ", "paras ", "line ", "lines ", "p.", "p. ", "pp. ", "page ",
                    "pages ", "chars ", "§ ", "para", "p ", "¶¶"
                ]),
                number(),
                prop::option::of((select(vec!["-", "–", " - ", "..", " .. ", "—"]), number()))
            )
                .prop_map(|(kw, a, b)| match b {
                    Some((dash, b)) => format!("{kw}{a}{dash}{b}"),
                    None => format!("{kw}{a}"),
                }),
            string().prop_map(|s| format!("§ {s}")),
        ]
    }

    fn verdict() -> impl Strategy<Value = String> {
        select(vec![
            "supported",
            "miscited",
            "misquoted",
            "contradicted",
            "partial",
            "unsupported",
            "unverifiable",
            "pass",
            "SUPPORTED",
            "",
        ])
        .prop_map(str::to_string)
    }

    fn ws() -> impl Strategy<Value = String> {
        select(vec!["", " ", "  ", "\t", " \t "]).prop_map(str::to_string)
    }

    fn statement() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => (ident(), string(), prop::option::of(ident()), prop::option::of(string()))
                .prop_map(|(k, p, lang, title)| {
                    let mut s = format!("source {k} = {p}");
                    if let Some(l) = lang {
                        s += &format!(" lang {l}");
                    }
                    if let Some(t) = title {
                        s += &format!(" title {t}");
                    }
                    s
                }),
            4 => (ident(), prop_oneof!["[a-zA-Z ,.#\"]{0,30}", string()])
                .prop_map(|(id, text)| format!("claim {id}: {text}")),
            5 => (string(), prop::option::of((ident(), prop::option::of(locator()))))
                .prop_map(|(q, at)| match at {
                    Some((k, Some(l))) => format!("quote {q} @ {k} {l}"),
                    Some((k, None)) => format!("quote {q} @ {k}"),
                    None => format!("quote {q}"),
                }),
            2 => (ident(), prop::option::of(locator()))
                .prop_map(|(k, l)| match l {
                    Some(l) => format!("cite {k} {l}"),
                    None => format!("cite {k}"),
                }),
            2 => verdict().prop_map(|v| format!("expect {v}")),
            1 => "#[^\n]{0,20}",
            1 => Just(String::new()),
            1 => "[^\n]{0,30}",
        ]
    }

    /// A line: indentation, a statement, maybe a comment, a line end.
    pub fn line() -> impl Strategy<Value = String> {
        (
            ws(),
            statement(),
            ws(),
            prop::option::of("# [a-z]{0,8}"),
            select(vec!["\n", "\n", "\n", "\r\n", "\r", ""]),
        )
            .prop_map(|(a, s, b, c, end)| format!("{a}{s}{b}{}{end}", c.unwrap_or_default()))
    }

    /// Mostly well-formed pieces, so that files get past the syntax stage
    /// and reach the semantic one (keys, ids, locators, expectations).
    fn good_string() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-zA-Z ,.'’«»…é]{1,16}".prop_map(|s| format!("\"{s}\"")),
            1 => "[a-z\\\\\"]{0,8}".prop_map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))),
            1 => "[a-z \n]{1,20}".prop_map(|s| format!("\"\"\"\n{s}\n\"\"\"")),
        ]
    }

    fn good_locator() -> impl Strategy<Value = String> {
        prop_oneof![
            (
                select(vec![
                    "¶", "line ", "lines ", "p. ", "pp. ", "page ", "para "
                ]),
                0usize..5,
                0usize..1000
            )
                .prop_map(|(kw, a, b)| if b % 2 == 0 {
                    format!("{kw}{a}")
                } else {
                    format!("{kw}{a}-{b}")
                }),
            (0usize..50, 0usize..50).prop_map(|(a, b)| format!("chars {a}..{b}")),
            good_string().prop_map(|s| format!("§ {s}")),
        ]
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            30 => select(vec!["a", "b", "c"]),
            1 => select(vec!["d", "e"]),
        ]
        .prop_map(str::to_string)
    }

    fn item() -> impl Strategy<Value = String> {
        prop_oneof![
            40 => (good_string(), prop::option::of((key(), prop::option::of(good_locator()))))
                .prop_map(|(q, at)| match at {
                    Some((k, Some(l))) => format!("  quote {q} @ {k} {l}"),
                    Some((k, None)) => format!("  quote {q} @ {k}"),
                    None => format!("  quote {q}"),
                }),
            10 => (key(), prop::option::of(good_locator())).prop_map(|(k, l)| match l {
                Some(l) => format!("  cite {k} {l}"),
                None => format!("  cite {k}"),
            }),
            2 => select(vec!["supported", "miscited", "unsupported", "unverifiable"])
                .prop_map(|v| format!("  expect {v}")),
            1 => statement(),
        ]
    }

    fn claim() -> impl Strategy<Value = Vec<String>> {
        (
            "[a-z][a-z0-9]{0,6}",
            prop_oneof!["[a-zA-Z][a-zA-Z ,.#\"]{0,30}", good_string()],
            prop::collection::vec(item(), 0..5),
        )
            .prop_map(|(id, text, items)| {
                let mut lines = vec![format!("claim {id}: {text}")];
                lines.extend(items);
                lines
            })
    }

    pub fn structured_file() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::sample::subsequence(vec!["a", "b", "c", "d"], 3..=4).prop_flat_map(|keys| {
                keys.into_iter()
                    .map(|k| {
                        (good_string(), prop::option::of("[a-z]{2}")).prop_map(
                            move |(p, l)| match l {
                                Some(l) => format!("source {k} = {p} lang {l}"),
                                None => format!("source {k} = {p}"),
                            },
                        )
                    })
                    .collect::<Vec<_>>()
            }),
            prop::collection::vec(claim(), 0..8),
            select(vec!["\n", "\n", "\r\n"]),
        )
            .prop_map(|(sources, claims, end)| {
                let mut lines = sources;
                lines.extend(claims.into_iter().flatten());
                let mut text = lines.join(end);
                text.push_str(end);
                text.into_bytes()
            })
    }

    pub fn file() -> impl Strategy<Value = Vec<u8>> {
        (any::<bool>(), prop::collection::vec(line(), 0..24)).prop_map(|(bom, lines)| {
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend(lines.concat().into_bytes());
            bytes
        })
    }
}

/// `value` as a plain string literal of the claims format.
fn literal(value: &str) -> String {
    let mut s = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            c if c.is_control() => s.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_spans_stay_inside(
        bytes in prop::collection::vec(any::<u8>(), 0..600)
    ) {
        check_parse(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics_and_spans_stay_inside(text in any::<String>()) {
        check_parse(text.as_bytes());
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn grammar_shaped_files_never_panic_and_spans_stay_inside(bytes in shapes::file()) {
        check_parse(&bytes);
    }

    #[test]
    fn structured_files_never_panic_and_spans_stay_inside(bytes in shapes::structured_file()) {
        check_parse(&bytes);
    }

    #[test]
    fn grammar_shaped_files_with_a_byte_flipped(
        bytes in shapes::file(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = bytes;
        if !bytes.is_empty() {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        check_parse(&bytes);
    }

    /// Any text written with escapes reads back as itself, wherever it is.
    #[test]
    fn escaped_strings_read_back_as_written(
        quotes in prop::collection::vec(any::<String>(), 1..6),
        claim_text in "[a-zA-Z][a-zA-Z ,.]{0,20}",
    ) {
        let mut file = String::from("source k = \"k.txt\"\nclaim c: ");
        file += &claim_text;
        file.push('\n');
        for q in &quotes {
            file += &format!("  quote {} @ k ¶3\n", literal(q));
        }
        let parsed = claims::parse(&file).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        check_file_spans(&file, &parsed);
        let read: Vec<&str> = parsed.claims[0].quotes().map(|q| q.text.value.as_str()).collect();
        let written: Vec<&str> = quotes.iter().map(String::as_str).collect();
        prop_assert_eq!(read, written);
    }
}

/// The structured generator is only worth its cases if many of its files get
/// through the syntax stage: most parse, and the rest fail in many ways.
#[test]
fn the_structured_generator_reaches_the_semantic_stage() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut parsed = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for _ in 0..150 {
        let bytes = shapes::structured_file()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        match claims::parse_bytes(&bytes).1 {
            Ok(f) if !f.claims.is_empty() => parsed += 1,
            Ok(_) => {}
            Err(d) => {
                kinds.insert(d[0].kind.name());
            }
        }
    }
    assert!(
        parsed >= 30,
        "only {parsed} of 150 files parsed with claims"
    );
    assert!(kinds.len() >= 4, "only {kinds:?}");
}

// ---------------------------------------------------------------------------
// Folding: the map sends every folded range into the input

mod typography {
    use proptest::prelude::*;
    use proptest::sample::select;

    /// Text made of what folding acts on: quotes, spaces of every kind,
    /// French spacing, ellipses, hyphens at line ends, soft hyphens,
    /// combining marks, letters whose case changes their length.
    pub fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                3 => "[a-zA-Z]{1,6}",
                2 => select(vec![
                    " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u{a0}", "\u{202f}", "\u{2009}",
                    "\u{3000}", "\u{200b}", "\u{feff}", "\u{ad}", "\u{2060}", "-", "-\n", "- \n",
                    "\u{2010}", "\u{2011}", "\u{2013}", "—", "«", "»", "« ", " »", "«\u{a0}",
                    "\u{a0}»", " ;", " :", " !", " ?", "\u{202f}?", "…", "...", ". . .", "\"", "“",
                    "”", "„", "'", "’", "‘", "ʼ", "′", "e\u{301}", "\u{301}", "é", "É", "İ", "ß",
                    "ẞ", "Σ", "ς", "ﬁ", "Ⅻ", "\u{0}", "\u{1b}", "\u{85}", "\u{2028}", "\u{2029}",
                    "\u{10FFFF}", "😀", "👍🏽", "ǅ", "ΐ", "\u{345}",
                ])
                .prop_map(str::to_string),
                1 => any::<char>().prop_map(String::from),
            ],
            0..40,
        )
        .prop_map(|pieces| pieces.concat())
    }
}

/// Folds `text` and checks the map: lengths agree, every folded character
/// maps onto whole characters of the input, in order, and every input range
/// maps into the folded text.
fn check_fold(text: &str) {
    let folded = citecheck::fold::fold(text);
    let map = &folded.map;
    assert_eq!(
        map.derived_len(),
        folded.text.len(),
        "map and folded text disagree"
    );
    let mut last_start = 0;
    for (at, c) in folded.text.char_indices() {
        let src = map.to_source(at..at + c.len_utf8());
        assert!(
            src.start <= src.end && src.end <= text.len(),
            "folded {c:?} at {at} maps to {src:?}, outside {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(src.start) && text.is_char_boundary(src.end),
            "folded {c:?} at {at} maps to {src:?}, which cuts a character of {text:?}"
        );
        assert!(src.start >= last_start, "the map goes backwards at {at}");
        last_start = src.start;
    }
    let whole = map.to_source(0..folded.text.len());
    assert!(whole.end <= text.len());
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&k| text.is_char_boundary(k))
        .collect();
    for (k, &a) in bounds.iter().enumerate() {
        for &b in bounds[k..].iter().take(4) {
            let d = map.to_derived(a..b);
            assert!(
                d.start <= d.end && d.end <= folded.text.len(),
                "{a}..{b} maps to {d:?}, outside the folded text of {} bytes",
                folded.text.len()
            );
            assert!(
                folded.text.is_char_boundary(d.start) && folded.text.is_char_boundary(d.end),
                "{a}..{b} of {text:?} maps to {d:?}, which cuts a character of {:?}",
                folded.text
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn folding_maps_every_folded_range_into_the_input(text in any::<String>()) {
        check_fold(&text);
    }

    #[test]
    fn folding_typography_maps_every_folded_range_into_the_input(text in typography::text()) {
        check_fold(&text);
    }
}

// ---------------------------------------------------------------------------
// Loaded sources: every folded character maps back into the file as stored

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            2 => typography::text(),
            1 => proptest::sample::select(vec![
                "# ", "## ", "\n---\n", "---\ntitle: x\n---\n", "* ", "- ", "1. ", "> ", "```\n",
                "`", "**", "_", "\\", "&amp;", "&#x2019;", "&#0;", "&#99999999;", "<span>",
                "</span>", "<!--", "-->", "<br>", "[l](u)", "![i](u)", "[^1]", "[^1]: ",
                "| a | b |\n|---|---|\n", "\x0c", "    ", "<div>\n", "$$", "~~", "[x]: /u\n",
            ])
            .prop_map(str::to_string),
        ],
        0..20,
    )
    .prop_map(|p| p.concat())
}

fn check_document(raw: &str, format: citecheck::source::Format) {
    let doc = citecheck::source::load_bytes(raw.as_bytes(), format).expect("UTF-8 loads");
    assert_eq!(doc.raw, raw);
    assert_eq!(doc.text_map.derived_len(), doc.text.len());
    for b in &doc.blocks {
        assert!(
            doc.text.get(b.text.clone()).is_some(),
            "block {b:?} is off the text"
        );
    }
    for (at, c) in doc.folded.text.char_indices() {
        let r = doc.folded_to_raw(at..at + c.len_utf8());
        assert!(
            r.start <= r.end && r.end <= raw.len(),
            "{c:?} at {at} → {r:?}"
        );
        assert!(
            raw.is_char_boundary(r.start) && raw.is_char_boundary(r.end),
            "{r:?}"
        );
        let p = doc.position(r.start);
        assert!(p.line >= 1 && p.line <= doc.line_count().max(1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn text_sources_map_every_folded_character_into_the_file(raw in typography::text()) {
        check_document(&raw, citecheck::source::Format::Text);
    }

    #[test]
    fn markdown_sources_map_every_folded_character_into_the_file(raw in markdownish()) {
        check_document(&raw, citecheck::source::Format::Markdown);
    }
}

// ---------------------------------------------------------------------------
// Hostile inputs through the command line: a clear message, the right exit
// code, never a panic

use harness::{Run, Test};

const SOURCE: &str = "The first paragraph says hello.\n\nThe second paragraph says goodbye.\n";

/// A working folder (a project root: the harness marks it with `.git`)
/// holding `src.txt` and the claims file `c.claims`.
fn project(claims: &str) -> Test {
    Test::new().file("src.txt", SOURCE).file("c.claims", claims)
}

fn check(t: &Test, extra: &[&str]) -> Run {
    let mut args = vec!["check", "c.claims", "--color", "never", "--format", "json"];
    args.extend(extra);
    t.run(args).does_not_panic()
}

/// The one quote of the one claim of the report, and the claim.
fn only_quote(run: &Run) -> (serde_json::Value, serde_json::Value) {
    let json = run.json();
    let claim = json["files"][0]["claims"][0].clone();
    (claim.clone(), claim["quotes"][0].clone())
}

/// Checks `t` without the cache: its one quote is read and found.
#[track_caller]
fn read_and_supported(t: &Test) {
    let run = check(t, &["--no-cache"]);
    let (_, quote) = only_quote(&run);
    assert_eq!(quote["verdict"], "supported", "{quote}");
}

#[track_caller]
fn unverifiable_because(run: Run, reason: &[&str]) -> Run {
    let run = run.exits(1);
    let (claim, quote) = only_quote(&run);
    assert_eq!(claim["verdict"], "unverifiable", "{claim:#}");
    let message = quote["message"].as_str().unwrap_or_default();
    for r in reason {
        assert!(message.contains(r), "{r:?} not in {message:?}");
    }
    run
}

#[test]
fn invalid_utf8_in_a_claims_file_gives_the_byte_offset() {
    let t = Test::new().file("c.claims", b"claim c: Caf\xE9 au lait.\n".as_slice());
    t.run(["check", "c.claims", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("invalid UTF-8: byte 0xE9 at byte offset 12")
        .complains("c.claims:1:13");
}

#[test]
fn nul_bytes_in_a_claims_file_are_named_where_they_stand() {
    let t = Test::new().file("c.claims", "claim c: A claim.\n  \0quote \"x\"\n");
    t.run(["check", "c.claims", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("unexpected `U+0000`")
        .complains("c.claims:2:3");
}

#[test]
fn nul_bytes_in_a_quote_and_a_source_are_only_text() {
    let t = project("source s = \"nul.txt\"\nclaim c: C.\n  quote \"one\0two\" @ s\n")
        .file("nul.txt", "zero\0one\0two\0three\n");
    let run = check(&t, &[]).exits(0);
    assert_eq!(only_quote(&run).1["verdict"], "supported");
}

#[test]
fn a_claims_file_with_one_enormous_line_is_refused_with_a_short_message() {
    let line = "x".repeat(1 << 20);
    let t = Test::new().file("c.claims", format!("claim c: ok\n{line} ???\n"));
    let run = t
        .run(["check", "c.claims", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("c.claims:2:1");
    assert!(
        run.stderr().len() < 4096,
        "{} bytes of errors",
        run.stderr().len()
    );
}

#[test]
fn a_source_that_is_a_folder_is_unverifiable() {
    let t = project("source s = \"folder.txt\"\nclaim c: C.\n  quote \"hello\" @ s\n")
        .file("folder.txt/inside", "x");
    unverifiable_because(check(&t, &[]), &["folder.txt", "not a regular file"]);
}

#[test]
fn a_symlink_loop_is_unverifiable() {
    let t = project("source s = \"loop.txt\"\nclaim c: C.\n  quote \"hello\" @ s\n");
    std::os::unix::fs::symlink("loop2.txt", t.path().join("loop.txt")).unwrap();
    std::os::unix::fs::symlink("loop.txt", t.path().join("loop2.txt")).unwrap();
    unverifiable_because(check(&t, &[]), &["loop.txt", "symbolic links"]);
}

#[test]
fn an_unreadable_source_is_unverifiable() {
    use std::os::unix::fs::PermissionsExt;
    let t = project("source s = \"locked.txt\"\nclaim c: C.\n  quote \"hello\" @ s\n")
        .file("locked.txt", "The first paragraph says hello.\n");
    let locked = t.path().join("locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Running as root: mode 000 does not stop reading, so there is no
        // unreadable file to test with here.
        eprintln!("skipped: this user reads files of mode 000");
        return;
    }
    unverifiable_because(check(&t, &[]), &["locked.txt", "ermission denied"]);
}

/// Makes a FIFO at `path` and opens its write end in a thread, which only
/// returns once something opened the read end. Returns a flag raised then.
fn fifo_with_a_watcher(
    path: &std::path::Path,
) -> Option<(
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::thread::JoinHandle<()>,
)> {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo here");
        return None;
    }
    let opened = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = opened.clone();
    let path = path.to_path_buf();
    let watcher = std::thread::spawn(move || {
        let writer = std::fs::OpenOptions::new().write(true).open(&path);
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
        drop(writer); // the reader, if any, sees the end of the file
    });
    Some((opened, watcher))
}

/// After the run: was the FIFO opened for reading while citecheck ran? If
/// not, the watcher still waits for a reader: be it, so it ends.
fn fifo_was_opened(
    path: &std::path::Path,
    (opened, watcher): (
        std::sync::Arc<std::sync::atomic::AtomicBool>,
        std::thread::JoinHandle<()>,
    ),
) -> bool {
    let was = opened.load(std::sync::atomic::Ordering::SeqCst);
    if !was {
        let _ = std::fs::File::open(path);
    }
    watcher.join().unwrap();
    was
}

#[test]
fn a_fifo_source_is_unverifiable_and_never_opened() {
    let t = project("source s = \"pipe.txt\"\nclaim c: C.\n  quote \"hello\" @ s\n");
    let fifo = t.path().join("pipe.txt");
    let Some(watch) = fifo_with_a_watcher(&fifo) else {
        return;
    };
    // Were the FIFO read, the run would block until the watcher's write end
    // opened and closed: it finishes either way, and the flag tells.
    let run = check(&t, &[]);
    assert!(!fifo_was_opened(&fifo, watch), "citecheck opened the FIFO");
    unverifiable_because(run, &["pipe.txt", "not a regular file"]);
}

#[test]
fn a_fifo_among_the_claims_files_is_refused_and_never_opened() {
    let t = Test::new().file("claims/good.claims", "claim c: C.\n  expect unverifiable\n");
    let fifo = t.path().join("claims/pipe.claims");
    let Some(watch) = fifo_with_a_watcher(&fifo) else {
        return;
    };
    let run = t
        .run(["check", "claims", "--color", "never"])
        .does_not_panic();
    assert!(!fifo_was_opened(&fifo, watch), "citecheck opened the FIFO");
    run.exits(2)
        .complains("claims/pipe.claims")
        .complains("not a regular file")
        .prints("1 claim in 2 files");
}

#[test]
fn ten_thousand_claims_are_all_checked() {
    let mut claims = String::from("source s = \"src.txt\"\n");
    for n in 0..10_000 {
        let quote = if n % 2 == 0 {
            "says hello"
        } else {
            "says farewell"
        };
        let expect = if n % 2 == 0 {
            "supported"
        } else {
            "unsupported"
        };
        claims +=
            &format!("claim c{n}: Claim {n}.\n  quote \"{quote}\" @ s ¶1\n  expect {expect}\n");
    }
    let t = project(&claims);
    let json = check(&t, &[]).exits(0).json();
    assert_eq!(json["summary"]["claims"], 10_000);
    assert_eq!(json["summary"]["verdicts"]["supported"], 5_000);
    assert_eq!(json["summary"]["verdicts"]["unsupported"], 5_000);
}

#[test]
fn a_one_megabyte_quote_is_checked_like_any_other() {
    let words: String = (0..100_000)
        .map(|n| format!("w{:04} ", n % 10_000))
        .collect();
    assert!(words.len() >= 600_000);
    let big = words.repeat(2);
    let t = project(&format!(
        "source s = \"src.txt\"\nclaim c: C.\n  quote \"{}\" @ s\n  expect unsupported\n",
        big.trim_end()
    ));
    let run = check(&t, &[]).exits(0);
    assert_eq!(only_quote(&run).1["verdict"], "unsupported");
}

#[test]
fn deeply_repeated_escapes_parse_and_are_checked() {
    let escapes = "\\\\".repeat(100_000) + &"\\u{41}".repeat(50_000) + &"\\\"".repeat(50_000);
    let t = project(&format!(
        "source s = \"src.txt\"\nclaim c: C.\n  quote \"{escapes}\" @ s\n  expect unsupported\n"
    ));
    let run = check(&t, &[]).exits(0);
    let (_, quote) = only_quote(&run);
    assert_eq!(quote["verdict"], "unsupported");
    let text = quote["text"].as_str().unwrap();
    assert_eq!(text.len(), 200_000);
    assert!(text.starts_with("\\\\") && text.contains("AAAA") && text.ends_with("\"\""));
}

#[test]
fn an_escape_gone_wrong_after_many_good_ones_is_pointed_at() {
    let t = Test::new().file(
        "c.claims",
        format!("claim c: C.\n  quote \"{}\\q\"\n", "\\\\".repeat(50_000)),
    );
    t.run(["check", "c.claims", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("unknown escape `\\q`")
        .complains("c.claims:2:100010");
}

#[test]
fn a_paragraph_past_the_end_is_said_to_name_nothing() {
    let t = project("source s = \"src.txt\"\nclaim c: C.\n  quote \"says goodbye\" @ s ¶999\n");
    let run = check(&t, &[]).exits(1);
    let (claim, quote) = only_quote(&run);
    assert_eq!(claim["verdict"], "miscited");
    let message = quote["message"].as_str().unwrap();
    assert!(
        message.contains("¶999") && message.contains("2 paragraphs"),
        "{message}"
    );
}

#[test]
fn page_zero_is_refused_by_the_grammar() {
    let t = project("source s = \"src.txt\"\nclaim c: C.\n  quote \"says goodbye\" @ s p. 0\n");
    t.run(["check", "c.claims", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("error[E007]")
        .complains("c.claims:3:28")
        .complains("pages count from 1");
}

#[test]
fn a_claims_file_cannot_be_its_own_source() {
    // Named .txt, it would load as text and "support" every quote in it.
    let t = project("").file(
        "c.txt",
        "source me = \"c.txt\"\nclaim c: Self-evident.\n  quote \"Self-evident\" @ me\n",
    );
    let run = t
        .run(["check", "c.txt", "--color", "never", "--format", "json"])
        .does_not_panic();
    unverifiable_because(run, &["c.txt", "the claims file itself"]);
}

#[test]
fn a_claims_file_named_as_a_source_under_its_own_extension_is_not_read() {
    let t = project("source me = \"c.claims\"\nclaim c: C.\n  quote \"claim c\" @ me\n");
    unverifiable_because(check(&t, &[]), &["c.claims"]);
}

/// A single-line source of about `bytes` bytes with a needle at its very end.
fn one_line_source(t: &Test, bytes: usize) {
    let words = b"lorem ipsum dolor sit amet ";
    let mut text = words.repeat(bytes / words.len());
    text.extend_from_slice(b"the needle is here at the end");
    std::fs::write(t.path().join("big.txt"), text).unwrap();
}

const BIG_CLAIMS: &str = "source b = \"big.txt\"\n\
    claim c: C.\n  quote \"the needle is here at the end\" @ b\n\
    claim d: D.\n  quote \"this is not there at all\" @ b\n  expect unsupported\n";

#[test]
fn a_long_single_line_source_is_searched_to_its_end() {
    // 8 MB here: a debug build takes about 20 s of CPU for 100 MB. The real
    // size runs in `a_100_mb_single_line_source_is_searched_to_its_end`.
    let t = project(BIG_CLAIMS);
    one_line_source(&t, 8 << 20);
    let json = check(&t, &[]).exits(0).json();
    assert_eq!(json["files"][0]["claims"][0]["verdict"], "supported");
    assert_eq!(json["files"][0]["claims"][1]["verdict"], "unsupported");
}

/// The size issue 7 names; run it on a release build:
/// `cargo test --release --test robustness -- --ignored`.
#[test]
#[ignore = "100 MB: run on a release build (see docs/robustness.md)"]
fn a_100_mb_single_line_source_is_searched_to_its_end() {
    let t = project(BIG_CLAIMS);
    one_line_source(&t, 100 << 20);
    let json = check(&t, &[]).exits(0).json();
    assert_eq!(json["files"][0]["claims"][0]["verdict"], "supported");
    let location = &json["files"][0]["claims"][0]["quotes"][0]["location"];
    assert_eq!(location["line"], 1);
    assert!(location["byte_start"].as_u64().unwrap() > 100 << 20);
}

#[test]
fn a_source_over_the_size_limit_is_not_read() {
    let t = project("source s = \"src.txt\"\nclaim c: C.\n  quote \"says hello\" @ s\n");
    let size = SOURCE.len();
    let limit = (size - 1).to_string();
    unverifiable_because(
        check(&t, &["--max-source-bytes", &limit]),
        &[
            "src.txt",
            &format!("{size} bytes, more than the limit of {limit}"),
            "--max-source-bytes",
        ],
    );
    let at_limit = size.to_string();
    check(&t, &["--max-source-bytes", &at_limit]).exits(0);
}

#[test]
fn the_size_limit_must_be_a_number() {
    project("")
        .run(["check", "c.claims", "--max-source-bytes", "lots"])
        .does_not_panic()
        .exits(2)
        .complains("--max-source-bytes");
}

// ---------------------------------------------------------------------------
// Path safety: a claims file from a pull request cannot make citecheck print
// a file outside the project

const SECRET: &str = "TOPSECRET-7f3a9c the private key is here";

/// `proj/` (a git work tree) with `proj/claims/c.claims`, beside `outside.txt`
/// (the secret) and a symlink `proj/link.txt` pointing at it.
fn outside_project(claims: &str) -> Test {
    let t = Test::new()
        .file("outside.txt", SECRET)
        .file("proj/.git/HEAD", "ref: refs/heads/main\n")
        .file("proj/src.txt", SOURCE)
        .file("proj/claims/c.claims", claims);
    std::os::unix::fs::symlink(t.path().join("outside.txt"), t.path().join("proj/link.txt"))
        .unwrap();
    t
}

const ESCAPING_CLAIMS: &str = "source passwd = \"/etc/passwd\"\n\
    source up = \"../../outside.txt\"\n\
    source link = \"../link.txt\"\n\
    source ok = \"../src.txt\"\n\
    claim a: A.\n  quote \"root\" @ passwd\n\
    claim b: B.\n  quote \"private key\" @ up\n\
    claim c: C.\n  quote \"private key\" @ link\n\
    claim d: D.\n  quote \"says hello\" @ ok\n";

#[track_caller]
fn leaks_nothing(run: &Run) {
    let out = format!("{}{}", run.stdout(), run.stderr());
    assert!(!out.contains("TOPSECRET"), "the secret leaked:\n{out}");
    if let Ok(passwd) = std::fs::read_to_string("/etc/passwd") {
        for line in passwd.lines().filter(|l| l.len() > 8) {
            assert!(!out.contains(line), "/etc/passwd leaked:\n{out}");
        }
    }
}

#[test]
fn sources_outside_the_project_root_are_refused_unread() {
    let t = outside_project(ESCAPING_CLAIMS);
    for format in ["json", "human"] {
        let run = t
            .run([
                "check",
                "proj/claims",
                "--color",
                "never",
                "--format",
                format,
            ])
            .does_not_panic()
            .exits(1);
        leaks_nothing(&run);
        if format == "human" {
            continue;
        }
        let json = run.json();
        let claims = json["files"][0]["claims"].as_array().unwrap();
        for claim in &claims[..3] {
            assert_eq!(claim["verdict"], "unverifiable", "{claim:#}");
            let message = claim["quotes"][0]["message"].as_str().unwrap();
            assert!(
                message.contains("outside the project root (proj)")
                    && message.contains("pass --allow-outside-root to read it"),
                "{message}"
            );
        }
        assert_eq!(claims[3]["verdict"], "supported", "inside the root is read");
    }
}

#[test]
fn allow_outside_root_reads_them() {
    let t = outside_project(ESCAPING_CLAIMS);
    let json = t
        .run([
            "check",
            "proj/claims",
            "--format",
            "json",
            "--allow-outside-root",
        ])
        .does_not_panic()
        .json();
    let claims = json["files"][0]["claims"].as_array().unwrap();
    assert_eq!(claims[1]["verdict"], "supported", "{:#}", claims[1]);
    assert_eq!(claims[2]["verdict"], "supported", "{:#}", claims[2]);
}

#[test]
fn a_claims_file_symlinked_from_outside_the_root_is_not_read() {
    // A pull request can add a symlink to claims/; its target would be
    // printed in the syntax error.
    let t = outside_project("claim ok: Fine.\n  expect unverifiable\n");
    std::os::unix::fs::symlink(
        t.path().join("outside.txt"),
        t.path().join("proj/claims/evil.claims"),
    )
    .unwrap();
    let run = t
        .run(["check", "proj/claims", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("proj/claims/evil.claims")
        .complains("outside the project root");
    leaks_nothing(&run);
}

#[test]
fn citecheck_toml_marks_the_root_below_the_work_tree() {
    // With proj/docs/citecheck.toml, a claims file in proj/docs/claims may
    // not reach proj/src.txt.
    let t = outside_project("")
        .file("proj/docs/citecheck.toml", "")
        .file(
            "proj/docs/claims/c.claims",
            "source s = \"../../src.txt\"\nclaim c: C.\n  quote \"says hello\" @ s\n",
        );
    let run = t
        .run(["check", "proj/docs/claims/c.claims", "--format", "json"])
        .does_not_panic()
        .exits(1);
    let (claim, quote) = only_quote(&run);
    assert_eq!(claim["verdict"], "unverifiable");
    let message = quote["message"].as_str().unwrap();
    assert!(
        message.contains("outside the project root (proj/docs)"),
        "{message}"
    );
}

// ---------------------------------------------------------------------------
// The draft itself is read as claims files are: inside the root, a regular
// file, its faults pointed at

#[test]
fn a_draft_symlinked_from_outside_the_root_is_not_read() {
    let t = outside_project("").file("proj/citecheck.toml", "");
    std::os::unix::fs::symlink(t.path().join("outside.txt"), t.path().join("proj/evil.md"))
        .unwrap();
    let run = t
        .run(["draft", "proj/evil.md", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("proj/evil.md")
        .complains("outside the project root");
    leaks_nothing(&run);
}

#[test]
fn a_fifo_draft_is_refused_and_never_opened() {
    let t = Test::new().file("citecheck.toml", "");
    let fifo = t.path().join("pipe.md");
    let Some(watch) = fifo_with_a_watcher(&fifo) else {
        return;
    };
    let run = t
        .run(["draft", "pipe.md", "--color", "never"])
        .does_not_panic();
    assert!(!fifo_was_opened(&fifo, watch), "citecheck opened the FIFO");
    run.exits(2)
        .complains("pipe.md")
        .complains("not a regular file");
}

#[test]
fn invalid_utf8_in_a_draft_is_shown_with_its_line_and_a_caret() {
    let t = Test::new().file("citecheck.toml", "").file(
        "d.md",
        b"# Title\n\nHe said \"caf\xE9 au lait\" [@s].\n".as_slice(),
    );
    let run = t
        .run(["draft", "d.md", "--color", "never"])
        .does_not_panic()
        .exits(2)
        .complains("invalid UTF-8: byte 0xE9 at byte offset 21")
        .complains("d.md:3:13");
    let stderr = run.stderr();
    let caret = stderr.lines().find(|l| l.contains('^')).unwrap_or_default();
    let line = stderr
        .lines()
        .find(|l| l.contains("He said"))
        .unwrap_or_default();
    assert_eq!(caret.find('^'), line.find('\u{FFFD}'), "{stderr}");
}

#[test]
fn a_pdf_whose_page_is_its_own_parent_is_unverifiable_not_a_hang() {
    // Found by the load_pdf fuzz target: pdf-extract followed the /Parent
    // loop forever looking for the page's /Resources.
    let pdf = std::fs::read("tests/fixtures/sources/parent-loop.pdf").unwrap();
    let t = project(
        "source s = \"loop.pdf\"\nclaim c: C.\n  quote \"The United States must lead\" @ s\n",
    )
    .file("loop.pdf", pdf);
    unverifiable_because(check(&t, &["--no-cache"]), &["loop.pdf", "page tree loops"]);
}

/// A one-page PDF whose content stream, `inflated` bytes of text-drawing
/// operators, is Flate-compressed to a few kilobytes.
fn pdf_bomb(inflated: usize) -> Vec<u8> {
    let op = b"BT /F1 12 Tf 72 720 Td (lorem ipsum dolor sit amet) Tj ET\n";
    one_page_pdf(&op.repeat(inflated / op.len()))
}

/// A one-page PDF drawing `content` (Flate-compressed) in Helvetica as /F1.
fn one_page_pdf(content: &[u8]) -> Vec<u8> {
    one_page_pdf_with(content, "")
}

/// A one-page PDF of `content`, with Helvetica as /F1 and `resources` more
/// entries in the page's resources.
fn one_page_pdf_with(content: &[u8], resources: &str) -> Vec<u8> {
    one_page_pdf_encoded(&deflate(content), "/FlateDecode", resources)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// A one-page PDF whose content stream is `stream`, decoded by `filter`.
fn one_page_pdf_encoded(stream: &[u8], filter: &str, resources: &str) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> {resources} >> >>"
        )
        .into_bytes(),
        [
            format!("<< /Length {} /Filter {filter} >>\nstream\n", stream.len()).as_bytes(),
            stream,
            b"\nendstream",
        ]
        .concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter_mut().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.append(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn a_pdf_page_with_vector_art_and_an_inline_image_is_read() {
    // lopdf gave up on a page at an inline image it could not parse, and the
    // PDF was "malformed"; paths are left out before parsing (a vector cover
    // of 240 KB had become 8 MB of operations).
    let content = b"q 0.2 0.4 0.6 rg 0 0 m 100 100 l 1 2 3 4 5 6 c h f Q\n\
        BT /F1 12 Tf 72 720 Td (The export program begins.) Tj ET\n\
        BI /W 2 /H 2 /CS /G /BPC 8 /F /AHx ID 00ff00ff> EI\n\
        /Span <</ActualText (x)>> BDC BT /F1 12 Tf 72 700 Td \
        (Proposals are due in ninety days.) Tj ET EMC";
    let t = project(
        "source s = \"art.pdf\"\nclaim c: C.\n  quote \"Proposals are due in ninety days.\" @ s p. 1\n",
    )
    .file("art.pdf", one_page_pdf(content));
    read_and_supported(&t);
}

#[test]
fn a_pdf_drawing_a_form_that_is_not_there_is_read_without_it() {
    // Found by fuzzing: the rewritten page content took the number of the
    // missing form (object 6, past the file's table), so the page drew
    // itself without end and the stack overflowed (an abort, no panic).
    // Drawing a form with nothing behind it is now left out, as an image is.
    let content = b"BT /F1 12 Tf 72 720 Td (The export program begins.) Tj ET /Fm1 Do";
    let t = project(
        "source s = \"gone.pdf\"\nclaim c: C.\n  quote \"The export program begins.\" @ s\n",
    )
    .file(
        "gone.pdf",
        one_page_pdf_with(content, "/XObject << /Fm1 6 0 R >>"),
    );
    read_and_supported(&t);
}

#[test]
fn a_pdf_whose_font_is_not_there_is_unverifiable_without_a_panic_message() {
    // pdf-extract panics at a reference with nothing behind it; the panic is
    // caught, and its message is not printed. (A second /Font in the page's
    // resources: the last one read stands.)
    let content = b"BT /F2 12 Tf 72 720 Td (The export program begins.) Tj ET";
    let t = project(
        "source s = \"font.pdf\"\nclaim c: C.\n  quote \"The export program begins.\" @ s\n",
    )
    .file(
        "font.pdf",
        one_page_pdf_with(content, "/Font << /F2 9 0 R >>"),
    );
    unverifiable_because(
        check(&t, &["--no-cache"]),
        &["font.pdf", "malformed", "missing object"],
    );
}

#[test]
fn a_pdf_bomb_is_unverifiable_not_read() {
    // 30 MB of page content in a few KB: pdf-extract would hold some 90
    // bytes per byte of it (a 148 KB file with 50 MB took 4.5 GB).
    let bomb = pdf_bomb(30 << 20);
    assert!(bomb.len() < 100_000, "{} bytes", bomb.len());
    let t = project(
        "source s = \"bomb.pdf\"\nclaim c: C.\n  quote \"lorem ipsum dolor sit amet\" @ s\n",
    )
    .file("bomb.pdf", bomb);
    unverifiable_because(
        check(&t, &["--no-cache"]),
        &["bomb.pdf", "streams inflate past", "PDF bomb"],
    );
    // The same page, inflating within the bound, is read.
    let t = t.file("bomb.pdf", pdf_bomb(100_000));
    read_and_supported(&t);
}

#[test]
fn a_pdf_page_too_costly_to_parse_is_unverifiable_not_read() {
    // lopdf holds some 570 bytes an operation it parses: a 1.6 KB PDF whose
    // page was a million bytes of `T*` took 197 MB. 100,000 of them (300 KB,
    // within the inflation bound) would cost about 55 MiB, past the 32 MiB a page
    // may cost in a file this small; the page is read no further than that.
    let page = |moves: usize| {
        one_page_pdf(
            &[
                b"BT /F1 12 Tf 72 720 Td (lorem ipsum dolor sit amet) Tj\n".as_slice(),
                &b"T*\n".repeat(moves),
                b"ET\n",
            ]
            .concat(),
        )
    };
    let t = project(
        "source s = \"costly.pdf\"\nclaim c: C.\n  quote \"lorem ipsum dolor sit amet\" @ s\n",
    )
    .file("costly.pdf", page(100_000));
    unverifiable_because(
        check(&t, &["--no-cache"]),
        &[
            "costly.pdf",
            "page 1 would take at least",
            "MiB to parse, past 32 MiB",
        ],
    );
    // A third of it is read.
    let t = t.file("costly.pdf", page(30_000));
    read_and_supported(&t);
}

#[test]
fn a_pdf_whose_text_outgrows_its_file_is_unverifiable_not_read() {
    // Text compresses: 3,000 generated pages of 5.2 MB held 11 MB of text,
    // and text that repeats could inflate sixteen times. What is built from
    // a text takes some 2.6 times it, so a PDF's text may not pass its size
    // (1 MiB at least). Words picked at random compress about three times.
    let words = [
        "export", "program", "the", "federal", "stack", "of", "allies",
    ];
    let mut seed = 7u64;
    let mut line = || {
        let mut s = String::new();
        while s.len() < 1_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(words[(seed >> 33) as usize % words.len()]);
            s.push(' ');
        }
        format!("({s}) Tj T*\n")
    };
    let mut content =
        String::from("BT /F1 1 Tf 1 TL 72 720 Td (lorem ipsum dolor sit amet) Tj T*\n");
    while content.len() < 1_200_000 {
        content.push_str(&line());
    }
    content.push_str("ET\n");
    let pdf = one_page_pdf(content.as_bytes());
    assert!(pdf.len() < 600_000, "{} bytes", pdf.len());
    let t = project(
        "source s = \"dense.pdf\"\nclaim c: C.\n  quote \"lorem ipsum dolor sit amet\" @ s\n",
    )
    .file("dense.pdf", pdf);
    unverifiable_because(
        check(&t, &["--no-cache"]),
        &["dense.pdf", "its text passes 1 MiB", "three times its size"],
    );
}

#[test]
fn a_pdf_of_lines_of_a_character_is_unverifiable_not_read() {
    // A line held until layout costs 48 bytes beside its text: a generated
    // PDF of 300,000 two-letter lines (564 KiB) took 28 MiB above the
    // binary, 49 times its size, when only the text was bounded. Lines have
    // a bound of their own.
    let mut content =
        String::from("BT /F1 12 Tf 14 TL 72 720 Td (lorem ipsum dolor sit amet) Tj T*\n");
    for i in 0..20_000 {
        content.push_str(if i % 2 == 0 {
            "(x) Tj T*\n"
        } else {
            "(y) Tj T*\n"
        });
    }
    content.push_str("ET\n");
    let t = project(
        "source s = \"column.pdf\"\nclaim c: C.\n  quote \"lorem ipsum dolor sit amet\" @ s\n",
    )
    .file("column.pdf", one_page_pdf(content.as_bytes()));
    unverifiable_because(
        check(&t, &["--no-cache"]),
        &["column.pdf", "its lines take 1 MiB", "three times its size"],
    );
    // Two thousand of them are read.
    content.truncate(content.find("(x)").unwrap() + 2_000 * "(x) Tj T*\n".len());
    content.push_str("ET\n");
    let t = t.file("column.pdf", one_page_pdf(content.as_bytes()));
    read_and_supported(&t);
}

#[test]
fn a_pdf_bomb_of_two_filters_is_unverifiable_not_read() {
    // Deflated twice, or deflated and written in ASCII85, 29 MB of page
    // content fit in 0.4 KB or 110 KB, the first stage well within the
    // bound; only that stage was counted, and a 2 KB file of 1 GB took 2 GB
    // of memory.
    let content = b"BT /F1 12 Tf 72 720 Td (lorem ipsum dolor sit amet) Tj ET\n".repeat(500_000);
    let twice = deflate(&deflate(&content));
    let written = ascii85(&deflate(&content));
    assert!(twice.len() < 1_000 && written.len() < 120_000);
    for (stream, filter) in [
        (twice, "[/FlateDecode /FlateDecode]"),
        (written, "[/ASCII85Decode /FlateDecode]"),
    ] {
        let t = project(
            "source s = \"bomb.pdf\"\nclaim c: C.\n  quote \"lorem ipsum dolor sit amet\" @ s\n",
        )
        .file("bomb.pdf", one_page_pdf_encoded(&stream, filter, ""));
        unverifiable_because(
            check(&t, &["--no-cache"]),
            &["bomb.pdf", "streams inflate past", "PDF bomb"],
        );
    }
    // Within the bound, the same filters are read.
    let small = &content[..10_000];
    for (stream, filter) in [
        (deflate(&deflate(small)), "[/FlateDecode /FlateDecode]"),
        (ascii85(&deflate(small)), "[/ASCII85Decode /FlateDecode]"),
    ] {
        let t = project(
            "source s = \"ok.pdf\"\nclaim c: C.\n  quote \"lorem ipsum dolor sit amet\" @ s\n",
        )
        .file("ok.pdf", one_page_pdf_encoded(&stream, filter, ""));
        let run = check(&t, &["--no-cache"]);
        let (_, quote) = only_quote(&run);
        assert_eq!(quote["verdict"], "supported", "{filter}: {quote}");
    }
}

/// `data` in ASCII85, with its end marker.
fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(4) {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut n = u32::from_be_bytes(word);
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = (n % 85) as u8 + b'!';
            n /= 85;
        }
        out.extend_from_slice(&digits[..chunk.len() + 1]);
        if out.len() % 76 < 5 {
            out.push(b'\n');
        }
    }
    out.extend_from_slice(b"~>");
    out
}

#[test]
fn a_quote_too_long_for_its_source_stops_with_the_reason() {
    // A megabyte of the same words, quoted with the last one changed: not
    // verbatim, and the closest passage would cost Myers 16,000 blocks per
    // byte of a 1 MB source, far over the work allowed per quote. The
    // outcome is asserted, not the time (unbounded: some 10^10 block steps).
    let source = "the cat sat on the mat ".repeat(46_000);
    let quote = format!("{}dog", "the cat sat on the mat ".repeat(45_000));
    let t = Test::new().file("big.txt", &source).file(
        "c.claims",
        format!(
            "source s = \"big.txt\"\nclaim c: C.\n  quote \"{quote}\" @ s\n  expect unsupported\n"
        ),
    );
    let run = check(&t, &[]).exits(0);
    let (claim, q) = only_quote(&run);
    assert_eq!(claim["verdict"], "unsupported", "{claim:#}");
    let message = q["message"].as_str().unwrap_or_default();
    assert!(message.contains("search stopped"), "{message}");
    assert!(q["location"].is_null() && q.get("closest").is_none_or(|c| c.is_null()));
}
