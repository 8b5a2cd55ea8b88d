//! Quote-matching accuracy on the PDNC novels, through citecheck's real
//! pipeline (claims text → `claims::parse` → `source::load` →
//! `check::check_file`). Not a test: it needs the corpus, which `cargo test`
//! does not. docs/accuracy.md has the figures and how to read them.
//!
//! Usage:
//!   cargo run --release --example eval_pdnc -- [DIR] [--novel NAME]
//!       [--seed N] [--per-class N] [--examples N] [--parts abc]
//!       [--dump FILE]
//!
//! DIR defaults to `../shared/eval/pdnc` beside the repository. One thread.
//! The report (Markdown) goes to stdout, progress to stderr.

#[path = "eval_pdnc/data.rs"]
mod data;
#[path = "eval_pdnc/perturb.rs"]
mod perturb;
#[path = "eval_pdnc/run.rs"]
mod run;
#[path = "eval_pdnc/word_distance.rs"]
mod word_distance;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use citecheck::fold::fold;
use citecheck::matcher::exact;
use citecheck::matcher::quote_pattern::QuotePattern;
use citecheck::report::QuoteReport;
use citecheck::source::Document;
use citecheck::verdict::Verdict;

use data::Novel;
use perturb::{Edit, Rng};
use run::{Probe, Source};

struct Options {
    dir: PathBuf,
    novel: Option<String>,
    seed: u64,
    per_class: usize,
    examples: usize,
    /// Which parts to run: any of `a`, `b`, `c`.
    parts: String,
    /// Where to write (c)'s expected misquotes and absent quotes, one JSON
    /// object a line, with the passage shown: for studying a rule offline.
    dump: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/pdnc"),
        novel: None,
        seed: 2026,
        per_class: 2_000,
        examples: 4,
        parts: "abc".to_string(),
        dump: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--novel" => o.novel = Some(value("--novel")?),
            "--seed" => {
                o.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--per-class" => {
                o.per_class = value("--per-class")?
                    .parse()
                    .map_err(|e| format!("--per-class: {e}"))?
            }
            "--examples" => {
                o.examples = value("--examples")?
                    .parse()
                    .map_err(|e| format!("--examples: {e}"))?
            }
            "--parts" => o.parts = value("--parts")?,
            "--dump" => o.dump = Some(PathBuf::from(value("--dump")?)),
            "-h" | "--help" => {
                return Err(
                    "usage: eval_pdnc [DIR] [--novel NAME] [--seed N] [--per-class N] \
                            [--examples N] [--parts abc] [--dump FILE]"
                        .to_string(),
                )
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => o.dir = PathBuf::from(a),
        }
    }
    Ok(o)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = evaluate(&o) {
        eprintln!("eval_pdnc: {e}");
        std::process::exit(1);
    }
}

/// A sub-quotation searched in its novel, with the gold span it should be found at.
#[derive(Clone)]
struct Case {
    novel: usize,
    id: String,
    text: String,
    gold: (usize, usize),
}

/// What the check said of one probe.
struct Outcome {
    verdict: Verdict,
    span: Option<(usize, usize)>,
    distance_hint: String,
    /// The passage shown: the location, else the "closest" one.
    nearest: Option<(usize, usize)>,
    /// The second place the report names (ambiguous, or verbatim again).
    also: Option<(usize, usize)>,
}

impl Outcome {
    fn of(r: &QuoteReport) -> Outcome {
        Outcome {
            verdict: r.verdict,
            span: r.location.as_ref().map(|l| (l.byte_start, l.byte_end)),
            distance_hint: r.message.clone(),
            nearest: r
                .location
                .as_ref()
                .or(r.closest.as_ref())
                .map(|l| (l.byte_start, l.byte_end)),
            also: r.also.as_ref().map(|l| (l.byte_start, l.byte_end)),
        }
    }
}

