use serde::Serialize;

/// Where a quote was found, in the source file as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The source key.
    pub source: String,
    pub path: String,
    /// 1-based line and column (in characters) of the first byte.
    pub line: usize,
    pub column: usize,
    /// Of the last character.
    pub end_line: usize,
    pub end_column: usize,
    /// The 1-based paragraph (block) the match starts in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// The printed page number the match starts on, for paginated sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// The page it ends on, when that is another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_page: Option<usize>,
    /// Byte offsets into the file as stored, end excluded.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The source lines the match covers, trimmed around it.
    pub excerpt: Vec<ExcerptLine>,
}

impl Location {
    /// `path:line:column (¶N, p. N)`, as a reader cites it.
    pub fn cite(&self) -> String {
        let mut s = format!("{}:{}:{}", self.path, self.line, self.column);
        let mut extra = Vec::new();
        if let Some(p) = self.paragraph {
            extra.push(format!("¶{p}"));
        }
        match (self.page, self.end_page) {
            (Some(p), Some(e)) => extra.push(format!("pp. {p}-{e}")),
            (Some(p), None) => extra.push(format!("p. {p}")),
            _ => {}
        }
        if !extra.is_empty() {
            s.push_str(&format!(" ({})", extra.join(", ")));
        }
        s
    }
}

/// One source line of an excerpt, with the marked part given in characters of
/// `text` (which may be cut around the match; `…` marks a cut).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcerptLine {
    pub line: usize,
    pub text: String,
    pub mark_start: usize,
    pub mark_end: usize,
    /// Words marked inside the line (characters of `text`, end excluded): for
    /// evidence, the claim's words the passage holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<[usize; 2]>,
}
