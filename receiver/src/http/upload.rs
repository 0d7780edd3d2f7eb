//! `PUT /v1/packages/{package_id}/files/{sha256}`: one file, checked before its body is read
//! (secret, type, announced length, the free-disk reserve, the cap on uploads at once, the
//! package's state and the quotas), then streamed to a temporary file while it is hashed, its
//! content checked against its declared type, synced and recorded. Nothing is held in memory but
//! the chunk in hand; a refused or abandoned upload leaves nothing behind.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use zhicheng_engine::attachments::sniff;
use zhicheng_engine::hex::to_hex;
use zhicheng_engine::package::{is_sha256_hex, is_uuid_v4};

use super::blocking::{self, Refusal};
use super::body::{announced_length, broken, Chunks};
use super::{credentials, Receiver};
use crate::replies::{bad_package_id, busy, error, later, reply, storage_failed, wrong_secret};
use crate::store::{Admission, Committed};

/// How much of a file's start is kept to judge its content (PDF headers may sit anywhere in the
/// first kilobyte).
const HEAD_BYTES: usize = 1024;
/// What an upload holds in memory on its way to the disk.
const WRITE_BUFFER_BYTES: usize = 64 * 1024;

pub async fn put_file(
    State(r): State<Arc<Receiver>>,
    Path((package_id, sha256)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match receive(&r, package_id, sha256, &headers, body).await {
        Ok(response) => response,
        Err(refusal) => *refusal,
    }
}

async fn receive(
    r: &Arc<Receiver>,
    package_id: String,
    sha256: String,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    if !is_uuid_v4(&package_id) {
        return Err(Box::new(bad_package_id()));
    }
    if !is_sha256_hex(&sha256) {
        return Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "bad_sha256",
            "文件地址中的 SHA-256 应为 64 位小写十六进制。",
            &[],
        )));
    }
    let digest = credentials::digest(headers, r.portal.as_ref())?;
    let media_type = declared_type(headers);
    if !r.limits.accepts(&media_type) {
        let accepted = r.limits.accepted_media_types.join("、");
        return Err(Box::new(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "media_type_not_accepted",
            format!("不接受「{media_type}」类型的文件，只接受 {accepted}。"),
            &[],
        )));
    }
    let size = admissible_size(r, headers)?;
    let _place = r.work.uploads.clone().try_acquire_owned().map_err(|_| Box::new(busy(5)))?;
    let reserved = Reservation::new(&r.work.in_flight_bytes, size);
    let quotas = r.limits.quotas();
    let (pid, sha, dig) = (package_id.clone(), sha256.clone(), digest.clone());
    let others = reserved.others;
    match blocking::store(r, move |s| s.admit_upload(&pid, &sha, size, &dig, &quotas, others)).await? {
        Admission::Proceed => {}
        Admission::AlreadyHeld => return Ok(stored(StatusCode::OK, &sha256, size)),
        Admission::WrongSecret => return Err(Box::new(wrong_secret())),
        Admission::PackageFinal => return Err(Box::new(package_final())),
        Admission::PackageQuota => return Err(Box::new(package_quota(r))),
        Admission::PendingQuota => {
            return Err(Box::new(later(
                StatusCode::INSUFFICIENT_STORAGE,
                "uploads_full",
                "接收端暂存的待提交文件已达上限，暂不接收新的上传，请稍后重试（将自动重试）。",
                600,
            )))
        }
    }
    let part = PartFile(r.store.part_path(&sha256));
    let received = write_part(r, body, &part.0, size).await?;
    if received.sha256 != sha256 {
        return Err(Box::new(error(
            StatusCode::BAD_REQUEST,
            "hash_mismatch",
            format!(
                "收到的文件内容与其 SHA-256 不符（应为 {sha256}，收到的是 {}），文件可能在传输中损坏，请重新发送。",
                received.sha256
            ),
            &[],
        )));
    }
    let kind = sniff(&received.head);
    if !kind.media_type().eq_ignore_ascii_case(&media_type) {
        return Err(Box::new(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "content_not_matching",
            format!("文件的内容与其类型「{media_type}」不符（内容不是这种格式的文件），请检查文件后重新上传。"),
            &[],
        )));
    }
    let (path, now_ms) = (part.0.clone(), (r.now_ms)());
    let media = kind.media_type().to_string();
    let committed =
        blocking::store(r, move |s| s.commit_upload(&path, &package_id, &sha256, &media, &digest, now_ms)).await?;
    Ok(match committed {
        Committed::Stored => stored(StatusCode::CREATED, &received.sha256, size),
        Committed::AlreadyHeld => stored(StatusCode::OK, &received.sha256, size),
        Committed::WrongSecret => wrong_secret(),
        Committed::PackageFinal => package_final(),
    })
}