fn evaluate(o: &Options) -> Result<(), String> {
    let t0 = Instant::now();
    let novels = data::load_all(&o.dir, o.novel.as_deref())?;
    if novels.is_empty() {
        return Err(format!("no PDNC novel under {}", o.dir.display()));
    }
    let sources: Vec<Source> = novels.iter().map(|n| Source::load(&n.path)).collect();
    for (n, s) in novels.iter().zip(&sources) {
        if s.document().is_none() {
            return Err(format!("{} could not be loaded", n.path.display()));
        }
    }
    let mut out = String::new();
    let quotations: usize = novels.iter().map(|n| n.quotations.len()).sum();
    let bad: usize = novels.iter().map(|n| n.bad_rows).sum();
    let _ = writeln!(
        out,
        "Corpus: {} novels, {} quotations read ({} rows unreadable), seed {}, {} per perturbation class.\n",
        novels.len(),
        quotations,
        bad,
        o.seed,
        o.per_class
    );

    let hits = part_a(o, &novels, &sources, &mut out)?;
    eprintln!("(a) done in {:.1} s", t0.elapsed().as_secs_f64());
    if o.parts.contains('b') {
        part_b(o, &novels, &sources, &mut out)?;
        eprintln!("(b) done in {:.1} s", t0.elapsed().as_secs_f64());
    }
    if o.parts.contains('c') {
        part_c(o, &novels, &sources, &hits, &mut out)?;
        eprintln!("(c) done in {:.1} s", t0.elapsed().as_secs_f64());
    }
    let _ = writeln!(
        out,
        "\nWhole run: {:.1} s on one thread.",
        t0.elapsed().as_secs_f64()
    );
    print!("{out}");
    Ok(())
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A span without the whitespace and punctuation at its edges: "the same
/// words", whatever an annotator or the matcher did with what surrounds them.
fn trim_span(text: &str, (mut a, mut b): (usize, usize)) -> (usize, usize) {
    let bytes = text.as_bytes();
    b = b.min(bytes.len());
    a = a.min(b);
    while a < b && !bytes[a].is_ascii_alphanumeric() {
        a += 1;
    }
    while b > a && !bytes[b - 1].is_ascii_alphanumeric() {
        b -= 1;
    }
    (a, b)
}

fn short(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > n {
        let cut: String = flat.chars().take(n).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

fn folded(s: &str) -> String {
    fold(s).text.trim().to_string()
}

/// Misses, by category, with a few examples each.
#[derive(Default)]
struct Misses {
    by: BTreeMap<String, (usize, Vec<String>)>,
}

impl Misses {
    fn add(&mut self, category: &str, example: String, keep: usize) {
        let e = self.by.entry(category.to_string()).or_default();
        e.0 += 1;
        if e.1.len() < keep {
            e.1.push(example);
        }
    }

    fn total(&self) -> usize {
        self.by.values().map(|v| v.0).sum()
    }

    fn write(&self, out: &mut String) {
        let mut cats: Vec<_> = self.by.iter().collect();
        cats.sort_by_key(|(_, v)| std::cmp::Reverse(v.0));
        let _ = writeln!(out, "| category | count |\n| --- | ---: |");
        for (c, v) in &cats {
            let _ = writeln!(out, "| {c} | {} |", v.0);
        }
        let _ = writeln!(out);
        for (c, v) in cats.iter().filter(|(_, v)| !v.1.is_empty()) {
            let _ = writeln!(out, "- **{c}**:");
            for e in &v.1 {
                let _ = writeln!(out, "  - {e}");
            }
        }
        let _ = writeln!(out);
    }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "–".to_string()
    } else {
        format!("{:.2} %", 100.0 * n as f64 / d as f64)
    }
}

/// Raw ranges where the folded quote stands verbatim in the novel.
fn occurrences(doc: &Document, quote: &str) -> Vec<(usize, usize)> {
    let q = folded(quote);
    exact::find_all(&q, &doc.folded.text, 0..doc.folded.text.len())
        .into_iter()
        .map(|r| {
            let raw = doc.folded_to_raw(r);
            (raw.start, raw.end)
        })
        .collect()
}

/// (a) Every sub-quotation of at least 8 words, searched in its whole novel.
/// Returns the cases found at their gold span (relaxed), for (c).
fn part_a(
    o: &Options,
    novels: &[Novel],
    sources: &[Source],
    out: &mut String,
) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (ni, n) in novels.iter().enumerate() {
        for q in &n.quotations {
            for (j, (part, &gold)) in q.parts.iter().zip(&q.spans).enumerate() {
                if words(part) >= 8 {
                    cases.push(Case {
                        novel: ni,
                        id: if q.parts.len() > 1 {
                            format!("{}#{}", q.id, j + 1)
                        } else {
                            q.id.clone()
                        },
                        text: part.clone(),
                        gold,
                    });
                }
            }
        }
    }
    let outcomes = check_cases(novels, sources, &cases, |c| Probe {
        text: c.text.clone(),
        locator: None,
    })?;
    let (mut strict, mut relaxed) = (0, 0);
    let mut misses = Misses::default();
    let mut strict_only = Misses::default();
    let mut hits = Vec::new();
    let mut per_novel: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (c, r) in cases.iter().zip(&outcomes) {
        let n = &novels[c.novel];
        let doc = sources[c.novel].document().ok_or("novel not loaded")?;
        let text = &n.text;
        let supported = r.verdict == Verdict::Supported;
        let is_strict = supported && r.span == Some(c.gold);
        let is_relaxed =
            supported && r.span.map(|s| trim_span(text, s)) == Some(trim_span(text, c.gold));
        let e = per_novel.entry(&n.name).or_default();
        e.0 += 1;
        if is_relaxed {
            e.1 += 1;
        }
        strict += usize::from(is_strict);
        relaxed += usize::from(is_relaxed);
        let found_text = r.span.map(|(a, b)| text.get(a..b).unwrap_or_default());
        let example = format!(
            "{} {} gold {}..{} {:?}; found {} {:?}",
            n.name,
            c.id,
            c.gold.0,
            c.gold.1,
            short(text.get(c.gold.0..c.gold.1).unwrap_or_default(), 70),
            r.span
                .map(|(a, b)| format!("{a}..{b}"))
                .unwrap_or_else(|| r.verdict.name().to_string()),
            found_text.map(|t| short(t, 70)).unwrap_or_default()
        );
        let example = if folded(text.get(c.gold.0..c.gold.1).unwrap_or_default()) != folded(&c.text)
        {
            format!("{example}; quoteText {:?}", short(&c.text, 70))
        } else {
            example
        };
        if is_relaxed {
            hits.push(c.clone());
            if !is_strict {
                strict_only.add(&strict_category(text, c, r), example, o.examples);
            }
        } else {
            misses.add(&miss_category(text, doc, c, r), example, o.examples);
        }
    }
    let total = cases.len();
    let _ = writeln!(
        out,
        "## (a) Sub-quotations of at least 8 words, in the whole novel\n\n\
         {total} sub-quotations. Found (`supported`) at the gold span:\n\n\
         | match | found | share |\n| --- | ---: | ---: |\n\
         | strict (byte_start and byte_end equal the gold span's) | {strict} | {} |\n\
         | relaxed (equal once both are trimmed of whitespace and punctuation at their edges) | {relaxed} | {} |\n",
        pct(strict, total),
        pct(relaxed, total)
    );
    let _ = writeln!(out, "Misses (relaxed), {} in all:\n", misses.total());
    misses.write(out);
    let _ = writeln!(
        out,
        "Found at the gold span only under the relaxed rule, {} in all:\n",
        strict_only.total()
    );
    strict_only.write(out);
    let _ = writeln!(
        out,
        "Per novel (relaxed):\n\n| novel | sub-quotations | found | share |\n| --- | ---: | ---: | ---: |"
    );
    for (name, (t, h)) in &per_novel {
        let _ = writeln!(out, "| {name} | {t} | {h} | {} |", pct(*h, *t));
    }
    let _ = writeln!(out);
    Ok(hits)
}

/// Why a case found at its gold span under the relaxed rule is not found there
/// byte for byte.
fn strict_category(text: &str, c: &Case, r: &Outcome) -> String {
    let Some((a, b)) = r.span else {
        return "no location".to_string();
    };
    let gold = text.get(c.gold.0..c.gold.1).unwrap_or_default();
    let ws = |s: &str| s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace);
    let q = c.text.trim();
    let edge_dots = |s: &str| s.starts_with("...") || s.ends_with("...") || s.ends_with('…');
    if ws(gold) {
        "gold span includes whitespace at its edge (annotation)".to_string()
    } else if edge_dots(q) && (a > c.gold.0 || b < c.gold.1) {
        "`...` at the quote's edge is read as an elision and not matched".to_string()
    } else if folded(gold) != folded(&c.text) {
        "gold span is off by a character or more from quoteText (annotation)".to_string()
    } else if a < c.gold.0 || b > c.gold.1 {
        "match takes in punctuation the gold span leaves out".to_string()
    } else {
        "match leaves out punctuation the gold span takes in".to_string()
    }
}

