//! The SARIF 2.1.0 reporter, for code-scanning tools (GitHub code scanning,
//! IDE viewers). One run; its driver lists one rule per verdict, the stable
//! code as the rule id; one result per finding (see [`super::finding`]),
//! placed in the claims file, with the place the quote was found in a source
//! as a related location. Columns count Unicode code points
//! (`columnKind: unicodeCodePoints`), as everywhere in citecheck.
//!
//! `partialFingerprints["citecheck/v1"]` is a 64-bit FNV-1a hash of the
//! claims file's path, the claim id, the quote (whitespace collapsed) and the
//! verdict — no line numbers, so a result keeps its identity when the claim
//! moves. The same input gives the same bytes: keys sorted, no timestamps.

use serde_json::{json, Map, Value};

use crate::verdict::Verdict;

use super::finding::{findings, one_line, Finding};
use super::{Location, Report};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

// No `informationUri` or `helpUri`: citecheck has no public address yet, and
// an invented one would send readers nowhere. Each rule carries its help text.

/// The key of citecheck's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "citecheck/v1";

pub fn render(report: &Report) -> String {
    let results: Vec<Value> = findings(report).iter().map(result).collect();
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
                "rules": Verdict::ALL.iter().map(|v| rule(*v)).collect::<Vec<_>>(),
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

fn rule(v: Verdict) -> Value {
    json!({
        "id": v.code(),
        "name": v.name(),
        "shortDescription": { "text": v.summary() },
        "fullDescription": { "text": v.description() },
        "help": { "text": format!("{}\n\nExample:\n\n{}", v.description(), v.example()) },
        "defaultConfiguration": { "level": v.level().name() },
    })
}

fn result(f: &Finding<'_>) -> Value {
    let rule_index = Verdict::ALL
        .iter()
        .position(|v| *v == f.verdict)
        .unwrap_or(0);
    let mut r = json!({
        "ruleId": f.verdict.code(),
        "ruleIndex": rule_index,
        "level": f.verdict.level().name(),
        "message": { "text": f.message() },
        "locations": [location(f.path, f.line, f.column)],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint(f) },
    });
    if let Some(found) = f.location() {
        let what = match (f.found_there(), f.quote.is_some()) {
            (true, true) => "found",
            (true, false) => "the source says otherwise",
            (false, true) => "nearest passage",
            (false, false) => "best evidence",
        };
        r["relatedLocations"] = json!([related(found, what)]);
    }
    r
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

/// The line-free identity of a finding, hex.
pub fn fingerprint(f: &Finding<'_>) -> String {
    let quote = f.quote.map(|q| one_line(&q.text)).unwrap_or_default();
    let fields = [f.path, &f.claim.id, &quote, f.verdict.name()];
    format!("{:016x}", fnv1a64(&fields))
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
