//! Where attachment files live in the browser: IndexedDB, or this page's memory when the browser
//! refuses it. Besides the session's byte-level `FileStore`, the browser hands files over as
//! Blobs: a chosen file goes into IndexedDB and out to an upload without being copied into
//! WebAssembly memory.

pub mod indexed_db;

use std::collections::BTreeSet;
use std::rc::Rc;

use zhicheng_engine::AttachedFile;
use zhicheng_session::memory::MemoryFiles;
use zhicheng_session::{DraftFiles, FileStore, StoreError, StoredFile, Task};

use crate::files;
use indexed_db::IndexedDbFiles;

/// This browser profile's files.
#[derive(Clone)]
pub enum BrowserFiles {
    IndexedDb(IndexedDbFiles),
    /// The browser refused IndexedDB: files live in this page's memory (`fallback.rs`).
    Memory(Rc<dyn FileStore>),
}

impl BrowserFiles {
    /// Files in memory, made here at once (tests; a page gets its own from `fallback.rs`).
    pub fn in_memory() -> BrowserFiles {
        BrowserFiles::Memory(Rc::new(MemoryFiles::new(crate::drafts::now_ms)))
    }

    fn store(&self) -> &dyn FileStore {
        match self {
            BrowserFiles::IndexedDb(files) => files,
            BrowserFiles::Memory(files) => &**files,
        }
    }

    /// Stores a chosen file's Blob under its hash, once.
    pub async fn put_blob(&self, file: AttachedFile, blob: web_sys::Blob) -> Result<(), StoreError> {
        match self {
            BrowserFiles::IndexedDb(files) => files.put_blob(file, blob).await,
            BrowserFiles::Memory(files) => {
                let bytes = files::read_blob(&blob).await.map_err(StoreError::Unavailable)?;
                files.put(file, bytes).await
            }
        }
    }

    /// The stored plain file under a hash, as a Blob (for uploads and previews).
    pub async fn blob(&self, sha256: &str, media_type: &str) -> Result<web_sys::Blob, StoreError> {
        match self {
            BrowserFiles::IndexedDb(files) => files.blob(sha256).await,
            BrowserFiles::Memory(files) => {
                let bytes = files.bytes(sha256).await?;
                files::blob_of(&bytes, media_type).map_err(StoreError::Unavailable)
            }
        }
    }

    /// Stores a file just chosen for one draft: sealed when the draft is locked, else as a Blob.
    pub async fn put_for(
        &self,
        draft: &DraftFiles,
        file: &AttachedFile,
        blob: web_sys::Blob,
    ) -> Result<(), StoreError> {
        if draft.is_sealed() {
            let bytes = files::read_blob(&blob).await.map_err(StoreError::Unavailable)?;
            draft.put(file, bytes).await
        } else {
            self.put_blob(file.clone(), blob).await
        }
    }

    /// One of a draft's files as a Blob (unsealed when the draft is locked), for previews.
    pub async fn blob_for(&self, draft: &DraftFiles, file: &AttachedFile) -> Result<web_sys::Blob, StoreError> {
        if draft.is_sealed() {
            let bytes = draft.bytes(file).await?;
            files::blob_of(&bytes, &file.media_type).map_err(StoreError::Unavailable)
        } else {
            self.blob(&file.sha256, &file.media_type).await
        }
    }
}

impl FileStore for BrowserFiles {
    fn put(&self, file: AttachedFile, bytes: Vec<u8>) -> Task<()> {
        self.store().put(file, bytes)
    }

    fn bytes(&self, sha256: &str) -> Task<Vec<u8>> {
        self.store().bytes(sha256)
    }

    fn has(&self, sha256: &str) -> Task<bool> {
        self.store().has(sha256)
    }

    fn list(&self) -> Task<Vec<StoredFile>> {
        self.store().list()
    }

    fn remove_except(&self, keep: BTreeSet<String>, stored_before: u64) -> Task<usize> {
        self.store().remove_except(keep, stored_before)
    }

    fn put_sealed(&self, key: &str, sealed: Vec<u8>) -> Task<()> {
        self.store().put_sealed(key, sealed)
    }

    fn sealed(&self, key: &str) -> Task<Vec<u8>> {
        self.store().sealed(key)
    }

    fn remove_sealed(&self, draft_id: &str) -> Task<()> {
        self.store().remove_sealed(draft_id)
    }
}
