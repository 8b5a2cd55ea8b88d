//! citecheck's side of `bench/run`: times the quote matcher on a workload
//! made by `bench/make_workload.py`, on one thread, and writes the spans and
//! timings as JSON. Not a test: run it through `bench/run`.
//!
//! Usage: bench_matcher TEXT QUOTES_JSON OUT_JSON

use std::time::Instant;

use citecheck::matcher::{best_alignment, myers_best_alignment, Alignment, QuoteSearch};
use serde_json::{json, Value};

/// Runs of each timed search; the median is reported.
const RUNS: usize = 5;
/// Cited passages are this many bytes around the quote's origin.
const PASSAGE: usize = 4096;
/// Quotes searched one at a time with Myers over the whole text (no filter),
/// to show what the filter buys; the rest is extrapolated.
const UNFILTERED: usize = 10;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn span(a: &Option<Alignment>) -> Value {
    match a {
        Some(a) => json!([a.start, a.end, a.distance]),
        None => Value::Null,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: bench_matcher TEXT QUOTES_JSON OUT_JSON");
        std::process::exit(2);
    }
    let text = std::fs::read(&args[1]).expect("read text");
    let workload: Value =
        serde_json::from_slice(&std::fs::read(&args[2]).expect("read quotes")).expect("json");
    let k = workload["k"].as_u64().expect("k") as usize;
    let quotes: Vec<&Value> = workload["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .collect();
    let patterns: Vec<&[u8]> = quotes
        .iter()
        .map(|q| q["q"].as_str().expect("q").as_bytes())
        .collect();
    let budgets = vec![k; patterns.len()];

    let (mut build, mut search) = (Vec::new(), Vec::new());
    let mut found = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let qs = QuoteSearch::new(&patterns, &budgets);
        let built = t.elapsed().as_secs_f64();
        found = qs.find(&text);
        build.push(built);
        search.push(t.elapsed().as_secs_f64() - built);
    }
    let (build, search) = (median(build), median(search));

    // Cited-span check: the quote against the passage it was taken from.
    let passages: Vec<&[u8]> = quotes
        .iter()
        .map(|q| {
            let origin = q["origin"].as_u64().map(|o| o as usize);
            // Absent quotes get a passage anyway: a miss costs the full scan.
            let at = origin.unwrap_or(text.len() / 2);
            let lo = at.saturating_sub(PASSAGE / 2);
            &text[lo..(lo + PASSAGE).min(text.len())]
        })
        .collect();
    let mut cited = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut hits = 0;
        for (p, passage) in patterns.iter().zip(&passages) {
            hits += best_alignment(p, passage, k).is_some() as usize;
        }
        std::hint::black_box(hits);
        cited.push(t.elapsed().as_secs_f64() / patterns.len() as f64);
    }
    let cited = median(cited);

    let t = Instant::now();
    let n = UNFILTERED.min(patterns.len());
    for (i, p) in patterns.iter().take(n).enumerate() {
        assert_eq!(
            myers_best_alignment(p, &text, k),
            found[i],
            "filter differs"
        );
    }
    let unfiltered = t.elapsed().as_secs_f64() / n.max(1) as f64 * patterns.len() as f64;

    let spans: Vec<Value> = found.iter().map(span).collect();
    let out = json!({
        "quotes": patterns.len(),
        "text_bytes": text.len(),
        "k": k,
        "runs": RUNS,
        "build_s": build,
        "search_s": search,
        "total_s": build + search,
        "found": found.iter().filter(|a| a.is_some()).count(),
        "cited_span_us_per_quote": cited * 1e6,
        "cited_passage_bytes": PASSAGE,
        "unfiltered_myers_s_extrapolated": unfiltered,
        "unfiltered_sample": n,
        "spans": spans,
    });
    std::fs::write(&args[3], serde_json::to_vec(&out).expect("json")).expect("write");
    println!(
        "citecheck: {} quotes, build {:.4} s + search {:.4} s = {:.4} s; found {}; cited span {:.1} µs/quote; Myers without filter ≈ {:.1} s",
        patterns.len(),
        build,
        search,
        build + search,
        out["found"],
        cited * 1e6,
        unfiltered
    );
}
