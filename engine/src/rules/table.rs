//! Test-only: runs a table of cases through a rule and reports every failing case with its input,
//! rather than stopping at the first one, so that one run shows the whole extent of a regression.

use std::fmt::Debug;

use crate::report::Finding;

/// Compares `actual(input)` with the expected result of every `(input, expected)` case; panics
/// once at the end, listing each case that differs with its input, expectation and result. The
/// result may be of a type comparable with the expectation (`Vec<String>` with `Vec<&str>`).
#[track_caller]
pub(crate) fn check_table<I: Debug, E: Debug, A: Debug + PartialEq<E>>(
    cases: impl IntoIterator<Item = (I, E)>,
    actual: impl Fn(&I) -> A,
) {
    check_cases(cases, |(input, expected)| {
        let got = actual(input);
        ensure(&got == expected, || format!("expected {expected:?}, got {got:?}"))
    });
}

/// Runs `verdict` on every case, which says why a case fails (`Err`); panics once at the end,
/// listing each failing case with the reason. For cases whose expectation is not a value to
/// compare (a message that must contain some words, findings that must all be warnings …).
#[track_caller]
pub(crate) fn check_cases<C: Debug>(cases: impl IntoIterator<Item = C>, verdict: impl Fn(&C) -> Result<(), String>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for case in cases {
        count += 1;
        if let Err(reason) = verdict(&case) {
            failures.push(format!("  {case:?}: {reason}"));
        }
    }
    assert!(count > 0, "the table has no cases, so it proves nothing");
    assert!(failures.is_empty(), "{} of {count} cases failed:\n{}", failures.len(), failures.join("\n"));
}

/// `Ok` when `holds`, else the reason `why` gives: a verdict's single checks, joined with `?`.
pub(crate) fn ensure(holds: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(why())
    }
}

/// Each finding as one comparable line: its code, severity and message
/// (`V-DATE Error 不能晚于今天（2026-11-23），请核对日期。`).
pub(crate) fn described(found: &[Finding]) -> Vec<String> {
    found.iter().map(|f| format!("{} {:?} {}", f.code, f.severity, f.message)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The panic message of `run`, which must panic.
    fn failure_of(run: impl FnOnce() + std::panic::UnwindSafe) -> String {
        let payload = std::panic::catch_unwind(run).expect_err("the table should have failed");
        let text = payload.downcast_ref::<&str>().map(|t| t.to_string());
        payload.downcast_ref::<String>().cloned().or(text).unwrap_or_default()
    }

    #[test]
    fn every_failing_case_is_reported_with_its_input() {
        let message = failure_of(|| check_table([(1, 2), (2, 4), (3, 7), (4, 9)], |n| n * 2));
        assert!(message.starts_with("2 of 4 cases failed"), "{message}");
        assert!(message.contains("(3, 7): expected 7, got 6"), "{message}");
        assert!(message.contains("(4, 9): expected 9, got 8"), "{message}");
        assert!(!message.contains("(1, 2)"), "passing cases are not listed: {message}");
    }

    #[test]
    fn verdicts_give_their_own_reasons_and_an_empty_table_fails() {
        let message = failure_of(|| {
            check_cases(["公示", "公示期"], |text| {
                ensure(text.chars().count() == 2, || "not two characters".into())
            })
        });
        assert!(message.contains("\"公示期\": not two characters"), "{message}");
        let empty = failure_of(|| check_table(Vec::<(u8, u8)>::new(), |n| *n));
        assert!(empty.contains("no cases"), "{empty}");
        check_table([("公示", 2)], |text| text.chars().count());
    }
}
