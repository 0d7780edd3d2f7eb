//! `GET /v1/packages/{package_id}` and `POST /v1/packages/{package_id}/withdraw`: where a package
//! stands, and 撤回, for the holder of its secret only. Packages open by their id, never by their
//! sequential receipt.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use zhicheng_engine::package::{is_uuid_v4, rfc3339};

use super::blocking::{self, Refusal};
use super::{credentials, Receiver};
use crate::replies::{bad_package_id, error, reply, status_body, unknown_package, wrong_secret};
use serde_json::json;

use crate::store::{Access, AuditEntry};

pub async fn status(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>, headers: HeaderMap) -> Response {
    let asked = async {
        let digest = opened(&package_id, &headers, &r)?;
        let now_ms = (r.now_ms)();
        blocking::store(&r, move |s| {
            Ok(match s.status_for(&package_id, &digest, now_ms)? {
                Access::Yours(status) => Access::Yours((s.history(&package_id)?, status)),
                Access::Unknown => Access::Unknown,
                Access::WrongSecret => Access::WrongSecret,
            })
        })
        .await
    };
    match asked.await {
        Ok(Access::Yours((history, status))) => {
            let mut body = status_body(&status);
            body["history"] = history_body(&history);
            reply(StatusCode::OK, body)
        }
        Ok(Access::Unknown) => unknown_package(),
        Ok(Access::WrongSecret) => wrong_secret(),
        Err(refusal) => *refusal,
    }
}

pub async fn withdraw(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>, headers: HeaderMap) -> Response {
    let asked = async {
        let digest = opened(&package_id, &headers, &r)?;
        let now_ms = (r.now_ms)();
        blocking::store(&r, move |s| s.withdraw(&package_id, &digest, &rfc3339(now_ms), now_ms)).await
    };
    match asked.await {
        Ok(Access::Yours(Ok(status))) => reply(StatusCode::OK, status_body(&status)),
        Ok(Access::Yours(Err(status))) => error(
            StatusCode::CONFLICT,
            "not_withdrawable",
            format!("申报包当前状态为「{}」，已不能撤回。", status.status),
            &[],
        ),
        Ok(Access::Unknown) => unknown_package(),
        Ok(Access::WrongSecret) => wrong_secret(),
        Err(refusal) => *refusal,
    }
}

pub async fn terminate(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>, headers: HeaderMap) -> Response {
    let asked = async {
        let digest = opened(&package_id, &headers, &r)?;
        let now_ms = (r.now_ms)();
        blocking::store(&r, move |s| s.terminate(&package_id, &digest, &rfc3339(now_ms), now_ms)).await
    };
    match asked.await {
        Ok(Access::Yours(Ok(status))) => reply(StatusCode::OK, status_body(&status)),
        Ok(Access::Yours(Err(status))) => error(
            StatusCode::CONFLICT,
            "not_terminable",
            format!("申报包当前状态为「{}」，只有被退回的申报才能终止。", status.status),
            &[],
        ),
        Ok(Access::Unknown) => unknown_package(),
        Ok(Access::WrongSecret) => wrong_secret(),
        Err(refusal) => *refusal,
    }
}

/// A package's moves as the applicant reads them (§2.4 `history`): when, to which status and
/// stage, and the reason given; not who made them (the form's status path says who acts where).
fn history_body(entries: &[AuditEntry]) -> serde_json::Value {
    let moves: Vec<_> = entries
        .iter()
        .map(|e| {
            let stage = e.to_stage.as_deref().map(|words| {
                let (id, outcome) = words.split_once('/').map_or((words, None), |(id, o)| (id, Some(o)));
                json!({ "id": id, "outcome": outcome })
            });
            json!({ "at": e.at, "status": e.to, "stage": stage, "reason": e.reason })
        })
        .collect();
    json!(moves)
}

/// The digest of the secret that opens `package_id`, or the refusal.
fn opened(package_id: &str, headers: &HeaderMap, r: &Receiver) -> Result<String, Refusal> {
    if !is_uuid_v4(package_id) {
        return Err(Box::new(bad_package_id()));
    }
    credentials::digest(headers, r.portal.as_ref())
}
