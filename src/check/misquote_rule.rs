//! When a passage close to a quote makes the quote a misquote of it: words,
//! not bytes, decide (docs/matching.md, "How close is a misquote", and
//! docs/accuracy.md for the measurements behind the numbers).
//!
//! The quote's words are aligned with the words of the passage and its
//! surroundings (edit distance on words, free to start and end anywhere);
//! the **similarity** is the share of the alignment's columns that are the
//! same word: 5 of 8 when three words of eight are changed, dropped or
//! added. A passage is a misquote when its similarity reaches the policy's
//! floor and, below [`CLEAR`], when no other place of the source comes within
//! [`MARGIN`] of it: a stock phrase ("what do you mean by …") shares as many
//! words with several passages, and then names none of them.

use std::ops::Range;

/// What a check needs to know to call a passage a misquote: from
/// `thresholds.misquote-similarity` in citecheck.toml.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchPolicy {
    /// The lowest word similarity of a misquote (0 to 1).
    pub misquote_similarity: f64,
}

/// The default floor: three words of eight changed (0.625) is still a
/// misquote, four (0.5) is another sentence.
pub const DEFAULT_MISQUOTE_SIMILARITY: f64 = 0.6;

/// From this similarity on (one word in five changed), a passage is a
/// misquote even when another place is as close: the report names both.
pub const CLEAR: f64 = 0.8;

/// Below [`CLEAR`], the best passage must be this much more similar than any
/// other place, or it is not told apart from chance.
pub const MARGIN: f64 = 0.1;

impl Default for MatchPolicy {
    fn default() -> Self {
        MatchPolicy {
            misquote_similarity: DEFAULT_MISQUOTE_SIMILARITY,
        }
    }
}

impl MatchPolicy {
    /// Whether a passage of similarity `best`, with `runner_up` the best
    /// similarity of another place (0 when none), makes a misquote.
    pub fn is_misquote(&self, best: f64, runner_up: f64) -> bool {
        best >= self.misquote_similarity - EPSILON
            && (best >= CLEAR - EPSILON || best - runner_up >= MARGIN - EPSILON)
    }
}

/// Shares are ratios of small integers: 5/8 must reach 0.625.
const EPSILON: f64 = 1e-9;

/// Words in common and word edits of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordScore {
    pub same: usize,
    /// Words changed, dropped or added.
    pub edits: usize,
}

impl WordScore {
    pub fn similarity(&self) -> f64 {
        let columns = self.same + self.edits;
        if columns == 0 {
            0.0
        } else {
            self.same as f64 / columns as f64
        }
    }

    pub fn add(self, other: WordScore) -> WordScore {
        WordScore {
            same: self.same + other.same,
            edits: self.edits + other.edits,
        }
    }
}

