//! A bound on the approximate matcher's work for one quote.
//!
//! Myers' cost is ⌈m/64⌉ word operations per text byte for a quote of m
//! bytes, so a long quote against a large source (a 1 MB quote, 100 MB of
//! text) would run for hours. The check runs each quote's search inside
//! [`with_budget`]: every Myers scan and every batch of candidate
//! verifications is charged before it runs, at its worst-case cost in
//! **cells** (one cell: one 64-row block of the DP advanced by one text
//! byte), and a search that would go over the budget is not started. Once
//! refused, every later search of the same quote is refused too, and the
//! caller learns that the search stopped: it never reports what it did not
//! finish looking at.
//!
//! Outside [`with_budget`] (the library's own users, the benchmarks) nothing
//! is charged and nothing is refused.

use std::cell::Cell;

/// The work allowed per quote: 2³² cells, a few seconds of Myers at most.
/// A quote of a sentence against a 256 MiB source (the default size limit)
/// uses a small part of it; a quote of several kilobytes against a source
/// of a hundred megabytes is stopped.
pub const QUOTE_WORK_LIMIT: u64 = 1 << 32;

/// Why a quote's search stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    /// The cells of the search that was refused.
    pub wanted: u64,
    /// The cells already spent on this quote.
    pub used: u64,
    /// The budget.
    pub limit: u64,
}

#[derive(Clone, Copy)]
struct State {
    used: u64,
    limit: u64,
    stopped: Option<Stopped>,
}

thread_local! {
    static BUDGET: Cell<Option<State>> = const { Cell::new(None) };
}

/// Runs `f` with a budget of `limit` cells for the searches it makes on
/// this thread; `Some` when one of them was refused. Budgets do not nest:
/// the inner one replaces the outer one while it runs.
pub fn with_budget<R>(limit: u64, f: impl FnOnce() -> R) -> (R, Option<Stopped>) {
    let outer = BUDGET.with(|b| {
        b.replace(Some(State {
            used: 0,
            limit,
            stopped: None,
        }))
    });
    let result = f();
    let state = BUDGET.with(|b| b.replace(outer));
    (result, state.and_then(|s| s.stopped))
}

/// Asks for `cells` of work: true when it may run (and is counted), false
/// when it would go over the budget or the budget is already spent.
pub(crate) fn charge(cells: u64) -> bool {
    BUDGET.with(|b| {
        let Some(mut state) = b.get() else {
            return true;
        };
        if state.stopped.is_some() {
            return false;
        }
        let ok = state
            .used
            .checked_add(cells)
            .is_some_and(|total| total <= state.limit);
        if ok {
            state.used += cells;
        } else {
            state.stopped = Some(Stopped {
                wanted: cells,
                used: state.used,
                limit: state.limit,
            });
        }
        b.set(Some(state));
        ok
    })
}

/// True when a search of the current budget was refused: what follows
/// would be refused too.
pub fn spent() -> bool {
    BUDGET.with(|b| b.get().is_some_and(|s| s.stopped.is_some()))
}

/// The worst-case cells of a Myers scan of `bytes` text bytes with a
/// pattern of `m` bytes.
pub(crate) fn scan_cells(m: usize, bytes: usize) -> u64 {
    (m.div_ceil(64).max(1) as u64).saturating_mul(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_up_to_the_limit_then_refuses_everything() {
        assert!(charge(u64::MAX), "no budget: anything goes");
        let ((), stopped) = with_budget(100, || {
            assert!(charge(60));
            assert!(charge(40));
            assert!(!charge(1));
            assert!(!charge(0), "spent: refused from then on");
        });
        assert_eq!(
            stopped,
            Some(Stopped {
                wanted: 1,
                used: 100,
                limit: 100
            })
        );
        let ((), stopped) = with_budget(10, || assert!(charge(10)));
        assert_eq!(stopped, None);
        assert!(charge(u64::MAX), "the budget ends with its closure");
    }
}
