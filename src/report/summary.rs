use std::collections::BTreeMap;

use serde::Serialize;

use crate::verdict::Verdict;

use super::FileReport;

/// Counts over a whole run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub claims: usize,
    pub passed: usize,
    pub failed: usize,
    /// Claims files refused for errors.
    pub errors: usize,
    /// Drafts: findings that are no verdict (unused suppressions).
    #[serde(skip_serializing_if = "is_zero")]
    pub findings: usize,
    /// Claims by verdict, every verdict listed, in the order best to worst.
    pub verdicts: BTreeMap<Verdict, usize>,
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Self {
        let mut verdicts: BTreeMap<Verdict, usize> = Verdict::ALL.iter().map(|v| (*v, 0)).collect();
        let (mut claims, mut passed) = (0, 0);
        for claim in files.iter().flat_map(|f| &f.claims) {
            claims += 1;
            passed += usize::from(claim.pass);
            *verdicts.entry(claim.verdict).or_default() += 1;
        }
        Summary {
            files: files.len(),
            claims,
            passed,
            failed: claims - passed,
            errors: files.iter().filter(|f| !f.errors.is_empty()).count(),
            findings: files.iter().map(|f| f.findings.len()).sum(),
            verdicts,
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
