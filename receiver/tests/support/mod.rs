//! Shared by the receiver's tests: a receiver in process on a fresh data folder with the app's
//! forms and the tests' own, requests through its router (with or without a package secret),
//! the packages the tests send, and a receiver binary run as a separate process on a free port.

#![allow(dead_code)]

pub mod process;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use zhicheng_engine::hex::to_hex;
use zhicheng_receiver::forms::{read_calendar, Forms};
use zhicheng_receiver::http::{router, Receiver, SECRET_HEADER};
use zhicheng_receiver::limits::Limits;
use zhicheng_receiver::store::{Backend, Store, SERVER_BUSY_TIMEOUT};
use zhicheng_receiver::PROTOCOL;

pub const PACKAGE_ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
pub const OTHER_ID: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
/// The applicant's package secret, and an attacker's.
pub const SECRET: &str = "5ec0e75ec0e75ec0e75ec0e75ec0e75ec0e75ec0e75ec0e75ec0e75ec0e7abcd";
pub const ATTACKER: &str = "badbadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbadbad0";

/// 2026-11-23T08:00:00Z.
pub fn fixed_now() -> u64 {
    1_795_420_800_000
}

/// The manifest of a finished declaration built by the engine as the app builds it, listing
/// `reports`, sent a minute after it was made.
pub fn finished_manifest(
    s: &zhicheng_engine::FormState,
    package_id: &str,
    reports: Vec<zhicheng_engine::PackagedReport>,
) -> Value {
    let finished = s.finished_declaration().unwrap_or_else(|e| panic!("{}", e.message()));
    let stamp = zhicheng_engine::PackageStamp {
        package_id: package_id.into(),
        client_version: "test".into(),
        created_at_ms: fixed_now() - 60_000,
        submitted_at_ms: fixed_now(),
    };
    serde_json::to_value(zhicheng_engine::PackageManifestV1::build(finished, stamp, reports)).unwrap()
}

/// A fresh data folder under the target directory, unique to the test.
pub fn data_folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("receiver-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The app's forms and the tests' short form with a materials checklist, in one folder.
pub fn forms_folder() -> PathBuf {
    // One folder per call: tests run in parallel, and none may read a file another is copying.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let folder =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("receiver-forms-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for source in [manifest_dir.join("../public/forms"), manifest_dir.join("tests/forms")] {
        copy_folder(&source, &folder);
    }
    folder
}