/// Word ranges of folded text: letters and digits, with an apostrophe or
/// hyphen between two of them kept inside ("don't", "to-day").
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joiner = matches!(c, '\'' | '-')
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joiner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Beyond this many cells the alignment is not made (a quote of thousands of
/// words): the byte distance speaks for it instead.
const MAX_CELLS: usize = 20_000_000;

/// The best alignment of `quote`'s words with words of `window` (free to
/// start and end anywhere in it): the most words the same less the edits
/// (so a passage is taken whole over a dropped word rather than cut short
/// at it), then the most words the same, then the latest end. Returns the
/// score and the byte range of `window` it covers (empty when it uses no
/// word of the window), or None when the quote has no word or the
/// alignment would be too large.
pub fn align_words(quote: &str, window: &str) -> Option<(WordScore, Range<usize>)> {
    let q: Vec<&str> = words(quote).into_iter().map(|r| &quote[r]).collect();
    let p_ranges = words(window);
    let p: Vec<&str> = p_ranges.iter().map(|r| &window[r.clone()]).collect();
    let (n, m) = (q.len(), p.len());
    if n == 0 || (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        return None;
    }
    let mut prev: Vec<Cell> = (0..=m).map(Cell::start).collect();
    let mut cur = prev.clone();
    for (i, qw) in q.iter().enumerate() {
        cur[0] = Cell {
            edits: i + 1,
            same: 0,
            from: 0,
        };
        for j in 1..=m {
            let d = prev[j - 1];
            let mut best = if *qw == p[j - 1] {
                Cell {
                    same: d.same + 1,
                    ..d
                }
            } else {
                Cell {
                    edits: d.edits + 1,
                    ..d
                }
            };
            for other in [prev[j], cur[j - 1]] {
                let gap = Cell {
                    edits: other.edits + 1,
                    ..other
                };
                if gap.better_than(&best) {
                    best = gap;
                }
            }
            cur[j] = best;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    // Among equals the latest end: a last word changed shows as changed,
    // not as added.
    let mut end = 0;
    for j in 1..=m {
        if !prev[end].better_than(&prev[j]) {
            end = j;
        }
    }
    let cell = prev[end];
    let range = if cell.from < end {
        p_ranges[cell.from].start..p_ranges[end - 1].end
    } else {
        0..0
    };
    Some((
        WordScore {
            same: cell.same,
            edits: cell.edits,
        },
        range,
    ))
}

/// An alignment so far: its counts and the first window word it uses.
#[derive(Debug, Clone, Copy)]
struct Cell {
    edits: usize,
    same: usize,
    from: usize,
}

impl Cell {
    fn start(from: usize) -> Cell {
        Cell {
            edits: 0,
            same: 0,
            from,
        }
    }

    fn better_than(&self, other: &Cell) -> bool {
        let gain = |c: &Cell| c.same as i64 - c.edits as i64;
        (gain(self), self.same) > (gain(other), other.same)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(quote: &str, passage: &str) -> f64 {
        align_words(quote, passage).map_or(0.0, |(s, _)| s.similarity())
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let t = "don't go to-day -- 'now'";
        let w: Vec<&str> = words(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(w, ["don't", "go", "to-day", "now"]);
    }

    #[test]
    fn three_words_changed_of_eight_is_a_misquote() {
        let policy = MatchPolicy::default();
        let passage = "and then she left the letter on the hall table before going";
        let (score, range) = align_words("she put the note on the kitchen table", passage).unwrap();
        assert_eq!(score, WordScore { same: 5, edits: 3 });
        assert_eq!(&passage[range], "she left the letter on the hall table");
        assert!(policy.is_misquote(score.similarity(), 0.0));
        // Three dropped: the passage is found whole, not cut at the gap.
        let (score, range) = align_words("she left on the table", passage).unwrap();
        assert_eq!(score, WordScore { same: 5, edits: 3 });
        assert_eq!(&passage[range], "she left the letter on the hall table");
        assert!(policy.is_misquote(score.similarity(), 0.0));
        // Three added.
        let added = sim(
            "she quickly left the letter on the big hall table today",
            passage,
        );
        assert_eq!(added, 8.0 / 11.0);
        assert!(policy.is_misquote(added, 0.0));
    }

    #[test]
    fn four_words_changed_of_eight_is_not() {
        let s = sim(
            "she put the note in the kitchen table",
            "she left the letter on the hall table",
        );
        assert_eq!(s, 0.5);
        assert!(!MatchPolicy::default().is_misquote(s, 0.0));
    }

    #[test]
    fn a_stock_phrase_shared_with_several_places_is_no_misquote() {
        let policy = MatchPolicy::default();
        let quote = "what do you mean by a new voice";
        let here = sim(quote, "what do you mean by good");
        let there = sim(quote, "what do you mean by that");
        assert!(here >= policy.misquote_similarity, "{here}");
        assert!(!policy.is_misquote(here, there));
        // The same passage alone, with nothing as close elsewhere, would be.
        assert!(policy.is_misquote(here, 0.3));
    }

    #[test]
    fn a_clear_misquote_stays_one_when_it_stands_twice() {
        let s = sim("we will win the global AI race", "we will win the AI race");
        assert!(s >= CLEAR, "{s}");
        assert!(MatchPolicy::default().is_misquote(s, s));
    }

    #[test]
    fn the_floor_is_the_policy() {
        let strict = MatchPolicy {
            misquote_similarity: 0.9,
        };
        assert!(!strict.is_misquote(0.875, 0.0));
        let loose = MatchPolicy {
            misquote_similarity: 0.4,
        };
        assert!(loose.is_misquote(0.5, 0.0));
    }

    #[test]
    fn a_last_word_changed_is_changed_not_added() {
        let passage = "shall be borne by the Department of Commerce. Sec. 7";
        let (score, range) = align_words("borne by the Department of State", passage).unwrap();
        assert_eq!(score, WordScore { same: 5, edits: 1 });
        assert_eq!(&passage[range], "borne by the Department of Commerce");
    }

    #[test]
    fn no_words_no_alignment() {
        assert_eq!(align_words("...", "some text"), None);
        let (score, range) = align_words("word", "").unwrap();
        assert_eq!((score.edits, range), (1, 0..0));
    }
}
