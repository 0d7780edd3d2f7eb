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
use crate::store::Access;

pub async fn status(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>, headers: HeaderMap) -> Response {
    let asked = async {
        let digest = opened(&package_id, &headers, &r)?;
        let now_ms = (r.now_ms)();
        blocking::store(&r, move |s| s.status_for(&package_id, &digest, now_ms)).await
    };
    match asked.await {
        Ok(Access::Yours(status)) => reply(StatusCode::OK, status_body(&status)),
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

/// The digest of the secret that opens `package_id`, or the refusal.
fn opened(package_id: &str, headers: &HeaderMap, r: &Receiver) -> Result<String, Refusal> {
    if !is_uuid_v4(package_id) {
        return Err(Box::new(bad_package_id()));
    }
    credentials::digest(headers, r.portal.as_ref())
}
