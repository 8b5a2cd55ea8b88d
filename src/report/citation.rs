use serde::Serialize;

/// Where a quote or a passage is said to stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The source key in the claims file.
    pub source: String,
    /// The source's path, relative to the working folder.
    pub path: String,
    /// The locator as a reader cites it (`¶2`, `lines 3-5`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.locator {
            Some(l) => write!(f, "{} {l}", self.source),
            None => f.write_str(&self.source),
        }
    }
}
