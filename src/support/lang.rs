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
