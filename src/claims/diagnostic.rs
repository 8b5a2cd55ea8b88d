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
            DiagnosticKind::Syntax => {
                "The text does not follow the grammar: an unknown statement, a missing or \
                 misplaced part, text after a complete statement, an unterminated string or \
                 raw block, a missing claim text, `lang` or `title` given twice."
            }
            DiagnosticKind::InvalidUtf8 => {
                "The file is not valid UTF-8; the message gives the offset of the first bad \
                 byte in the file."
            }
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
                "A string escape other than `\\\"` `\\\\` `\\n` `\\t` `\\u{HEX}`, or a \
                 `\\u{HEX}` that names no Unicode scalar value."
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
        line_column(text, self.span.start)
    }

    /// Renders the diagnostic as rustc does: title with code, `--> path:line:col`,
    /// the line (cut to a window around the fault when long) and a caret
    /// labelled with what was expected. `color` adds ANSI styles.
    pub fn render(&self, path: &str, text: &str, color: bool) -> String {
        render_error(
            self.kind.code(),
            &self.message,
            &self.expected,
            self.span.clone(),
            path,
            text,
            color,
        )
    }
}

/// Line and column (1-based; the column in characters) of byte `at` of
/// `text`; past the end, the end.
pub fn line_column(text: &str, at: usize) -> (usize, usize) {
    let start = floor_boundary(text, at);
    let before = &text[..start];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    let column = text[line_start..start].chars().count() + 1;
    (line, column)
}

