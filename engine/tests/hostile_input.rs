//! What an attacker (or a careless paste) can put into answers and manifests, refused by the
//! engine the client and the receiver share: control characters and bidirectional overrides in
//! text, answers of the wrong shape, manifests whose checks would cost quadratic time, and lists
//! without bounds.

mod support;

use std::time::{Duration, Instant};

use support::ordinary;
use zhicheng_engine::materials::checklist;
use zhicheng_engine::package::uuid_v4;
use zhicheng_engine::{
    Command, FieldPath, Outcome, PackageManifestV1, PackageStamp, PackagedFile, PackagedReport, Row, Value,
};

fn codes_at(state: &zhicheng_engine::FormState, path: &FieldPath) -> Vec<String> {
    state.report().violations.iter().filter(|v| &v.path == path).map(|v| v.code.to_string()).collect()
}

#[test]
fn control_characters_and_direction_overrides_in_answers_are_errors() {
    let mut state = ordinary();
    for (field, text) in [("name", "李\u{202E}明"), ("employer", "深圳市\u{0}示例科技有限公司")] {
        let path = FieldPath::top(field);
        assert_eq!(state.apply(Command::SetValue { path: path.clone(), value: Value::text(text) }), Outcome::Done);
        assert!(codes_at(&state, &path).contains(&"V-TXT-CHR".to_string()), "{field}: {:?}", state.report());
    }
    assert!(state.finished_declaration().is_err(), "such a declaration cannot be packaged");
}

#[test]
fn a_multi_line_answer_keeps_its_line_breaks_but_not_other_controls() {
    let mut state = ordinary();
    let row = support::add_row(&mut state, "work", &[("duties", "第一段\n第二段")]);
    let path = FieldPath::in_row("work", row, "duties");
    assert!(!codes_at(&state, &path).contains(&"V-TXT-CHR".to_string()), "{:?}", codes_at(&state, &path));
    state.apply(Command::SetValue { path: path.clone(), value: Value::text("第一段\u{7}第二段") });
    assert!(codes_at(&state, &path).contains(&"V-TXT-CHR".to_string()), "{:?}", codes_at(&state, &path));
}

#[test]
fn answers_of_the_wrong_shape_are_errors() {
    let mut draft = ordinary().to_draft();
    draft.answers.insert("name".into(), Value::Rows(vec![Row { id: 1, values: Default::default() }]));
    let group = draft.answers.iter().find(|(_, v)| matches!(v, Value::Rows(_))).map(|(k, _)| k.clone());
    let group = group.expect("the declaration has a repeat group");
    draft.answers.insert(group.clone(), Value::text("not rows"));
    let state = zhicheng_engine::FormState::from_draft(support::schema(), draft, ordinary().today()).unwrap();
    for field in ["name", group.as_str()] {
        assert!(codes_at(&state, &FieldPath::top(field)).contains(&"FORMAT".to_string()), "{field}");
    }
}

fn manifest() -> PackageManifestV1 {
    let mut state = ordinary();
    let required: Vec<String> =
        checklist(&state.evaluator()).iter().filter(|m| m.required).map(|m| m.material.id.clone()).collect();
    for material in required {
        let file = file(&material).attached();
        assert_eq!(state.apply(Command::Attach { material, file }), Outcome::Done);
    }
    let finished = state.finished_declaration().expect("finished");
    let stamp = PackageStamp {
        package_id: uuid_v4([7; 16]),
        client_version: "test".into(),
        created_at_ms: 1_795_420_800_000,
        submitted_at_ms: 1_795_420_800_000,
    };
    PackageManifestV1::build(finished, stamp, Vec::new())
}

fn file(material: &str) -> PackagedFile {
    PackagedFile {
        material: material.into(),
        name: "佐证.pdf".into(),
        media_type: "application/pdf".into(),
        size: 10,
        sha256: "a".repeat(64),
        pages: Some(1),
    }
}

fn paths(manifest: &PackageManifestV1) -> Vec<String> {
    manifest.check().into_iter().map(|p| p.path).collect()
}

#[test]
fn one_file_listed_46000_times_is_refused_in_linear_time() {
    let mut m = manifest();
    m.attachments = (0..46_000).map(|_| file("idCard")).collect();
    let started = Instant::now();
    let found = paths(&m);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "the check took {took:?}");
    assert!(found.contains(&"attachments".to_string()), "{:?}", &found[..found.len().min(5)]);
}

#[test]
fn attachment_entries_reports_and_rows_are_bounded() {
    let mut m = manifest();
    m.attachments = (0..1000).map(|_| file("idCard")).collect();
    assert!(!paths(&m).contains(&"attachments".to_string()), "1000 entries are allowed");
    m.attachments.push(file("idCard"));
    assert!(paths(&m).contains(&"attachments".to_string()));

    let mut m = manifest();
    let report =
        PackagedReport { id: "r".into(), title: "表".into(), fingerprint: "abcd-ef01-2345".into(), printed_at: None };
    m.reports = vec![report; 51];
    assert_eq!(paths(&m), vec!["reports".to_string()]);

    let mut m = manifest();
    let rows = (0..501).map(|id| Row { id, values: Default::default() }).collect();
    m.answers.insert("education".into(), Value::Rows(rows));
    assert_eq!(paths(&m), vec!["answers.education".to_string()]);
}

#[test]
fn control_characters_in_the_manifests_own_texts_are_refused() {
    let mut m = manifest();
    m.attachments = vec![file("idCard")];
    m.attachments[0].name = "发票\u{202E}fdp.exe".into();
    m.applicant.name = "李\u{0}明".into();
    m.reports = vec![PackagedReport {
        id: "r".into(),
        title: "表\u{1b}[31m".into(),
        fingerprint: "abcd-ef01-2345".into(),
        printed_at: None,
    }];
    assert_eq!(paths(&m), vec!["applicant.name", "attachments[0].name", "reports[0].title"]);
}

#[test]
fn the_applicant_of_a_package_is_read_from_its_answers() {
    let m = manifest();
    let schema = support::schema();
    let from_answers = zhicheng_engine::stored::package::Applicant::from_answers(&schema, &m.answers);
    assert_eq!(from_answers, m.applicant);
    assert_eq!((from_answers.name.as_str(), from_answers.id_number.as_str()), ("李明", "440305199203040039"));
}
