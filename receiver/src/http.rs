//! The HTTP side of the protocol (protocol/openapi.yaml): preflight, file upload, finalising,
//! status and withdrawal. Every check happens before anything is stored, and every refusal says
//! what is wrong in a JSON error with the protocol marker.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::json;
use tower_http::cors::{Any, CorsLayer};
use zhicheng_engine::package::{is_sha256_hex, is_uuid_v4, rfc3339};
use zhicheng_engine::stored::package::{PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION};
use zhicheng_engine::PackageStatus::{Waiting as WAITING, Withdrawn as WITHDRAWN};
use zhicheng_engine::{Date, FieldProblem, PackageManifestV1};

use crate::forms::Forms;
use crate::limits::Limits;
use crate::replies::{error, reply, status_body};
use crate::store::{FileOutcome, Finalised, Store};

/// Everything a request needs.
pub struct Receiver {
    pub store: Store,
    pub forms: Forms,
    pub limits: Limits,
    /// The clock, in ms since the epoch (replaceable in tests).
    pub now_ms: fn() -> u64,
}

pub fn system_now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A manifest is small; 8 MB leaves room for the longest declarations.
const MAX_MANIFEST_BYTES: usize = 8 * 1024 * 1024;

pub fn router(receiver: Arc<Receiver>) -> Router {
    // Bodies above the limit are cut off by axum before the handler (with its own 413); uploads
    // that say their length are refused earlier, with our JSON error.
    let file_limit = receiver.limits.max_file_bytes as usize + 1024;
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers(Any)
        .expose_headers([header::RETRY_AFTER]);
    Router::new()
        .route("/v1/capabilities", get(capabilities))
        .route("/v1/packages/{package_id}/files/{sha256}", put(put_file).layer(DefaultBodyLimit::max(file_limit)))
        .route("/v1/packages/{package_id}", post(finalise).get(status).layer(DefaultBodyLimit::max(MAX_MANIFEST_BYTES)))
        .route("/v1/packages/{package_id}/withdraw", post(withdraw))
        .layer(cors)
        .with_state(receiver)
}

async fn capabilities(State(r): State<Arc<Receiver>>) -> Response {
    reply(
        StatusCode::OK,
        json!({
            "versions": [PACKAGE_FORMAT_VERSION],
            "max_file_bytes": r.limits.max_file_bytes,
            "max_package_bytes": r.limits.max_package_bytes,
            "max_files": r.limits.max_files,
            "accepted_media_types": r.limits.accepted_media_types,
            "forms": r.forms.ids(),
            "withdraw_while": [WAITING],
        }),
    )
}

fn bad_package_id() -> Response {
    error(StatusCode::BAD_REQUEST, "bad_package_id", "申报包编号应为小写的 UUID v4。", &[])
}

async fn put_file(
    State(r): State<Arc<Receiver>>,
    Path((package_id, sha256)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_uuid_v4(&package_id) {
        return bad_package_id();
    }
    if !is_sha256_hex(&sha256) {
        return error(StatusCode::BAD_REQUEST, "bad_sha256", "文件地址中的 SHA-256 应为 64 位小写十六进制。", &[]);
    }
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    if !r.limits.accepts(&media_type) {
        let accepted = r.limits.accepted_media_types.join("、");
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "media_type_not_accepted",
            format!("不接受「{media_type}」类型的文件，只接受 {accepted}。"),
            &[],
        );
    }
    if body.len() as u64 > r.limits.max_file_bytes {
        return too_large_file(&r.limits);
    }
    let receiver = r.clone();
    let stored = tokio::task::spawn_blocking(move || {
        receiver.store.put_file(&package_id, &sha256, &body).map(|o| (o, sha256, body.len()))
    })
    .await
    .map_err(|e| e.to_string())
    .and_then(|result| result);
    match stored {
        Ok((FileOutcome::Stored, sha256, size)) => reply(StatusCode::CREATED, json!({ "sha256": sha256, "size": size })),
        Ok((FileOutcome::AlreadyHeld, sha256, size)) => reply(StatusCode::OK, json!({ "sha256": sha256, "size": size })),
        Ok((FileOutcome::HashMismatch { received }, sha256, _)) => error(
            StatusCode::BAD_REQUEST,
            "hash_mismatch",
            format!("收到的文件内容与其 SHA-256 不符（应为 {sha256}，收到的是 {received}），文件可能在传输中损坏，请重新发送。"),
            &[],
        ),
        Ok((FileOutcome::PackageFinal, ..)) => error(StatusCode::CONFLICT, "package_already_final", "该申报包已经提交，不能再添加文件。", &[]),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "storage_failed", format!("接收端保存文件失败，请稍后重试：{e}"), &[]),
    }
}

fn too_large_file(limits: &Limits) -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "file_too_large",
        format!("单个文件不能超过 {} MB。", limits.max_file_bytes / (1024 * 1024)),
        &[],
    )
}

