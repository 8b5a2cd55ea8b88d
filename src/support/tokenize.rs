//! Words for retrieval: lower-cased, stemmed, stop words flagged, French
//! elisions ("l'", "qu'") and English possessives dropped, HTML tags skipped.

use std::ops::Range;

use rust_stemmers::Stemmer;
use unicode_segmentation::UnicodeSegmentation;

use super::lang::Lang;
use super::numbers::single_number_word;

/// One word of a text, with its byte range in that text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub range: Range<usize>,
    pub lower: String,
    /// The stem used for matching; number words become digits ("trois" → "3").
    pub stem: String,
    pub stop: bool,
}

const EN_STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "nor",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "shall",
    "may",
    "might",
    "must",
    "upon",
    "within",
    "s",
    "t",
    "also",
    "currently",
    "later",
    "one",
];

const FR_STOP: &[&str] = &[
    "a", "à", "afin", "ai", "aie", "ainsi", "alors", "as", "au", "aux", "avec", "avait", "avoir",
    "c", "ce", "ceci", "cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chez",
    "comme", "d", "dans", "de", "des", "donc", "dont", "du", "elle", "elles", "en", "entre", "est",
    "et", "été", "être", "eu", "eux", "il", "ils", "j", "je", "l", "la", "le", "les", "leur",
    "leurs", "lui", "m", "ma", "mais", "me", "même", "mes", "moi", "mon", "n", "nos", "notre",
    "nous", "on", "ont", "ou", "où", "par", "pour", "qu", "que", "qui", "s", "sa", "sans", "se",
    "ses", "si", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tous", "tout",
    "toute", "toutes", "très", "tu", "un", "une", "vers", "vos", "votre", "vous", "y", "ne", "pas",
    "était", "étaient", "fait", "sera", "seront", "lors", "ici", "aussi", "plus",
];

const FR_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

pub(crate) fn is_stop(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => EN_STOP.contains(&word),
        Lang::Fr => FR_STOP.contains(&word),
    }
}

/// Byte ranges of HTML-like tags (`<span …>`, `</span>`), whose words are
/// markup, not prose.
pub(crate) fn tag_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            if next.is_ascii_alphabetic() || next == b'/' || next == b'!' {
                if let Some(len) = bytes[i + 1..].iter().position(|&b| b == b'>' || b == b'<') {
                    if bytes[i + 1 + len] == b'>' {
                        out.push(i..i + len + 2);
                        i += len + 2;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn in_ranges(pos: usize, ranges: &[Range<usize>]) -> bool {
    ranges.iter().any(|r| r.contains(&pos))
}

/// Tokenises `text` for retrieval. Never panics; ranges are char boundaries.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(text, lang, |t| out.push(t));
    out
}

/// The tokens of [`tokenize`], one by one, none kept: what an index of a
/// large source uses, which needs counts and not the tokens.
pub(crate) fn each_token(text: &str, lang: Lang, mut f: impl FnMut(Token)) {
    let stemmer = Stemmer::create(lang.algorithm());
    let tags = tag_ranges(text);
    for (start, word) in text.unicode_word_indices() {
        // U+202F joins words in UAX #29 (it is ExtendNumLet): trim it off.
        let start = start + (word.len() - word.trim_start_matches('\u{202f}').len());
        let word = word.trim_matches('\u{202f}');
        if word.is_empty() {
            continue;
        }
        if !tags.is_empty() && in_ranges(start, &tags) {
            continue;
        }
        // Split on apostrophes: "l'ordre" → "ordre", "Commerce's" → "commerce".
        let mut parts: Vec<(usize, &str)> = Vec::new();
        let mut part_start = 0;
        for (i, c) in word.char_indices() {
            if c == '\'' || c == '’' {
                parts.push((part_start, &word[part_start..i]));
                part_start = i + c.len_utf8();
            }
        }
        parts.push((part_start, &word[part_start..]));
        let n = parts.len();
        for (k, (off, part)) in parts.into_iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            let lower = part.to_lowercase();
            if n > 1 && k + 1 < n && lang == Lang::Fr && FR_ELISIONS.contains(&lower.as_str()) {
                continue;
            }
            if n > 1 && k > 0 && lang == Lang::En && (lower == "s" || lower == "t") {
                continue;
            }
            let stop = is_stop(&lower, lang);
            let stem = match single_number_word(&lower, lang) {
                Some(v) => v.to_string(),
                None if lower.chars().any(|c| c.is_numeric()) => {
                    lower.replace([',', '\u{202f}'], "")
                }
                None => stemmer.stem(&lower).into_owned(),
            };
            let s = start + off;
            f(Token {
                range: s..s + part.len(),
                lower,
                stem,
                stop,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str, lang: Lang) -> Vec<String> {
        tokenize(text, lang)
            .into_iter()
            .filter(|t| !t.stop)
            .map(|t| t.stem)
            .collect()
    }

    #[test]
    fn english_stems_and_stop_words() {
        assert_eq!(
            stems("The Secretary's programs were established", Lang::En),
            vec!["secretari", "program", "establish"]
        );
    }

    #[test]
    fn french_elisions_and_numbers() {
        assert_eq!(
            stems("l'exportation d'IA : trois décrets", Lang::Fr),
            vec!["export", "ia", "3", "décret"]
        );
    }

    #[test]
    fn ranges_point_into_text_and_tags_are_skipped() {
        let text = "<span style=\"x\">Sec</span>. Établir l’ordre";
        for t in tokenize(text, Lang::Fr) {
            assert_eq!(text[t.range.clone()].to_lowercase(), t.lower);
        }
        let words: Vec<String> = tokenize(text, Lang::Fr)
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(words, vec!["sec", "établir", "ordre"]);
    }
}
