//! A quotation as journalists write it: fragments separated by elisions
//! (`…`, `...`, `[…]`, `[...]`) or editorial insertions (`[words]`), with
//! `[sic]` marking a word kept as the source has it.

use std::ops::Range;

use memchr::memmem;

use crate::fold::fold;

use super::budget::charge;
use super::exact;

/// The budget's cells for trying one place of a fragment after an elision
/// (a copy of the places so far and a call): as long as Myers takes for 64.
const HIT_CELLS: u64 = 64;

/// What stands between two fragments of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// Words left out: the next fragment follows within a bounded stretch.
    Elision,
    /// Words the writer put in, not compared: a short stretch of the source
    /// (possibly none) stands in their place.
    Insertion(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// What stands before this fragment (`None` for the first).
    pub gap: Option<Gap>,
    /// The fragment as written, trimmed.
    pub text: String,
    /// The folded fragment, what is searched.
    pub folded: String,
}

impl Fragment {
    /// How far (in folded bytes) this fragment may stand from the one before.
    pub fn max_gap(&self) -> usize {
        match self.gap {
            Some(Gap::Insertion(_)) => MAX_INSERTION,
            _ => MAX_ELISION,
        }
    }
}

/// A quote cut at its elisions and insertions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotePattern {
    pub fragments: Vec<Fragment>,
    /// Editorial insertions and `[sic]`, as written, brackets included.
    pub insertions: Vec<String>,
}

/// How far apart (in folded bytes) two fragments may stand.
const MAX_ELISION: usize = 2_000;
const MAX_INSERTION: usize = 120;

