//! Snapshots of every stored or sent format: a fixed, fully populated value of each is written as
//! JSON and compared with the file checked in under `engine/tests/snapshots/`, and that file is
//! read back to the same value. A renamed field or enum variant, or a new field without a default,
//! changes what is on disk or on the wire and fails here.
//!
//! To change a format deliberately (with a new format version, or a field old data may lack),
//! refresh the files and review their diff:
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p zhicheng_engine --test stored_formats
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zhicheng_engine::stored::export::ExportPartV1;
use zhicheng_engine::stored::package::Applicant;
use zhicheng_engine::stored::package_stage::{PackageStage, StageOutcome, StatusStage};
use zhicheng_engine::{
    AttachedFile, DraftMetaV1, DraftSummary, DraftV1, ExportManifestV1, ExportedDraftV1, ExportedPackageV1, FieldPath,
    HistoryStep, LockV1, PackageManifestV1, PackageStatus, PackagedFile, PackagedReport, Phase, Position, Row,
    SealedPayloadV1, SetAside, StageReached, SubmissionV1, Value,
};

/// Compares `value`, written as JSON, with the snapshot `name`, and reads the snapshot back.
fn check_snapshot<T: Serialize + DeserializeOwned + PartialEq + Debug>(name: &str, value: &T) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.json"));
    let written = serde_json::to_value(value).expect("a stored format serialises");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let text = serde_json::to_string_pretty(&written).expect("JSON text") + "\n";
        std::fs::write(&path, text).expect("snapshot written");
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("no snapshot {}: create it with UPDATE_SNAPSHOTS=1 and check it in", path.display())
    });
    let snapshot: serde_json::Value = serde_json::from_str(&stored).expect("the snapshot is JSON");
    assert!(
        written == snapshot,
        "{name}: the format changed (a renamed field or variant changes stored data).\nnow:\n{}\nsnapshot:\n{stored}",
        serde_json::to_string_pretty(&written).unwrap()
    );
    let read_back: T = serde_json::from_str(&stored).expect("the snapshot reads back");
    assert_eq!(&read_back, value, "{name}: the snapshot does not read back to the same value");
}

/// Every kind of answer: text, both ticks, a selection, and rows holding each of them.
fn answers() -> BTreeMap<String, Value> {
    let row = |id, school: &str| Row {
        id,
        values: [
            ("school".to_string(), Value::text(school)),
            ("fullTime".to_string(), Value::Bool(true)),
            ("proofs".to_string(), Value::List(vec!["毕业证".into(), "学位证".into()])),
        ]
        .into_iter()
        .collect(),
    };
    [
        ("name".to_string(), Value::text("张三")),
        ("pledgeAccepted".to_string(), Value::Bool(true)),
        ("breakthrough".to_string(), Value::Bool(false)),
        ("negatives".to_string(), Value::List(vec!["无上述情况".into()])),
        ("education".to_string(), Value::Rows(vec![row(1, "深圳大学"), row(3, "华南理工大学")])),
    ]
    .into_iter()
    .collect()
}

fn attached(sha: char, name: &str) -> AttachedFile {
    AttachedFile {
        sha256: sha.to_string().repeat(64),
        name: name.into(),
        media_type: "application/pdf".into(),
        size: 204_800,
        pages: Some(3),
    }
}

fn draft(position: Position) -> DraftV1 {
    DraftV1 {
        format: "zhicheng.draft".into(),
        format_version: 1,
        form_id: "sz-title-review".into(),
        schema_version: 2,
        answers: answers(),
        touched: vec![FieldPath::top("name"), FieldPath::in_row("education", 3, "school")],
        revealed_steps: vec![0, 1],
        visited_steps: vec![0, 1, 2],
        position,
        next_row_id: 4,
        finished: true,
        set_aside: vec![
            SetAside {
                field: "period".into(),
                group: None,
                row: None,
                value: Value::text("2019~2023"),
                from_version: 1,
            },
            SetAside {
                field: "major".into(),
                group: Some("education".into()),
                row: Some(1),
                value: Value::List(vec!["机械".into()]),
                from_version: 1,
            },
        ],
        attachments: [("idCard".to_string(), vec![attached('a', "身份证.pdf"), attached('b', "身份证背面.pdf")])]
            .into_iter()
            .collect(),
        printed: [("pledge".to_string(), 1_795_420_800_000)].into_iter().collect(),
    }
}

