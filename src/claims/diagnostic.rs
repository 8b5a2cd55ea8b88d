//! Errors in a claims file, with the place they stand and what was expected.

use std::ops::Range;

/// What kind of fault a diagnostic reports. Each has a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    /// The text does not follow the grammar.
    Syntax,
    /// The file is not valid UTF-8.
    InvalidUtf8,
    /// A quote or cite names a source key no `source` line declares.
    UnknownSourceKey,
    /// Two claims share an id.
    DuplicateClaimId,
    /// Two `source` lines declare the same key.
    DuplicateSourceKey,
    /// A `quote`, `cite` or `expect` line stands before any `claim`.
    ItemBeforeClaim,
    /// A locator that cannot be (`¶0`, `lines 9-3`, …).
    BadLocator,
    /// A string escape that is not `\" \\ \n \t \u{HEX}`.
    BadEscape,
    /// `expect` names no known verdict, or a claim has two `expect` lines.
    BadExpect,
}

/// One fault in a claims file. `span` is a byte range into the file text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub span: Range<usize>,
    /// What is wrong, in a few words: "unknown source key `foo`".
    pub message: String,
    /// What would have been right here: "a source key declared by a `source` line".
    pub expected: String,
}

impl DiagnosticKind {
    /// Every kind, in code order.
    pub const ALL: [DiagnosticKind; 9] = [
        DiagnosticKind::Syntax,
        DiagnosticKind::InvalidUtf8,
        DiagnosticKind::UnknownSourceKey,
        DiagnosticKind::DuplicateClaimId,
        DiagnosticKind::DuplicateSourceKey,
        DiagnosticKind::ItemBeforeClaim,
        DiagnosticKind::BadLocator,
        DiagnosticKind::BadEscape,
        DiagnosticKind::BadExpect,
    ];

    /// The stable code, as in `error[E003]`. Never renumbered.
    pub fn code(self) -> &'static str {
        match self {
            DiagnosticKind::Syntax => "E001",
            DiagnosticKind::InvalidUtf8 => "E002",
            DiagnosticKind::UnknownSourceKey => "E003",
            DiagnosticKind::DuplicateClaimId => "E004",
            DiagnosticKind::DuplicateSourceKey => "E005",
            DiagnosticKind::ItemBeforeClaim => "E006",
            DiagnosticKind::BadLocator => "E007",
            DiagnosticKind::BadEscape => "E008",
            DiagnosticKind::BadExpect => "E009",
        }
    }

    /// The stable kebab-case name, for JSON and fixture file names.
    pub fn name(self) -> &'static str {
        match self {
            DiagnosticKind::Syntax => "syntax",
            DiagnosticKind::InvalidUtf8 => "invalid-utf8",
            DiagnosticKind::UnknownSourceKey => "unknown-source-key",
            DiagnosticKind::DuplicateClaimId => "duplicate-claim-id",
            DiagnosticKind::DuplicateSourceKey => "duplicate-source-key",
            DiagnosticKind::ItemBeforeClaim => "item-before-claim",
            DiagnosticKind::BadLocator => "bad-locator",
            DiagnosticKind::BadEscape => "bad-escape",
            DiagnosticKind::BadExpect => "bad-expect",
        }
    }

    /// One sentence for `explain` and the docs.
    pub fn description(self) -> &'static str {
        match self {
            DiagnosticKind::Syntax => "The text does not follow the grammar of claims files.",
            DiagnosticKind::InvalidUtf8 => "The file is not valid UTF-8.",
            DiagnosticKind::UnknownSourceKey => {
                "A quote or cite names a source key that no `source` line declares."
            }
            DiagnosticKind::DuplicateClaimId => "Two claims share an id.",
            DiagnosticKind::DuplicateSourceKey => "Two `source` lines declare the same key.",
            DiagnosticKind::ItemBeforeClaim => {
                "A `quote`, `cite` or `expect` line stands before any `claim`."
            }
            DiagnosticKind::BadLocator => {
                "A locator that cannot be: a 0 where counting starts at 1, a range that ends \
                 before it starts, a number too large, an empty section title."
            }
            DiagnosticKind::BadEscape => {
                "A string escape other than \\\" \\\\ \\n \\t \\u{HEX} (HEX naming a Unicode \
                 scalar value)."
            }
            DiagnosticKind::BadExpect => {
                "`expect` names no known verdict, or a claim has two `expect` lines."
            }
        }
    }
}

