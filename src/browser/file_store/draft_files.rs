//! One draft's view of the file store. An unlocked draft shares plain files by content hash; a
//! locked one (its key held by this page) keeps its own sealed copies, so that while it is locked
//! nothing readable about the applicant is stored.

use zhicheng_engine::AttachedFile;

use super::{sealed_key, FileRepository};
use crate::browser::drafts::StoreError;
use crate::browser::{files, lock};

#[derive(Clone)]
pub struct DraftFiles {
    pub store: FileRepository,
    pub draft_id: String,
}

impl DraftFiles {
    pub fn new(store: FileRepository, draft_id: &str) -> DraftFiles {
        DraftFiles { store, draft_id: draft_id.to_string() }
    }

    fn key(&self) -> Option<web_sys::CryptoKey> {
        lock::key(&self.draft_id)
    }

    /// Stores a newly chosen file for this draft.
    pub async fn put(&self, file: &AttachedFile, blob: web_sys::Blob) -> Result<(), StoreError> {
        match self.key() {
            None => self.store.put(file.clone(), blob).await,
            Some(key) => {
                let bytes = files::read_blob(&blob).await.map_err(StoreError::Unavailable)?;
                self.put_sealed(&key, file, &bytes).await
            }
        }
    }

    /// Takes a file from 「我的资料库」 (stored plain for another draft) into this draft.
    pub async fn adopt(&self, file: &AttachedFile) -> Result<(), StoreError> {
        match self.key() {
            None => Ok(()),
            Some(key) => {
                let bytes = self.plain_bytes(file).await?;
                self.put_sealed(&key, file, &bytes).await
            }
        }
    }

    /// The content of one of this draft's files.
    pub async fn blob(&self, file: &AttachedFile) -> Result<web_sys::Blob, StoreError> {
        match self.key() {
            None => self.store.blob(&file.sha256).await,
            Some(_) => files::blob_of(&self.bytes(file).await?, &file.media_type).map_err(StoreError::Unavailable),
        }
    }

    /// The bytes of one of this draft's files, unsealed when the draft is locked (while a lock
    /// is being added or removed, whichever copy exists).
    pub async fn bytes(&self, file: &AttachedFile) -> Result<Vec<u8>, StoreError> {
        let Some(key) = self.key() else { return self.plain_bytes(file).await };
        match self.store.sealed(&sealed_key(&self.draft_id, &file.sha256)).await {
            Ok(sealed) => Self::unsealed(&key, file, &sealed).await,
            Err(_) => self.plain_bytes(file).await,
        }
    }

    /// Locking: seals a copy of every file that has none yet (the plain ones are removed once
    /// no unlocked draft uses them, after the sealed body is saved). Safe to run again.
    pub async fn seal_all(&self, all: &[AttachedFile]) -> Result<(), StoreError> {
        let key = self.key().ok_or_else(|| StoreError::Unavailable("本页没有这份草稿的口令".into()))?;
        for file in all {
            if self.store.sealed(&sealed_key(&self.draft_id, &file.sha256)).await.is_ok() {
                continue;
            }
            let bytes = self.plain_bytes(file).await?;
            self.put_sealed(&key, file, &bytes).await?;
        }
        Ok(())
    }

    /// Removing the lock: stores every file plain again that is not already (call while the
    /// key is still held). Safe to run again.
    pub async fn unseal_all(&self, all: &[AttachedFile]) -> Result<(), StoreError> {
        for file in all {
            if self.store.blob(&file.sha256).await.is_ok() {
                continue;
            }
            let key = self.key().ok_or_else(|| StoreError::Unavailable("本页没有这份草稿的口令".into()))?;
            let sealed = self.store.sealed(&sealed_key(&self.draft_id, &file.sha256)).await?;
            let bytes = Self::unsealed(&key, file, &sealed).await?;
            let blob = files::blob_of(&bytes, &file.media_type).map_err(StoreError::Unavailable)?;
            self.store.put(file.clone(), blob).await?;
        }
        Ok(())
    }

    async fn unsealed(key: &web_sys::CryptoKey, file: &AttachedFile, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        lock::unseal(key, sealed)
            .await
            .map_err(|_| StoreError::Damaged(format!("附件「{}」已损坏，无法解密", file.name)))
    }

    async fn plain_bytes(&self, file: &AttachedFile) -> Result<Vec<u8>, StoreError> {
        let blob = self.store.blob(&file.sha256).await?;
        files::read_blob(&blob).await.map_err(StoreError::Damaged)
    }

    async fn put_sealed(&self, key: &web_sys::CryptoKey, file: &AttachedFile, bytes: &[u8]) -> Result<(), StoreError> {
        let sealed = lock::seal(key, bytes).await.map_err(StoreError::Unavailable)?;
        self.store.put_sealed(&sealed_key(&self.draft_id, &file.sha256), sealed).await
    }
}
