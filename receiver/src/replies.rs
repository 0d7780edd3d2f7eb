//! The JSON bodies of the protocol's replies, each carrying the protocol marker: capabilities,
//! stored files, receipts, statuses and errors with field-level messages, in Chinese with the
//! protocol's error code.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use zhicheng_engine::FieldProblem;

use crate::store::PackageRecord;
use crate::PROTOCOL;

/// A reply: a status and a JSON body with the protocol marker added.
pub fn reply(status: StatusCode, mut body: Value) -> Response {
    body["protocol"] = json!(PROTOCOL);
    (status, Json(body)).into_response()
}

/// A refusal: a code for programs, a message in Chinese that says how to put it right, and the
/// fields concerned.
pub fn error(status: StatusCode, code: &str, message: impl Into<String>, fields: &[FieldProblem]) -> Response {
    reply(status, json!({ "error": { "code": code, "message": message.into(), "fields": fields } }))
}

/// A refusal that asks the client to come back after `seconds` (`Retry-After`).
pub fn later(status: StatusCode, code: &str, message: impl Into<String>, seconds: u64) -> Response {
    let mut response = error(status, code, message, &[]);
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// The receiver is at capacity for now (a queue full, the database held by another process).
pub fn busy(seconds: u64) -> Response {
    later(StatusCode::SERVICE_UNAVAILABLE, "busy", "接收端繁忙，请稍后重试（将自动重试）。", seconds)
}

pub fn storage_failed(why: impl std::fmt::Display) -> Response {
    error(StatusCode::INTERNAL_SERVER_ERROR, "storage_failed", format!("接收端保存失败，请稍后重试：{why}"), &[])
}

pub fn bad_package_id() -> Response {
    error(StatusCode::BAD_REQUEST, "bad_package_id", "申报包编号应为小写的 UUID v4。", &[])
}

pub fn unknown_package() -> Response {
    error(StatusCode::NOT_FOUND, "unknown_package", "没有这个申报包（可能尚未提交完成）。", &[])
}

pub fn wrong_secret() -> Response {
    error(
        StatusCode::FORBIDDEN,
        "wrong_secret",
        "这个申报包属于另一位申报人：请求所带的申报包密钥与首次提交时的不一致。",
        &[],
    )
}

pub fn status_body(s: &PackageRecord) -> Value {
    json!({
        "package_id": s.package_id,
        "receipt": s.receipt,
        "status": s.status,
        "reason": s.reason,
        "received_at": s.received_at,
        "updated_at": s.updated_at,
        "withdrawable": s.withdrawable(),
        "stage": s.stage,
    })
}
