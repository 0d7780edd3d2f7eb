//! 加锁 / 解除加锁 of the open draft, and opening a locked one. Locking seals every attached file,
//! then the next save seals the answers; only once that save is stored are the plain copies and
//! the readable 草稿箱 name removed. Removing the lock is the same walk backwards.

use zhicheng_engine::DraftMetaV1;

use crate::open_form::OpenForm;
use crate::ports::keyring::UnlockError;
use crate::ports::Ports;

/// Shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Whether a new passphrase, typed twice, can be used; the error says what to change.
pub fn check_new_passphrase(first: &str, again: &str) -> Result<(), String> {
    if first.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(format!("口令至少 {MIN_PASSPHRASE_CHARS} 个字符，建议用一句话或几个词组合。"));
    }
    if first != again {
        return Err("两次输入的口令不一致，请重新输入。".into());
    }
    Ok(())
}

/// Locks the open draft with `passphrase` (already checked). Nothing changes when it fails.
pub async fn lock(open: &OpenForm, passphrase: &str) -> Result<(), String> {
    let ports = open.ports();
    let id = open.id();
    let done = async {
        let made = ports.keyring.create(&id, passphrase).await?;
        open.files().seal_all(&open.attached_files()).await.map_err(|e| e.message())?;
        Ok::<_, String>(made)
    }
    .await;
    match done {
        Ok(made) => {
            open.set_lock(Some(made));
            Ok(())
        }
        Err(e) => {
            ports.keyring.forget(&id);
            Err(format!("加锁未完成：{e}。草稿没有改动。"))
        }
    }
}

/// Removes the lock of the open draft: its files are made plain first, then the next save
/// stores the answers plain; the key is dropped once that save is stored.
pub async fn unlock(open: &OpenForm) -> Result<(), String> {
    open.files().unseal_all(&open.attached_files()).await.map_err(|e| format!("解除加锁未完成：{}", e.message()))?;
    open.set_lock(None);
    Ok(())
}

/// Gives this page the key of a locked draft, so that it can open.
pub async fn unlock_stored(ports: &Ports, meta: &DraftMetaV1, passphrase: &str) -> Result<(), String> {
    let Some(lock) = &meta.lock else { return Ok(()) };
    match ports.keyring.unlock(&meta.id, lock, passphrase).await {
        Ok(()) => Ok(()),
        Err(UnlockError::WrongPassphrase) => Err("口令不正确，请重新输入（口令区分大小写和全角、半角）。".into()),
        Err(UnlockError::Damaged(why)) => Err(why),
    }
}
