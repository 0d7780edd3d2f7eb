//! Attachment files in memory: the double for tests, and where files live for the session when
//! the browser refuses IndexedDB. Keeps bytes, so it can be shared between threads as the UI's
//! context requires, and gives out a fresh Blob on each read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use zhicheng_engine::AttachedFile;

use super::{FileStore, StoredFile};
use crate::browser::drafts::{now_ms, StoreError, Task};
use crate::browser::files;

#[derive(Default)]
pub struct MemoryFiles {
    files: Arc<Mutex<BTreeMap<String, (StoredFile, Vec<u8>)>>>,
    sealed: Mutex<BTreeMap<String, Vec<u8>>>,
}

fn unavailable<T>(_: T) -> StoreError {
    StoreError::Unavailable("内存存储不可用".into())
}

impl FileStore for MemoryFiles {
    fn put(&self, file: AttachedFile, blob: web_sys::Blob) -> Task<'static, ()> {
        let files = self.files.clone();
        Box::pin(async move {
            let bytes = files::read_blob(&blob).await.map_err(StoreError::Unavailable)?;
            let mut files = files.lock().map_err(unavailable)?;
            files.entry(file.sha256.clone()).or_insert((StoredFile { file, stored_at: now_ms() }, bytes));
            Ok(())
        })
    }

    fn blob(&self, sha256: &str) -> Task<'static, web_sys::Blob> {
        let found = self.files.lock().map_err(unavailable).and_then(|f| {
            let (info, bytes) = f.get(sha256).ok_or_else(|| StoreError::Damaged("附件文件缺失".into()))?;
            files::blob_of(bytes, &info.file.media_type).map_err(StoreError::Unavailable)
        });
        Box::pin(async move { found })
    }

    fn list(&self) -> Task<'static, Vec<StoredFile>> {
        let listed = self.files.lock().map_err(unavailable).map(|f| f.values().map(|(info, _)| info.clone()).collect());
        Box::pin(async move { listed })
    }

    fn remove_except(&self, keep: BTreeSet<String>, stored_before: u64) -> Task<'static, usize> {
        let removed = self.files.lock().map_err(unavailable).map(|mut f| {
            let before = f.len();
            f.retain(|hash, (info, _)| keep.contains(hash) || info.stored_at >= stored_before);
            before - f.len()
        });
        Box::pin(async move { removed })
    }

    fn put_sealed(&self, key: &str, sealed: Vec<u8>) -> Task<'static, ()> {
        let done = self.sealed.lock().map_err(unavailable).map(|mut s| {
            s.insert(key.to_string(), sealed);
        });
        Box::pin(async move { done })
    }

    fn sealed(&self, key: &str) -> Task<'static, Vec<u8>> {
        let found = self
            .sealed
            .lock()
            .map_err(unavailable)
            .and_then(|s| s.get(key).cloned().ok_or_else(|| StoreError::Damaged("附件文件缺失".into())));
        Box::pin(async move { found })
    }

    fn remove_sealed(&self, draft_id: &str) -> Task<'static, ()> {
        let prefix = format!("{draft_id}/");
        let done = self.sealed.lock().map_err(unavailable).map(|mut s| s.retain(|k, _| !k.starts_with(&prefix)));
        Box::pin(async move { done })
    }
}
