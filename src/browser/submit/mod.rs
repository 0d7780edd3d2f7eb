//! Submission of finished declarations (protocol/README.md): the endpoint's requests (`http.rs`,
//! file uploads with progress in `upload.rs`),
//! the outbox in IndexedDB (`outbox.rs`) and the loop that sends an entry until it has its receipt
//! (`sender.rs`). The package itself, and every decision about replies, is the engine's.

pub mod http;
pub mod outbox;
pub mod sender;
pub mod upload;

use zhicheng_engine::package::uuid_v4;
use zhicheng_engine::{FinishedDeclaration, PackageManifestV1, PackageStamp, PackagedReport, SubmissionV1};

use crate::browser::drafts::now_ms;

/// A new outbox entry for a finished declaration, with a fresh package id (the idempotency key).
pub fn new_submission(
    finished: FinishedDeclaration<'_>,
    reports: Vec<PackagedReport>,
    draft_id: &str,
    title: &str,
    endpoint: &str,
) -> Result<SubmissionV1, String> {
    let mut random = [0u8; 16];
    web_sys::window()
        .ok_or("没有浏览器窗口")?
        .crypto()
        .and_then(|c| c.get_random_values_with_u8_array(&mut random))
        .map_err(|_| "浏览器无法生成随机编号")?;
    let now = now_ms();
    let stamp = PackageStamp {
        package_id: uuid_v4(random),
        client_version: env!("CARGO_PKG_VERSION").to_string(),
        created_at_ms: now,
        submitted_at_ms: now,
    };
    let manifest = PackageManifestV1::build(finished, stamp, reports);
    // Refused here, before any byte is sent, rather than by the receiver after every upload.
    let problems: Vec<String> = manifest.check().into_iter().map(|p| format!("{}：{}", p.path, p.message)).collect();
    if !problems.is_empty() {
        return Err(format!("申报包不符合提交协议（{}），请修改后再提交", problems.join("；")));
    }
    Ok(SubmissionV1::new(manifest, draft_id, title, endpoint, now))
}