/// Copies a folder's files and subfolders (the forms and their shared parts).
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().map(Result::unwrap) {
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// The backend the tests run on: the default in `data`; or, when `ZHICHENG_TEST_DATABASE` (a
/// PostgreSQL server's address) and `ZHICHENG_TEST_FILES` (`s3://bucket`) are set, a schema and a
/// prefix of their own named after `data`, so that the same tests check the scaled backend
/// (scripts/test.sh runs the protocol's tests both ways).
pub fn backend_for(data: &Path) -> Backend {
    let name: String = data
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let database = std::env::var("ZHICHENG_TEST_DATABASE").ok().filter(|u| !u.is_empty()).map(|url| {
        let schema = format!("t_{name}");
        let created = std::process::Command::new("psql")
            .args([url.as_str(), "-qc", &format!("CREATE SCHEMA IF NOT EXISTS {schema}")])
            .status()
            .expect("psql runs");
        assert!(created.success(), "the test database answers");
        let joiner = if url.contains('?') { '&' } else { '?' };
        format!("{url}{joiner}options=-csearch_path%3D{schema}")
    });
    let files = std::env::var("ZHICHENG_TEST_FILES").ok().filter(|u| !u.is_empty()).map(|url| format!("{url}/{name}"));
    Backend { database, files, connections: 4 }
}

/// The store the tests run on, in `data` (see `backend_for`).
pub fn store(data: &Path) -> Store {
    Store::connect(data, &backend_for(data), SERVER_BUSY_TIMEOUT).unwrap()
}

/// A receiver on `data` with the app's and the tests' forms, at the tests' fixed time.
pub fn receiver_unshared(data: &Path, limits: Limits) -> Receiver {
    let calendar = read_calendar(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/calendar/cn.json"));
    let forms = Forms::load(&forms_folder()).unwrap().with_calendar(calendar.unwrap());
    Receiver::new(store(data), forms, limits).with_clock(fixed_now)
}

/// A receiver on `store` with the app's and the tests' forms, at the tests' fixed time.
pub fn receiver_on(store: Store) -> Arc<Receiver> {
    let calendar = read_calendar(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/calendar/cn.json"));
    let forms = Forms::load(&forms_folder()).unwrap().with_calendar(calendar.unwrap());
    Arc::new(Receiver::new(store, forms, Limits::default()).with_clock(fixed_now))
}

pub fn receiver_with(data: &Path, limits: Limits) -> Arc<Receiver> {
    Arc::new(receiver_unshared(data, limits))
}

pub fn receiver(data: &Path) -> Arc<Receiver> {
    receiver_with(data, Limits::default())
}

/// A reply: its status, headers and JSON body.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub json: Value,
}

/// Sends a request through the receiver's router, with `secret` in the secret header.
pub async fn request(
    r: &Arc<Receiver>,
    method: &str,
    uri: &str,
    content_type: &str,
    secret: Option<&str>,
    body: Vec<u8>,
) -> Answer {
    let headers: Vec<(&str, &str)> = secret.map(|secret| (SECRET_HEADER, secret)).into_iter().collect();
    request_with(r, method, uri, content_type, &headers, body).await
}

/// Sends a request with these `headers` through the receiver's router.
pub async fn request_with(
    r: &Arc<Receiver>,
    method: &str,
    uri: &str,
    content_type: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> Answer {
    let mut builder = Request::builder().method(method).uri(uri).header("content-type", content_type);
    builder = builder.header("content-length", body.len());
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = router(r.clone()).oneshot(builder.body(Body::from(body)).unwrap()).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    assert_eq!(json["protocol"], PROTOCOL, "every reply carries the marker: {status} {json}");
    Answer { status, headers, json }
}

/// A request by the applicant (with the package's secret): its status and JSON body.
pub async fn call(
    r: &Arc<Receiver>,
    method: &str,
    uri: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let answer = request(r, method, uri, content_type, Some(SECRET), body).await;
    (answer.status, answer.json)
}

pub fn pdf_bytes() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".to_vec()
}

/// A PDF of its own content.
pub fn pdf_with(label: &str) -> Vec<u8> {
    [pdf_bytes(), label.as_bytes().to_vec()].concat()
}

pub fn sha(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

pub fn file_uri(package_id: &str, bytes: &[u8]) -> String {
    format!("/v1/packages/{package_id}/files/{}", sha(bytes))
}

/// The fields every test package shares, for `form_id` with `answers` and `files` attached to
/// `material`; the applicant is `applicant` (the name the form's answers give).
pub fn manifest_of(
    package_id: &str,
    form_id: &str,
    applicant: &str,
    answers: Value,
    material: &str,
    files: &[(&str, &[u8])],
) -> Value {
    json!({
        "format": "zhicheng.package", "format_version": 1, "package_id": package_id,
        "form_id": form_id, "schema_version": 1, "client_version": "test",
        "created_at": "2026-11-23T07:59:00Z", "submitted_at": "2026-11-23T08:00:00Z",
        "applicant": { "name": applicant, "id_number": "" },
        "answers": answers,
        "attachments": files.iter().map(|(name, bytes)| json!({
            "material": material, "name": name, "media_type": "application/pdf", "size": bytes.len(), "sha256": sha(bytes), "pages": 1
        })).collect::<Vec<_>>(),
        "reports": [{ "id": "pre-publicity-list", "title": "2026年度推荐申报职称评审人员公示名单", "fingerprint": "abcd-ef01-2345", "printed_at": null }]
    })
}

/// A complete package of the tests' short unit batch (`tests/forms/test-unit-batch.json`: the
/// unit's form without the 单位审核意见 and without materials), for tests of the protocol rather
/// than of the form; `sz_unit.rs` sends the real unit form.
pub fn unit_manifest(package_id: &str) -> Value {
    let answers = json!({
        "unitName": "深圳市示例科技有限公司", "unitCreditCode": "91110000600037341L", "publicityYear": "2026",
        "contactPerson": "陈经办", "contactPhone": "0755-88886666", "postcode": "518057",
        "preStart": "2026-11-02", "preEnd": "2026-11-06", "preMethods": ["在单位显著位置张贴"], "preContent": "申报材料",
        "applicants": [{ "id": 1, "values": {
            "name": "林一", "idType": "居民身份证", "idNumber": "440305199203040039", "gender": "男", "employer": "深圳市示例科技有限公司",
            "series": "工程系列", "specialty": "电子信息", "level": "中级", "preOpinion": "公示期间未收到举报。", "preResult": "通过" } }]
    });
    manifest_of(package_id, "test-unit-batch", "深圳市示例科技有限公司", answers, "", &[])
}

/// A complete package of the tests' short form, with `files` attached to its one material.
pub fn evidence_manifest(package_id: &str, files: &[(&str, &[u8])]) -> Value {
    manifest_of(package_id, "test-evidence", "林一", json!({ "name": "林一" }), "evidence", files)
}

pub fn to_body(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap()
}

/// Uploads `bytes` for `package_id` as the applicant; the reply's status.
pub async fn upload(r: &Arc<Receiver>, package_id: &str, bytes: &[u8]) -> StatusCode {
    call(r, "PUT", &file_uri(package_id, bytes), "application/pdf", bytes.to_vec()).await.0
}

/// Finalises `manifest` as the applicant.
pub async fn finalise(r: &Arc<Receiver>, manifest: &Value) -> (StatusCode, Value) {
    let id = manifest["package_id"].as_str().unwrap().to_string();
    call(r, "POST", &format!("/v1/packages/{id}"), "application/json", to_body(manifest)).await
}
