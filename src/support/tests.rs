//! Facts in each form and language, conflicts, and the policy seeds.

use super::*;

fn values(text: &str, lang: Lang) -> Vec<(FactKind, String)> {
    facts(text, lang)
        .into_iter()
        .map(|f| (f.kind, f.value))
        .collect()
}

fn has(text: &str, lang: Lang, kind: FactKind, value: &str) {
    let v = values(text, lang);
    assert!(
        v.iter().any(|(k, x)| *k == kind && x == value),
        "{text:?}: expected {kind:?} {value:?} in {v:?}"
    );
}

#[test]
fn dates_in_english() {
    has(
        "signed on 23 July 2025.",
        Lang::En,
        FactKind::Date,
        "2025-07-23",
    );
    has(
        "signed on July 23, 2025.",
        Lang::En,
        FactKind::Date,
        "2025-07-23",
    );
    has("signed on July 23rd.", Lang::En, FactKind::Date, "--07-23");
    has(
        "signed on 2025-07-23.",
        Lang::En,
        FactKind::Date,
        "2025-07-23",
    );
    has("in July 2025", Lang::En, FactKind::Date, "2025-07");
    has("in 2025", Lang::En, FactKind::Date, "2025");
    // "may" the verb is no month.
    assert!(values("The agency may 3 times review it", Lang::En)
        .iter()
        .all(|(k, _)| *k != FactKind::Date));
}

#[test]
fn dates_in_french() {
    has(
        "signé le 23 juillet 2025.",
        Lang::Fr,
        FactKind::Date,
        "2025-07-23",
    );
    has("le 1er août 2025", Lang::Fr, FactKind::Date, "2025-08-01");
    has("le 2025-07-23", Lang::Fr, FactKind::Date, "2025-07-23");
}

#[test]
fn numbers_in_words_and_digits() {
    has(
        "Trump signed three executive orders",
        Lang::En,
        FactKind::Number,
        "3",
    );
    has(
        "Trump signed 3 executive orders",
        Lang::En,
        FactKind::Number,
        "3",
    );
    has(
        "Trump a signé trois décrets",
        Lang::Fr,
        FactKind::Number,
        "3",
    );
    has(
        "vingt et un États membres",
        Lang::Fr,
        FactKind::Number,
        "21",
    );
    has("twenty-one member states", Lang::En, FactKind::Number, "21");
    has("1,500 companies", Lang::En, FactKind::Number, "1500");
    has("1 500 entreprises", Lang::Fr, FactKind::Number, "1500");
    has(
        "1\u{202f}500 entreprises",
        Lang::Fr,
        FactKind::Number,
        "1500",
    );
    has("1\u{a0}500 entreprises", Lang::Fr, FactKind::Number, "1500");
    // Articles are not numbers.
    assert!(values("un décret et une loi", Lang::Fr).is_empty());
    assert!(values("a program and an order", Lang::En).is_empty());
}

#[test]
fn durations() {
    has(
        "within 90 days of the order",
        Lang::En,
        FactKind::Duration,
        "90 days",
    );
    has(
        "within ninety days",
        Lang::En,
        FactKind::Duration,
        "90 days",
    );
    has("a 90-day review", Lang::En, FactKind::Duration, "90 days");
    has(
        "dans quatre-vingt-dix jours",
        Lang::Fr,
        FactKind::Duration,
        "90 days",
    );
    has("sous 90 jours", Lang::Fr, FactKind::Duration, "90 days");
    has("pendant trois ans", Lang::Fr, FactKind::Duration, "3 years");
}

#[test]
fn money_and_percent() {
    has(
        "a $1.5 billion fund",
        Lang::En,
        FactKind::Money,
        "1500000000 USD",
    );
    has(
        "1.5 billion dollars",
        Lang::En,
        FactKind::Money,
        "1500000000 USD",
    );
    has(
        "1,5 milliard de dollars",
        Lang::Fr,
        FactKind::Money,
        "1500000000 USD",
    );
    has(
        "20 millions d'euros",
        Lang::Fr,
        FactKind::Money,
        "20000000 EUR",
    );
    has("€20 million", Lang::En, FactKind::Money, "20000000 EUR");
    has("up 15% this year", Lang::En, FactKind::Percent, "15%");
    has("up 15 percent", Lang::En, FactKind::Percent, "15%");
    has("en hausse de 2,5 %", Lang::Fr, FactKind::Percent, "2.5%");
    has(
        "quinze pour cent des votes",
        Lang::Fr,
        FactKind::Percent,
        "15%",
    );
}

