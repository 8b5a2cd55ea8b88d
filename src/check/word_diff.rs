//! A word-level difference between a quote and a passage, made with
//! `similar`: words compare after folding, so typography never shows as a
//! change; punctuation other than quotation marks counts, since it can change
//! meaning.

use similar::{capture_diff_slices, Algorithm, DiffTag};
use unicode_normalization::UnicodeNormalization;

use crate::fold::fold;
use crate::report::WordChange;

/// The steps from `source` to `quote`, word by word.
pub fn word_diff(source: &str, quote: &str) -> Vec<WordChange> {
    let (old, new) = (tokens(source), tokens(quote));
    let old_keys: Vec<&str> = old.iter().map(|t| t.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|t| t.key.as_str()).collect();
    let mut out: Vec<WordChange> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        let (o, n) = (op.old_range(), op.new_range());
        let old_text = join(&old[o]);
        let new_text = join(&new[n]);
        let change = match op.tag() {
            DiffTag::Equal => WordChange::Same { text: new_text },
            DiffTag::Delete => WordChange::Dropped { source: old_text },
            DiffTag::Insert => WordChange::Added { quote: new_text },
            DiffTag::Replace => WordChange::Changed {
                accents_only: strip_accents(&old_text) == strip_accents(&new_text),
                source: old_text,
                quote: new_text,
            },
        };
        push(&mut out, change);
    }
    out
}

/// Whether every change is a change of accents only.
pub fn accents_only(changes: &[WordChange]) -> bool {
    changes
        .iter()
        .any(|c| !matches!(c, WordChange::Same { .. }))
        && changes.iter().all(|c| match c {
            WordChange::Same { .. } => true,
            WordChange::Changed { accents_only, .. } => *accents_only,
            _ => false,
        })
}

/// A delete next to an insert reads better as one change.
fn push(out: &mut Vec<WordChange>, change: WordChange) {
    match (out.last_mut(), change) {
        (Some(WordChange::Dropped { source }), WordChange::Added { quote }) => {
            let source = std::mem::take(source);
            out.pop();
            out.push(WordChange::Changed {
                accents_only: strip_accents(&source) == strip_accents(&quote),
                source,
                quote,
            });
        }
        (_, change) => out.push(change),
    }
}

struct Token {
    text: String,
    key: String,
    /// Whether white space stood before it, so a join reads as the original.
    spaced: bool,
}

fn tokens(s: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut word = String::new();
    let mut word_spaced = false;
    let mut prev = ' ';
    for c in s.chars() {
        let in_word =
            c.is_alphanumeric() || (!word.is_empty() && matches!(c, '\'' | '’' | '-' | '\u{2011}'));
        if in_word {
            if word.is_empty() {
                word_spaced = prev.is_whitespace();
            }
            word.push(c);
        } else {
            flush(&mut word, word_spaced, &mut out);
            let last_is_dots = out.last().is_some_and(|t| t.text.chars().all(|d| d == '.'));
            if c == '.' && prev == '.' && last_is_dots {
                // "..." is one token, like "…".
                let last = out.last_mut().expect("a dot token");
                last.text.push('.');
                last.key = fold(&last.text).text.into_string();
            } else if !c.is_whitespace() && !is_quotation_mark(c) && c != '\u{ad}' {
                out.push(Token {
                    text: c.to_string(),
                    key: fold(&c.to_string()).text.into_string(),
                    spaced: prev.is_whitespace() || is_quotation_mark(prev),
                });
            }
        }
        prev = c;
    }
    flush(&mut word, word_spaced, &mut out);
    out
}

fn flush(word: &mut String, spaced: bool, out: &mut Vec<Token>) {
    if !word.is_empty() {
        let key = fold(word).text.into_string();
        out.push(Token {
            text: std::mem::take(word),
            key,
            spaced,
        });
    }
}

fn is_quotation_mark(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„' | '‘' | '‚' | '‹' | '›')
}

/// Joins tokens with the spacing they had.
fn join(tokens: &[Token]) -> String {
    let mut s = String::new();
    for t in tokens {
        if t.spaced && !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.text);
    }
    s
}

fn strip_accents(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(changes: &[WordChange]) -> String {
        changes
            .iter()
            .map(|c| match c {
                WordChange::Same { text } => text.clone(),
                WordChange::Dropped { source } => format!("[-{source}-]"),
                WordChange::Added { quote } => format!("{{+{quote}+}}"),
                WordChange::Changed {
                    source,
                    quote,
                    accents_only,
                } => {
                    format!(
                        "[-{source}-]{{+{quote}+}}{}",
                        if *accents_only { "(accents)" } else { "" }
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_dropped_word_is_named() {
        let d = word_diff(
            "AI technologies developed by our adversaries",
            "AI technologies developed by adversaries",
        );
        assert_eq!(show(&d), "AI technologies developed by [-our-] adversaries");
    }

    #[test]
    fn typography_is_never_a_change() {
        let d = word_diff("the President’s “plan” …", "the president's \"plan\" ...");
        assert!(
            d.iter().all(|c| matches!(c, WordChange::Same { .. })),
            "{}",
            show(&d)
        );
    }

    #[test]
    fn changed_words_and_meaningful_punctuation_count() {
        let d = word_diff(
            "within 90 days, the Secretary shall",
            "within 60 days the Secretary shall",
        );
        assert_eq!(
            show(&d),
            "within [-90-]{+60+} days [-,-] the Secretary shall"
        );
    }

    #[test]
    fn accent_only_differences_are_flagged() {
        let d = word_diff("la diplomatie bilatérale", "la diplomatie bilaterale");
        assert_eq!(
            show(&d),
            "la diplomatie [-bilatérale-]{+bilaterale+}(accents)"
        );
        assert!(accents_only(&d));
        assert!(!accents_only(&word_diff("a b", "a c")));
    }
}
