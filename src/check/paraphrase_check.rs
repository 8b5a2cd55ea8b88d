//! A claim's own words against the passages it cites (`cite KEY [LOCATOR]`),
//! or against every source when it neither quotes nor cites; and the facts of
//! a quote claim against the paragraphs its quotes stand in.

use std::ops::Range;

use crate::claims::Claim;
use crate::report::{FactConflictReport, QuoteReport, SupportReport};
use crate::source::{locator, Document};
use crate::support::{
    check_support, compare_facts, FactConflict, Lang, SentencePassages, SupportLevel,
};
use crate::verdict::Verdict;

use super::excerpt::evidence_location;
use super::{LoadedSource, SourceSet};

/// Sentences and windows of up to this many sentences are the candidates.
const WINDOW: usize = 2;

pub struct ParaphraseOutcome {
    pub verdict: Verdict,
    pub message: String,
    pub support: Option<SupportReport>,
    pub conflicts: Vec<FactConflictReport>,
}

/// A stretch of one source that a claim is checked against.
struct Target<'a> {
    source: &'a LoadedSource,
    doc: &'a Document,
    /// Range of `doc.text`.
    text: Range<usize>,
    /// Where its passages start in the joined coordinates given to `support`.
    base: usize,
}

pub fn check_paraphrase(claim: &Claim, sources: &SourceSet) -> ParaphraseOutcome {
    let targets = match targets(claim, sources) {
        Ok(t) => t,
        Err((verdict, message)) => {
            return ParaphraseOutcome {
                verdict,
                message,
                support: None,
                conflicts: Vec::new(),
            }
        }
    };
    let source_lang = targets.first().map_or(Lang::En, |t| lang_of(t.source));
    let claim_lang = Lang::guess(&claim.text.value);
    // The sentences of each target, held as ranges; passages are made from
    // them when read.
    let candidates: Vec<SentencePassages> = targets
        .iter()
        .map(|t| {
            SentencePassages::new(
                &t.doc.text[t.text.clone()],
                lang_of(t.source),
                WINDOW,
                t.base,
            )
        })
        .collect();
    let result = check_support(
        &claim.text.value,
        claim_lang,
        candidates.as_slice(),
        source_lang,
    );
    drop(candidates);
    let evidence = result
        .evidence
        .iter()
        .filter_map(|e| {
            let (t, text) = locate(&targets, e.range.clone())?;
            let words: Vec<Range<usize>> = e
                .matched
                .iter()
                .map(|m| text.start + m.start..text.start + m.end)
                .collect();
            Some(evidence_location(t.source, t.doc, text, &words))
        })
        .collect();
    let conflicts: Vec<FactConflictReport> = result
        .conflicts
        .iter()
        .filter_map(|c| conflict_report(c, &claim.text.value, &targets))
        .collect();
    let (scope, s) = if claim.cites().next().is_some() {
        ("the cited passage", "s")
    } else {
        ("the sources", "")
    };
    let score = (result.score * 1000.0).round() / 1000.0;
    let (verdict, message) = match result.level {
        SupportLevel::Contradicted => (
            Verdict::Contradicted,
            conflicts
                .first()
                .map(|c| {
                    format!(
                        "{scope} say{s} \"{}\" where the claim says \"{}\"",
                        c.source, c.claim
                    )
                })
                .unwrap_or_else(|| format!("{scope} disagree{s} with the claim on a fact")),
        ),
        SupportLevel::Supported => (
            Verdict::Supported,
            format!("{scope} support{s} the claim (score {score})"),
        ),
        SupportLevel::Partial => (
            Verdict::Partial,
            format!(
                "{scope} support{s} part of the claim (score {score}); nothing in it for {}",
                quoted_list(&result.missing)
            ),
        ),
        SupportLevel::Unsupported => (
            Verdict::Unsupported,
            format!(
                "{scope} {} not support the claim (score {score})",
                if s.is_empty() { "do" } else { "does" }
            ),
        ),
    };
    ParaphraseOutcome {
        verdict,
        message,
        support: Some(SupportReport {
            score,
            evidence,
            missing: result.missing.clone(),
        }),
        conflicts,
    }
}

