use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A verdict on a quote or a claim, ordered from best to worst: a claim takes
/// the worst verdict of its quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Supported,
    Miscited,
    Partial,
    Misquoted,
    Unsupported,
    Contradicted,
    Unverifiable,
}

impl Verdict {
    pub const ALL: [Verdict; 7] = [
        Verdict::Supported,
        Verdict::Miscited,
        Verdict::Partial,
        Verdict::Misquoted,
        Verdict::Unsupported,
        Verdict::Contradicted,
        Verdict::Unverifiable,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Miscited => "miscited",
            Verdict::Partial => "partial",
            Verdict::Misquoted => "misquoted",
            Verdict::Unsupported => "unsupported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Verdict {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Verdict::ALL.into_iter().find(|v| v.name() == s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_order_is_best_to_worst() {
        for v in Verdict::ALL {
            assert_eq!(v.name().parse::<Verdict>(), Ok(v));
        }
        assert!("Supported".parse::<Verdict>().is_err());
        assert!(Verdict::Supported < Verdict::Miscited);
        assert!(Verdict::Unsupported < Verdict::Unverifiable);
    }
}
