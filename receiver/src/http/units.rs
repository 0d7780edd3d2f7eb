//! The unit's side of the protocol (§2.8), for the holder of a unit key (`Zhicheng-Unit-Key`, issued
//! by the operator with `unit-key add`): `GET /v1/units/packages`, the packages reported to the
//! unit; `GET /v1/units/packages/{id}`, one of them with its manifest, read-only; and
//! `GET /v1/units/packages/{id}/files/{sha256}`, one of its files. A package reported to another
//! unit is answered as if it did not exist.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use zhicheng_engine::package::{is_sha256_hex, is_uuid_v4};
use zhicheng_engine::PackageManifestV1;

use super::blocking::{self, Refusal};
use super::Receiver;
use crate::replies::{bad_package_id, error, reply, status_body};
use crate::store::Unit;

/// The request header that carries a unit's key.
pub const UNIT_KEY_HEADER: &str = "Zhicheng-Unit-Key";

/// The most packages one list answers with (newest first).
const LIST_LIMIT: usize = 500;

/// The unit the request's key acts for, or the refusal: no key, or one not issued or revoked.
pub async fn unit_of(r: &Arc<Receiver>, headers: &HeaderMap) -> Result<Unit, Refusal> {
    let key = headers.get(UNIT_KEY_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    if key.len() != 64 || !key.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)) {
        return Err(Box::new(error(
            StatusCode::UNAUTHORIZED,
            "unit_key_required",
            format!("只有单位才能审核申报：请求缺少单位密钥（请求头 {UNIT_KEY_HEADER}，64 位小写十六进制），请向接收端管理员申请。"),
            &[],
        )));
    }
    match blocking::store(r, move |s| s.unit_of_key(&key)).await? {
        Some(unit) => Ok(unit),
        None => Err(Box::new(error(
            StatusCode::FORBIDDEN,
            "unit_key_unknown",
            "单位密钥无效或已停用，请向接收端管理员重新申请。",
            &[],
        ))),
    }
}

fn not_for_this_unit() -> Response {
    error(StatusCode::NOT_FOUND, "unknown_package", "没有报送给本单位的这份申报（可能报送给了其他单位）。", &[])
}

pub async fn list(State(r): State<Arc<Receiver>>, headers: HeaderMap) -> Response {
    let asked = async {
        let unit = unit_of(&r, &headers).await?;
        let code = unit.code.clone();
        let packages = blocking::store(&r, move |s| s.packages_for_unit(&code, LIST_LIMIT)).await?;
        Ok::<_, Refusal>((unit, packages))
    };
    match asked.await {
        Ok((unit, packages)) => {
            let listed: Vec<_> = packages
                .iter()
                .map(|p| {
                    let mut body = status_body(p);
                    body["form_id"] = json!(p.form_id);
                    body["applicant"] = json!({ "name": p.applicant });
                    body
                })
                .collect();
            reply(StatusCode::OK, json!({ "unit": { "code": unit.code, "name": unit.name }, "packages": listed }))
        }
        Err(refusal) => *refusal,
    }
}

pub async fn package(State(r): State<Arc<Receiver>>, Path(package_id): Path<String>, headers: HeaderMap) -> Response {
    if !is_uuid_v4(&package_id) {
        return bad_package_id();
    }
    let asked = async {
        let unit = unit_of(&r, &headers).await?;
        blocking::store(&r, move |s| s.package_for_unit(&package_id, &unit.code)).await
    };
    match asked.await {
        Ok(Some((record, manifest))) => {
            let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap_or_default();
            reply(StatusCode::OK, json!({ "package": status_body(&record), "manifest": manifest }))
        }
        Ok(None) => not_for_this_unit(),
        Err(refusal) => *refusal,
    }
}

pub async fn file(
    State(r): State<Arc<Receiver>>,
    Path((package_id, sha256)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if !is_uuid_v4(&package_id) {
        return bad_package_id();
    }
    if !is_sha256_hex(&sha256) {
        return error(StatusCode::BAD_REQUEST, "bad_sha256", "文件摘要应为 64 位小写十六进制。", &[]);
    }
    let asked = async {
        let unit = unit_of(&r, &headers).await?;
        blocking::store(&r, move |s| {
            let Some((_, manifest)) = s.package_for_unit(&package_id, &unit.code)? else { return Ok(None) };
            let manifest: PackageManifestV1 = serde_json::from_str(&manifest).map_err(|e| e.to_string())?;
            let Some(listed) = manifest.attachments.iter().find(|f| f.sha256 == sha256) else { return Ok(None) };
            if !s.unit_may_read(&package_id, &unit.code, &sha256)? {
                return Ok(None);
            }
            Ok(Some((listed.media_type.clone(), s.read_file(&sha256)?)))
        })
        .await
    };
    match asked.await {
        Ok(Some((media_type, bytes))) => {
            let kind =
                HeaderValue::from_str(&media_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
            let mut response = (StatusCode::OK, bytes).into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, kind);
            response
        }
        Ok(None) => not_for_this_unit(),
        Err(refusal) => *refusal,
    }
}
