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
    for _ in 0..300 {
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
        parsed >= 60,
        "only {parsed} of 300 files parsed with claims"
    );
    assert!(kinds.len() >= 4, "only {kinds:?}");
}
