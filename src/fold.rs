//! Typographic folding: one pass that makes matching blind to what the claims
//! format calls typography, with a map from every folded byte back to the text
//! it came from.
//!
//! Accents are kept: a quote that differs from its source only in accents is a
//! finding, not noise. [`strip_accents`] is a second, optional level for the
//! approximate matcher.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::offset_map::OffsetMap;
use crate::shared_text::SharedText;

/// Folded text and the map from its bytes to the text it was folded from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Folded {
    /// May share its bytes with the text it was folded from, when folding
    /// changed nothing (see [`Folded::share_with`]).
    pub text: SharedText,
    pub map: OffsetMap,
}

/// ASCII bytes that fold to themselves (after ASCII lowercasing) whatever
/// surrounds them: everything but whitespace and the hyphen.
const PLAIN: [bool; 128] = {
    let mut t = [true; 128];
    t[b' ' as usize] = false;
    t[b'\t' as usize] = false;
    t[b'\n' as usize] = false;
    t[0x0b] = false;
    t[0x0c] = false;
    t[b'\r' as usize] = false;
    t[b'-' as usize] = false;
    t
};

fn is_plain(b: u8) -> bool {
    b < 0x80 && PLAIN[b as usize]
}

/// Characters that vanish: soft hyphen, zero-width spaces and joiners, BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

fn is_double_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '〝' | '〞'
    )
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '′' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Punctuation that French typesets after a space, which folding removes.
fn takes_french_space(c: char) -> bool {
    matches!(c, ';' | ':' | '!' | '?' | '»')
}

/// Folds `text`: case, quotation marks and apostrophes, every Unicode space
/// (runs collapse to one ASCII space), French spacing around `«»;:!?`, `…`
/// against `...`, soft hyphens, words hyphenated across a line break, NFC.
pub fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out = String::with_capacity(len);
    let mut map = OffsetMap::new();
    // Set right after a `«`: the space that follows it goes.
    let mut after_open_guillemet = false;
    let mut i = 0;
    while i < len {
        // Fast path: plain ASCII, and single spaces between plain bytes that
        // no French-spacing rule applies to, copy linearly (lowercased).
        let start = i;
        loop {
            while i < len && is_plain(bytes[i]) {
                i += 1;
            }
            if i == start || i == len {
                break;
            }
            let b = bytes[i];
            let copy = (b == b' '
                && i + 1 < len
                && is_plain(bytes[i + 1])
                && !matches!(bytes[i + 1], b';' | b':' | b'!' | b'?'))
                // A hyphen after a plain non-letter cannot join two letters.
                || (b == b'-' && !bytes[i - 1].is_ascii_alphabetic());
            if !copy {
                break;
            }
            i += 1;
        }
        // A combining mark ahead: its base must be normalized with it.
        if i > start && i < len && bytes[i] >= 0x80 && marks_len(&text[i..]) > 0 {
            i -= 1;
        }
        if i > start {
            let from = out.len();
            out.push_str(&text[start..i]);
            out[from..].make_ascii_lowercase();
            map.push_linear(start, i - start);
            after_open_guillemet = false;
            continue;
        }

        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let c_end = i + c.len_utf8();

        if c.is_whitespace() || is_invisible(c) {
            let mut j = i;
            let mut spaces = false;
            let mut next = None;
            for d in text[i..].chars() {
                if d.is_whitespace() {
                    spaces = true;
                } else if !is_invisible(d) {
                    next = Some(d);
                    break;
                }
                j += d.len_utf8();
            }
            let drop = !spaces || after_open_guillemet || next.is_some_and(takes_french_space);
            if drop {
                map.push_atomic(i..j, 0);
            } else if j == i + 1 && c == ' ' {
                out.push(' ');
                map.push_linear(i, 1);
            } else {
                out.push(' ');
                map.push_atomic(i..j, 1);
            }
            i = j;
            continue;
        }

        if is_hyphen(c) || matches!(c, '–' | '—' | '‒' | '―') {
            if let Some(end) = joined_hyphen_end(text, &out, c_end) {
                map.push_atomic(i..end, 0);
                i = end;
                continue;
            }
            push_replacement(&mut out, &mut map, c, i, "-");
            after_open_guillemet = false;
            i = c_end;
            continue;
        }

        let replacement = if is_double_quote(c) {
            Some("\"")
        } else if is_single_quote(c) {
            Some("'")
        } else if c == '…' {
            Some("...")
        } else {
            None
        };
        if let Some(r) = replacement {
            push_replacement(&mut out, &mut map, c, i, r);
            after_open_guillemet = c == '«';
            i = c_end;
            continue;
        }

        // Any other character, with the combining marks that follow it.
        let j = c_end + marks_len(&text[c_end..]);
        let cluster = &text[i..j];
        let clean = !cluster.chars().any(is_invisible);
        if clean && is_nfc_quick(cluster.chars()) == IsNormalized::Yes {
            let mut pos = i;
            for d in cluster.chars() {
                push_lowercase(&mut out, &mut map, d, pos);
                pos += d.len_utf8();
            }
        } else {
            let lowered: String = cluster
                .chars()
                .filter(|&d| !is_invisible(d))
                .nfc()
                .flat_map(char::to_lowercase)
                .nfc()
                .collect();
            if lowered == cluster {
                map.push_linear(i, j - i);
            } else {
                map.push_atomic(i..j, lowered.len());
            }
            out.push_str(&lowered);
        }
        after_open_guillemet = false;
        i = j;
    }
    map.finish(len);
    out.shrink_to_fit();
    Folded {
        text: SharedText::new(out),
        map,
    }
}

