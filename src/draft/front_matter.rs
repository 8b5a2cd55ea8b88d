//! The sources a draft names in its YAML front matter:
//!
//! ```yaml
//! sources:
//!   eo: ../seeds/2025-07-23-promoting-the-export-of-the-american-ai-technology-stack.md
//!   speech: { path: ../seeds/remarks.md, lang: en }
//!   article:
//!     path: ../seeds/000_2b99a302a493dc4a.txt
//!     lang: fr
//! ```
//!
//! Only `sources` is read (other keys are the writer's: title, author…), and
//! only this much YAML: a mapping of keys to a path, a flow mapping, or a
//! block mapping with `path`, `lang` and `title`. Paths are relative to the
//! draft.

/// A source named by the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontSource {
    pub key: String,
    pub path: String,
    pub lang: Option<String>,
    pub title: Option<String>,
}

/// A fault in the front matter: a byte offset in the draft, what is wrong and
/// what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub offset: usize,
    pub message: String,
    pub expected: String,
}

const ENTRY: &str = "`key: path`, `key: { path: …, lang: … }` or `key:` with `path:` below";

/// Reads the `sources` of front matter `yaml`, which starts at draft offset
/// `base`.
pub fn sources(yaml: &str, base: usize) -> Result<Vec<FrontSource>, FrontMatterError> {
    let lines: Vec<(usize, &str)> = line_offsets(yaml).map(|(o, l)| (o + base, l)).collect();
    let Some(at) = lines
        .iter()
        .position(|(_, l)| strip_comment(l).trim_end() == "sources:")
    else {
        if let Some((o, l)) = lines.iter().find(|(_, l)| l.starts_with("sources:")) {
            return Err(FrontMatterError {
                offset: o + "sources:".len(),
                message: format!(
                    "unexpected `{}` after `sources:`",
                    l["sources:".len()..].trim()
                ),
                expected: "the sources on the lines below, indented".into(),
            });
        }
        return Ok(Vec::new());
    };
    let body: Vec<(usize, &str)> = lines[at + 1..]
        .iter()
        .copied()
        .filter(|(_, l)| !strip_comment(l).trim().is_empty())
        .take_while(|(_, l)| l.starts_with([' ', '\t']))
        .collect();
    let mut out: Vec<FrontSource> = Vec::new();
    let Some(indent) = body.first().map(|(_, l)| indent_of(l)) else {
        return Ok(out);
    };
    for (offset, line) in body {
        let line = strip_comment(line).trim_end();
        let here = indent_of(line);
        let (key, value, value_at) = split_entry(line, offset)?;
        if here == indent {
            let mut source = FrontSource {
                key: key.to_string(),
                path: String::new(),
                lang: None,
                title: None,
            };
            if out.iter().any(|s| s.key == source.key) {
                return Err(fault(
                    offset + here,
                    format!("source `{key}` is named twice"),
                    "each key once",
                ));
            }
            if let Some(flow) = value.strip_prefix('{') {
                let Some(inner) = flow.strip_suffix('}') else {
                    return Err(fault(
                        value_at + value.len(),
                        "unclosed `{`".into(),
                        "`}` at the end of the line",
                    ));
                };
                let mut at = value_at + 1;
                for part in inner.split(',') {
                    let (k, v, v_at) = split_entry(part, at)?;
                    set(&mut source, k, v, v_at, at + indent_of(part))?;
                    at += part.len() + 1;
                }
            } else if !value.is_empty() {
                source.path = unquote(value);
            }
            out.push(source);
        } else if here > indent {
            let Some(source) = out.last_mut() else {
                return Err(fault(offset + here, "unexpected indentation".into(), ENTRY));
            };
            set(source, key, value, value_at, offset + here)?;
        } else {
            return Err(fault(offset + here, "unexpected indentation".into(), ENTRY));
        }
    }
    if let Some(s) = out.iter().find(|s| s.path.is_empty()) {
        return Err(fault(
            lines[at].0,
            format!("source `{}` has no path", s.key),
            "a path for every source",
        ));
    }
    Ok(out)
}

