//! The SARIF 2.1.0 reporter, for code-scanning tools (GitHub code scanning,
//! IDE viewers). One run; its driver lists every [`Rule`] — one per verdict
//! and one per draft finding (`CC100`, `CC101`) — the stable code as the rule
//! id; one result per finding (see [`super::finding`]), placed in the claims
//! file or draft, with the place the quote was found in a source as a related
//! location. Columns count Unicode code points
//! (`columnKind: unicodeCodePoints`), as everywhere in citecheck.
//!
//! `partialFingerprints["citecheck/v1"]` is a 64-bit FNV-1a hash of the
//! claims file's path, the claim id, the quote (whitespace collapsed) and the
//! verdict — or, for a draft finding, of the draft's path, the code, the
//! message and which of the file's findings with that code and message it is
//! (1, 2, …) — no line numbers, so a result keeps its identity when the claim
//! or comment moves. The same input gives the same bytes: keys sorted, no timestamps.

use serde_json::{json, Map, Value};

use super::finding::{findings, one_line, About, Finding};
use super::{Location, Report, Rule};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

// No `informationUri` or `helpUri`: citecheck has no public address yet, and
// an invented one would send readers nowhere. Each rule carries its help text.

/// The key of citecheck's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "citecheck/v1";

pub fn render(report: &Report) -> String {
    let found = findings(report);
    let results: Vec<Value> = found
        .iter()
        .enumerate()
        .map(|(i, f)| result(f, occurrence(&found, i)))
        .collect();
    let notifications: Vec<Value> = report
        .files
        .iter()
        .flat_map(|file| {
            file.errors.iter().map(move |e| {
                json!({
                    "level": "error",
                    "descriptor": { "id": e.code },
                    "message": { "text": format!("{}: {}", e.name, e.message) },
                    "locations": [location(&file.path, e.line, e.column)],
                })
            })
        })
        .collect();
    let mut invocation = Map::new();
    invocation.insert(
        "executionSuccessful".into(),
        Value::Bool(report.summary.errors == 0),
    );
    if !notifications.is_empty() {
        invocation.insert(
            "toolExecutionNotifications".into(),
            Value::Array(notifications),
        );
    }
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "citecheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": Rule::ALL.iter().map(|r| rule(*r)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    out.push('\n');
    out
}

fn rule(r: Rule) -> Value {
    json!({
        "id": r.code(),
        "name": r.name(),
        "shortDescription": { "text": r.summary() },
        "fullDescription": { "text": r.description() },
        "help": { "text": r.help() },
        "defaultConfiguration": { "level": r.level().name() },
    })
}

fn result(f: &Finding<'_>, occurrence: usize) -> Value {
    let mut r = json!({
        "ruleId": f.code,
        "level": f.level.name(),
        "message": { "text": f.message() },
        "locations": [location(f.path, f.line, f.column)],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint(f, occurrence) },
    });
    if let Some(rule) = f.rule() {
        r["ruleIndex"] = json!(rule.index());
    }
    if let Some(found) = f.location() {
        let what = match (f.found_there(), f.quote().is_some()) {
            (true, true) => "found",
            (true, false) => "the source says otherwise",
            (false, true) => "nearest passage",
            (false, false) => "best evidence",
        };
        r["relatedLocations"] = json!([related(found, what)]);
    }
    r
}

/// Which of the findings of its file with its code and message the `i`-th
/// is, from 1: what tells two identical draft comments apart without lines.
fn occurrence(found: &[Finding<'_>], i: usize) -> usize {
    let f = &found[i];
    let About::Draft(d) = f.about else {
        return 1;
    };
    let same = |g: &&Finding<'_>| match g.about {
        About::Draft(e) => g.path == f.path && e.code == d.code && e.message == d.message,
        About::Claim { .. } => false,
    };
    found[..i].iter().filter(same).count() + 1
}

fn location(path: &str, line: usize, column: usize) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path) },
            "region": { "startLine": line, "startColumn": column },
        }
    })
}

fn related(found: &Location, what: &str) -> Value {
    json!({
        "id": 1,
        "message": { "text": format!("{what} in `{}` at {}", found.source, found.cite()) },
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&found.path) },
            "region": {
                "startLine": found.line,
                "startColumn": found.column,
                "endLine": found.end_line,
                // SARIF's end column is the one after the region.
                "endColumn": found.end_column + 1,
            },
        },
    })
}

/// A path as a URI reference: relative paths stay relative (to the folder
/// citecheck ran in), absolute ones become `file:` URIs; bytes outside
/// RFC 3986's unreserved set and `/` are percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The line-free identity of a finding, hex. `occurrence` counts the
/// findings of the same file, code and message up to this one (from 1); it
/// is used for draft findings only, since a claim id is unique in its file.
pub fn fingerprint(f: &Finding<'_>, occurrence: usize) -> String {
    let hash = match f.about {
        About::Claim { claim, quote, .. } => {
            let quote = quote.map(|q| one_line(&q.text)).unwrap_or_default();
            fnv1a64(&[f.path, &claim.id, &quote, f.name])
        }
        About::Draft(_) => fnv1a64(&[f.path, f.code, &f.message(), &occurrence.to_string()]),
    };
    format!("{hash:016x}")
}

/// FNV-1a, 64 bits, over the fields each followed by a 0x1F separator:
/// defined by its constants, so the same on every platform and version.
pub fn fnv1a64(fields: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    for field in fields {
        for b in field.bytes().chain([0x1f]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // Reference: FNV-1a 64 of "" and of "a" (without separators).
        let raw = |s: &str| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in s.bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            h
        };
        assert_eq!(raw(""), 0xcbf29ce484222325);
        assert_eq!(raw("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(&["a"]), raw("a\u{1f}"));
        assert_ne!(fnv1a64(&["ab", "c"]), fnv1a64(&["a", "bc"]));
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("claims/a b.claims"), "claims/a%20b.claims");
        assert_eq!(uri("/tmp/é.md"), "file:///tmp/%C3%A9.md");
        assert_eq!(uri("../x.md"), "../x.md");
    }
}
