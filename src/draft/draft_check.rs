//! A draft checked as a claims file: one claim per quotation.

use std::collections::HashMap;

use crate::check::{check_file, LineIndex, MatchPolicy, SourceSet};
use crate::claims::{Claim, ClaimsFile, Ident, Item, Locator, Quote, Str};
use crate::report::{DraftFinding, FileReport, Unchecked};
use crate::verdict::Verdict;

use super::codes::{verdict_code, BAD_SUPPRESSION, UNUSED_SUPPRESSION};
use super::suppression::{Directive, Suppressions};
use super::{Draft, Quotation};

/// What a draft run is asked: the settings of `citecheck.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSettings {
    /// Quotations with fewer words are skipped (and counted).
    pub min_quote_words: usize,
    /// The verdicts that fail the run.
    pub fail_on: Vec<Verdict>,
    /// Quotations not checked, compared with blanks and case folded.
    pub ignore_quotes: Vec<String>,
    /// How close a misquote is.
    pub policy: MatchPolicy,
}

impl Default for DraftSettings {
    fn default() -> Self {
        DraftSettings {
            min_quote_words: 4,
            fail_on: Verdict::ALL
                .into_iter()
                .filter(|v| *v != Verdict::Supported)
                .collect(),
            ignore_quotes: Vec::new(),
            policy: MatchPolicy::default(),
        }
    }
}

/// Checks the quotations of a draft against `sources`. `text` is the
/// draft's text (for positions), `path` how reports name it.
pub fn check_draft(
    path: &str,
    text: &str,
    draft: &Draft,
    sources: &SourceSet,
    settings: &DraftSettings,
) -> FileReport {
    let ignored: Vec<String> = settings.ignore_quotes.iter().map(|q| loose(q)).collect();
    let (mut short, mut ignored_n) = (0, 0);
    let mut checked: Vec<&Quotation> = Vec::new();
    for q in &draft.quotations {
        if q.words < settings.min_quote_words {
            short += 1;
        } else if ignored.contains(&loose(&q.text)) {
            ignored_n += 1;
        } else {
            checked.push(q);
        }
    }
    let file = claims_of(&checked);
    let mut report = check_file(path, text, &file, sources, &settings.policy);

    for (claim, q) in report.claims.iter_mut().zip(&checked) {
        claim.pass = !settings.fail_on.contains(&claim.verdict);
        let Some(quote) = claim.quotes.first_mut() else {
            continue;
        };
        match &q.citation {
            None => {
                quote.message = format!("unattributed: no citation follows it; {}", quote.message);
            }
            Some(c) => {
                if !sources.iter().any(|s| s.key == c.key) {
                    quote.message = format!(
                        "source `{}` is named neither in citecheck.toml nor in the front matter",
                        c.key
                    );
                }
                if let Some((written, why)) = &c.locator_error {
                    quote.message.push_str(&format!(
                        " (the locator `{written}` was not understood: {why}; the whole source was searched)"
                    ));
                }
            }
        }
    }

    // Suppressions silence findings; one that silences nothing is a finding.
    let index = LineIndex::new(text);
    let rules = Suppressions::new(&draft.suppressions, |o| index.line_column(o).0);
    let mut used = vec![false; draft.suppressions.len()];
    let mut suppressed = 0;
    let mut claims = Vec::new();
    for claim in std::mem::take(&mut report.claims) {
        if !claim.pass {
            if let Some(i) = rules.covering(claim.line, claim.verdict) {
                used[i] = true;
                suppressed += 1;
                continue;
            }
        }
        claims.push(claim);
    }
    report.claims = claims;
    let mut findings: Vec<(usize, DraftFinding)> = Vec::new();
    for (s, used) in draft.suppressions.iter().zip(used) {
        if used || s.directive == Directive::Enable {
            continue;
        }
        let (line, column) = index.line_column(s.span.start);
        let what = if s.verdicts.is_empty() {
            "any finding".to_string()
        } else {
            s.verdicts
                .iter()
                .map(|v| format!("{} {v}", verdict_code(*v)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let place = match s.directive {
            Directive::DisableNextLine => "on the next line",
            _ => "before its citecheck-enable",
        };
        findings.push((
            s.span.start,
            DraftFinding {
                code: UNUSED_SUPPRESSION.code.into(),
                name: UNUSED_SUPPRESSION.name.into(),
                message: format!(
                    "this suppression silences nothing: no quotation {place} has {what}; remove it"
                ),
                line,
                column,
            },
        ));
    }
    for b in &draft.bad_suppressions {
        let (line, column) = index.line_column(b.span.start);
        findings.push((
            b.span.start,
            DraftFinding {
                code: BAD_SUPPRESSION.code.into(),
                name: BAD_SUPPRESSION.name.into(),
                message: b.message.clone(),
                line,
                column,
            },
        ));
    }
    findings.sort_by_key(|(at, _)| *at);
    report.findings = findings.into_iter().map(|(_, f)| f).collect();
    report.unchecked = Some(Unchecked {
        short,
        min_quote_words: settings.min_quote_words,
        suppressed,
        ignored: ignored_n,
    });
    report
}

/// Blanks and case do not tell quotations apart.
fn loose(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One claim per quotation: its sentence, its words cited where the draft
/// cites them. Spans are draft offsets; a claim's span starts at its
/// quotation so that both report the quotation's place.
fn claims_of(quotations: &[&Quotation]) -> ClaimsFile {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let claims = quotations
        .iter()
        .map(|q| {
            let base = slug(&q.text);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            let (source, locator) = match &q.citation {
                Some(c) => (
                    Some(Ident {
                        name: c.key.clone(),
                        span: c.span.clone(),
                    }),
                    c.locator.clone().map(|kind| Locator {
                        kind,
                        span: c.span.clone(),
                    }),
                ),
                None => (None, None),
            };
            let quote = Quote {
                text: Str {
                    value: q.text.clone(),
                    span: q.span.clone(),
                },
                source,
                locator,
                span: q.span.clone(),
            };
            Claim {
                id: Ident {
                    name: id,
                    span: q.span.clone(),
                },
                text: Str {
                    value: q.sentence.clone(),
                    span: q.sentence_span.clone(),
                },
                items: vec![Item::Quote(quote)],
                span: q.span.start..q.sentence_span.end.max(q.span.end),
            }
        })
        .collect();
    ClaimsFile {
        sources: Vec::new(),
        claims,
    }
}

/// A claim id from the first words of a quotation: stable when lines move.
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        "quote".to_string()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_the_first_words() {
        assert_eq!(
            slug("L’IA américaine est officiellement ouverte au commerce"),
            "l-ia-américaine-est-officiellement"
        );
        assert_eq!(slug("…"), "quote");
    }
}