fn summary() -> DraftSummary {
    DraftSummary { applicant: "张三".into(), kind: "普通申报".into(), steps_done: 5, steps_total: 12 }
}

fn lock() -> LockV1 {
    LockV1 {
        kdf: "PBKDF2-SHA256".into(),
        iterations: 600_000,
        salt: "00112233445566778899aabbccddeeff".into(),
        check: "0f".repeat(44),
        check_sha256: "c".repeat(64),
    }
}

fn meta() -> DraftMetaV1 {
    DraftMetaV1 {
        id: "d-2026-0001".into(),
        form_id: "sz-title-review".into(),
        schema_version: 2,
        name: Some("2026 年高级工程师申报".into()),
        summary: summary(),
        created_at: 1_795_000_000_000,
        saved_at: 1_795_420_800_000,
        revision: 42,
        writer: "page-7f3a".into(),
        deleted_at: Some(1_795_500_000_000),
        lock: Some(lock()),
    }
}

fn packaged(sha: char, material: &str) -> PackagedFile {
    PackagedFile::of(material, &attached(sha, "论文.pdf"))
}

fn package_manifest() -> PackageManifestV1 {
    PackageManifestV1 {
        format: "zhicheng.package".into(),
        format_version: 1,
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        form_id: "sz-title-review".into(),
        schema_version: 2,
        client_version: "0.1.0".into(),
        created_at: "2026-11-23T07:59:00Z".into(),
        submitted_at: "2026-11-23T08:00:00Z".into(),
        applicant: Applicant { name: "张三".into(), id_number: "11010519491231002X".into() },
        answers: answers(),
        attachments: vec![packaged('a', "idCard"), packaged('d', "paper")],
        reports: vec![PackagedReport {
            id: "pledge".into(),
            title: "个人承诺书".into(),
            fingerprint: "abcd-ef01-2345".into(),
            printed_at: Some("2026-11-22T10:00:00Z".into()),
        }],
        refers_to: None,
    }
}

#[test]
fn the_draft_is_stored_as_its_snapshot() {
    check_snapshot("draft", &draft(Position::Step(2)));
}

#[test]
fn the_draft_box_entry_is_stored_as_its_snapshot() {
    check_snapshot("draft_meta", &meta());
}

#[test]
fn the_lock_record_and_the_sealed_body_are_stored_as_their_snapshots() {
    check_snapshot("lock", &lock());
    let payload = SealedPayloadV1 {
        name: Some("2026 年高级工程师申报".into()),
        summary: summary(),
        draft: draft(Position::Materials),
    };
    check_snapshot("sealed_payload", &payload);
}

#[test]
fn the_export_manifest_and_draft_are_written_as_their_snapshots() {
    let manifest = ExportManifestV1 {
        format: "zhicheng.export".into(),
        format_version: 1,
        form_id: "sz-title-review".into(),
        schema_version: 2,
        draft_id: "d-2026-0001".into(),
        draft_name: "2026 年高级工程师申报".into(),
        saved_at: 1_795_420_800_000,
        parts: vec![
            ExportPartV1 {
                path: "draft.json".into(),
                media_type: "application/json".into(),
                size: 5120,
                sha256: "e".repeat(64),
            },
            ExportPartV1 {
                path: format!("files/{}", "a".repeat(64)),
                media_type: "application/pdf".into(),
                size: 204_800,
                sha256: "a".repeat(64),
            },
        ],
    };
    check_snapshot("export_manifest", &manifest);
    check_snapshot("exported_draft", &ExportedDraftV1 { meta: meta(), draft: draft(Position::Review) });
    let sent = ExportedPackageV1 { receipt: "ZC20261123000001".into(), manifest: package_manifest() };
    check_snapshot("exported_package", &sent);
}

