//! A draft checked as a claims file: one claim per quotation, and one per
//! sentence that cites a source without quoting it (or, with `claims =
//! "all"`, per sentence at all).

use std::collections::HashMap;

use crate::check::{check_file, LineIndex, MatchPolicy, SourceSet};
use crate::claims::{Cite, Claim, ClaimsFile, Ident, Item, Locator, Quote, Str};
use crate::report::{DraftFinding, FileReport, Unchecked};
use crate::verdict::Verdict;

use super::codes::{verdict_code, BAD_SUPPRESSION, UNUSED_SUPPRESSION};
use super::suppression::{Directive, Suppressions};
use super::{Draft, Quotation, Sentence};

/// Which sentences of a draft are claims (`claims` in citecheck.toml,
/// `--claims`). Quotations are checked in every mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClaimsMode {
    /// Only the quotations.
    Quotes,
    /// Also every sentence that cites a source and holds no quotation that
    /// is checked: a paraphrase of what it cites.
    #[default]
    Cited,
    /// Also every other sentence, checked against every source.
    All,
}

impl ClaimsMode {
    pub const ALL: [ClaimsMode; 3] = [ClaimsMode::Quotes, ClaimsMode::Cited, ClaimsMode::All];

    pub fn name(self) -> &'static str {
        match self {
            ClaimsMode::Quotes => "quotes",
            ClaimsMode::Cited => "cited",
            ClaimsMode::All => "all",
        }
    }

    pub fn named(name: &str) -> Option<ClaimsMode> {
        ClaimsMode::ALL.into_iter().find(|m| m.name() == name)
    }
}