async fn finalise(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>, body: Bytes) -> Response {
    if !is_uuid_v4(&package_id) {
        return bad_package_id();
    }
    let manifest = match read_manifest(&body) {
        Ok(manifest) => manifest,
        Err(refusal) => return *refusal,
    };
    if manifest.package_id != package_id {
        let problem =
            FieldProblem { path: "package_id".into(), message: "与请求地址中的申报包编号不一致".into() };
        return error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_manifest", "申报包清单有误。", &[problem]);
    }
    match r.store.earlier(&manifest) {
        Ok(Some(earlier)) => return finalised(earlier),
        Ok(None) => {}
        Err(e) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage_failed",
                format!("接收端读取记录失败，请稍后重试：{e}"),
                &[],
            )
        }
    }
    if let Err(refusal) = check_limits(&manifest, &r.limits) {
        return *refusal;
    }
    let now_ms = (r.now_ms)();
    let today = china_today(now_ms);
    let mut problems = manifest.check();
    if problems.is_empty() {
        problems = r.forms.check_answers(&manifest, today);
    }
    if !problems.is_empty() {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_manifest",
            format!("申报包有 {} 处问题，请修改后重新提交。", problems.len()),
            &problems,
        );
    }
    let receiver = r.clone();
    let now = rfc3339(now_ms);
    let day = today.iso().replace('-', "");
    let done = tokio::task::spawn_blocking(move || receiver.store.finalise(&manifest, &now, &day))
        .await
        .map_err(|e| e.to_string())
        .and_then(|result| result);
    match done {
        Ok(outcome) => finalised(outcome),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage_failed",
            format!("接收端保存申报包失败，请稍后重试：{e}"),
            &[],
        ),
    }
}

/// The reply to a finalising call that reached the store.
fn finalised(outcome: Finalised) -> Response {
    match outcome {
        Finalised::New(status) => reply(StatusCode::CREATED, status_body(&status)),
        Finalised::Repeat(status) => reply(StatusCode::OK, status_body(&status)),
        Finalised::IdReused => {
            error(StatusCode::CONFLICT, "package_id_reused", "这个申报包编号已用于另一份内容不同的申报包。", &[])
        }
        Finalised::MissingFiles(missing) => reply(
            StatusCode::CONFLICT,
            json!({ "error": { "code": "missing_files", "message": format!("还有 {} 个文件未上传。", missing.len()), "fields": [], "missing": missing } }),
        ),
    }
}

/// Today in China (UTC+8): the applicants' "today" for date rules, and the receipts' date.
fn china_today(now_ms: u64) -> Date {
    Date::from_days(((now_ms + 8 * 3_600_000) / 86_400_000) as i64)
}

/// A refusal ready to send, boxed: a response is large, and most requests pass the checks.
type Refusal = Box<Response>;

/// The manifest in a request body, or the refusal saying why it is not one.
fn read_manifest(body: &[u8]) -> Result<PackageManifestV1, Refusal> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        Box::new(error(StatusCode::BAD_REQUEST, "bad_json", format!("请求内容不是有效的 JSON：{e}"), &[]))
    })?;
    let format = value.get("format").and_then(|v| v.as_str()).unwrap_or("");
    if format != PACKAGE_FORMAT {
        return Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "unsupported_format",
            format!("不是申报包（格式标记为「{format}」）。"),
            &[],
        )));
    }
    let version = value.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version != u64::from(PACKAGE_FORMAT_VERSION) {
        return Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "unsupported_version",
            format!("申报包格式版本 {version} 不受支持，本接收端支持版本 {PACKAGE_FORMAT_VERSION}。"),
            &[],
        )));
    }
    serde_json::from_value(value).map_err(|e| {
        let problem = FieldProblem { path: String::new(), message: e.to_string() };
        Box::new(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_manifest",
            "申报包清单的结构不符合协议。",
            &[problem],
        ))
    })
}

/// The receiver's limits, checked on the manifest before anything is stored.
fn check_limits(manifest: &PackageManifestV1, limits: &Limits) -> Result<(), Refusal> {
    let files = manifest.unique_files();
    if files.len() > limits.max_files {
        return Err(Box::new(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_files",
            format!("一个申报包最多 {} 个文件，本包有 {} 个。", limits.max_files, files.len()),
            &[],
        )));
    }
    if let Some(file) = files.iter().find(|f| f.size > limits.max_file_bytes) {
        return Err(Box::new(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
            format!("文件「{}」超过 {} MB。", file.name, limits.max_file_bytes / (1024 * 1024)),
            &[],
        )));
    }
    if manifest.total_bytes() > limits.max_package_bytes {
        return Err(Box::new(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "package_too_large",
            format!("申报包的文件合计不能超过 {} MB。", limits.max_package_bytes / (1024 * 1024)),
            &[],
        )));
    }
    if let Some(file) = files.iter().find(|f| !limits.accepts(&f.media_type)) {
        return Err(Box::new(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "media_type_not_accepted",
            format!("文件「{}」的类型「{}」不被接受。", file.name, file.media_type),
            &[],
        )));
    }
    Ok(())
}

async fn status(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>) -> Response {
    // Only the package id (unguessable) opens a package over HTTP; receipts are sequential.
    if !is_uuid_v4(&package_id) {
        return bad_package_id();
    }
    match r.store.status(&package_id) {
        Ok(Some(status)) => reply(StatusCode::OK, status_body(&status)),
        Ok(None) => error(StatusCode::NOT_FOUND, "unknown_package", "没有这个申报包（可能尚未提交完成）。", &[]),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "storage_failed", e, &[]),
    }
}

async fn withdraw(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>) -> Response {
    if !is_uuid_v4(&package_id) {
        return bad_package_id();
    }
    let now = rfc3339((r.now_ms)());
    match r.store.change_status(&package_id, WITHDRAWN, None, &now, |s| s.withdrawable()) {
        Ok(Some(Ok(status))) => reply(StatusCode::OK, status_body(&status)),
        Ok(Some(Err(status))) => error(
            StatusCode::CONFLICT,
            "not_withdrawable",
            format!("申报包当前状态为「{}」，已不能撤回。", status.status),
            &[],
        ),
        Ok(None) => error(StatusCode::NOT_FOUND, "unknown_package", "没有这个申报包。", &[]),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "storage_failed", e, &[]),
    }
}