impl Folded {
    /// Drops the folded bytes for `source`'s when they are the same (text
    /// already folded: lower case, single spaces, plain quotes): one copy of
    /// a large source instead of two.
    pub fn share_with(&mut self, source: &SharedText) {
        if self.text.as_str() == source.as_str() && !self.text.shares_bytes_with(source) {
            self.text = source.clone();
        }
    }
}

/// The length of the combining marks at the start of `s`, invisibles between
/// them included (a soft hyphen must not keep a mark from its base).
fn marks_len(s: &str) -> usize {
    let mut len = 0;
    let mut pending = 0;
    for d in s.chars() {
        if is_combining_mark(d) {
            len += pending + d.len_utf8();
            pending = 0;
        } else if is_invisible(d) {
            pending += d.len_utf8();
        } else {
            break;
        }
    }
    len
}

/// `c` at `at` folds to `r`: linear when nothing changed, atomic otherwise.
fn push_replacement(out: &mut String, map: &mut OffsetMap, c: char, at: usize, r: &str) {
    if r.len() == c.len_utf8() && r.starts_with(c) {
        map.push_linear(at, r.len());
    } else {
        map.push_atomic(at..at + c.len_utf8(), r.len());
    }
    out.push_str(r);
}

fn push_lowercase(out: &mut String, map: &mut OffsetMap, c: char, at: usize) {
    let mut lower = c.to_lowercase();
    if lower.len() == 1 && lower.clone().next() == Some(c) {
        out.push(c);
        map.push_linear(at, c.len_utf8());
        return;
    }
    let from = out.len();
    out.extend(&mut lower);
    map.push_atomic(at..at + c.len_utf8(), out.len() - from);
}

/// Whether the hyphen ending at `after` joins two letters ("full-stack",
/// "hyphen-\n   ated"); if so, where the dropped stretch (hyphen, line break,
/// indentation, invisibles) ends. En and em dashes go through here too: they
/// fold to `-`, so folding again would join them anyway.
fn joined_hyphen_end(text: &str, out: &str, after: usize) -> Option<usize> {
    if !out.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    let mut k = after;
    let mut spaces = false;
    let mut newline = false;
    let mut chars = text[after..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            if newline {
                return None; // a blank line: a paragraph ends with the dash
            }
            newline = true;
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                k += 1;
            }
        } else if c.is_whitespace() {
            spaces = true;
        } else if !is_invisible(c) {
            // "full- stack": a dash or a typo, not a hyphenation.
            let joins = c.is_alphabetic() && (newline || !spaces);
            return joins.then_some(k);
        }
        k += c.len_utf8();
    }
    None
}

