//! Quotes through citecheck's real pipeline: a claims text built in memory,
//! parsed by `claims::parse`, checked by `check::check_file` against the
//! novel loaded by `source::load`.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use citecheck::check::{check_file, LoadedSource, MatchPolicy, SourceSet};
use citecheck::report::QuoteReport;
use citecheck::source::{Document, LoadError};

/// Claims per claims file: a novel's quotes are checked in batches.
const BATCH: usize = 1_000;

/// A quote to check, with the locator written after `@ novel` (`¶12`), if any.
pub struct Probe {
    pub text: String,
    pub locator: Option<String>,
}

/// A novel loaded as a source.
pub struct Source {
    pub set: SourceSet,
    pub doc: Arc<Result<Document, LoadError>>,
    pub path: String,
}

impl Source {
    pub fn load(path: &Path) -> Source {
        let doc = Arc::new(citecheck::source::load(path));
        let path = path.to_string_lossy().into_owned();
        let set = SourceSet::new(vec![LoadedSource {
            key: "novel".to_string(),
            path: path.clone(),
            lang: None,
            document: doc.clone(),
        }]);
        Source { set, doc, path }
    }

    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref().as_ref().ok()
    }
}

/// A string in the claims format: `"` and `\` escaped, line ends and other
/// control characters as escapes.
pub fn claims_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checks every probe against the source; one report per probe, in order
/// (`None` where the pipeline gave none, which would be a harness fault).
pub fn check(source: &Source, probes: &[Probe]) -> Result<Vec<QuoteReport>, String> {
    let mut out = Vec::with_capacity(probes.len());
    for chunk in probes.chunks(BATCH) {
        let mut text = format!("source novel = {}\n", claims_string(&source.path));
        for (i, p) in chunk.iter().enumerate() {
            let _ = writeln!(text, "claim q{i}: quote {i}");
            let _ = write!(text, "  quote {} @ novel", claims_string(&p.text));
            if let Some(l) = &p.locator {
                let _ = write!(text, " {l}");
            }
            text.push('\n');
        }
        let file = citecheck::claims::parse(&text).map_err(|d| {
            let first = d.first().map(|d| d.message.clone()).unwrap_or_default();
            format!("the generated claims text was refused: {first}")
        })?;
        let report = check_file(
            "eval.claims",
            &text,
            &file,
            &source.set,
            &MatchPolicy::default(),
        );
        if report.claims.len() != chunk.len() {
            return Err(format!(
                "{} claims checked for {} quotes",
                report.claims.len(),
                chunk.len()
            ));
        }
        for claim in report.claims {
            let quote = claim
                .quotes
                .into_iter()
                .next()
                .ok_or("a claim came back without its quote")?;
            out.push(quote);
        }
    }
    Ok(out)
}
