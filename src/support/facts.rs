//! Reading facts from English and French text, and comparing them.
//!
//! A small hand-written scanner over word-bound segments, not a grammar:
//! ISO dates, day–month–year in both orders, numbers in digits (with the
//! language's separators) or words, scale words, units of money, percent,
//! duration and measure, ordinals. Each fact records its slot (unit, "date",
//! or the counted noun) and neighbourhood, and whether a negation cue precedes
//! it in its clause.
//!
//! Comparison is deliberately conservative (a false contradiction is worse
//! than a missed one): two facts are comparable only with the same kind and
//! slot, neither negated, and neighbourhoods sharing at least one content
//! stem (two for dates, whose slot says little); and a claim fact whose value
//! appears comparably anywhere in the evidence is never in conflict.

use std::ops::Range;

use rust_stemmers::Stemmer;
use unicode_segmentation::UnicodeSegmentation;

use super::fact::{Fact, FactKind};
use super::fact_conflict::FactConflict;
use super::lang::Lang;
use super::numbers::{fold_words, scale_word, single_number_word, unit_one};
use super::tokenize::{is_stop, tag_ranges};

struct Seg<'a> {
    range: Range<usize>,
    text: &'a str,
    lower: String,
    /// Text between the previous segment and this one is exactly one space.
    one_space_before: bool,
}

fn segments(text: &str) -> Vec<Seg<'_>> {
    let tags = tag_ranges(text);
    let mut out: Vec<Seg<'_>> = Vec::new();
    let mut gap_start = 0;
    for (start, s) in text.split_word_bound_indices() {
        if s.chars().all(char::is_whitespace) {
            continue;
        }
        if tags.iter().any(|r| r.contains(&start)) {
            gap_start = start + s.len();
            continue;
        }
        // U+202F joins words in UAX #29 (it is ExtendNumLet): trim it off.
        let trimmed = s.trim_matches('\u{202f}');
        if trimmed.is_empty() {
            continue;
        }
        let start = start + (s.len() - s.trim_start_matches('\u{202f}').len());
        let s = trimmed;
        let gap = &text[gap_start.min(start)..start];
        let one_space_before =
            !out.is_empty() && gap.chars().count() == 1 && gap.chars().all(char::is_whitespace);
        out.push(Seg {
            range: start..start + s.len(),
            text: s,
            lower: s.to_lowercase(),
            one_space_before,
        });
        gap_start = start + s.len();
    }
    out
}

