//! Test-only access to the domain spec's test vectors, through the repository's copy
//! (`engine/tests/vectors/test_vectors.json`), so that every rule is checked against the same
//! independently computed cases on any clone. `engine/tests/vectors_copy.rs` keeps the copy equal
//! to the spec's `shared/spec/test_vectors.json` wherever that file is beside the repository.

/// The vectors, read at compile time (the engine does no I/O, not even in tests).
const VECTORS: &str = include_str!("../../tests/vectors/test_vectors.json");

/// The whole vector file as JSON. Panics with a clear message when the file is broken.
#[cfg(test)]
pub(crate) fn shared_vectors() -> serde_json::Value {
    serde_json::from_str(VECTORS).unwrap_or_else(|error| {
        panic!("the test vectors (engine/tests/vectors/test_vectors.json) are not valid JSON: {error}")
    })
}

/// The cases of one section that is a JSON array (e.g. `uscc_GB32100`). Panics when the section is
/// missing or empty, so a renamed section cannot make a test pass with zero cases.
#[cfg(test)]
pub(crate) fn vector_cases(section: &str) -> Vec<serde_json::Value> {
    let cases = shared_vectors()[section].as_array().cloned().unwrap_or_default();
    assert!(!cases.is_empty(), "the shared test vectors have no cases in section {section:?}");
    cases
}

/// A string field of one vector case, panicking with the case when it is absent.
#[cfg(test)]
pub(crate) fn text_of<'a>(case: &'a serde_json::Value, key: &str) -> &'a str {
    case[key].as_str().unwrap_or_else(|| panic!("vector case {case} has no string field {key:?}"))
}
