/// The output formats, one reporter each (docs/report-formats.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// For a person at a terminal: verdicts, citations, the source lines.
    #[default]
    Human,
    /// `path:line:column: CODE verdict: message`, one finding a line, then a
    /// summary line.
    Concise,
    /// The versioned JSON schema of docs/report-format.md.
    Json,
    /// One JSON object a line, one line per claim.
    JsonLines,
    /// GitHub Actions workflow commands, then the human report.
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML: a test suite per claims file, a test case per claim.
    Junit,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::JsonLines,
        Format::Github,
        Format::Sarif,
        Format::Junit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::JsonLines => "json-lines",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Formats meant for a person; every other one is for a program and never
    /// carries colours or a progress bar.
    pub fn is_human(self) -> bool {
        self == Format::Human
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("xml"), None);
    }
}
