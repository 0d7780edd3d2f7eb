//! Keeping stored files tidy: a file is removed only when no draft and no unsent package refers
//! to it any more, and never while any stored draft cannot be read (its files might be in use).

use std::collections::BTreeSet;

use zhicheng_engine::{AttachedFile, Phase};

use crate::portable::referenced_files;
use crate::ports::Ports;

/// Files stored in the last day are left alone: another tab may be about to save a draft that
/// refers to them (an upload, an import).
pub const GRACE_MS: u64 = 24 * 60 * 60 * 1000;

/// The files the unlocked drafts (other than `except`) refer to, deleted drafts still in
/// 最近删除 included, and the files of packages still to send; locked drafts use sealed copies.
/// `None` when any draft cannot be read.
pub async fn files_in_use(ports: &Ports, except: Option<&str>) -> Option<BTreeSet<String>> {
    let all = ports.drafts.list().await.ok()?;
    // An entry that cannot be read (damaged, or from a newer version) may use any file.
    if ports.drafts.count().await.ok()? != all.len() {
        return None;
    }
    let mut used = BTreeSet::new();
    for meta in all.into_iter().filter(|m| m.lock.is_none() && Some(m.id.as_str()) != except) {
        let stored = ports.drafts.load(&meta.id).await.ok()?;
        used.extend(referenced_files(&stored).into_iter().map(|f| f.sha256));
    }
    // Packages still to send need their files, whatever became of their drafts.
    let outbox = ports.outbox.all().await.ok()?;
    used.extend(
        outbox
            .iter()
            .filter(|e| e.phase != Phase::Sent)
            .flat_map(|e| e.manifest.attachments.iter().map(|f| f.sha256.clone())),
    );
    Some(used)
}

/// Removes the plain stored files nothing refers to any more, but those stored in the last day.
pub async fn remove_unused_files(ports: &Ports) {
    let Some(used) = files_in_use(ports, None).await else { return };
    let _ = ports.files.remove_except(used, ports.host.now_ms().saturating_sub(GRACE_MS)).await;
}

/// After locking draft `id`: removes the plain copies of its files that nothing else uses,
/// however recent, so that nothing readable of them stays. Returns whether it could.
pub async fn remove_plain_copies(ports: &Ports, id: &str, files: &[AttachedFile]) -> bool {
    let Some(used) = files_in_use(ports, Some(id)).await else { return false };
    let Ok(stored) = ports.files.list().await else { return false };
    let mine = |hash: &str| files.iter().any(|f| f.sha256 == hash);
    let keep = stored.into_iter().map(|f| f.file.sha256).filter(|h| !mine(h) || used.contains(h)).collect();
    ports.files.remove_except(keep, u64::MAX).await.is_ok()
}