/// Why a case is not found at its gold span.
fn miss_category(text: &str, doc: &Document, c: &Case, r: &Outcome) -> String {
    let gold = text.get(c.gold.0..c.gold.1).unwrap_or_default();
    let same_text = folded(gold) == folded(&c.text);
    let pattern = QuotePattern::parse(&c.text);
    let markers = pattern.fragments.len() > 1 || !pattern.insertions.is_empty();
    if r.verdict != Verdict::Supported {
        return if !same_text {
            format!(
                "quoteText is not the text at its gold span (annotation); verdict {}",
                r.verdict.name()
            )
        } else if markers {
            format!(
                "`...` or `[` in the quote read as elision/insertion; verdict {}",
                r.verdict.name()
            )
        } else {
            format!(
                "verbatim at the gold span but not found (matcher); verdict {} — {}",
                r.verdict.name(),
                r.distance_hint
            )
        };
    }
    let occ = occurrences(doc, &c.text);
    let gold_trim = trim_span(text, c.gold);
    let at_gold = occ.iter().any(|&s| trim_span(text, s) == gold_trim);
    if occ.len() >= 2 && at_gold {
        let named = r.also.is_some_and(|s| trim_span(text, s) == gold_trim);
        if named {
            "the quote stands verbatim more than once; an earlier occurrence is shown and the \
             report names the next, the gold one (no locator says which)"
                .to_string()
        } else {
            "the quote stands verbatim more than once; an earlier occurrence was taken".to_string()
        }
    } else if !same_text {
        "gold span does not hold quoteText; found where quoteText stands (annotation)".to_string()
    } else if markers {
        "`...` or `[` in the quote read as elision/insertion; fragments placed elsewhere"
            .to_string()
    } else {
        "found elsewhere (matcher)".to_string()
    }
}

/// Runs `probe(case)` for every case through the pipeline, novel by novel.
fn check_cases<T>(
    novels: &[Novel],
    sources: &[Source],
    cases: &[T],
    probe: impl Fn(&T) -> Probe,
) -> Result<Vec<Outcome>, String>
where
    T: HasNovel,
{
    let mut out: Vec<Option<Outcome>> = (0..cases.len()).map(|_| None).collect();
    for (ni, source) in sources.iter().enumerate() {
        let idx: Vec<usize> = (0..cases.len())
            .filter(|&i| cases[i].novel() == ni)
            .collect();
        if idx.is_empty() {
            continue;
        }
        let t = Instant::now();
        let probes: Vec<Probe> = idx.iter().map(|&i| probe(&cases[i])).collect();
        let reports = run::check(source, &probes)?;
        for (&i, r) in idx.iter().zip(&reports) {
            out[i] = Some(Outcome::of(r));
        }
        eprintln!(
            "  {}: {} quotes in {:.2} s",
            novels[ni].name,
            idx.len(),
            t.elapsed().as_secs_f64()
        );
    }
    out.into_iter()
        .map(|o| o.ok_or_else(|| "a case was not checked".to_string()))
        .collect()
}

