//! Quotations in a block of prose: text between « », “ ”, „ “, straight
//! double quotes, and ‘ ’ inside another quotation. Only the outermost
//! quotation is checked; the marks nested in it are typography to the
//! matcher.

use std::ops::Range;

use super::citation::DraftCitation;

/// A quotation of a draft, as extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// The quoted words: inside the marks, trimmed of blanks (French spacing
    /// included) and of a trailing `,` `;` `:` `.`, line breaks as spaces.
    pub text: String,
    /// The opening mark.
    pub open: char,
    /// Draft bytes from the opening mark to the end of the closing mark.
    pub span: Range<usize>,
    /// The sentence that holds it, as a reader reads it (the claim text).
    pub sentence: String,
    /// Draft bytes of the sentence.
    pub sentence_span: Range<usize>,
    /// The citation that follows it in its sentence, or its footnote's.
    pub citation: Option<DraftCitation>,
    /// Words in `text` (runs with a letter or digit).
    pub words: usize,
}

/// A top-level quotation found in a block: prose byte offsets of the opening
/// mark and of the end of the closing mark, and the marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marks {
    pub start: usize,
    pub end: usize,
    pub open: char,
    pub close: char,
    /// Prose offsets of the single marks (‘ ’) of quotations nested in it:
    /// they stand for the double marks of the source.
    pub nested_single: Vec<usize>,
}

impl Marks {
    /// The prose between the marks.
    pub fn inner(&self) -> Range<usize> {
        self.start + self.open.len_utf8()..self.end - self.close.len_utf8()
    }
}

struct Open {
    at: usize,
    open: char,
    close: char,
}

/// Finds the outermost quotations of a block, in order. A quotation not
/// closed by the end of its block is dropped: quotations do not run across
/// paragraphs.
pub fn find(text: &str) -> Vec<Marks> {
    let mut found = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut nested_single = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, c)| *c);
        let closer = |stack: &[Open], close: char| stack.iter().rposition(|o| o.close == close);
        let mut close_at = None;
        match c {
            '«' => stack.push(Open {
                at: i,
                open: c,
                close: '»',
            }),
            '„' => stack.push(Open {
                at: i,
                open: c,
                close: '“',
            }),
            '»' | '”' => close_at = closer(&stack, c),
            '“' => match closer(&stack, '“') {
                Some(k) => close_at = Some(k),
                None => stack.push(Open {
                    at: i,
                    open: c,
                    close: '”',
                }),
            },
            // A single quotation mark opens only inside another quotation.
            '‘' if !stack.is_empty() => stack.push(Open {
                at: i,
                open: c,
                close: '’',
            }),
            // Between two letters it is an apostrophe: nation’s, don’t.
            '’' if !(is_word(prev) && is_word(next)) => close_at = closer(&stack, '’'),
            '"' => match closer(&stack, '"') {
                Some(k) => close_at = Some(k),
                // An opening straight quote is followed by what it quotes.
                None if next.is_some_and(|n| !n.is_whitespace()) => stack.push(Open {
                    at: i,
                    open: c,
                    close: '"',
                }),
                None => {}
            },
            _ => {}
        }
        if let Some(k) = close_at {
            let open = &stack[k];
            if k == 0 {
                found.push(Marks {
                    start: open.at,
                    end: i + c.len_utf8(),
                    open: open.open,
                    close: c,
                    nested_single: std::mem::take(&mut nested_single),
                });
            } else if open.open == '‘' && c == '’' {
                nested_single.extend([open.at, i]);
            }
            stack.truncate(k);
            if stack.is_empty() {
                nested_single.clear();
            }
        }
        prev = Some(c);
    }
    found
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The quoted words of a quotation: its nested single marks made double
/// (a writer turns the source's “ ” into ‘ ’ inside a quotation), then
/// [`clean`]ed.
pub fn words_of(text: &str, marks: &Marks) -> String {
    let inner = marks.inner();
    let mut out = String::with_capacity(inner.len());
    for (i, c) in text[inner.clone()].char_indices() {
        match c {
            '‘' if marks.nested_single.contains(&(inner.start + i)) => out.push('“'),
            '’' if marks.nested_single.contains(&(inner.start + i)) => out.push('”'),
            c => out.push(c),
        }
    }
    clean(&out)
}