fn set(
    source: &mut FrontSource,
    key: &str,
    value: &str,
    value_at: usize,
    key_at: usize,
) -> Result<(), FrontMatterError> {
    let value = unquote(value);
    if value.is_empty() {
        return Err(fault(
            value_at,
            format!("`{key}` has no value"),
            "a value after the colon",
        ));
    }
    match key {
        "path" => source.path = value,
        "lang" => source.lang = Some(value),
        "title" => source.title = Some(value),
        other => {
            return Err(fault(
                key_at,
                format!("unknown key `{other}` in source `{}`", source.key),
                "one of: path, lang, title",
            ))
        }
    }
    Ok(())
}

/// `key: value` → key, value (trimmed) and the value's offset.
fn split_entry(line: &str, offset: usize) -> Result<(&str, &str, usize), FrontMatterError> {
    let lead = indent_of(line);
    let Some(colon) = line.find(':') else {
        return Err(fault(
            offset + lead,
            format!("expected `key: value`, found `{}`", line.trim()),
            ENTRY,
        ));
    };
    let key = line[..colon].trim();
    if key.is_empty() {
        return Err(fault(
            offset + lead,
            "a source key is missing".into(),
            ENTRY,
        ));
    }
    let rest = &line[colon + 1..];
    let value = rest.trim();
    let value_at = offset + colon + 1 + (rest.len() - rest.trim_start().len());
    Ok((key, value, value_at))
}

fn fault(offset: usize, message: String, expected: &str) -> FrontMatterError {
    FrontMatterError {
        offset,
        message,
        expected: expected.to_string(),
    }
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |l| {
        let at = offset;
        offset += l.len();
        (at, l.trim_end_matches(['\n', '\r']))
    })
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// A line without its ` # comment` (a `#` inside quotes is kept).
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev_blank = true;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev_blank => return &line[..i],
            _ => {}
        }
        prev_blank = c.is_whitespace();
    }
    line
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_entry() {
        let yaml = "title: A draft\nsources:\n  eo: ../seeds/eo.md  # the order\n  speech: { path: \"../seeds/s.md\", lang: en }\n  article:\n    path: '../seeds/a.txt'\n    lang: fr\n    title: L’article\nauthor: me\n";
        let s = sources(yaml, 0).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(
            (s[0].key.as_str(), s[0].path.as_str()),
            ("eo", "../seeds/eo.md")
        );
        assert_eq!(s[1].path, "../seeds/s.md");
        assert_eq!(s[1].lang.as_deref(), Some("en"));
        assert_eq!(s[2].path, "../seeds/a.txt");
        assert_eq!(s[2].title.as_deref(), Some("L’article"));
    }

    #[test]
    fn no_sources_is_no_error() {
        assert_eq!(sources("title: x\n", 0), Ok(Vec::new()));
    }

    #[test]
    fn unknown_keys_point_at_themselves() {
        let yaml = "sources:\n  eo:\n    path: a.md\n    lnag: en\n";
        let e = sources(yaml, 10).unwrap_err();
        assert_eq!(e.offset, 10 + yaml.find("lnag").unwrap());
        assert!(e.message.contains("unknown key `lnag`"));
        let yaml = "sources:\n  eo: { path: a.md, lnag: en }\n";
        let e = sources(yaml, 0).unwrap_err();
        assert_eq!(e.offset, yaml.find("lnag").unwrap());
    }

    #[test]
    fn missing_paths_and_bad_lines() {
        assert!(sources("sources:\n  eo:\n", 0)
            .unwrap_err()
            .message
            .contains("no path"));
        assert!(sources("sources:\n  just text\n", 0).is_err());
        assert!(sources("sources: { eo: a.md }\n", 0).is_err());
        assert!(sources("sources:\n  eo: { path: a.md\n", 0).is_err());
        assert!(sources("sources:\n  eo: a\n  eo: b\n", 0).is_err());
    }
}
