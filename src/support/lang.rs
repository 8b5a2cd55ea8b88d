//! The language of a text, deciding stop words, stemming and number words.

/// A language the support check knows. Anything else is read as English,
/// whose tokenisation is the least surprising fallback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// From a BCP 47 tag ("en", "en-US", "fr", "fr_CA"…); unknown → English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "fr" | "fra" | "fre" | "french" | "français" => Lang::Fr,
            _ => Lang::En,
        }
    }

    /// A guess from the text itself, for a claim whose language no tag
    /// gives: French when its French function words outnumber its English
    /// ones.
    pub fn guess(text: &str) -> Lang {
        const FR: &[&str] = &[
            "le", "la", "les", "des", "du", "une", "un", "est", "et", "à", "que", "qui", "pour",
            "dans", "sur", "au", "aux", "a", "ont", "sont", "par", "pas", "ce", "cette",
        ];
        const EN: &[&str] = &[
            "the", "of", "and", "to", "is", "in", "that", "for", "on", "with", "was", "by", "an",
            "are", "it", "as", "at", "be", "has", "have", "this", "will",
        ];
        let (mut fr, mut en) = (0, 0);
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            let w = word.to_lowercase();
            fr += usize::from(FR.contains(&w.as_str()));
            en += usize::from(EN.contains(&w.as_str()));
        }
        if fr > en {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    pub(crate) fn algorithm(self) -> rust_stemmers::Algorithm {
        match self {
            Lang::En => rust_stemmers::Algorithm::English,
            Lang::Fr => rust_stemmers::Algorithm::French,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::Fr);
        assert_eq!(Lang::from_tag("FR-ca"), Lang::Fr);
        assert_eq!(Lang::from_tag("de"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }
}

#[cfg(test)]
mod guess_tests {
    use super::Lang;

    #[test]
    fn guesses_french_and_english_claims() {
        assert_eq!(
            Lang::guess("Trump a signé trois décrets pour la stratégie."),
            Lang::Fr
        );
        assert_eq!(
            Lang::guess("Trump signed three executive orders to carry out the plan."),
            Lang::En
        );
        assert_eq!(Lang::guess(""), Lang::En);
    }
}
