//! `citecheck.toml`: the sources a newsroom checks against, the thresholds,
//! the shortest quotation worth checking, the verdicts that fail a run, and
//! what to ignore. Found upward from the working folder ([`discover`]),
//! named with `--config PATH`, or left out with `--isolated`. Paths in it
//! are relative to the file.
//!
//! ```toml
//! min-quote-words = 4
//! claims = "cited"   # which sentences of a draft are claims: "quotes", "cited" or "all"
//! fail-on = ["miscited", "misquoted", "unsupported", "contradicted", "partial", "unverifiable"]
//!
//! [sources]
//! eo = { path = "seeds/2025-07-23-promoting-the-export-of-the-american-ai-technology-stack.md", lang = "en", title = "EO 14320" }
//!
//! [thresholds]
//! misquote-similarity = 0.6
//!
//! [ignore]
//! paths = ["drafts/archive/**"]
//! quotes = ["Make America Great Again"]
//! ```
//!
//! Unknown keys and bad values are errors with the file's line and column.

mod config_error;
mod discover;
mod glob;
mod raw;

use std::path::{Path, PathBuf};

pub use config_error::ConfigError;
pub use discover::{discover, FILE_NAME};
pub use glob::glob_match;

use crate::check::{MatchPolicy, DEFAULT_MISQUOTE_SIMILARITY};
use crate::draft::codes::verdict_named;
use crate::draft::ClaimsMode;
use crate::verdict::Verdict;

/// A source named by the configuration, its path resolved against the
/// configuration's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigSource {
    pub key: String,
    /// As written in the file.
    pub written: String,
    /// Resolved: the configuration's folder joined with `written`.
    pub path: PathBuf,
    pub lang: Option<String>,
    pub title: Option<String>,
}

/// The configuration in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file it was read from; None: the defaults.
    pub file: Option<PathBuf>,
    pub sources: Vec<ConfigSource>,
    pub min_quote_words: usize,
    pub fail_on: Vec<Verdict>,
    /// Which sentences of a draft are claims.
    pub claims: ClaimsMode,
    /// The lowest word similarity of a misquote: the share of the words of
    /// the quote aligned with its passage that are the same (docs/matching.md).
    pub misquote_similarity: f64,
    /// Glob patterns (relative to the configuration's folder) of drafts not
    /// read when a folder is searched.
    pub ignore_paths: Vec<String>,
    /// Quotations not checked (blanks and case aside).
    pub ignore_quotes: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            sources: Vec::new(),
            min_quote_words: 4,
            fail_on: default_fail_on(),
            claims: ClaimsMode::default(),
            misquote_similarity: DEFAULT_MISQUOTE_SIMILARITY,
            ignore_paths: Vec::new(),
            ignore_quotes: Vec::new(),
        }
    }
}

/// Every verdict but `supported`.
pub fn default_fail_on() -> Vec<Verdict> {
    Verdict::ALL
        .into_iter()
        .filter(|v| *v != Verdict::Supported)
        .collect()
}