/// The declared media type, lower-cased and without parameters.
fn declared_type(headers: &HeaderMap) -> String {
    let value = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The announced length, if the receiver can take a body of that length now.
fn admissible_size(r: &Receiver, headers: &HeaderMap) -> Result<u64, Refusal> {
    let Some(size) = announced_length(headers) else {
        return Err(Box::new(error(
            StatusCode::LENGTH_REQUIRED,
            "length_required",
            "上传文件时须注明长度（Content-Length）。",
            &[],
        )));
    };
    if size > r.limits.max_file_bytes {
        return Err(Box::new(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
            format!("单个文件不能超过 {} MB。", r.limits.max_file_bytes / (1024 * 1024)),
            &[],
        )));
    }
    if size == 0 {
        return Err(Box::new(error(StatusCode::BAD_REQUEST, "empty_file", "文件是空的，请重新选择文件。", &[])));
    }
    // A disk that cannot be read is not taken for a full one: the write itself would fail.
    let free = (r.free_space)(r.store.upload_disk()).unwrap_or(u64::MAX);
    if free < r.limits.disk_reserve_bytes.saturating_add(size) {
        return Err(Box::new(later(
            StatusCode::INSUFFICIENT_STORAGE,
            "storage_full",
            "接收端存储空间不足，暂不接收新的上传，请稍后重试（将自动重试）；已上传完的申报包仍可提交、查询和撤回。",
            600,
        )));
    }
    Ok(size)
}

fn stored(status: StatusCode, sha256: &str, size: u64) -> Response {
    reply(status, json!({ "sha256": sha256, "size": size }))
}

fn package_final() -> Response {
    error(StatusCode::CONFLICT, "package_already_final", "该申报包已经提交，不能再添加文件。", &[])
}

fn package_quota(r: &Receiver) -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        "package_too_large",
        format!(
            "一个申报包的文件合计不能超过 {} MB、{} 个。",
            r.limits.max_package_bytes / (1024 * 1024),
            r.limits.max_files
        ),
        &[],
    )
}

/// What was received of a file: its hash and its first bytes.
struct Received {
    sha256: String,
    head: Vec<u8>,
}

/// Streams the body to `path` while hashing it; the whole announced length must arrive.
async fn write_part(r: &Receiver, body: Body, path: &std::path::Path, size: u64) -> Result<Received, Refusal> {
    let mut out = tokio::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .await
        .map_err(|e| Box::new(storage_failed(e)))?;
    // The file buffers what goes to the disk; a small buffer per upload keeps 100 uploads small.
    out.set_max_buf_size(WRITE_BUFFER_BYTES);
    let mut chunks = Chunks::new(body, &r.limits, r.limits.upload_deadline);
    let (mut hasher, mut head, mut received) = (Sha256::new(), Vec::with_capacity(HEAD_BYTES), 0u64);
    while let Some(chunk) = chunks.next().await? {
        received += chunk.len() as u64;
        if received > size {
            return Err(broken());
        }
        hasher.update(&chunk);
        let room = HEAD_BYTES.saturating_sub(head.len()).min(chunk.len());
        head.extend_from_slice(&chunk[..room]);
        out.write_all(&chunk).await.map_err(|e| Box::new(storage_failed(e)))?;
    }
    if received != size {
        return Err(broken());
    }
    out.flush().await.map_err(|e| Box::new(storage_failed(e)))?;
    out.sync_all().await.map_err(|e| Box::new(storage_failed(e)))?;
    Ok(Received { sha256: to_hex(&hasher.finalize()), head })
}

/// A temporary file that is removed when the request ends, however it ends (moved into place,
/// refused, or dropped with a lost connection); after the move there is nothing to remove.
struct PartFile(PathBuf);

impl Drop for PartFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The bytes an upload will add, counted while it is received so that uploads arriving at once
/// cannot together pass the quota on waiting files.
struct Reservation<'a> {
    total: &'a AtomicU64,
    size: u64,
    /// What the other uploads being received will add.
    others: u64,
}

impl<'a> Reservation<'a> {
    fn new(total: &'a AtomicU64, size: u64) -> Reservation<'a> {
        let others = total.fetch_add(size, Ordering::Relaxed);
        Reservation { total, size, others }
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        self.total.fetch_sub(self.size, Ordering::Relaxed);
    }
}