fn is_word(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn month(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    let m = match w {
        "january" | "jan" | "janvier" | "janv" => 1,
        "february" | "feb" | "février" | "fevrier" | "févr" => 2,
        "march" | "mar" | "mars" => 3,
        "april" | "apr" | "avril" | "avr" => 4,
        "may" | "mai" => 5,
        "june" | "jun" | "juin" => 6,
        "july" | "jul" | "juillet" | "juil" => 7,
        "august" | "aug" | "août" | "aout" => 8,
        "september" | "sep" | "sept" | "septembre" => 9,
        "october" | "oct" | "octobre" => 10,
        "november" | "nov" | "novembre" => 11,
        "december" | "dec" | "décembre" | "decembre" | "déc" => 12,
        _ => return None,
    };
    Some(m)
}

/// "23", "23rd", "1st", "1er" as a day of the month.
fn day(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    if !matches!(rest, "" | "st" | "nd" | "rd" | "th" | "er") {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(w: &str) -> Option<u32> {
    if w.len() != 4 || !is_digits(w) {
        return None;
    }
    let y: u32 = w.parse().ok()?;
    (1000..=2999).contains(&y).then_some(y)
}

fn ordinal_word(w: &str) -> Option<u32> {
    let v = match w {
        "first" | "premier" | "première" | "premiers" | "premières" => 1,
        "second" | "seconde" | "deuxième" => 2,
        "third" | "troisième" => 3,
        "fourth" | "quatrième" => 4,
        "fifth" | "cinquième" => 5,
        "sixth" | "sixième" => 6,
        "seventh" | "septième" => 7,
        "eighth" | "huitième" => 8,
        "ninth" | "neuvième" => 9,
        "tenth" | "dixième" => 10,
        _ => {
            let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
            let rest = &w[digits.len()..];
            if digits.is_empty()
                || !matches!(
                    rest,
                    "st" | "nd" | "rd" | "th" | "er" | "re" | "ère" | "e" | "ème"
                )
            {
                return None;
            }
            return digits.parse().ok();
        }
    };
    Some(v)
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    }
}

/// Strips a French elision: "d'euros" → "euros", "n'a" → "a".
fn unelide(w: &str) -> &str {
    for p in ["d", "l", "n", "s", "qu", "j", "c", "m", "t"] {
        if let Some(rest) = w.strip_prefix(p) {
            if let Some(rest) = rest.strip_prefix('\'').or_else(|| rest.strip_prefix('’')) {
                return rest;
            }
        }
    }
    w
}

fn duration_unit(w: &str) -> Option<&'static str> {
    let u = match unelide(w) {
        "day" | "days" | "jour" | "jours" | "journée" | "journées" => "days",
        "week" | "weeks" | "semaine" | "semaines" => "weeks",
        "month" | "months" | "mois" => "months",
        "year" | "years" | "an" | "ans" | "année" | "années" => "years",
        "hour" | "hours" | "heure" | "heures" => "hours",
        "minute" | "minutes" => "minutes",
        "decade" | "decades" | "décennie" | "décennies" => "decades",
        _ => return None,
    };
    Some(u)
}

fn measure_unit(w: &str) -> Option<&'static str> {
    let u = match unelide(w) {
        "km" | "kilometer" | "kilometers" | "kilometre" | "kilometres" | "kilomètre"
        | "kilomètres" => "km",
        "mile" | "miles" => "mi",
        "ton" | "tons" | "tonne" | "tonnes" => "t",
        "kg" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" => "kg",
        "acre" | "acres" => "acres",
        "hectare" | "hectares" | "ha" => "ha",
        "mw" | "megawatt" | "megawatts" | "mégawatt" | "mégawatts" => "MW",
        "gw" | "gigawatt" | "gigawatts" => "GW",
        "kw" | "kilowatt" | "kilowatts" => "kW",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "twh" => "TWh",
        "gallon" | "gallons" => "gal",
        "liter" | "liters" | "litre" | "litres" => "l",
        "barrel" | "barrels" | "baril" | "barils" => "bbl",
        "foot" | "feet" | "pied" | "pieds" => "ft",
        "meter" | "meters" | "metre" | "metres" | "mètre" | "mètres" => "m",
        _ => return None,
    };
    Some(u)
}

fn currency_after(w: &str) -> Option<&'static str> {
    match unelide(w) {
        "dollar" | "dollars" | "usd" | "$" => Some("USD"),
        "euro" | "euros" | "eur" | "€" => Some("EUR"),
        "£" | "gbp" => Some("GBP"),
        _ => None,
    }
}

fn currency_before(w: &str) -> Option<&'static str> {
    match w {
        "$" | "us$" => Some("USD"),
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        _ => None,
    }
}

/// Parses digits with the language's separators: "1,500" / "1.5" in English,
/// "1,5" / "1.500" in French.
fn parse_digits(s: &str, lang: Lang) -> Option<f64> {
    // French thousands with a narrow no-break space: "1\u{202f}500".
    if s.contains('\u{202f}') {
        if !s
            .split('\u{202f}')
            .skip(1)
            .all(|g| g.len() >= 3 && g.as_bytes()[..3].iter().all(u8::is_ascii_digit))
        {
            return None;
        }
        return parse_digits(&s.replace('\u{202f}', ""), lang);
    }
    if !s.bytes().next()?.is_ascii_digit()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let groups_of_three = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let (thousands, decimal) = match (s.contains(','), s.contains('.')) {
        (true, true) => match lang {
            Lang::En => (',', '.'),
            Lang::Fr => ('.', ','),
        },
        (true, false) => {
            let grouped = groups_of_three(',') && (lang == Lang::En || s.matches(',').count() > 1);
            if grouped {
                (',', '.')
            } else {
                ('.', ',')
            }
        }
        (false, true) => {
            let grouped = groups_of_three('.') && (lang == Lang::Fr || s.matches('.').count() > 1);
            if grouped {
                ('.', ',')
            } else {
                (',', '.')
            }
        }
        (false, false) => (',', '.'),
    };
    let clean: String = s
        .chars()
        .filter(|&c| c != thousands)
        .map(|c| if c == decimal { '.' } else { c })
        .collect();
    if clean.matches('.').count() > 1 || clean.ends_with('.') {
        return None;
    }
    clean.parse().ok()
}