impl Config {
    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::io(path, &e))?;
        Config::parse(&text, path)
    }

    /// Parses the text of a configuration file found at `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let raw: raw::RawConfig =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let at = |span: std::ops::Range<usize>, message: String, expected: &str| {
            ConfigError::at(path, text, span.start, message, expected)
        };
        let folder = path.parent().unwrap_or(Path::new(""));
        let mut config = Config {
            file: Some(path.to_path_buf()),
            ..Config::default()
        };
        if let Some(n) = raw.min_quote_words {
            if *n.get_ref() == 0 {
                return Err(at(
                    n.span(),
                    "min-quote-words is 0".into(),
                    "a number of words from 1 up",
                ));
            }
            config.min_quote_words = n.into_inner();
        }
        if let Some(list) = raw.fail_on {
            config.fail_on = Vec::new();
            for name in list {
                match verdict_named(name.get_ref()) {
                    Some(v) if !config.fail_on.contains(&v) => config.fail_on.push(v),
                    Some(_) => {}
                    None => {
                        return Err(at(
                            name.span(),
                            format!("`{}` is no verdict", name.get_ref()),
                            "verdict names (supported, miscited, misquoted, contradicted, \
                             partial, unsupported, unverifiable) or codes CC000-CC006",
                        ))
                    }
                }
            }
        }
        if let Some(name) = raw.claims {
            config.claims = ClaimsMode::named(name.get_ref()).ok_or_else(|| {
                at(
                    name.span(),
                    format!("claims is `{}`", name.get_ref()),
                    "\"quotes\" (quotations only), \"cited\" (also cited sentences) or \"all\" (every sentence)",
                )
            })?;
        }
        if let Some(t) = raw.thresholds {
            if let Some(s) = t.misquote_similarity {
                let v = *s.get_ref();
                if !(0.0..=1.0).contains(&v) {
                    return Err(at(
                        s.span(),
                        format!("misquote-similarity is {v}"),
                        "a share between 0 and 1",
                    ));
                }
                config.misquote_similarity = v;
            }
        }
        for (key, spec) in raw.sources.unwrap_or_default() {
            let span = spec.span();
            let spec = spec.into_inner();
            if spec.path.trim().is_empty() {
                return Err(at(
                    span,
                    format!("source `{key}` has an empty path"),
                    "a path",
                ));
            }
            config.sources.push(ConfigSource {
                path: folder.join(&spec.path),
                written: spec.path,
                key,
                lang: spec.lang,
                title: spec.title,
            });
        }
        if let Some(ignore) = raw.ignore {
            config.ignore_paths = ignore.paths.unwrap_or_default();
            config.ignore_quotes = ignore.quotes.unwrap_or_default();
        }
        Ok(config)
    }

    /// What the quote check is told about misquotes.
    pub fn match_policy(&self) -> MatchPolicy {
        MatchPolicy {
            misquote_similarity: self.misquote_similarity,
        }
    }

    /// The folder paths in the configuration are relative to.
    pub fn folder(&self) -> &Path {
        self.file
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }

    /// Whether a draft found in a folder search is ignored.
    pub fn ignores(&self, draft: &Path) -> bool {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let (folder, draft) = (absolute(self.folder()), absolute(draft));
        let relative = draft.strip_prefix(&folder).unwrap_or(&draft);
        let relative = relative.to_string_lossy().replace('\\', "/");
        self.ignore_paths.iter().any(|p| glob_match(p, &relative))
    }

    /// The configuration in force as TOML, every key with its value.
    pub fn dump(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        match &self.file {
            Some(f) => {
                let _ = writeln!(out, "# configuration from {}", f.display());
            }
            None => out.push_str("# no citecheck.toml: the defaults\n"),
        }
        let _ = writeln!(out, "min-quote-words = {}", self.min_quote_words);
        let fail_on: Vec<String> = self.fail_on.iter().map(|v| toml_string(v.name())).collect();
        let _ = writeln!(out, "fail-on = [{}]", fail_on.join(", "));
        let _ = writeln!(out, "claims = {}", toml_string(self.claims.name()));
        out.push_str("\n[sources]\n");
        for s in &self.sources {
            let mut fields = vec![format!("path = {}", toml_string(&s.written))];
            if let Some(l) = &s.lang {
                fields.push(format!("lang = {}", toml_string(l)));
            }
            if let Some(t) = &s.title {
                fields.push(format!("title = {}", toml_string(t)));
            }
            let _ = writeln!(out, "{} = {{ {} }}", toml_key(&s.key), fields.join(", "));
        }
        out.push_str("\n[thresholds]\n");
        let _ = writeln!(out, "misquote-similarity = {:?}", self.misquote_similarity);
        out.push_str("\n[ignore]\n");
        let list = |l: &[String]| {
            l.iter()
                .map(|s| toml_string(s))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(out, "paths = [{}]", list(&self.ignore_paths));
        let _ = writeln!(out, "quotes = [{}]", list(&self.ignore_quotes));
        out
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        toml_string(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("conf/citecheck.toml"))
    }

    #[test]
    fn every_key() {
        let c = parse(
            "min-quote-words = 6\nfail-on = [\"unsupported\", \"CC002\"]\nclaims = \"all\"\n\n[sources]\neo = { path = \"../seeds/eo.md\", lang = \"en\", title = \"EO 14320\" }\nspeech = \"s.md\"\n\n[thresholds]\nmisquote-similarity = 0.75\n\n[ignore]\npaths = [\"drafts/old/**\"]\nquotes = [\"Make America Great Again\"]\n",
        )
        .unwrap();
        assert_eq!(c.min_quote_words, 6);
        assert_eq!(c.fail_on, vec![Verdict::Unsupported, Verdict::Miscited]);
        assert_eq!(c.claims, ClaimsMode::All);
        assert_eq!(c.sources.len(), 2);
        let eo = c.sources.iter().find(|s| s.key == "eo").unwrap();
        assert_eq!(eo.path, Path::new("conf/../seeds/eo.md"));
        assert_eq!(eo.lang.as_deref(), Some("en"));
        let speech = c.sources.iter().find(|s| s.key == "speech").unwrap();
        assert_eq!(speech.path, Path::new("conf/s.md"));
        assert_eq!(c.misquote_similarity, 0.75);
        assert!(c.ignores(Path::new("conf/drafts/old/a.md")));
        assert!(!c.ignores(Path::new("conf/drafts/new.md")));
        assert_eq!(c.ignore_quotes, vec!["Make America Great Again"]);
    }

    #[test]
    fn defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.min_quote_words, 4);
        assert_eq!(c.fail_on.len(), 6);
        assert_eq!(c.claims, ClaimsMode::Cited);
        assert!(!c.fail_on.contains(&Verdict::Supported));
        assert_eq!(c.match_policy(), MatchPolicy::default());
        // supported may fail a run too, when asked.
        assert!(parse("fail-on = [\"supported\"]").is_ok());
    }

    #[test]
    fn unknown_keys_give_line_and_column() {
        let e =
            parse("min-quote-words = 4\n\n[sources]\neo = { path = \"a.md\", lnag = \"en\" }\n")
                .unwrap_err();
        assert_eq!((e.line, e.column), (4, 23), "{e}");
        assert!(e.message.contains("lnag"), "{e}");
        let e = parse("min-quote-word = 4\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1), "{e}");
        assert!(e.expected.contains("min-quote-words"), "{e}");
        let e = parse("[thresholds]\nmisquote = 0.5\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
    }

    #[test]
    fn bad_values_say_what_was_expected() {
        let e = parse("fail-on = [\"supported\", \"wrong\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 25), "{e}");
        assert!(e.expected.contains("verdict names"));
        let e = parse("min-quote-words = 4\nclaims = \"sentences\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10), "{e}");
        assert!(e.message.contains("sentences"), "{e}");
        assert!(e.expected.contains("\"cited\""), "{e}");
        let e = parse("claims = 3\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = parse("min-quote-words = 0\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 19));
        let e = parse("min-quote-words = \"four\"\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = parse("[thresholds]\nmisquote-similarity = 1.5\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 23));
        let e = parse("[sources]\neo = 3\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.expected.contains("path"), "{e}");
        let e = parse("x = [").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn dump_reads_back_the_same() {
        let c = parse("min-quote-words = 5\nclaims = \"quotes\"\n[sources]\n\"odd key\" = { path = \"a \\\"b\\\".md\", lang = \"fr\" }\n[ignore]\nquotes = [\"x\"]\n").unwrap();
        let again = Config::parse(&c.dump(), Path::new("conf/citecheck.toml")).unwrap();
        assert_eq!(again, c);
        assert!(Config::default().dump().contains("# no citecheck.toml"));
    }
}
