//! Number words in English and French ("three", "ninety-one",
//! "quatre-vingt-dix", "vingt et un") and scale words ("billion", "milliard").

use super::lang::Lang;

/// The value of one number word, if it is one. "un"/"une"/"a" are left out:
/// they are articles far more often than numbers.
pub(crate) fn single_number_word(w: &str, lang: Lang) -> Option<u64> {
    let v = match lang {
        Lang::En => match w {
            "zero" => 0,
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            "hundred" => 100,
            "thousand" => 1000,
            _ => return None,
        },
        Lang::Fr => match w {
            "zéro" => 0,
            "deux" => 2,
            "trois" => 3,
            "quatre" => 4,
            "cinq" => 5,
            "six" => 6,
            "sept" => 7,
            "huit" => 8,
            "neuf" => 9,
            "dix" => 10,
            "onze" => 11,
            "douze" => 12,
            "treize" => 13,
            "quatorze" => 14,
            "quinze" => 15,
            "seize" => 16,
            "vingt" | "vingts" => 20,
            "trente" => 30,
            "quarante" => 40,
            "cinquante" => 50,
            "soixante" => 60,
            "cent" | "cents" => 100,
            "mille" => 1000,
            _ => return None,
        },
    };
    Some(v)
}

/// "un"/"une"/"one" inside a compound ("vingt et un", "one hundred").
pub(crate) fn unit_one(w: &str) -> bool {
    matches!(w, "un" | "une" | "one" | "a")
}

/// Multipliers written after a number: "1.5 billion", "1,5 milliard".
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    match w {
        "thousand" => Some(1e3),
        "million" | "millions" => Some(1e6),
        "billion" | "billions" | "milliard" | "milliards" => Some(1e9),
        "trillion" | "trillions" => Some(1e12),
        _ => None,
    }
}

/// Folds a run of number words into a value: "quatre vingt dix" → 90,
/// "three hundred five" → 305, "vingt un" → 21. `None` for an empty run.
pub(crate) fn fold_words(words: &[u64]) -> Option<u64> {
    if words.is_empty() {
        return None;
    }
    let (mut total, mut current) = (0u64, 0u64);
    for &v in words {
        match v {
            100 => current = current.max(1).saturating_mul(100),
            1000 => {
                total = total.saturating_add(current.max(1).saturating_mul(1000));
                current = 0;
            }
            // "quatre-vingt(s)": four twenties.
            20 if current % 100 == 4 => current = current - 4 + 80,
            _ => current = current.saturating_add(v),
        }
    }
    Some(total.saturating_add(current))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(words: &str, lang: Lang) -> Option<u64> {
        let vals: Vec<u64> = words
            .split([' ', '-'])
            .filter_map(|w| {
                if unit_one(w) {
                    Some(1)
                } else {
                    single_number_word(w, lang)
                }
            })
            .collect();
        fold_words(&vals)
    }

    #[test]
    fn french_compounds() {
        assert_eq!(fold("quatre-vingt-dix", Lang::Fr), Some(90));
        assert_eq!(fold("soixante-dix", Lang::Fr), Some(70));
        assert_eq!(fold("quatre-vingts", Lang::Fr), Some(80));
        assert_eq!(fold("vingt et un", Lang::Fr), Some(21));
        assert_eq!(fold("deux mille vingt-cinq", Lang::Fr), Some(2025));
        assert_eq!(fold("trois", Lang::Fr), Some(3));
    }

    #[test]
    fn english_compounds() {
        assert_eq!(fold("ninety", Lang::En), Some(90));
        assert_eq!(fold("twenty-one", Lang::En), Some(21));
        assert_eq!(fold("three hundred five", Lang::En), Some(305));
        assert_eq!(fold("two thousand", Lang::En), Some(2000));
    }
}
