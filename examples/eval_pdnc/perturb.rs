//! Deterministic perturbations of a quote: SplitMix64, and one function per
//! class of change.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the modulo bias is negligible here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// `k` distinct indices in `0..n`, sorted.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        let mut out = all[..k.min(n)].to_vec();
        out.sort_unstable();
        out
    }
}

/// Typography a word processor or a web page introduces: curly quotes and
/// apostrophes, non-breaking spaces, `…` for `...`, line breaks, `—` for `--`
/// is left out (folding keeps dashes apart on purpose). Returns `None` when
/// nothing could be changed (never for a quote with a space).
pub fn typography(q: &str, rng: &mut Rng) -> Option<String> {
    let mut out = String::with_capacity(q.len() + 16);
    let mut changed = false;
    let mut open_double = true;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '.' && chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') {
            out.push('…');
            changed = true;
            i += 3;
            prev = Some('…');
            continue;
        }
        match c {
            '\'' => {
                let opening = prev.is_none_or(char::is_whitespace);
                out.push(if opening { '‘' } else { '’' });
                changed = true;
            }
            '"' => {
                out.push(if open_double { '“' } else { '”' });
                open_double = !open_double;
                changed = true;
            }
            ' ' if rng.chance(0.25) => {
                out.push('\u{a0}');
                changed = true;
            }
            ' ' if rng.chance(0.1) => {
                out.push('\n');
                changed = true;
            }
            '\n' if rng.chance(0.5) => {
                out.push(' ');
                changed = true;
            }
            c => out.push(c),
        }
        prev = Some(c);
        i += 1;
    }
    if !changed {
        let at = out.find(' ')?;
        out.replace_range(at..at + 1, "\u{a0}");
    }
    Some(out)
}

/// Case changes: the whole quote upper or lower case, title case, or one to
/// three words' case swapped.
pub fn case(q: &str, rng: &mut Rng) -> Option<String> {
    let out = match rng.below(4) {
        0 => q.to_uppercase(),
        1 => q.to_lowercase(),
        2 => map_words(q, |w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        }),
        _ => {
            let words: Vec<&str> = q.split_whitespace().collect();
            let k = 1 + rng.below(3);
            let pick = rng.distinct(words.len(), k);
            let swapped: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if pick.contains(&i) {
                        w.chars()
                            .map(|c| {
                                if c.is_uppercase() {
                                    c.to_lowercase().collect::<String>()
                                } else {
                                    c.to_uppercase().collect()
                                }
                            })
                            .collect()
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            swapped.join(" ")
        }
    };
    (out != q).then_some(out)
}

fn map_words(q: &str, f: impl Fn(&str) -> String) -> String {
    q.split_whitespace().map(f).collect::<Vec<_>>().join(" ")
}

/// Word edits. `Sub`: a word replaced by another word of the novel; `Drop`: a
/// word left out; `Add`: a word of the novel put in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Sub,
    Drop,
    Add,
}

/// `k` edits of one kind, words drawn from `vocab`. Whitespace is rewritten
/// as single spaces (folding does the same).
pub fn words(q: &str, edit: Edit, k: usize, vocab: &[String], rng: &mut Rng) -> Option<String> {
    let mut words: Vec<String> = q.split_whitespace().map(str::to_string).collect();
    if words.len() < k + 2 || vocab.is_empty() {
        return None;
    }
    match edit {
        Edit::Sub => {
            for i in rng.distinct(words.len(), k) {
                let old = core(&words[i]).to_lowercase();
                let new = loop {
                    let w = &vocab[rng.below(vocab.len())];
                    if w.to_lowercase() != old {
                        break w.clone();
                    }
                };
                words[i] = replace_core(&words[i], &new);
            }
        }
        Edit::Drop => {
            for i in rng.distinct(words.len(), k).into_iter().rev() {
                words.remove(i);
            }
        }
        Edit::Add => {
            for _ in 0..k {
                let at = rng.below(words.len() + 1);
                words.insert(at, vocab[rng.below(vocab.len())].clone());
            }
        }
    }
    Some(words.join(" "))
}

/// A word without the punctuation around it.
fn core(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `w` with its letters replaced by `new`, its surrounding punctuation kept.
fn replace_core(w: &str, new: &str) -> String {
    let c = core(w);
    match w.find(c) {
        Some(at) if !c.is_empty() => format!("{}{new}{}", &w[..at], &w[at + c.len()..]),
        _ => new.to_string(),
    }
}

const NUMBER_WORDS: [&str; 20] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "first", "second",
];

/// One number in the quote changed: digits to another number, a number word
/// to another number word. `None` when the quote has no number.
pub fn number(q: &str, rng: &mut Rng) -> Option<String> {
    let words: Vec<&str> = q.split_whitespace().collect();
    let numeric: Vec<usize> = (0..words.len())
        .filter(|&i| {
            let c = core(words[i]);
            (!c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
                || NUMBER_WORDS.contains(&c.to_lowercase().as_str())
        })
        .collect();
    if numeric.is_empty() {
        return None;
    }
    let i = numeric[rng.below(numeric.len())];
    let c = core(words[i]);
    let new = if c.chars().all(|ch| ch.is_ascii_digit()) {
        let n: u64 = c.parse().unwrap_or(0);
        (n + 1 + rng.below(9) as u64).to_string()
    } else {
        let lower = c.to_lowercase();
        let others: Vec<&&str> = NUMBER_WORDS.iter().filter(|w| **w != lower).collect();
        let w = others[rng.below(others.len())].to_string();
        if c.chars().next().is_some_and(char::is_uppercase) {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or(w)
        } else {
            w
        }
    };
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[i] = replace_core(words[i], &new);
    Some(out.join(" "))
}
