//! Test-only access to the shared test vectors of the domain spec (`shared/spec/test_vectors.json`),
//! so that every rule is checked against the same independently computed cases.

/// Where the shared vectors live, relative to this crate's manifest.
const VECTORS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/spec/test_vectors.json");

/// The whole vector file as JSON. Panics with a clear message when the file is missing or broken,
/// because a rule test without its vectors would silently prove nothing.
#[cfg(test)]
pub(crate) fn shared_vectors() -> serde_json::Value {
    let text = std::fs::read_to_string(VECTORS_PATH).unwrap_or_else(|error| {
        panic!("the shared test vectors are missing: cannot read {VECTORS_PATH} ({error}); the rule tests need shared/spec/test_vectors.json")
    });
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("the shared test vectors at {VECTORS_PATH} are not valid JSON: {error}"))
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
