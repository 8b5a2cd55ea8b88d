//! The file as serde reads it: every table denies unknown keys, and values
//! that are checked after reading keep their spans.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    pub min_quote_words: Option<Spanned<usize>>,
    pub fail_on: Option<Vec<Spanned<String>>>,
    pub claims: Option<Spanned<String>>,
    pub sources: Option<BTreeMap<String, Spanned<RawSource>>>,
    pub thresholds: Option<RawThresholds>,
    pub ignore: Option<RawIgnore>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawThresholds {
    pub misquote_similarity: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIgnore {
    pub paths: Option<Vec<String>>,
    pub quotes: Option<Vec<String>>,
}

/// A source: `key = "path"` or `key = { path = "…", lang = "…", title = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceTable {
    pub path: String,
    pub lang: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug)]
pub struct RawSource {
    pub path: String,
    pub lang: Option<String>,
    pub title: Option<String>,
}

impl<'de> Deserialize<'de> for RawSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawSource;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a path \"…\" or a table { path = \"…\", lang = \"…\", title = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawSource, E> {
                Ok(RawSource {
                    path: s.to_string(),
                    lang: None,
                    title: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSource, A::Error> {
                let t = SourceTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawSource {
                    path: t.path,
                    lang: t.lang,
                    title: t.title,
                })
            }
        }
        d.deserialize_any(V)
    }
}
