//! Reading PDNC: `quotation_info.csv` (RFC 4180, with Python-literal lists
//! in some columns) and `novel_text.txt`.

use std::path::{Path, PathBuf};

/// One quotation of a novel: its sub-quotations and their gold byte spans.
#[derive(Debug, Clone)]
pub struct Quotation {
    pub id: String,
    pub parts: Vec<String>,
    pub spans: Vec<(usize, usize)>,
}

#[derive(Debug)]
pub struct Novel {
    pub name: String,
    /// Absolute path of `novel_text.txt`.
    pub path: PathBuf,
    /// The file as stored.
    pub text: String,
    pub quotations: Vec<Quotation>,
    /// Rows whose lists could not be read, or whose parts and spans disagree.
    pub bad_rows: usize,
}

/// Every novel under `root` (one folder each), sorted by name; `only` keeps
/// the novels whose name contains it.
pub fn load_all(root: &Path, only: Option<&str>) -> Result<Vec<Novel>, String> {
    let entries = std::fs::read_dir(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("quotation_info.csv").is_file() && p.join("novel_text.txt").is_file())
        .filter(|p| {
            only.is_none_or(|o| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains(o))
            })
        })
        .collect();
    dirs.sort();
    dirs.iter().map(|d| load_novel(d)).collect()
}

fn load_novel(dir: &Path) -> Result<Novel, String> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = std::fs::canonicalize(dir.join("novel_text.txt"))
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let csv_path = dir.join("quotation_info.csv");
    let csv =
        std::fs::read_to_string(&csv_path).map_err(|e| format!("{}: {e}", csv_path.display()))?;
    let rows = parse_csv(&csv);
    let header = rows.first().ok_or_else(|| format!("{name}: empty csv"))?;
    let col = |want: &str| {
        header
            .iter()
            .position(|h| h == want)
            .ok_or_else(|| format!("{name}: no column {want}"))
    };
    let (id_col, parts_col, spans_col) = (
        col("quoteID")?,
        col("subQuotationList")?,
        col("quoteByteSpans")?,
    );
    let mut quotations = Vec::new();
    let mut bad_rows = 0;
    for row in rows.iter().skip(1) {
        let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or_default();
        let parts = parse_py_strings(cell(parts_col));
        let spans = parse_py_spans(cell(spans_col));
        match (parts, spans) {
            (Some(parts), Some(spans))
                if parts.len() == spans.len()
                    && !parts.is_empty()
                    && spans.iter().all(|&(a, b)| a <= b && b <= text.len()) =>
            {
                quotations.push(Quotation {
                    id: cell(id_col).to_string(),
                    parts,
                    spans,
                })
            }
            _ => bad_rows += 1,
        }
    }
    Ok(Novel {
        name,
        path,
        text,
        quotations,
        bad_rows,
    })
}

/// RFC 4180: fields separated by commas, rows by line ends; a field in double
/// quotes may hold commas, line ends and `""` for a quote.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                any = false;
            }
            _ => field.push(c),
        }
    }
    if any {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A Python list literal of strings: `['a', "b\n"]`.
pub fn parse_py_strings(s: &str) -> Option<Vec<String>> {
    let mut chars = s.trim().chars().peekable();
    if chars.next()? != '[' {
        return None;
    }
    let mut out = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        match chars.next()? {
            ']' => return Some(out),
            q @ ('\'' | '"') => {
                let mut v = String::new();
                loop {
                    let c = chars.next()?;
                    if c == q {
                        break;
                    }
                    if c != '\\' {
                        v.push(c);
                        continue;
                    }
                    match chars.next()? {
                        'n' => v.push('\n'),
                        't' => v.push('\t'),
                        'r' => v.push('\r'),
                        '0' => v.push('\0'),
                        'x' => {
                            let hex: String = (0..2).filter_map(|_| chars.next()).collect();
                            v.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                        }
                        'u' => {
                            let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                            v.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                        }
                        other => v.push(other),
                    }
                }
                out.push(v);
            }
            _ => return None,
        }
    }
}

/// A Python list of pairs of integers: `[[1, 2], [3, 4]]`.
pub fn parse_py_spans(s: &str) -> Option<Vec<(usize, usize)>> {
    let numbers: Vec<usize> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().ok())
        .collect::<Option<_>>()?;
    if numbers.len() % 2 != 0 || !s.trim().starts_with('[') {
        return None;
    }
    Some(numbers.chunks(2).map(|c| (c[0], c[1])).collect())
}