#[test]
fn ordinals_and_quantities() {
    has(
        "the first executive order",
        Lang::En,
        FactKind::Ordinal,
        "1st",
    );
    has(
        "the 1st executive order",
        Lang::En,
        FactKind::Ordinal,
        "1st",
    );
    has("le premier décret", Lang::Fr, FactKind::Ordinal, "1st");
    has("le 2e décret", Lang::Fr, FactKind::Ordinal, "2nd");
    has("la troisième réunion", Lang::Fr, FactKind::Ordinal, "3rd");
    has("a 5 GW data center", Lang::En, FactKind::Quantity, "5 GW");
    has("100 mégawatts", Lang::Fr, FactKind::Quantity, "100 MW");
}

#[test]
fn negation_cues() {
    let neg = |t: &str, l: Lang| facts(t, l).iter().any(|f| f.negated);
    assert!(neg("The order does not give 90 days", Lang::En));
    assert!(neg("He never signed three orders", Lang::En));
    assert!(neg("There are no 5 GW sites", Lang::En));
    assert!(neg("Il n'a pas signé trois décrets", Lang::Fr));
    assert!(neg("Il n’a jamais signé trois décrets", Lang::Fr));
    assert!(neg("aucun des trois décrets", Lang::Fr));
    assert!(neg("Il n'a plus trois décrets", Lang::Fr));
    assert!(!neg("pas moins de trois décrets", Lang::Fr));
    // A bound, not a negation.
    assert!(!neg(
        "submitted no later than 90 days after the call",
        Lang::En
    ));
    assert!(!neg("The order gives 90 days", Lang::En));
    // Certainty, not a negation (the APEC speech: "As you no doubt know, on
    // July 23rd, …").
    assert!(!neg("As you no doubt know, on July 23rd", Lang::En));
    assert!(!neg("C’est sans doute le 23 juillet", Lang::Fr));
    assert!(compare_facts(
        "The White House published the AI Action Plan on July 23rd.",
        Lang::En,
        "As you no doubt know, on July 23rd, just two weeks ago, the White House published the President’s AI Action Plan.",
        Lang::En
    )
    .is_empty());
}

#[test]
fn conflicts_need_the_same_slot() {
    let ev = "Within 90 days of the date of this order, the Secretary of Commerce shall establish the program.";
    let c = compare_facts(
        "The order gives the Secretary of Commerce 60 days to establish the program.",
        Lang::En,
        ev,
        Lang::En,
    );
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].claim.value, "60 days");
    assert_eq!(c[0].evidence.value, "90 days");
    // A duration and a year never compare.
    assert!(compare_facts(
        "The Secretary of Commerce shall establish the program in 2025.",
        Lang::En,
        ev,
        Lang::En
    )
    .is_empty());
    // Months are not days.
    assert!(compare_facts(
        "The Secretary of Commerce has 3 months to establish the program.",
        Lang::En,
        ev,
        Lang::En
    )
    .is_empty());
    // Same value: no conflict.
    assert!(compare_facts(
        "The Secretary of Commerce has ninety days to establish the program.",
        Lang::En,
        ev,
        Lang::En
    )
    .is_empty());
    // Unrelated neighbourhoods: no conflict.
    assert!(compare_facts("Farmers waited 60 days for rain.", Lang::En, ev, Lang::En).is_empty());
}