impl std::fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How many characters of a line are shown around the fault at most.
const WINDOW_CHARS: usize = 120;
/// How many of them stand before the fault when the line is cut.
const WINDOW_BEFORE: usize = 40;

/// The largest char boundary of `text` at or below `at` (clamped to the end).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl Diagnostic {
    /// The 1-based line and column of the span's start in `text`; the column
    /// counts characters. A span past the end stands at the end.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let start = floor_boundary(text, self.span.start);
        let before = &text[..start];
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = before.rfind('\n').map_or(0, |k| k + 1);
        let column = text[line_start..start].chars().count() + 1;
        (line, column)
    }

    /// Renders the diagnostic as rustc does: title with code, `--> path:line:col`,
    /// the line (cut to a window around the fault when long) and a caret
    /// labelled with what was expected. `color` adds ANSI styles.
    pub fn render(&self, path: &str, text: &str, color: bool) -> String {
        use annotate_snippets::renderer::DEFAULT_LINE_NUM_STYLE;
        use annotate_snippets::{
            normalize_untrusted_str, AnnotationKind, Level, Renderer, Snippet,
        };

        let (line_no, column) = self.line_column(text);
        let start = floor_boundary(text, self.span.start);
        let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
        let mut line_end = text[start..].find('\n').map_or(text.len(), |k| start + k);
        if text[line_start..line_end].ends_with('\r') {
            line_end -= 1;
        }
        let start = start.min(line_end);
        // Only the first line of a span that runs on is underlined.
        let end = floor_boundary(text, self.span.end.clamp(start, line_end));

        let (mut from, mut to) = (line_start, line_end);
        if line_end - line_start > WINDOW_CHARS {
            from = text[line_start..start]
                .char_indices()
                .rev()
                .nth(WINDOW_BEFORE - 1)
                .map_or(line_start, |(k, _)| line_start + k);
            to = text[from..line_end]
                .char_indices()
                .nth(WINDOW_CHARS)
                .map_or(line_end, |(k, _)| from + k);
        }
        let prefix = if from > line_start { "..." } else { "" };
        let suffix = if to < line_end { "..." } else { "" };
        let shown = format!("{prefix}{}{suffix}", &text[from..to]);
        let shift = |at: usize| at.min(to) - from + prefix.len();

        let mut annotation = AnnotationKind::Primary.span(shift(start)..shift(end));
        if !self.expected.is_empty() {
            annotation = annotation.label(format!("expected {}", self.expected));
        }
        // The snippet has no path: its column would count from the window.
        // The `-->` line, with the column in the whole line, is put in below.
        let message = self.message.replace(['\n', '\r'], " ");
        let title = Level::ERROR
            .primary_title(message.as_str())
            .id(self.kind.code());
        let report = &[title.element(
            Snippet::source(shown)
                .line_start(line_no)
                .annotation(annotation),
        )];
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let body = renderer.render(report);

        let arrow = if color {
            let style = DEFAULT_LINE_NUM_STYLE;
            format!("{}-->{}", style.render(), style.render_reset())
        } else {
            "-->".to_string()
        };
        let gutter = line_no.to_string().len();
        let path = normalize_untrusted_str(path);
        let origin = format!("{:gutter$}{arrow} {path}:{line_no}:{column}", "");
        match body.split_once('\n') {
            Some((title, rest)) => format!("{title}\n{origin}\n{rest}"),
            None => format!("{body}\n{origin}"),
        }
    }
}