/// The quoted words of `inner`: blanks (including no-break spaces) trimmed,
/// line breaks and runs of blanks made one space, and a trailing `,` `;` `:`
/// or `.` dropped (American style puts the comma inside the marks).
pub fn clean(inner: &str) -> String {
    let joined = inner.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined.trim_end_matches([',', ';', ':']);
    let trimmed = match trimmed.strip_suffix('.') {
        Some(t) if !t.ends_with('.') => t,
        _ => trimmed,
    };
    trimmed.trim().to_string()
}

/// Words: runs between blanks holding a letter or a digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        find(text).iter().map(|m| words_of(text, m)).collect()
    }

    #[test]
    fn every_kind_of_mark() {
        assert_eq!(quoted("He said “we will win” today."), vec!["we will win"]);
        assert_eq!(
            quoted("Il a dit « nous gagnerons »."),
            vec!["nous gagnerons"]
        );
        assert_eq!(quoted("Er sagte „wir gewinnen“."), vec!["wir gewinnen"]);
        assert_eq!(
            quoted("He said \"we will win\" today."),
            vec!["we will win"]
        );
    }

    #[test]
    fn french_spacing_is_trimmed() {
        // No-break space and narrow no-break space inside the guillemets.
        assert_eq!(
            quoted("Il a déclaré «\u{a0}l’IA est ouverte\u{202f}» hier."),
            vec!["l’IA est ouverte"]
        );
    }

    #[test]
    fn nested_quotes_stay_in_the_outer_one() {
        let text = "She wrote “the order calls them ‘full-stack’ packages” in July.";
        assert_eq!(
            quoted(text),
            vec!["the order calls them “full-stack” packages"]
        );
        let text = "« Il parle d’un “paquet complet” pour l’export »";
        assert_eq!(
            quoted(text),
            vec!["Il parle d’un “paquet complet” pour l’export"]
        );
        let text = "“He said \"we will\" and left”";
        assert_eq!(quoted(text), vec!["He said \"we will\" and left"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text =
            "The nation’s “AI stack, packaged for each customer nation’s convenience” is ready.";
        assert_eq!(
            quoted(text),
            vec!["AI stack, packaged for each customer nation’s convenience"]
        );
        // Inside a single-quoted inner quote, a word’s apostrophe does not close it.
        let text = "“They called it ‘the nation’s stack’ openly”";
        assert_eq!(
            quoted(text),
            vec!["They called it “the nation’s stack” openly"]
        );
        // A lone ‘ at the top level opens nothing.
        assert!(quoted("It’s the ‘90s again").is_empty());
    }

    #[test]
    fn quotes_across_line_breaks() {
        assert_eq!(
            quoted("He said “we will\nwin the race” there."),
            vec!["we will win the race"]
        );
    }

    #[test]
    fn unclosed_quotes_are_dropped_and_mismatched_inner_marks_forgiven() {
        assert!(quoted("He said “we will win").is_empty());
        assert_eq!(quoted("“a ‘b c” and “d”"), vec!["a ‘b c", "d"]);
        assert!(quoted("a \" b").is_empty());
    }

    #[test]
    fn trailing_punctuation_inside_the_marks_is_dropped() {
        assert_eq!(quoted("“We will win,” he said."), vec!["We will win"]);
        assert_eq!(quoted("“We will win.”"), vec!["We will win"]);
        assert_eq!(quoted("“We will win?”"), vec!["We will win?"]);
        assert_eq!(quoted("“We will…”"), vec!["We will…"]);
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(word_count("AI stack — packaged , for"), 4);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn any_text_is_safe() {
        for text in ["“", "”", "«»", "\"", "„“", "‘’", "“‘", "é“é”é", "\"\"\"\""]
        {
            for m in find(text) {
                let _ = clean(&text[m.inner()]);
            }
        }
    }
}