trait HasNovel {
    fn novel(&self) -> usize;
}

impl HasNovel for Case {
    fn novel(&self) -> usize {
        self.novel
    }
}

/// A multi-part quotation joined with ` … `.
struct Joined {
    novel: usize,
    id: String,
    parts: Vec<String>,
    spans: Vec<(usize, usize)>,
}

impl HasNovel for Joined {
    fn novel(&self) -> usize {
        self.novel
    }
}

/// (b) Multi-part quotations joined with ` … `, found as fragments.
fn part_b(
    o: &Options,
    novels: &[Novel],
    sources: &[Source],
    out: &mut String,
) -> Result<(), String> {
    let mut cases = Vec::new();
    for (ni, n) in novels.iter().enumerate() {
        for q in n.quotations.iter().filter(|q| q.parts.len() >= 2) {
            cases.push(Joined {
                novel: ni,
                id: q.id.clone(),
                parts: q.parts.clone(),
                spans: q.spans.clone(),
            });
        }
    }
    let outcomes = check_cases(novels, sources, &cases, |c| Probe {
        text: c
            .parts
            .iter()
            .map(|p| p.trim())
            .collect::<Vec<_>>()
            .join(" … "),
        locator: None,
    })?;
    let (mut strict, mut relaxed) = (0, 0);
    let mut misses = Misses::default();
    let mut strict_only = Misses::default();
    // By the word count of the shortest part: found / total.
    let mut by_short: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (c, r) in cases.iter().zip(&outcomes) {
        let text = &novels[c.novel].text;
        let first = c.spans[0];
        let last = c.spans[c.spans.len() - 1];
        let gold = (first.0, last.1);
        let supported = r.verdict == Verdict::Supported;
        let is_strict = supported && r.span == Some(gold);
        let is_relaxed =
            supported && r.span.map(|s| trim_span(text, s)) == Some(trim_span(text, gold));
        strict += usize::from(is_strict);
        relaxed += usize::from(is_relaxed);
        let shortest = c.parts.iter().map(|p| words(p)).min().unwrap_or(0);
        let bucket = match shortest {
            0..=2 => "1. shortest part 1–2 words",
            3..=7 => "2. shortest part 3–7 words",
            _ => "3. every part 8 words or more",
        };
        let e = by_short.entry(bucket).or_default();
        e.1 += 1;
        e.0 += usize::from(is_relaxed);
        if is_relaxed {
            if !is_strict {
                let (first_part, last_part) = (&c.parts[0], &c.parts[c.parts.len() - 1]);
                let gold_ws = |(a, b): (usize, usize)| {
                    let g = text.get(a..b).unwrap_or_default();
                    g.starts_with(char::is_whitespace) || g.ends_with(char::is_whitespace)
                };
                let cat = if gold_ws(first) || gold_ws(last) {
                    "gold span includes whitespace at its edge (annotation)"
                } else if first_part.trim().starts_with("...")
                    || last_part.trim().ends_with("...")
                    || last_part.trim().ends_with('…')
                {
                    "`...` at the quote's edge is read as an elision and not matched"
                } else {
                    "edge punctuation differs"
                };
                strict_only.add(cat, String::new(), 0);
            }
            continue;
        }
        let example = format!(
            "{} {} ({} parts: {}) gold {}..{}; {} {}",
            novels[c.novel].name,
            c.id,
            c.parts.len(),
            c.parts
                .iter()
                .map(|p| format!("{:?}", short(p, 30)))
                .collect::<Vec<_>>()
                .join(" / "),
            gold.0,
            gold.1,
            r.verdict.name(),
            r.span
                .map(|(a, b)| format!("{a}..{b} {:?}", short(text.get(a..b).unwrap_or(""), 60)))
                .unwrap_or_default()
        );
        let annotated = c
            .parts
            .iter()
            .zip(&c.spans)
            .any(|(p, &(a, b))| folded(text.get(a..b).unwrap_or_default()) != folded(p));
        let wordless = c
            .parts
            .iter()
            .any(|p| !folded(p).chars().any(char::is_alphanumeric));
        let gap = c
            .spans
            .windows(2)
            .map(|w| w[1].0.saturating_sub(w[0].1))
            .max()
            .unwrap_or(0);
        let markers = c.parts.iter().any(|p| p.contains("...") || p.contains('['));
        let in_order = c.spans.windows(2).all(|w| w[0].1 <= w[1].0);
        let category = if !in_order {
            "gold spans not in text order (annotation)".to_string()
        } else if annotated {
            "a part is not the text at its gold span (annotation)".to_string()
        } else if wordless {
            "a part has no words (it is dropped as a fragment)".to_string()
        } else if gap > 2_000 {
            "parts stand more than 2,000 bytes apart (beyond the elision bound)".to_string()
        } else if markers {
            "`...` or `[` inside a part cut it into more fragments".to_string()
        } else if !supported {
            format!("not found (matcher); verdict {}", r.verdict.name())
        } else {
            match r.span {
                Some((a, _)) if trim_span(text, (a, a + 1)).0 != trim_span(text, gold).0 => {
                    "first fragment taken at another occurrence (a short first part)".to_string()
                }
                _ => "a later fragment taken at another occurrence".to_string(),
            }
        };
        misses.add(&category, example, o.examples);
    }
    let total = cases.len();
    let _ = writeln!(
        out,
        "## (b) Multi-part quotations joined with ` … `\n\n\
         {total} quotations of 2 parts or more, searched in the whole novel as one quote \
         `part1 … part2 …`. Found (`supported`) with the location's start at the first part's \
         gold start and its end at the last part's gold end:\n\n\
         | match | found | share |\n| --- | ---: | ---: |\n\
         | strict | {strict} | {} |\n| relaxed (edges trimmed of whitespace and punctuation) | {relaxed} | {} |\n",
        pct(strict, total),
        pct(relaxed, total)
    );
    let _ = writeln!(
        out,
        "By the length of the shortest part (relaxed):\n\n| quotations | total | found | share |\n| --- | ---: | ---: | ---: |"
    );
    for (b, (h, t)) in &by_short {
        let _ = writeln!(out, "| {} | {t} | {h} | {} |", &b[3..], pct(*h, *t));
    }
    let _ = writeln!(out, "\nMisses (relaxed), {} in all:\n", misses.total());
    misses.write(out);
    let _ = writeln!(
        out,
        "Found at the gold span only under the relaxed rule, {} in all:\n",
        strict_only.total()
    );
    strict_only.write(out);
    Ok(())
}