impl std::fmt::Display for ClaimsMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a draft run is asked: the settings of `citecheck.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSettings {
    /// Quotations with fewer words are skipped (and counted); sentences
    /// with fewer words are fragments, never claims.
    pub min_quote_words: usize,
    /// The verdicts that fail the run.
    pub fail_on: Vec<Verdict>,
    /// Quotations not checked, compared with blanks and case folded.
    pub ignore_quotes: Vec<String>,
    /// Which sentences are claims.
    pub claims: ClaimsMode,
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
            claims: ClaimsMode::default(),
            policy: MatchPolicy::default(),
        }
    }
}

/// What a claim of the draft stands for.
enum Part<'a> {
    Quotation(&'a Quotation),
    Sentence(&'a Sentence),
}

impl Part<'_> {
    fn start(&self) -> usize {
        match self {
            Part::Quotation(q) => q.span.start,
            Part::Sentence(s) => s.span.start,
        }
    }
}

/// Checks the quotations and sentences of a draft against `sources`.
/// `text` is the draft's text (for positions), `path` how reports name it.
pub fn check_draft(
    path: &str,
    text: &str,
    draft: &Draft,
    sources: &SourceSet,
    settings: &DraftSettings,
) -> FileReport {
    let ignored: Vec<String> = settings.ignore_quotes.iter().map(|q| loose(q)).collect();
    let is_checked =
        |q: &Quotation| q.words >= settings.min_quote_words && !ignored.contains(&loose(&q.text));
    let (mut short, mut ignored_n) = (0, 0);
    let mut parts: Vec<Part> = Vec::new();
    for q in &draft.quotations {
        if q.words < settings.min_quote_words {
            short += 1;
        } else if !is_checked(q) {
            ignored_n += 1;
        } else {
            parts.push(Part::Quotation(q));
        }
    }
    for s in &draft.sentences {
        let quoted = s
            .quotations
            .iter()
            .any(|i| draft.quotations.get(*i).is_some_and(is_checked));
        let wanted = match settings.claims {
            ClaimsMode::Quotes => false,
            ClaimsMode::Cited => !s.citations.is_empty(),
            ClaimsMode::All => true,
        };
        if wanted && !quoted && s.words >= settings.min_quote_words {
            parts.push(Part::Sentence(s));
        }
    }
    parts.sort_by_key(Part::start);
    let file = claims_of(&parts);
    let mut report = check_file(path, text, &file, sources, &settings.policy);
    let unknown = |key: &str| !sources.iter().any(|s| s.key == key);
    let named_nowhere = |key: &str| {
        format!("source `{key}` is named neither in citecheck.toml nor in the front matter")
    };

    for (claim, part) in report.claims.iter_mut().zip(&parts) {
        claim.pass = !settings.fail_on.contains(&claim.verdict);
        match part {
            Part::Quotation(q) => {
                let Some(quote) = claim.quotes.first_mut() else {
                    continue;
                };
                match &q.citation {
                    None => {
                        quote.message =
                            format!("unattributed: no citation follows it; {}", quote.message);
                    }
                    Some(c) => {
                        if unknown(&c.key) {
                            quote.message = named_nowhere(&c.key);
                        }
                        if let Some((written, why)) = &c.locator_error {
                            quote.message.push_str(&not_understood(written, why));
                        }
                    }
                }
            }
            Part::Sentence(s) => {
                if let Some(c) = s.citations.iter().find(|c| unknown(&c.key)) {
                    claim.message = Some(named_nowhere(&c.key));
                }
                for (written, why) in s.citations.iter().filter_map(|c| c.locator_error.as_ref()) {
                    let message = claim.message.get_or_insert_with(String::new);
                    message.push_str(&not_understood(written, why));
                }
                if s.citations.is_empty() {
                    if let Some(m) = &mut claim.message {
                        *m = format!("uncited: no citation in the sentence; {m}");
                    }
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
                    "this suppression silences nothing: no claim {place} has {what}; remove it"
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

/// The note on a citation whose locator could not be read.
fn not_understood(written: &str, why: &str) -> String {
    format!(" (the locator `{written}` was not understood: {why}; the whole source was searched)")
}

/// One claim per part, in draft order. A quotation's claim is its sentence
/// with its words cited where the draft cites them, its span starting at the
/// quotation so that both report the quotation's place. A sentence's claim
/// is its words with a `cite` per citation it holds (none: every source).
/// Spans are draft offsets.
fn claims_of(parts: &[Part]) -> ClaimsFile {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut id = |words: &str| {
        let base = slug(words);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}-{n}")
        }
    };
    let claims = parts
        .iter()
        .map(|part| match part {
            Part::Quotation(q) => quotation_claim(q, id(&q.text)),
            Part::Sentence(s) => sentence_claim(s, id(&s.text)),
        })
        .collect();
    ClaimsFile {
        sources: Vec::new(),
        claims,
    }
}

fn quotation_claim(q: &Quotation, id: String) -> Claim {
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
}

/// A sentence as a claims file's `claim` with its `cite` lines: the same
/// paraphrase check. A citation given twice is cited once.
fn sentence_claim(s: &Sentence, id: String) -> Claim {
    let mut items: Vec<Item> = Vec::new();
    for c in &s.citations {
        let twice = items.iter().any(|i| {
            matches!(i, Item::Cite(x) if x.source.name == c.key
                && x.locator.as_ref().map(|l| &l.kind) == c.locator.as_ref())
        });
        if twice {
            continue;
        }
        items.push(Item::Cite(Cite {
            source: Ident {
                name: c.key.clone(),
                span: c.span.clone(),
            },
            locator: c.locator.clone().map(|kind| Locator {
                kind,
                span: c.span.clone(),
            }),
            span: c.span.clone(),
        }));
    }
    Claim {
        id: Ident {
            name: id,
            span: s.span.clone(),
        },
        text: Str {
            value: s.text.clone(),
            span: s.span.clone(),
        },
        items,
        span: s.span.clone(),
    }
}

/// A claim id from the first words of a quotation or a sentence: stable when
/// lines move.
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
    fn claims_modes_by_name() {
        for m in ClaimsMode::ALL {
            assert_eq!(ClaimsMode::named(m.name()), Some(m));
        }
        assert_eq!(ClaimsMode::named("Cited"), None);
        assert_eq!(ClaimsMode::default(), ClaimsMode::Cited);
    }

    #[test]
    fn slugs_are_the_first_words() {
        assert_eq!(
            slug("L’IA américaine est officiellement ouverte au commerce"),
            "l-ia-américaine-est-officiellement"
        );
        assert_eq!(slug("…"), "quote");
    }
}