fn format_number(v: f64) -> String {
    if v.is_finite() && (v - v.round()).abs() < 1e-9 && v.abs() < 1e18 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number starting at segment `i`: value and the index after it.
fn number_at(segs: &[Seg<'_>], i: usize, lang: Lang) -> Option<(f64, usize)> {
    let s = segs.get(i)?;
    let (mut value, mut j) = if let Some(v) = parse_digits(&s.lower, lang) {
        // French thin-space grouping: "1 500 000".
        let mut v = v;
        let mut j = i + 1;
        let mut int_digits = s.lower.len();
        while int_digits <= 3
            && is_digits(&s.lower)
            && segs
                .get(j)
                .is_some_and(|n| n.one_space_before && n.lower.len() == 3 && is_digits(&n.lower))
        {
            v = v * 1000.0 + segs[j].lower.parse::<f64>().unwrap_or(0.0);
            j += 1;
            int_digits = 3;
        }
        (v, j)
    } else {
        let mut vals = Vec::new();
        let mut j = i;
        let mut last_was_number = false;
        while let Some(seg) = segs.get(j) {
            let w = seg.lower.as_str();
            if let Some(v) = single_number_word(w, lang) {
                vals.push(v);
                last_was_number = true;
                j += 1;
                continue;
            }
            // "a hundred", "one thousand", "vingt et un"; alone, "un"/"a" is an article.
            let next_is_scale = segs
                .get(j + 1)
                .and_then(|n| single_number_word(&n.lower, lang))
                .is_some_and(|v| v == 100 || v == 1000);
            let after_tens = !last_was_number
                && vals
                    .last()
                    .is_some_and(|&v| (20..100).contains(&v) && v % 10 == 0);
            if unit_one(w) && (next_is_scale || after_tens) {
                vals.push(1);
                last_was_number = true;
                j += 1;
                continue;
            }
            if last_was_number
                && (w == "-" || w == "et" || w == "and")
                && next_is_number_or_one(segs, j + 1, lang)
            {
                last_was_number = false;
                j += 1;
                continue;
            }
            break;
        }
        if !last_was_number {
            // Drop a trailing joiner.
            while j > i && !segs.get(j - 1).is_some_and(|s| is_word(&s.lower)) {
                j -= 1;
            }
        }
        (fold_words(&vals)? as f64, j)
    };
    if let Some(scale) = segs.get(j).and_then(|s| scale_word(&s.lower)) {
        value *= scale;
        j += 1;
    }
    Some((value, j))
}

fn next_is_number_or_one(segs: &[Seg<'_>], j: usize, lang: Lang) -> bool {
    segs.get(j)
        .is_some_and(|n| single_number_word(&n.lower, lang).is_some() || unit_one(&n.lower))
}

/// English and French cues in one list: a text quoting the other language
/// is negated the same way.
fn is_negation_cue(segs: &[Seg<'_>], k: usize) -> bool {
    let w = segs[k].lower.as_str();
    let next = segs.get(k + 1).map(|s| s.lower.as_str()).unwrap_or("");
    // "no later than 90 days", "pas moins de trois": bounds, not negations
    // (but "n'a plus" is one).
    if matches!(w, "no" | "not" | "pas")
        && matches!(
            next,
            "later"
                | "more"
                | "less"
                | "fewer"
                | "earlier"
                | "sooner"
                | "longer"
                | "moins"
                | "plus"
        )
    {
        return false;
    }
    // "as you no doubt know, on July 23rd", "sans doute le 23 juillet":
    // certainty, not a negation.
    if matches!((w, next), ("no", "doubt") | ("sans", "doute")) {
        return false;
    }
    matches!(
        w,
        "not"
            | "never"
            | "no"
            | "none"
            | "neither"
            | "nor"
            | "without"
            | "cannot"
            | "ne"
            | "pas"
            | "jamais"
            | "aucun"
            | "aucune"
            | "sans"
            | "ni"
            | "nullement"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
        || w.starts_with("n'")
        || w.starts_with("n’")
}

/// A cue within the four words before the fact, in its clause: farther
/// away it negates something else ("would not start the Cheez-It 355").
fn negated_before(segs: &[Seg<'_>], start: usize) -> bool {
    let mut words = 0;
    let mut k = start;
    while k > 0 && words < 4 {
        k -= 1;
        let w = segs[k].lower.as_str();
        if matches!(w, "." | ";" | "!" | "?" | ":" | "(" | ")") {
            return false;
        }
        if is_word(w) {
            words += 1;
            if is_negation_cue(segs, k) {
                return true;
            }
        }
    }
    false
}

struct Stems {
    stemmer: Stemmer,
    lang: Lang,
}

impl Stems {
    fn content(&self, seg: &Seg<'_>) -> Option<String> {
        let w = unelide(&seg.lower);
        if !w.chars().any(char::is_alphabetic)
            || is_stop(w, self.lang)
            || single_number_word(w, self.lang).is_some()
            || month(w).is_some()
            || w.chars().count() < 2
        {
            return None;
        }
        let stem = self.stemmer.stem(w).into_owned();
        (!stem.is_empty()).then_some(stem)
    }
}

/// Up to `n` content stems right after segment `j` (within 3 words, not
/// across punctuation): the noun a number counts.
fn following_stems(segs: &[Seg<'_>], j: usize, n: usize, st: &Stems) -> Vec<String> {
    let mut out = Vec::new();
    let mut words = 0;
    for seg in segs.iter().skip(j) {
        if !is_word(&seg.lower) {
            if seg.lower != "-" {
                break;
            }
            continue;
        }
        words += 1;
        if words > 3 || out.len() >= n {
            break;
        }
        if let Some(s) = st.content(seg) {
            out.push(s);
        }
    }
    out
}

fn context(segs: &[Seg<'_>], start: usize, end: usize, st: &Stems) -> Vec<String> {
    const SPAN: usize = 6;
    let mut out = Vec::new();
    let mut taken = 0;
    for seg in segs[..start.min(segs.len())].iter().rev() {
        if let Some(s) = st.content(seg) {
            out.push(s);
            taken += 1;
            if taken >= SPAN {
                break;
            }
        }
    }
    taken = 0;
    for seg in segs.iter().skip(end) {
        if let Some(s) = st.content(seg) {
            out.push(s);
            taken += 1;
            if taken >= SPAN {
                break;
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A date at `i`: (value, index after it).
fn date_at(segs: &[Seg<'_>], i: usize) -> Option<(String, usize)> {
    let w = |k: usize| segs.get(k).map(|s| s.lower.as_str()).unwrap_or("");
    // 2025-07-23
    if let Some(y) = year(w(i)) {
        if w(i + 1) == "-"
            && w(i + 3) == "-"
            && w(i + 2).len() == 2
            && is_digits(w(i + 2))
            && is_digits(w(i + 4))
            && w(i + 4).len() <= 2
        {
            let m: u32 = w(i + 2).parse().ok()?;
            let d: u32 = w(i + 4).parse().ok()?;
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some((format!("{y:04}-{m:02}-{d:02}"), i + 5));
            }
        }
        // 2025-08
        if w(i + 1) == "-" && w(i + 2).len() == 2 && is_digits(w(i + 2)) && w(i + 3) != "-" {
            let m: u32 = w(i + 2).parse().ok()?;
            if (1..=12).contains(&m) {
                return Some((format!("{y:04}-{m:02}"), i + 3));
            }
        }
        return None;
    }
    // 23 July 2025, 23 juillet 2025, 1er juillet, 23rd of July
    if let Some(d) = day(w(i)) {
        let mut k = i + 1;
        if w(k) == "of" {
            k += 1;
        }
        if let Some(m) = month(w(k)) {
            if w(k) == "may" && segs[k].text == "may" {
                return None;
            }
            let mut end = k + 1;
            let mut kk = end;
            if w(kk) == "," {
                kk += 1;
            }
            if let Some(y) = year(w(kk)) {
                end = kk + 1;
                return Some((format!("{y:04}-{m:02}-{d:02}"), end));
            }
            return Some((format!("--{m:02}-{d:02}"), end));
        }
        return None;
    }
    // July 23, 2025 / July 23rd / July 2025
    if let Some(m) = month(w(i)) {
        // "may" the verb, "mar" the verb: only a capitalised month word counts.
        if !segs[i].text.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let mut k = i + 1;
        if w(k) == "." {
            k += 1;
        }
        if let Some(d) = day(w(k)) {
            let mut kk = k + 1;
            if w(kk) == "," {
                kk += 1;
            }
            if let Some(y) = year(w(kk)) {
                return Some((format!("{y:04}-{m:02}-{d:02}"), kk + 1));
            }
            return Some((format!("--{m:02}-{d:02}"), k + 1));
        }
        if let Some(y) = year(w(k)) {
            return Some((format!("{y:04}-{m:02}"), k + 1));
        }
    }
    None
}

/// Every fact in `text`, in order. Never panics.
pub fn facts(text: &str, lang: Lang) -> Vec<Fact> {
    let segs = segments(text);
    let st = Stems {
        stemmer: Stemmer::create(lang.algorithm()),
        lang,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let start = i;
        let mut push = |kind: FactKind, value: String, slot: String, end: usize, first: usize| {
            let range = segs[first].range.start..segs[end - 1].range.end;
            out.push(Fact {
                kind,
                value,
                slot,
                negated: negated_before(&segs, first),
                range,
                context: context(&segs, first, end, &st),
            });
        };
        if let Some((value, end)) = date_at(&segs, i) {
            push(FactKind::Date, value, "date".into(), end, start);
            i = end;
            continue;
        }
        let lower = segs[i].lower.as_str();
        if let Some(n) = ordinal_word(lower) {
            let slot = following_stems(&segs, i + 1, 2, &st);
            if !slot.is_empty() {
                let value = format!("{n}{}", ordinal_suffix(n));
                push(FactKind::Ordinal, value, slot.join(" "), i + 1, start);
            }
            i += 1;
            continue;
        }
        let currency_first = currency_before(lower);
        let num_start = if currency_first.is_some()
            || lower == "us" && segs.get(i + 1).is_some_and(|s| s.lower == "$")
        {
            if lower == "us" {
                i + 2
            } else {
                i + 1
            }
        } else {
            i
        };
        let Some((value, mut end)) = number_at(&segs, num_start, lang) else {
            i += 1;
            continue;
        };
        // A clock time ("12:00") or a reference ("22 U.S.C. 2421" is fine,
        // "Sec. 3(a)" too): skip times only, they are not facts here.
        if segs.get(end).is_some_and(|s| s.lower == ":")
            && segs.get(end + 1).is_some_and(|s| is_digits(&s.lower))
        {
            i = end + 2;
            continue;
        }
        let num = format_number(value);
        let next = |k: usize| segs.get(k).map(|s| s.lower.as_str()).unwrap_or("");
        let mut k = end;
        if next(k) == "-" {
            k += 1;
        }
        if let Some(cur) = currency_first {
            let cur = if lower == "us" { "USD" } else { cur };
            push(
                FactKind::Money,
                format!("{num} {cur}"),
                cur.into(),
                end,
                start,
            );
        } else if let Some(cur) = currency_after(next(end)).or_else(|| {
            (next(end) == "de")
                .then(|| currency_after(next(end + 1)))
                .flatten()
        }) {
            end = if next(end) == "de" { end + 2 } else { end + 1 };
            push(
                FactKind::Money,
                format!("{num} {cur}"),
                cur.into(),
                end,
                start,
            );
        } else if next(end) == "%" || next(end) == "percent" || next(end) == "pourcent" {
            push(
                FactKind::Percent,
                format!("{num}%"),
                "%".into(),
                end + 1,
                start,
            );
            end += 1;
        } else if matches!((next(end), next(end + 1)), ("per" | "pour", "cent")) {
            push(
                FactKind::Percent,
                format!("{num}%"),
                "%".into(),
                end + 2,
                start,
            );
            end += 2;
        } else if let Some(unit) = duration_unit(next(k)) {
            push(
                FactKind::Duration,
                format!("{num} {unit}"),
                unit.into(),
                k + 1,
                start,
            );
            end = k + 1;
        } else if let Some(unit) = measure_unit(next(k)) {
            push(
                FactKind::Quantity,
                format!("{num} {unit}"),
                unit.into(),
                k + 1,
                start,
            );
            end = k + 1;
        } else if end == num_start + 1 && year(&segs[num_start].lower).is_some() {
            push(FactKind::Date, num, "date".into(), end, start);
        } else {
            let slot = following_stems(&segs, end, 2, &st);
            if !slot.is_empty() {
                push(FactKind::Number, num, slot.join(" "), end, start);
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// Year, month, day of a date value; missing parts are `None`.
fn date_parts(v: &str) -> [Option<&str>; 3] {
    if let Some(md) = v.strip_prefix("--") {
        let mut it = md.split('-');
        [None, it.next(), it.next()]
    } else {
        let mut it = v.split('-');
        [it.next(), it.next(), it.next()]
    }
}

/// Date values agree unless a part both have differs ("2025" vs "2025-07-23"
/// agree; "2025-07-23" vs "2025-07-24" do not).
pub(crate) fn same_value(kind: FactKind, a: &str, b: &str) -> bool {
    if kind != FactKind::Date {
        return a == b;
    }
    let (pa, pb) = (date_parts(a), date_parts(b));
    pa.iter().zip(pb.iter()).all(|(x, y)| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    })
}

/// `evidence` states all that `claim` does: equal values, or for dates every
/// part the claim gives ("July 23, 2025" is stated by "2025-07-23", not by
/// "2025").
pub(crate) fn states(claim: &Fact, evidence: &Fact) -> bool {
    if claim.kind != evidence.kind {
        return false;
    }
    if claim.kind != FactKind::Date {
        return claim.value == evidence.value;
    }
    let (pc, pe) = (date_parts(&claim.value), date_parts(&evidence.value));
    pc.iter().zip(pe.iter()).all(|(c, e)| match (c, e) {
        (Some(c), Some(e)) => c == e,
        (Some(_), None) => false,
        (None, _) => true,
    })
}

fn shared_context(a: &Fact, b: &Fact) -> usize {
    a.context.iter().filter(|s| b.context.contains(s)).count()
}

/// A date with at least a month. Bare years are too many in most texts
/// ("in 2013 … in 2016") to tell which event each dates.
fn has_month(v: &str) -> bool {
    v.starts_with("--") || v.len() >= 7
}

/// Same kind and slot, and neighbourhoods sharing at least two stems
/// (three for counts and ordinals).
fn comparable(a: &Fact, b: &Fact) -> bool {
    if a.kind != b.kind || a.slot.is_empty() || b.slot.is_empty() {
        return false;
    }
    let slot_ok = match a.kind {
        FactKind::Number | FactKind::Ordinal => {
            let bs: Vec<&str> = b.slot.split(' ').collect();
            a.slot.split(' ').any(|s| bs.contains(&s))
        }
        _ => a.slot == b.slot,
    };
    // A count ("8 saves") is easily the same noun in another scope ("25
    // saves" over a season): it needs a closer neighbourhood.
    let needed = match a.kind {
        FactKind::Number | FactKind::Ordinal => 3,
        _ => 2,
    };
    slot_ok && shared_context(a, b) >= needed
}

/// Conflicts of the claim's facts with one evidence passage's facts `ev`
/// (found in the passage at `ev_range`). `all` are every fact of the source:
/// a claim value found comparably anywhere there is not a conflict, nor is
/// one whose value appears in the passage itself whatever its slot.
///
/// `confirmed[i]`: whether claim fact `i` is stated comparably, with its
/// value and polarity, by any fact of the source (see [`confirm`]).
pub(crate) fn conflicts_with(
    claim_facts: &[Fact],
    ev: &[Fact],
    confirmed: &[bool],
    ev_range: Range<usize>,
) -> Vec<FactConflict> {
    let mut out = Vec::new();
    for (i, c) in claim_facts.iter().enumerate() {
        if c.kind == FactKind::Date && !has_month(&c.value) {
            continue;
        }
        let confirmed = ev.iter().any(|e| {
            e.kind == c.kind && same_value(c.kind, &c.value, &e.value) && e.negated == c.negated
        }) || confirmed.get(i).copied().unwrap_or(false);
        if confirmed {
            continue;
        }
        // The closest comparable fact: most date parts shared, then most
        // neighbourhood words ("died 16 May 2001" goes with "died May 25
        // 2001", not with "born April 13 1944").
        let best = ev
            .iter()
            .filter(|e| comparable(c, e))
            .filter(|e| e.kind != FactKind::Date || has_month(&e.value))
            // A value another claim fact states is accounted for ("extended
            // on December 22 to June 21" against "to June 21").
            .filter(|e| {
                !claim_facts
                    .iter()
                    .filter(|o| !std::ptr::eq(*o, c))
                    .any(|o| o.kind == e.kind && same_value(o.kind, &o.value, &e.value))
            })
            .max_by_key(|e| (shared_date_parts(&c.value, &e.value), shared_context(c, e)));
        let Some(e) = best else {
            continue;
        };
        let differs = !same_value(c.kind, &c.value, &e.value) && !c.negated && !e.negated;
        // "did not sign three orders" against "signed three orders".
        let flipped = same_value(c.kind, &c.value, &e.value) && c.negated != e.negated;
        if differs || flipped {
            out.push(FactConflict {
                claim: c.clone(),
                evidence: e.clone(),
                evidence_range: ev_range.clone(),
            });
        }
    }
    out
}

fn shared_date_parts(a: &str, b: &str) -> usize {
    let (pa, pb) = (date_parts(a), date_parts(b));
    pa.iter()
        .zip(pb.iter())
        .filter(|(x, y)| x.is_some() && x == y)
        .count()
}

/// The facts of `claim` that disagree with a fact of `evidence` in the same
/// slot. Used for paraphrases and for quote claims (the claim's text against
/// the passage its quotes were found in).
pub fn compare_facts(
    claim: &str,
    claim_lang: Lang,
    evidence: &str,
    evidence_lang: Lang,
) -> Vec<FactConflict> {
    let cf = facts(claim, claim_lang);
    if cf.is_empty() {
        return Vec::new();
    }
    let ef = facts(evidence, evidence_lang);
    let mut confirmed = vec![false; cf.len()];
    confirm(&cf, &ef, &mut confirmed);
    conflicts_with(&cf, &ef, &confirmed, 0..evidence.len())
}

/// Sets `confirmed[i]` when a fact of `facts` states claim fact `i`
/// comparably (same slot), with the same value and polarity: a source's
/// facts can be read passage by passage and never kept.
pub(crate) fn confirm(claim_facts: &[Fact], facts: &[Fact], confirmed: &mut [bool]) {
    for (c, flag) in claim_facts.iter().zip(confirmed.iter_mut()) {
        *flag = *flag
            || facts.iter().any(|e| {
                comparable(c, e) && same_value(c.kind, &c.value, &e.value) && e.negated == c.negated
            });
    }
}
