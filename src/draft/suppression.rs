//! Suppressions written in a draft as HTML comments:
//! `<!-- citecheck-disable-next-line [CODE…] -->` for the line below, and
//! `<!-- citecheck-disable [CODE…] -->` … `<!-- citecheck-enable -->` for the
//! lines between. CODE is a verdict code (`CC002`) or name (`miscited`); with
//! none, every finding is suppressed. A suppression that suppresses nothing
//! is itself a finding (`CC100`).

use std::ops::Range;

use crate::verdict::Verdict;

use super::codes::verdict_named;
use super::prose::HtmlComment;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    DisableNextLine,
    Disable,
    Enable,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub directive: Directive,
    /// The verdicts it suppresses; empty: all.
    pub verdicts: Vec<Verdict>,
    /// Of the whole comment.
    pub span: Range<usize>,
}

/// A `citecheck-…` comment that is no suppression, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSuppression {
    pub message: String,
    pub span: Range<usize>,
}

/// Reads a comment: None when it is not addressed to citecheck.
pub fn parse(comment: &HtmlComment) -> Option<Result<Suppression, BadSuppression>> {
    let mut words = comment.text.split_whitespace();
    let head = words.next()?;
    if !head.starts_with("citecheck-") {
        return None;
    }
    let bad = |message: String| {
        Some(Err(BadSuppression {
            message,
            span: comment.span.clone(),
        }))
    };
    let directive = match head {
        "citecheck-disable-next-line" => Directive::DisableNextLine,
        "citecheck-disable" => Directive::Disable,
        "citecheck-enable" => Directive::Enable,
        other => {
            return bad(format!(
                "unknown directive `{other}`; expected citecheck-disable-next-line, \
                 citecheck-disable or citecheck-enable"
            ))
        }
    };
    let mut verdicts = Vec::new();
    for word in words.flat_map(|w| w.split(',')).filter(|w| !w.is_empty()) {
        match verdict_named(word) {
            Some(v) => verdicts.push(v),
            None => {
                return bad(format!(
                    "`{word}` names no verdict; expected codes CC000-CC006 or verdict names"
                ))
            }
        }
    }
    if directive == Directive::Enable && !verdicts.is_empty() {
        return bad("citecheck-enable takes no codes: it ends the last citecheck-disable".into());
    }
    Some(Ok(Suppression {
        directive,
        verdicts,
        span: comment.span.clone(),
    }))
}

/// What the suppressions of a draft cover, by line.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
struct Rule {
    /// Index into the draft's suppressions (the disabling one).
    index: usize,
    /// 1-based lines covered, inclusive.
    lines: Range<usize>,
    verdicts: Vec<Verdict>,
}

impl Suppressions {
    /// `line_of` gives the 1-based line of a draft offset. A `disable`
    /// without an `enable` runs to the end of the draft; an `enable` ends
    /// every open `disable`.
    pub fn new(list: &[Suppression], line_of: impl Fn(usize) -> usize) -> Self {
        let mut rules = Vec::new();
        let mut open: Vec<(usize, usize)> = Vec::new();
        for (index, s) in list.iter().enumerate() {
            let end_line = line_of(s.span.end.saturating_sub(1).max(s.span.start));
            match s.directive {
                Directive::DisableNextLine => rules.push(Rule {
                    index,
                    lines: end_line + 1..end_line + 2,
                    verdicts: s.verdicts.clone(),
                }),
                Directive::Disable => open.push((index, end_line)),
                Directive::Enable => {
                    let start_line = line_of(s.span.start);
                    for (i, from) in open.drain(..) {
                        rules.push(Rule {
                            index: i,
                            lines: from..start_line + 1,
                            verdicts: list[i].verdicts.clone(),
                        });
                    }
                }
            }
        }
        for (i, from) in open {
            rules.push(Rule {
                index: i,
                lines: from..usize::MAX,
                verdicts: list[i].verdicts.clone(),
            });
        }
        Suppressions { rules }
    }

    /// The suppression (its index) that covers a finding with `verdict` on
    /// `line`, if any. Next-line suppressions are tried first.
    pub fn covering(&self, line: usize, verdict: Verdict) -> Option<usize> {
        self.rules
            .iter()
            .find(|r| {
                r.lines.contains(&line) && (r.verdicts.is_empty() || r.verdicts.contains(&verdict))
            })
            .map(|r| r.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::LineIndex;
    use crate::draft::prose;

    fn parsed(md: &str) -> Vec<Result<Suppression, BadSuppression>> {
        prose::read(md).comments.iter().filter_map(parse).collect()
    }

    fn rules(md: &str) -> Suppressions {
        let list: Vec<Suppression> = parsed(md).into_iter().map(|r| r.unwrap()).collect();
        let index = LineIndex::new(md);
        Suppressions::new(&list, |o| index.line_column(o).0)
    }

    #[test]
    fn directives_and_codes() {
        let md = "<!-- citecheck-disable-next-line CC002 unsupported -->\n\
                  text <!-- citecheck-enable --> <!-- a plain comment -->\n";
        let list = parsed(md);
        assert_eq!(list.len(), 2);
        let s = list[0].as_ref().unwrap();
        assert_eq!(s.directive, Directive::DisableNextLine);
        assert_eq!(s.verdicts, vec![Verdict::Miscited, Verdict::Unsupported]);
        assert_eq!(list[1].as_ref().unwrap().directive, Directive::Enable);
    }

    #[test]
    fn bad_directives_and_codes_are_reported() {
        let md = "<!-- citecheck-disable-line -->\n\n<!-- citecheck-disable CC999 -->\n";
        let list = parsed(md);
        assert!(list[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("unknown directive"));
        assert!(list[1].as_ref().unwrap_err().message.contains("CC999"));
    }

    #[test]
    fn next_line_covers_only_the_next_line() {
        let md = "<!-- citecheck-disable-next-line -->\nline two\nline three\n";
        let s = rules(md);
        assert_eq!(s.covering(2, Verdict::Miscited), Some(0));
        assert_eq!(s.covering(3, Verdict::Miscited), None);
        assert_eq!(s.covering(1, Verdict::Miscited), None);
    }

    #[test]
    fn ranges_run_to_enable_or_the_end() {
        let md = "a\n<!-- citecheck-disable miscited -->\nb\nc\n<!-- citecheck-enable -->\nd\n\n<!-- citecheck-disable -->\ne\n";
        let s = rules(md);
        assert_eq!(s.covering(1, Verdict::Miscited), None);
        assert_eq!(s.covering(3, Verdict::Miscited), Some(0));
        assert_eq!(s.covering(4, Verdict::Unsupported), None);
        assert_eq!(s.covering(6, Verdict::Miscited), None);
        assert_eq!(s.covering(9, Verdict::Unsupported), Some(2));
        assert_eq!(s.covering(1000, Verdict::Unsupported), Some(2));
    }
}
