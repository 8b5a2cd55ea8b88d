//! Sentence splitting for English and French prose.
//!
//! Unicode sentence bounds (UAX #29) are the base. On top: a blank line ends a
//! paragraph but a single newline is a hard wrap, not a sentence end; a break
//! after a known abbreviation ("Sec.", "U.S.", "M.", "Dr.", "e.g.") or an
//! initial ("J.") is undone; a piece starting with a closing quote ("»" after
//! French spacing, "”") or in lower case is joined to the sentence before.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::lang::Lang;

/// Words that end with a period without ending their sentence, in either
/// language, lower-cased and without their final period. The draft splitter
/// (`crate::draft::sentence`) reads the same lists through
/// [`is_abbreviation`].
const ABBREVIATIONS: &[&str] = &[
    "sec", "secs", "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr",
    "no", "nos", "vol", "art", "arts", "fig", "e.g", "i.e", "cf", "vs", "approx", "inc", "corp",
    "ltd", "co", "gen", "gov", "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "p", "pp", "ch", "para", "n°", "al", "d.c", "mme", "mlle",
];

/// French only: in English "me." and "ex." end sentences.
const FRENCH_ABBREVIATIONS: &[&str] = &["m", "mm", "me", "pr", "ex", "av", "env", "chap", "éd"];

/// Whether `word`, the text right before a period (letters, digits, inner
/// periods: "Sec", "U.S", "e.g"), is an abbreviation or an initial, so that
/// the period does not end the sentence. A single capital after the last
/// inner period is an initial ("J", "U.S", "M").
pub fn is_abbreviation(word: &str, lang: Lang) -> bool {
    let mut last = word.rsplit('.').next().unwrap_or("").chars();
    if let (Some(c), None) = (last.next(), last.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let w = word.to_lowercase();
    ABBREVIATIONS.contains(&w.as_str())
        || (lang == Lang::Fr && FRENCH_ABBREVIATIONS.contains(&w.as_str()))
}

/// Byte ranges of the sentences of `text`, trimmed of surrounding white space.
pub fn sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    each_sentence(text, lang, |r| out.push(r));
    out
}

/// [`sentences`], one at a time, in order (a large source's are not held
/// twice).
pub(crate) fn each_sentence(text: &str, lang: Lang, mut f: impl FnMut(Range<usize>)) {
    each_paragraph(text, |para| {
        // A single newline inside a paragraph is a hard wrap: read it as a space.
        // Same byte length, so ranges carry over.
        let flat: String = text[para.clone()]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        let mut pieces: Vec<Range<usize>> = Vec::new();
        for (start, s) in flat.split_sentence_bound_indices() {
            let Some(mut r) = trim(&flat, start..start + s.len()) else {
                continue;
            };
            // "fini. » Puis": UAX #29 breaks before a spaced closing quote;
            // the quote belongs to the sentence before, the rest is new.
            if let Some(prev) = pieces.last_mut() {
                let piece = &flat[r.clone()];
                let close = piece
                    .char_indices()
                    .find(|&(_, c)| !matches!(c, '»' | '”' | '’' | ')' | ']'))
                    .map_or(piece.len(), |(i, _)| i);
                if close > 0 {
                    prev.end = r.start + close;
                    match trim(&flat, r.start + close..r.end) {
                        Some(rest) => r = rest,
                        None => continue,
                    }
                }
            }
            let joins = match pieces.last() {
                Some(prev) => should_join(&flat[prev.clone()], &flat[r.clone()], lang),
                None => false,
            };
            if joins {
                if let Some(prev) = pieces.last_mut() {
                    prev.end = r.end;
                }
            } else {
                pieces.push(r);
            }
        }
        for r in pieces {
            f(para.start + r.start..para.start + r.end);
        }
    });
}

/// Paragraph ranges, in order: split at lines that are blank.
fn each_paragraph(text: &str, mut out: impl FnMut(Range<usize>)) {
    let mut start = 0;
    let mut line_start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            let line = &text[line_start..i];
            if line.trim().is_empty() {
                if line_start > start {
                    out(start..line_start);
                }
                start = i + 1;
            }
            line_start = i + 1;
        }
    }
    if start < text.len() {
        out(start..text.len());
    }
}

fn trim(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(r.start + lead..r.start + lead + t.len())
    }
}

fn should_join(prev: &str, next: &str, lang: Lang) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return true;
    }
    let Some(without_dot) = prev.strip_suffix('.') else {
        return false;
    };
    let last_word = without_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '«' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    is_abbreviation(last_word, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        sentences(text, lang)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviations_and_decimals() {
        let t = "See Sec. 3 of the order. The U.S. Department of Commerce leads. Dr. Smith agreed, e.g. on 1.5 billion. Done.";
        assert_eq!(
            split(t, Lang::En),
            vec![
                "See Sec. 3 of the order.",
                "The U.S. Department of Commerce leads.",
                "Dr. Smith agreed, e.g. on 1.5 billion.",
                "Done."
            ]
        );
    }

    #[test]
    fn quotes_end_sentences() {
        let t = "He said \"It is over.\" Then he left.";
        assert_eq!(
            split(t, Lang::En),
            vec!["He said \"It is over.\"", "Then he left."]
        );
    }

    #[test]
    fn french_guillemets_and_monsieur() {
        let t = "M. Kratsios a déclaré : « Notre souhait est clair. » Le plan date du 23 juillet 2025. Fin";
        assert_eq!(
            split(t, Lang::Fr),
            vec![
                "M. Kratsios a déclaré : « Notre souhait est clair. »",
                "Le plan date du 23 juillet 2025.",
                "Fin"
            ]
        );
        let nb = "Il a dit : « C’est fini\u{a0}! » Puis il est parti.";
        assert_eq!(
            split(nb, Lang::Fr),
            vec!["Il a dit : « C’est fini\u{a0}! »", "Puis il est parti."]
        );
    }

    #[test]
    fn hard_wraps_and_paragraphs() {
        let t = "Within 90 days of the date of this\norder, the Secretary shall act.\n\n# Heading\n\nNext one.";
        assert_eq!(
            split(t, Lang::En),
            vec![
                "Within 90 days of the date of this\norder, the Secretary shall act.",
                "# Heading",
                "Next one."
            ]
        );
    }

    #[test]
    fn abbreviations_by_language() {
        for w in ["Sec", "U.S", "M", "Dr", "p", "pp", "e.g", "J", "Mme"] {
            assert!(is_abbreviation(w, Lang::En), "{w}");
            assert!(is_abbreviation(w, Lang::Fr), "{w}");
        }
        // "It is up to me. Then…": an English sentence ends there.
        assert!(!is_abbreviation("me", Lang::En));
        assert!(is_abbreviation("Me", Lang::Fr));
        for w in ["order", "2025", "etc", "AI", ""] {
            assert!(!is_abbreviation(w, Lang::En), "{w}");
        }
        assert_eq!(
            split("Ask me. Then go.", Lang::En),
            vec!["Ask me.", "Then go."]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "\n\n",
            "é.",
            "«»",
            ". . .",
            "\r\n\r\nx",
            "M.",
            "a\u{202f}».",
        ] {
            for r in sentences(t, Lang::Fr) {
                assert!(t.get(r).is_some());
            }
        }
    }
}