#[test]
fn conflicts_in_french_and_on_dates() {
    let ev = "Le président Trump a signé trois décrets exécutifs le 23 juillet 2025.";
    let c = compare_facts(
        "Le président Trump a signé cinq décrets exécutifs.",
        Lang::Fr,
        ev,
        Lang::Fr,
    );
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].claim.value.as_str(), c[0].evidence.value.as_str()),
        ("5", "3")
    );
    let d = compare_facts(
        "Le président Trump a signé trois décrets exécutifs le 24 juillet 2025.",
        Lang::Fr,
        ev,
        Lang::Fr,
    );
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].evidence.value, "2025-07-23");
    // A bare year is too vague to contradict.
    assert!(compare_facts(
        "Le président Trump a signé trois décrets exécutifs en 2024.",
        Lang::Fr,
        ev,
        Lang::Fr
    )
    .is_empty());
    // Negation flips a fact with the same value.
    let n = compare_facts(
        "Le président Trump n'a pas signé trois décrets exécutifs.",
        Lang::Fr,
        ev,
        Lang::Fr,
    );
    assert_eq!(n.len(), 1);
}

const EXPORT_ORDER: &str = include_str!(
    "../../seeds/2025-07-23-promoting-the-export-of-the-american-ai-technology-stack.md"
);
const FRENCH_ARTICLE: &str = include_str!("../../seeds/000_2b99a302a493dc4a.txt");

fn check(claim: &str, claim_lang: Lang, source: &str, source_lang: Lang) -> SupportResult {
    let ps = passages(source, source_lang, 2);
    check_support(claim, claim_lang, &ps, source_lang)
}

#[test]
fn seed_export_order_supported() {
    let claim = "The order gives the Secretary of Commerce 90 days to establish the American AI Exports Program.";
    let r = check(claim, Lang::En, EXPORT_ORDER, Lang::En);
    assert_eq!(r.level, SupportLevel::Supported, "{r:#?}");
    assert!(!r.evidence.is_empty() && r.evidence.len() <= 5);
    let best = &EXPORT_ORDER[r.evidence[0].range.clone()];
    assert!(best.contains("90 days"), "{best}");
    // Matched ranges are words of the passage that belong to the claim.
    for m in &r.evidence[0].matched {
        let w = best[m.clone()].to_lowercase();
        assert!(
            !w.is_empty() && claim.to_lowercase().contains(&w[..w.len().min(5)]),
            "{w}"
        );
    }
}

#[test]
fn seed_export_order_contradicted() {
    let claim = "The order gives the Secretary of Commerce 60 days to establish the American AI Exports Program.";
    let r = check(claim, Lang::En, EXPORT_ORDER, Lang::En);
    assert_eq!(r.level, SupportLevel::Contradicted, "{r:#?}");
    let c = &r.conflicts[0];
    assert_eq!(
        (c.claim.value.as_str(), c.evidence.value.as_str()),
        ("60 days", "90 days")
    );
    assert_eq!(&claim[c.claim.range.clone()], "60 days");
    assert!(EXPORT_ORDER[c.evidence_range.clone()].contains("90 days"));
}

#[test]
fn seed_export_order_partial_and_unsupported() {
    let partial = "The order gives the Secretary of Commerce 90 days to establish the American AI Exports Program and a lottery for farmers in Montana.";
    let r = check(partial, Lang::En, EXPORT_ORDER, Lang::En);
    assert_eq!(r.level, SupportLevel::Partial, "{r:#?}");
    assert!(r.missing.iter().any(|m| m == "lottery"), "{:?}", r.missing);
    let none = "Fishing quotas for Norwegian salmon were cut by the parliament.";
    let r = check(none, Lang::En, EXPORT_ORDER, Lang::En);
    assert_eq!(r.level, SupportLevel::Unsupported, "{r:#?}");
}

#[test]
fn seed_french_article() {
    let r = check(
        "Trump a signé trois décrets",
        Lang::Fr,
        FRENCH_ARTICLE,
        Lang::Fr,
    );
    assert_eq!(r.level, SupportLevel::Supported, "{r:#?}");
    let r = check(
        "Trump a signé cinq décrets",
        Lang::Fr,
        FRENCH_ARTICLE,
        Lang::Fr,
    );
    assert_eq!(r.level, SupportLevel::Contradicted, "{r:#?}");
    let c = &r.conflicts[0];
    assert_eq!(
        (c.claim.value.as_str(), c.evidence.value.as_str()),
        ("5", "3")
    );
}