impl QuotePattern {
    pub fn parse(quote: &str) -> Self {
        let mut fragments = Vec::new();
        let mut insertions = Vec::new();
        let mut gap = None;
        let mut rest = quote;
        loop {
            let (before, marker, after) = next_marker(rest);
            push_fragment(&mut fragments, &mut gap, before);
            match marker {
                Marker::End => break,
                Marker::Sic => insertions.push("[sic]".to_string()),
                Marker::Elision => gap = Some(Gap::Elision),
                Marker::Insertion(words) => {
                    insertions.push(format!("[{words}]"));
                    // An elision next to an insertion still allows a long gap.
                    if gap != Some(Gap::Elision) {
                        gap = Some(Gap::Insertion(words));
                    }
                }
            }
            rest = after;
        }
        QuotePattern {
            fragments,
            insertions,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fragments.is_empty()
    }

    /// The first place in `hay[within]` where every fragment stands in order,
    /// each gap within its bound. Returns the range of every fragment.
    ///
    /// Of the occurrences of the first fragment before the second, the last
    /// is taken: in an interrupted quotation ("Well," she said, "well…") a
    /// short first part also stands earlier in the bounded stretch, and the
    /// reader means the one next to the rest of the quote.
    ///
    /// Cost: a place of a fragment that led nowhere is not tried again (the
    /// stretch of its starts is remembered per fragment), so fragments that
    /// stand everywhere cannot make the search exponential; the stretches
    /// after the first fragment are charged to the quote's budget
    /// ([`super::budget`]), a byte a cell: past it the search gives up, and
    /// the budget says it stopped.
    pub fn find(&self, hay: &str, within: Range<usize>) -> Option<Vec<Range<usize>>> {
        let first = self.fragments.first()?;
        let mut start = within.start;
        let mut dead = vec![None; self.fragments.len()];
        let finders: Vec<memmem::Finder> = self
            .fragments
            .iter()
            .map(|f| memmem::Finder::new(f.folded.as_bytes()))
            .collect();
        while let Some(r) = exact::find_first(&first.folded, hay, start..within.end) {
            let mut found = vec![r.clone()];
            if self.follow(hay, within.end, &finders, &mut found, &mut dead) {
                if let Some(next) = found.get(1).map(|n| n.start) {
                    if let Some(last) = exact::find_all(&first.folded, hay, r.start + 1..next).pop()
                    {
                        found[0] = last;
                    }
                }
                return Some(found);
            }
            start = r.start + 1;
            while !hay.is_char_boundary(start) {
                start += 1;
            }
        }
        None
    }

    /// Places the fragments after the ones found so far, nearest first:
    /// true when all stand, `found` then holding them. `dead[k]`: starts of fragment `k` known to lead nowhere (a place that
    /// led nowhere once does so whatever came before it).
    fn follow(
        &self,
        hay: &str,
        end: usize,
        finders: &[memmem::Finder],
        found: &mut Vec<Range<usize>>,
        dead: &mut [Option<Range<usize>>],
    ) -> bool {
        let k = found.len();
        let Some(fragment) = self.fragments.get(k) else {
            return true;
        };
        let len = fragment.folded.len();
        let from = found.last().map_or(0, |r| r.end);
        let limit = end.min(from + fragment.max_gap() + len);
        if limit < from + len {
            return false;
        }
        // Where the fragment may start: from ..= limit - len.
        let starts = from..limit - len + 1;
        for part in not_in(&starts, dead[k].clone()) {
            let scan = part.start..(part.end - 1 + len).min(limit);
            if !charge(scan.len() as u64) {
                return false;
            }
            for r in exact::find_iter(&finders[k], &fragment.folded, hay, scan) {
                if !charge(HIT_CELLS) {
                    return false;
                }
                found.push(r);
                if self.follow(hay, end, finders, found, dead) {
                    return true;
                }
                found.pop();
            }
        }
        dead[k] = Some(match dead[k].take() {
            Some(d) if d.start <= starts.end && starts.start <= d.end => {
                d.start.min(starts.start)..d.end.max(starts.end)
            }
            _ => starts,
        });
        false
    }
}

/// `range` less `known`, in order: at most two parts.
fn not_in(range: &Range<usize>, known: Option<Range<usize>>) -> impl Iterator<Item = Range<usize>> {
    let parts = match known {
        None => [range.clone(), 0..0],
        Some(d) => [
            range.start..d.start.min(range.end),
            d.end.max(range.start)..range.end,
        ],
    };
    parts.into_iter().filter(|r| !r.is_empty())
}

enum Marker {
    End,
    Elision,
    Sic,
    Insertion(String),
}

/// Splits at the first marker: text before it, the marker, text after it.
fn next_marker(s: &str) -> (&str, Marker, &str) {
    let candidates = [
        memmem::find(s.as_bytes(), "…".as_bytes()),
        memmem::find(s.as_bytes(), b"..."),
        memmem::find(s.as_bytes(), b"["),
    ];
    let Some(at) = candidates.into_iter().flatten().min() else {
        return (s, Marker::End, "");
    };
    let rest = &s[at..];
    if let Some(after) = rest.strip_prefix('…') {
        return (&s[..at], Marker::Elision, after);
    }
    if rest.starts_with("...") {
        let dots = rest.bytes().take_while(|b| *b == b'.').count();
        return (&s[..at], Marker::Elision, &rest[dots..]);
    }
    // A bracket: an elision, [sic], or an insertion; an unclosed one is text.
    match rest.find(']') {
        Some(close) => {
            let inner = rest[1..close].trim();
            let after = &rest[close + 1..];
            let marker = if inner == "…" || inner.chars().all(|c| c == '.') && !inner.is_empty() {
                Marker::Elision
            } else if inner.eq_ignore_ascii_case("sic") {
                Marker::Sic
            } else {
                Marker::Insertion(inner.to_string())
            };
            (&s[..at], marker, after)
        }
        None => (s, Marker::End, ""),
    }
}

fn push_fragment(fragments: &mut Vec<Fragment>, gap: &mut Option<Gap>, text: &str) {
    let folded = fold(text).text.trim().to_string();
    if folded.is_empty() || folded.chars().all(|c| !c.is_alphanumeric()) {
        return;
    }
    // [sic] joins the text on both sides into one fragment.
    if gap.is_none() {
        if let Some(last) = fragments.last_mut() {
            last.text = format!("{} {}", last.text, text.trim());
            last.folded = fold(&last.text).text.trim().to_string();
            return;
        }
    }
    fragments.push(Fragment {
        gap: if fragments.is_empty() {
            None
        } else {
            gap.take()
        },
        text: text.trim().to_string(),
        folded,
    });
    *gap = None;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &QuotePattern) -> Vec<&str> {
        p.fragments.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn elisions_of_every_spelling_cut_fragments() {
        for q in ["a b … c d", "a b ... c d", "a b […] c d", "a b [...] c d"] {
            let p = QuotePattern::parse(q);
            assert_eq!(texts(&p), ["a b", "c d"], "{q}");
            assert_eq!(p.fragments[1].gap, Some(Gap::Elision));
        }
    }

    #[test]
    fn insertions_and_sic_are_recorded_not_compared() {
        let p = QuotePattern::parse("[The President] signed the programme [sic] today");
        assert_eq!(texts(&p), ["signed the programme today"]);
        assert_eq!(p.insertions, ["[The President]", "[sic]"]);
        let p = QuotePattern::parse("the [AI] program");
        assert_eq!(texts(&p), ["the", "program"]);
        assert_eq!(p.fragments[1].gap, Some(Gap::Insertion("AI".into())));
    }

    #[test]
    fn fragments_are_found_in_order_within_their_bounds() {
        let hay = "one two three four five six";
        let p = QuotePattern::parse("two … five");
        assert_eq!(p.find(hay, 0..hay.len()), Some(vec![4..7, 19..23]));
        let p = QuotePattern::parse("five … two");
        assert_eq!(p.find(hay, 0..hay.len()), None);
        let far = format!("alpha {} omega", "x ".repeat(200));
        let p = QuotePattern::parse("alpha [word] omega");
        assert_eq!(
            p.find(&far, 0..far.len()),
            None,
            "an insertion stands for a few words only"
        );
    }

    #[test]
    fn a_short_first_part_is_taken_next_to_the_rest() {
        // PDNC, Emma: "Well," … "well--and--and what shall I do?" with an
        // earlier "Well," within the elision bound.
        let hay = "well, i thank you. \"well,\" said she, \"well--and what shall i do?\"";
        let p = QuotePattern::parse("Well, … well--and what shall I do?");
        let second = hay.find("well,\" said").unwrap();
        let rest = hay.find("well--and").unwrap();
        assert_eq!(
            p.find(hay, 0..hay.len()),
            Some(vec![second..second + 5, rest..hay.len() - 1])
        );
    }

    #[test]
    fn a_quote_of_punctuation_alone_has_nothing_to_find() {
        assert!(QuotePattern::parse("… [...] !").is_empty());
    }
}
