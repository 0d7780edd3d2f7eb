//! `POST /v1/packages/{package_id}`: the manifest, read within its size and time, parsed and
//! checked off the async workers (the protocol's shape and bounds, the receiver's limits, the
//! answers under the form's own rules, recomputed by the engine), then stored once with a receipt
//! if every file it lists was uploaded by this package with the size and type it says.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;
use zhicheng_engine::package::{is_uuid_v4, rfc3339};
use zhicheng_engine::stored::package::{PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION};
use zhicheng_engine::{Date, FieldProblem, PackageManifestV1};

use super::blocking::{self, Refusal};
use super::body::{announced_length, collect, manifest_too_large};
use super::{credentials, decision, units, Receiver};
use crate::limits::Limits;
use crate::replies::{bad_package_id, error, reply, status_body, wrong_secret};
use crate::store::Finalised;

pub async fn finalise(
    State(r): State<Arc<Receiver>>,
    Path(package_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match receive(&r, package_id, &headers, body).await {
        Ok(response) => response,
        Err(refusal) => *refusal,
    }
}

async fn receive(r: &Arc<Receiver>, package_id: String, headers: &HeaderMap, body: Body) -> Result<Response, Refusal> {
    if !is_uuid_v4(&package_id) {
        return Err(Box::new(bad_package_id()));
    }
    let digest = credentials::digest(headers, r.portal.as_ref())?;
    let max = r.limits.max_manifest_bytes;
    if announced_length(headers).is_some_and(|length| length > max) {
        return Err(manifest_too_large(max));
    }
    let bytes = collect(body, max, &r.limits).await?;
    let manifest = blocking::check(r, move || read_manifest(&bytes)).await??;
    if manifest.package_id != package_id {
        let problem =
            FieldProblem { path: "package_id".into(), message: "与请求地址中的申报包编号不一致".into() };
        return Err(Box::new(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_manifest",
            "申报包清单有误。",
            &[problem],
        )));
    }
    let (m, d) = (manifest.clone(), digest.clone());
    if let Some(earlier) = blocking::store(r, move |s| s.earlier(&m, &d)).await? {
        return Ok(finalised(earlier));
    }
    // Only a unit sends a decision: its key is checked before anything else is.
    let deciding = r.forms.get(&manifest.form_id).is_some_and(|s| s.settings.decides.is_some());
    let unit = if deciding { Some(units::unit_of(r, headers).await?) } else { None };
    let now_ms = (r.now_ms)();
    let today = china_today(now_ms);
    let receiver = r.clone();
    let (now, day) = (rfc3339(now_ms), today.iso().replace('-', ""));
    let at = now.clone();
    let (manifest, filing) = blocking::check(r, move || {
        let applicant = check_package(&receiver, &manifest, today)?;
        let filing = decision::filing(&receiver.forms, &manifest, applicant, &at, unit)?;
        Ok::<_, Refusal>((manifest, filing))
    })
    .await??;
    let outcome = blocking::store(r, move |s| s.finalise(&manifest, &filing, &digest, &now, now_ms, &day)).await?;
    Ok(finalised(outcome))
}

/// Every check of a package before it is stored; the applicant's name as the answers give it.
fn check_package(r: &Receiver, manifest: &PackageManifestV1, today: Date) -> Result<String, Refusal> {
    check_limits(manifest, &r.limits)?;
    let mut problems = manifest.check();
    if problems.is_empty() {
        problems = r.forms.check_answers(manifest, today);
    }
    if !problems.is_empty() {
        return Err(Box::new(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_manifest",
            format!("申报包有 {} 处问题，请修改后重新提交。", problems.len()),
            &problems,
        )));
    }
    Ok(manifest.applicant.name.clone())
}

/// The reply to a finalising call that reached the store.
fn finalised(outcome: Finalised) -> Response {
    match outcome {
        Finalised::New(status) => reply(StatusCode::CREATED, status_body(&status)),
        Finalised::Repeat(status) => reply(StatusCode::OK, status_body(&status)),
        Finalised::IdReused => {
            error(StatusCode::CONFLICT, "package_id_reused", "这个申报包编号已用于另一份内容不同的申报包。", &[])
        }
        Finalised::WrongSecret => wrong_secret(),
        Finalised::NotForThisUnit => error(
            StatusCode::FORBIDDEN,
            "not_for_this_unit",
            "所审核的申报不是报送给本单位的（或不存在），不能审核。",
            &[],
        ),
        Finalised::AlreadyDecided(now) => error(
            StatusCode::CONFLICT,
            "not_decidable",
            format!("所审核的申报当前为「{}」，已不在等待本单位审核，不能再审核。", now.status),
            &[],
        ),
        Finalised::MissingFiles(missing) => reply(
            StatusCode::CONFLICT,
            json!({ "error": { "code": "missing_files", "message": format!("还有 {} 个文件未上传。", missing.len()), "fields": [], "missing": missing } }),
        ),
        Finalised::Differs(differences) => {
            let problems: Vec<FieldProblem> = differences
                .into_iter()
                .map(|(i, field, message)| FieldProblem { path: format!("attachments[{i}].{field}"), message })
                .collect();
            error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_manifest",
                "申报包清单与已上传的文件不符，请重新整理申报包后提交。",
                &problems,
            )
        }
    }
}

/// Today in China (UTC+8): the applicants' "today" for date rules, and the receipts' date.
fn china_today(now_ms: u64) -> Date {
    Date::from_days(((now_ms + 8 * 3_600_000) / 86_400_000) as i64)
}

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
            format!("不是申报包（格式标记为「{}」）。", format.escape_debug()),
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
            format!("文件「{}」超过 {} MB。", file.name.escape_debug(), limits.max_file_bytes / (1024 * 1024)),
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
            format!("文件「{}」的类型「{}」不被接受。", file.name.escape_debug(), file.media_type.escape_debug()),
            &[],
        )));
    }
    Ok(())
}