#[test]
fn never_panics() {
    let texts = [
        "",
        " ",
        "$",
        "€€€ 1,5,5 milliard de",
        "quatre-vingt-",
        "July",
        "23",
        "2025-13-45",
        "1er",
        "«»\u{202f}!",
        "n'",
        "ééé. ÉÉÉ",
        "1.2.3.4",
        "-1 -",
        "9999999999999999999999999 billion dollars",
    ];
    for t in texts {
        for l in [Lang::En, Lang::Fr] {
            let _ = facts(t, l);
            let _ = sentences(t, l);
            let ps = passages(t, l, 3);
            let _ = check_support(t, l, &ps, l);
            let _ = compare_facts(t, l, t, l);
        }
    }
    assert_eq!(
        check_support("", Lang::En, &[], Lang::En).level,
        SupportLevel::Unsupported
    );
}

/// Pseudo-random strings over an alphabet of traps (multi-byte letters,
/// digits, separators, month and number words, quotes): nothing may panic
/// and every range must cut the text at char boundaries.
#[test]
fn never_panics_on_generated_text() {
    const PIECES: &[&str] = &[
        "é",
        "€",
        "$",
        "%",
        "1",
        "23",
        "2025",
        "-",
        ",",
        ".",
        " ",
        "\u{a0}",
        "\u{202f}",
        "\n",
        "\n\n",
        "«",
        "»",
        "’",
        "'",
        "July",
        "juillet",
        "1er",
        "3rd",
        "trois",
        "quatre-vingt",
        "dix",
        "et",
        "un",
        "ninety",
        "days",
        "jours",
        "billion",
        "milliard",
        "de",
        "dollars",
        "not",
        "n'",
        "pas",
        "M.",
        "U.S.",
        "Sec.",
        "<span>",
        "</",
        ">",
        "percent",
        "first",
        "GW",
        "the",
        "order",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for _ in 0..1000 {
        let len = next() % 25;
        let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
        for l in [Lang::En, Lang::Fr] {
            for f in facts(&text, l) {
                assert!(text.get(f.range.clone()).is_some(), "{text:?}");
            }
            for r in sentences(&text, l) {
                assert!(text.get(r).is_some(), "{text:?}");
            }
            let ps = passages(&text, l, 2);
            let r = check_support(&text, l, &ps, l);
            assert!((0.0..=1.0).contains(&r.score), "{text:?}");
            for e in &r.evidence {
                let p = &text[e.range.clone()];
                for m in &e.matched {
                    assert!(p.get(m.clone()).is_some(), "{text:?}");
                }
            }
        }
    }
}

#[test]
fn passages_are_sentences_then_windows() {
    let t = "One fact here. Two facts there. Three at last.";
    let ps = passages(t, Lang::En, 2);
    let texts: Vec<&str> = ps.iter().map(|p| p.text).collect();
    assert_eq!(
        texts,
        vec![
            "One fact here.",
            "Two facts there.",
            "Three at last.",
            "One fact here. Two facts there.",
            "Two facts there. Three at last."
        ]
    );
    for p in &ps {
        assert_eq!(&t[p.range.clone()], p.text);
    }
}

#[test]
fn missing_lists_unmatched_words_and_facts() {
    let t = "The Secretary of Commerce shall establish the program within 90 days.";
    let ps = passages(t, Lang::En, 1);
    let r = check_support(
        "The Secretary of Commerce shall establish the program and a museum within 90 days.",
        Lang::En,
        &ps,
        Lang::En,
    );
    assert_eq!(r.missing, vec!["museum"]);
    let r = check_support("The museum opened on 4 May 2020.", Lang::En, &ps, Lang::En);
    assert!(
        r.missing.contains(&"4 May 2020".to_string()),
        "{:?}",
        r.missing
    );
    assert_eq!(r.level, SupportLevel::Unsupported);
}
const EXPORT_FACT_SHEET: &str = include_str!(
    "../../seeds/2025-07-23-fact-sheet-president-donald-j-trump-promotes-the-export-of-american-ai-technologies.md"
);

#[test]
fn seed_more_claims() {
    let level = |claim: &str, cl: Lang, src: &str, sl: Lang| check(claim, cl, src, sl).level;
    use SupportLevel::*;
    assert_eq!(
        level(
            "Proposals must be submitted no later than 90 days after the public call.",
            Lang::En,
            EXPORT_ORDER,
            Lang::En
        ),
        Supported
    );
    let r = check(
        "Proposals must be submitted no later than 30 days after the public call.",
        Lang::En,
        EXPORT_ORDER,
        Lang::En,
    );
    assert_eq!(r.level, Contradicted);
    assert_eq!(r.missing, vec!["30 days"]);
    // The date is only in the front matter, as 2025-07-23: matched whole.
    let r = check(
        "President Trump signed the order on July 23, 2025.",
        Lang::En,
        EXPORT_FACT_SHEET,
        Lang::En,
    );
    assert_eq!(r.level, Supported);
    let marked: Vec<&str> = r
        .evidence
        .iter()
        .flat_map(|e| {
            let p = &EXPORT_FACT_SHEET[e.range.clone()];
            e.matched.iter().map(move |m| &p[m.clone()])
        })
        .collect();
    assert!(marked.contains(&"2025-07-23"), "{marked:?}");
    let r = check(
        "The order gives the Secretary of Commerce 90 days.",
        Lang::En,
        EXPORT_ORDER,
        Lang::En,
    );
    let p = &EXPORT_ORDER[r.evidence[0].range.clone()];
    let marked: Vec<&str> = r.evidence[0]
        .matched
        .iter()
        .map(|m| &p[m.clone()])
        .collect();
    assert!(marked.contains(&"90 days"), "{marked:?}");
    let r = check(
        "Le plan d'action sur l'IA a été lancé le 24 juillet 2025.",
        Lang::Fr,
        FRENCH_ARTICLE,
        Lang::Fr,
    );
    assert_eq!(r.level, Contradicted);
    assert_eq!(r.conflicts[0].evidence.value, "2025-07-23");
    assert_eq!(
        level(
            "Le plan d'action sur l'IA a été lancé le 23 juillet 2025.",
            Lang::Fr,
            FRENCH_ARTICLE,
            Lang::Fr
        ),
        Supported
    );
    // Across languages only names, numbers and dates meet: partial at best,
    // and never a contradiction from another language's neighbourhood.
    assert_eq!(
        level(
            "Le décret donne 90 jours au secrétaire au Commerce pour établir l'American AI Exports Program.",
            Lang::Fr,
            EXPORT_ORDER,
            Lang::En
        ),
        Partial
    );
    assert_ne!(
        level(
            "Le décret donne 60 jours au secrétaire au Commerce pour établir l'American AI Exports Program.",
            Lang::Fr,
            EXPORT_ORDER,
            Lang::En
        ),
        Contradicted
    );
    assert_eq!(
        level(
            "Kratsios a démissionné de son poste en août.",
            Lang::Fr,
            FRENCH_ARTICLE,
            Lang::Fr
        ),
        Unsupported
    );
}

#[test]
fn evidence_is_found_past_many_overlapping_passages() {
    // A hundred passages over the same words rank first; only one may be
    // reported, and the next one that does not overlap is far down.
    let text = "Commerce shall establish the program now. Commerce program.";
    let mut ps: Vec<Passage> = (0..100)
        .map(|i| Passage {
            range: 0..41 + i % 2,
            text: &text[..41],
        })
        .collect();
    ps.push(Passage {
        range: 42..text.len(),
        text: &text[42..],
    });
    let r = check_support(
        "Commerce shall establish the program.",
        Lang::En,
        &ps,
        Lang::En,
    );
    let ranges: Vec<_> = r.evidence.iter().map(|e| e.range.clone()).collect();
    assert_eq!(ranges, [0..41, 42..text.len()]);
}
