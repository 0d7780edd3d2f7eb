//! Attachment files in IndexedDB: `file_info` (a `StoredFile` per hash) and `file_blobs` (the
//! Blob per hash). A put writes both in one transaction, and only when the hash is new.

use std::collections::BTreeSet;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use wasm_bindgen::{JsCast, JsValue};
use zhicheng_engine::AttachedFile;
use zhicheng_session::{FileStore, StoreError, StoredFile, Task};

use crate::drafts::now_ms;
use crate::files;
use crate::idb::{begin, database, decode, store, store_error, to_js, Shelf, FILE_BLOBS, FILE_INFO};

/// The files of this browser profile, in IndexedDB (the same database as the drafts).
#[derive(Clone, Copy)]
pub struct IndexedDbFiles(pub Shelf);

impl IndexedDbFiles {
    /// Stores `blob` under `file.sha256`, once: content already stored is left as it is.
    pub fn put_blob(&self, file: AttachedFile, blob: web_sys::Blob) -> Task<()> {
        let sha256 = file.sha256.clone();
        let info = to_js(&StoredFile { file, stored_at: now_ms() });
        let shelf = self.0;
        Box::pin(async move {
            let info = info?;
            let db = database(shelf).await?;
            let tx = begin(&db, &[FILE_INFO, FILE_BLOBS], TransactionMode::Readwrite)?;
            let infos = store(&tx, FILE_INFO)?;
            let known: Option<JsValue> = infos.get(sha256.as_str()).await.map_err(store_error)?;
            if known.is_none() {
                store(&tx, FILE_BLOBS)?
                    .put(JsValue::from(blob))
                    .with_key(sha256.as_str())
                    .await
                    .map_err(store_error)?;
                infos.put(info).with_key(sha256.as_str()).await.map_err(store_error)?;
            }
            tx.commit().await.map_err(store_error)
        })
    }

    /// The Blob stored under a hash (or a sealed copy's key).
    pub fn blob(&self, sha256: &str) -> Task<web_sys::Blob> {
        let sha256 = sha256.to_string();
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[FILE_BLOBS], TransactionMode::Readonly)?;
            let found: Option<JsValue> = store(&tx, FILE_BLOBS)?.get(sha256.as_str()).await.map_err(store_error)?;
            found
                .ok_or_else(|| StoreError::Damaged("附件文件缺失".into()))?
                .dyn_into::<web_sys::Blob>()
                .map_err(|_| StoreError::Damaged("附件文件无法读取".into()))
        })
    }
}

impl FileStore for IndexedDbFiles {
    fn put(&self, file: AttachedFile, bytes: Vec<u8>) -> Task<()> {
        let this = *self;
        Box::pin(async move {
            let blob = files::blob_of(&bytes, &file.media_type).map_err(StoreError::Unavailable)?;
            this.put_blob(file, blob).await
        })
    }

    fn bytes(&self, sha256: &str) -> Task<Vec<u8>> {
        let blob = self.blob(sha256);
        Box::pin(async move { files::read_blob(&blob.await?).await.map_err(StoreError::Damaged) })
    }

    fn has(&self, sha256: &str) -> Task<bool> {
        let sha256 = sha256.to_string();
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[FILE_INFO], TransactionMode::Readonly)?;
            let known: Option<JsValue> = store(&tx, FILE_INFO)?.get(sha256.as_str()).await.map_err(store_error)?;
            Ok(known.is_some())
        })
    }

    fn list(&self) -> Task<Vec<StoredFile>> {
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[FILE_INFO], TransactionMode::Readonly)?;
            let all = store(&tx, FILE_INFO)?.get_all::<JsValue>().await.map_err(store_error)?;
            // One damaged record must not hide the others.
            Ok(all.flatten().filter_map(|v| decode::<StoredFile>(Some(v)).ok().flatten()).collect())
        })
    }

    fn put_sealed(&self, key: &str, sealed: Vec<u8>) -> Task<()> {
        let key = key.to_string();
        let shelf = self.0;
        Box::pin(async move {
            let blob = files::blob_of(&sealed, "application/octet-stream").map_err(StoreError::Unavailable)?;
            let db = database(shelf).await?;
            let tx = begin(&db, &[FILE_BLOBS], TransactionMode::Readwrite)?;
            store(&tx, FILE_BLOBS)?.put(JsValue::from(blob)).with_key(key.as_str()).await.map_err(store_error)?;
            tx.commit().await.map_err(store_error)
        })
    }

    fn sealed(&self, key: &str) -> Task<Vec<u8>> {
        let this = *self;
        let key = key.to_string();
        Box::pin(async move {
            let blob = this.blob(&key).await?;
            files::read_blob(&blob).await.map_err(StoreError::Damaged)
        })
    }

    fn remove_sealed(&self, draft_id: &str) -> Task<()> {
        // Keys `<id>/<64 hex digits>` sort between `<id>/` and `<id>0` ('0' follows '/').
        let range = KeyRange::Bound(
            JsValue::from_str(&format!("{draft_id}/")),
            false,
            JsValue::from_str(&format!("{draft_id}0")),
            true,
        );
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[FILE_BLOBS], TransactionMode::Readwrite)?;
            store(&tx, FILE_BLOBS)?.delete::<JsValue, _>(range).await.map_err(store_error)?;
            tx.commit().await.map_err(store_error)
        })
    }

    fn remove_except(&self, keep: BTreeSet<String>, stored_before: u64) -> Task<usize> {
        let shelf = self.0;
        Box::pin(async move {
            let db = database(shelf).await?;
            let tx = begin(&db, &[FILE_INFO, FILE_BLOBS], TransactionMode::Readwrite)?;
            let (infos, blobs) = (store(&tx, FILE_INFO)?, store(&tx, FILE_BLOBS)?);
            let all = infos.get_all::<JsValue>().await.map_err(store_error)?;
            let stored: Vec<StoredFile> =
                all.flatten().filter_map(|v| decode::<StoredFile>(Some(v)).ok().flatten()).collect();
            let mut removed = 0;
            for old in stored.iter().filter(|f| !keep.contains(&f.file.sha256) && f.stored_at < stored_before) {
                infos.delete(old.file.sha256.as_str()).await.map_err(store_error)?;
                blobs.delete(old.file.sha256.as_str()).await.map_err(store_error)?;
                removed += 1;
            }
            tx.commit().await.map_err(store_error)?;
            Ok(removed)
        })
    }
}