/// Renders an error at `span` of the file at `path` as rustc does: title with
/// `code`, `--> path:line:col`, the line (cut to a window around the fault
/// when long) and a caret labelled with what was `expected`. Drafts' errors
/// use it too, so every input error reads alike.
pub fn render_error(
    code: &str,
    message: &str,
    expected: &str,
    span: Range<usize>,
    path: &str,
    text: &str,
    color: bool,
) -> String {
    use annotate_snippets::renderer::DEFAULT_LINE_NUM_STYLE;
    use annotate_snippets::{normalize_untrusted_str, AnnotationKind, Level, Renderer, Snippet};

    let (line_no, column) = line_column(text, span.start);
    let start = floor_boundary(text, span.start);
    let line_start = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let mut line_end = text[start..].find('\n').map_or(text.len(), |k| start + k);
    if text[line_start..line_end].ends_with('\r') {
        line_end -= 1;
    }
    let start = start.min(line_end);
    // Only the first line of a span that runs on is underlined.
    let end = floor_boundary(text, span.end.clamp(start, line_end));

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
    if !expected.is_empty() {
        annotation = annotation.label(format!("expected {expected}"));
    }
    // The snippet has no path: its column would count from the window.
    // The `-->` line, with the column in the whole line, is put in below.
    let message = message.replace(['\n', '\r'], " ");
    let title = Level::ERROR.primary_title(message.as_str()).id(code);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::parse;

    fn first(text: &str) -> Diagnostic {
        parse(text).unwrap_err().remove(0)
    }

    /// The column (in characters) of the first `^` of the rendered caret line.
    fn caret_column(rendered: &str) -> usize {
        let line = rendered.lines().find(|l| l.contains('^')).unwrap();
        line.chars().position(|c| c == '^').unwrap()
    }

    #[test]
    fn codes_names_and_descriptions_are_stable_and_distinct() {
        let codes: Vec<_> = DiagnosticKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(
            codes,
            ["E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009"]
        );
        let names: Vec<_> = DiagnosticKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(
            names,
            [
                "syntax",
                "invalid-utf8",
                "unknown-source-key",
                "duplicate-claim-id",
                "duplicate-source-key",
                "item-before-claim",
                "bad-locator",
                "bad-escape",
                "bad-expect"
            ]
        );
        let docs = include_str!("../../docs/claims-format.md");
        for k in DiagnosticKind::ALL {
            assert!(k.description().ends_with('.'), "{k}");
            let row = format!("| {} | `{}` | {} |", k.code(), k.name(), k.description());
            assert!(docs.contains(&row), "docs/claims-format.md lacks {row}");
            assert_eq!(k.to_string(), k.name());
        }
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "claim é: ¶ x\nsecond «line»\n";
        let at = |start: usize| Diagnostic {
            kind: DiagnosticKind::Syntax,
            span: start..start,
            message: String::new(),
            expected: String::new(),
        };
        assert_eq!(at(0).line_column(text), (1, 1));
        assert_eq!(at(text.find('x').unwrap()).line_column(text), (1, 12));
        assert_eq!(at(text.find("line").unwrap()).line_column(text), (2, 9));
        assert_eq!(at(text.len()).line_column(text), (3, 1));
        assert_eq!(at(text.len() + 100).line_column(text), (3, 1));
        // Inside a character: counted from the character's start.
        assert_eq!(at(text.find('é').unwrap() + 1).line_column(text), (1, 7));
    }

    #[test]
    fn renders_like_rustc() {
        let text = "source eo = \"eo.md\"\n\
                    claim c: The order sets up a program.\n\
                    \n  quote \"some words!\" @ foo ¶2\n";
        let d = first(text);
        assert_eq!(d.kind, DiagnosticKind::UnknownSourceKey);
        let out = d.render("claims/x.claims", text, false);
        let expected = "\
error[E003]: unknown source key `foo`
 --> claims/x.claims:4:25
  |
4 |   quote \"some words!\" @ foo ¶2
  |                         ^^^ expected one of the declared source keys: eo
";
        assert_eq!(out.trim_end(), expected.trim_end());
    }

    #[test]
    fn renders_syntax_errors_with_what_was_expected() {
        let text = "claim c: t\n  quote \"x\" @ s para\nsource s = \"p\"\n";
        let out = first(text).render("a.claims", text, false);
        assert!(out.starts_with("error[E001]: unexpected `para`\n"), "{out}");
        assert!(out.contains(" --> a.claims:2:17\n"), "{out}");
        assert!(out.contains("2 |   quote \"x\" @ s para\n"), "{out}");
        assert!(
            out.contains("^^^^ expected a locator: ¶N, line N, p. N, § \"…\", chars N..M"),
            "{out}"
        );
        assert_eq!(caret_column(&out), "2 |   quote \"x\" @ s ".chars().count());
    }

    #[test]
    fn renders_crlf_files_without_carriage_returns() {
        let text = "claim c: t\r\n  cite s ¶0\r\nsource s = \"p\"\r\n";
        let d = first(text);
        assert_eq!(d.kind, DiagnosticKind::BadLocator);
        let out = d.render("w.claims", text, false);
        assert!(!out.contains('\r'), "{out:?}");
        assert!(out.contains(" --> w.claims:2:10\n"), "{out}");
        assert!(out.contains("2 |   cite s ¶0\n"), "{out}");
        assert_eq!(caret_column(&out), "2 |   cite s ".chars().count());

        // A fault at a CRLF line end: the caret stands after the text.
        let text = "claim c: t\r\n  cite\r\n";
        let out = first(text).render("w.claims", text, false);
        assert!(out.contains(" --> w.claims:2:7\n"), "{out}");
        assert!(out.contains("unexpected end of line"), "{out}");
        assert_eq!(caret_column(&out), "2 |   cite".chars().count());
    }

    #[test]
    fn renders_a_fault_at_the_end_of_the_file() {
        let text = "claim c: t\n  cite";
        let out = first(text).render("e.claims", text, false);
        assert!(out.contains("unexpected end of file"), "{out}");
        assert!(out.contains(" --> e.claims:2:7\n"), "{out}");
        assert_eq!(caret_column(&out), "2 |   cite".chars().count());

        // After the last newline: an empty last line.
        let text = "claim c: t\n";
        let d = Diagnostic {
            kind: DiagnosticKind::Syntax,
            span: text.len()..text.len() + 5,
            message: "unexpected end of file".to_string(),
            expected: "more".to_string(),
        };
        let out = d.render("e.claims", text, false);
        assert!(out.contains(" --> e.claims:2:1\n"), "{out}");
        assert!(out.contains("^ expected more"), "{out}");
    }

    #[test]
    fn renders_a_window_of_a_huge_line() {
        let words = "word ".repeat(200_000);
        let text =
            format!("claim c: t\n  quote \"{words}\" @ nope ¶1 # {words}\nsource k = \"p\"\n");
        let d = first(&text);
        assert_eq!(d.kind, DiagnosticKind::UnknownSourceKey);
        let (line, col) = d.line_column(&text);
        assert_eq!((line, col), (2, 1_000_014));
        let out = d.render("big.claims", &text, false);
        assert!(out.len() < 1000, "{} bytes", out.len());
        assert!(out.contains(" --> big.claims:2:1000014\n"), "{out}");
        let source_line = out.lines().find(|l| l.starts_with("2 |")).unwrap();
        assert!(source_line.contains("... word word"), "{out}");
        assert!(source_line.ends_with("..."), "{out}");
        let nope = source_line.find("nope").unwrap();
        assert_eq!(caret_column(&out), source_line[..nope].chars().count());
    }

    #[test]
    fn renders_multibyte_lines_with_the_caret_in_place() {
        let text = "claim c: « é »\n  quote \"l’IA — oui\" @ nope\n";
        let out = first(text).render("m.claims", text, false);
        assert!(out.contains(" --> m.claims:2:24\n"), "{out}");
        let source_line = out.lines().find(|l| l.starts_with("2 |")).unwrap();
        let nope = source_line.find("nope").unwrap();
        assert_eq!(caret_column(&out), source_line[..nope].chars().count());
    }

    #[test]
    fn renders_with_color_on_request() {
        let text = "claim c: t\n  expect maybe\n";
        let d = first(text);
        assert_eq!(d.kind, DiagnosticKind::BadExpect);
        let plain = d.render("c.claims", text, false);
        let styled = d.render("c.claims", text, true);
        assert!(!plain.contains('\x1b'));
        assert!(styled.contains('\x1b'));
        assert!(styled.contains("E009"));
        assert!(styled.contains("c.claims:2:10"), "{styled:?}");
    }

    /// The example in docs/claims-format.md is real output.
    #[test]
    fn the_documented_rendering_is_what_render_gives() {
        let path = "tests/fixtures/errors/unknown-source-key.claims";
        let bytes = include_bytes!("../../tests/fixtures/errors/unknown-source-key.claims");
        let (text, result) = crate::claims::parse_bytes(bytes);
        let d = result.unwrap_err().remove(0);
        let out = d.render(path, &text, false);
        let docs = include_str!("../../docs/claims-format.md");
        assert!(docs.contains(out.trim_end()), "docs lack:\n{out}");
    }
}
