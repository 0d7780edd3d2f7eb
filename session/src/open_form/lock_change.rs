//! The end of a lock change, once the first save in the new form is stored: files attached while
//! the change ran are sealed (or made plain) too, and only then are the old copies and the
//! readable 草稿箱 name removed (or the name put back).

use super::OpenForm;
use crate::autosave::machine::LockChange;
use crate::housekeeping::remove_plain_copies;
use crate::ports::drafts::EntryChange;

/// Finishes a lock change once a body in the new form is stored: files attached while the
/// change ran are sealed (or made plain) too, and only then are the old copies removed.
pub(super) async fn finish_change(open: &OpenForm, change: LockChange) {
    let ports = open.ports().clone();
    let (id, files, all) = (open.id(), open.files(), open.attached_files());
    match change {
        LockChange::Locked => {
            if let Err(e) = files.seal_all(&all).await {
                return open.note(format!("加锁后整理附件未完成：{}（明文附件暂不删除）", e.message()));
            }
            ports.rescues.forget_draft(&id);
            let _ = ports.drafts.change_entry(&id, EntryChange::Rename(None)).await;
            if !remove_plain_copies(&ports, &id, &all).await {
                open.note("已加锁；但有草稿无法读取，未加密的附件副本暂未删除".into());
            }
        }
        LockChange::Unlocked => {
            if let Err(e) = files.unseal_all(&all).await {
                return open.note(format!("解除加锁后整理附件未完成：{}（加密副本暂不删除）", e.message()));
            }
            ports.keyring.forget(&id);
            let _ = ports.drafts.change_entry(&id, EntryChange::Rename(open.own_name())).await;
            let _ = ports.files.remove_sealed(&id).await;
        }
    }
}
