//! The typed syntax tree of a claims file. Every node keeps its byte span in
//! the file (after the byte-order mark, if any, which spans count from).

use std::ops::Range;

use crate::verdict::Verdict;

/// Byte range into the claims file text.
pub type Span = Range<usize>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimsFile {
    pub sources: Vec<SourceDecl>,
    pub claims: Vec<Claim>,
}

/// An identifier: a source key or a claim id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal with its escapes resolved; `span` covers the delimiters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Str {
    pub value: String,
    pub span: Span,
}

/// `source KEY = "PATH" [lang CODE] [title "TEXT"]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDecl {
    pub key: Ident,
    pub path: Str,
    pub lang: Option<Ident>,
    pub title: Option<Str>,
    pub span: Span,
}

/// `claim ID: TEXT` and the items below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: Ident,
    pub text: Str,
    pub items: Vec<Item>,
    /// From `claim` to the end of its last item (or of its text).
    pub span: Span,
}

impl Claim {
    /// The `claim ID: TEXT` part of the span, without the items.
    pub fn header_span(&self) -> Span {
        self.span.start..self.text.span.end
    }

    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        self.items.iter().filter_map(|i| match i {
            Item::Quote(q) => Some(q),
            _ => None,
        })
    }

    pub fn cites(&self) -> impl Iterator<Item = &Cite> {
        self.items.iter().filter_map(|i| match i {
            Item::Cite(c) => Some(c),
            _ => None,
        })
    }

    pub fn expect(&self) -> Option<&Expect> {
        self.items.iter().find_map(|i| match i {
            Item::Expect(e) => Some(e),
            _ => None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Quote(Quote),
    Cite(Cite),
    Expect(Expect),
}

/// `quote "TEXT" [@ KEY [LOCATOR]]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub text: Str,
    pub source: Option<Ident>,
    pub locator: Option<Locator>,
    pub span: Span,
}

/// `cite KEY [LOCATOR]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub source: Ident,
    pub locator: Option<Locator>,
    pub span: Span,
}

/// `expect VERDICT`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    pub verdict: Verdict,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locator {
    pub kind: LocatorKind,
    pub span: Span,
}

/// Where a quote or a cited passage is said to stand. Numbers are as written:
/// paragraphs, lines and pages are 1-based and inclusive; chars are 0-based,
/// end excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocatorKind {
    Paragraphs { start: usize, end: usize },
    Lines { start: usize, end: usize },
    Pages { start: usize, end: usize },
    Section(String),
    Chars { start: usize, end: usize },
}

impl std::fmt::Display for LocatorKind {
    /// The canonical spelling, as a reader cites it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LocatorKind::Paragraphs { start, end } if start == end => write!(f, "¶{start}"),
            LocatorKind::Paragraphs { start, end } => write!(f, "¶{start}-{end}"),
            LocatorKind::Lines { start, end } if start == end => write!(f, "line {start}"),
            LocatorKind::Lines { start, end } => write!(f, "lines {start}-{end}"),
            LocatorKind::Pages { start, end } if start == end => write!(f, "p. {start}"),
            LocatorKind::Pages { start, end } => write!(f, "pp. {start}-{end}"),
            LocatorKind::Section(s) => write!(f, "§ {s:?}"),
            LocatorKind::Chars { start, end } => write!(f, "chars {start}..{end}"),
        }
    }
}
