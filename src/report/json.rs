//! The JSON reporter: the [`Report`] value as documented in
//! docs/report-format.md. No colours, no timings, stable key order.

use super::Report;

pub fn render(report: &Report) -> String {
    // Serializing plain data structs cannot fail.
    let mut out = serde_json::to_string_pretty(report).unwrap_or_default();
    out.push('\n');
    out
}