/// The facts of a claim against the paragraph each of its quotes was found
/// in: a claim may quote right and still state a wrong number.
pub fn check_quote_facts(
    claim: &Claim,
    quotes: &[QuoteReport],
    sources: &SourceSet,
) -> Vec<FactConflictReport> {
    let claim_lang = Lang::guess(&claim.text.value);
    let mut out: Vec<FactConflictReport> = Vec::new();
    for loc in quotes.iter().filter_map(|q| q.location.as_ref()) {
        let Some(source) = sources.get(&loc.source) else {
            continue;
        };
        let Ok(doc) = source.document.as_ref() else {
            continue;
        };
        let at = doc.raw_to_text(loc.byte_start..loc.byte_end).start;
        let Some(block) = doc.block_at(at) else {
            continue;
        };
        let text = &doc.text[block.text.clone()];
        let target = Target {
            source,
            doc,
            text: block.text.clone(),
            base: 0,
        };
        for c in compare_facts(&claim.text.value, claim_lang, text, lang_of(source)) {
            let c = FactConflict {
                evidence_range: 0..text.len(),
                ..c
            };
            if let Some(report) =
                conflict_report(&c, &claim.text.value, std::slice::from_ref(&target))
            {
                if !out
                    .iter()
                    .any(|o| o.location == report.location && o.claim == report.claim)
                {
                    out.push(report);
                }
            }
        }
    }
    out
}

fn targets<'a>(
    claim: &Claim,
    sources: &'a SourceSet,
) -> Result<Vec<Target<'a>>, (Verdict, String)> {
    let mut out: Vec<Target> = Vec::new();
    let mut base = 0;
    let mut push = |source: &'a LoadedSource,
                    doc: &'a Document,
                    text: Range<usize>,
                    out: &mut Vec<Target<'a>>| {
        let len = text.len();
        out.push(Target {
            source,
            doc,
            text,
            base,
        });
        base += len + 1;
    };
    let cites: Vec<_> = claim.cites().collect();
    if cites.is_empty() {
        for source in sources.iter() {
            if let Ok(doc) = source.document.as_ref() {
                push(source, doc, 0..doc.text.len(), &mut out);
            }
        }
        if out.is_empty() {
            return Err((
                Verdict::Unverifiable,
                "no source of the file could be read".to_string(),
            ));
        }
        return Ok(out);
    }
    for cite in cites {
        let key = &cite.source.name;
        let source = sources.get(key).ok_or_else(|| {
            (
                Verdict::Unverifiable,
                format!("source `{key}` is not declared"),
            )
        })?;
        let doc = source.document.as_ref().as_ref().map_err(|e| {
            (
                Verdict::Unverifiable,
                format!("source `{key}` ({}) could not be read: {e}", source.path),
            )
        })?;
        let text = match &cite.locator {
            None => 0..doc.text.len(),
            Some(l) => match locator::resolve(doc, &l.kind) {
                Ok(folded) => whole_blocks(doc, doc.folded_to_text(folded)),
                Err(e) => {
                    return Err((
                        Verdict::Unsupported,
                        format!("the citation {key} {} names nothing: {}", l.kind, e.0),
                    ))
                }
            },
        };
        push(source, doc, text, &mut out);
    }
    Ok(out)
}

/// A cited range widened to the paragraphs it touches: `line 38` cites the
/// sentence that runs on from it, not half of it.
fn whole_blocks(doc: &Document, text: Range<usize>) -> Range<usize> {
    let first = doc.blocks.iter().find(|b| b.text.end > text.start);
    let last = doc
        .blocks
        .iter()
        .rev()
        .find(|b| b.text.start < text.end.max(text.start + 1));
    match (first, last) {
        (Some(f), Some(l)) if f.text.start <= l.text.end => {
            f.text.start.min(text.start)..l.text.end.max(text.end)
        }
        _ => text,
    }
}

/// The target holding a joined range, and the range in its `doc.text`.
fn locate<'t, 'a>(
    targets: &'t [Target<'a>],
    joined: Range<usize>,
) -> Option<(&'t Target<'a>, Range<usize>)> {
    let t = targets.iter().rev().find(|t| t.base <= joined.start)?;
    let start = t.text.start + (joined.start - t.base);
    let end = (t.text.start + (joined.end - t.base)).min(t.text.end);
    (start <= end).then_some((t, start..end))
}

fn conflict_report(
    c: &FactConflict,
    claim: &str,
    targets: &[Target],
) -> Option<FactConflictReport> {
    let (t, passage) = locate(targets, c.evidence_range.clone())?;
    let fact = passage.start + c.evidence.range.start..passage.start + c.evidence.range.end;
    let source_text = t
        .doc
        .text
        .get(fact.clone())?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(FactConflictReport {
        kind: format!("{:?}", c.claim.kind).to_lowercase(),
        claim: claim
            .get(c.claim.range.clone())
            .unwrap_or_default()
            .to_string(),
        claim_value: c.claim.value.clone(),
        source: source_text,
        source_value: c.evidence.value.clone(),
        location: evidence_location(t.source, t.doc, fact.clone(), &[fact]),
    })
}

fn lang_of(source: &LoadedSource) -> Lang {
    source.lang.as_deref().map_or(Lang::En, Lang::from_tag)
}

fn quoted_list(words: &[String]) -> String {
    let shown: Vec<String> = words.iter().take(8).map(|w| format!("\"{w}\"")).collect();
    let more = words.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