#[test]
fn the_outbox_entry_is_stored_as_its_snapshot() {
    let entry = SubmissionV1 {
        package_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        draft_id: "d-2026-0001".into(),
        title: "张三 · 普通申报".into(),
        endpoint: "https://receiver.example.cn/".into(),
        manifest: package_manifest(),
        secret: "5ec0".repeat(16),
        uploaded: BTreeSet::from(["a".repeat(64), "d".repeat(64)]),
        phase: Phase::Sent,
        attempts: 2,
        next_attempt_at: 1_795_420_860_000,
        message: Some("网络中断；将在 2 秒后自动重试。".into()),
        receipt: Some("ZC20261123000001".into()),
        status: Some(PackageStatus::Returned),
        reason: Some("缺少单位盖章的承诺书".into()),
        received_at: Some("2026-11-23T08:00:01Z".into()),
        withdrawable: true,
        status_path: vec![StatusStage {
            id: "unit-review".into(),
            name: "单位审核".into(),
            actor: "用人单位".into(),
            todo: "等待用人单位审核。".into(),
            status: None,
            outcomes: vec![StageOutcome {
                id: "failed".into(),
                name: "单位审核不通过".into(),
                returns: true,
                todo: Some("请按意见修改后重新送审。".into()),
            }],
            department_field: None,
        }],
        stage: Some(PackageStage {
            id: "unit-review".into(),
            outcome: Some("failed".into()),
            opinion: Some("缺少单位盖章的承诺书".into()),
            updated_at: Some("2026-11-24T09:00:00Z".into()),
        }),
        history: vec![HistoryStep {
            at: "2026-11-24T09:00:00Z".into(),
            status: Some(PackageStatus::Returned),
            stage: Some(StageReached { id: "unit-review".into(), outcome: Some("failed".into()) }),
            reason: Some("缺少单位盖章的承诺书".into()),
        }],
        submitted_at_ms: 1_795_420_800_000,
        // Not stored: the bytes of the file on its way.
        in_flight: None,
    };
    check_snapshot("submission", &entry);

    // An entry stored before package secrets existed still loads, with no secret yet.
    let mut older: serde_json::Value = serde_json::to_value(&entry).unwrap();
    older.as_object_mut().unwrap().remove("secret");
    let loaded: SubmissionV1 = serde_json::from_value(older).unwrap();
    assert_eq!(loaded, SubmissionV1 { secret: String::new(), ..entry.clone() });

    // An entry stored before status paths existed still loads, with no path and no stage.
    let mut older: serde_json::Value = serde_json::to_value(&entry).unwrap();
    older.as_object_mut().unwrap().remove("status_path");
    older.as_object_mut().unwrap().remove("stage");
    older.as_object_mut().unwrap().remove("history");
    let loaded: SubmissionV1 = serde_json::from_value(older).unwrap();
    assert_eq!(loaded, SubmissionV1 { status_path: Vec::new(), stage: None, history: Vec::new(), ..entry });
}

#[test]
fn the_package_manifest_is_sent_as_its_snapshot() {
    check_snapshot("package_manifest", &package_manifest());
}

/// Every variant of each enum that is stored, in one snapshot.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Variants {
    positions: Vec<Position>,
    phases: Vec<Phase>,
    package_statuses: Vec<PackageStatus>,
    values: Vec<Value>,
}

#[test]
fn every_stored_enum_variant_is_written_as_its_snapshot() {
    // A new variant makes one of these matches fail to compile: list it below as well.
    let _position = |p: Position| match p {
        Position::Step(_) | Position::Materials | Position::Review => (),
    };
    let _phase = |p: Phase| match p {
        Phase::Sending | Phase::Stopped | Phase::Sent => (),
    };
    let _value = |v: Value| match v {
        Value::Bool(_) | Value::Text(_) | Value::List(_) | Value::Rows(_) => (),
    };
    let variants = Variants {
        positions: vec![Position::Step(0), Position::Step(11), Position::Materials, Position::Review],
        phases: vec![Phase::Sending, Phase::Stopped, Phase::Sent],
        package_statuses: PackageStatus::ALL.to_vec(),
        values: vec![
            Value::Bool(true),
            Value::Bool(false),
            Value::text("中级"),
            Value::List(vec![]),
            Value::List(vec!["医疗事故".into(), "学术不端".into()]),
            Value::Rows(vec![Row { id: 7, values: [("school".to_string(), Value::text("深圳大学"))].into() }]),
        ],
    };
    check_snapshot("variants", &variants);
}
