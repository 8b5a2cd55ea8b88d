/// Matches a path (with `/` separators) against a glob: `*` any run within a
/// folder name, `?` one character, `**` any number of folders.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.trim_start_matches("./").split('/').collect();
    let path: Vec<&str> = path.trim_start_matches("./").split('/').collect();
    segments(&pattern, &path)
}

fn segments(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|i| segments(rest, &path[i..])),
        Some((p, rest)) => match path.split_first() {
            Some((name, more)) => segment(p, name) && segments(rest, more),
            None => false,
        },
    }
}

fn segment(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Classic wildcard matching with backtracking on the last star.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("drafts/*.md", "drafts/a.md"));
        assert!(!glob_match("drafts/*.md", "drafts/x/a.md"));
        assert!(glob_match("drafts/**", "drafts/x/a.md"));
        assert!(glob_match("**/old-*.md", "drafts/x/old-1.md"));
        assert!(glob_match("a?.md", "ab.md"));
        assert!(!glob_match("a?.md", "a.md"));
        assert!(glob_match("./drafts/a.md", "drafts/a.md"));
    }
}
