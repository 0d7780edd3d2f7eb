//! The JSON bodies of the protocol's replies, each carrying the protocol marker: capabilities,
//! stored files, receipts, statuses and errors with field-level messages.

use axum::http::StatusCode;
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

pub fn status_body(s: &PackageRecord) -> Value {
    json!({
        "package_id": s.package_id,
        "receipt": s.receipt,
        "status": s.status,
        "reason": s.reason,
        "received_at": s.received_at,
        "updated_at": s.updated_at,
        "withdrawable": s.withdrawable(),
    })
}