/// A second level over folded text for approximate matching: accents and
/// other diacritics go (é → e), and a few letters without a decomposition are
/// spelled out (ø → o, œ → oe, ß → ss).
pub fn strip_accents(folded: &str) -> Folded {
    let mut out = String::with_capacity(folded.len());
    let mut map = OffsetMap::new();
    let mut i = 0;
    let bytes = folded.as_bytes();
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i] < 0x80 {
            i += 1;
        }
        if i > start {
            out.push_str(&folded[start..i]);
            map.push_linear(start, i - start);
            continue;
        }
        let Some(c) = folded[i..].chars().next() else {
            break;
        };
        let from = out.len();
        match c {
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'đ' => out.push('d'),
            'ı' => out.push('i'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
        if out[from..].len() == c.len_utf8() && out[from..].starts_with(c) {
            map.push_linear(i, c.len_utf8());
        } else {
            map.push_atomic(i..i + c.len_utf8(), out.len() - from);
        }
        i += c.len_utf8();
    }
    map.finish(folded.len());
    Folded {
        text: SharedText::new(out),
        map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fold(s).text.into_string()
    }

    /// Every folded char maps into `input` on char boundaries, in order, and
    /// the map covers the whole folded text.
    fn check_map(input: &str) -> Folded {
        let folded = fold(input);
        assert_eq!(folded.map.derived_len(), folded.text.len(), "{input:?}");
        let mut last_start = 0;
        for (at, c) in folded.text.char_indices() {
            let src = folded.map.to_source(at..at + c.len_utf8());
            assert!(input.is_char_boundary(src.start) && input.is_char_boundary(src.end));
            assert!(src.start >= last_start, "monotone");
            last_start = src.start;
            let back = folded.map.to_derived(src.clone());
            assert!(
                back.start <= at && at < back.end.max(at + 1),
                "{input:?} @{at}: {src:?} -> {back:?}"
            );
        }
        folded
    }

    /// The original text behind folded range `r`.
    fn origin<'a>(input: &'a str, folded: &Folded, r: std::ops::Range<usize>) -> &'a str {
        &input[folded.map.to_source(r)]
    }

    #[test]
    fn case_and_ascii_fast_path_is_one_segment() {
        let input = "Hello World. ".repeat(1000);
        let folded = check_map(&input);
        assert_eq!(folded.text, input.to_lowercase());
        assert_eq!(
            folded.map.segment_count(),
            1,
            "the map grows with edits, not length"
        );
    }

    #[test]
    fn quotes_and_apostrophes() {
        assert_eq!(
            f("“Hi” „x‟ ″y″ 〝z〞 \"w\""),
            "\"hi\" \"x\" \"y\" \"z\" \"w\""
        );
        assert_eq!(f("l’IA ‘a’ ‚b‛ ′ ʼ '"), "l'ia 'a' 'b' ' ' '");
        let input = "l’IA";
        let folded = check_map(input);
        assert_eq!(origin(input, &folded, 1..2), "’");
    }

    #[test]
    fn whitespace_runs_collapse_to_one_atomic_space() {
        let input = "a \u{a0}\t\n\u{202f}\u{2009}\u{2003}b\r\nc  ";
        let folded = check_map(input);
        assert_eq!(folded.text, "a b c ");
        assert_eq!(
            origin(input, &folded, 1..2),
            " \u{a0}\t\n\u{202f}\u{2009}\u{2003}"
        );
        assert_eq!(origin(input, &folded, 3..4), "\r\n");
        assert_eq!(
            origin(input, &folded, 0..3),
            "a \u{a0}\t\n\u{202f}\u{2009}\u{2003}b"
        );
        assert_eq!(f("  lead"), " lead");
    }

    #[test]
    fn french_spacing() {
        let input = "« Bonjour » ; oui\u{202f}! non\u{a0}? fin :";
        let folded = check_map(input);
        assert_eq!(folded.text, "\"bonjour\"; oui! non? fin:");
        assert_eq!(origin(input, &folded, 0..2), "« B");
        assert_eq!(origin(input, &folded, 8..9), "»");
        assert_eq!(f("«\u{a0}Notre souhait\u{a0}»"), "\"notre souhait\"");
    }

    #[test]
    fn ellipsis_dashes_and_invisibles() {
        let input = "wait… a – b — c‐d e\u{2011}1 x\u{ad}y z\u{200b}w\u{feff}";
        let folded = check_map(input);
        assert_eq!(folded.text, "wait... a - b - cd e-1 xy zw");
        assert_eq!(origin(input, &folded, 4..7), "…");
        assert_eq!(origin(input, &folded, 5..6), "…");
        assert_eq!(f("a\u{200b} b"), "a b");
    }

    #[test]
    fn hyphens_between_letters_join() {
        assert_eq!(f("full-stack"), "fullstack");
        assert_eq!(f("hyphen-\nated"), "hyphenated");
        assert_eq!(f("hyphen-  \r\n     ated"), "hyphenated");
        assert_eq!(f("COVID-19"), "covid-19");
        assert_eq!(f("well- known"), "well- known");
        assert_eq!(f("end-\n\nnext"), "end- next");
        assert_eq!(f("a - b"), "a - b");
        assert_eq!(f("a-\u{200b}b"), "ab");
        assert_eq!(
            f("Paris–Berlin"),
            "parisberlin",
            "a dash between letters folds like a hyphen"
        );
        assert_eq!(f("Asie-Pacifique"), f("Asie\u{2010}Pacifique"));
        let input = "hyphen-\n  ated";
        let folded = check_map(input);
        assert_eq!(folded.text, "hyphenated");
        assert_eq!(origin(input, &folded, 0..10), input);
        assert_eq!(origin(input, &folded, 6..7), "a");
    }

    #[test]
    fn nfc_and_accents_kept() {
        let input = "Cafe\u{301} CAFÉ e\u{301}\u{301}x";
        let folded = check_map(input);
        assert_eq!(folded.text, "café café é\u{301}x");
        assert_eq!(origin(input, &folded, 3..5), "e\u{301}");
        assert_eq!(f("\u{212b}"), "å", "singleton decomposition");
        assert_ne!(f("cafe"), f("café"));
    }

    #[test]
    fn strip_accents_maps_back() {
        let folded = f("élève cœur straße");
        let stripped = strip_accents(&folded);
        assert_eq!(stripped.text, "eleve coeur strasse");
        assert_eq!(&folded[stripped.map.to_source(0..1)], "é");
        assert_eq!(&folded[stripped.map.to_source(7..9)], "œ");
    }

    #[test]
    fn french_seed_folds_and_maps() {
        let input = include_str!("../seeds/000_2b99a302a493dc4a.txt");
        let folded = check_map(input);
        let needle = "\"notre souhait est que l'ia soit un outil de diplomatie bilatérale puissant\", a déclaré";
        let at = folded.text.find(needle).expect("quote found");
        let src = origin(input, &folded, at..at + needle.len());
        assert!(src.starts_with("« Notre souhait est que l’IA"));
        assert!(src.ends_with("puissant », a déclaré"));
        assert!(folded.text.contains("l'espace asiepacifique"));
    }

    use crate::test_rng::Lcg;

    const ALPHABET: &[&str] = &[
        "a", "B", "é", "e\u{301}", " ", "  ", "\n", "\r\n", "\u{a0}", "\u{202f}", "-", "\u{2010}",
        "–", "«", "»", ";", "?", ":", "’", "“", "…", "\u{ad}", "\u{200b}", "İ", "ß", "1",
        "\u{301}", "\t",
    ];

    #[test]
    fn random_strings_are_idempotent_and_mapped() {
        let mut rng = Lcg(42);
        for _ in 0..3000 {
            let n = rng.below(12);
            let s: String = (0..n)
                .map(|_| ALPHABET[rng.below(ALPHABET.len())])
                .collect();
            let once = check_map(&s);
            let twice = fold(&once.text);
            assert_eq!(twice.text, once.text, "not idempotent on {s:?}");
        }
    }

    #[test]
    fn seed_fold_is_idempotent() {
        for input in [
            include_str!("../seeds/000_2b99a302a493dc4a.txt"),
            include_str!("../seeds/2025-07-23-accelerating-federal-permitting-of-data-center-infrastructure.md"),
        ] {
            let once = fold(input);
            assert_eq!(fold(&once.text).text, once.text);
        }
    }
}
