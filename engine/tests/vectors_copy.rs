//! The repository's copy of the domain spec's test vectors (`engine/tests/vectors/`) must stay the
//! same as the spec's own file (`../shared/spec/test_vectors.json`) wherever that file is beside
//! the repository; a clone without it still runs every test against the copy.

use std::path::PathBuf;

/// The copy every rule test reads.
fn copy_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/test_vectors.json")
}

/// The spec's file, beside the repository when the domain spec is checked out next to it.
fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/test_vectors.json")
}

#[test]
fn the_copied_vectors_match_the_domain_spec_when_it_is_present() {
    let copy = std::fs::read(copy_path()).expect("the repository holds its copy of the test vectors");
    let Ok(spec) = std::fs::read(spec_path()) else {
        eprintln!(
            "{} is absent: the copy in engine/tests/vectors/ is used without comparing it",
            spec_path().display()
        );
        return;
    };
    assert!(
        copy == spec,
        "engine/tests/vectors/test_vectors.json differs from {}: copy the spec's file over it \
         (cp ../shared/spec/test_vectors.json engine/tests/vectors/) and run the tests again",
        spec_path().display()
    );
}

#[test]
fn the_copy_is_json_with_the_sections_the_rules_read() {
    let text = std::fs::read_to_string(copy_path()).expect("the repository holds its copy of the test vectors");
    let vectors: serde_json::Value = serde_json::from_str(&text).expect("the copy is valid JSON");
    for section in [
        "resident_id_GB11643",
        "uscc_GB32100",
        "issn",
        "cn_patent_number",
        "publicity_5_working_days",
        "text_length_counter",
        "seniority_and_material_window",
    ] {
        assert!(vectors.get(section).is_some(), "the copied vectors have no section {section:?}");
    }
}