/// A perturbed quote, with what it should get.
struct Perturbed {
    novel: usize,
    class: &'static str,
    /// For word edits: how many.
    k: usize,
    text: String,
    locator: Option<String>,
    expected: Verdict,
    /// Where it should be found, for verdicts that have a place.
    gold: Option<(usize, usize)>,
    base_words: usize,
    /// For an expected misquote: the edit distance from the quote to its
    /// passage (folded, infix) and citecheck's misquote budget for it.
    distance: Option<(usize, usize)>,
}

/// citecheck's misquote budget (src/check/near_match.rs, docs/matching.md),
/// mirrored here to say whether a miss is the policy's or the search's.
fn misquote_budget(len: usize) -> usize {
    if len < 8 {
        0
    } else if len < 20 {
        len / 5
    } else {
        len / 4
    }
}

/// Words (folded, letters and digits) the two texts share in order, over the
/// word count of the longer.
fn word_overlap(quote: &str, passage: &str) -> f64 {
    let tokens = |s: &str| -> Vec<String> {
        folded(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (q, p) = (tokens(quote), tokens(passage));
    if q.is_empty() || p.is_empty() {
        return 0.0;
    }
    let mut row = vec![0usize; p.len() + 1];
    for qw in &q {
        let mut diag = 0;
        for (j, pw) in p.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if qw == pw { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    row[p.len()] as f64 / q.len().max(p.len()) as f64
}

/// Edits from the perturbed quote to the passage it came from.
fn distance_to(quote: &str, passage: &str) -> (usize, usize) {
    let (q, p) = (folded(quote), folded(passage));
    let d = citecheck::matcher::myers_best_alignment(q.as_bytes(), p.as_bytes(), q.len())
        .map_or(q.len(), |a| a.distance);
    (d, misquote_budget(q.len()))
}

impl HasNovel for Perturbed {
    fn novel(&self) -> usize {
        self.novel
    }
}

/// Absent quotes that stand within [`TWIN_EDITS`] word edits of a passage of
/// the novel they are checked against: drawn with the absent ones, set apart.
const NEAR_TWIN: &str = "near twin (≤ 3 word edits of a passage)";
/// The most word edits the word-edit classes make.
const TWIN_EDITS: usize = 3;

const CLASSES: [&str; 9] = [
    "typography",
    "case",
    "word substituted",
    "word dropped",
    "word added",
    "number changed",
    "absent (another novel)",
    "moved (wrong ¶)",
    NEAR_TWIN,
];

/// Words of a novel to substitute and add: alphabetic tokens of 3+ letters.
fn vocabulary(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// (c) The perturbation suite.
fn part_c(
    o: &Options,
    novels: &[Novel],
    sources: &[Source],
    base: &[Case],
    out: &mut String,
) -> Result<(), String> {
    if base.is_empty() {
        return Ok(());
    }
    let mut rng = Rng::new(o.seed);
    let vocab: Vec<Vec<String>> = novels.iter().map(|n| vocabulary(&n.text)).collect();
    let mut cases: Vec<Perturbed> = Vec::new();
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let verbatim_in = |ni: usize, q: &str| -> bool {
        sources[ni].document().is_some_and(|doc| {
            QuotePattern::parse(q)
                .find(&doc.folded.text, 0..doc.folded.text.len())
                .is_some()
        })
    };
    let mut word_index: Vec<Option<word_distance::Words>> = novels.iter().map(|_| None).collect();
    for class in CLASSES {
        if class == NEAR_TWIN {
            continue;
        }
        let mut made = 0;
        let mut tries = 0;
        while made < o.per_class && tries < o.per_class * 20 {
            tries += 1;
            let c = &base[rng.below(base.len())];
            let ni = c.novel;
            let mut k = 0;
            let (text, locator, expected, gold) = match class {
                "typography" => (
                    perturb::typography(&c.text, &mut rng),
                    None,
                    Verdict::Supported,
                    Some(c.gold),
                ),
                "case" => (
                    perturb::case(&c.text, &mut rng),
                    None,
                    Verdict::Supported,
                    Some(c.gold),
                ),
                "word substituted" | "word dropped" | "word added" => {
                    let edit = match class {
                        "word substituted" => Edit::Sub,
                        "word dropped" => Edit::Drop,
                        _ => Edit::Add,
                    };
                    k = 1 + made % 3;
                    (
                        perturb::words(&c.text, edit, k, &vocab[ni], &mut rng),
                        None,
                        Verdict::Misquoted,
                        Some(c.gold),
                    )
                }
                "number changed" => (
                    perturb::number(&c.text, &mut rng),
                    None,
                    Verdict::Misquoted,
                    Some(c.gold),
                ),
                "absent (another novel)" => {
                    let target = rng.below(novels.len());
                    if target == ni {
                        continue;
                    }
                    // The quote must not stand in the novel it is checked against.
                    if verbatim_in(target, &c.text) {
                        *skipped.entry(class).or_default() += 1;
                        continue;
                    }
                    // Nor near enough to be one of the word-edit classes' misquotes.
                    let near = word_index[target]
                        .get_or_insert_with(|| word_distance::Words::new(&novels[target].text))
                        .nearest(&c.text)
                        .filter(|n| n.edits <= TWIN_EDITS);
                    let twin = near.is_some();
                    cases.push(Perturbed {
                        novel: target,
                        class: if twin { NEAR_TWIN } else { class },
                        k: near.as_ref().map_or(0, |n| n.edits),
                        text: c.text.clone(),
                        locator: None,
                        expected: if twin {
                            Verdict::Misquoted
                        } else {
                            Verdict::Unsupported
                        },
                        gold: near.map(|n| n.span),
                        base_words: words(&c.text),
                        distance: None,
                    });
                    made += usize::from(!twin);
                    continue;
                }
                _ => {
                    let Some(doc) = sources[ni].document() else {
                        continue;
                    };
                    let (t, locator) = wrong_paragraph(doc, c, &mut rng);
                    (t, locator, Verdict::Miscited, Some(c.gold))
                }
            };
            let Some(text) = text else {
                *skipped.entry(class).or_default() += 1;
                continue;
            };
            if expected == Verdict::Misquoted && verbatim_in(ni, &text) {
                // The edit made another sentence of the novel: not a misquote.
                *skipped.entry(class).or_default() += 1;
                continue;
            }
            let distance = (expected == Verdict::Misquoted)
                .then(|| distance_to(&text, novels[ni].text.get(c.gold.0..c.gold.1).unwrap_or("")));
            cases.push(Perturbed {
                novel: ni,
                class,
                k,
                text,
                locator,
                expected,
                gold,
                base_words: words(&c.text),
                distance,
            });
            made += 1;
        }
    }
    let outcomes = check_cases(novels, sources, &cases, |c| Probe {
        text: c.text.clone(),
        locator: c.locator.clone(),
    })?;
    let shown = [
        Verdict::Supported,
        Verdict::Miscited,
        Verdict::Misquoted,
        Verdict::Unsupported,
    ];
    // class → (counts per verdict, other, expected, expected and at gold)
    type Row = ([usize; 4], usize, usize, usize, usize);
    let mut rows: BTreeMap<(usize, String), Row> = BTreeMap::new();
    let mut misses = Misses::default();
    // class → (within budget, misquoted of those, beyond budget, misquoted of those)
    let mut budget: BTreeMap<usize, (String, [usize; 4])> = BTreeMap::new();
    // Edit distance / folded length: of word edits to their passage, of absent
    // quotes to the nearest passage citecheck shows (none: beyond a half).
    let (mut edit_ratios, mut absent_ratios) = (Vec::new(), Vec::new());
    // Words in common (in order) with the passage shown, over the longer of
    // the two: a word-level rule to set beside the byte budget.
    let (mut edit_words, mut absent_words) = (Vec::new(), Vec::new());
    // (byte ratio, word share) per case, for rules that use both.
    let (mut edit_both, mut absent_both) = (Vec::new(), Vec::new());
    let mut dump = String::new();
    for (c, r) in cases.iter().zip(&outcomes) {
        let text = &novels[c.novel].text;
        if o.dump.is_some()
            && (c.expected == Verdict::Misquoted || c.expected == Verdict::Unsupported)
        {
            let span = |s: Option<(usize, usize)>| s.and_then(|(a, b)| text.get(a..b));
            let _ = writeln!(
                dump,
                "{}",
                serde_json::json!({
                    "class": c.class,
                    "k": c.k,
                    "novel": novels[c.novel].path.to_string_lossy(),
                    "expected": c.expected.name(),
                    "verdict": r.verdict.name(),
                    "quote": c.text,
                    "nearest": span(r.nearest),
                    "gold": span(c.gold),
                })
            );
        }
        let ci = CLASSES.iter().position(|k| *k == c.class).unwrap_or(0);
        let len = folded(&c.text).len().max(1) as f64;
        if let (Some((d, _)), 2..=4) = (c.distance, ci) {
            edit_ratios.push(d as f64 / len);
        }
        if (2..=4).contains(&ci) || c.expected == Verdict::Unsupported {
            let share = r.nearest.map_or(0.0, |(a, b)| {
                word_overlap(&c.text, text.get(a..b).unwrap_or(""))
            });
            if c.expected == Verdict::Unsupported {
                absent_words.push(share);
            } else {
                edit_words.push(share);
                if let Some((d, _)) = c.distance {
                    edit_both.push((d as f64 / len, share));
                }
            }
        }
        if c.expected == Verdict::Unsupported {
            let d = r
                .nearest
                .map(|(a, b)| distance_to(&c.text, text.get(a..b).unwrap_or("")).0 as f64)
                .unwrap_or(f64::INFINITY);
            absent_ratios.push(d / len);
            absent_both.push((d / len, *absent_words.last().unwrap_or(&0.0)));
        }
        if let Some((d, b)) = c.distance {
            let e = &mut budget.entry(ci).or_insert((c.class.to_string(), [0; 4])).1;
            let hit = usize::from(r.verdict == Verdict::Misquoted);
            if d <= b {
                e[0] += 1;
                e[1] += hit;
            } else {
                e[2] += 1;
                e[3] += hit;
            }
        }
        let at_gold = match (c.gold, r.span) {
            (Some(g), Some(s)) => {
                let (g, s) = (trim_span(text, g), trim_span(text, s));
                s.0 < g.1 && g.0 < s.1
            }
            (None, _) => true,
            _ => false,
        };
        let mut keys = vec![(ci * 10, c.class.to_string())];
        if c.k > 0 {
            keys.push((ci * 10 + c.k, format!("  {} × {}", c.k, c.class)));
        }
        if ci == 2 || ci == 3 || ci == 4 {
            let bucket = match c.base_words {
                0..=15 => "8–15 words",
                16..=30 => "16–30 words",
                _ => "31+ words",
            };
            keys.push((
                100 + (c.base_words.min(31) > 15) as usize + (c.base_words > 30) as usize,
                format!("word edits, quote of {bucket}"),
            ));
        }
        for key in keys {
            let row = rows.entry(key).or_default();
            match shown.iter().position(|v| *v == r.verdict) {
                Some(i) => row.0[i] += 1,
                None => row.1 += 1,
            }
            row.2 += 1;
            if r.verdict == c.expected {
                row.3 += 1;
                if at_gold {
                    row.4 += 1;
                }
            }
        }
        if r.verdict != c.expected || !at_gold {
            let what = if r.verdict != c.expected {
                format!("{} instead of {}", r.verdict.name(), c.expected.name())
            } else {
                format!("{} but not at the gold span", r.verdict.name())
            };
            let why = match c.distance {
                Some((d, b)) if d > b => " (beyond the misquote budget)",
                Some(_) => " (within the misquote budget)",
                None => "",
            };
            let cat = if c.k > 0 {
                format!("{} × {}: {what}{why}", c.k, c.class)
            } else {
                format!("{}: {what}{why}", c.class)
            };
            misses.add(
                &cat,
                format!(
                    "{} {:?}{}{} → {}",
                    novels[c.novel].name,
                    short(&c.text, 90),
                    c.distance
                        .map(|(d, b)| format!(" ({d} edits, budget {b})"))
                        .unwrap_or_default(),
                    c.locator
                        .as_ref()
                        .map(|l| format!(" @ {l}"))
                        .unwrap_or_default(),
                    short(&r.distance_hint, 120)
                ),
                o.examples,
            );
        }
    }
    let _ = writeln!(
        out,
        "## (c) Perturbation suite\n\n\
         Seed {}, up to {} quotes per class, drawn from the sub-quotations of (a) found at their \
         gold span. Word edits cycle through 1, 2 and 3 edits. \"Expected\" is the share with the \
         expected verdict; \"at gold\" also asks the location to overlap the gold span (for \
         verdicts that have a location).\n",
        o.seed, o.per_class
    );
    let _ = writeln!(
        out,
        "| class | n | supported | miscited | misquoted | unsupported | other | expected | share | at gold |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let edits: Row = rows
        .iter()
        .filter(|((k, name), _)| (20..50).contains(k) && !name.starts_with(' '))
        .fold(Default::default(), |mut acc, (_, r)| {
            for i in 0..4 {
                acc.0[i] += r.0[i];
            }
            acc.1 += r.1;
            acc.2 += r.2;
            acc.3 += r.3;
            acc.4 += r.4;
            acc
        });
    let mut write_row = |name: &str, r: &Row| {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            name.replace("  ", "&nbsp;&nbsp;"),
            r.2,
            r.0[0],
            r.0[1],
            r.0[2],
            r.0[3],
            r.1,
            r.3,
            pct(r.3, r.2),
            pct(r.4, r.2)
        );
    };
    for ((_, name), r) in &rows {
        write_row(name, r);
    }
    write_row("all word edits", &edits);
    let _ = writeln!(
        out,
        "\nExpected: typography and case → supported; word edits and a changed number → \
         misquoted; absent → unsupported; moved → miscited. A near twin is a quote drawn for \
         absent that stands within 3 word edits (words substituted, dropped or added) of a \
         passage of the novel it is checked against, the reach of the word-edit classes: it is \
         counted apart, not among the absent, and not scored (\"expected\" is the share called \
         misquoted; \"at gold\" also asks for that passage).\n"
    );
    let _ = writeln!(
        out,
        "Expected misquotes against citecheck's misquote budget (a quarter of the folded \
         quote's bytes from 20 bytes, docs/matching.md): the edit distance from each perturbed \
         quote to its passage, and how many of each side came out `misquoted`.\n\n\
         | class | within budget | misquoted | share | beyond budget | misquoted |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |"
    );
    for (name, e) in budget.values() {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} |",
            e[0],
            e[1],
            pct(e[1], e[0]),
            e[2],
            e[3]
        );
    }
    let _ = writeln!(out);
    if !edit_ratios.is_empty() && !absent_ratios.is_empty() {
        let _ = writeln!(
            out,
            "Could another byte budget serve both goals? Share of word-edited quotes within \
             t × length of their passage (they could be `misquoted`), and of absent quotes \
             within t × length of the nearest passage citecheck shows (they would be \
             `misquoted` by mistake):\n\n\
             | t | word edits within | absent within |\n| ---: | ---: | ---: |"
        );
        for t in [0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50] {
            let within = |v: &[f64]| v.iter().filter(|r| **r <= t + 1e-9).count();
            let _ = writeln!(
                out,
                "| {t:.2} | {} | {} |",
                pct(within(&edit_ratios), edit_ratios.len()),
                pct(within(&absent_ratios), absent_ratios.len())
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "A word-level rule instead: `misquoted` when the passage citecheck shows (location \
             or closest) shares, in order, at least s of the words of the longer of quote and \
             passage:\n\n\
             | s | word edits kept | absent taken |\n| ---: | ---: | ---: |"
        );
        for t in [0.50, 0.55, 0.60, 0.65, 0.70] {
            let within = |v: &[f64]| v.iter().filter(|r| **r >= t - 1e-9).count();
            let _ = writeln!(
                out,
                "| {t:.2} | {} | {} |",
                pct(within(&edit_words), edit_words.len()),
                pct(within(&absent_words), absent_words.len())
            );
        }
        let _ = writeln!(
            out,
            "\nBoth: `misquoted` within a quarter of the bytes (as now), or within t of the \
             bytes when at least s of the words are shared:\n\n\
             | t | s | word edits kept | absent taken |\n| ---: | ---: | ---: | ---: |"
        );
        for t in [0.40, 0.45, 0.50] {
            for sh in [0.55, 0.60, 0.65] {
                let rule =
                    |&(r, w): &(f64, f64)| r <= 0.25 + 1e-9 || (r <= t + 1e-9 && w >= sh - 1e-9);
                let kept = edit_both.iter().filter(|p| rule(p)).count();
                let taken = absent_both.iter().filter(|p| rule(p)).count();
                let _ = writeln!(
                    out,
                    "| {t:.2} | {sh:.2} | {} | {} |",
                    pct(kept, edit_both.len()),
                    pct(taken, absent_both.len())
                );
            }
        }
        let _ = writeln!(out);
    }
    if !skipped.is_empty() {
        let _ = writeln!(out, "Not generated (no number in the quote, an edit that gave a sentence standing verbatim in the novel, a quote that stands in the other novel too):\n");
        for (c, n) in &skipped {
            let _ = writeln!(out, "- {c}: {n}");
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "Misses, {} in all:\n", misses.total());
    misses.write(out);
    if let Some(path) = &o.dump {
        std::fs::write(path, dump).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The quote with a `¶N` locator naming a paragraph that does not hold it.
fn wrong_paragraph(doc: &Document, c: &Case, rng: &mut Rng) -> (Option<String>, Option<String>) {
    let n = doc.blocks.len();
    if n < 3 {
        return (None, None);
    }
    let text = doc.raw_to_text(c.gold.0..c.gold.1);
    let first = doc.block_at(text.start).map(|b| b.paragraph);
    let last = doc
        .block_at(text.end.saturating_sub(1).max(text.start))
        .map(|b| b.paragraph);
    let (Some(first), Some(last)) = (first, last) else {
        return (None, None);
    };
    let pattern = QuotePattern::parse(&c.text);
    for _ in 0..20 {
        let p = 1 + rng.below(n);
        if (first..=last).contains(&p) {
            continue;
        }
        let range = doc.text_to_folded(doc.blocks[p - 1].text.clone());
        if pattern.find(&doc.folded.text, range).is_none() {
            return (Some(c.text.clone()), Some(format!("¶{p}")));
        }
    }
    (None, None)
}
