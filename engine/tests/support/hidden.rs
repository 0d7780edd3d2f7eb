//! Shared by the hidden-answer tests of every form: plants an answer in every field hidden under a
//! declaration's own answers, and checks that none leaves with the package, the printed reports or
//! the fingerprint while the applicant's own draft keeps them.
// Each test crate that includes this file uses only some of it.
#![allow(dead_code)]

use zhicheng_engine::printable::{applicable, build, fingerprint, html, ReportSet};
use zhicheng_engine::{Command, FieldPath, FormState, Outcome, PackageManifestV1, PackageStamp, PackagedReport, Value};

/// The text every planted answer starts with; it must be found nowhere that leaves the browser.
pub const MARKER: &str = "隐藏答案·";

/// What is planted in `field`: the marker and the field's id, so a leak names its source.
pub fn planted(field: &str) -> Value {
    Value::text(format!("{MARKER}{field}"))
}

pub fn apply(s: &mut FormState, command: Command) {
    let outcome = s.apply(command);
    assert!(matches!(outcome, Outcome::Done | Outcome::RowAdded(_)), "{outcome:?}");
}

/// Plants the marker in every field hidden under the current answers: hidden top-level fields,
/// every cell of a hidden group, and hidden cells of visible rows. Computed fields are the
/// engine's, not the applicant's, and are left alone. Returns the paths planted.
pub fn plant_hidden_answers(s: &mut FormState) -> Vec<FieldPath> {
    let schema = s.schema().clone();
    let mut paths = Vec::new();
    for (_, field) in schema.fields() {
        if field.compute.is_some() {
            continue;
        }
        let top = FieldPath::top(&field.id);
        if !field.is_group() {
            if !s.is_visible(&top) {
                paths.push(top);
            }
            continue;
        }
        if !s.is_visible(&top) {
            apply(s, Command::AddRow { group: field.id.clone() });
        }
        for row in s.rows(&field.id).iter().map(|r| r.id).collect::<Vec<_>>() {
            for child in field.fields.iter().filter(|c| c.compute.is_none()) {
                let cell = FieldPath::in_row(&field.id, row, &child.id);
                if !s.is_visible(&cell) {
                    paths.push(cell);
                }
            }
        }
    }
    for path in &paths {
        apply(s, Command::SetValue { path: path.clone(), value: planted(&path.field) });
    }
    paths
}

/// The package of a finished state, with every applicable report listed as the app lists it.
pub fn package(s: &FormState, reports: &ReportSet) -> PackageManifestV1 {
    let finished = s.finished_declaration().unwrap_or_else(|e| panic!("{}", e.message()));
    let print = fingerprint(s);
    let listed = reports
        .reports
        .iter()
        .filter(|r| applicable(r, s))
        .map(|r| PackagedReport {
            id: r.id.clone(),
            title: r.title.clone(),
            fingerprint: print.clone(),
            printed_at: None,
        })
        .collect();
    let stamp = PackageStamp {
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        client_version: "test".into(),
        created_at_ms: 1_795_420_800_000,
        submitted_at_ms: 1_795_420_800_000,
    };
    PackageManifestV1::build(finished, stamp, listed)
}

/// Every applicable report of `s`, rendered to HTML as it is printed, with its id.
pub fn printed_reports(s: &FormState, reports: &ReportSet) -> Vec<(String, String)> {
    let print = fingerprint(s);
    let printed: Vec<(String, String)> = reports
        .reports
        .iter()
        .filter(|r| applicable(r, s))
        .map(|r| (r.id.clone(), html::render(&build(r, s), html::Stamp::Final { fingerprint: &print })))
        .collect();
    assert!(!printed.is_empty(), "no report applies");
    printed
}

/// Checks that nothing planted leaves with `s`: not in the package, not on paper, not in the
/// fingerprint (the same as without the planted answers), while the draft itself keeps them.
pub fn assert_nothing_hidden_leaves(clean: &FormState, with_hidden: &FormState, reports: &ReportSet, what: &str) {
    let manifest = serde_json::to_string(&package(with_hidden, reports)).expect("a manifest is JSON");
    assert!(!manifest.contains(MARKER), "{what}: a hidden answer is in the package manifest:\n{manifest}");
    for (id, printed) in printed_reports(with_hidden, reports) {
        let leak = printed.find(MARKER).map(|at| printed[at..].chars().take(40).collect::<String>());
        assert_eq!(leak, None, "{what}: a hidden answer is printed in report {id}");
    }
    assert_eq!(fingerprint(with_hidden), fingerprint(clean), "{what}: hidden answers change the fingerprint");
    assert_eq!(package(with_hidden, reports).answers, package(clean, reports).answers, "{what}");
    let draft = serde_json::to_string(&with_hidden.to_draft()).expect("a draft is JSON");
    assert!(draft.contains(MARKER), "{what}: the applicant's own draft keeps what is hidden");
}
