//! One draft's view of the file store. An unlocked draft shares plain files by content hash; a
//! locked one (its key held by this page) keeps its own sealed copies, so that while it is locked
//! nothing readable about the applicant is stored.

use std::rc::Rc;

use zhicheng_engine::AttachedFile;

use crate::ports::drafts::StoreError;
use crate::ports::files::{sealed_key, FileStore};
use crate::ports::keyring::Keyring;

#[derive(Clone)]
pub struct DraftFiles {
    pub store: Rc<dyn FileStore>,
    keyring: Rc<dyn Keyring>,
    pub draft_id: String,
}

fn no_key() -> StoreError {
    StoreError::Unavailable("本页没有这份草稿的口令".into())
}

impl DraftFiles {
    pub fn new(store: Rc<dyn FileStore>, keyring: Rc<dyn Keyring>, draft_id: &str) -> DraftFiles {
        DraftFiles { store, keyring, draft_id: draft_id.to_string() }
    }

    /// Whether this draft's files are kept sealed (it is locked, and open here).
    pub fn is_sealed(&self) -> bool {
        self.keyring.holds(&self.draft_id)
    }

    /// Stores a newly chosen file for this draft.
    pub async fn put(&self, file: &AttachedFile, bytes: Vec<u8>) -> Result<(), StoreError> {
        if self.is_sealed() {
            self.put_sealed(file, bytes).await
        } else {
            self.store.put(file.clone(), bytes).await
        }
    }

    /// Takes a file from 「我的资料库」 (stored plain for another draft) into this draft.
    pub async fn adopt(&self, file: &AttachedFile) -> Result<(), StoreError> {
        if !self.is_sealed() {
            return Ok(());
        }
        let bytes = self.store.bytes(&file.sha256).await?;
        self.put_sealed(file, bytes).await
    }

    /// The bytes of one of this draft's files, unsealed when the draft is locked (while a lock
    /// is being added or removed, whichever copy exists).
    pub async fn bytes(&self, file: &AttachedFile) -> Result<Vec<u8>, StoreError> {
        if !self.is_sealed() {
            return self.store.bytes(&file.sha256).await;
        }
        match self.store.sealed(&sealed_key(&self.draft_id, &file.sha256)).await {
            Ok(sealed) => self.unsealed(file, sealed).await,
            Err(_) => self.store.bytes(&file.sha256).await,
        }
    }

    /// Locking: seals a copy of every file that has none yet (the plain ones are removed once
    /// no unlocked draft uses them, after the sealed body is saved). Safe to run again.
    pub async fn seal_all(&self, all: &[AttachedFile]) -> Result<(), StoreError> {
        if !self.is_sealed() {
            return Err(no_key());
        }
        for file in all {
            if self.store.sealed(&sealed_key(&self.draft_id, &file.sha256)).await.is_ok() {
                continue;
            }
            let bytes = self.store.bytes(&file.sha256).await?;
            self.put_sealed(file, bytes).await?;
        }
        Ok(())
    }

    /// Plain copies of every file that has none (call while the key is still held): for
    /// removing the lock, and for a package, which is sent plain. Safe to run again.
    pub async fn unseal_all(&self, all: &[AttachedFile]) -> Result<(), StoreError> {
        for file in all {
            if self.store.has(&file.sha256).await? {
                continue;
            }
            if !self.is_sealed() {
                return Err(no_key());
            }
            let sealed = self.store.sealed(&sealed_key(&self.draft_id, &file.sha256)).await?;
            let bytes = self.unsealed(file, sealed).await?;
            self.store.put(file.clone(), bytes).await?;
        }
        Ok(())
    }

    async fn unsealed(&self, file: &AttachedFile, sealed: Vec<u8>) -> Result<Vec<u8>, StoreError> {
        self.keyring
            .unseal(&self.draft_id, sealed)
            .await
            .map_err(|_| StoreError::Damaged(format!("附件「{}」已损坏，无法解密", file.name)))
    }

    async fn put_sealed(&self, file: &AttachedFile, bytes: Vec<u8>) -> Result<(), StoreError> {
        let sealed = self.keyring.seal(&self.draft_id, bytes).await.map_err(StoreError::Unavailable)?;
        self.store.put_sealed(&sealed_key(&self.draft_id, &file.sha256), sealed).await
    }
}
