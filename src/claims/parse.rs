//! The nom grammar of claims files.

use super::{ClaimsFile, Diagnostic};

/// Parses a claims file's text (without its byte-order mark).
pub fn parse(text: &str) -> Result<ClaimsFile, Vec<Diagnostic>> {
    let _ = text;
    todo!("parse")
}

/// Decodes and parses a claims file's bytes. Returns the text that spans and
/// diagnostics refer to (BOM stripped; lossy where the bytes are not UTF-8).
pub fn parse_bytes(bytes: &[u8]) -> (String, Result<ClaimsFile, Vec<Diagnostic>>) {
    let _ = bytes;
    todo!("parse_bytes")
}
